"""Who may record supervision.

Anyone who may change the case (its workers, team and managers) records individual and
group supervision and the group's map, scales and ideas. Everyone who can read the case
reads the records, except partner professionals (the tab is not among the pages a share
opens). Only the accountable manager decides: a team manager of the case's team or a team
above it, who can change the case.
"""

from __future__ import annotations

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case
from safetymap.cases.policies import can_edit_case, managed_team_ids


def can_record(user: User, case: Case, *, basis: str | None = None) -> bool:
    return can_edit_case(user, case, basis=basis)


def is_accountable_manager(user: User, case: Case) -> bool:
    """A team manager for the case: of its team or of a team above it."""
    return user.role == Role.TEAM_MANAGER and case.team_id in managed_team_ids(user)


def can_decide(user: User, case: Case, *, basis: str | None = None) -> bool:
    return is_accountable_manager(user, case) and can_edit_case(user, case, basis=basis)
