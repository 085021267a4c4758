"""Who may read a child's access log and who may export everything held about a person.

Information governance is, for now, the existing role "Council administrator": the people
who answer subject access requests and complaints about who looked at a record. They have
no relationship to any case, so they never open a child's record; they read access logs
and make subject access exports only through the governance pages.
"""

from __future__ import annotations

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case
from safetymap.cases.policies import Basis as CaseBasis
from safetymap.cases.policies import access_basis

# The role that acts as information governance until the council has a role of its own.
INFORMATION_GOVERNANCE_ROLES = frozenset({Role.COUNCIL_ADMINISTRATOR})
# The ways a manager may see a case that make its access log theirs to read. Emergency
# (break-glass) access and shares open the record for one purpose, not its oversight.
MANAGING_BASES = frozenset(
    {CaseBasis.ALLOCATED, CaseBasis.TEAM, CaseBasis.MANAGER, CaseBasis.RESTRICTED_ALLOW_LIST}
)


class Basis:
    """Why a governance page read a child's record (AccessEvent.basis)."""

    INFORMATION_GOVERNANCE = "information governance"
    SUBJECT_ACCESS_REQUEST = "subject access request"


def is_information_governance(user: User) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.role in INFORMATION_GOVERNANCE_ROLES
    )


def access_log_basis(user: User, case: Case) -> str | None:
    """Why this user may read this child's access log, or None if they may not.

    Information governance reads every log (from the governance pages, never the record);
    a team manager reads the log of a case they can see, on the basis they see it by
    (their team, a team below theirs, an allocation, an allow-list; not emergency access).
    Nobody else.
    """
    if is_information_governance(user):
        return Basis.INFORMATION_GOVERNANCE
    if not (user.is_authenticated and user.is_active and user.role == Role.TEAM_MANAGER):
        return None
    basis = access_basis(user, case)
    return basis if basis in MANAGING_BASES else None


def can_read_access_log(user: User, case: Case) -> bool:
    return access_log_basis(user, case) is not None


def access_log_tab_visible(user: User, case: Case) -> bool:
    """The "Access to this record" tab. Case pages are only shown to people who can see the
    case, so there the role alone decides (and no query is spent on every case page)."""
    return bool(user.is_authenticated and user.role == Role.TEAM_MANAGER)


def can_run_subject_access_request(user: User) -> bool:
    return is_information_governance(user)
