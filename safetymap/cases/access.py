"""The door every case page goes through: signed in, allowed to see this child, the view
recorded, and allowed to change it before any write."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from safetymap.cases.models import Case
from safetymap.cases.policies import can_edit_case
from safetymap.cases.registry import case_tabs
from safetymap.cases.selectors import get_visible_case
from safetymap.cases.services import case_record_view

CaseView = Callable[..., HttpResponse]


def case_page(what: str, *, edit: bool = False) -> Callable[[CaseView], CaseView]:
    """Wrap a view taking (request, case, ...) from a URL with `case_uuid`.

    Unknown or unrelated cases are 404; a user who may only read gets 403 on any POST (or
    on any request when `edit` is set). Every request is recorded as an access event.
    """

    def decorator(view: CaseView) -> CaseView:
        @login_required
        @functools.wraps(view)
        def wrapped(
            request: HttpRequest, case_uuid: uuid.UUID, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            case = get_visible_case(request.user, case_uuid)  # type: ignore[arg-type]
            case_record_view(actor=request.user, case=case, what=what)  # type: ignore[arg-type]
            request.can_edit = can_edit_case(request.user, case)  # type: ignore[arg-type, attr-defined]
            if (edit or request.method not in ("GET", "HEAD")) and not request.can_edit:  # type: ignore[attr-defined]
                raise PermissionDenied("You can read this case but not change it.")
            return view(request, case, *args, **kwargs)

        return wrapped

    return decorator


def render_case(
    request: HttpRequest,
    case: Case,
    template: str,
    context: dict[str, Any],
    *,
    tab: str,
    status: int = 200,
) -> HttpResponse:
    """Render a case page with the case header and its tabs."""
    tabs = [
        {
            "label": t.label,
            "url": reverse(t.url_name, kwargs={"case_uuid": case.uuid}),
            "current": t.key == tab,
        }
        for t in case_tabs()
    ]
    overview = {
        "label": "Overview",
        "url": reverse("cases:case", kwargs={"case_uuid": case.uuid}),
        "current": tab == "overview",
    }
    return render(
        request,
        template,
        {
            "case": case,
            "tabs": [overview, *tabs],
            "can_edit": getattr(request, "can_edit", False),
            **context,
        },
        status=status,
    )
