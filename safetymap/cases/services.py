"""Every write to cases and people. Each records an audit event in the same transaction."""

from __future__ import annotations

import datetime
import secrets
import uuid
from collections.abc import Collection, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Team, User
from safetymap.audit.services import (
    access_record,
    access_record_many,
    audit_record,
    audited_create,
    audited_remove,
    audited_update,
)
from safetymap.cases.models import (
    Allocation,
    BreakGlassGrant,
    BreakGlassOutcome,
    Case,
    CaseClosure,
    CaseMember,
    CaseRestriction,
    CaseShare,
    ChronologyEntry,
    ClosureReason,
    EntryCategory,
    Person,
    RestrictionAllowedUser,
    ServiceLevel,
    ServiceLevelChange,
    SharedItem,
    SharedKind,
    ShareScope,
)
from safetymap.cases.policies import (
    EDITOR_ROLES,
    Basis,
    access_bases,
    access_basis,
    can_be_on_allow_list,
    can_close_case,
    can_edit_case,
    can_manage_restriction,
    can_manage_shares,
    can_receive_share,
    can_reopen_case,
    can_review_break_glass,
    can_use_break_glass,
    is_restricted,
    managed_team_ids,
)
from safetymap.cases.registry import ShareChoices, ShareOption, shareable_choices
from safetymap.cases.selectors import current_shared_items, team_managers
from safetymap.core.versioning import lock_for_edit, save_new_version
from safetymap.govuk.formatting import govuk_date, govuk_datetime
from safetymap.notifications.models import Kind
from safetymap.notifications.services import notification_send, notification_withdraw

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
    known_child: Person | None = None,
) -> Case:
    """Open a case for a new child (or `known_child`, a child already on record), allocate
    workers and record the starting service level."""
    person = known_child or audited_create(
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


def case_record_view(*, actor: User, case: Case, what: str, basis: str | None = None) -> str:
    """Record that `actor` opened part of this child's record, and on what basis.

    Pass `basis` when the caller has just worked it out with `policies.access_basis` (it
    saves the queries); otherwise it is worked out here.
    """
    if basis is None:
        basis = access_basis(actor, case)
    if basis is None:
        raise PermissionError("No relationship to this case")
    access_record(actor=actor, case_uuid=case.uuid, what=what, basis=basis)
    return basis


# --- Restricted records ----------------------------------------------------------------------

RESTRICTION_FIELDS = ("case", "active", "reason", "review_on", "set_by", "set_at")
# A reminder that a restriction is due for review shows this many days before the date.
REVIEW_REMINDER_DAYS = 7


def _child_and_reference(case: Case) -> str:
    return f"{case.child.full_name} ({case.reference})"


def _may_manage(actor: User, case: Case) -> None:
    if not can_manage_restriction(actor, case):
        raise PermissionDenied(
            "Only the case's team managers and above, and council "
            "administrators, can change a restriction."
        )


def _check_restriction(reason: str, review_on: datetime.date) -> str:
    if not reason.strip():
        raise ValidationError("Enter why the record is restricted.")
    if review_on <= timezone.localdate():
        raise ValidationError("The review date must be in the future.")
    return reason.strip()


def _review_key(restriction: CaseRestriction, review_on: datetime.date) -> str:
    return f"restriction-review:{restriction.uuid}:{review_on.isoformat()}"


def _schedule_review_reminder(
    actor: User, restriction: CaseRestriction, case: Case, review_on: datetime.date
) -> None:
    """Remind the case's team managers (and whoever set the restriction) a week before the
    review date. The reminder waits, unseen, until then; a changed date or a lifted
    restriction withdraws it."""
    recipients = team_managers(case)
    if can_manage_restriction(restriction.set_by, case):
        recipients.append(restriction.set_by)
    day = review_on - datetime.timedelta(days=REVIEW_REMINDER_DAYS)
    show_from = max(
        timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0))), timezone.now()
    )
    notification_send(
        actor=actor,
        recipients=recipients,
        kind=Kind.RESTRICTION_REVIEW,
        text=(
            f"The restricted record of {_child_and_reference(case)} is due for review on "
            f"{govuk_date(review_on)}. Check the reason still applies and who is on the "
            "allow-list."
        ),
        link=reverse("cases:restriction", kwargs={"case_uuid": case.uuid}),
        key=_review_key(restriction, review_on),
        show_from=show_from,
        case_uuid=case.uuid,
    )


