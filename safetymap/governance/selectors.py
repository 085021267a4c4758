"""Reads for the governance pages: a child's access log, finding a record by its reference,
and finding a person for a subject access request. Every function takes the user and
answers only what that user may see."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases.models import Case, CaseMember, Person
from safetymap.governance.policies import (
    access_log_basis,
    can_run_subject_access_request,
    is_information_governance,
)

# The audit action written when a subject access export is made (see services).
SUBJECT_ACCESS_EXPORT_ACTION = "subject access export"


@dataclass(frozen=True)
class AccessLogFilters:
    """What the access log page and its CSV export are narrowed to. Dates are local days,
    both ends included."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    actor_uuid: uuid.UUID | None = None
    basis: str = ""

    def as_dict(self) -> dict[str, str]:
        """The filters in force, for the audit record of an export."""
        shown = {
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "person": str(self.actor_uuid) if self.actor_uuid else "",
            "basis": self.basis,
        }
        return {key: value for key, value in shown.items() if value}


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class AccessLogScope:
    """A child's access log a user has been allowed to read, and the basis they read it on.
    Made only by `access_log_scope`, so holding one means the check was done."""

    user: User
    case: Case
    basis: str


def access_log_scope(user: User, case: Case) -> AccessLogScope | None:
    """The access log of this case, if this user may read it (`policies.access_log_basis`)."""
    basis = access_log_basis(user, case)
    return None if basis is None else AccessLogScope(user=user, case=case, basis=basis)


def access_log(scope: AccessLogScope, filters: AccessLogFilters) -> QuerySet[AccessEvent]:
    """Who opened this child's record, newest first.

    Dates become a range on `occurred_at`, so the (case_uuid, occurred_at) index serves
    every filter.
    """
    events = AccessEvent.objects.filter(case_uuid=scope.case.uuid)
    if filters.date_from:
        events = events.filter(occurred_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(
            occurred_at__lt=_start_of(filters.date_to + datetime.timedelta(days=1))
        )
    if filters.actor_uuid:
        events = events.filter(actor__uuid=filters.actor_uuid)
    if filters.basis:
        events = events.filter(basis=filters.basis)
    return events.select_related("actor", "actor__team").order_by("-occurred_at", "-id")


def access_log_people(scope: AccessLogScope) -> list[User]:
    """Everyone who appears in this child's access log, for the "person" filter."""
    return list(
        User.objects.filter(
            pk__in=AccessEvent.objects.filter(case_uuid=scope.case.uuid).values("actor_id")
        )
        .select_related("team")
        .order_by("first_name", "last_name", "username")
    )


def access_log_bases(scope: AccessLogScope) -> list[str]:
    """Every basis that appears in this child's access log, for the "basis" filter."""
    return sorted(
        set(
            AccessEvent.objects.filter(case_uuid=scope.case.uuid)
            .order_by()
            .values_list("basis", flat=True)
            .distinct()
        )
    )


# --- Information governance: records found by reference, never opened -----------------------


def _governance_only(user: User) -> None:
    if not is_information_governance(user):
        raise Http404("No such page")


def find_case_by_reference(user: User, reference: str) -> Case | None:
    """The case with this reference (case does not matter), for information governance."""
    if not is_information_governance(user):
        return None
    return (
        Case.objects.select_related("child", "team")
        .filter(reference__iexact=reference.strip())
        .first()
    )


def get_case_for_governance(user: User, case_uuid: uuid.UUID) -> Case:
    """The case, for information governance to read its access log; 404 for anyone else."""
    _governance_only(user)
    case = Case.objects.select_related("child", "team").filter(uuid=case_uuid).first()
    if case is None:
        raise Http404("No case found")
    return case


# --- Subject access requests ---------------------------------------------------------------


def _with_cases(people: QuerySet[Person]) -> QuerySet[Person]:
    """People with the cases they are the child of and every membership (current or not)."""
    return people.prefetch_related(
        Prefetch("cases", queryset=Case.objects.order_by("opened_on", "id")),
        Prefetch(
            "memberships",
            queryset=CaseMember.objects.select_related("case", "case__child").order_by(
                "created_at", "id"
            ),
        ),
    )


def people_matching(
    user: User, *, name: str, date_of_birth: datetime.date | None
) -> QuerySet[Person]:
    """People whose names contain every word typed (first name, last name or the name they
    are known by), optionally born on the given day; nobody for anyone but information
    governance."""
    if not can_run_subject_access_request(user):
        return Person.objects.none()
    words = name.split()
    if not words:
        return Person.objects.none()
    people = Person.objects.all()
    for word in words:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(known_as__icontains=word)
        )
    if date_of_birth is not None:
        people = people.filter(date_of_birth=date_of_birth)
    return _with_cases(people.order_by("last_name", "first_name", "id"))


def get_person_for_subject_access(user: User, person_uuid: uuid.UUID) -> Person:
    """The person, with their cases; 404 for anyone but information governance."""
    if not can_run_subject_access_request(user):
        raise Http404("No such page")
    person = _with_cases(Person.objects.filter(uuid=person_uuid)).first()
    if person is None:
        raise Http404("No such person")
    return person


def person_case_uuids(person: Person) -> list[uuid.UUID]:
    """Every case a person (fetched with `_with_cases`) is the child of or a member of."""
    seen: dict[uuid.UUID, None] = {}
    for case in person.cases.all():
        seen[case.uuid] = None
    for membership in person.memberships.all():
        seen[membership.case.uuid] = None
    return list(seen)


def recent_subject_access_exports(user: User, *, limit: int = 20) -> list[AuditEvent]:
    """The latest subject access exports, for the start page."""
    if not can_run_subject_access_request(user):
        return []
    return list(
        AuditEvent.objects.filter(action=SUBJECT_ACCESS_EXPORT_ACTION)
        .select_related("actor")
        .order_by("-occurred_at", "-id")[:limit]
    )
