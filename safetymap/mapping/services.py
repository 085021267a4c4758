"""Every write to the map. Each records an audit event in the same transaction, checks the
version the user saw, and marks the map as changed."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.audit.services import audited_create, audited_remove, audited_update
from safetymap.cases.models import Case, ServiceLevel
from safetymap.core.models import RemovableModel
from safetymap.mapping.labels import LABEL_KEYS
from safetymap.mapping.models import (
    CaseMap,
    DangerStatement,
    MapItem,
    MapLabelSet,
    MapVersion,
    NextStep,
    Part,
    SafetyGoal,
    ScaleRating,
)
from safetymap.mapping.reminders import (
    next_step_reminder_schedule,
    next_step_reminder_update,
    next_step_reminder_withdraw,
)
from safetymap.mapping.snapshot import build_snapshot
from safetymap.mapping.wording import compose_danger_statement, compose_goal

ModelT = TypeVar("ModelT", bound=models.Model)
RowT = TypeVar("RowT", bound=RemovableModel)

MAP_ITEM_FIELDS = (
    "text",
    "said_by",
    "family_view",
    "family_words",
    "when_happened",
    "how_often",
    "effect_on_child",
    "how_we_know",
    "danger_present",
    "reason",
    "shared_with_family",
)
DANGER_STATEMENT_FIELDS = (
    "who_is_worried",
    "adult_behaviour",
    "feared_for_child",
    "statement",
    "family_view",
    "family_words",
    "dispute",
    "shared_with_family",
)
GOAL_FIELDS = (
    "danger_statement",
    "adults_will",
    "child_will_experience",
    "who_will_see",
    "how_long",
    "statement",
    "kind",
    "status",
    "shared_with_family",
)
NEXT_STEP_FIELDS = ("action", "owner", "due_on", "goal", "done_on", "shared_with_family")
RATING_FIELDS = (
    "danger_statement",
    "rated_on",
    "rater_name",
    "rater_role",
    "person",
    "score",
    "reason",
    "one_point_higher",
)


def _only(values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    """Keep only the fields a service accepts, so no caller can set anything else."""
    return {name: value for name, value in values.items() if name in allowed}


def _mark_changed(*, case: Case, actor: User | None) -> None:
    CaseMap.objects.update_or_create(
        case=case, defaults={"last_changed_at": timezone.now(), "last_changed_by": actor}
    )


def _add(
    *, actor: User, case: Case, model: type[ModelT], summary: str, fields: dict[str, Any]
) -> ModelT:
    """Put a new record on the case's map: audited, and the map marked as changed."""
    with transaction.atomic():
        row = audited_create(
            actor=actor,
            model=model,
            case_uuid=case.uuid,
            summary=summary,
            fields={"case": case, **fields},
        )
        _mark_changed(case=case, actor=actor)
    return row


def _change(
    *,
    actor: User,
    row: RowT,
    case: Case,
    expected_version: int | None,
    changes: dict[str, Any],
    summary: str,
) -> RowT:
    """Change a record on the map if it is still at the version the user saw."""
    with transaction.atomic():
        updated = audited_update(
            actor=actor,
            instance=row,
            expected_version=expected_version,
            changes=changes,
            case_uuid=case.uuid,
            summary=summary,
        )
        _mark_changed(case=case, actor=actor)
    return updated


def _require_same_case(case: Case, *related: Any) -> None:
    for row in related:
        if row is not None and row.case_id != case.pk:
            raise ValidationError("That belongs to a different case.")


# --- Items: harm, complicating factors, strengths, safety, "not sure yet", bottom lines ----


def _file_safety(values: dict[str, Any], part: str) -> str:
    """Protection counts as existing safety only if it was given while the danger was there."""
    if part in (Part.SAFETY, Part.STRENGTH) and values.get("danger_present") is False:
        return Part.STRENGTH
    if part == Part.STRENGTH and values.get("danger_present") is True:
        return Part.SAFETY
    return part


@transaction.atomic
def map_item_add(*, actor: User, case: Case, part: str, values: dict[str, Any]) -> MapItem:
    fields = _only(values, MAP_ITEM_FIELDS)
    if not str(fields.get("text", "")).strip():
        raise ValidationError("Enter what you want to add to the map.")
    filed_as = _file_safety(fields, Part(part))
    return _add(
        actor=actor,
        case=case,
        model=MapItem,
        summary=f"{Part(filed_as).label} added to the map",
        fields={"part": filed_as, **fields},
    )


@transaction.atomic
def map_item_update(
    *, actor: User, item: MapItem, expected_version: int | None, values: dict[str, Any]
) -> MapItem:
    fields = _only(values, MAP_ITEM_FIELDS)
    fields["part"] = _file_safety({**{"danger_present": item.danger_present}, **fields}, item.part)
    return _change(
        actor=actor,
        row=item,
        case=item.case,
        expected_version=expected_version,
        changes=fields,
        summary=f"{Part(fields['part']).label} changed",
    )


