"""Pages for case lists and one child's case: the child, the people around them, and the
service level. Reads go through `selectors`, writes through `services`; every case page
goes through `access.case_page` (404 for unrelated users, 403 for a read-only POST, an
access event for every view)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from safetymap.accounts.models import Role, User
from safetymap.cases import registry, selectors, services
from safetymap.cases.access import case_page, partner_view_of, render_case
from safetymap.cases.forms import (
    CaseListFilterForm,
    ChildForm,
    MemberForm,
    RemoveMemberForm,
    ServiceLevelForm,
)
from safetymap.cases.models import Case, CaseMember, ServiceLevel, SharedKind
from safetymap.cases.policies import manages_case_closure
from safetymap.cases.registry import case_list_columns
from safetymap.cases.selectors import PartnerView
from safetymap.core.forms import VersionedForm
from safetymap.core.versioning import StaleEditError
from safetymap.govuk.formatting import govuk_date

CASES_PER_PAGE = 25


# --- Case lists ------------------------------------------------------------------------------


def _filtered(
    request: HttpRequest, cases: QuerySet[Case]
) -> tuple[CaseListFilterForm, QuerySet[Case]]:
    form = CaseListFilterForm(request.GET or None)
    if form.is_bound and form.is_valid() and form.cleaned_data["level"]:
        cases = cases.filter(service_level=form.cleaned_data["level"])
    return form, cases


def _page(request: HttpRequest, cases: QuerySet[Case]) -> Page:
    return Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))


def _list_context(form: CaseListFilterForm, page: Page, **extra: Any) -> dict[str, Any]:
    columns = case_list_columns()
    level = form.cleaned_data.get("level") if form.is_bound and form.is_valid() else ""
    return {
        "filter_form": form,
        "filter_label": ServiceLevel(level).label if level else "",
        "page_obj": page,
        "cases": page.object_list,
        "columns": columns,
        "extra_headers": [header for column in columns for header in column.headers],
        **extra,
    }


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form, cases = _filtered(request, selectors.my_cases(user))
    page = _page(request, cases)
    services.case_record_list_view(actor=user, cases=list(page.object_list), what="My cases list")
    return render(request, "cases/my_cases.html", _list_context(form, page, show_allocated=False))


@login_required
def team_cases(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form, cases = _filtered(request, selectors.team_cases(user))
    page = _page(request, cases)
    services.case_record_list_view(actor=user, cases=list(page.object_list), what="Team cases list")
    return render(
        request,
        "cases/team_cases.html",
        _list_context(
            form,
            page,
            show_allocated=True,
            is_manager=user.role == Role.TEAM_MANAGER,
        ),
    )


# --- Case overview ---------------------------------------------------------------------------


# The kinds of shared item that show on the map page.
SHARED_ON_MAP = (
    SharedKind.MAP_ITEM,
    SharedKind.DANGER_STATEMENT,
    SharedKind.SAFETY_GOAL,
    SharedKind.NEXT_STEP,
)


def _panels(request: HttpRequest, case: Case, placement: str) -> list[dict[str, Any]]:
    """The overview sections other apps registered, each with its own context."""
    panels = []
    for panel in registry.case_panels(placement):
        context = panel.context(request, case)
        if context is not None:
            panels.append({"key": panel.key, "template": panel.template, "context": context})
    return panels


@case_page("Case overview")
def case_overview(request: HttpRequest, case: Case) -> HttpResponse:
    shared = partner_view_of(request)
    if shared is not None:
        return _partner_overview(request, case, shared)
    members = selectors.case_members(case)
    return render_case(
        request,
        case,
        "cases/case_overview.html",
        {
            "workers": selectors.current_workers(case),
            "history": selectors.service_level_history(case),
            "closures": selectors.closure_history(case),
            "manages_closure": manages_case_closure(
                request.user,  # type: ignore[arg-type]
                case,
                basis=getattr(request, "case_access_basis", None),
            ),
            "people_groups": selectors.people_groups(members),
            "people_count": len(members),
            "lead_panels": _panels(request, case, "lead"),
            "main_panels": _panels(request, case, "main"),
        },
        tab="overview",
    )


def _partner_overview(request: HttpRequest, case: Case, shared: PartnerView) -> HttpResponse:
    """A partner professional sees whose record it is (name, date of birth, reference, who
    is working with the child) and what has been shared with them; not the people around
    the child, the service-level history or other apps' panels."""
    on_map = sum(len(shared.uuids(kind)) for kind in SHARED_ON_MAP)
    documents = len(shared.uuids(SharedKind.DOCUMENT))
    links = [
        (f"{on_map} thing{'s' if on_map != 1 else ''} on the map", "mapping:map", on_map),
        ("The scales", "mapping:scales", SharedKind.SCALES in shared.kinds),
        (f"{documents} document{'s' if documents != 1 else ''}", "documents:list", documents),
    ]
    return render_case(
        request,
        case,
        "cases/case_overview.html",
        {
            "workers": selectors.current_workers(case),
            "shared_links": [
                {"text": text, "url": reverse(name, kwargs={"case_uuid": case.uuid})}
                for text, name, shown in links
                if shown
            ],
        },
        tab="overview",
    )


