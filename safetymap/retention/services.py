"""Every write the retention process makes. Each records an audit event in the same
transaction; destroying a case leaves a `DestructionRecord`.

The order is always: the job (or an administrator) proposes a batch of what is due; a
council administrator who did not propose it approves it, by name; then `batch_destroy`
destroys each case in the batch that is *still* due and not on legal hold, one transaction
per case.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.audit.append_only import audit_deletion_allowed
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.audit.services import audit_creation, audited_create, audited_update
from safetymap.cases.models import Case
from safetymap.core.versioning import lock_for_edit
from safetymap.notifications.models import Notification
from safetymap.retention import contacts, selectors
from safetymap.retention.collect import (
    CHUNK,
    Collection,
    collect_case,
    delete_collection,
    files_of,
)
from safetymap.retention.models import (
    CASE_RECORD_TYPES,
    CASE_TRIGGERS,
    MAX_YEARS,
    BatchStatus,
    DestructionBatch,
    DestructionBatchItem,
    DestructionRecord,
    ItemOutcome,
    LegalHold,
    RecordType,
    RetentionRule,
    Trigger,
)
from safetymap.retention.policies import approval_refusal, can_manage_retention
from safetymap.retention.records import record_destruction

# Batches this small can be destroyed from the page, in the request; bigger ones use
# `manage.py retention_destroy`.
SMALL_BATCH_CASES = 25
SMALL_BATCH_EVENTS = 5000


def _require_administrator(actor: User) -> None:
    if not can_manage_retention(actor):
        raise PermissionDenied("Only a council administrator can manage retention.")


# --- The schedule -----------------------------------------------------------------------


@transaction.atomic
def retention_rule_update(
    *,
    actor: User,
    rule: RetentionRule,
    expected_version: int | None,
    trigger: str,
    years: int,
    description: str,
) -> RetentionRule:
    """Change how long one type of record is kept. Refused if the rule changed meanwhile."""
    _require_administrator(actor)
    allowed = CASE_TRIGGERS if rule.record_type in CASE_RECORD_TYPES else [Trigger.EVENT]
    if trigger not in allowed:
        raise ValidationError("Choose what the period is counted from.")
    if not 1 <= years <= MAX_YEARS:
        raise ValidationError(f"The number of years must be between 1 and {MAX_YEARS}.")
    if not description.strip():
        raise ValidationError("Enter a description of the rule.")
    return audited_update(
        actor=actor,
        instance=rule,
        expected_version=expected_version,
        changes={"trigger": trigger, "years": years, "description": description.strip()},
        case_uuid=None,
        summary=f"Retention rule for {rule.get_record_type_display().lower()} changed",
    )


# --- Legal holds ------------------------------------------------------------------------


@transaction.atomic
def legal_hold_place(*, actor: User, case: Case, reason: str) -> LegalHold:
    """Stop this case being destroyed until the hold is lifted, whatever the schedule says.

    Takes the case's row lock, so a destruction running at the same moment either sees the
    hold or has already finished."""
    _require_administrator(actor)
    if not reason.strip():
        raise ValidationError("Enter why the record must be kept.")
    locked = Case.objects.select_for_update().filter(pk=case.pk).first()
    if locked is None:
        raise ValidationError("There is no case with that reference. Check it and try again.")
    return audited_create(
        actor=actor,
        model=LegalHold,
        case_uuid=locked.uuid,
        summary=f"Legal hold placed on {locked.reference}",
        fields={"case": locked, "reason": reason.strip(), "placed_by": actor},
    )


@transaction.atomic
def legal_hold_lift(
    *, actor: User, hold: LegalHold, expected_version: int | None, reason: str
) -> LegalHold:
    """End a hold. The case follows its schedule again (and may be due at once)."""
    _require_administrator(actor)
    if not reason.strip():
        raise ValidationError("Enter why the hold can be lifted.")
    fresh = lock_for_edit(hold, expected_version=expected_version)
    if fresh.lifted_at is not None:
        raise ValidationError("This hold has already been lifted.")
    return audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes={"lifted_at": timezone.now(), "lifted_by": actor, "lift_reason": reason.strip()},
        case_uuid=fresh.case.uuid,
        summary=f"Legal hold on {fresh.case.reference} lifted",
    )


# --- Proposing and approving ------------------------------------------------------------


@transaction.atomic
def batch_propose(
    *, actor: User | None, today: datetime.date | None = None
) -> DestructionBatch | None:
    """List everything due today in a new batch waiting for approval; None if nothing is due.

    `actor` is None when the retention job proposes it. Cases already in a batch that is
    waiting for approval or destruction are not listed again."""
    if actor is not None:
        _require_administrator(actor)
    today = today or timezone.localdate()
    review = selectors.review(today=today)
    cases = review.to_propose
    events = review.events
    if not cases and not events.total and not contacts.contacts_due(today=today).exists():
        return None
    batch = audited_create(
        actor=actor,
        model=DestructionBatch,
        case_uuid=None,
        summary=f"Destruction proposed: {len(cases)} case{'s' if len(cases) != 1 else ''}"
        + (f" and {events.total} audit and access events" if events.total else ""),
        fields={
            "status": BatchStatus.PROPOSED,
            "proposed_by": actor,
            "proposed_on": today,
            "events_before": events.before if events.total else None,
            "access_events_due": events.access_events,
            "audit_events_due": events.audit_events,
        },
    )
    DestructionBatchItem.objects.bulk_create(
        [
            DestructionBatchItem(
                batch=batch,
                case=assessment.case,
                case_reference=assessment.case.reference,
                rule=assessment.rule,
                due_on=assessment.due_on,
                why=assessment.why,
            )
            for assessment in cases
        ]
    )
    return batch


@transaction.atomic
def batch_approve(
    *, actor: User, batch: DestructionBatch, expected_version: int | None
) -> DestructionBatch:
    """Approve destruction, recording the approver by name. The approver may not be the
    person who proposed the batch (any administrator may approve the job's own list)."""
    fresh = lock_for_edit(batch, expected_version=expected_version)
    refusal = approval_refusal(actor, fresh)
    if refusal:
        raise PermissionDenied(refusal)
    return audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes={
            "status": BatchStatus.APPROVED,
            "approved_by": actor,
            "approver_name": actor.display_name,
            "approved_at": timezone.now(),
        },
        case_uuid=None,
        summary=f"Destruction approved by {actor.display_name}",
    )