def _remove(
    *, actor: User, row: RemovableModel, case: Case, expected_version: int | None, what: str
) -> None:
    with transaction.atomic():
        audited_remove(
            actor=actor,
            instance=row,
            expected_version=expected_version,
            case_uuid=case.uuid,
            summary=f"{what} removed from the map",
        )
        _mark_changed(case=case, actor=actor)


def map_item_remove(*, actor: User, item: MapItem, expected_version: int | None) -> None:
    _remove(
        actor=actor,
        row=item,
        case=item.case,
        expected_version=expected_version,
        what=Part(item.part).label,
    )


# --- Danger statements ----------------------------------------------------------------------


def danger_statement_count(case: Case) -> int:
    return case.danger_statements.filter(removed_at__isnull=True).count()


def danger_statement_limits() -> tuple[int, int]:
    return (
        settings.SAFETYMAP_DANGER_STATEMENT_SOFT_LIMIT,
        settings.SAFETYMAP_DANGER_STATEMENT_HARD_LIMIT,
    )


def _compose_if_blank(
    fields: dict[str, Any], current: Any, compose: Any, parts: tuple[str, ...]
) -> dict[str, Any]:
    """Write the sentence from its parts when it is new, or was cleared, leaving a worker's
    own wording alone. Parts not being changed are taken from the saved row."""
    adding = current is None
    if (adding and not fields.get("statement")) or (
        "statement" in fields and not str(fields["statement"]).strip()
    ):
        fields["statement"] = compose(
            **{part: fields.get(part, getattr(current, part, "")) for part in parts}
        )
    return fields


def _with_statement(
    fields: dict[str, Any], current: DangerStatement | None = None
) -> dict[str, Any]:
    parts = ("who_is_worried", "adult_behaviour", "feared_for_child")
    return _compose_if_blank(fields, current, compose_danger_statement, parts)


@transaction.atomic
def danger_statement_add(*, actor: User, case: Case, values: dict[str, Any]) -> DangerStatement:
    # Lock the case row so two people adding at once cannot pass the limit together.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    _, hard_limit = danger_statement_limits()
    if danger_statement_count(case) >= hard_limit:
        raise ValidationError(
            f"This map already has {hard_limit} danger statements, the most allowed. "
            "Combine or remove one before adding another."
        )
    return _add(
        actor=actor,
        case=case,
        model=DangerStatement,
        summary="Danger statement added",
        fields={**_with_statement(_only(values, DANGER_STATEMENT_FIELDS))},
    )


@transaction.atomic
def danger_statement_update(
    *, actor: User, statement: DangerStatement, expected_version: int | None, values: dict[str, Any]
) -> DangerStatement:
    return _change(
        actor=actor,
        row=statement,
        case=statement.case,
        expected_version=expected_version,
        changes=_with_statement(_only(values, DANGER_STATEMENT_FIELDS), statement),
        summary="Danger statement changed",
    )


def danger_statement_remove(
    *, actor: User, statement: DangerStatement, expected_version: int | None
) -> None:
    if statement.goals.filter(removed_at__isnull=True).exists():
        raise ValidationError("Remove or move the goals paired with this statement first.")
    _remove(
        actor=actor,
        row=statement,
        case=statement.case,
        expected_version=expected_version,
        what="Danger statement",
    )


# --- Safety goals -----------------------------------------------------------------------------


def _goal_fields(values: dict[str, Any], current: SafetyGoal | None = None) -> dict[str, Any]:
    parts = ("adults_will", "child_will_experience", "who_will_see", "how_long")
    return _compose_if_blank(_only(values, GOAL_FIELDS), current, compose_goal, parts)


@transaction.atomic
def safety_goal_add(*, actor: User, case: Case, values: dict[str, Any]) -> SafetyGoal:
    fields = _goal_fields(values)
    _require_same_case(case, fields.get("danger_statement"))
    return _add(actor=actor, case=case, model=SafetyGoal, summary="Goal added", fields={**fields})


@transaction.atomic
def safety_goal_update(
    *, actor: User, goal: SafetyGoal, expected_version: int | None, values: dict[str, Any]
) -> SafetyGoal:
    fields = _goal_fields(values, goal)
    _require_same_case(goal.case, fields.get("danger_statement"))
    return _change(
        actor=actor,
        row=goal,
        case=goal.case,
        expected_version=expected_version,
        changes=fields,
        summary="Goal changed",
    )


def safety_goal_remove(*, actor: User, goal: SafetyGoal, expected_version: int | None) -> None:
    _remove(actor=actor, row=goal, case=goal.case, expected_version=expected_version, what="Goal")


# --- Next steps -------------------------------------------------------------------------------