# --- Edits -----------------------------------------------------------------------------------


def _case_url(case: Case) -> str:
    return reverse("cases:case", kwargs={"case_uuid": case.uuid})


def _display(form: VersionedForm, name: str, value: Any) -> str:
    """A value as a person reads it, for the 'saved now' comparison after a stale save."""
    field = form.fields[name]
    if value is None or value == "":
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return govuk_date(value)
    choices = getattr(field, "choices", None)
    if choices:
        labels = {str(key): str(label) for key, label in choices}
        return labels.get(str(value), str(value))
    return str(value)


def _refuse_stale(
    form: VersionedForm, error: StaleEditError, *, saved: dict[str, Any]
) -> tuple[VersionedForm, list[dict[str, str]]]:
    """Keep what the user typed, say nothing was saved, and show what is saved now where it
    differs. The form now carries the latest version, so the user can look, then save again
    on purpose."""
    kwargs: dict[str, Any] = {"case": form.case} if isinstance(form, ServiceLevelForm) else {}
    fresh = form.at_version(saved["version"], error.message, **kwargs)
    rows = []
    for name in form.fields:
        if name == "version" or name not in saved or name not in form.cleaned_data:
            continue
        saved_text = _display(form, name, saved[name])
        yours_text = _display(form, name, form.cleaned_data[name])
        if saved_text != yours_text:
            rows.append(
                {"label": str(form.fields[name].label), "saved": saved_text, "yours": yours_text}
            )
    return fresh, rows


@case_page("Change the child's details", edit=True)
def child_edit(request: HttpRequest, case: Case) -> HttpResponse:
    child = case.child
    stale_rows: list[dict[str, str]] | None = None
    if request.method == "POST":
        form: VersionedForm = ChildForm(request.POST)
        if form.is_valid():
            assert isinstance(form, ChildForm)
            try:
                services.child_update(
                    actor=request.user,  # type: ignore[arg-type]
                    case=case,
                    expected_version=form.expected_version,
                    child=form.person_data(),
                )
            except StaleEditError as error:
                child.refresh_from_db()
                form, stale_rows = _refuse_stale(form, error, saved=ChildForm.initial_for(child))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, f"{form.cleaned_data['first_name']}'s details have been saved."
                )
                return redirect(_case_url(case))
    else:
        form = ChildForm(initial=ChildForm.initial_for(child))
    return render_case(
        request,
        case,
        "cases/child_form.html",
        {"form": form, "stale_rows": stale_rows, "cancel_url": _case_url(case)},
        tab="overview",
    )


def _member_or_gone(request: HttpRequest, case: Case, member_uuid: uuid.UUID) -> CaseMember | None:
    """The person as saved now, or None (with a message) if someone removed them meanwhile."""
    try:
        return selectors.get_case_member(case, member_uuid)
    except Http404:
        messages.info(
            request,
            "Someone else removed this person from the case while you were working on it. "
            "Nothing you entered has been saved.",
        )
        return None


