"""Every write to contacts and referrals. Each records an audit event in the same transaction.

A decision that brings the child into a service opens a case for a child with none open
(early help at early help; an assessment or a strategy discussion as a child in need), or
records the referral on the open case, stepping it up when the decision needs more than
the case's level.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import Team, User
from safetymap.audit.services import (
    access_record,
    access_record_many,
    audited_create,
    audited_update,
)
from safetymap.cases.models import SERVICE_LEVEL_ORDER, Case, Person, ServiceLevel
from safetymap.cases.services import case_change_service_level, case_open, search_record_view
from safetymap.core.versioning import lock_for_edit
from safetymap.mapping.models import Part, RaterRole
from safetymap.mapping.services import map_item_add, scale_rating_add
from safetymap.referrals import selectors
from safetymap.referrals.models import OPENING_LEVELS, Decision, Referral, ReferrerRelationship
from safetymap.referrals.policies import can_change_referral, can_use_front_door

RECORD_FIELDS = (
    "received_at",
    "method",
    "referrer_name",
    "referrer_role",
    "referrer_relationship",
    "referrer_contact",
    "child_first_name",
    "child_last_name",
    "child_date_of_birth",
    "child_address",
    "worries",
    "going_well",
    "needs_to_happen",
    "referrer_scale",
)


def _event_uuid(referral: Referral) -> uuid.UUID:
    """What audit and access events are filed under: the child's case once there is one,
    until then the referral itself."""
    return referral.case.uuid if referral.case_id else referral.uuid  # type: ignore[union-attr]


def _check_record(fields: dict[str, Any]) -> None:
    if not str(fields.get("child_first_name", "")).strip():
        raise ValidationError("Enter the child's first name.")
    if not str(fields.get("worries", "")).strip():
        raise ValidationError("Enter what has happened that worries the person who contacted us.")
    scale = fields.get("referrer_scale")
    if scale is not None and not 0 <= int(scale) <= 10:
        raise ValidationError("The scale goes from 0 to 10.")
    received = fields.get("received_at")
    if received is not None and received > timezone.now():
        raise ValidationError("The date the contact was received must be today or in the past.")


@transaction.atomic
def referral_record(
    *, actor: User, values: dict[str, Any], team: Team | None = None
) -> list[Referral]:
    """Record a contact received by the actor's team (or `team`, for the demo). Brothers and
    sisters named in `values["siblings"]` (dicts of child fields) get a copy each."""
    if not can_use_front_door(actor):
        raise PermissionDenied("Your role cannot record contacts.")
    fields = {name: value for name, value in values.items() if name in RECORD_FIELDS}
    children = [fields, *({**fields, **sibling} for sibling in values.get("siblings", []))]
    recorded = []
    for child in children:
        _check_record(child)
        referral = audited_create(
            actor=actor,
            model=Referral,
            case_uuid=None,
            summary="Contact recorded at the front door",
            fields={**child, "team": team or actor.team, "recorded_by": actor},
        )
        recorded.append(referral)
    return recorded


def _may_change(actor: User, referral: Referral) -> None:
    if not can_change_referral(actor, referral.team_id):
        raise PermissionDenied("You can read this contact but not change it.")
    if referral.is_decided:
        raise ValidationError("A decision has been made on this contact, so it cannot change.")


@transaction.atomic
def referral_link_child(
    *,
    actor: User,
    referral: Referral,
    expected_version: int | None,
    person: Person | None,
) -> Referral:
    """Say who the child is: a child on record (`person`), or a child we do not know (None).
    A child whose last case closed within 12 months is marked as a re-referral."""
    _may_change(actor, referral)
    if person is not None and person.pk not in {m.person.pk for m in _matches(referral)}:
        raise ValidationError("Choose one of the children found, or say none of them is the child.")
    closed_on = (
        selectors.closed_within_a_year(person, referral.received_at.date()) if person else None
    )
    return audited_update(
        actor=actor,
        instance=referral,
        expected_version=expected_version,
        changes={
            "child": person,
            "child_is_new": person is None,
            "is_re_referral": closed_on is not None,
            "previous_case_closed_on": closed_on,
        },
        case_uuid=_event_uuid(referral),
        summary=(
            "Contact linked to the child's existing record"
            if person
            else "Contact is about a child not known to us"
        ),
    )


def _matches(referral: Referral) -> list[selectors.PossibleMatch]:
    return selectors.possible_matches(referral)


def possible_matches_seen(*, actor: User, referral: Referral) -> list[selectors.PossibleMatch]:
    """The possible matches, each child shown recorded as seen on the basis "search"."""
    found = _matches(referral)
    search_record_view(
        actor=actor, cases=[m.case for m in found], what="Front door: possible matches"
    )
    return found


FRONT_DOOR_BASIS = "front door"


def referral_record_view(*, actor: User, referral: Referral, what: str) -> None:
    """Viewing a contact about a child is an access event, filed under the child's case."""
    access_record(actor=actor, case_uuid=_event_uuid(referral), what=what, basis=FRONT_DOOR_BASIS)


