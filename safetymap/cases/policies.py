"""Who may see and change a child's case.

`access_basis` is the one place that decides visibility for a single case; the selector
`cases_visible_to` expresses the same rules as a query. Tests check they agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from safetymap.accounts.models import Role, Team, User
from safetymap.cases.models import Allocation, Case

# Roles whose members see every case of their own team.
TEAM_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, Role.BUSINESS_SUPPORT})
# Roles that may change a case they can see. Business support reads only (for now).
EDITOR_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})


class Basis:
    ALLOCATED = "allocated worker"
    TEAM = "team member"
    MANAGER = "manager"


def managed_team_ids(user: User) -> set[int]:
    """A team manager oversees their own team and every team below it."""
    if user.role != Role.TEAM_MANAGER or user.team_id is None:
        return set()
    parents = dict(Team.objects.values_list("id", "parent_id"))
    managed = {user.team_id}
    grew = True
    while grew:
        below = {team for team, parent in parents.items() if parent in managed} - managed
        managed |= below
        grew = bool(below)
    return managed


def access_bases(user: User, cases: Sequence[Case]) -> dict[int, str]:
    """Why this user may open each of these cases (by case id); cases they may not open are
    left out. Two queries however many cases, so lists can record every child they show."""
    if not user.is_authenticated or not user.is_active or not cases:
        return {}
    allocated = set(
        Allocation.objects.filter(
            worker=user, ended_on__isnull=True, case__in=[case.pk for case in cases]
        ).values_list("case_id", flat=True)
    )
    managed = managed_team_ids(user)
    bases = {}
    for case in cases:
        if case.pk in allocated:
            bases[case.pk] = Basis.ALLOCATED
        elif case.team_id in managed:
            bases[case.pk] = Basis.MANAGER
        elif user.role in TEAM_ROLES and user.team_id is not None and case.team_id == user.team_id:
            bases[case.pk] = Basis.TEAM
    return bases


def access_basis(user: User, case: Case) -> str | None:
    """Why this user may open this case, or None if they may not."""
    return access_bases(user, [case]).get(case.pk)


def can_view_case(user: User, case: Case) -> bool:
    return access_basis(user, case) is not None


def can_edit_case(user: User, case: Case) -> bool:
    return user.role in EDITOR_ROLES and case.closed_on is None and can_view_case(user, case)
