"""Statuses every operation can answer, declared once for the whole schema, and the bounds
the pagination and the required parameters keep, so that the schema says what the API does."""

from typing import Any

ERROR_REF = {"$ref": "#/components/schemas/Error"}
RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Giây chờ."}}
JSON = "application/json"


def _error(description: str) -> dict[str, Any]:
    return {
        "content": {"application/json": {"schema": ERROR_REF}},
        "headers": RETRY_AFTER,
        "description": description,
    }


NO_NUL = "^[^\\x00]*$"


def _bound_parameters(operation: dict) -> None:
    """`page` and `page_size` are whole numbers from 1 (a `page_size` past 500 gives 500 rows,
    tiepdan.core.api.Pagination); a required text parameter (a unit's code) is never empty; no
    text parameter holds a NUL character."""
    for parameter in operation.get("parameters", []):
        schema = parameter.setdefault("schema", {})
        name = parameter.get("name")
        if parameter.get("in") == "query" and name in ("page", "page_size"):
            schema["type"] = "integer"
            schema.setdefault("minimum", 1)
        elif schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
            if parameter.get("required"):
                schema.setdefault("minLength", 1)
            # A NUL character is refused everywhere (tiepdan.core.middleware: 400).
            schema.setdefault("pattern", NO_NUL)


def declare_common_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular post-processing hook: 400 for a request with characters no text may hold
    (tiepdan.core.middleware, every operation), 404 where a path names a record or a year,
    429 over a rate limit (tiepdan.core.throttling), 503 while the database is unreachable, on
    every operation that can give them; bodies in JSON, the API's format (docs/api-contract.md)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            _bound_parameters(operation)
            content = operation.get("requestBody", {}).get("content", {})
            if JSON in content:
                for media_type in [m for m in content if m != JSON]:
                    del content[media_type]
            responses.setdefault("400", _error("Dữ liệu không hợp lệ"))
            if any(p.get("in") == "path" for p in parameters) or any(
                p.get("name") == "page_size" for p in parameters
            ):
                # A path that names nothing, or a page past the last one: 404.
                responses.setdefault("404", _error("Không tìm thấy"))
            responses.setdefault("503", _error("Cơ sở dữ liệu tạm thời không truy cập được"))
            if operation.get("operationId") != "health":  # never throttled
                responses.setdefault("429", _error("Quá nhiều yêu cầu"))
    return result