def _allow(
    actor: User, restriction: CaseRestriction, case: Case, user: User
) -> RestrictionAllowedUser:
    if not can_be_on_allow_list(user):
        raise ValidationError(
            f"{user.display_name} cannot be on the allow-list: only active council staff can."
        )
    if restriction.allowed_users.filter(user=user, removed_at__isnull=True).exists():
        raise ValidationError(f"{user.display_name} is already on the allow-list.")
    return audited_create(
        actor=actor,
        model=RestrictionAllowedUser,
        case_uuid=case.uuid,
        summary=f"{user.display_name} added to the allow-list of the restricted record",
        fields={"restriction": restriction, "user": user, "added_by": actor},
    )


@transaction.atomic
def case_restrict(
    *,
    actor: User,
    case: Case,
    reason: str,
    review_on: datetime.date,
    allowed: Sequence[User],
) -> CaseRestriction:
    """Restrict a record: from now on only the users on `allowed` may open it."""
    _may_manage(actor, case)
    reason = _check_restriction(reason, review_on)
    people = list({user.pk: user for user in allowed}.values())
    if not people:
        raise ValidationError("Choose at least one person who may open the record.")
    for user in people:
        if not can_be_on_allow_list(user):
            raise ValidationError(
                f"{user.display_name} cannot be on the allow-list: only active council staff can."
            )
    existing = CaseRestriction.objects.select_for_update().filter(case=case).first()
    summary = f"Record restricted: {reason}"
    values = {
        "active": True,
        "reason": reason,
        "review_on": review_on,
        "set_by": actor,
        "set_at": timezone.now(),
    }
    if existing is None:
        restriction = audited_create(
            actor=actor,
            model=CaseRestriction,
            case_uuid=case.uuid,
            summary=summary,
            fields={"case": case, **values},
        )
    else:
        if existing.active:
            raise ValidationError("This record is already restricted.")
        restriction = audited_update(
            actor=actor,
            instance=existing,
            expected_version=None,  # a lifted restriction is only changed by restricting again
            changes=values,
            case_uuid=case.uuid,
            summary=summary,
        )
        # The allow-list is chosen afresh: anyone left on it from before is taken off.
        for old in restriction.allowed_users.filter(removed_at__isnull=True).select_related("user"):
            audited_remove(
                actor=actor,
                instance=old,
                expected_version=None,
                case_uuid=case.uuid,
                summary=f"{old.user.display_name} taken off the allow-list",
            )
    for user in people:
        _allow(actor, restriction, case, user)
    _end_other_access(actor, case)
    _schedule_review_reminder(actor, restriction, case, review_on)
    return restriction


def _end_other_access(actor: User, case: Case) -> None:
    """A restricted record is not shared and not open to emergency access: end current
    shares and running emergency access (each recorded), so lifting the restriction later
    does not quietly open the record to them again. Emergency access still waits for its
    review."""
    now = timezone.now()
    for share in CaseShare.objects.select_for_update().filter(case=case, ended_at__isnull=True):
        partner = share.partner
        audited_update(
            actor=actor,
            instance=share,
            expected_version=None,
            changes={"ended_at": now, "ended_by": actor},
            case_uuid=case.uuid,
            summary=f"Sharing with {partner.display_name} ended: the record is restricted",
        )
        notification_withdraw(actor=actor, key=_share_key(share), case_uuid=case.uuid)
        notification_send(
            actor=actor,
            recipients=[partner],
            kind=Kind.SHARE_ENDED,
            text=f"A record shared with you ({case.reference}) is no longer shared with you.",
            case_uuid=case.uuid,
        )
    for grant in BreakGlassGrant.objects.select_for_update().filter(
        case=case, ended_at__isnull=True, expires_at__gt=now
    ):
        audited_update(
            actor=actor,
            instance=grant,
            expected_version=None,
            changes={"ended_at": now},
            case_uuid=case.uuid,
            summary="Emergency access ended: the record is restricted",
        )


