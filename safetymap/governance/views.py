"""Governance pages: "Access to this record" for managers (a case tab), the access log and
subject access requests for information governance.

Managers reach the access log from the case they manage (404 if they cannot see the case,
403 for anyone else who can see it). Information governance (council administrators)
never open a record: they find an access log by case reference and see only the log, and
export what is held about a person. Every page that shows anything about a child records
an access event; every export also records an audit event and needs a recent sign-in.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.accounts.reauth import recent_auth_required
from safetymap.cases.access import render_case
from safetymap.cases.policies import can_edit_case
from safetymap.cases.selectors import get_visible_case
from safetymap.core.csv import safe_csv_response
from safetymap.governance import policies, selectors, services
from safetymap.governance.forms import (
    AccessLogFilterForm,
    CaseReferenceForm,
    PersonSearchForm,
    SubjectAccessExportForm,
    export_filename,
)
from safetymap.governance.pdf import render_pdf
from safetymap.governance.subject_access import build_subject_access_export, pdf_context

EVENTS_PER_PAGE = 50
PEOPLE_PER_PAGE = 20

View = Callable[..., HttpResponse]


def information_governance_required(view: View) -> View:
    """Signed in, and information governance; everyone else is refused (403) before any
    record is looked up, so the refusal says nothing about what exists."""

    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not policies.is_information_governance(request.user):  # type: ignore[arg-type]
            raise PermissionDenied("Only information governance can use this page.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# --- The access log: shared by the case tab and the governance page -----------------------


def _filter_form(request: HttpRequest, scope: selectors.AccessLogScope) -> AccessLogFilterForm:
    data = request.GET.copy()
    data.pop("page", None)
    return AccessLogFilterForm(
        data or None,
        people=selectors.access_log_people(scope),
        bases=selectors.access_log_bases(scope),
    )


def _log_context(
    request: HttpRequest, scope: selectors.AccessLogScope, export_url: str
) -> dict[str, Any]:
    form = _filter_form(request, scope)
    events = selectors.access_log(scope, form.filters())
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form,
        "filtered": form.filtered(),
        "page_obj": page,
        "events": page.object_list,
        "export_url": f"{export_url}?{query.urlencode()}" if query else export_url,
        "clear_url": request.path,
    }


@recent_auth_required()
def _export_log(
    request: HttpRequest, scope: selectors.AccessLogScope, page_url: str
) -> HttpResponse:
    """Every event the filters match, as CSV; recorded before a byte is sent. Needs a recent
    "Confirm it's you", asked for only once the user is known to be allowed the log (so
    others still get 404 or 403). Filters with mistakes go back to the page."""
    form = _filter_form(request, scope)
    if form.is_bound and not form.is_valid():
        return redirect(f"{page_url}?{request.GET.urlencode()}")
    filters = form.filters()
    rows = [
        [
            timezone.localtime(event.occurred_at).strftime("%Y-%m-%d %H:%M:%S"),
            event.actor.display_name,
            event.actor.get_username(),
            event.actor.job_title,
            event.actor.team.name if event.actor.team else "",
            event.what,
            event.basis,
        ]
        for event in selectors.access_log(scope, filters)
    ]
    services.access_log_export_record(
        actor=scope.user, scope=scope, filters=filters.as_dict(), row_count=len(rows)
    )
    return safe_csv_response(
        f"access-log-{scope.case.reference}-{timezone.localdate().isoformat()}.csv",
        ["When", "Who", "Username", "Job title", "Team", "What they opened", "Basis"],
        rows,
    )


def _manager_scope(request: HttpRequest, case_uuid: uuid.UUID) -> selectors.AccessLogScope:
    """404 if the user cannot see the case, 403 if they can but may not read its log."""
    user: User = request.user  # type: ignore[assignment]
    case = get_visible_case(user, case_uuid)
    scope = selectors.access_log_scope(user, case)
    if scope is None:
        raise PermissionDenied("Only the team's managers can see who opened this record.")
    return scope


def _governance_scope(request: HttpRequest, case_uuid: uuid.UUID) -> selectors.AccessLogScope:
    user: User = request.user  # type: ignore[assignment]
    scope = selectors.access_log_scope(user, selectors.get_case_for_governance(user, case_uuid))
    if scope is None:
        raise PermissionDenied("Only information governance can use this page.")
    return scope


@login_required
def case_access_log(request: HttpRequest, case_uuid: uuid.UUID) -> HttpResponse:
    """The "Access to this record" tab, for the managers of the child's team."""
    scope = _manager_scope(request, case_uuid)
    services.access_log_view_record(actor=scope.user, scope=scope)
    request.case_access_basis = scope.basis  # type: ignore[attr-defined]
    request.can_edit = can_edit_case(scope.user, scope.case, basis=scope.basis)  # type: ignore[attr-defined]
    export_url = reverse("governance:case_access_log_export", kwargs={"case_uuid": scope.case.uuid})
    return render_case(
        request,
        scope.case,
        "governance/case_access_log.html",
        _log_context(request, scope, export_url),
        tab="access",
    )


