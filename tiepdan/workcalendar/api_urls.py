"""API routes of the working calendar and the deadline calculator (mounted under /api/v1/)."""

urlpatterns: list = []
