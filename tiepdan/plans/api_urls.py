"""API routes of plans and rosters (mounted under /api/v1/)."""

urlpatterns: list = []
