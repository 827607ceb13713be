"""`GET /api/v1/reports/{form}/` of api-contract.md ("Statutory reports")."""

import datetime as dt
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.dates import PERIOD_DATE_VALIDATORS
from tiepdan.core.errors import DomainError
from tiepdan.organizations.api import ERRORS
from tiepdan.organizations.http import AuthenticatedApiRequest
from tiepdan.reports import outputs, permissions, selectors, services
from tiepdan.reports.forms_registry import (
    FORM_CODES,
    FormNotInForce,
    UnknownForm,
    form_version_for,
)
from tiepdan.reports.periods import Period


class XlsxRenderer(BaseRenderer):
    """Lets `?format=xlsx` through DRF's content negotiation; the view returns the bytes."""

    media_type = outputs.XLSX_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context=None
    ) -> bytes:
        return data if isinstance(data, bytes) else JSONRenderer().render(data)


class FormatParameterWins(DefaultContentNegotiation):
    """`?format=` chooses the answer whatever `Accept` says (api-contract.md: the query
    parameter wins); without it, the usual negotiation."""

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        for renderer in renderers:
            if wanted and renderer.format == wanted:
                return renderer, renderer.media_type
        return super().select_renderer(request, renderers, format_suffix)


def report_period(form: str, data: dict[str, Any]) -> Period:
    """Validate the form code and the dates (400 `unknown_form`, `invalid_period`)."""
    if form not in FORM_CODES:
        raise DomainError(
            f"Không có biểu báo cáo «{form}». Các biểu: {', '.join(FORM_CODES)}.",
            code="unknown_form",
            fields={"form": [f"Chọn một trong: {', '.join(FORM_CODES)}."]},
        )
    start: dt.date = data["from_"]
    end: dt.date = data["to"]
    if start > end:
        raise DomainError(
            "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.",
            code="invalid_period",
            fields={"from": ["Sau ngày kết thúc."]},
        )
    return Period(start, end)


# Counts are whole numbers; money (triệu đồng) and land (m²) of the KQGQ forms may have decimals.
COLUMNS_HELP = (
    "Theo số thứ tự cột của biểu; số lượt, số đơn, số vụ việc là số nguyên, tiền (triệu đồng) "
    "và đất (m²) có thể có phần thập phân."
)


class ReportApi(APIView):
    renderer_classes = [JSONRenderer, XlsxRenderer]
    content_negotiation_class = FormatParameterWins

    @extend_schema_serializer(component_name="ReportQuery")
    class InputSerializer(serializers.Serializer):
        unit = serializers.CharField(max_length=32)
        from_ = serializers.DateField(validators=PERIOD_DATE_VALIDATORS)
        to = serializers.DateField(validators=PERIOD_DATE_VALIDATORS)

        def get_fields(self) -> dict[str, serializers.Field]:
            fields = super().get_fields()
            fields["from"] = fields.pop("from_")
            return fields

        def to_internal_value(self, data: Any) -> dict[str, Any]:
            values = super().to_internal_value(data)
            values["from_"] = values.pop("from")
            return values

    @extend_schema_serializer(component_name="ReportRow")
    class RowSerializer(serializers.Serializer):
        unit = serializers.CharField()
        name = serializers.CharField()
        own = serializers.BooleanField(help_text="Số liệu của chính đơn vị (không gồm cấp dưới).")
        columns = serializers.DictField(child=serializers.FloatField(), help_text=COLUMNS_HELP)

    @extend_schema_serializer(component_name="Report")
    class OutputSerializer(serializers.Serializer):
        form = serializers.CharField()
        version = serializers.CharField()
        legal_basis = serializers.CharField(
            help_text="Văn bản ban hành biểu, ví dụ Thông tư 06/2025/TT-TTCP."
        )
        unit = serializers.CharField()
        to = serializers.DateField()
        columns = serializers.DictField(child=serializers.FloatField(), help_text=COLUMNS_HELP)
        rows = serializers.ListField(child=serializers.DictField())
        pending_columns = serializers.ListField(
            child=serializers.IntegerField(),
            help_text="Cột chưa có dữ liệu trong hệ thống (trả về 0, không phải số đã tính).",
        )
        arithmetic = serializers.ListField(
            child=serializers.CharField(),
            help_text="Các quan hệ cộng, so sánh của biểu và giữa các biểu không khớp.",
        )

        def get_fields(self) -> dict[str, serializers.Field]:
            fields = super().get_fields()
            fields["from"] = serializers.DateField()
            fields["rows"] = ReportApi.RowSerializer(many=True)
            return fields

    @extend_schema(
        operation_id="reports_retrieve",
        parameters=[
            OpenApiParameter(
                "form", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(FORM_CODES)
            ),
            OpenApiParameter("unit", OpenApiTypes.STR, required=True),
            OpenApiParameter("from", OpenApiTypes.DATE, required=True),
            OpenApiParameter("to", OpenApiTypes.DATE, required=True),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "xlsx"]),
        ],
        responses={
            (200, "application/json"): OutputSerializer,
            (200, outputs.XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY),
            **ERRORS,
        },
    )
    def get(self, request: AuthenticatedApiRequest, form: str) -> Response | HttpResponse:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        period = report_period(form, params.validated_data)
        unit = permissions.get_report_unit_or_404(request.user, params.validated_data["unit"])
        try:
            version = form_version_for(form, period.end)
        except UnknownForm as exc:  # pragma: no cover — checked above
            raise DomainError("Biểu không hợp lệ.", code="unknown_form") from exc
        except FormNotInForce as exc:
            raise DomainError(
                exc.message, code="form_not_in_force", fields={"form": [exc.message]}
            ) from exc
        report = selectors.report_compute(version, unit, period)
        if request.accepted_renderer.format == "xlsx":
            response = HttpResponse(outputs.report_xlsx(report), content_type=outputs.XLSX_TYPE)
            response["Content-Disposition"] = (
                f'attachment; filename="{outputs.filename(report, "xlsx")}"'
            )
            return response
        return Response(services.report_payload(report))

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and response.status_code >= 400:
            # Errors stay JSON even when the spreadsheet was asked for.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = "application/json"
        return response
