"""Every read the retention process needs: which rule applies to a case, what is due, and
the lists the council administrator's pages show.

The pages that use these are for council administrators only (`policies.py`); the job and
its commands run without a user.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Prefetch, Q, QuerySet
from django.utils import timezone

from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases.models import Case, ServiceLevel, ServiceLevelChange
from safetymap.retention.models import (
    CASE_RECORD_TYPES,
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

# A service level's records follow the rule of the same name.
LEVEL_RECORD_TYPES: dict[str, RecordType] = {
    ServiceLevel.LOOKED_AFTER: RecordType.LOOKED_AFTER,
    ServiceLevel.CARE_LEAVER: RecordType.CARE_LEAVER,
    ServiceLevel.CHILD_PROTECTION: RecordType.CHILD_PROTECTION,
    ServiceLevel.CHILD_IN_NEED: RecordType.CHILD_IN_NEED,
    ServiceLevel.EARLY_HELP: RecordType.EARLY_HELP,
}


class State(enum.StrEnum):
    OPEN = "open"  # never due while open
    NOT_DUE = "not_due"
    DUE = "due"
    HELD = "held"  # due, but a legal hold stops it
    UNKNOWN = "unknown"  # a date the rule needs is missing, so it can never be shown due


@dataclass(frozen=True)
class CaseAssessment:
    """Which rule applies to a case, when it is due, and whether it is due on `today`."""

    case: Case
    state: State
    rule: RetentionRule | None
    due_on: datetime.date | None
    why: str

    @property
    def is_due(self) -> bool:
        return self.state == State.DUE


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (or earlier). 29 February becomes 1 March in a year that
    has none: in England a person born on 29 February reaches an age on 1 March."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return datetime.date(day.year + years, 3, 1)


def rules_by_type() -> dict[str, RetentionRule]:
    return {rule.record_type: rule for rule in RetentionRule.objects.all()}


def rule_due_on(rule: RetentionRule, case: Case) -> datetime.date | None:
    """When `rule` makes this case due, or None if a date it needs is not recorded."""
    born = case.child.date_of_birth
    if rule.trigger == Trigger.CLOSURE:
        return add_years(case.closed_on, rule.years) if case.closed_on else None
    if rule.trigger == Trigger.BIRTH:
        return add_years(born, rule.years) if born else None
    if rule.trigger == Trigger.EIGHTEENTH_BIRTHDAY:
        return add_years(born, 18 + rule.years) if born else None
    return None  # an event rule says nothing about cases


def levels_ever(case: Case, changes: Iterable[ServiceLevelChange]) -> set[str]:
    """Every service level the case has been at, from its history and its current level."""
    levels = {case.service_level}
    for change in changes:
        levels.add(change.to_level)
        if change.from_level:
            levels.add(change.from_level)
    return levels


def assess_case(
    *,
    case: Case,
    levels: set[str],
    rules: dict[str, RetentionRule],
    on_hold: bool,
    today: datetime.date,
) -> CaseAssessment:
    """The most protective rule across every level the case was ever at: the one that keeps
    the record longest. Only closed cases are ever due, and never while on legal hold."""
    kinds = {LEVEL_RECORD_TYPES.get(level) for level in levels}
    candidates = [rules[kind] for kind in CASE_RECORD_TYPES if kind in kinds and kind in rules]
    if case.closed_on is None:
        return CaseAssessment(case, State.OPEN, None, None, "Open cases are never destroyed.")
    if not candidates:
        return CaseAssessment(
            case, State.UNKNOWN, None, None, "No retention rule covers this case's service levels."
        )
    missing = [rule for rule in candidates if rule_due_on(rule, case) is None]
    if missing:
        return CaseAssessment(
            case,
            State.UNKNOWN,
            missing[0],
            None,
            f"The child's date of birth is not recorded, so the {missing[0]} rule "
            f"({missing[0].period}) cannot be worked out.",
        )
    # Latest date wins; on a tie, the rule earlier in CASE_RECORD_TYPES (more protective).
    rule = max(
        candidates,
        key=lambda r: (rule_due_on(r, case), -CASE_RECORD_TYPES.index(RecordType(r.record_type))),
    )
    due_on = rule_due_on(rule, case)
    assert due_on is not None
    why = _why(rule, case)
    state = State.NOT_DUE if due_on > today else State.HELD if on_hold else State.DUE
    return CaseAssessment(case, state, rule, due_on, why)


def _why(rule: RetentionRule, case: Case) -> str:
    current = LEVEL_RECORD_TYPES.get(case.service_level)
    label = rule.get_record_type_display().lower()
    if rule.record_type == current:
        start = f"A {label}"
    else:
        start = f"Closed as {ServiceLevel(case.service_level).label.lower()}, once a {label}"
    return f"{start}: kept {rule.period}."[:300]


def _closed_cases() -> QuerySet[Case]:
    return (
        Case.objects.filter(closed_on__isnull=False)
        .select_related("child")
        .prefetch_related(
            Prefetch(
                "level_changes",
                queryset=ServiceLevelChange.objects.only("case_id", "from_level", "to_level"),
            )
        )
        .order_by("closed_on", "reference")
    )


def held_case_ids(case_ids: Iterable[int] | None = None) -> set[int]:
    holds = LegalHold.objects.filter(lifted_at__isnull=True)
    if case_ids is not None:
        holds = holds.filter(case_id__in=list(case_ids))
    return set(holds.values_list("case_id", flat=True))


def assess_cases(cases: Sequence[Case], *, today: datetime.date) -> list[CaseAssessment]:
    """Assess cases fetched with their level changes prefetched (see `_closed_cases`)."""
    rules = rules_by_type()
    held = held_case_ids(case.pk for case in cases)
    return [
        assess_case(
            case=case,
            levels=levels_ever(case, case.level_changes.all()),
            rules=rules,
            on_hold=case.pk in held,
            today=today,
        )
        for case in cases
    ]


def assess_one(case: Case, *, today: datetime.date) -> CaseAssessment:
    """Assess one case from the database as it is now (used again just before destroying)."""
    fresh = _closed_cases().filter(pk=case.pk).first()
    if fresh is None:
        refreshed = Case.objects.select_related("child").get(pk=case.pk)
        return CaseAssessment(refreshed, State.OPEN, None, None, "Open cases are never destroyed.")
    return assess_cases([fresh], today=today)[0]


@dataclass(frozen=True)
class Review:
    """What the retention job would do on `today`."""

    today: datetime.date
    due: list[CaseAssessment]
    held: list[CaseAssessment]
    unknown: list[CaseAssessment]
    # Due cases already listed in a batch that is waiting for approval or destruction.
    in_open_batch: dict[int, DestructionBatch]
    events: EventsDue

    @property
    def to_propose(self) -> list[CaseAssessment]:
        return [a for a in self.due if a.case.pk not in self.in_open_batch]


def _could_be_due(today: datetime.date, rules: dict[str, RetentionRule]) -> Q:
    """Closed cases that at least one rule could make due by `today` (and those missing the
    date of birth, to be listed as unknown). A case no rule can make due is never due, so the
    review need not load it: the query stays small as the closed cases pile up."""
    could = Q(child__date_of_birth__isnull=True)
    for rule in rules.values():
        if rule.record_type not in CASE_RECORD_TYPES:
            continue
        if rule.trigger == Trigger.CLOSURE:
            could |= Q(closed_on__lte=add_years(today, -rule.years))
        elif rule.trigger == Trigger.BIRTH:
            could |= Q(child__date_of_birth__lte=add_years(today, -rule.years))
        elif rule.trigger == Trigger.EIGHTEENTH_BIRTHDAY:
            could |= Q(child__date_of_birth__lte=add_years(today, -(18 + rule.years)))
    return could


def review(*, today: datetime.date | None = None) -> Review:
    """Every closed case assessed against the schedule, and the events that are due."""
    today = today or timezone.localdate()
    candidates = _closed_cases().filter(_could_be_due(today, rules_by_type()))
    assessments = assess_cases(list(candidates), today=today)
    due = [a for a in assessments if a.state == State.DUE]
    pending = DestructionBatchItem.objects.filter(
        outcome=ItemOutcome.PENDING,
        batch__status__in=[BatchStatus.PROPOSED, BatchStatus.APPROVED],
        case_id__in=[a.case.pk for a in due],
    ).select_related("batch")
    return Review(
        today=today,
        due=due,
        held=[a for a in assessments if a.state == State.HELD],
        unknown=[a for a in assessments if a.state == State.UNKNOWN],
        in_open_batch={item.case_id: item.batch for item in pending if item.case_id},
        events=events_due(today=today),
    )


# --- Audit and access events ------------------------------------------------------------


@dataclass(frozen=True)
class EventsDue:
    rule: RetentionRule | None
    before: datetime.datetime | None
    access_events: int
    audit_events: int

    @property
    def total(self) -> int:
        return self.access_events + self.audit_events


def events_cutoff(*, today: datetime.date) -> datetime.datetime | None:
    """Events that happened before this moment are old enough under the events rule."""
    rule = RetentionRule.objects.filter(record_type=RecordType.AUDIT_AND_ACCESS_EVENTS).first()
    if rule is None:
        return None
    start = add_years(today, -rule.years)
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))


def access_events_due(before: datetime.datetime) -> QuerySet[AccessEvent]:
    """Views of a record: due once old enough and the case they are about has gone."""
    return AccessEvent.objects.filter(occurred_at__lt=before).exclude(
        case_uuid__in=Case.objects.values("uuid")
    )


def audit_events_due(before: datetime.datetime) -> QuerySet[AuditEvent]:
    """Changes: due once old enough and the record they are about has gone. (A case's own
    history is destroyed with the case; this catches what is left, e.g. removed objects.)"""
    old = AuditEvent.objects.filter(occurred_at__lt=before)
    about_a_case = Q(case_uuid__isnull=False) & ~Q(case_uuid__in=Case.objects.values("uuid"))
    about_something_else = Q(case_uuid__isnull=True)
    object_types = (
        old.filter(case_uuid__isnull=True)
        .order_by()
        .values_list("object_type", flat=True)
        .distinct()
    )
    for object_type in object_types:
        model = _model_for(object_type)
        if model is not None:
            about_something_else &= ~Q(
                object_type=object_type, object_uuid__in=model._base_manager.values("uuid")
            )
    return old.filter(about_a_case | about_something_else)


def _model_for(label: str) -> type[Model] | None:
    """The model an audit event's object_type names, if it still exists and has a uuid."""
    try:
        model = apps.get_model(label)
        model._meta.get_field("uuid")
    except (LookupError, ValueError, FieldDoesNotExist):
        return None
    return model


