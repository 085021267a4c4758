"""Plain language: check wording for labels, jargon, abbreviations and reading age.

The same check as the pages and `manage.py check_plain_language` (one serializer,
`plain_language.report`). Any signed-in user may check wording: nothing is read from a case
and nothing is stored.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from pydantic import Field

from safetymap.api.schemas import ErrorOut, Input, ValidationErrorOut
from safetymap.plain_language.checker import MAX_TEXT_LENGTH, Audience
from safetymap.plain_language.report import CheckOut, report
from safetymap.plain_language.selectors import check_text

router = Router(tags=["Plain language"])

# A JSON body: 400 when it is not valid JSON, 415 when it is not sent as JSON.
CHECK_ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    415: ErrorOut,
    422: ValidationErrorOut,
}


class PlainLanguageCheckIn(Input):
    """Wording to check, and who will read it."""

    text: str = Field(max_length=MAX_TEXT_LENGTH, description="The wording, as it will be read.")
    audience: Audience = Field(
        Audience.PARENT,
        description=(
            "Who will read it: parent and child (labels, jargon and unexplained abbreviations "
            "are findings) or professional (labels and unexplained abbreviations only). "
            "Each has its own reading-age target."
        ),
    )


@router.post(
    "/plain-language/check",
    response={200: CheckOut, **CHECK_ERRORS},
    summary="Check wording against the council's glossary and reading-age target",
)
def check_plain_language(request: HttpRequest, payload: PlainLanguageCheckIn) -> CheckOut:
    return report(check_text(payload.text, audience=payload.audience))
