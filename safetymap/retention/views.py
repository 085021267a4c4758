"""Retention pages for council administrators: the schedule, legal holds, what is due,
destruction lists (propose, approve, destroy) and the record of what was destroyed.

Every page that shows children's names records an access event for each child shown.
Restricted records show their reference only, unless the administrator is on the
record's allow-list.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from safetymap.accounts.models import User
from safetymap.audit.services import access_record_many
from safetymap.cases.models import Case, CaseRestriction, RestrictionAllowedUser
from safetymap.core.versioning import StaleEditError
from safetymap.retention import selectors, services
from safetymap.retention.forms import (
    ApproveForm,
    CancelForm,
    DestroyForm,
    HoldLiftForm,
    HoldPlaceForm,
    ProposeForm,
    RuleForm,
)
from safetymap.retention.models import (
    BatchStatus,
    DestructionBatch,
    ItemOutcome,
    LegalHold,
    RetentionRule,
)
from safetymap.retention.policies import approval_refusal, can_manage_retention

View = Callable[..., HttpResponse]

# Recorded on the access events of children shown on these pages.
ACCESS_BASIS = "retention"
PAGE_SIZE = 50


def administrators_only(view: View) -> View:
    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage_retention(request.user):
            raise PermissionDenied("Only a council administrator can manage retention.")
        return view(request, *args, **kwargs)

    return wrapped


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _hidden_names(user: User, cases: Iterable[Case]) -> set[int]:
    """Restricted records among these cases whose allow-list does not name this user."""
    ids = [case.pk for case in cases]
    restricted = set(
        CaseRestriction.objects.filter(case_id__in=ids, active=True).values_list(
            "case_id", flat=True
        )
    )
    if not restricted:
        return set()
    allowed = set(
        RestrictionAllowedUser.objects.filter(
            restriction__case_id__in=restricted, user=user, removed_at__isnull=True
        ).values_list("restriction__case_id", flat=True)
    )
    return restricted - allowed


def _shown(request: HttpRequest, cases: Sequence[Case], what: str) -> set[int]:
    """Record that these children were shown; return the ones whose names must be hidden."""
    user = _user(request)
    if cases:
        access_record_many(
            actor=user,
            case_uuids=list(dict.fromkeys(case.uuid for case in cases)),
            what=what,
            basis=ACCESS_BASIS,
        )
    return _hidden_names(user, cases)


# --- Overview ---------------------------------------------------------------------------


@administrators_only
def overview(request: HttpRequest) -> HttpResponse:
    batches = selectors.batches()
    return render(
        request,
        "retention/overview.html",
        {
            "rule_count": len(selectors.rules()),
            "hold_count": selectors.active_holds().count(),
            "waiting": batches.filter(status=BatchStatus.PROPOSED).count(),
            "approved": batches.filter(status=BatchStatus.APPROVED).count(),
            "record_count": selectors.destruction_records().count(),
        },
    )


# --- The schedule -----------------------------------------------------------------------


@administrators_only
def rules(request: HttpRequest) -> HttpResponse:
    return render(request, "retention/rules.html", {"rules": selectors.rules()})


@administrators_only
def rule_edit(request: HttpRequest, rule_uuid: uuid.UUID) -> HttpResponse:
    rule = get_object_or_404(RetentionRule, uuid=rule_uuid)
    form = RuleForm(request.POST or None, initial=RuleForm.initial_for(rule), rule=rule)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            values = form.service_values()
            try:
                services.retention_rule_update(
                    actor=_user(request),
                    rule=rule,
                    expected_version=form.expected_version,
                    trigger=values["trigger"],
                    years=values["years"],
                    description=values["description"],
                )
            except StaleEditError as error:
                # Show what is saved now, with the newer version, and what they typed.
                rule.refresh_from_db()
                form = RuleForm(RuleForm.initial_for(rule), rule=rule)
                form.is_valid()
                form.add_error(None, error.message)
                unsaved = [
                    ("Counted from", form.trigger_label(values["trigger"])),
                    ("Number of years", str(values["years"])),
                    ("Description", values["description"]),
                ]
                return render(
                    request,
                    "retention/rule_edit.html",
                    {"form": form, "rule": rule, "unsaved": unsaved},
                    status=409,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, f"Rule for {rule.get_record_type_display().lower()} saved."
                )
                return redirect("retention:rules")
    return render(request, "retention/rule_edit.html", {"form": form, "rule": rule}, status=status)


# --- What is due ------------------------------------------------------------------------


@administrators_only
def due(request: HttpRequest) -> HttpResponse:
    review = selectors.review()
    page = Paginator(review.due, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [a.case for a in page.object_list] + [a.case for a in review.held]
    shown += [a.case for a in review.unknown]
    hidden = _shown(request, shown, "Retention: records due for destruction")
    return render(
        request,
        "retention/due.html",
        {
            "review": review,
            "page_obj": page,
            "hidden": hidden,
            "in_batch": set(review.in_open_batch),
            "form": ProposeForm(),
        },
    )


@administrators_only
@require_POST
def propose(request: HttpRequest) -> HttpResponse:
    batch = services.batch_propose(actor=_user(request))
    if batch is None:
        messages.info(request, "Nothing is due for destruction that is not already on a list.")
        return redirect("retention:due")
    messages.success(
        request, "Destruction list made. Another council administrator must approve it."
    )
    return redirect("retention:batch", batch_uuid=batch.uuid)


# --- Legal holds ------------------------------------------------------------------------


@administrators_only
def holds(request: HttpRequest) -> HttpResponse:
    form = HoldPlaceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and form.case is not None:
            try:
                hold = services.legal_hold_place(
                    actor=_user(request), case=form.case, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"Legal hold placed on {hold.case.reference}. It will not be destroyed "
                    "until the hold is lifted.",
                )
                return redirect("retention:holds")
    active = list(selectors.active_holds())
    lifted_page = Paginator(selectors.lifted_holds(), PAGE_SIZE).get_page(request.GET.get("page"))
    hidden = _shown(
        request,
        [hold.case for hold in active] + [hold.case for hold in lifted_page.object_list],
        "Retention: legal holds",
    )
    return render(
        request,
        "retention/holds.html",
        {"form": form, "active": active, "page_obj": lifted_page, "hidden": hidden},
        status=status,
    )


@administrators_only
def hold_lift(request: HttpRequest, hold_uuid: uuid.UUID) -> HttpResponse:
    hold = get_object_or_404(
        LegalHold.objects.select_related("case", "case__child", "placed_by"), uuid=hold_uuid
    )
    if not hold.is_active:
        raise Http404("This hold has already been lifted")
    form = HoldLiftForm(request.POST or None, initial={"version": hold.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.legal_hold_lift(
                    actor=_user(request),
                    hold=hold,
                    expected_version=form.expected_version,
                    reason=form.cleaned_data["reason"],
                )
            except StaleEditError as error:
                form.add_error(None, error.message)
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Legal hold on {hold.case.reference} lifted.")
                return redirect("retention:holds")
    hidden = _shown(request, [hold.case], "Retention: lift a legal hold")
    return render(
        request,
        "retention/hold_lift.html",
        {"form": form, "hold": hold, "hidden": hidden},
        status=status,
    )


# --- Destruction lists ------------------------------------------------------------------


@administrators_only
def batches(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.batches(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "retention/batches.html", {"page_obj": page})


def _batch_page(
    request: HttpRequest,
    batch: DestructionBatch,
    *,
    approve_form: ApproveForm | None = None,
    destroy_form: DestroyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    items = selectors.batch_items(batch)
    cases = [item.case for item in items if item.case is not None]
    hidden = _shown(request, cases, "Retention: destruction list")
    user = _user(request)
    pending = sum(1 for item in items if item.outcome == ItemOutcome.PENDING)
    small = (
        pending <= services.SMALL_BATCH_CASES
        and batch.access_events_due + batch.audit_events_due <= services.SMALL_BATCH_EVENTS
    )
    refusal = approval_refusal(user, batch) if batch.status == BatchStatus.PROPOSED else None
    return render(
        request,
        "retention/batch.html",
        {
            "batch": batch,
            "items": items,
            "hidden": hidden,
            "pending": pending,
            "destroyed": sum(1 for item in items if item.outcome == ItemOutcome.DESTROYED),
            "skipped": sum(1 for item in items if item.outcome == ItemOutcome.SKIPPED),
            "refusal": refusal,
            "approve_form": approve_form or ApproveForm(initial={"version": batch.version}),
            "destroy_form": destroy_form or DestroyForm(initial={"version": batch.version}),
            "can_destroy_here": batch.status == BatchStatus.APPROVED and small,
            "form": approve_form or destroy_form,  # for the page title's "Error: "
        },
        status=status,
    )


def _get_batch(batch_uuid: uuid.UUID) -> DestructionBatch:
    return get_object_or_404(
        DestructionBatch.objects.select_related("proposed_by", "approved_by", "cancelled_by"),
        uuid=batch_uuid,
    )


@administrators_only
def batch(request: HttpRequest, batch_uuid: uuid.UUID) -> HttpResponse:
    return _batch_page(request, _get_batch(batch_uuid))


@administrators_only
@require_POST
def batch_approve(request: HttpRequest, batch_uuid: uuid.UUID) -> HttpResponse:
    batch = _get_batch(batch_uuid)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _batch_page(request, batch, approve_form=form, status=400)
    try:
        services.batch_approve(
            actor=_user(request), batch=batch, expected_version=form.expected_version
        )
    except StaleEditError as error:
        # Show the list as it is now, with its new version, and the reason nothing happened.
        batch.refresh_from_db()
        form = ApproveForm({"version": batch.version})
        form.is_valid()
        form.errors.pop("confirm", None)
        form.add_error(None, error.message)
        return _batch_page(request, batch, approve_form=form, status=409)
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return _batch_page(request, batch, approve_form=form, status=403)
    messages.success(request, "Destruction approved. Your name is recorded as the approver.")
    return redirect("retention:batch", batch_uuid=batch.uuid)


@administrators_only
@require_POST
def batch_destroy(request: HttpRequest, batch_uuid: uuid.UUID) -> HttpResponse:
    batch = _get_batch(batch_uuid)
    form = DestroyForm(request.POST)
    if not form.is_valid():
        return _batch_page(request, batch, destroy_form=form, status=400)
    if form.expected_version != batch.version:
        form.add_error(None, "This list changed since you opened it. Check it again.")
        return _batch_page(request, batch, destroy_form=form, status=409)
    pending = batch.items.filter(outcome=ItemOutcome.PENDING).count()
    if pending > services.SMALL_BATCH_CASES or (
        batch.access_events_due + batch.audit_events_due > services.SMALL_BATCH_EVENTS
    ):
        form.add_error(None, "This list is too long to destroy here. Use the command shown.")
        return _batch_page(request, batch, destroy_form=form, status=400)
    try:
        outcome = services.batch_destroy(batch=batch, actor=_user(request))
    except services.NotApprovedError as error:
        form.add_error(None, str(error))
        return _batch_page(request, batch, destroy_form=form, status=409)
    kept = f" {len(outcome.skipped)} kept." if outcome.skipped else ""
    messages.success(
        request,
        f"{len(outcome.destroyed)} case record{'s' if len(outcome.destroyed) != 1 else ''} "
        f"destroyed.{kept}",
    )
    return redirect("retention:batch", batch_uuid=batch.uuid)


@administrators_only
def batch_cancel(request: HttpRequest, batch_uuid: uuid.UUID) -> HttpResponse:
    batch = _get_batch(batch_uuid)
    if batch.status not in (BatchStatus.PROPOSED, BatchStatus.APPROVED):
        raise Http404("Only a list that has not been destroyed can be cancelled")
    form = CancelForm(request.POST or None, initial={"version": batch.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.batch_cancel(
                    actor=_user(request),
                    batch=batch,
                    expected_version=form.expected_version,
                    reason=form.cleaned_data["reason"],
                )
            except StaleEditError as error:
                form.add_error(None, error.message)
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, "Destruction list cancelled. Nothing in it was destroyed."
                )
                return redirect("retention:batch", batch_uuid=batch.uuid)
    return render(
        request, "retention/batch_cancel.html", {"form": form, "batch": batch}, status=status
    )


# --- What was destroyed -----------------------------------------------------------------


@administrators_only
def records(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("reference", "").strip()
    found = selectors.destruction_records()
    if query:
        found = found.filter(Q(case_reference__iexact=query))
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "retention/records.html", {"page_obj": page, "reference": query})
