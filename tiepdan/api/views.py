"""Endpoints of the API that belong to no domain app."""

from django.db import DatabaseError, connection
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.ops.health import readiness

# The same body whether the database answers (200) or not (503, "degraded").
HEALTH = inline_serializer(
    "Health", {"status": serializers.CharField(), "database": serializers.CharField()}
)


class HealthApi(APIView):
    """Liveness and database reachability, for load balancers and monitoring."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []  # load balancers poll it from one address

    @extend_schema(
        operation_id="health",
        responses={200: HEALTH, 503: HEALTH},
    )
    def get(self, request: Request) -> Response:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            return Response({"status": "degraded", "database": "error"}, status=503)
        return Response({"status": "ok", "database": "ok"})


READINESS = inline_serializer(
    "Readiness",
    {
        "status": serializers.CharField(),
        "database": serializers.CharField(),
        "worker": serializers.CharField(help_text="ok, stale, immediate (no worker needed)"),
        "disk": serializers.CharField(help_text="ok or low (free space under the threshold)"),
        "storage": serializers.CharField(help_text="ok or error (the object storage fails)"),
        "mail": serializers.CharField(help_text="ok or error (the mail server fails)"),
        "replicas": serializers.DictField(
            child=serializers.CharField(),
            help_text="Each read replica: ok, lagging or down (its reads go to the primary)",
        ),
    },
)


class ReadinessApi(APIView):
    """Readiness: the database, a task worker's recent heartbeat, free disk space, the object
    storage, the mail server, the read replicas. 503 when the database or the worker fails;
    "degraded" with 200 when only the disk runs low, the storage or the mail server fails, or
    a replica is down or behind."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(operation_id="health_ready", responses={200: READINESS, 503: READINESS})
    def get(self, request: Request) -> Response:
        body = readiness()
        serving = body["database"] == "ok" and body["worker"] in {"ok", "immediate"}
        return Response(body, status=200 if serving else 503)
