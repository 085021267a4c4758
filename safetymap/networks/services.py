"""Every write to the safety network. Each records an audit event in the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.audit.services import (
    audit_record,
    audited_create,
    audited_remove,
    audited_update,
)
from safetymap.cases import services as case_services
from safetymap.cases.models import Case, CaseMember
from safetymap.core.versioning import save_new_version
from safetymap.mapping.models import MapVersion, Occasion
from safetymap.mapping.services import map_version_save
from safetymap.networks import selectors
from safetymap.networks.models import (
    CheckOutcome,
    NetworkCheck,
    NetworkMeeting,
    NetworkMember,
    NetworkRole,
    NetworkRoleKind,
    VersionStatement,
)
from safetymap.words_pictures.models import StoryVersion
from safetymap.words_pictures.selectors import current_story_version

MEMBER_FIELDS = ("knowledge", "availability", "contact_details")
SAVED_FOR_NETWORK = "Saved to record which danger statements the safety network was shown."


def _only(values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if name in allowed}


def _not_in_future(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"The date {what} must be today or in the past.")


# --- Members and their roles -------------------------------------------------------------------


def _wanted_roles(roles: Sequence[str], other_role: str) -> dict[str, str]:
    """role -> description, refusing unknown roles and an "other" with no description."""
    wanted: dict[str, str] = {}
    for role in roles:
        if role not in NetworkRoleKind:
            raise ValidationError(f"{role} is not a role in the safety network.")
        wanted[role] = ""
    if NetworkRoleKind.OTHER in wanted:
        if not other_role.strip():
            raise ValidationError("Describe the other role they have taken on.")
        wanted[NetworkRoleKind.OTHER] = other_role.strip()
    return wanted


def _set_roles(actor: User, member: NetworkMember, wanted: dict[str, str]) -> bool:
    """Make the member's current roles the wanted ones; True if anything changed."""
    name = member.case_member.person.full_name
    case_uuid = member.case.uuid
    current = {role.role: role for role in selectors.member_roles(member)}
    changed = False
    for role, description in wanted.items():
        existing = current.get(role)
        if existing is None:
            audited_create(
                actor=actor,
                model=NetworkRole,
                case_uuid=case_uuid,
                summary=f"{name} took on a role in the safety network",
                fields={"member": member, "role": role, "description": description},
            )
            changed = True
        elif existing.description != description:
            audited_update(
                actor=actor,
                instance=existing,
                expected_version=None,  # the member's version guards the whole form
                changes={"description": description},
                case_uuid=case_uuid,
                summary=f"{name}'s role in the safety network reworded",
            )
            changed = True
    for role, existing in current.items():
        if role not in wanted:
            audited_remove(
                actor=actor,
                instance=existing,
                expected_version=None,
                case_uuid=case_uuid,
                summary=f"{name} no longer has a role in the safety network",
            )
            changed = True
    return changed


def _person_on_case(
    actor: User, case: Case, case_member: CaseMember | None, new_person: dict[str, Any] | None
) -> CaseMember:
    """The person joining the network: someone already on the case, or a new person added to
    the case now (through the cases service, so they appear with everyone else)."""
    if case_member is not None:
        if case_member.case_id != case.pk or case_member.removed_at is not None:
            raise ValidationError("That person is not on this case.")
        return case_member
    if not new_person:
        raise ValidationError("Choose someone on the case, or add a new person.")
    return case_services.case_member_add(
        actor=actor,
        case=case,
        person=new_person["person"],
        membership=new_person["membership"],
    )


@transaction.atomic
def network_member_add(
    *,
    actor: User,
    case: Case,
    case_member: CaseMember | None,
    new_person: dict[str, Any] | None = None,
    values: dict[str, Any],
    roles: Sequence[str] = (),
    other_role: str = "",
) -> NetworkMember:
    """Add someone to the child's safety network, with what they know and their roles.

    `new_person` is {"person": {...}, "membership": {...}} as `cases.services.
    case_member_add` takes them, for someone not yet on the case.
    """
    wanted = _wanted_roles(roles, other_role)
    person = _person_on_case(actor, case, case_member, new_person)
    if NetworkMember.objects.filter(case_member=person, removed_at__isnull=True).exists():
        raise ValidationError(f"{person.person.full_name} is already in the safety network.")
    member = audited_create(
        actor=actor,
        model=NetworkMember,
        case_uuid=case.uuid,
        summary=f"{person.person.full_name} added to the safety network",
        fields={"case": case, "case_member": person, **_only(values, MEMBER_FIELDS)},
    )
    _set_roles(actor, member, wanted)
    return member


