"""Statuses every operation can answer, declared once for the whole schema."""

from typing import Any

ERROR_REF = {"$ref": "#/components/schemas/Error"}
RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Giây chờ."}}


def _error(description: str) -> dict[str, Any]:
    return {
        "content": {"application/json": {"schema": ERROR_REF}},
        "headers": RETRY_AFTER,
        "description": description,
    }


def declare_common_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular post-processing hook: 429 over a rate limit (tiepdan.core.throttling),
    503 while the database is unreachable, on every operation that can give them; 400 and 404
    on paginated lists."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if any(p.get("name") == "page_size" for p in operation.get("parameters", [])):
                # Lists: a bad page_size is a 400, a page past the last one a 404.
                responses.setdefault("400", _error("Dữ liệu không hợp lệ"))
                responses.setdefault("404", _error("Không tìm thấy"))
            responses.setdefault("503", _error("Cơ sở dữ liệu tạm thời không truy cập được"))
            if operation.get("operationId") != "health":  # never throttled
                responses.setdefault("429", _error("Quá nhiều yêu cầu"))
    return result