def referral_list_view(*, actor: User, referrals: list[Referral], what: str) -> None:
    """The children named in a list of contacts, recorded as seen: one event each."""
    access_record_many(
        actor=actor,
        case_uuids=[_event_uuid(r) for r in referrals],
        what=what,
        basis=FRONT_DOOR_BASIS,
    )


def _new_child(referral: Referral) -> dict[str, Any]:
    return {
        "first_name": referral.child_first_name,
        "last_name": referral.child_last_name,
        "date_of_birth": referral.child_date_of_birth,
        "address": referral.child_address,
    }


def _case_for(
    actor: User, referral: Referral, decision: str, reason: str, on: datetime.date
) -> Case | None:
    """The case the referral is recorded on: the child's open case (stepped up if the
    decision needs it), or a new one for a decision that brings the child into a service."""
    open_case = selectors.open_case_of(referral.child) if referral.child else None
    level = OPENING_LEVELS.get(decision)
    why = f"Front door decision: {Decision(decision).label}. {reason}"
    if open_case is not None:
        if level and _below(open_case.service_level, level):
            open_case = case_change_service_level(
                actor=actor, case=open_case, expected_version=None, to_level=level,
                changed_on=max(on, open_case.opened_on), reason=why,
            )  # fmt: skip
        return open_case
    if level is None:
        return None
    case = case_open(
        actor=actor, child=_new_child(referral), team=referral.team, service_level=level,
        opened_on=on, reason=why, workers=[], known_child=referral.child,
    )  # fmt: skip
    _seed_map(actor, referral, case)
    return case


def _below(current: str, needed: str) -> bool:
    order = SERVICE_LEVEL_ORDER
    return order.index(ServiceLevel(current)) < order.index(ServiceLevel(needed))


def _referrer_heard(referral: Referral) -> str:
    return f"The referrer ({referral.get_referrer_relationship_display()})"


def _seed_map(actor: User, referral: Referral, case: Case) -> None:
    """Start the new case's map with what the referrer told us, kept out of family documents
    (it could identify who contacted us) until a worker has talked it through."""
    said = {"said_by": _referrer_heard(referral), "shared_with_family": False}
    map_item_add(
        actor=actor, case=case, part=Part.UNSURE,
        values={**said, "text": f"As the referrer told us: {referral.worries}"},
    )  # fmt: skip
    if referral.going_well.strip():
        map_item_add(
            actor=actor, case=case, part=Part.STRENGTH,
            values={**said, "text": f"As the referrer told us: {referral.going_well}"},
        )  # fmt: skip
    if referral.referrer_scale is not None:
        parent = referral.referrer_relationship == ReferrerRelationship.PARENT
        scale_rating_add(
            actor=actor,
            case=case,
            values={
                "rated_on": referral.received_at.date(),
                "rater_name": _referrer_heard(referral),
                "rater_role": RaterRole.PARENT if parent else RaterRole.PROFESSIONAL,
                "score": referral.referrer_scale,
                "reason": referral.needs_to_happen.strip() or referral.worries,
            },
        )


@transaction.atomic
def referral_decide(
    *,
    actor: User,
    referral: Referral,
    expected_version: int | None,
    decision: str,
    reason: str,
    decided_at: datetime.datetime | None = None,
) -> Referral:
    """Record the decision, with the reason, by whom and when, and open or find the case."""
    _may_change(actor, referral)
    if decision not in Decision.values:
        raise ValidationError("Choose what happens next.")
    if not reason.strip():
        raise ValidationError("Enter the reason for the decision.")
    if not referral.child_found:
        raise ValidationError("Find the child first, so we do not make a second record of them.")
    decided_at = decided_at or timezone.now()
    # Refuse a stale decision before a case is opened for it.
    referral = lock_for_edit(referral, expected_version=expected_version)
    case = _case_for(actor, referral, decision, reason.strip(), timezone.localdate(decided_at))
    return audited_update(
        actor=actor,
        instance=referral,
        expected_version=referral.version,
        changes={
            "decision": decision,
            "decision_reason": reason.strip(),
            "decided_by": actor,
            "decided_at": decided_at,
            "case": case,
        },
        case_uuid=case.uuid if case else referral.uuid,
        summary=f"Front door decision: {Decision(decision).label}",
    )
