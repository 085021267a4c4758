"""Every write to supervision records. Each records an audit event in the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import Role, User
from safetymap.audit.services import audit_record, audited_create, audited_update
from safetymap.cases.models import Case
from safetymap.implementation import policies
from safetymap.implementation.models import (
    CaseSupervision,
    GroupDecision,
    GroupEntry,
    GroupEntryKind,
    GroupScale,
    GroupSupervision,
)
from safetymap.mapping import services as map_services
from safetymap.mapping.models import NextStep


@dataclass(frozen=True)
class Action:
    """Something to be done for the case, added to its map as a next step."""

    action: str
    owner: str
    due_on: datetime.date


def _not_in_future(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"The date {what} must be today or in the past.")


def _score(score: Decimal | None, reason: str, whose: str) -> Decimal | None:
    if score is None:
        return None
    if not Decimal(0) <= score <= Decimal(10):
        raise ValidationError("The scale goes from 0 to 10.")
    if not reason.strip():
        raise ValidationError(f"Say why {whose} chose this number and not a lower one.")
    return score


def _staff(user: User, what: str) -> User:
    if not user.is_active or user.role == Role.PARTNER_PROFESSIONAL:
        raise ValidationError(f"Choose a member of staff as the {what}.")
    return user


def _next_steps(actor: User, case: Case, actions: Sequence[Action]) -> list[NextStep]:
    return [
        map_services.next_step_add(
            actor=actor,
            case=case,
            values={"action": a.action, "owner": a.owner, "due_on": a.due_on},
        )
        for a in actions
    ]


def _people_named(
    actor: User, record: CaseSupervision | GroupSupervision, field: str, rows: Sequence[Any]
) -> None:
    """Set a many-to-many list on a new record, with its own audit event."""
    if not rows:
        return
    getattr(record, field).set(rows)
    audit_record(
        actor=actor,
        action="update",
        target=record,
        changes={field: {"old": [], "new": [str(row.uuid) for row in rows]}},
        case_uuid=record.case.uuid,
        summary=f"{record} – {field.replace('_', ' ')} recorded",
    )


# --- Individual case supervision ----------------------------------------------------------


@transaction.atomic
def case_supervision_record(
    *,
    actor: User,
    case: Case,
    held_on: datetime.date,
    supervisor: User,
    worker: User,
    discussion: str,
    worker_score: Decimal | None = None,
    worker_reason: str = "",
    supervisor_score: Decimal | None = None,
    supervisor_reason: str = "",
    decisions: str = "",
    actions: Sequence[Action] = (),
    next_supervision_on: datetime.date | None = None,
) -> CaseSupervision:
    _not_in_future(held_on, "of the supervision")
    if next_supervision_on is not None and next_supervision_on <= held_on:
        raise ValidationError("The next supervision must be after this one.")
    if supervisor.pk == worker.pk:
        raise ValidationError("The supervisor and the worker must be different people.")
    if not discussion.strip():
        raise ValidationError("Enter what was discussed.")
    supervision = audited_create(
        actor=actor,
        model=CaseSupervision,
        case_uuid=case.uuid,
        summary="Case supervision recorded",
        fields={
            "case": case,
            "held_on": held_on,
            "supervisor": _staff(supervisor, "supervisor"),
            "worker": _staff(worker, "worker"),
            "discussion": discussion.strip(),
            "worker_score": _score(worker_score, worker_reason, "the worker"),
            "worker_reason": worker_reason.strip(),
            "supervisor_score": _score(supervisor_score, supervisor_reason, "the supervisor"),
            "supervisor_reason": supervisor_reason.strip(),
            "decisions": decisions.strip(),
            "next_supervision_on": next_supervision_on,
            "recorded_by": actor,
        },
    )
    _people_named(actor, supervision, "actions", _next_steps(actor, case, actions))
    return supervision


# --- Group supervision ----------------------------------------------------------------------


@transaction.atomic
def group_supervision_record(
    *,
    actor: User,
    case: Case,
    held_on: datetime.date,
    presenting_worker: User,
    facilitator: User,
    advisor: User | None,
    participants: Sequence[User],
    question: str,
) -> GroupSupervision:
    _not_in_future(held_on, "of the group supervision")
    if advisor is not None and advisor.role != Role.PRACTICE_LEAD:
        raise ValidationError("The advisor must be a practice lead.")
    if not question.strip():
        raise ValidationError("Enter what the presenting worker wants the group's help with.")
    named = {presenting_worker.pk, facilitator.pk} | ({advisor.pk} if advisor else set())
    group = audited_create(
        actor=actor,
        model=GroupSupervision,
        case_uuid=case.uuid,
        summary="Group supervision recorded",
        fields={
            "case": case,
            "held_on": held_on,
            "presenting_worker": _staff(presenting_worker, "presenting worker"),
            "facilitator": _staff(facilitator, "facilitator"),
            "advisor": advisor,
            "question": question.strip(),
            "recorded_by": actor,
        },
    )
    others = [_staff(user, "participant") for user in participants if user.pk not in named]
    _people_named(actor, group, "participants", others)
    return group


def group_members(group: GroupSupervision) -> list[User]:
    """Everyone named on the group supervision, the presenting worker first."""
    people = [group.presenting_worker, group.facilitator]
    if group.advisor is not None:
        people.append(group.advisor)
    # .all() uses the participants the selector prefetched, if it did.
    people.extend(sorted(group.participants.all(), key=lambda u: (u.first_name, u.last_name, u.pk)))
    unique: dict[int, User] = {}
    for person in people:
        unique.setdefault(person.pk, person)
    return list(unique.values())


@transaction.atomic
def group_entry_add(
    *, actor: User, group_supervision: GroupSupervision, kind: str, text: str
) -> GroupEntry:
    """A line of the group's own map, or an idea. The case's map is not changed."""
    if kind not in GroupEntryKind.values:
        raise ValidationError("Choose where this goes on the group's map.")
    if not text.strip():
        raise ValidationError("Enter what the group said.")
    return audited_create(
        actor=actor,
        model=GroupEntry,
        case_uuid=group_supervision.case.uuid,
        summary=f"Group supervision: {GroupEntryKind(kind).label.lower()} added",
        fields={
            "group_supervision": group_supervision,
            "kind": kind,
            "text": text.strip(),
            "added_by": actor,
        },
    )


@transaction.atomic
def group_scale_add(
    *,
    actor: User,
    group_supervision: GroupSupervision,
    participant: User,
    score: Decimal,
    reason: str,
) -> GroupScale:
    if participant.pk not in {user.pk for user in group_members(group_supervision)}:
        raise ValidationError("Choose someone who took part in the group supervision.")
    return audited_create(
        actor=actor,
        model=GroupScale,
        case_uuid=group_supervision.case.uuid,
        summary="Group supervision: a scale added",
        fields={
            "group_supervision": group_supervision,
            "participant": participant,
            "score": _score(score, reason, "they"),
            "reason": reason.strip(),
        },
    )


@transaction.atomic
def group_decision_add(
    *,
    actor: User,
    group_supervision: GroupSupervision,
    decision: str,
    action: Action | None = None,
) -> GroupDecision:
    """Only the accountable manager decides; a decision with an action becomes a next step
    on the case's map."""
    case = group_supervision.case
    if not policies.can_decide(actor, case):
        raise PermissionDenied("Only a team manager for this case can record decisions.")
    if not decision.strip():
        raise ValidationError("Enter the decision.")
    steps = _next_steps(actor, case, [action] if action is not None else [])
    return audited_create(
        actor=actor,
        model=GroupDecision,
        case_uuid=case.uuid,
        summary="Group supervision: the manager's decision recorded",
        fields={
            "group_supervision": group_supervision,
            "decision": decision.strip(),
            "decided_by": actor,
            "next_step": steps[0] if steps else None,
        },
    )


def group_summary_update(
    *, actor: User, group_supervision: GroupSupervision, expected_version: int | None, summary: str
) -> GroupSupervision:
    """The short summary that goes on the child's chronology."""
    return audited_update(
        actor=actor,
        instance=group_supervision,
        expected_version=expected_version,
        changes={"summary": summary.strip()},
        case_uuid=group_supervision.case.uuid,
        summary="Group supervision summary for the chronology written",
    )