@transaction.atomic
def case_restriction_change(
    *,
    actor: User,
    restriction: CaseRestriction,
    expected_version: int | None,
    reason: str,
    review_on: datetime.date,
) -> CaseRestriction:
    """Change why a record is restricted, or when the restriction is next reviewed."""
    case = restriction.case
    _may_manage(actor, case)
    reason = _check_restriction(reason, review_on)
    fresh = lock_for_edit(restriction, expected_version=expected_version)
    if not fresh.active:
        raise ValidationError("This record is no longer restricted.")
    old_review_on = fresh.review_on
    updated = audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes={"reason": reason, "review_on": review_on},
        case_uuid=case.uuid,
        summary="Restriction changed",
    )
    if updated.review_on != old_review_on:
        notification_withdraw(
            actor=actor, key=_review_key(updated, old_review_on), case_uuid=case.uuid
        )
        _schedule_review_reminder(actor, updated, case, updated.review_on)
    return updated


@transaction.atomic
def case_restriction_lift(
    *, actor: User, restriction: CaseRestriction, expected_version: int | None
) -> CaseRestriction:
    """Lift a restriction: the record is opened by its ordinary relationships again."""
    case = restriction.case
    _may_manage(actor, case)
    fresh = lock_for_edit(restriction, expected_version=expected_version)
    if not fresh.active:
        raise ValidationError("This record is no longer restricted.")
    updated = audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes={"active": False},
        case_uuid=case.uuid,
        summary="Restriction lifted",
    )
    notification_withdraw(
        actor=actor, key=_review_key(updated, updated.review_on), case_uuid=case.uuid
    )
    return updated


@transaction.atomic
def restriction_allow_add(
    *, actor: User, restriction: CaseRestriction, user: User
) -> RestrictionAllowedUser:
    """Name one more person who may open a restricted record."""
    case = restriction.case
    _may_manage(actor, case)
    fresh = lock_for_edit(restriction, expected_version=None)
    if not fresh.active:
        raise ValidationError("This record is no longer restricted.")
    return _allow(actor, fresh, case, user)


@transaction.atomic
def restriction_allow_remove(
    *, actor: User, allowance: RestrictionAllowedUser, expected_version: int | None
) -> RestrictionAllowedUser:
    """Take someone off a restricted record's allow-list (at least one must stay on it)."""
    restriction = allowance.restriction
    case = restriction.case
    _may_manage(actor, case)
    lock_for_edit(restriction, expected_version=None)  # one removal at a time per record
    others = restriction.allowed_users.filter(removed_at__isnull=True).exclude(pk=allowance.pk)
    if restriction.active and not others.exists():
        raise ValidationError(
            "At least one person must stay on the allow-list. Add someone else first, or lift "
            "the restriction."
        )
    return audited_remove(
        actor=actor,
        instance=allowance,
        expected_version=expected_version,
        case_uuid=case.uuid,
        summary=f"{allowance.user.display_name} taken off the allow-list",
    )


# --- Emergency ("break-glass") access --------------------------------------------------------

BREAK_GLASS_FIELDS = ("case", "user", "reason", "granted_at", "expires_at")


def break_glass_hours() -> int:
    return int(getattr(settings, "SAFETYMAP_BREAK_GLASS_HOURS", 8))


def _break_glass_key(grant: BreakGlassGrant) -> str:
    return f"break-glass:{grant.uuid}"