@transaction.atomic
def batch_cancel(
    *, actor: User, batch: DestructionBatch, expected_version: int | None, reason: str
) -> DestructionBatch:
    """Stop a batch that has not been destroyed: nothing in it will be destroyed."""
    _require_administrator(actor)
    if not reason.strip():
        raise ValidationError("Enter why this list is being cancelled.")
    fresh = lock_for_edit(batch, expected_version=expected_version)
    if fresh.status not in (BatchStatus.PROPOSED, BatchStatus.APPROVED):
        raise ValidationError("Only a list that has not been destroyed can be cancelled.")
    return audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes={
            "status": BatchStatus.CANCELLED,
            "cancelled_by": actor,
            "cancelled_at": timezone.now(),
            "cancel_reason": reason.strip(),
        },
        case_uuid=None,
        summary="Destruction list cancelled",
    )


# --- Destroying -------------------------------------------------------------------------


class NotApprovedError(Exception):
    """The batch has not been approved (or was cancelled or already destroyed)."""


@dataclass
class DestroyOutcome:
    destroyed: list[DestructionRecord] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (reference, why kept)
    events_record: DestructionRecord | None = None
    contacts_record: DestructionRecord | None = None  # contacts and referrals with no case


def case_hash(case_uuid: uuid.UUID) -> str:
    """A one-way fingerprint of a case's identifier, kept in the destruction record."""
    return hashlib.sha256(f"safetymap-case:{case_uuid}".encode()).hexdigest()


