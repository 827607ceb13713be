"""Working calendar and deadline calculator endpoints of api-contract.md."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.api import ErrorSerializer, JsonTypedSerializer
from tiepdan.core.errors import DomainError
from tiepdan.organizations import permissions
from tiepdan.organizations.http import AuthenticatedApiRequest
from tiepdan.workcalendar import selectors, services
from tiepdan.workcalendar.permissions import CalendarAction
from tiepdan.workcalendar.rules import rule_catalogue

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Dữ liệu không hợp lệ"),
    401: OpenApiResponse(ErrorSerializer, description="Chưa xác thực"),
    403: OpenApiResponse(ErrorSerializer, description="Không có quyền"),
}

DATE_ERRORS: dict[str, Any] = {
    "invalid": _("Ngày không hợp lệ; dùng định dạng YYYY-MM-DD."),
    "datetime": _("Cần một ngày (YYYY-MM-DD), không phải ngày giờ."),
    "required": _("Trường này là bắt buộc."),
    "null": _("Trường này không được để trống."),
}


class DayItemSerializer(serializers.Serializer):
    date = serializers.DateField(error_messages=DATE_ERRORS)
    name = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")


class DayItemInputSerializer(JsonTypedSerializer, DayItemSerializer):
    # DRF's stubs type a field named `source` as the field's source path.
    source = serializers.CharField(  # type: ignore[assignment]
        max_length=255, allow_blank=True, required=False, default=""
    )


# The years the calendar keeps (selectors.FIRST_YEAR..LAST_YEAR); any other is a 400.
YEAR_PARAMETER = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": selectors.FIRST_YEAR, "maximum": selectors.LAST_YEAR},
    OpenApiParameter.PATH,
)


class CalendarYearApi(APIView):
    """`GET/PUT /api/v1/calendar/{year}/`: the year's weekday days off and worked weekend days."""

    @extend_schema_serializer(component_name="CalendarYearInput")
    class InputSerializer(JsonTypedSerializer):
        year = serializers.IntegerField(
            required=False, min_value=selectors.FIRST_YEAR, max_value=selectors.LAST_YEAR
        )
        days_off = DayItemInputSerializer(many=True)
        working_days = DayItemInputSerializer(many=True)

    @extend_schema_serializer(component_name="CalendarYear")
    class OutputSerializer(serializers.Serializer):
        year = serializers.IntegerField()
        days_off = DayItemSerializer(many=True)
        working_days = DayItemSerializer(many=True)

    @staticmethod
    def _body(year: int) -> dict:
        lists = selectors.calendar_year_lists(year)
        return {
            "year": year,
            "days_off": [{"date": d.isoformat(), "name": n} for d, n in lists.days_off.items()],
            "working_days": [
                {"date": d.isoformat(), "name": n} for d, n in lists.working_days.items()
            ],
        }

    @staticmethod
    def _check_year(year: int) -> None:
        if not selectors.FIRST_YEAR <= year <= selectors.LAST_YEAR:
            raise DomainError(
                _("Năm phải trong khoảng %(a)s–%(b)s.")
                % {"a": selectors.FIRST_YEAR, "b": selectors.LAST_YEAR},
                code="invalid_year",
                fields={"year": [_("Năm không hợp lệ.")]},
            )

    # Anyone signed in may read the calendar: no 403.
    @extend_schema(
        operation_id="calendar_year_get",
        parameters=[YEAR_PARAMETER],
        responses={200: OutputSerializer, 400: ERRORS[400], 401: ERRORS[401]},
    )
    def get(self, request: Request, year: int) -> Response:
        self._check_year(year)
        return Response(self._body(year))

    @extend_schema(
        operation_id="calendar_year_put",
        parameters=[YEAR_PARAMETER],
        request=InputSerializer,
        responses={200: OutputSerializer, **ERRORS},
    )
    def put(self, request: AuthenticatedApiRequest, year: int) -> Response:
        permissions.require(request.user, CalendarAction.EDIT, None)
        self._check_year(year)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values.get("year") not in (None, year):
            raise DomainError(
                _("Năm trong nội dung (%(a)s) khác năm trên đường dẫn (%(b)s).")
                % {"a": values["year"], "b": year},
                code="invalid_year",
                fields={"year": [_("Không khớp với đường dẫn.")]},
            )
        services.calendar_year_update(
            year=year,
            days_off=[services.DayEntry(**item) for item in values["days_off"]],
            working_days=[services.DayEntry(**item) for item in values["working_days"]],
            actor=request.user,
        )
        return Response(self._body(year))


# "from" is a Python keyword, so the serializer is built with type() to keep the JSON name.
PauseSerializer = type(
    "PauseSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "A suspension range, both ends inclusive.",
        "from": serializers.DateField(error_messages=DATE_ERRORS),
        "to": serializers.DateField(error_messages=DATE_ERRORS),
    },
)


