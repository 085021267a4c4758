"""The door every case page goes through: signed in, allowed to see this child, the view
recorded, and allowed to change it before any write.

A partner professional the record is shared with opens only the pages the share covers
(`policies.SHARED_PAGES`: the overview and the map, the scales and documents when they are
shared); any other case page is 404 for them, and the pages they open show only what is
shared (`partner_view_of`).
Emergency access and shares are read-only, so any write is 403 for them.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from safetymap.accounts.models import User
from safetymap.cases import selectors
from safetymap.cases.models import Case
from safetymap.cases.policies import (
    Basis,
    access_basis,
    can_edit_case,
    can_manage_restriction,
    can_manage_shares,
    shared_page_allowed,
)
from safetymap.cases.registry import case_tabs
from safetymap.cases.selectors import PartnerView, get_visible_case, partner_view
from safetymap.cases.services import case_record_view

CaseView = Callable[..., HttpResponse]
# What the access event says was opened: words, or a function of (case, the URL's other
# values) for a page about one thing on the case, e.g. which document was downloaded.
What = str | Callable[..., str]
# Whether someone who may not change the case may still make this change.
MayChange = Callable[[HttpRequest, Case, dict[str, Any]], bool]


# A page's own rule for who may use it, instead of "may change the case" (for pages that
# work on a closed case, such as reopening it): called with (user, case, basis=...).
PageRule = Callable[..., bool]


def case_page(
    what: What,
    *,
    edit: bool = False,
    rule: PageRule | None = None,
    may_change: MayChange | None = None,
) -> Callable[[CaseView], CaseView]:
    """Wrap a view taking (request, case, ...) from a URL with `case_uuid`.

    Unknown or unrelated cases are 404 (so are pages a share does not cover); a user who
    may only read gets 403 on any POST (or on any request when `edit` is set), unless
    `may_change(request, case, url values)` lets them change this one thing (a meeting's
    chair or minute taker, say). With a `rule`, any request the rule refuses is 403
    instead. Every request is recorded as an access event, with the basis it was allowed on.
    """

    def decorator(view: CaseView) -> CaseView:
        @login_required
        @functools.wraps(view)
        def wrapped(
            request: HttpRequest, case_uuid: uuid.UUID, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            user: User = request.user  # type: ignore[assignment]
            case = get_visible_case(user, case_uuid)
            basis = access_basis(user, case)
            if basis is None:  # access ended between the two reads
                raise Http404("No case found")
            shared = partner_view(user, case) if basis == Basis.SHARED else None
            if basis == Basis.SHARED and (
                shared is None or not shared_page_allowed(_view_name(request), shared.kinds)
            ):
                raise Http404("This page is not shared with you")
            request.partner_view = shared  # type: ignore[attr-defined]
            described = what if isinstance(what, str) else what(case, **kwargs)
            case_record_view(actor=user, case=case, what=described, basis=basis)
            request.case_access_basis = basis  # type: ignore[attr-defined]
            can_edit = can_edit_case(user, case, basis=basis)
            request.can_edit = can_edit  # type: ignore[attr-defined]
            writing = edit or request.method not in ("GET", "HEAD")
            if rule is not None:
                if not rule(user, case, basis=basis):
                    raise PermissionDenied("You cannot do this on this case.")
            elif (
                writing
                and not can_edit
                and not (may_change is not None and may_change(request, case, kwargs))
            ):
                raise PermissionDenied("You can read this case but not change it.")
            return view(request, case, *args, **kwargs)

        return wrapped

    return decorator


def _view_name(request: HttpRequest) -> str | None:
    match = request.resolver_match
    return match.view_name if match is not None else None


def partner_view_of(request: HttpRequest) -> PartnerView | None:
    """On a case page: what is shared with this partner professional (None for everyone
    else, who sees what their access allows). Filter every item shown through it."""
    return getattr(request, "partner_view", None)


def record_access(request: HttpRequest, case: Case) -> dict[str, Any]:
    """What the case header says about access to this record: restricted, emergency access,
    shared with you; and whether this user may restrict or share it."""
    user: User = request.user  # type: ignore[assignment]
    basis = getattr(request, "case_access_basis", None)
    shared = partner_view_of(request)
    restriction = selectors.restriction_of(case)
    if restriction is not None and not restriction.active:
        restriction = None
    return {
        "basis": basis,
        "restriction": restriction,
        "can_manage_restriction": can_manage_restriction(user, case),
        "can_share": can_manage_shares(user, case, basis=basis) if basis else False,
        "break_glass": (
            selectors.active_break_glass_grant(user, case) if basis == Basis.BREAK_GLASS else None
        ),
        "share": shared.share if shared is not None else None,
    }


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
    access = record_access(request, case)
    shared = partner_view_of(request)
    tabs = [
        {
            "label": t.label,
            "url": reverse(t.url_name, kwargs={"case_uuid": case.uuid}),
            "current": t.key == tab,
        }
        for t in case_tabs()
        if (t.visible_to is None or t.visible_to(request.user, case))  # type: ignore[arg-type]
        and (shared is None or shared_page_allowed(t.url_name, shared.kinds))
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
            "record_access": access,
            "partner_view": shared,
            **context,
        },
        status=status,
    )
