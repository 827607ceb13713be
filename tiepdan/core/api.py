"""API building blocks: the error format of api-contract.md and pagination."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tiepdan.core.errors import DomainError

logger = logging.getLogger(__name__)


def _json_type_error(field: serializers.Field, value: Any) -> str | None:
    """The message for a JSON value of another type than the field's (DRF would convert it);
    null is left to the field (allow_null)."""
    if value is None:
        return None
    if isinstance(field, serializers.BooleanField) and not isinstance(value, bool):
        return _("Cần giá trị true hoặc false.")
    if isinstance(field, serializers.IntegerField) and (
        isinstance(value, bool) or not isinstance(value, int)
    ):
        return _("Cần một số nguyên.")
    if isinstance(field, serializers.CharField) and not isinstance(value, str):
        return _("Cần một chuỗi ký tự.")
    if isinstance(field, serializers.ListField) and isinstance(value, list):
        for item in value:
            message = _json_type_error(field.child, item)
            if message:
                return message
    return None


class JsonTypedSerializer(serializers.Serializer):
    """A JSON body's text, whole-number and true/false values must have the type the schema
    declares: `0` is not the text "0", "true" is not true (form data keeps DRF's conversions)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict) and not hasattr(data, "getlist"):
            errors = {}
            for name, field in self.fields.items():
                if name in data and not field.read_only:
                    message = _json_type_error(field, data[name])
                    if message:
                        errors[name] = [message]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class Pagination(PageNumberPagination):
    """`{"count", "next", "previous", "results"}` with `?page_size=` up to 500."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request) -> int:
        """A `page_size` that is not a whole number from 1 is a 400 (not silently ignored);
        above 500 it is capped."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not (raw.isascii() and raw.isdigit() and int(raw) >= 1):
            raise serializers.ValidationError(
                {self.page_size_query_param: [_("Số bản ghi mỗi trang phải là số nguyên từ 1.")]}
            )
        return super().get_page_size(request) or self.page_size


def _flatten(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub, msgs in _flatten(value).items():
                    out[f"{key}.{sub}"] = msgs
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for index, item in enumerate(value):
                    for sub, msgs in _flatten(item).items():
                        out[f"{key}[{index}].{sub}"] = msgs
            elif isinstance(value, list):
                out[key] = [str(v) for v in value]
            else:
                out[key] = [str(value)]
        return out
    if isinstance(detail, list):
        return {"non_field_errors": [str(v) for v in detail]}
    return {"non_field_errors": [str(detail)]}


# The database is restarting or failing over: nothing was written; retry after this many seconds.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def unavailable_body() -> dict:
    return error_body(
        "unavailable",
        _("Hệ thống tạm thời gián đoạn; thao tác chưa được thực hiện, vui lòng thử lại sau."),
    )


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"code": code, "message": message, "fields": fields or {}}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Render every API error as `{"code", "message", "fields"}`, never HTML or a traceback."""
    if isinstance(exc, DomainError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=400)
    if isinstance(exc, DATABASE_DOWN):
        return Response(
            unavailable_body(), status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)}
        )
    if isinstance(exc, ValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        message = "; ".join(exc.messages) or _("Dữ liệu không hợp lệ.")
        return Response(error_body("invalid", message, fields), status=400)
    if isinstance(exc, Http404 | exceptions.NotFound):
        return Response(error_body("not_found", _("Không tìm thấy.")), status=404)
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.ParseError):
        return Response(
            error_body("malformed", _("Nội dung gửi lên không phải JSON hợp lệ.")), status=400
        )
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        first = next(iter(fields.values()), [_("Dữ liệu không hợp lệ.")])[0]
        return Response(
            error_body("invalid", _("Dữ liệu không hợp lệ: %(first)s") % {"first": first}, fields),
            status=400,
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled API error", exc_info=exc)
        return Response(
            error_body("server_error", _("Lỗi hệ thống; thao tác chưa được thực hiện.")),
            status=500,
        )
    messages = {
        401: ("not_authenticated", _("Cần đăng nhập hoặc token hợp lệ.")),
        403: ("permission_denied", _("Bạn không có quyền thực hiện thao tác này.")),
        405: ("method_not_allowed", _("Phương thức không được hỗ trợ.")),
        415: ("unsupported_media_type", _("Kiểu nội dung không được hỗ trợ.")),
        429: ("throttled", _("Quá nhiều yêu cầu; vui lòng thử lại sau.")),
    }
    code, message = messages.get(response.status_code, ("error", str(exc)))
    response.data = error_body(code, message)
    return response


class ErrorSerializer(serializers.Serializer):
    """Schema of every API error body."""

    code = serializers.CharField()
    message = serializers.CharField()
    # The error body's `fields` key: DRF's stubs type this name as the serializer's fields.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )


def domain_error_from_validation(exc: ValidationError) -> DomainError:
    """Turn a model `ValidationError` into a `DomainError` carrying its field messages."""
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return DomainError("; ".join(exc.messages), code="invalid", fields=fields)