class DeadlineComputeApi(APIView):
    """`POST /api/v1/deadlines/compute`: the due date of a legal time limit."""

    @extend_schema_serializer(component_name="DeadlineComputeInput")
    class InputSerializer(JsonTypedSerializer):
        rule = serializers.CharField(max_length=64)
        start = serializers.DateField(error_messages=DATE_ERRORS)
        complexity = serializers.ChoiceField(
            choices=["normal", "complex", "very_complex"],
            default="normal",
            error_messages={"invalid_choice": _("Mức độ phức tạp “{input}” không hợp lệ.")},
        )
        remote_area = serializers.BooleanField(default=False)
        extensions = serializers.IntegerField(
            default=0,
            min_value=0,
            error_messages={
                "invalid": _("Số lần gia hạn phải là số nguyên."),
                "min_value": _("Số lần gia hạn không được âm."),
            },
        )
        paused = PauseSerializer(many=True, required=False, default=list)

    @extend_schema_serializer(component_name="Deadline")
    class OutputSerializer(serializers.Serializer):
        rule = serializers.CharField()
        version = serializers.IntegerField()
        name = serializers.CharField()
        start = serializers.DateField()
        due = serializers.DateField()
        day_type = serializers.ChoiceField(choices=["working", "calendar"])
        days = serializers.IntegerField()
        legal_basis = serializers.CharField()

    @extend_schema(
        operation_id="deadlines_compute",
        request=InputSerializer,
        # Anyone signed in may compute a deadline: no 403.
        responses={200: OutputSerializer, 400: ERRORS[400], 401: ERRORS[401]},
        examples=[
            OpenApiExample(
                "Giải quyết khiếu nại lần đầu",
                value={
                    "rule": "complaint.resolve.first",
                    "start": "2025-01-10",
                    "complexity": "normal",
                    "remote_area": False,
                    "extensions": 0,
                    "paused": [{"from": "2025-01-15", "to": "2025-01-20"}],
                },
                request_only=True,
            )
        ],
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        deadline = selectors.deadline_compute(
            rule_code=values["rule"],
            start=values["start"],
            complexity=values["complexity"],
            remote_area=values["remote_area"],
            extensions=values["extensions"],
            paused=[(p["from"], p["to"]) for p in values["paused"]],
        )
        return Response(
            {
                "rule": deadline.rule.code,
                "version": deadline.rule.version,
                "name": deadline.rule.name,
                "start": deadline.start.isoformat(),
                "due": deadline.due.isoformat(),
                "day_type": deadline.day_type,
                "days": deadline.days,
                "legal_basis": deadline.legal_basis,
            }
        )


class RuleListApi(APIView):
    """`GET /api/v1/deadlines/rules/`: the rule catalogue, every version."""

    @extend_schema_serializer(component_name="LegalRule")
    class OutputSerializer(serializers.Serializer):
        code = serializers.CharField()
        version = serializers.IntegerField()
        name = serializers.CharField()
        day_type = serializers.CharField()
        direction = serializers.CharField()
        days = serializers.IntegerField()
        variants = serializers.ListField(child=serializers.DictField())
        extension_days = serializers.IntegerField()
        pausable = serializers.BooleanField()
        legal_basis = serializers.CharField()
        notes = serializers.CharField()
        confidence = serializers.CharField()
        valid_from = serializers.DateField()
        valid_to = serializers.DateField(allow_null=True)

    @extend_schema(
        operation_id="deadline_rules_list",
        responses={200: OutputSerializer(many=True), 401: ERRORS[401]},
    )
    def get(self, request: Request) -> Response:
        rules = [
            {
                "code": r.code,
                "version": r.version,
                "name": r.name,
                "day_type": r.day_type,
                "direction": r.direction,
                "days": r.days,
                "variants": [
                    {
                        "complexity": cx,
                        "remote_area": remote,
                        "days": v.days,
                        "max_extensions": v.max_extensions,
                    }
                    for cx, remote, v in r.variant_rows()
                ],
                "extension_days": r.extension_days,
                "pausable": r.pausable,
                "legal_basis": r.legal_basis,
                "notes": r.notes,
                "confidence": r.confidence,
                "valid_from": r.valid_from.isoformat(),
                "valid_to": r.valid_to.isoformat() if r.valid_to else None,
            }
            for r in rule_catalogue().all()
        ]
        return Response(rules)


@extend_schema_view(post=extend_schema(exclude=True))
class DeadlineComputeSlashApi(DeadlineComputeApi):
    """The same operation under a trailing slash, for clients that add one (not in the schema)."""
