"""Supervision pages on a case. Every page goes through `@case_page` (404 without a
relationship, 403 for a write by someone who only reads, an access event for every view)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from safetymap.accounts.models import User
from safetymap.cases.access import case_page, render_case
from safetymap.cases.models import Case
from safetymap.core.forms import save_through
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


def _form_page(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    *,
    title: str,
    button: str,
    cancel_url: str,
    status: int = 200,
) -> HttpResponse:
    return render_case(
        request,
        case,
        "implementation/form.html",
        {"form": form, "title": title, "button": button, "cancel_url": cancel_url},
        tab=TAB,
        status=status,
    )


def _save(
    request: HttpRequest, form: forms.Form, save: Callable[[], Any], done: str, to: str
) -> HttpResponse | None:
    """On a valid post, save through the service and go on with a message; None when the
    form should be shown again (with the reason on it)."""
    if request.method == "POST" and form.is_valid() and save_through(form, save):
        messages.success(request, done)
        return redirect(to)
    return None


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
    saved = _save(
        request,
        form,
        lambda: services.case_supervision_record(
            actor=_user(request), case=case, **form.service_values()
        ),
        "The supervision has been recorded.",
        _list_url(case),
    )
    return saved or _form_page(
        request,
        case,
        form,
        title="Record case supervision",
        button="Save the supervision",
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
    saved_group: list[GroupSupervision] = []

    def save() -> None:
        saved_group.append(
            services.group_supervision_record(
                actor=_user(request), case=case, **form.service_values()
            )
        )

    if request.method == "POST" and form.is_valid() and save_through(form, save):
        messages.success(request, "Group supervision recorded. Now add the group’s map.")
        return redirect(_group_url(saved_group[0]))
    return _form_page(
        request,
        case,
        form,
        title="Record group supervision",
        button="Continue",
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
    saved = _save(
        request,
        form,
        lambda: services.group_entry_add(
            actor=_user(request),
            group_supervision=group,
            kind=kind,
            text=form.cleaned_data["text"],
        ),
        "Added to the group’s record.",
        _group_url(group) + f"#{entry_kind}",
    )
    return saved or _form_page(
        request,
        case,
        form,
        title=ENTRY_QUESTIONS[kind],
        button="Add",
        cancel_url=_group_url(group),
    )


@case_page("Add a scale to a group supervision", edit=True)
def group_scale_add(request: HttpRequest, case: Case, group_uuid: uuid.UUID) -> HttpResponse:
    group = selectors.get_group_supervision(case, group_uuid)
    form = GroupScaleForm(request.POST or None, members=services.group_members(group))
    saved = _save(
        request,
        form,
        lambda: services.group_scale_add(
            actor=_user(request),
            group_supervision=group,
            participant=form.chosen("participant"),  # type: ignore[arg-type]
            score=form.cleaned_data["score"],
            reason=form.cleaned_data["reason"],
        ),
        "The scale has been added.",
        _group_url(group) + "#scales",
    )
    return saved or _form_page(
        request,
        case,
        form,
        title="Add a scale from the group",
        button="Add the scale",
        cancel_url=_group_url(group),
    )


@case_page("Record the manager's decision on group supervision", edit=True)
def group_decision_add(request: HttpRequest, case: Case, group_uuid: uuid.UUID) -> HttpResponse:
    group = selectors.get_group_supervision(case, group_uuid)
    if not policies.can_decide(_user(request), case, basis=request.case_access_basis):  # type: ignore[attr-defined]
        raise PermissionDenied("Only a team manager for this case can record decisions.")
    form = GroupDecisionForm(request.POST or None)
    saved = _save(
        request,
        form,
        lambda: services.group_decision_add(
            actor=_user(request),
            group_supervision=group,
            decision=form.cleaned_data["decision"],
            action=form.chosen_action(),
        ),
        "Your decision has been recorded.",
        _group_url(group) + "#decisions",
    )
    return saved or _form_page(
        request,
        case,
        form,
        title="Record your decision",
        button="Record the decision",
        cancel_url=_group_url(group),
    )


@case_page("Write the chronology summary of group supervision", edit=True)
def group_summary(request: HttpRequest, case: Case, group_uuid: uuid.UUID) -> HttpResponse:
    group = selectors.get_group_supervision(case, group_uuid)
    form = GroupSummaryForm(
        request.POST or None, initial={"summary": group.summary, "version": group.version}
    )
    saved = _save(
        request,
        form,
        lambda: services.group_summary_update(
            actor=_user(request),
            group_supervision=group,
            expected_version=form.expected_version,
            summary=form.cleaned_data["summary"],
        ),
        "The summary has been saved to the child’s chronology.",
        _group_url(group) + "#summary",
    )
    if saved:
        return saved
    shown: forms.Form = form
    if getattr(form, "stale", False):
        shown = form.at_version(group.version, "Someone else changed the summary. Check it.")
    return _form_page(
        request,
        case,
        shown,
        title="Summary for the child’s chronology",
        button="Save the summary",
        cancel_url=_group_url(group),
    )