@transaction.atomic
def break_glass_request(*, actor: User, case: Case, reason: str) -> BreakGlassGrant:
    """Give `actor` read-only access to a record they have no relationship to, for
    SAFETYMAP_BREAK_GLASS_HOURS, and tell the case's team managers.

    The caller has already checked the actor's password and second factor.
    """
    if not can_use_break_glass(actor):
        raise PermissionDenied("Your role cannot use emergency access.")
    if is_restricted(case):
        raise PermissionDenied("Emergency access cannot be used for a restricted record.")
    if access_basis(actor, case) is not None:
        raise ValidationError("You can already open this record.")
    if not reason.strip():
        raise ValidationError("Enter why you need to open this record now.")
    now = timezone.now()
    grant = audited_create(
        actor=actor,
        model=BreakGlassGrant,
        case_uuid=case.uuid,
        summary=f"Emergency access used: {reason.strip()}",
        fields={
            "case": case,
            "user": actor,
            "reason": reason.strip(),
            "granted_at": now,
            "expires_at": now + datetime.timedelta(hours=break_glass_hours()),
        },
    )
    team = f", {actor.team.name}" if actor.team else ""
    notification_send(
        actor=actor,
        recipients=[manager for manager in team_managers(case) if manager.pk != actor.pk],
        kind=Kind.BREAK_GLASS,
        text=(
            f"{actor.display_name}{team} used emergency access to open the record of "
            f"{_child_and_reference(case)} on {govuk_datetime(now)}. Their reason: "
            f"{grant.reason}"
        ),
        link=reverse("cases:break_glass_review", kwargs={"grant_uuid": grant.uuid}),
        key=_break_glass_key(grant),
        case_uuid=case.uuid,
    )
    return grant


@transaction.atomic
def break_glass_finish(*, actor: User, grant: BreakGlassGrant) -> BreakGlassGrant:
    """The worker has what they needed: end their emergency access now (it still waits for
    a manager's review)."""
    if grant.user_id != actor.pk:
        raise PermissionDenied("Only the person using emergency access can finish it.")
    fresh = lock_for_edit(grant, expected_version=None)
    if not fresh.is_active():
        return fresh
    return audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes={"ended_at": timezone.now()},
        case_uuid=grant.case.uuid,
        summary="Emergency access finished by the worker",
    )


def break_glass_refused(*, actor: User, case: Case, why: str) -> None:
    """Record a refused request for emergency access (a wrong password or code)."""
    audit_record(
        actor=actor,
        action="break_glass_refused",
        target=case,
        changes={"why": why},
        case_uuid=case.uuid,
        summary=f"Emergency access refused: {why}",
    )


@transaction.atomic
def break_glass_review(
    *,
    actor: User,
    grant: BreakGlassGrant,
    expected_version: int | None,
    outcome: str,
    note: str,
) -> BreakGlassGrant:
    """A manager's review of emergency access. "Not appropriate" also ends it at once."""
    if not can_review_break_glass(actor, grant):
        raise PermissionDenied("Only a manager of the child's team can review this.")
    outcome = BreakGlassOutcome(outcome)
    if outcome == BreakGlassOutcome.NOT_APPROPRIATE and not note.strip():
        raise ValidationError("Say why the emergency access was not appropriate.")
    fresh = lock_for_edit(grant, expected_version=expected_version)
    if fresh.reviewed_at is not None:
        raise ValidationError("This emergency access has already been reviewed.")
    now = timezone.now()
    changes: dict[str, Any] = {
        "reviewed_by": actor,
        "reviewed_at": now,
        "outcome": outcome,
        "review_note": note.strip(),
    }
    if outcome == BreakGlassOutcome.NOT_APPROPRIATE and fresh.is_active(now):
        changes["ended_at"] = now
    case = grant.case
    reviewed = audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes=changes,
        case_uuid=case.uuid,
        summary=f"Emergency access reviewed: {outcome.label.lower()}",
    )
    notification_withdraw(actor=actor, key=_break_glass_key(grant), case_uuid=case.uuid)
    ended = " Your access has been ended." if "ended_at" in changes else ""
    notification_send(
        actor=actor,
        recipients=[grant.user],
        kind=Kind.BREAK_GLASS_REVIEWED,
        text=(
            f"{actor.display_name} reviewed your emergency access to the record of "
            f"{_child_and_reference(case)} on {govuk_date(grant.granted_at)}: "
            f"{outcome.label.lower()}.{ended}"
            + (f" Their note: {reviewed.review_note}" if reviewed.review_note else "")
        ),
        case_uuid=case.uuid,
    )
    return reviewed