def batch_destroy(
    *,
    batch: DestructionBatch,
    actor: User | None,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DestroyOutcome:
    """Destroy an approved batch: each case that is still due and not on hold, in its own
    transaction, then the audit and access events that are due. Safe to run again after a
    failure: what was destroyed stays destroyed, what was not is tried again.

    `actor` is the administrator who pressed the button, or None for `retention_destroy`."""
    if actor is not None:
        _require_administrator(actor)
    today = today or timezone.localdate()
    batch.refresh_from_db()
    if batch.status != BatchStatus.APPROVED or batch.approved_by is None:
        raise NotApprovedError(
            f"This list is {batch.get_status_display().lower()}: "
            "only an approved list can be destroyed."
        )
    outcome = DestroyOutcome()
    for item_pk in batch.items.filter(outcome=ItemOutcome.PENDING).values_list("pk", flat=True):
        record, reference, kept = _destroy_item(item_pk=item_pk, actor=actor, today=today)
        if record:
            outcome.destroyed.append(record)
        elif kept:
            outcome.skipped.append((reference, kept))
        if progress:
            progress(f"{reference}: {'destroyed' if record else kept or 'already done'}")
    outcome.contacts_record = contacts.destroy_contacts(batch=batch, actor=actor, today=today)
    if batch.includes_events:
        outcome.events_record = _destroy_events(batch=batch, actor=actor, today=today)
        if progress:
            count = outcome.events_record.total_rows if outcome.events_record else 0
            progress(f"Audit and access events: {count} destroyed")
    _finish(batch=batch, actor=actor, outcome=outcome)
    return outcome


@transaction.atomic
def _finish(*, batch: DestructionBatch, actor: User | None, outcome: DestroyOutcome) -> None:
    fresh = lock_for_edit(batch, expected_version=None)
    if (
        fresh.status != BatchStatus.APPROVED
        or fresh.items.filter(outcome=ItemOutcome.PENDING).exists()
    ):
        return
    audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes={"status": BatchStatus.DESTROYED, "completed_at": timezone.now()},
        case_uuid=None,
        summary=f"Destruction carried out: {len(outcome.destroyed)} destroyed, "
        f"{len(outcome.skipped)} kept",
    )


def _skip(item: DestructionBatchItem, note: str) -> tuple[None, str, str]:
    item.outcome = ItemOutcome.SKIPPED
    item.outcome_note = note[:300]
    item.save(update_fields=["outcome", "outcome_note", "updated_at"])
    return None, item.case_reference, note


@transaction.atomic
def _destroy_item(
    *, item_pk: int, actor: User | None, today: datetime.date
) -> tuple[DestructionRecord | None, str, str]:
    """Destroy one case if it is still due and not on hold: (record, reference, why kept)."""
    item = (
        DestructionBatchItem.objects.select_for_update(of=("self",))
        .select_related("batch")
        .get(pk=item_pk)
    )
    if item.outcome != ItemOutcome.PENDING or item.batch.status != BatchStatus.APPROVED:
        return None, item.case_reference, ""  # done already, or the list was cancelled
    if item.case_id is None:
        return _skip(item, "The case no longer exists.")
    case = Case.objects.select_for_update().filter(pk=item.case_id).first()
    if case is None:
        return _skip(item, "The case no longer exists.")
    assessment = selectors.assess_one(case, today=today)
    if assessment.state == selectors.State.HELD:
        return _skip(item, "Kept: the case is on legal hold.")
    if assessment.state == selectors.State.OPEN:
        return _skip(item, "Kept: the case has been reopened.")
    if assessment.state != selectors.State.DUE or assessment.rule is None:
        return _skip(item, f"Kept: not due under the schedule now in force. {assessment.why}")
    rule = assessment.rule
    batch = item.batch
    collection = collect_case(case)
    _collect_notifications(case, collection)
    files = files_of(collection)
    uuids = collection.uuids()
    # Clear what the batch items say about the case before it goes.
    DestructionBatchItem.objects.filter(case=case).update(case=None, due_on=None, why="")
    audit_count = _destroy_history(case_uuid=case.uuid, object_uuids=uuids)
    delete_collection(collection)
    counts = collection.counts()
    if audit_count:
        counts["audit.auditevent"] = audit_count
    assert batch.approved_by is not None
    record = DestructionRecord.objects.create(
        record_type=rule.record_type,
        case_reference=item.case_reference,
        case_hash=case_hash(case.uuid),
        rule=rule,
        rule_applied=f"{rule.get_record_type_display()}: kept {rule.period}",
        rule_version=rule.version,
        counts=counts,
        batch=batch,
        approved_by=batch.approved_by,
        approver_name=batch.approver_name,
        destroyed_by=actor,
    )
    audit_creation(
        actor=actor,
        target=record,
        fields=["record_type", "case_reference", "rule_applied", "counts", "batch"],
        case_uuid=None,
        summary=f"Case {item.case_reference} destroyed under the retention schedule",
    )
    DestructionBatchItem.objects.filter(pk=item.pk).update(
        outcome=ItemOutcome.DESTROYED, record=record, updated_at=timezone.now()
    )
    for storage, name in files:
        transaction.on_commit(_file_deleter(storage, name))
    return record, item.case_reference, ""


