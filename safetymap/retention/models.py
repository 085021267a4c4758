"""How long records are kept, what stops them being destroyed, and what was destroyed.

- `RetentionRule`: one row per record type (how long, counted from what), editable by a
  council administrator. The defaults come from a data migration.
- `LegalHold`: while a hold is in place, a case is never destroyed, whatever the schedule.
- `DestructionBatch` and its items: a list of records that are due, proposed by the
  retention job or an administrator, approved by a named administrator, then destroyed.
- `DestructionRecord`: what was destroyed, when, under which rule and on whose approval.
  It holds no personal data and is never changed or deleted.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from safetymap.audit.models import AppendOnlyModel
from safetymap.cases.models import Case
from safetymap.core.models import PublicModel, VersionedModel


class RecordType(models.TextChoices):
    """The kinds of record the schedule covers. Case types share their service level's key."""

    LOOKED_AFTER = "looked_after", "Looked-after child case"
    CARE_LEAVER = "care_leaver", "Care leaver case"
    CHILD_PROTECTION = "child_protection", "Child protection case"
    CHILD_IN_NEED = "child_in_need", "Child in need case"
    EARLY_HELP = "early_help", "Early help case"
    CONTACT_NO_FURTHER_ACTION = (
        "contact_no_further_action",
        "Contact or referral with no further action",
    )
    AUDIT_AND_ACCESS_EVENTS = "audit_and_access_events", "Audit and access events"


# Record types that are cases, most protective first: when two rules give the same date,
# the one earlier in this list is named as the rule applied.
CASE_RECORD_TYPES = [
    RecordType.LOOKED_AFTER,
    RecordType.CARE_LEAVER,
    RecordType.CHILD_PROTECTION,
    RecordType.CHILD_IN_NEED,
    RecordType.EARLY_HELP,
    RecordType.CONTACT_NO_FURTHER_ACTION,
]


class Trigger(models.TextChoices):
    """The date a rule's period is counted from."""

    CLOSURE = "closure", "The date the case closed"
    BIRTH = "birth", "The child's date of birth"
    EIGHTEENTH_BIRTHDAY = "eighteenth_birthday", "The child's 18th birthday"
    EVENT = "event", "The date of the event"


CASE_TRIGGERS = [Trigger.CLOSURE, Trigger.BIRTH, Trigger.EIGHTEENTH_BIRTHDAY]

MAX_YEARS = 150


class RetentionRule(VersionedModel):
    """How long one type of record is kept, counted from its trigger date."""

    record_type = models.CharField(max_length=60, choices=RecordType.choices, unique=True)
    trigger = models.CharField(max_length=30, choices=Trigger.choices)
    years = models.PositiveSmallIntegerField()
    description = models.TextField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years__gte=1) & models.Q(years__lte=MAX_YEARS),
                name="retention_rule_years_in_range",
            )
        ]

    def __str__(self) -> str:
        return self.get_record_type_display()

    @property
    def is_for_cases(self) -> bool:
        return self.record_type in CASE_RECORD_TYPES

    @property
    def period(self) -> str:
        """Plain words for the rule: "35 years after the case closed"."""
        years = f"{self.years} year{'s' if self.years != 1 else ''}"
        if self.trigger == Trigger.BIRTH:
            return f"until the child's {ordinal(self.years)} birthday"
        return {
            Trigger.CLOSURE: f"{years} after the case closed",
            Trigger.EIGHTEENTH_BIRTHDAY: f"{years} after the child's 18th birthday",
            Trigger.EVENT: f"{years} after the event",
        }[Trigger(self.trigger)]


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class LegalHold(VersionedModel):
    """Stops a case being destroyed (litigation, an inquiry, a complaint) until it is lifted."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.TextField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        indexes = [models.Index(fields=["case", "lifted_at"])]

    def __str__(self) -> str:
        return f"Legal hold on {self.case_id}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class BatchStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting for approval"
    APPROVED = "approved", "Approved"
    DESTROYED = "destroyed", "Destroyed"
    CANCELLED = "cancelled", "Cancelled"


class DestructionBatch(VersionedModel):
    """A list of records due for destruction, and who proposed and approved it.

    `proposed_by` is empty when the retention job proposed it. Nothing in a batch is
    destroyed until it is approved by a council administrator who did not propose it.
    """

    status = models.CharField(
        max_length=20, choices=BatchStatus.choices, default=BatchStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_on = models.DateField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The approver's name as it was when they approved, for the record.
    approver_name = models.CharField(max_length=300, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Audit and access events that happened before this moment (and whose record has gone)
    # are included; empty when none were due.
    events_before = models.DateTimeField(null=True, blank=True)
    access_events_due = models.PositiveIntegerField(default=0)
    audit_events_due = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"Destruction batch proposed {self.proposed_on:%Y-%m-%d}"

    @property
    def proposer_name(self) -> str:
        return self.proposed_by.display_name if self.proposed_by else "The retention job"

    @property
    def includes_events(self) -> bool:
        return self.events_before is not None


class ItemOutcome(models.TextChoices):
    PENDING = "pending", "Not destroyed yet"
    DESTROYED = "destroyed", "Destroyed"
    SKIPPED = "skipped", "Kept"


class DestructionBatchItem(PublicModel):
    """One case in a batch. The link to the case is cleared when the case is destroyed;
    the reference stays, and the due date and reason are cleared with it."""

    batch = models.ForeignKey(DestructionBatch, on_delete=models.PROTECT, related_name="items")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    case_reference = models.CharField(max_length=20)
    rule = models.ForeignKey(RetentionRule, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(null=True, blank=True)
    why = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(
        max_length=20, choices=ItemOutcome.choices, default=ItemOutcome.PENDING
    )
    outcome_note = models.CharField(max_length=300, blank=True)
    record = models.ForeignKey(
        "DestructionRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case_reference", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "case_reference"], name="one_item_per_case_per_batch"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_reference} in {self.batch_id}"


class DestructionRecord(AppendOnlyModel):
    """What the retention process destroyed. Kept for good; never changed or deleted.

    Holds no personal data: the case reference, a one-way hash of the case's identifier
    (so the council can answer "was this record destroyed?" for a case it still knows the
    identifier of), how many rows of each table went, the rule and who approved it.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    record_type = models.CharField(max_length=60, choices=RecordType.choices)
    case_reference = models.CharField(max_length=20, blank=True, db_index=True)
    case_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # The rule as it was applied: type, trigger, years, wording and version.
    rule = models.ForeignKey(RetentionRule, on_delete=models.PROTECT, related_name="+")
    rule_applied = models.CharField(max_length=300)
    rule_version = models.PositiveIntegerField()
    # {"mapping.mapitem": 12, "cases.case": 1, ...}
    counts = models.JSONField(default=dict)
    batch = models.ForeignKey(DestructionBatch, on_delete=models.PROTECT, related_name="records")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approver_name = models.CharField(max_length=300)
    # Empty when `retention_destroy` ran it; the administrator who pressed the button otherwise.
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    destroyed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-destroyed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()} {self.case_reference} destroyed"

    @property
    def total_rows(self) -> int:
        return sum(int(count) for count in self.counts.values())
