"""A printable copy of a child's case record, for staff who can open the record.

A print is an access event like any other view of the record, recorded before the page is
sent, with its own words (`PRINT_EVENT`) so the "Access to this record" page shows who
printed it and when. Partner professionals never print a record: a share opens only the
pages it covers (`cases.policies.SHARED_PAGES`), and this page is not one of them, so they
get 404 as for any page not shared with them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from safetymap.cases import selectors as cases
from safetymap.cases.access import case_page
from safetymap.cases.models import Case
from safetymap.cases.policies import Basis
from safetymap.mapping.selectors import live_picture

# What the access log says: a print, not a page view.
PRINT_EVENT = "Print of the case record"


@case_page(PRINT_EVENT)
@require_GET
def case_print(request: HttpRequest, case: Case) -> HttpResponse:
    """The child's details, the people around them, the service level history and the
    current map (danger statements, goals, scales, next steps), laid out for paper."""
    members = cases.case_members(case)
    picture = live_picture(case)
    return render(
        request,
        "governance/case_print.html",
        {
            "case": case,
            "child": case.child,
            "workers": cases.current_workers(case),
            "history": cases.service_level_history(case),
            "people_groups": cases.people_groups(members),
            "picture": picture,
            "labels": picture.labels,
            "scales": _scales(picture),
            "printed_at": timezone.localtime(),
            "case_url": reverse("cases:case", kwargs={"case_uuid": case.uuid}),
        },
    )


def _scales(picture: Any) -> list[dict[str, Any]]:
    """Each danger statement's scale, then the overall one: everyone's latest number."""
    sections = [
        {
            "heading": f"{picture.labels['danger_statement']} {row['number']}",
            "statement": row["statement"],
            "latest": row["spread"].latest,
        }
        for row in picture.statements
    ]
    sections.append(
        {"heading": "Overall", "statement": "", "latest": picture.overall_spread.latest}
    )
    return sections


def print_panel_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """The "Print this record" link on the case overview: not for a partner professional
    the record is shared with (the print page is not shared)."""
    if getattr(request, "case_access_basis", None) == Basis.SHARED:
        return None
    return {"url": reverse("governance:case_print", kwargs={"case_uuid": case.uuid})}
