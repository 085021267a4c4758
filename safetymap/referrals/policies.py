"""Who may use the front door, and see and decide contacts and referrals.

A contact belongs to the team that received it (`Referral.team`):

- **Record a contact**: practitioners, team managers and business support of any team
  (business support often takes the call). The contact is received by their own team.
- **See a contact**: the receiving team's practitioners, team managers and business
  support, and the managers of every team above it (`cases.policies.managed_team_ids`).
  Anyone else — another team, a conference chair, a practice lead, a council administrator,
  a partner professional — gets "Page not found" (404), as for a case they have no
  relationship to.
- **Find the child and decide**: practitioners and team managers who may see the contact
  (business support reads it; their changes are refused, 403). A decision is final: it is
  not changed afterwards (a new contact is recorded instead).

Once a referral is recorded on a case it also shows on the case, to whoever may open the
case (its panel and the chronology follow the case's own rules).
"""

from __future__ import annotations

from typing import Any

from safetymap.accounts.models import Role, User
from safetymap.cases.policies import managed_team_ids

FRONT_DOOR_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, Role.BUSINESS_SUPPORT})
DECIDING_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})


def can_use_front_door(user: Any) -> bool:
    """Whether the user may record contacts and see their team's (for the header link)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role in FRONT_DOOR_ROLES
        and user.team_id is not None
    )


def front_door_team_ids(user: User) -> set[int]:
    """The teams whose contacts this user sees: their own, and every team they manage."""
    if not can_use_front_door(user):
        return set()
    return {user.team_id, *managed_team_ids(user)}  # type: ignore[arg-type]


def can_view_referral(user: User, team_id: int, *, teams: set[int] | None = None) -> bool:
    if teams is None:
        teams = front_door_team_ids(user)
    return team_id in teams


def can_change_referral(user: User, team_id: int) -> bool:
    """Find the child and record the decision (before it is decided)."""
    return user.role in DECIDING_ROLES and can_view_referral(user, team_id)