@transaction.atomic
def network_member_update(
    *,
    actor: User,
    member: NetworkMember,
    expected_version: int | None,
    values: dict[str, Any],
    roles: Sequence[str],
    other_role: str = "",
) -> NetworkMember:
    """Change what a member knows, their roles, availability and contact details."""
    wanted = _wanted_roles(roles, other_role)
    updated = audited_update(
        actor=actor,
        instance=member,
        expected_version=expected_version,
        changes=_only(values, MEMBER_FIELDS),
        case_uuid=member.case.uuid,
        summary=f"{member.case_member.person.full_name}'s part in the safety network changed",
    )
    if _set_roles(actor, updated, wanted) and updated.version == member.version:
        # Only the roles changed: still move the form's version on, so a second stale
        # form cannot undo this edit.
        save_new_version(updated, update_fields=[])
    return updated


def network_member_remove(
    *, actor: User, member: NetworkMember, expected_version: int | None
) -> NetworkMember:
    """Take someone out of the network (they stay on the case, and in the history)."""
    return audited_remove(
        actor=actor,
        instance=member,
        expected_version=expected_version,
        case_uuid=member.case.uuid,
        summary=f"{member.case_member.person.full_name} taken out of the safety network",
    )


# --- Seeing the danger statements, agreeing to a role ----------------------------------------


def _index_statements(version: MapVersion) -> None:
    """Copy the version's danger statement texts out of its snapshot, once, so the "seen the
    current danger statements" comparison is a query. Derived from the saved version (which
    never changes), so it is not itself a change to the record."""
    if not VersionStatement.objects.filter(map_version=version).exists():
        VersionStatement.objects.bulk_create(
            VersionStatement(map_version=version, text=text)
            for text in sorted(selectors.statement_texts_in(version))
        )


@transaction.atomic
def statements_version_now(*, actor: User, case: Case) -> MapVersion:
    """The saved map version that holds the danger statements as they are now: the latest one
    that matches, or a new version saved now when the statements changed since the last."""
    if not selectors.statement_texts_now(case):
        raise ValidationError("There are no danger statements on the map yet.")
    version = selectors.version_matching_now(case)
    if version is None:
        version = map_version_save(
            actor=actor,
            case=case,
            occasion=Occasion.OTHER,
            note=SAVED_FOR_NETWORK,
            saved_on=timezone.localdate(),
        )
    return version


@transaction.atomic
def network_member_record_seen(
    *,
    actor: User,
    member: NetworkMember,
    expected_version: int | None,
    version: MapVersion,
    seen_on: datetime.date,
) -> NetworkMember:
    """Record that the member was shown the danger statements of this map version."""
    if version.case_id != member.case_id:
        raise ValidationError("That version of the map is not this child's.")
    _not_in_future(seen_on, "they saw the danger statements")
    _index_statements(version)
    return audited_update(
        actor=actor,
        instance=member,
        expected_version=expected_version,
        changes={"statements_seen_version": version, "statements_seen_on": seen_on},
        case_uuid=member.case.uuid,
        summary=(
            f"{member.case_member.person.full_name} saw the danger statements "
            f"(map version {version.number})"
        ),
    )


def network_member_record_story_seen(
    *,
    actor: User,
    member: NetworkMember,
    expected_version: int | None,
    story_version: StoryVersion,
    seen_on: datetime.date,
) -> NetworkMember:
    """Record that the member saw this version of the child's Words and Pictures."""
    if story_version.story.case_id != member.case_id:
        raise ValidationError("That Words and Pictures is not this child's.")
    if story_version.is_draft:
        raise ValidationError("That version is still a draft: show people an agreed version.")
    _not_in_future(seen_on, "they saw the Words and Pictures")
    return audited_update(
        actor=actor,
        instance=member,
        expected_version=expected_version,
        changes={"story_seen_version": story_version, "story_seen_on": seen_on},
        case_uuid=member.case.uuid,
        summary=(
            f"{member.case_member.person.full_name} saw the Words and Pictures "
            f"(version {story_version.number})"
        ),
    )