# --- Shares with partner professionals ------------------------------------------------------


def _share_key(share: CaseShare) -> str:
    return f"share:{share.uuid}"


@transaction.atomic
def case_share_add(
    *, actor: User, case: Case, partner: User, reason: str = "", scope: str = ShareScope.MAP
) -> CaseShare:
    """Share the child's basic details with a partner professional, read-only; the worker
    then chooses what else they see (`shared_items_choose`)."""
    if not can_manage_shares(actor, case):
        raise PermissionDenied("You cannot share this record.")
    if not can_receive_share(partner):
        raise ValidationError(
            f"{partner.display_name} is not a partner professional, so nothing can be shared "
            "with them here."
        )
    if is_restricted(case):
        raise ValidationError("This is a restricted record, so it cannot be shared.")
    if CaseShare.objects.filter(case=case, partner=partner, ended_at__isnull=True).exists():
        raise ValidationError(f"This record is already shared with {partner.display_name}.")
    share = audited_create(
        actor=actor,
        model=CaseShare,
        case_uuid=case.uuid,
        summary=f"Shared with {partner.display_name}",
        fields={
            "case": case,
            "partner": partner,
            "scope": ShareScope(scope),
            "reason": reason.strip(),
            "shared_by": actor,
        },
    )
    notification_send(
        actor=actor,
        recipients=[partner],
        kind=Kind.SHARED,
        text=(
            f"{actor.display_name} shared parts of {case.child.full_name}'s record with you "
            f"({case.reference}). You can read them, but not change them."
        ),
        link=reverse("cases:case", kwargs={"case_uuid": case.uuid}),
        key=_share_key(share),
        case_uuid=case.uuid,
    )
    return share


@transaction.atomic
def case_share_end(*, actor: User, share: CaseShare, expected_version: int | None) -> CaseShare:
    """Stop sharing: the partner can no longer open the record."""
    case = share.case
    if not can_manage_shares(actor, case):
        raise PermissionDenied("You cannot change who this record is shared with.")
    fresh = lock_for_edit(share, expected_version=expected_version)
    if fresh.ended_at is not None:
        raise ValidationError("Sharing with this person has already ended.")
    ended = audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes={"ended_at": timezone.now(), "ended_by": actor},
        case_uuid=case.uuid,
        summary=f"Sharing with {share.partner.display_name} ended",
    )
    notification_withdraw(actor=actor, key=_share_key(share), case_uuid=case.uuid)
    notification_send(
        actor=actor,
        recipients=[share.partner],
        kind=Kind.SHARE_ENDED,
        text=(f"{case.child.full_name}'s record ({case.reference}) is no longer shared with you."),
        case_uuid=case.uuid,
    )
    return ended


ShareKey = tuple[str, uuid.UUID]  # (SharedKind, the shared object's uuid)
SHARED_ITEM_FIELDS = ("share", "kind", "object_uuid", "shared_by")
NO_LONGER_OFFERED = (
    "Some of what you chose is no longer on the record. Check the list and choose again."
)


def _offered(case: Case) -> dict[ShareKey, tuple[ShareChoices, ShareOption]]:
    """Everything that could be shared from this case now, by (kind, uuid)."""
    return {
        (SharedKind(group.kind), option.uuid): (group, option)
        for group in shareable_choices(case)
        for option in group.options
    }


def _item_summary(verb: str, share: CaseShare, kind: str, text: str) -> str:
    shown = text if len(text) <= 80 else text[:79] + "…"
    return f"{verb} {share.partner.display_name}: {SharedKind(kind).label.lower()}, “{shown}”"