@case_page("Add a person to the case", edit=True)
def member_add(request: HttpRequest, case: Case) -> HttpResponse:
    if request.method == "POST":
        form = MemberForm(request.POST, versioned=False)
        if form.is_valid():
            try:
                member = services.case_member_add(
                    actor=request.user,  # type: ignore[arg-type]
                    case=case,
                    person=form.person_data(),
                    membership=form.membership_data(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"{member.person.full_name} has been added to the case.")
                return redirect(f"{_case_url(case)}#people")
    else:
        form = MemberForm(versioned=False)
    return render_case(
        request,
        case,
        "cases/member_form.html",
        {"form": form, "member": None, "cancel_url": f"{_case_url(case)}#people"},
        tab="overview",
    )


@case_page("Change a person's details", edit=True)
def member_edit(request: HttpRequest, case: Case, member_uuid: uuid.UUID) -> HttpResponse:
    member = selectors.get_case_member(case, member_uuid)
    stale_rows: list[dict[str, str]] | None = None
    if request.method == "POST":
        form: VersionedForm = MemberForm(request.POST)
        if form.is_valid():
            assert isinstance(form, MemberForm)
            try:
                services.case_member_update(
                    actor=request.user,  # type: ignore[arg-type]
                    member=member,
                    expected_version=form.expected_version,
                    person=form.person_data(),
                    membership=form.membership_data(),
                )
            except StaleEditError as error:
                fresh = _member_or_gone(request, case, member_uuid)
                if fresh is None:
                    return redirect(f"{_case_url(case)}#people")
                member = fresh
                form, stale_rows = _refuse_stale(form, error, saved=MemberForm.initial_for(member))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"{member.person.full_name}'s details have been saved.")
                return redirect(f"{_case_url(case)}#people")
    else:
        form = MemberForm(initial=MemberForm.initial_for(member))
    return render_case(
        request,
        case,
        "cases/member_form.html",
        {
            "form": form,
            "member": member,
            "stale_rows": stale_rows,
            "cancel_url": f"{_case_url(case)}#people",
        },
        tab="overview",
    )


@case_page("Remove a person from the case", edit=True)
def member_remove(request: HttpRequest, case: Case, member_uuid: uuid.UUID) -> HttpResponse:
    member = selectors.get_case_member(case, member_uuid)
    if request.method == "POST":
        form = RemoveMemberForm(request.POST)
        if form.is_valid():
            try:
                services.case_member_remove(
                    actor=request.user,  # type: ignore[arg-type]
                    member=member,
                    expected_version=form.expected_version,
                )
            except StaleEditError as error:
                # Someone changed them meanwhile: show them as they are now, to decide again.
                fresh = _member_or_gone(request, case, member_uuid)
                if fresh is None:
                    return redirect(f"{_case_url(case)}#people")
                member = fresh
                form = RemoveMemberForm({"version": member.version})
                form.is_valid()
                form.add_error(None, error.message)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"{member.person.full_name} has been removed from this case. "
                    "It stays in the record's history.",
                )
                return redirect(f"{_case_url(case)}#people")
    else:
        form = RemoveMemberForm(initial={"version": member.version})
    return render_case(
        request,
        case,
        "cases/member_remove.html",
        {"form": form, "member": member, "cancel_url": f"{_case_url(case)}#people"},
        tab="overview",
    )


@case_page("Change the service level", edit=True)
def service_level_change(request: HttpRequest, case: Case) -> HttpResponse:
    stale_rows: list[dict[str, str]] | None = None
    if request.method == "POST":
        form: VersionedForm = ServiceLevelForm(request.POST, case=case)
        if form.is_valid():
            assert isinstance(form, ServiceLevelForm)
            data = form.cleaned_data
            try:
                updated = services.case_change_service_level(
                    actor=request.user,  # type: ignore[arg-type]
                    case=case,
                    expected_version=form.expected_version,
                    to_level=data["to_level"],
                    changed_on=data["changed_on"],
                    reason=data["reason"],
                )
            except StaleEditError as error:
                case.refresh_from_db()
                form, _ = _refuse_stale(form, error, saved={"version": case.version})
                stale_rows = [
                    {
                        "label": "Service level",
                        "saved": case.get_service_level_display(),
                        "yours": ServiceLevel(data["to_level"]).label,
                    }
                ]
            except ValidationError as error:
                form.add_error(None, error)
            else:
                level = ServiceLevel(updated.service_level).label
                messages.success(
                    request,
                    f"The service level is now {level}. The map, the people and the history "
                    f"carry over, and the map's wording now follows {level.lower()}.",
                )
                return redirect(_case_url(case))
    else:
        form = ServiceLevelForm(case=case)
    return render_case(
        request,
        case,
        "cases/service_level_form.html",
        {"form": form, "stale_rows": stale_rows, "cancel_url": _case_url(case)},
        tab="overview",
    )