def network_member_record_agreement(
    *, actor: User, member: NetworkMember, expected_version: int | None, agreed_on: datetime.date
) -> NetworkMember:
    _not_in_future(agreed_on, "they agreed")
    return audited_update(
        actor=actor,
        instance=member,
        expected_version=expected_version,
        changes={"agreed_on": agreed_on},
        case_uuid=member.case.uuid,
        summary=f"{member.case_member.person.full_name} agreed to their role in the network",
    )


# --- Checks ------------------------------------------------------------------------------------


def network_check_add(
    *,
    actor: User,
    member: NetworkMember,
    check_type: str,
    checked_on: datetime.date,
    outcome: str,
    checked_by: str,
    notes: str = "",
) -> NetworkCheck:
    if check_type not in selectors.check_types():
        raise ValidationError(f"{check_type} is not a check the council asks for.")
    if outcome not in CheckOutcome:
        raise ValidationError("Select the outcome of the check.")
    if not checked_by.strip():
        raise ValidationError("Enter who made the check.")
    _not_in_future(checked_on, "of the check")
    return audited_create(
        actor=actor,
        model=NetworkCheck,
        case_uuid=member.case.uuid,
        summary=f"{check_type} recorded for {member.case_member.person.full_name}",
        fields={
            "member": member,
            "check_type": check_type,
            "checked_on": checked_on,
            "outcome": outcome,
            "checked_by": checked_by.strip(),
            "notes": notes.strip(),
            "recorded_by": actor,
        },
    )


# --- Meetings ----------------------------------------------------------------------------------


@transaction.atomic
def network_meeting_add(
    *,
    actor: User,
    case: Case,
    held_on: datetime.date,
    attendees: Sequence[NetworkMember],
    staff: Sequence[User],
    agreed: str,
    saw_statements: bool = False,
    saw_story: bool = False,
) -> NetworkMeeting:
    """Record a network meeting. If the danger statements were gone through, each member who
    came is recorded as having seen them as they are now (unless they have already been
    recorded seeing them on a later date)."""
    _not_in_future(held_on, "of the meeting")
    if not agreed.strip():
        raise ValidationError("Enter what was agreed at the meeting.")
    if any(member.case_id != case.pk or member.removed_at for member in attendees):
        raise ValidationError("Only people in this child's safety network can be chosen.")
    version = statements_version_now(actor=actor, case=case) if saw_statements else None
    story_version = current_story_version(case) if saw_story else None
    if saw_story and story_version is None:
        raise ValidationError("The child has no Words and Pictures agreed or given yet.")
    meeting = audited_create(
        actor=actor,
        model=NetworkMeeting,
        case_uuid=case.uuid,
        summary=f"Network meeting on {held_on:%d %B %Y} recorded",
        fields={
            "case": case,
            "held_on": held_on,
            "agreed": agreed.strip(),
            "statements_version": version,
            "story_version": story_version,
        },
    )
    meeting.attendees.set(attendees)
    meeting.staff.set(staff)
    audit_record(
        actor=actor,
        action="update",
        target=meeting,
        changes={
            "attendees": {"old": [], "new": [str(m.uuid) for m in attendees]},
            "staff": {"old": [], "new": [str(u.uuid) for u in staff]},
        },
        case_uuid=case.uuid,
        summary="Who came to the network meeting",
    )
    if version is not None:
        for member in attendees:
            if member.statements_seen_on is None or member.statements_seen_on <= held_on:
                network_member_record_seen(
                    actor=actor,
                    member=member,
                    expected_version=None,
                    version=version,
                    seen_on=held_on,
                )
    if story_version is not None:
        for member in attendees:
            member.refresh_from_db()
            if member.story_seen_on is None or member.story_seen_on <= held_on:
                network_member_record_story_seen(
                    actor=actor,
                    member=member,
                    expected_version=None,
                    story_version=story_version,
                    seen_on=held_on,
                )
    return meeting
