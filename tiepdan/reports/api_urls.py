"""API routes of the statutory reports (mounted under /api/v1/)."""

urlpatterns: list = []
