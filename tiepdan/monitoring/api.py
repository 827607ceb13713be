"""GET /api/v1/alerts/ of api-contract.md; hotspots and the visit forecast (api_urls.py)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.api import Pagination
from tiepdan.monitoring import forecast, permissions, selectors
from tiepdan.monitoring.models import Alert, Hotspot
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.api import ERRORS
from tiepdan.organizations.http import AuthenticatedApiRequest
from tiepdan.organizations.models import Unit


class AlertOutputSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField[Unit](slug_field="code", read_only=True)
    routed_to = serializers.SlugRelatedField[Unit](slug_field="code", read_only=True, many=True)

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
    # Read by the schema generator only: it documents the paginated envelope of the list.
    pagination_class = Pagination

    @extend_schema(
        operation_id="alerts_list",
        parameters=[OpenApiParameter("unit", str, description="Mã đơn vị")],
        responses={200: AlertOutputSerializer(many=True), 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request: AuthenticatedApiRequest) -> Response:
        unit = None
        if request.query_params.get("unit"):
            unit = org_selectors.unit_get(request.user, request.query_params["unit"])
        alerts = selectors.alert_list(request.user, unit)
        paginator = Pagination()
        page = paginator.paginate_queryset(alerts, request, view=self)
        return paginator.get_paginated_response(AlertOutputSerializer(page, many=True).data)


class HotspotOutputSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField[Unit](slug_field="code", read_only=True)

    class Meta:
        model = Hotspot
        fields = [
            "id",
            "unit",
            "kind",
            "title",
            "domain",
            "place",
            "score",
            "level",
            "people",
            "citizens",
            "explanation",
            "trend",
            "last_activity_on",
            "scanned_at",
        ]


class HotspotListApi(APIView):
    # Read by the schema generator only: it documents the paginated envelope of the list.
    pagination_class = Pagination

    @extend_schema(
        operation_id="hotspots_list",
        parameters=[OpenApiParameter("unit", str, required=True, description="Mã đơn vị")],
        responses={
            200: HotspotOutputSerializer(many=True),
            401: ERRORS[401],
            403: ERRORS[403],
            404: ERRORS[404],
        },
    )
    def get(self, request: AuthenticatedApiRequest) -> Response:
        unit = org_selectors.unit_get(request.user, request.query_params.get("unit", ""))
        if not permissions.can_view_dashboard(request.user, unit):
            raise PermissionDenied
        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.hotspot_list(request.user, unit), request, view=self
        )
        return paginator.get_paginated_response(HotspotOutputSerializer(page, many=True).data)


class VisitForecastApi(APIView):
    class InputSerializer(serializers.Serializer):
        unit = serializers.CharField()
        first = serializers.DateField()
        last = serializers.DateField()

        def validate(self, attrs):
            if attrs["last"] < attrs["first"]:
                raise serializers.ValidationError({"last": "Ngày cuối phải không trước ngày đầu."})
            if (attrs["last"] - attrs["first"]).days > 120:
                raise serializers.ValidationError({"last": "Chỉ dự báo tối đa 120 ngày."})
            return attrs

    @extend_schema(
        operation_id="forecast_visits",
        parameters=[
            OpenApiParameter("unit", str, required=True),
            OpenApiParameter("first", OpenApiTypes.DATE, required=True, description="YYYY-MM-DD"),
            OpenApiParameter("last", OpenApiTypes.DATE, required=True, description="YYYY-MM-DD"),
        ],
        responses={
            200: dict,
            400: ERRORS[400],
            401: ERRORS[401],
            403: ERRORS[403],
            404: ERRORS[404],
        },
    )
    def get(self, request: AuthenticatedApiRequest) -> Response:
        data = self.InputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        unit = org_selectors.unit_get(request.user, data.validated_data["unit"])
        if not permissions.can_view_dashboard(request.user, unit):
            raise PermissionDenied
        rows = forecast.forecast_visits(
            unit, data.validated_data["first"], data.validated_data["last"]
        )
        return Response(
            {
                "unit": unit.code,
                "days": [
                    {
                        "date": d,
                        "expected": e,
                        "low": lo,
                        "high": hi,
                        "officers": forecast.officers_needed(hi),
                    }
                    for d, e, lo, hi in rows
                ],
            }
        )
