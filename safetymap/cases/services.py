"""Every write to cases and people. Each records an audit event in the same transaction."""

from __future__ import annotations

import datetime
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safetymap.accounts.models import Team, User
from safetymap.audit.services import (
    access_record,
    access_record_many,
    audited_create,
    audited_remove,
    audited_update,
)
from safetymap.cases.models import (
    Allocation,
    Case,
    CaseMember,
    Person,
    ServiceLevel,
    ServiceLevelChange,
)
from safetymap.cases.policies import access_bases, access_basis
from safetymap.core.versioning import lock_for_edit, save_new_version

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "known_as",
    "date_of_birth",
    "gender",
    "address",
    "phone",
    "organisation",
)
MEMBERSHIP_FIELDS = (
    "relationship",
    "relationship_detail",
    "lives_with_child",
    "parental_responsibility",
    "notes",
)


def _new_reference() -> str:
    while True:
        reference = f"SM-{secrets.randbelow(900000) + 100000}"
        if not Case.objects.filter(reference=reference).exists():
            return reference


@transaction.atomic
def case_open(
    *,
    actor: User | None,
    child: dict[str, Any],
    team: Team,
    service_level: str,
    opened_on: datetime.date,
    reason: str,
    workers: list[User],
) -> Case:
    """Open a case for a new child, allocate workers and record the starting service level."""
    person = audited_create(
        actor=actor,
        model=Person,
        case_uuid=None,
        summary="Child added",
        fields={name: value for name, value in child.items() if name in PERSON_FIELDS},
    )
    case = audited_create(
        actor=actor,
        model=Case,
        case_uuid=None,
        summary=f"Case opened for {person.full_name}",
        fields={
            "reference": _new_reference(),
            "child": person,
            "team": team,
            "service_level": ServiceLevel(service_level),
            "opened_on": opened_on,
        },
    )
    audited_create(
        actor=actor,
        model=ServiceLevelChange,
        case_uuid=case.uuid,
        summary="Case opened",
        fields={
            "case": case,
            "from_level": "",
            "to_level": service_level,
            "changed_on": opened_on,
            "reason": reason,
            "changed_by": actor,
        },
    )
    for worker in workers:
        allocation_add(actor=actor, case=case, worker=worker, started_on=opened_on)
    return case


def allocation_add(
    *, actor: User | None, case: Case, worker: User, started_on: datetime.date
) -> Allocation:
    if case.allocations.filter(worker=worker, ended_on__isnull=True).exists():
        raise ValidationError(f"{worker.display_name} is already allocated to this case.")
    return audited_create(
        actor=actor,
        model=Allocation,
        case_uuid=case.uuid,
        summary=f"{worker.display_name} allocated",
        fields={"case": case, "worker": worker, "started_on": started_on},
    )


@transaction.atomic
def case_change_service_level(
    *,
    actor: User,
    case: Case,
    expected_version: int | None,
    to_level: str,
    changed_on: datetime.date,
    reason: str,
) -> Case:
    """Step a case up or down. Its map, people and history carry over unchanged."""
    fresh = lock_for_edit(case, expected_version=expected_version)
    if to_level == fresh.service_level:
        raise ValidationError("The case is already at that service level. Choose a different one.")
    if not reason.strip():
        raise ValidationError("Enter the reason for the change.")
    if changed_on < fresh.opened_on:
        raise ValidationError("The date of the change must be on or after the case opened.")
    audited_create(
        actor=actor,
        model=ServiceLevelChange,
        case_uuid=fresh.uuid,
        summary=f"Service level changed to {ServiceLevel(to_level).label}",
        fields={
            "case": fresh,
            "from_level": fresh.service_level,
            "to_level": to_level,
            "changed_on": changed_on,
            "reason": reason.strip(),
            "changed_by": actor,
        },
    )
    # The version check already happened under the lock above; this records the new level.
    return audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes={"service_level": to_level},
        case_uuid=fresh.uuid,
        summary=f"Service level changed to {ServiceLevel(to_level).label}",
    )


@transaction.atomic
def case_member_add(
    *,
    actor: User,
    case: Case,
    person: dict[str, Any],
    membership: dict[str, Any],
) -> CaseMember:
    """Add someone in the child's life to the case, as a new person record."""
    new_person = audited_create(
        actor=actor,
        model=Person,
        case_uuid=case.uuid,
        summary="Person added",
        fields={name: value for name, value in person.items() if name in PERSON_FIELDS},
    )
    return audited_create(
        actor=actor,
        model=CaseMember,
        case_uuid=case.uuid,
        summary=f"{new_person.full_name} added to the case",
        fields={
            "case": case,
            "person": new_person,
            **{name: value for name, value in membership.items() if name in MEMBERSHIP_FIELDS},
        },
    )


@transaction.atomic
def case_member_update(
    *,
    actor: User,
    member: CaseMember,
    expected_version: int | None,
    person: dict[str, Any],
    membership: dict[str, Any],
) -> CaseMember:
    """Change a person's details and how they relate to the child, as one edit."""
    case_uuid = member.case.uuid
    updated = audited_update(
        actor=actor,
        instance=member,
        expected_version=expected_version,
        changes={name: value for name, value in membership.items() if name in MEMBERSHIP_FIELDS},
        case_uuid=case_uuid,
        summary="Relationship details changed",
    )
    person_before = member.person.version
    person_after = audited_update(
        actor=actor,
        instance=member.person,
        expected_version=None,  # the membership's version guards the whole form
        changes={name: value for name, value in person.items() if name in PERSON_FIELDS},
        case_uuid=case_uuid,
        summary="Person's details changed",
    )
    if updated.version == member.version and person_after.version != person_before:
        # Only the person changed: still move the form's version on, so a second stale
        # form cannot overwrite this edit.
        save_new_version(updated, update_fields=[])
    return updated


def case_member_remove(
    *, actor: User, member: CaseMember, expected_version: int | None
) -> CaseMember:
    return audited_remove(
        actor=actor,
        instance=member,
        expected_version=expected_version,
        case_uuid=member.case.uuid,
        summary=f"{member.person.full_name} removed from the case",
    )


@transaction.atomic
def child_update(
    *, actor: User, case: Case, expected_version: int | None, child: dict[str, Any]
) -> Person:
    return audited_update(
        actor=actor,
        instance=case.child,
        expected_version=expected_version,
        changes={name: value for name, value in child.items() if name in PERSON_FIELDS},
        case_uuid=case.uuid,
        summary="Child's details changed",
    )


def case_record_list_view(*, actor: User, cases: Sequence[Case], what: str) -> None:
    """Record that `actor` saw these children in a list: one access event each."""
    by_basis: dict[str, list[uuid.UUID]] = {}
    bases = access_bases(actor, cases)
    for case in cases:
        if case.pk not in bases:
            raise PermissionError("No relationship to a case in this list")
        by_basis.setdefault(bases[case.pk], []).append(case.uuid)
    for basis, case_uuids in by_basis.items():
        access_record_many(actor=actor, case_uuids=case_uuids, what=what, basis=basis)


def case_record_view(*, actor: User, case: Case, what: str) -> str:
    """Record that `actor` opened part of this child's record, and on what basis."""
    basis = access_basis(actor, case)
    if basis is None:
        raise PermissionError("No relationship to this case")
    access_record(actor=actor, case_uuid=case.uuid, what=what, basis=basis)
    return basis
