"""Supervision pages on a case. Every page goes through `@case_page` (404 without a
relationship, 403 for a write by someone who only reads, an access event for every view)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from safetymap.accounts.models import User
from safetymap.cases import services as case_services
from safetymap.cases.access import case_page, render_case
from safetymap.cases.models import Case
from safetymap.core.forms import VersionedForm, save_through
from safetymap.implementation import policies, selectors, services
from safetymap.implementation.forms import (
    ENTRY_QUESTIONS,
    CaseSupervisionForm,
    GroupDecisionForm,
    GroupEntryForm,
    GroupScaleForm,
    GroupSummaryForm,
    GroupSupervisionForm,
)
from safetymap.implementation.models import GroupEntryKind, GroupSupervision

TAB = "supervision"
# URL slugs for the parts of the group's map and its ideas.
ENTRY_SLUGS = {kind.replace("_", "-"): kind for kind in GroupEntryKind.values}


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _list_url(case: Case) -> str:
    return reverse("implementation:list", kwargs={"case_uuid": case.uuid})


def _group_url(group: GroupSupervision) -> str:
    return reverse(
        "implementation:group", kwargs={"case_uuid": group.case.uuid, "group_uuid": group.uuid}
    )


STALE = (
    "Someone else saved a change while you were writing, so nothing was saved. What you "
    "wrote is below: check the record, then save again."
)


@dataclass(frozen=True)
class FormPage:
    title: str
    button: str
    done: str  # the message once saved


def _form_view(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    save: Callable[[], Any],
    page: FormPage,
    *,
    to: str | Callable[[Any], str],
    cancel_url: str,
    current_version: int | None = None,
) -> HttpResponse:
    """Save a valid post through the service and go on with a message (`to` may be worked
    out from what was saved); otherwise show the form, with the reason it was not saved. A
    stale edit is offered again at `current_version`, keeping what the person typed."""
    saved: list[Any] = []
    if request.method == "POST" and form.is_valid():
        if save_through(form, lambda: saved.append(save())):
            messages.success(request, page.done)
            return redirect(to(saved[0]) if callable(to) else to)
        if getattr(form, "stale", False) and current_version is not None:
            assert isinstance(form, VersionedForm)
            form = form.at_version(current_version, STALE)
    return render_case(
        request,
        case,
        "implementation/form.html",
        {"form": form, "title": page.title, "button": page.button, "cancel_url": cancel_url},
        tab=TAB,
    )


GROUPS_PER_PAGE = 25


@login_required
def my_group_supervision(request: HttpRequest) -> HttpResponse:
    """The group supervision I was named on, each linked to its record; every child shown is
    an access event."""
    user = _user(request)
    page = Paginator(selectors.group_supervisions_named(user), GROUPS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    groups = list(page.object_list)
    cases = list({group.case_id: group.case for group in groups}.values())
    case_services.case_record_list_view(
        actor=user, cases=cases, what="Group supervision I took part in"
    )
    return render(
        request,
        "implementation/mine.html",
        {
            "page_obj": page,
            "groups": groups,
            "access_days": settings.SAFETYMAP_PRACTICE_LEAD_ACCESS_DAYS,
        },
    )


@case_page("Supervision records")
def supervision_list(request: HttpRequest, case: Case) -> HttpResponse:
    supervisions = list(selectors.case_supervisions(case))
    groups = list(selectors.group_supervisions(case))
    return render_case(
        request,
        case,
        "implementation/list.html",
        {
            "supervisions": supervisions,
            "groups": groups,
            "chronology": selectors.chronology_events(case, groups, supervisions),
        },
        tab=TAB,
    )


@case_page("Record case supervision", edit=True)
def supervision_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = CaseSupervisionForm(request.POST or None, staff=selectors.staff_for_supervision(case))
    return _form_view(
        request,
        case,
        form,
        lambda: services.case_supervision_record(
            actor=_user(request), case=case, **form.service_values()
        ),
        FormPage(
            "Record case supervision", "Save the supervision", "The supervision has been recorded."
        ),
        to=_list_url(case),
        cancel_url=_list_url(case),
    )


@case_page("A case supervision record")
def supervision_page(request: HttpRequest, case: Case, supervision_uuid: uuid.UUID) -> HttpResponse:
    supervision = selectors.get_case_supervision(case, supervision_uuid)
    return render_case(
        request, case, "implementation/supervision.html", {"supervision": supervision}, tab=TAB
    )


@case_page("Record group supervision", edit=True)
def group_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = GroupSupervisionForm(request.POST or None, staff=selectors.staff_for_supervision(case))
    return _form_view(
        request,
        case,
        form,
        lambda: services.group_supervision_record(
            actor=_user(request), case=case, **form.service_values()
        ),
        FormPage(
            "Record group supervision",
            "Continue",
            "Group supervision recorded. Now add the group’s map.",
        ),
        to=_group_url,
        cancel_url=_list_url(case),
    )


def _group_context(request: HttpRequest, case: Case, group: GroupSupervision) -> dict[str, Any]:
    user = _user(request)
    can_edit = getattr(request, "can_edit", False)
    members = services.group_members(group)
    return {
        "record": selectors.group_record(group),
        "members": members,
        "can_decide": can_edit and policies.is_accountable_manager(user, case),
        "entry_forms": [
            (slug, GroupEntryForm(kind=kind, prefix=slug))
            for slug, kind in ENTRY_SLUGS.items()
            if kind != GroupEntryKind.IDEA
        ]
        if can_edit
        else [],
        "idea_form": GroupEntryForm(kind=GroupEntryKind.IDEA, prefix="idea") if can_edit else None,
        "scale_form": GroupScaleForm(members=members) if can_edit else None,
        "decision_form": GroupDecisionForm(),
        "summary_form": GroupSummaryForm(
            initial={"summary": group.summary, "version": group.version}
        ),
    }


@case_page("A group supervision record")
def group_page(request: HttpRequest, case: Case, group_uuid: uuid.UUID) -> HttpResponse:
    group = selectors.get_group_supervision(case, group_uuid)
    return render_case(
        request, case, "implementation/group.html", _group_context(request, case, group), tab=TAB
    )


@case_page("Add to a group supervision's map", edit=True)
def group_entry_add(
    request: HttpRequest, case: Case, group_uuid: uuid.UUID, entry_kind: str
) -> HttpResponse:
    group = selectors.get_group_supervision(case, group_uuid)
    kind = ENTRY_SLUGS.get(entry_kind)
    if kind is None:
        raise Http404("No such part of the group's map")
    form = GroupEntryForm(request.POST or None, kind=kind, prefix=entry_kind)
    return _form_view(
        request,
        case,
        form,
        lambda: services.group_entry_add(
            actor=_user(request),
            group_supervision=group,
            kind=kind,
            text=form.cleaned_data["text"],
        ),
        FormPage(ENTRY_QUESTIONS[kind], "Add", "Added to the group’s record."),
        to=_group_url(group) + f"#{entry_kind}",
        cancel_url=_group_url(group),
    )


@case_page("Add a scale to a group supervision", edit=True)
def group_scale_add(request: HttpRequest, case: Case, group_uuid: uuid.UUID) -> HttpResponse:
    group = selectors.get_group_supervision(case, group_uuid)
    form = GroupScaleForm(request.POST or None, members=services.group_members(group))
    return _form_view(
        request,
        case,
        form,
        lambda: services.group_scale_add(
            actor=_user(request),
            group_supervision=group,
            participant=form.chosen("participant"),  # type: ignore[arg-type]
            score=form.cleaned_data["score"],
            reason=form.cleaned_data["reason"],
        ),
        FormPage("Add a scale from the group", "Add the scale", "The scale has been added."),
        to=_group_url(group) + "#scales",
        cancel_url=_group_url(group),
    )


@case_page("Record the manager's decision on group supervision", edit=True)
def group_decision_add(request: HttpRequest, case: Case, group_uuid: uuid.UUID) -> HttpResponse:
    group = selectors.get_group_supervision(case, group_uuid)
    if not policies.can_decide(_user(request), case, basis=request.case_access_basis):  # type: ignore[attr-defined]
        raise PermissionDenied("Only a team manager for this case can record decisions.")
    form = GroupDecisionForm(request.POST or None)
    return _form_view(
        request,
        case,
        form,
        lambda: services.group_decision_add(
            actor=_user(request),
            group_supervision=group,
            decision=form.cleaned_data["decision"],
            action=form.chosen_action(),
        ),
        FormPage("Record your decision", "Record the decision", "Your decision has been recorded."),
        to=_group_url(group) + "#decisions",
        cancel_url=_group_url(group),
    )


@case_page("Write the chronology summary of group supervision", edit=True)
def group_summary(request: HttpRequest, case: Case, group_uuid: uuid.UUID) -> HttpResponse:
    group = selectors.get_group_supervision(case, group_uuid)
    form = GroupSummaryForm(
        request.POST or None, initial={"summary": group.summary, "version": group.version}
    )
    return _form_view(
        request,
        case,
        form,
        lambda: services.group_summary_update(
            actor=_user(request),
            group_supervision=group,
            expected_version=form.expected_version,
            summary=form.cleaned_data["summary"],
        ),
        FormPage(
            "Summary for the child’s chronology",
            "Save the summary",
            "The summary has been saved to the child’s chronology.",
        ),
        to=_group_url(group) + "#summary",
        cancel_url=_group_url(group),
        current_version=group.version,
    )