@login_required
def case_access_log_export(request: HttpRequest, case_uuid: uuid.UUID) -> HttpResponse:
    scope = _manager_scope(request, case_uuid)
    page_url = reverse("governance:case_access_log", kwargs={"case_uuid": scope.case.uuid})
    return _export_log(request, scope, page_url)


# --- Information governance ----------------------------------------------------------------


@information_governance_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/index.html")


@information_governance_required
def access_log_lookup(request: HttpRequest) -> HttpResponse:
    """Find a record's access log by its case reference (the record itself is never shown)."""
    user: User = request.user  # type: ignore[assignment]
    form = CaseReferenceForm(request.GET or None)
    if form.is_bound and form.is_valid():
        case = selectors.find_case_by_reference(user, form.cleaned_data["reference"])
        if case is not None:
            return redirect("governance:access_log", case_uuid=case.uuid)
        form.add_error("reference", "No record has that case reference: check it and try again")
    return render(request, "governance/access_log_lookup.html", {"form": form})


@information_governance_required
def access_log(request: HttpRequest, case_uuid: uuid.UUID) -> HttpResponse:
    """A child's access log for information governance: the log only, not the record."""
    scope = _governance_scope(request, case_uuid)
    services.access_log_view_record(actor=scope.user, scope=scope)
    export_url = reverse("governance:access_log_export", kwargs={"case_uuid": scope.case.uuid})
    return render(
        request,
        "governance/access_log.html",
        {"case": scope.case, **_log_context(request, scope, export_url)},
    )


@information_governance_required
def access_log_export(request: HttpRequest, case_uuid: uuid.UUID) -> HttpResponse:
    scope = _governance_scope(request, case_uuid)
    page_url = reverse("governance:access_log", kwargs={"case_uuid": scope.case.uuid})
    return _export_log(request, scope, page_url)


# --- Subject access requests ---------------------------------------------------------------


@information_governance_required
def subject_access_search(request: HttpRequest) -> HttpResponse:
    """Find the person a subject access request is about, by name and date of birth."""
    user: User = request.user  # type: ignore[assignment]
    data = request.GET.copy()
    data.pop("page", None)
    form = PersonSearchForm(data or None)
    page = None
    if form.is_bound and form.is_valid():
        people = selectors.people_matching(
            user, name=form.cleaned_data["name"], date_of_birth=form.cleaned_data["date_of_birth"]
        )
        page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
        services.subject_access_search_record(
            actor=user,
            case_uuids=[
                case_uuid
                for person in page.object_list
                for case_uuid in selectors.person_case_uuids(person)
            ],
        )
    return render(
        request,
        "governance/subject_access_search.html",
        {
            "form": form,
            "page_obj": page,
            "people": page.object_list if page else [],
            "recent_exports": selectors.recent_subject_access_exports(user),
        },
    )


@information_governance_required
@recent_auth_required()
def subject_access_person(request: HttpRequest, person_uuid: uuid.UUID) -> HttpResponse:
    """Check who the export is about and what it includes, then download it. Both need a
    recent "Confirm it's you", so it is asked before the form, not after."""
    user: User = request.user  # type: ignore[assignment]
    person = selectors.get_person_for_subject_access(user, person_uuid)
    form = SubjectAccessExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _subject_access_download(
            user,
            person,
            output_format=form.cleaned_data["output_format"],
            request_reference=form.cleaned_data["request_reference"],
        )
    services.subject_access_check_record(actor=user, case_uuids=selectors.person_case_uuids(person))
    return render(
        request,
        "governance/subject_access_person.html",
        {
            "person": person,
            "child_cases": list(person.cases.all()),
            "memberships": list(person.memberships.all()),
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


def _subject_access_download(
    user: User, person: Any, *, output_format: str, request_reference: str
) -> HttpResponse:
    export = build_subject_access_export(
        person=person, actor=user, request_reference=request_reference
    )
    if output_format == "pdf":
        content = render_pdf(
            "governance/pdf/subject_access.html",
            "governance/pdf/subject_access.css",
            pdf_context(export),
        )
        content_type = "application/pdf"
    else:
        content = json.dumps(export.data, indent=2, ensure_ascii=False).encode()
        content_type = "application/json; charset=utf-8"
    services.subject_access_export_record(
        actor=user,
        person=person,
        case_uuids=export.case_uuids,
        output_format=output_format,
        request_reference=request_reference,
        details={
            "redaction_candidates": len(export.data["redaction_candidates"]),
            "audit_events": len(export.data["audit_events"]),
            "sha256": hashlib.sha256(content).hexdigest(),
        },
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{export_filename(person.full_name, output_format)}"'
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