def _add_item(
    *, actor: User, share: CaseShare, key: ShareKey, offer: tuple[ShareChoices, ShareOption]
) -> SharedItem:
    return audited_create(
        actor=actor,
        model=SharedItem,
        case_uuid=share.case.uuid,
        summary=_item_summary("Shared with", share, key[0], offer[1].text),
        fields={"share": share, "kind": key[0], "object_uuid": key[1], "shared_by": actor},
    )


def _end_item(*, actor: User, item: SharedItem, text: str) -> SharedItem:
    return audited_update(
        actor=actor,
        instance=item,
        expected_version=None,
        changes={"ended_at": timezone.now(), "ended_by": actor},
        case_uuid=item.share.case.uuid,
        summary=_item_summary("No longer shared with", item.share, item.kind, text),
    )


def _current_share(actor: User, share: CaseShare, expected_version: int | None) -> CaseShare:
    if not can_manage_shares(actor, share.case):
        raise PermissionDenied("You cannot change what is shared from this record.")
    fresh = lock_for_edit(share, expected_version=expected_version)
    if fresh.ended_at is not None:
        raise ValidationError("Sharing with this person has ended.")
    return fresh


@transaction.atomic
def shared_item_add(
    *, actor: User, share: CaseShare, kind: str, object_uuid: uuid.UUID
) -> SharedItem:
    """Share one more item of the record under this share (it must be on the record now)."""
    fresh = _current_share(actor, share, None)
    key = (kind, object_uuid)
    offer = _offered(fresh.case).get(key)
    if offer is None:
        raise ValidationError(NO_LONGER_OFFERED)
    if fresh.items.filter(kind=kind, object_uuid=object_uuid, ended_at__isnull=True).exists():
        raise ValidationError("This is already shared.")
    return _add_item(actor=actor, share=fresh, key=key, offer=offer)


@transaction.atomic
def shared_item_end(*, actor: User, item: SharedItem) -> SharedItem:
    """Stop sharing one item. The row is kept: what was shared, and when, stays on record."""
    _current_share(actor, item.share, None)
    if item.ended_at is not None:
        raise ValidationError("This is no longer shared.")
    offer = _offered(item.share.case).get((SharedKind(item.kind), item.object_uuid))
    return _end_item(actor=actor, item=item, text=offer[1].text if offer else "")


@transaction.atomic
def shared_items_choose(
    *,
    actor: User,
    share: CaseShare,
    chosen: Collection[ShareKey],
    expected_version: int | None,
) -> CaseShare:
    """Share exactly `chosen` under this share: share what is new, stop sharing what is no
    longer chosen (each change its own audit event). Refused with StaleEditError if someone
    changed the choice since `expected_version` was read; nothing changes if any chosen item
    is no longer on the record."""
    fresh = _current_share(actor, share, expected_version)
    offered = _offered(fresh.case)
    wanted = {(kind, object_uuid) for kind, object_uuid in chosen}
    if wanted - offered.keys():
        raise ValidationError(NO_LONGER_OFFERED)
    current = {(item.kind, item.object_uuid): item for item in current_shared_items(fresh)}
    added = [key for key in offered if key in wanted and key not in current]
    ended = [item for key, item in current.items() if key not in wanted]
    for key in added:
        _add_item(actor=actor, share=fresh, key=key, offer=offered[key])
    for item in ended:
        offer = offered.get((SharedKind(item.kind), item.object_uuid))
        _end_item(actor=actor, item=item, text=offer[1].text if offer else "")
    if added or ended:
        save_new_version(fresh, update_fields=[])
    return fresh


# --- Access events that are not a relationship to the record ---------------------------------


def search_record_view(*, actor: User, cases: Sequence[Case], what: str) -> None:
    """Record the children shown to `actor` by "Find a child's record" (name, date of birth
    and reference only): one access event each, on the basis "search"."""
    access_record_many(
        actor=actor, case_uuids=[case.uuid for case in cases], what=what, basis=Basis.SEARCH
    )


