"""Every read of cases and people, always scoped to what the user may see."""

from __future__ import annotations

import uuid

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Allocation, Case, CaseMember, ServiceLevelChange
from safetymap.cases.policies import TEAM_ROLES, managed_team_ids
from safetymap.cases.registry import case_list_columns


def cases_visible_to(user: User) -> QuerySet[Case]:
    """The cases this user may open: the same rules as `policies.access_basis`."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    rule = Q(pk__in=Allocation.objects.filter(worker=user, ended_on__isnull=True).values("case"))
    if user.role == Role.TEAM_MANAGER:
        rule |= Q(team_id__in=managed_team_ids(user))
    if user.role in TEAM_ROLES and user.team_id is not None:
        rule |= Q(team_id=user.team_id)
    return Case.objects.filter(rule)


def get_visible_case(user: User, case_uuid: uuid.UUID) -> Case:
    """The case, or 404 if it does not exist or the user has no relationship to it."""
    case = cases_visible_to(user).select_related("child", "team").filter(uuid=case_uuid).first()
    if case is None:
        raise Http404("No case found")
    return case


def _with_list_columns(cases: QuerySet[Case]) -> QuerySet[Case]:
    for columns in case_list_columns():
        cases = columns.annotate(cases)
    return cases


def _current_workers() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        "allocations",
        queryset=Allocation.objects.filter(ended_on__isnull=True).select_related("worker"),
        to_attr="current_allocations",
    )


def case_list(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Cases ready for a list page: child, team, workers, and every registered column."""
    return _with_list_columns(
        cases.filter(closed_on__isnull=True)
        .select_related("child", "team")
        .prefetch_related(_current_workers())
        .order_by("child__last_name", "child__first_name", "id")
    )


def my_cases(user: User) -> QuerySet[Case]:
    """Open cases allocated to this user."""
    return case_list(
        cases_visible_to(user)
        .filter(allocations__worker=user, allocations__ended_on__isnull=True)
        .distinct()
    )


def team_cases(user: User) -> QuerySet[Case]:
    """Every open case the user can see through their team (or teams they manage)."""
    return case_list(cases_visible_to(user))


def case_members(case: Case) -> list[CaseMember]:
    return list(
        case.members.filter(removed_at__isnull=True)
        .select_related("person")
        .order_by("created_at", "id")
    )


def get_case_member(case: Case, member_uuid: uuid.UUID) -> CaseMember:
    member = (
        case.members.filter(uuid=member_uuid, removed_at__isnull=True)
        .select_related("person")
        .first()
    )
    if member is None:
        raise Http404("No such person on this case")
    return member


def service_level_history(case: Case) -> list[ServiceLevelChange]:
    return list(
        case.level_changes.select_related("changed_by").order_by("changed_on", "created_at")
    )


def current_workers(case: Case) -> list[User]:
    return [
        allocation.worker
        for allocation in case.allocations.filter(ended_on__isnull=True).select_related("worker")
    ]
