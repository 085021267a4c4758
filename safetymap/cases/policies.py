"""Who may see and change a child's case.

`access_bases` is the one place that decides visibility; the selector `cases_visible_to`
expresses the same rules as a query. A property test checks they never disagree.

The rules, in order:

1. A **restricted** record (an active `CaseRestriction`) can be opened only by the users
   named on its allow-list, and by nobody else: not the allocated worker, the team, its
   managers, a partner it was shared with, nor anyone with emergency access. Being on the
   allow-list is enough on its own: it does not also need an ordinary relationship (the
   people who set the restriction choose exactly who may open the record).
2. Otherwise, in order of precedence: the allocated worker(s); the managers of the case's
   team and of every team above it; the members of the case's team (practitioners,
   managers and business support); a worker with current emergency ("break-glass")
   access; a partner professional the record is shared with; then the relationships higher
   apps register (`register_access_basis`): the chair of the child's conference, a practice
   lead for a case brought to group supervision. Those are read-only.

A partner professional opens only the child's basic details and the items shared with them
(`models.SharedItem`), on the pages listed in SHARED_PAGES.

Changing a case needs a role that edits (practitioner or team manager), an open case, and
one of the ordinary bases or the allow-list. Emergency access and shares are read-only:
a duty worker reads the record to keep a child safe tonight; the allocated worker, who
knows the family, changes it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from safetymap.accounts.models import Role, Team, User
from safetymap.cases.models import (
    Allocation,
    BreakGlassGrant,
    Case,
    CaseRestriction,
    CaseShare,
    RestrictionAllowedUser,
    SharedKind,
)

# Roles whose members see every case of their own team.
TEAM_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, Role.BUSINESS_SUPPORT})
# Roles that may change a case they can see. Business support reads only (for now).
EDITOR_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
# Roles that may ask for emergency access to a record they have no relationship to.
BREAK_GLASS_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
# Roles that can never be named on a restricted record's allow-list (the allow-list is for
# council staff; a restricted record is not shared outside the council).
NOT_ON_ALLOW_LISTS = frozenset({Role.PARTNER_PROFESSIONAL})


class Basis:
    ALLOCATED = "allocated worker"
    TEAM = "team member"
    MANAGER = "manager"
    RESTRICTED_ALLOW_LIST = "restricted allow-list"
    BREAK_GLASS = "break-glass"
    SHARED = "shared"
    # Registered by higher apps (`register_access_basis`); read-only.
    CONFERENCE_CHAIR = "conference chair"
    GROUP_SUPERVISION = "practice lead: group supervision"
    # Recorded on access events, but never a reason to open the record itself:
    SEARCH = "search"  # a name, date of birth and reference shown in "Find a child's record"
    RESTRICTION_MANAGER = "restriction management"  # managing a restriction, not the record


# The bases that allow changes (with an editor role, on an open case).
EDITING_BASES = frozenset({Basis.ALLOCATED, Basis.TEAM, Basis.MANAGER, Basis.RESTRICTED_ALLOW_LIST})

# The case pages a share opens (URL names), each with the kind of item that must be shared
# for it to open (None: open to every current share; the page shows only what is shared).
# Every other case page, saved map versions included, is 404 for a partner professional.
SHARED_PAGES: dict[str, str | None] = {
    "cases:case": None,
    "mapping:map": None,
    "mapping:scales": SharedKind.SCALES,
    "documents:list": SharedKind.DOCUMENT,
    "documents:download": SharedKind.DOCUMENT,
}


@dataclass(frozen=True)
class ExtraBasis:
    """A read-only relationship to a case that a higher app knows about (the chair of a
    child's conference, a practice lead for a case brought to group supervision), so the
    policy and the selector can use it without `cases` importing that app.

    `case_ids(user)` is a queryset of the ids of the cases the user may read on this basis,
    usable as `pk__in`; it is asked only of users with one of `roles`.
    """

    basis: str
    roles: frozenset[str]
    case_ids: Callable[[User], QuerySet[Any]]


_extra_bases: list[ExtraBasis] = []


def register_access_basis(extra: ExtraBasis) -> None:
    if all(existing.basis != extra.basis for existing in _extra_bases):
        _extra_bases.append(extra)


def extra_bases_for(user: User) -> list[ExtraBasis]:
    """The registered bases that could apply to this user (by role), in registration order."""
    return [extra for extra in _extra_bases if user.role in extra.roles]


def _extra_bases_of(user: User, ids: list[int]) -> dict[int, str]:
    """case id -> the first registered basis this user has to it, one query per basis."""
    found: dict[int, str] = {}
    for extra in extra_bases_for(user):
        wanted = [pk for pk in ids if pk not in found]
        if not wanted:
            break
        matched = Case.objects.filter(pk__in=wanted).filter(pk__in=extra.case_ids(user))
        for pk in matched.values_list("pk", flat=True):
            found[pk] = extra.basis
    return found


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
    left out. A fixed number of queries however many cases, so lists can record every child
    they show."""
    if not user.is_authenticated or not user.is_active or not cases:
        return {}
    ids = [case.pk for case in cases]
    now = timezone.now()
    # case id -> whether this user is on its allow-list, for every restricted case here.
    restricted: dict[int, bool] = dict(
        CaseRestriction.objects.filter(case__in=ids, active=True)
        .annotate(
            allowed=Exists(
                RestrictionAllowedUser.objects.filter(
                    restriction=OuterRef("pk"), user=user, removed_at__isnull=True
                )
            )
        )
        .values_list("case_id", "allowed")
    )
    allocated = set(
        Allocation.objects.filter(worker=user, ended_on__isnull=True, case__in=ids).values_list(
            "case_id", flat=True
        )
    )
    emergency = set(
        BreakGlassGrant.objects.filter(
            user=user, case__in=ids, ended_at__isnull=True, expires_at__gt=now
        ).values_list("case_id", flat=True)
    )
    shared = set(
        CaseShare.objects.filter(partner=user, case__in=ids, ended_at__isnull=True).values_list(
            "case_id", flat=True
        )
    )
    managed = managed_team_ids(user)
    in_team = user.role in TEAM_ROLES and user.team_id is not None
    extra = _extra_bases_of(user, ids)
    bases = {}
    for case in cases:
        if case.pk in restricted:
            if restricted[case.pk]:
                bases[case.pk] = Basis.RESTRICTED_ALLOW_LIST
        elif case.pk in allocated:
            bases[case.pk] = Basis.ALLOCATED
        elif case.team_id in managed:
            bases[case.pk] = Basis.MANAGER
        elif in_team and case.team_id == user.team_id:
            bases[case.pk] = Basis.TEAM
        elif case.pk in emergency:
            bases[case.pk] = Basis.BREAK_GLASS
        elif case.pk in shared:
            bases[case.pk] = Basis.SHARED
        elif case.pk in extra:
            bases[case.pk] = extra[case.pk]
    return bases


def access_basis(user: User, case: Case) -> str | None:
    """Why this user may open this case, or None if they may not."""
    return access_bases(user, [case]).get(case.pk)


def can_view_case(user: User, case: Case) -> bool:
    return access_basis(user, case) is not None


def can_edit_case(user: User, case: Case, *, basis: str | None = None) -> bool:
    """May change the case: an editing role, an open case, and an editing basis. Pass the
    `basis` already worked out for this request to save the queries."""
    if user.role not in EDITOR_ROLES or case.closed_on is not None:
        return False
    if basis is None:
        basis = access_basis(user, case)
    return basis in EDITING_BASES


def shared_page_allowed(view_name: str | None, shared_kinds: Collection[str]) -> bool:
    """Whether a share with these kinds of item shared opens this case page (by URL name,
    such as "mapping:map")."""
    if view_name not in SHARED_PAGES:
        return False
    needed = SHARED_PAGES[view_name]
    return needed is None or needed in shared_kinds


# --- Restrictions ----------------------------------------------------------------------------


def is_restricted(case: Case) -> bool:
    return CaseRestriction.objects.filter(case=case, active=True).exists()


def may_manage_restrictions(user: User) -> bool:
    """Whether this user manages restrictions on any case at all (for links and menus)."""
    return (
        user.is_authenticated
        and user.is_active
        and (user.role == Role.COUNCIL_ADMINISTRATOR or user.role == Role.TEAM_MANAGER)
    )


def can_manage_restriction(user: User, case: Case, *, managed: set[int] | None = None) -> bool:
    """Team managers of the case's team (or of a team above it) and council administrators
    may restrict a record, change the restriction, its allow-list, and lift it. Managing a
    restriction is not opening the record: unless they are on the allow-list, they see only
    the child's name and reference, the reason, the review date and the allow-list."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.COUNCIL_ADMINISTRATOR:
        return True
    if managed is None:
        managed = managed_team_ids(user)
    return case.team_id in managed


def can_be_on_allow_list(user: User) -> bool:
    return user.is_active and user.role not in NOT_ON_ALLOW_LISTS


# --- Emergency ("break-glass") access --------------------------------------------------------


def can_use_break_glass(user: User) -> bool:
    """Practitioners and team managers may search for a child and ask for emergency access."""
    return user.is_authenticated and user.is_active and user.role in BREAK_GLASS_ROLES


def can_review_break_glass(user: User, grant: BreakGlassGrant) -> bool:
    """A manager of the case's team (or above) who can see the case reviews emergency access,
    but never their own."""
    if not user.is_authenticated or not user.is_active or grant.user_id == user.pk:
        return False
    if grant.case.team_id not in managed_team_ids(user):
        return False
    return can_view_case(user, grant.case)


# --- Shares with partner professionals ------------------------------------------------------


def can_manage_shares(user: User, case: Case, *, basis: str | None = None) -> bool:
    """Those who may change the case (its workers, team and managers) share it and end shares."""
    return can_edit_case(user, case, basis=basis)


def can_receive_share(user: User) -> bool:
    return user.is_active and user.role == Role.PARTNER_PROFESSIONAL


def sees_only_shared_items(user: User) -> bool:
    """Partner professionals read a case only through a share: only what it shares."""
    return user.role == Role.PARTNER_PROFESSIONAL


# --- Closing and reopening a case -------------------------------------------------------------


def manages_case_closure(user: User, case: Case, *, basis: str | None = None) -> bool:
    """Closing and reopening a case is a management decision: a team manager of the case's
    team (or of a team above it) who may change the record."""
    if not user.is_authenticated or not user.is_active or user.role != Role.TEAM_MANAGER:
        return False
    if basis is None:
        basis = access_basis(user, case)
    return basis in EDITING_BASES and case.team_id in managed_team_ids(user)


def can_close_case(user: User, case: Case, *, basis: str | None = None) -> bool:
    return case.closed_on is None and manages_case_closure(user, case, basis=basis)


def can_reopen_case(user: User, case: Case, *, basis: str | None = None) -> bool:
    return case.closed_on is not None and manages_case_closure(user, case, basis=basis)