@transaction.atomic
def next_step_add(*, actor: User, case: Case, values: dict[str, Any]) -> NextStep:
    fields = _only(values, NEXT_STEP_FIELDS)
    _require_same_case(case, fields.get("goal"))
    step = _add(
        actor=actor, case=case, model=NextStep, summary="Next step added", fields={**fields}
    )
    next_step_reminder_schedule(actor=actor, step=step)
    return step


@transaction.atomic
def next_step_update(
    *, actor: User, step: NextStep, expected_version: int | None, values: dict[str, Any]
) -> NextStep:
    fields = _only(values, NEXT_STEP_FIELDS)
    _require_same_case(step.case, fields.get("goal"))
    before = NextStep.objects.get(pk=step.pk)
    updated = _change(
        actor=actor,
        row=step,
        case=step.case,
        expected_version=expected_version,
        changes=fields,
        summary="Next step changed",
    )
    next_step_reminder_update(actor=actor, before=before, after=updated)
    return updated


def next_step_set_done(
    *, actor: User, step: NextStep, expected_version: int | None, done_on: datetime.date | None
) -> NextStep:
    return next_step_update(
        actor=actor, step=step, expected_version=expected_version, values={"done_on": done_on}
    )


@transaction.atomic
def next_step_remove(*, actor: User, step: NextStep, expected_version: int | None) -> None:
    _remove(
        actor=actor, row=step, case=step.case, expected_version=expected_version, what="Next step"
    )
    next_step_reminder_withdraw(actor=actor, step=step)


# --- Scales -----------------------------------------------------------------------------------


def _valid_score(score: Any) -> Decimal:
    value = Decimal(str(score))
    if not Decimal(0) <= value <= Decimal(10):
        raise ValidationError("The scale goes from 0 to 10.")
    step = Decimal("0.5") if settings.SAFETYMAP_SCALE_HALF_POINTS else Decimal(1)
    if value % step:
        raise ValidationError(
            "Use half points, like 4 or 4.5." if step < 1 else "Use a whole number from 0 to 10."
        )
    return value


def _rating_fields(values: dict[str, Any]) -> dict[str, Any]:
    fields = _only(values, RATING_FIELDS)
    if "score" in fields:
        fields["score"] = _valid_score(fields["score"])
    if "reason" in fields and not str(fields["reason"]).strip():
        raise ValidationError("Say why this number and not a lower one.")
    return fields


@transaction.atomic
def scale_rating_add(*, actor: User, case: Case, values: dict[str, Any]) -> ScaleRating:
    fields = _rating_fields(values)
    _require_same_case(case, fields.get("danger_statement"))
    return _add(
        actor=actor, case=case, model=ScaleRating, summary="Scale recorded", fields={**fields}
    )


@transaction.atomic
def scale_rating_update(
    *, actor: User, rating: ScaleRating, expected_version: int | None, values: dict[str, Any]
) -> ScaleRating:
    fields = _rating_fields(values)
    _require_same_case(rating.case, fields.get("danger_statement"))
    return _change(
        actor=actor,
        row=rating,
        case=rating.case,
        expected_version=expected_version,
        changes=fields,
        summary="Scale changed",
    )


def scale_rating_remove(*, actor: User, rating: ScaleRating, expected_version: int | None) -> None:
    _remove(
        actor=actor, row=rating, case=rating.case, expected_version=expected_version, what="Scale"
    )


# --- Versions ---------------------------------------------------------------------------------


@transaction.atomic
def map_version_save(
    *, actor: User, case: Case, occasion: str, note: str, saved_on: datetime.date
) -> MapVersion:
    """Freeze the map as it is now. Versions are numbered 1, 2, 3... per case."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    last = locked.map_versions.order_by("-number").values_list("number", flat=True).first() or 0
    return audited_create(
        actor=actor,
        model=MapVersion,
        case_uuid=case.uuid,
        summary=f"Map version {last + 1} saved",
        fields={
            "case": locked,
            "number": last + 1,
            "saved_by": actor,
            "saved_on": saved_on,
            "occasion": occasion,
            "note": note,
            "service_level": locked.service_level,
            "snapshot": build_snapshot(locked),
        },
    )


# --- Labels -----------------------------------------------------------------------------------


@transaction.atomic
def label_set_update(
    *, actor: User, service_level: str, expected_version: int | None, labels: dict[str, str]
) -> MapLabelSet:
    """Save a council's wording for one service level. Blank means 'use the default'."""
    if not actor.is_council_administrator:
        raise PermissionError("Only a council administrator can change the map's wording.")
    label_set, created = MapLabelSet.objects.get_or_create(
        service_level=ServiceLevel(service_level)
    )
    if created:
        expected_version = label_set.version if expected_version is None else expected_version
    clean = {key: str(labels.get(key, "")).strip() for key in LABEL_KEYS}
    return audited_update(
        actor=actor,
        instance=label_set,
        expected_version=expected_version,
        changes={"labels": clean},
        case_uuid=None,
        summary=f"Map wording for {ServiceLevel(service_level).label} changed",
    )
