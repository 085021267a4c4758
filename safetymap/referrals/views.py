"""The front door pages: contacts awaiting a decision and recent decisions, record a contact,
find the child, record the decision; and the referrals shown on a case.

Who may do what is in `policies`. A contact this user may not see is 404; a change by
someone who may only read it is 403.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases.models import Case, Person
from safetymap.cases.policies import Basis
from safetymap.cases.registry import ChronologyEvent
from safetymap.core.versioning import StaleEditError
from safetymap.referrals import policies, selectors, services
from safetymap.referrals.forms import (
    NEW_CHILD,
    ContactForm,
    DecisionForm,
    FilterForm,
    FindChildForm,
)
from safetymap.referrals.links import plan_strategy_discussion_url
from safetymap.referrals.models import Decision, Referral

PER_PAGE = selectors.PAGE_SIZE
WAITING, DECIDED = "waiting", "decided"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _front_door_user(request: HttpRequest) -> User:
    user = _user(request)
    if not policies.can_use_front_door(user):
        raise PermissionDenied("Your role does not use the front door.")
    return user


def _referral_url(referral: Referral) -> str:
    return reverse("referrals:referral", kwargs={"referral_uuid": referral.uuid})


@login_required
def front_door(request: HttpRequest) -> HttpResponse:
    """Contacts awaiting a decision (longest waiting first), or those decided (latest
    first), filtered by decision and re-referral."""
    user = _front_door_user(request)
    show = DECIDED if request.GET.get("show") == DECIDED else WAITING
    filters = FilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    if show == DECIDED:
        listed = selectors.decided(
            user,
            decision=chosen.get("decision", ""),
            re_referrals_only=bool(chosen.get("re_referrals")),
        )
    else:
        listed = selectors.awaiting_decision(user)
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    services.referral_list_view(actor=user, referrals=list(page), what="Front door list")
    since = timezone.localdate().replace(day=1)
    return render(
        request,
        "referrals/front_door.html",
        {
            "show": show,
            "page_obj": page,
            "referrals": list(page),
            "filters": filters,
            "waiting_count": selectors.awaiting_decision(user).count(),
            "re_referrals_this_month": selectors.re_referral_count(user, since=since),
            "can_decide": user.role in policies.DECIDING_ROLES,
        },
    )


@login_required
def record_contact(request: HttpRequest) -> HttpResponse:
    user = _front_door_user(request)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = services.referral_record(actor=user, values=form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            referral = recorded[0]
            messages.success(request, _recorded_message(recorded))
            if policies.can_change_referral(user, referral.team_id):
                return redirect("referrals:find_child", referral_uuid=referral.uuid)
            return redirect(_referral_url(referral))
    return render(request, "referrals/record.html", {"form": form})


def _recorded_message(recorded: list[Any]) -> str:
    if len(recorded) == 1:
        return "Contact recorded. Now find the child."
    others = ", ".join(referral.child_name for referral in recorded[1:])
    return (
        f"Contact recorded for {len(recorded)} children. Find {recorded[0].child_name} now; "
        f"{others} wait on the front door list to be found in turn."
    )


def _referral_page(what: str, *, change: bool = False) -> Callable[..., Any]:
    """Open a referral for a view: 404 if the user may not see it, 403 for a change (or any
    POST) by someone who may only read it. Every request is recorded as an access event."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        def wrapped(request: HttpRequest, referral_uuid: uuid.UUID) -> HttpResponse:
            user = _user(request)
            referral = selectors.get_referral(user, referral_uuid)
            services.referral_record_view(actor=user, referral=referral, what=what)
            may_change = policies.can_change_referral(user, referral.team_id)
            if (change or request.method not in ("GET", "HEAD")) and not may_change:
                raise PermissionDenied("You can read this contact but not change it.")
            return view(request, referral, may_change=may_change)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


@_referral_page("Front door: contact")
def referral_page(request: HttpRequest, referral: Referral, *, may_change: bool) -> HttpResponse:
    case = referral.case
    return render(
        request,
        "referrals/referral.html",
        {
            "referral": referral,
            "may_change": may_change and not referral.is_decided,
            "plan_meeting_url": (
                plan_strategy_discussion_url(case)
                if case is not None and referral.decision == Decision.STRATEGY
                else None
            ),
        },
    )


