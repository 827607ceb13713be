"""GET /api/v1/alerts/ of api-contract.md."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.api import Pagination
from tiepdan.monitoring import selectors
from tiepdan.monitoring.models import Alert
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.api import ERRORS


class AlertOutputSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    routed_to = serializers.SlugRelatedField(slug_field="code", read_only=True, many=True)

    class Meta:
        model = Alert
        fields = [
            "id",
            "kind",
            "unit",
            "level",
            "created_at",
            "status",
            "summary",
            "subjects",
            "routed_to",
        ]


class AlertListApi(APIView):
    @extend_schema(
        operation_id="alerts_list",
        parameters=[OpenApiParameter("unit", str, description="Mã đơn vị")],
        responses={200: AlertOutputSerializer(many=True), 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request: Request) -> Response:
        unit = None
        if request.query_params.get("unit"):
            unit = org_selectors.unit_get(request.user, request.query_params["unit"])
        alerts = selectors.alert_list(request.user, unit)
        paginator = Pagination()
        page = paginator.paginate_queryset(alerts, request, view=self)
        return paginator.get_paginated_response(AlertOutputSerializer(page, many=True).data)