def restriction_record_view(*, actor: User, cases: Sequence[Case], what: str) -> None:
    """Record the children shown to someone managing restrictions (name and reference, the
    reason and the allow-list; not the record)."""
    managed = managed_team_ids(actor)
    for case in cases:
        if not can_manage_restriction(actor, case, managed=managed):
            raise PermissionError("Not a restriction this user manages")
    access_record_many(
        actor=actor,
        case_uuids=[case.uuid for case in cases],
        what=what,
        basis=Basis.RESTRICTION_MANAGER,
    )


# --- The chronology: entries a worker adds, corrections -------------------------------------


def _entry_values(
    *, happened_on: datetime.date, category: str, what_happened: str, significance: str
) -> dict[str, Any]:
    if happened_on > timezone.localdate():
        raise ValidationError("The date it happened must be today or in the past.")
    if not what_happened.strip():
        raise ValidationError("Enter what happened.")
    if not significance.strip():
        raise ValidationError("Enter what it means for the child.")
    return {
        "happened_on": happened_on,
        "category": EntryCategory(category),
        "what_happened": what_happened.strip(),
        "significance": significance.strip(),
    }


def _may_write_chronology(actor: User, case: Case) -> None:
    if not can_edit_case(actor, case):
        raise PermissionDenied("You can read this chronology but not add to it.")


@transaction.atomic
def chronology_entry_add(
    *,
    actor: User,
    case: Case,
    happened_on: datetime.date,
    category: str,
    what_happened: str,
    significance: str,
) -> ChronologyEntry:
    """Add a significant event to the child's chronology, recorded as written by `actor`."""
    _may_write_chronology(actor, case)
    values = _entry_values(
        happened_on=happened_on,
        category=category,
        what_happened=what_happened,
        significance=significance,
    )
    return audited_create(
        actor=actor,
        model=ChronologyEntry,
        case_uuid=case.uuid,
        summary=f"Chronology entry added: {EntryCategory(category).label}",
        fields={"case": case, **values, "recorded_by": actor},
    )


@transaction.atomic
def chronology_entry_correct(
    *,
    actor: User,
    entry: ChronologyEntry,
    happened_on: datetime.date,
    category: str,
    what_happened: str,
    significance: str,
    correction_reason: str,
) -> ChronologyEntry:
    """Correct an entry with a new one that points to it. The entry corrected is kept, and
    shows as corrected; an entry is corrected once (a later correction corrects the
    correction), so the chain reads in order."""
    case = entry.case
    _may_write_chronology(actor, case)
    locked = ChronologyEntry.objects.select_for_update().get(pk=entry.pk)
    if ChronologyEntry.objects.filter(corrects=locked).exists():
        raise ValidationError(
            "Someone has already corrected this entry. Correct the latest correction instead."
        )
    if not correction_reason.strip():
        raise ValidationError("Enter what was wrong with the entry.")
    values = _entry_values(
        happened_on=happened_on,
        category=category,
        what_happened=what_happened,
        significance=significance,
    )
    return audited_create(
        actor=actor,
        model=ChronologyEntry,
        case_uuid=case.uuid,
        summary=f"Chronology entry of {govuk_date(locked.happened_on)} corrected",
        fields={
            "case": case,
            **values,
            "recorded_by": actor,
            "corrects": locked,
            "correction_reason": correction_reason.strip(),
        },
    )


# --- Closing and reopening a case -------------------------------------------------------------


def _check_day(day: datetime.date, *, not_before: datetime.date, what: str, earlier: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"The date the case {what} must be today or in the past.")
    if day < not_before:
        raise ValidationError(f"The date the case {what} must be on or after {earlier}.")