def _decided_already(request: HttpRequest, referral: Referral) -> HttpResponse | None:
    if referral.is_decided:
        messages.info(request, "A decision has been made on this contact, so it cannot change.")
        return redirect(_referral_url(referral))
    return None


@_referral_page("Front door: find the child", change=True)
def find_child(request: HttpRequest, referral: Referral, *, may_change: bool) -> HttpResponse:
    """The children on record who may be this one, BEFORE a new child is recorded."""
    if (done := _decided_already(request, referral)) is not None:
        return done
    user = _user(request)
    matches = services.possible_matches_seen(actor=user, referral=referral)
    form = FindChildForm(
        request.POST or None, matches=matches, initial={"version": referral.version}
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["child"]
        person = next((m.person for m in matches if str(m.person.uuid) == chosen), None)
        try:
            services.referral_link_child(
                actor=user, referral=referral, expected_version=form.expected_version,
                person=None if chosen == NEW_CHILD else person,
            )  # fmt: skip
        except StaleEditError as error:
            fresh = selectors.get_referral(user, referral.uuid)
            form = form.at_version(fresh.version, error.message, matches=matches)  # type: ignore[assignment]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _linked_message(person if chosen != NEW_CHILD else None))
            return redirect("referrals:decide", referral_uuid=referral.uuid)
    return render(
        request,
        "referrals/find_child.html",
        {"referral": referral, "form": form, "matches": matches},
    )


def _linked_message(person: Person | None) -> str:
    if person is None:
        return "Recorded as a child not known to us."
    return f"Contact linked to {person.full_name}'s record."


@_referral_page("Front door: decision", change=True)
def decide(request: HttpRequest, referral: Referral, *, may_change: bool) -> HttpResponse:
    if (done := _decided_already(request, referral)) is not None:
        return done
    if not referral.child_found:
        messages.info(request, "Find the child first, so we do not make a second record of them.")
        return redirect("referrals:find_child", referral_uuid=referral.uuid)
    user = _user(request)
    form = DecisionForm(request.POST or None, initial={"version": referral.version})
    if request.method == "POST" and form.is_valid():
        try:
            decided = services.referral_decide(
                actor=user, referral=referral, expected_version=form.expected_version,
                decision=form.cleaned_data["decision"], reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except StaleEditError as error:
            fresh = selectors.get_referral(user, referral.uuid)
            form = form.at_version(fresh.version, error.message)  # type: ignore[assignment]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _decided_message(decided))
            return redirect(_referral_url(decided))
    open_case = selectors.open_case_of(referral.child) if referral.child else None
    return render(
        request,
        "referrals/decide.html",
        {"referral": referral, "form": form, "open_case": open_case},
    )


def _decided_message(referral: Referral) -> str:
    said = f"Decision recorded: {referral.get_decision_display()}."
    if referral.case is not None:
        return f"{said} Recorded on case {referral.case.reference}."
    return said


# --- On the case -------------------------------------------------------------------------


def case_panel_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """The referrals recorded on the case, on its overview; not for partner professionals
    (who never see who contacted us)."""
    if getattr(request, "case_access_basis", None) in (None, Basis.SHARED):
        return None
    referrals = selectors.case_referrals(case)
    if not referrals:
        return None
    teams = policies.front_door_team_ids(_user(request))
    return {
        "rows": [
            {
                "referral": referral,
                "url": _referral_url(referral)
                if policies.can_view_referral(_user(request), referral.team_id, teams=teams)
                else "",
            }
            for referral in referrals
        ]
    }


def chronology_events(case: Case) -> list[ChronologyEvent]:
    return [
        ChronologyEvent(
            happened_on=timezone.localdate(referral.received_at),
            kind="referrals",
            summary=_chronology_summary(referral),
            url=_referral_url(referral),
            by=referral.decided_by.display_name if referral.decided_by else "",
            detail=referral.worries,
        )
        for referral in selectors.case_referrals(case)
    ]


def _chronology_summary(referral: Referral) -> str:
    what = "Re-referral" if referral.is_re_referral else "Contact"
    said = f"{what} from {referral.get_referrer_relationship_display().lower()}"
    if referral.decision:
        return f"{said}: {referral.get_decision_display().lower()}"
    return f"{said}: awaiting a decision"
