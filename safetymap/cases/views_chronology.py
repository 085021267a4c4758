"""The case journey: the chronology (every app's significant events and the entries workers
add, filtered, exported, printed), corrections, and closing and reopening the case.

A partner professional never opens these pages: they are not in `policies.SHARED_PAGES`.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from safetymap.cases import selectors, services
from safetymap.cases.access import case_page, render_case
from safetymap.cases.chronology import ChronologyRow, case_chronology
from safetymap.cases.forms_chronology import (
    CaseCloseForm,
    CaseReopenForm,
    ChronologyEntryForm,
    ChronologyFilterForm,
)
from safetymap.cases.models import Case, ChronologyEntry
from safetymap.cases.policies import manages_case_closure
from safetymap.core.csv import safe_csv_response
from safetymap.core.versioning import StaleEditError
from safetymap.govuk.formatting import govuk_datetime

ROWS_PER_PAGE = 25
EXPORT_EVENT = "Export of the chronology as CSV"
PRINT_EVENT = "Print of the chronology"


def _chronology_url(case: Case, name: str = "cases:chronology") -> str:
    return reverse(name, kwargs={"case_uuid": case.uuid})


def _filtered(request: HttpRequest, case: Case) -> tuple[ChronologyFilterForm, list[ChronologyRow]]:
    form = ChronologyFilterForm(request.GET or None)
    return form, case_chronology(case, form.filters())


def _query(request: HttpRequest) -> str:
    """The filters of this page, for the export and print links (not the page number)."""
    query = request.GET.copy()
    query.pop("page", None)
    return f"?{query.urlencode()}" if query else ""


@case_page("Chronology")
@require_GET
def chronology(request: HttpRequest, case: Case) -> HttpResponse:
    form, rows = _filtered(request, case)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    query = _query(request)
    return render_case(
        request,
        case,
        "cases/chronology.html",
        {
            "form": form,
            "filtered": form.is_filtered(),
            "page_obj": page,
            "rows": page.object_list,
            "export_url": _chronology_url(case, "cases:chronology_export") + query,
            "print_url": _chronology_url(case, "cases:chronology_print") + query,
            "clear_url": request.path,
        },
        tab="chronology",
    )


def _csv_row(row: ChronologyRow) -> list[Any]:
    entry, corrected_by = row.entry, row.corrected_by
    status = ""
    if corrected_by is not None:
        status = f"Corrected by the entry recorded {govuk_datetime(corrected_by.created_at)}"
    elif entry is not None and entry.corrects_id is not None:
        status = f"Correction: {entry.correction_reason}"
    return [
        row.happened_on.isoformat(),
        row.kind_label,
        row.event.summary,
        row.event.detail,
        entry.significance if entry else "",
        row.event.by,
        timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M") if entry else "",
        status,
    ]


@case_page(EXPORT_EVENT)
@require_GET
def chronology_export(request: HttpRequest, case: Case) -> HttpResponse:
    """The chronology as the filters show it, as CSV (the access event records the export)."""
    _, rows = _filtered(request, case)
    return safe_csv_response(
        f"chronology-{case.reference}-{timezone.localdate().isoformat()}.csv",
        [
            "Date",
            "Kind",
            "What",
            "Detail",
            "What it means for the child",
            "By",
            "Recorded at",
            "Correction",
        ],
        [_csv_row(row) for row in rows],
    )


@case_page(PRINT_EVENT)
@require_GET
def chronology_print(request: HttpRequest, case: Case) -> HttpResponse:
    """The chronology as the filters show it, every row on one page, laid out for paper."""
    form, rows = _filtered(request, case)
    return render(
        request,
        "cases/chronology_print.html",
        {
            "case": case,
            "child": case.child,
            "rows": rows,
            "filtered": form.is_filtered(),
            "printed_at": timezone.localtime(),
            "back_url": _chronology_url(case) + _query(request),
        },
    )


@case_page("Chronology entry")
@require_GET
def chronology_entry(
    request: HttpRequest, case: Case, chronology_entry_uuid: uuid.UUID
) -> HttpResponse:
    entry = selectors.get_chronology_entry(case, chronology_entry_uuid)
    return render_case(
        request,
        case,
        "cases/chronology_entry.html",
        {"entry": entry, "corrected_by": _correction_of(entry), "back_url": _chronology_url(case)},
        tab="chronology",
    )


def _correction_of(entry: ChronologyEntry) -> ChronologyEntry | None:
    try:
        return entry.correction
    except ChronologyEntry.DoesNotExist:
        return None


@case_page("Add to the chronology", edit=True)
def chronology_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = ChronologyEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.chronology_entry_add(
                actor=request.user,  # type: ignore[arg-type]
                case=case,
                **form.entry_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The entry has been added to the chronology.")
            return redirect(_chronology_url(case))
    return render_case(
        request,
        case,
        "cases/chronology_form.html",
        {"form": form, "correcting": None, "cancel_url": _chronology_url(case)},
        tab="chronology",
    )


@case_page("Correct a chronology entry", edit=True)
def chronology_correct(
    request: HttpRequest, case: Case, chronology_entry_uuid: uuid.UUID
) -> HttpResponse:
    entry = selectors.get_chronology_entry(case, chronology_entry_uuid)
    corrected_by = _correction_of(entry)
    if corrected_by is not None:
        messages.info(
            request,
            "This entry has already been corrected. To change it again, correct the correction.",
        )
        return redirect(
            "cases:chronology_entry", case_uuid=case.uuid, chronology_entry_uuid=corrected_by.uuid
        )
    form = ChronologyEntryForm(request.POST or None, correcting=entry)
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.chronology_entry_correct(
                actor=request.user,  # type: ignore[arg-type]
                entry=entry,
                correction_reason=form.cleaned_data["correction_reason"],
                **form.entry_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "The correction has been added. The entry it corrects is kept."
            )
            return redirect(
                "cases:chronology_entry", case_uuid=case.uuid, chronology_entry_uuid=correction.uuid
            )
    return render_case(
        request,
        case,
        "cases/chronology_form.html",
        {"form": form, "correcting": entry, "cancel_url": _chronology_url(case)},
        tab="chronology",
    )


# --- Closing and reopening --------------------------------------------------------------------


def _overview(case: Case) -> HttpResponse:
    return redirect("cases:case", case_uuid=case.uuid)


def _stale(form: Any, error: StaleEditError, case: Case, **kwargs: Any) -> Any:
    case.refresh_from_db()
    return form.at_version(case.version, error.message, **kwargs)


@case_page("Close the case", rule=manages_case_closure)
def case_close(request: HttpRequest, case: Case) -> HttpResponse:
    if case.closed_on is not None:
        messages.info(request, "The case is already closed.")
        return _overview(case)
    form: Any = CaseCloseForm(
        request.POST or None, initial={"version": case.version, "closed_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(
                actor=request.user,  # type: ignore[arg-type]
                case=case,
                expected_version=form.expected_version,
                closed_on=form.cleaned_data["closed_on"],
                reason=form.cleaned_data["reason"],
                reason_words=form.cleaned_data["reason_words"],
            )
        except StaleEditError as error:
            form = _stale(form, error, case)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"The case is closed. {case.child.name_used}'s record is kept as it is and can "
                "be read, but not changed. A manager can reopen it.",
            )
            return _overview(case)
    return render_case(
        request,
        case,
        "cases/case_close.html",
        {
            "form": form,
            "workers": selectors.current_workers(case),
            "cancel_url": reverse("cases:case", kwargs={"case_uuid": case.uuid}),
        },
        tab="overview",
    )


@case_page("Reopen the case", rule=manages_case_closure)
def case_reopen(request: HttpRequest, case: Case) -> HttpResponse:
    if case.closed_on is None:
        messages.info(request, "The case is already open.")
        return _overview(case)
    staff = selectors.allocatable_staff(case)
    form: Any = CaseReopenForm(
        request.POST or None,
        staff=staff,
        initial={"version": case.version, "reopened_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_reopen(
                actor=request.user,  # type: ignore[arg-type]
                case=case,
                expected_version=form.expected_version,
                reopened_on=form.cleaned_data["reopened_on"],
                reason=form.cleaned_data["reason"],
                workers=form.chosen_workers(),
            )
        except StaleEditError as error:
            form = _stale(form, error, case, staff=staff)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "The case is open again. Its map, the people around the child and its "
                "chronology carry over.",
            )
            return _overview(case)
    return render_case(
        request,
        case,
        "cases/case_reopen.html",
        {
            "form": form,
            "closures": selectors.closure_history(case),
            "cancel_url": reverse("cases:case", kwargs={"case_uuid": case.uuid}),
        },
        tab="overview",
    )