def _end_allocation(actor: User, allocation: Allocation, ended_on: datetime.date) -> None:
    """Allocations are not versioned: end one and record it as any audited change."""
    allocation.ended_on = max(ended_on, allocation.started_on)
    allocation.save(update_fields=["ended_on", "updated_at"])
    audit_record(
        actor=actor,
        action="update",
        target=allocation,
        changes={"ended_on": {"old": None, "new": allocation.ended_on.isoformat()}},
        case_uuid=allocation.case.uuid,
        summary=f"{allocation.worker.display_name} no longer allocated: the case closed",
    )


def _last_reopened(case: Case) -> datetime.date | None:
    return (
        case.closures.filter(reopened_on__isnull=False)
        .order_by("-reopened_on")
        .values_list("reopened_on", flat=True)
        .first()
    )


@transaction.atomic
def case_close(
    *,
    actor: User,
    case: Case,
    expected_version: int | None,
    closed_on: datetime.date,
    reason: str,
    reason_words: str,
) -> Case:
    """Close a case: record why, end every allocation, and make the record read-only. The
    record is kept whole (retention counts from the date it closed)."""
    if not can_close_case(actor, case):
        raise PermissionDenied("Only a manager of the child's team can close the case.")
    fresh = lock_for_edit(case, expected_version=expected_version)
    if fresh.closed_on is not None:
        raise ValidationError("The case is already closed.")
    reopened = _last_reopened(fresh)
    _check_day(
        closed_on,
        not_before=max(fresh.opened_on, reopened or fresh.opened_on),
        what="closed",
        earlier="the date it was last opened",
    )
    if not reason_words.strip():
        raise ValidationError("Say why the case is closing, in words the family would understand.")
    label = ClosureReason(reason).label
    audited_create(
        actor=actor,
        model=CaseClosure,
        case_uuid=fresh.uuid,
        summary=f"Case closed: {label}",
        fields={
            "case": fresh,
            "closed_on": closed_on,
            "reason": ClosureReason(reason),
            "reason_words": reason_words.strip(),
            "closed_by": actor,
        },
    )
    for allocation in fresh.allocations.filter(ended_on__isnull=True).select_related("worker"):
        _end_allocation(actor, allocation, closed_on)
    return audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes={"closed_on": closed_on},
        case_uuid=fresh.uuid,
        summary=f"Case closed: {label}",
    )


@transaction.atomic
def case_reopen(
    *,
    actor: User,
    case: Case,
    expected_version: int | None,
    reopened_on: datetime.date,
    reason: str,
    workers: Sequence[User] = (),
) -> Case:
    """Reopen a closed case: everything recorded before carries over (the map, the people,
    the chronology); the reopening is recorded on the closure it ends, and the case can be
    allocated again."""
    if not can_reopen_case(actor, case):
        raise PermissionDenied("Only a manager of the child's team can reopen the case.")
    fresh = lock_for_edit(case, expected_version=expected_version)
    if fresh.closed_on is None:
        raise ValidationError("The case is already open.")
    _check_day(
        reopened_on, not_before=fresh.closed_on, what="reopened", earlier="the date it closed"
    )
    if not reason.strip():
        raise ValidationError("Enter why the case is being reopened.")
    closure = fresh.closures.filter(reopened_on__isnull=True).order_by("-closed_on", "-id").first()
    if closure is not None:
        audited_update(
            actor=actor,
            instance=closure,
            expected_version=None,  # the case's version guards the whole reopening
            changes={
                "reopened_on": reopened_on,
                "reopen_reason": reason.strip(),
                "reopened_by": actor,
            },
            case_uuid=fresh.uuid,
            summary="Case reopened",
        )
    reopened = audited_update(
        actor=actor,
        instance=fresh,
        expected_version=fresh.version,
        changes={"closed_on": None},
        case_uuid=fresh.uuid,
        summary=f"Case reopened: {reason.strip()[:200]}",
    )
    for worker in {worker.pk: worker for worker in workers}.values():
        if worker.role not in EDITOR_ROLES or not worker.is_active:
            raise ValidationError(f"{worker.display_name} cannot be allocated to a case.")
        allocation_add(actor=actor, case=reopened, worker=worker, started_on=reopened_on)
    return reopened
