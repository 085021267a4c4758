"""How failures are answered. Every error is JSON with a plain-English `detail`:

- 401 not signed in; 403 may read this case but not change it (or CSRF failed);
  404 no such case, or no relationship to it;
- 400 the request body is not valid JSON; 415 the request body is not sent as JSON
  (`Content-Type: application/json`): see `JSONBodyParser`;
- 409 someone changed the record since you read it (`core.versioning.StaleEditError`);
- 422 the request or the change is not valid: `detail` says why in words, `errors` lists
  each problem with where it is. Schema problems and the services' own
  `ValidationError`s have the same shape.

A failed call changes nothing: services run in one transaction, and the API checks
everything it can before calling them.
"""

import json
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.parser import Parser

from safetymap.api.schemas import ErrorOut, ValidationErrorOut
from safetymap.core.versioning import StaleEditError

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
# Operations that change a record without a request body (removing, with ?version=).
REMOVE_ERRORS: dict[int, Any] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}
# Operations that take a JSON request body.
WRITE_ERRORS: dict[int, Any] = {**REMOVE_ERRORS, 400: ErrorOut, 415: ErrorOut}

NOT_JSON = "Send the request body as JSON, with the header Content-Type: application/json"
BAD_JSON = "The request body is not valid JSON"


class BodyNotJSON(Exception):
    """The request body was sent with another content type than JSON (a form, text...)."""


class BodyNotValidJSON(Exception):
    """The request body says it is JSON but cannot be read as JSON."""


def is_json_content_type(content_type: str) -> bool:
    """application/json, or a JSON media type such as application/merge-patch+json."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


class JSONBodyParser(Parser):
    """Reads request bodies as JSON only. django-ninja answers every unreadable body with an
    undocumented 400 "Cannot parse request body" (and tries JSON whatever the content type
    says); this tells the two mistakes apart so each gets its documented answer."""

    def parse_body(self, request: HttpRequest) -> Any:
        if not is_json_content_type(request.content_type or ""):
            raise BodyNotJSON(request.content_type)
        try:
            return json.loads(request.body)
        except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
            raise BodyNotValidJSON(str(error)) from error


# Where a problem is, without the parameter plumbing ("body", "payload").
_SOURCES = {"body", "query", "path", "payload", "ninja_pagination"}


def _where(loc: Any) -> str:
    parts = [str(part) for part in loc if str(part) not in _SOURCES]
    return ".".join(parts)


def _problem(error: dict[str, Any]) -> dict[str, Any]:
    if error.get("type") == "extra_forbidden":
        error = {**error, "msg": "This field cannot be set"}
    return {"loc": list(error.get("loc", ())), "msg": error["msg"], "type": error.get("type")}


def _sentence(problems: list[dict[str, Any]]) -> str:
    lines = []
    for problem in problems:
        where = _where(problem["loc"])
        lines.append(f"{where}: {problem['msg']}" if where else problem["msg"])
    return "; ".join(lines)


def install_error_handlers(api: NinjaAPI) -> None:
    def unprocessable(request: HttpRequest, problems: list[dict[str, Any]]) -> HttpResponse:
        return api.create_response(
            request, {"detail": _sentence(problems), "errors": problems}, status=422
        )

    @api.exception_handler(SchemaValidationError)
    def invalid_request(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
        return unprocessable(request, [_problem(error) for error in exc.errors])

    @api.exception_handler(DjangoValidationError)
    def invalid_change(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            problems = [
                {
                    "loc": [] if field == NON_FIELD_ERRORS else ["body", field],
                    "msg": message,
                    "type": "invalid",
                }
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            problems = [{"loc": [], "msg": message, "type": "invalid"} for message in exc.messages]
        return unprocessable(request, problems)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # django-ninja wraps whatever the body parser raised in a 400 HttpError.
        if isinstance(exc.__cause__, BodyNotJSON):
            return api.create_response(request, {"detail": NOT_JSON}, status=415)
        if isinstance(exc.__cause__, BodyNotValidJSON):
            return api.create_response(request, {"detail": BAD_JSON}, status=400)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(StaleEditError)
    def stale(request: HttpRequest, exc: StaleEditError) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message}, status=409)

    @api.exception_handler(PermissionError)
    def no_relationship(request: HttpRequest, exc: PermissionError) -> HttpResponse:
        # `case_record_view` found no basis to see the case: the same answer as unrelated.
        return api.create_response(request, {"detail": "Not Found"}, status=404)