def events_due(*, today: datetime.date) -> EventsDue:
    rule = RetentionRule.objects.filter(record_type=RecordType.AUDIT_AND_ACCESS_EVENTS).first()
    before = events_cutoff(today=today)
    if before is None:
        return EventsDue(rule, None, 0, 0)
    return EventsDue(
        rule, before, access_events_due(before).count(), audit_events_due(before).count()
    )


# --- Lists for the administrator's pages ------------------------------------------------


def rules() -> list[RetentionRule]:
    order = {kind: index for index, kind in enumerate(RecordType.values)}
    return sorted(RetentionRule.objects.all(), key=lambda rule: order.get(rule.record_type, 99))


def active_holds() -> QuerySet[LegalHold]:
    return (
        LegalHold.objects.filter(lifted_at__isnull=True)
        .select_related("case", "case__child", "placed_by")
        .order_by("-placed_at", "-id")
    )


def lifted_holds() -> QuerySet[LegalHold]:
    return (
        LegalHold.objects.filter(lifted_at__isnull=False)
        .select_related("case", "case__child", "placed_by", "lifted_by")
        .order_by("-lifted_at", "-id")
    )


def case_by_reference(reference: str) -> Case | None:
    return Case.objects.select_related("child").filter(reference__iexact=reference.strip()).first()


def batches() -> QuerySet[DestructionBatch]:
    return DestructionBatch.objects.select_related("proposed_by", "approved_by").order_by(
        "-created_at", "-id"
    )


def batch_items(batch: DestructionBatch) -> list[DestructionBatchItem]:
    return list(
        batch.items.select_related("case", "case__child", "rule", "record").order_by(
            "case_reference", "id"
        )
    )


def destruction_records() -> QuerySet[DestructionRecord]:
    return DestructionRecord.objects.select_related("approved_by", "destroyed_by", "batch")
