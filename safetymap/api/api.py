"""SafetyMap's JSON API, version 1, with its OpenAPI document at /api/v1/openapi.json.

The API is another door onto the same services, selectors and permission rules as the
pages: nothing here writes to a model or decides who may see a case on its own.
"""

from ninja import NinjaAPI
from ninja.operation import Operation
from ninja.security import django_auth

from safetymap.api import (
    cases,
    child_voice,
    maps,
    networks,
    plain_language,
    safety_plans,
    words_pictures,
)
from safetymap.api.errors import JSONBodyParser, install_error_handlers

DESCRIPTION = """
Casework for children's services: cases, the people around each child, and the map.

**Signing in.** Sign in to SafetyMap in the browser; the API uses the same session
(cookie `sessionid`). Requests that change anything must send the CSRF token from the
`csrftoken` cookie in an `X-CSRFToken` header. Not signed in: 401.

**Who sees what.** The same rules as the pages. A case you have no relationship to is 404;
a case you may read but not change is 403 on any change. Every read of a child's record
is recorded.

**Changing records.** Send the `version` you last read. If someone changed the record
since, nothing is saved and the answer is 409. A change that is not valid is 422 with
`detail` (in words) and `errors` (each problem and where it is). Send request bodies as
JSON with `Content-Type: application/json`: another content type is 415, a body that is
not valid JSON is 400, each with a `detail`. Fields you may not set,
and fields the API does not know, are refused with 422. Removing a record hides it; it
stays in the history.
"""


class SafetyMapAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # "list_cases", not "safetymap_api_cases_list_cases": names for generated clients.
        return operation.view_func.__name__


api = SafetyMapAPI(
    title="SafetyMap API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=django_auth,
    parser=JSONBodyParser(),
)
install_error_handlers(api)
api.add_router("", cases.router)
api.add_router("", cases.people)
api.add_router("", maps.router)
api.add_router("", maps.versions)
api.add_router("", networks.router)
api.add_router("", words_pictures.router)
api.add_router("", safety_plans.router)
api.add_router("", plain_language.router)
api.add_router("", child_voice.router)