def _destroy_history(*, case_uuid: uuid.UUID, object_uuids: set[uuid.UUID]) -> int:
    """Delete the case's change history: every audit event recorded against the case, and
    every event about a row being destroyed (the child's record, for example, is created
    before the case exists). The history holds old and new values, so keeping it would
    keep the record. Runs inside the caller's transaction, through the audit tables'
    retention door. Returns how many events were deleted."""
    using = connection.alias
    with audit_deletion_allowed(reason="retention: case destroyed", using=using):
        deleted = int(AuditEvent.objects.filter(case_uuid=case_uuid)._raw_delete(using))
        remaining = sorted(object_uuids, key=str)
        for start in range(0, len(remaining), CHUNK):
            chunk = remaining[start : start + CHUNK]
            deleted += int(AuditEvent.objects.filter(object_uuid__in=chunk)._raw_delete(using))
    return deleted


def _file_deleter(storage: Any, name: str) -> Callable[[], None]:
    def delete() -> None:
        storage.delete(name)

    return delete


def _collect_notifications(case: Case, collection: Collection) -> None:
    """Notifications about the case (they name the child) go with it: those whose audit
    event was recorded against the case, or that link to one of its pages."""
    recorded = AuditEvent.objects.filter(
        case_uuid=case.uuid, object_type=Notification._meta.label_lower
    ).values("object_uuid")
    linked = Notification.objects.filter(link__contains=str(case.uuid))
    pks = set(Notification.objects.filter(uuid__in=recorded).values_list("pk", flat=True))
    pks |= set(linked.values_list("pk", flat=True))
    if pks:
        collection.add(Notification, pks)


@transaction.atomic
def _destroy_events(
    *, batch: DestructionBatch, actor: User | None, today: datetime.date
) -> DestructionRecord | None:
    """Destroy the audit and access events that are due: the earlier of the cut-off the
    batch was approved with and the one the rule gives today, so a lengthened rule wins."""
    rule = RetentionRule.objects.filter(record_type=RecordType.AUDIT_AND_ACCESS_EVENTS).first()
    now_before = selectors.events_cutoff(today=today)
    if rule is None or now_before is None or batch.events_before is None:
        return None
    before = min(now_before, batch.events_before)
    using = connection.alias
    access_pks = list(selectors.access_events_due(before).values_list("pk", flat=True))
    audit_pks = list(selectors.audit_events_due(before).values_list("pk", flat=True))
    if not access_pks and not audit_pks:
        return None
    with audit_deletion_allowed(reason="retention: events due", using=using):
        for start in range(0, len(access_pks), CHUNK):
            chunk = access_pks[start : start + CHUNK]
            AccessEvent.objects.filter(pk__in=chunk)._raw_delete(using)
        for start in range(0, len(audit_pks), CHUNK):
            chunk = audit_pks[start : start + CHUNK]
            AuditEvent.objects.filter(pk__in=chunk)._raw_delete(using)
    return record_destruction(
        batch=batch,
        rule=rule,
        rule_applied=f"{rule.get_record_type_display()}: kept {rule.period}, "
        f"and while the record they are about exists (events before {before:%Y-%m-%d})",
        counts={"audit.accessevent": len(access_pks), "audit.auditevent": len(audit_pks)},
        actor=actor,
        summary="Audit and access events destroyed under the retention schedule",
    )
