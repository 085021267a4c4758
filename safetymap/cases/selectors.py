"""Every read of cases and people, always scoped to what the user may see."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from safetymap.accounts.models import Role, Team, User
from safetymap.audit.models import AccessEvent
from safetymap.cases.models import (
    Allocation,
    BreakGlassGrant,
    Case,
    CaseClosure,
    CaseMember,
    CaseRestriction,
    CaseShare,
    ChronologyEntry,
    RelationshipGroup,
    RestrictionAllowedUser,
    ServiceLevelChange,
    SharedItem,
)
from safetymap.cases.policies import (
    TEAM_ROLES,
    Basis,
    extra_bases_for,
    managed_team_ids,
    sees_only_shared_items,
)
from safetymap.cases.registry import case_list_columns, withheld_from_partners


def cases_visible_to(user: User) -> QuerySet[Case]:
    """The cases this user may open: the same rules as `policies.access_bases`.

    Restricted records are left out unless the user is on the allow-list, so every list,
    search and count built on this query leaves them out too.
    """
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    now = timezone.now()
    rule = Q(pk__in=Allocation.objects.filter(worker=user, ended_on__isnull=True).values("case"))
    if user.role == Role.TEAM_MANAGER:
        rule |= Q(team_id__in=managed_team_ids(user))
    if user.role in TEAM_ROLES and user.team_id is not None:
        rule |= Q(team_id=user.team_id)
    rule |= Q(
        pk__in=BreakGlassGrant.objects.filter(
            user=user, ended_at__isnull=True, expires_at__gt=now
        ).values("case")
    )
    rule |= Q(pk__in=CaseShare.objects.filter(partner=user, ended_at__isnull=True).values("case"))
    for extra in extra_bases_for(user):
        rule |= Q(pk__in=extra.case_ids(user))
    restricted = CaseRestriction.objects.filter(active=True).values("case")
    allowed = RestrictionAllowedUser.objects.filter(
        user=user, removed_at__isnull=True, restriction__active=True
    ).values("restriction__case")
    return Case.objects.filter((rule & ~Q(pk__in=restricted)) | Q(pk__in=allowed))


def unrestricted_cases() -> QuerySet[Case]:
    """Every case that is not a restricted record. Only for "Find a child's record" and
    emergency access, which show no more than a child's name, date of birth and reference."""
    return Case.objects.exclude(pk__in=CaseRestriction.objects.filter(active=True).values("case"))


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


def people_groups(members: list[CaseMember]) -> list[dict[str, Any]]:
    """The people around the child, grouped in a fixed order (empty groups left out)."""
    grouped: dict[str, list[CaseMember]] = {}
    for member in members:
        grouped.setdefault(member.group, []).append(member)
    return [
        {"key": value, "label": label, "members": grouped[value]}
        for value, label in RelationshipGroup.choices
        if value in grouped
    ]


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


# --- Find a child's record (for emergency access) --------------------------------------------

SEARCH_LIMIT = 20


def find_cases(query: str) -> list[Case]:
    """Cases whose reference is `query`, or whose child's names contain every word of it.

    Restricted records are never found. At most SEARCH_LIMIT + 1 are returned, so the page
    can ask for a closer search when there are too many.
    """
    words = query.split()
    if not words:
        return []
    cases = unrestricted_cases().select_related("child")
    by_reference = Q(reference__iexact=query.strip())
    by_name = Q()
    for word in words:
        by_name &= (
            Q(child__first_name__icontains=word)
            | Q(child__last_name__icontains=word)
            | Q(child__known_as__icontains=word)
        )
    return list(
        cases.filter(by_reference | by_name).order_by(
            "child__last_name", "child__first_name", "child__date_of_birth", "id"
        )[: SEARCH_LIMIT + 1]
    )


def get_case_for_break_glass(case_uuid: uuid.UUID) -> Case:
    """A case emergency access can be asked for (any case that is not restricted), or 404."""
    case = unrestricted_cases().select_related("child", "team").filter(uuid=case_uuid).first()
    if case is None:
        raise Http404("No case found")
    return case


def team_managers(case: Case) -> list[User]:
    """The managers of the case's team; if it has none, of the nearest team above it."""
    team: Team | None = case.team
    seen: set[int] = set()
    while team is not None and team.pk not in seen:
        seen.add(team.pk)
        managers = list(
            User.objects.filter(team=team, role=Role.TEAM_MANAGER, is_active=True).order_by("id")
        )
        if managers:
            return managers
        team = team.parent
    return []


def active_break_glass_grant(user: User, case: Case) -> BreakGlassGrant | None:
    return (
        BreakGlassGrant.objects.filter(
            user=user, case=case, ended_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-expires_at")
        .first()
    )


def break_glass_grants_to_review(user: User) -> QuerySet[BreakGlassGrant]:
    """Emergency access to cases in the teams this user manages (and can see), waiting for
    review first, then the most recent; never their own."""
    managed = managed_team_ids(user)
    if not managed:
        return BreakGlassGrant.objects.none()
    return (
        BreakGlassGrant.objects.filter(case__team_id__in=managed, case__in=cases_visible_to(user))
        .exclude(user=user)
        .select_related("case__child", "case__team", "user", "user__team", "reviewed_by")
        .order_by("reviewed_at", "-granted_at", "-id")
    )


def get_break_glass_grant(user: User, grant_uuid: uuid.UUID) -> BreakGlassGrant:
    grant = break_glass_grants_to_review(user).filter(uuid=grant_uuid).first()
    if grant is None:
        raise Http404("No emergency access found")
    return grant


def pages_opened(grants: list[BreakGlassGrant]) -> dict[int, list[AccessEvent]]:
    """The pages each grant's worker opened with it (grant id -> access events, oldest
    first), in one query."""
    if not grants:
        return {}
    events = AccessEvent.objects.filter(
        basis=Basis.BREAK_GLASS,
        case_uuid__in={grant.case.uuid for grant in grants},
        actor__in={grant.user_id for grant in grants},
        occurred_at__gte=min(grant.granted_at for grant in grants),
    ).order_by("occurred_at", "id")
    opened: dict[int, list[AccessEvent]] = {grant.pk: [] for grant in grants}
    for event in events:
        for grant in grants:
            if (
                event.actor_id == grant.user_id
                and event.case_uuid == grant.case.uuid
                and grant.granted_at <= event.occurred_at <= grant.access_ends_at
            ):
                opened[grant.pk].append(event)
                break
    return opened


# --- Restrictions ----------------------------------------------------------------------------


def restriction_manageable_cases(user: User) -> QuerySet[Case]:
    """Cases whose restrictions this user may manage (`policies.can_manage_restriction`)."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if user.role == Role.COUNCIL_ADMINISTRATOR:
        return Case.objects.all()
    return Case.objects.filter(team_id__in=managed_team_ids(user))


def get_case_for_restriction(user: User, case_uuid: uuid.UUID) -> Case:
    """The case, if this user may manage its restriction; 404 otherwise."""
    case = (
        restriction_manageable_cases(user)
        .select_related("child", "team")
        .filter(uuid=case_uuid)
        .first()
    )
    if case is None:
        raise Http404("No case found")
    return case


def find_case_for_restriction(user: User, reference: str) -> Case | None:
    return (
        restriction_manageable_cases(user)
        .select_related("child")
        .filter(reference__iexact=reference.strip())
        .first()
    )


def restrictions_managed_by(user: User) -> QuerySet[CaseRestriction]:
    """Current restrictions this user may manage, those due for review first."""
    return (
        CaseRestriction.objects.filter(active=True, case__in=restriction_manageable_cases(user))
        .select_related("case__child", "case__team", "set_by")
        .order_by("review_on", "case__reference")
    )


def restriction_of(case: Case) -> CaseRestriction | None:
    """The case's restriction row (current or lifted), or None if it was never restricted."""
    return CaseRestriction.objects.filter(case=case).select_related("set_by").first()


def allow_list(restriction: CaseRestriction) -> list[RestrictionAllowedUser]:
    return list(
        restriction.allowed_users.filter(removed_at__isnull=True)
        .select_related("user", "user__team", "added_by")
        .order_by("user__first_name", "user__last_name", "id")
    )


def get_allowance(
    restriction: CaseRestriction, allowance_uuid: uuid.UUID
) -> RestrictionAllowedUser:
    allowance = (
        restriction.allowed_users.filter(uuid=allowance_uuid, removed_at__isnull=True)
        .select_related("user")
        .first()
    )
    if allowance is None:
        raise Http404("No such person on the allow-list")
    return allowance


def allow_list_suggestions(case: Case) -> list[User]:
    """The people usually named on a restricted record's allow-list: the allocated workers
    and the managers of the case's team and the teams above it."""
    teams: list[Team] = []
    team: Team | None = case.team
    while team is not None and team.pk not in {t.pk for t in teams}:
        teams.append(team)
        team = team.parent
    workers = User.objects.filter(
        allocations__case=case, allocations__ended_on__isnull=True, is_active=True
    )
    managers = User.objects.filter(team__in=teams, role=Role.TEAM_MANAGER, is_active=True)
    return list((workers | managers).distinct().select_related("team").order_by("first_name", "id"))


def staff_for_allow_list(restriction: CaseRestriction) -> QuerySet[User]:
    """Council staff who could be added to the allow-list (not already on it)."""
    return (
        User.objects.filter(is_active=True)
        .exclude(role=Role.PARTNER_PROFESSIONAL)
        .exclude(pk__in=restriction.allowed_users.filter(removed_at__isnull=True).values("user"))
        .select_related("team")
        .order_by("team__name", "first_name", "last_name", "id")
    )


# --- Shares with partner professionals -------------------------------------------------------


def current_shares(case: Case) -> list[CaseShare]:
    """Who the case is shared with now, each with `shared_count`: how many items it shares."""
    return list(
        case.shares.filter(ended_at__isnull=True)
        .select_related("partner", "shared_by")
        .annotate(shared_count=Count("items", filter=Q(items__ended_at__isnull=True)))
        .order_by("created_at", "id")
    )


def get_current_share(case: Case, share_uuid: uuid.UUID) -> CaseShare:
    share = case.shares.filter(uuid=share_uuid, ended_at__isnull=True).select_related("partner")
    found = share.first()
    if found is None:
        raise Http404("No such share")
    return found


def partners_to_share_with(case: Case) -> QuerySet[User]:
    """Partner professionals the case is not shared with now."""
    return (
        User.objects.filter(is_active=True, role=Role.PARTNER_PROFESSIONAL)
        .exclude(pk__in=case.shares.filter(ended_at__isnull=True).values("partner"))
        .order_by("organisation", "first_name", "last_name", "id")
    )


def shared_with(user: User) -> QuerySet[Case]:
    """Open cases currently shared with this partner that they can open."""
    return case_list(
        cases_visible_to(user).filter(
            pk__in=CaseShare.objects.filter(partner=user, ended_at__isnull=True).values("case")
        )
    )


def share_of(user: User, case: Case) -> CaseShare | None:
    return (
        CaseShare.objects.filter(partner=user, case=case, ended_at__isnull=True)
        .select_related("shared_by")
        .first()
    )


def shares_for(user: User, cases: list[Case]) -> list[CaseShare]:
    """The current shares of these cases with this user, in one query."""
    return list(
        CaseShare.objects.filter(
            partner=user, case__in=[case.pk for case in cases], ended_at__isnull=True
        ).select_related("shared_by")
    )


def current_shared_items(share: CaseShare) -> list[SharedItem]:
    """What is shared under this share now, oldest first (empty once the share has ended)."""
    if share.ended_at is not None:
        return []
    return list(
        share.items.filter(ended_at__isnull=True)
        .select_related("shared_by")
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class PartnerView:
    """What a partner professional may see of one case: exactly the items shared with them
    (nothing at all without a current share)."""

    share: CaseShare | None
    items: dict[tuple[str, uuid.UUID], SharedItem]

    def uuids(self, kind: str) -> set[uuid.UUID]:
        return {object_uuid for (shared_kind, object_uuid) in self.items if shared_kind == kind}

    @property
    def kinds(self) -> set[str]:
        return {kind for kind, _ in self.items}

    def item(self, kind: str, object_uuid: uuid.UUID | str) -> SharedItem | None:
        return self.items.get((kind, uuid.UUID(str(object_uuid))))

    @property
    def is_empty(self) -> bool:
        return not self.items


def partner_view(user: User, case: Case) -> PartnerView | None:
    """None if `user` is not a partner professional (they see what their access allows);
    otherwise what is shared with them of this case, in two queries."""
    if not sees_only_shared_items(user):
        return None
    share = share_of(user, case)
    items = current_shared_items(share) if share is not None else []
    withheld = withheld_from_partners(case) if items else set()
    return PartnerView(
        share,
        {
            (item.kind, item.object_uuid): item
            for item in items
            if (item.kind, item.object_uuid) not in withheld
        },
    )


def shared_item_uuids(user: User, case: Case, kind: str) -> set[uuid.UUID] | None:
    """None: not a partner, so everything their access allows. A set: only these items of
    this kind (`models.SharedKind`) are shared with them."""
    view = partner_view(user, case)
    return None if view is None else view.uuids(kind)


def allocatable_staff(case: Case) -> list[User]:
    """The practitioners and team managers of the case's team, who can be allocated to it."""
    return list(
        User.objects.filter(
            team_id=case.team_id,
            is_active=True,
            role__in=(Role.PRACTITIONER, Role.TEAM_MANAGER),
        ).order_by("last_name", "first_name", "id")
    )


def closure_history(case: Case) -> list[CaseClosure]:
    """Every time the case closed (and was reopened), oldest first."""
    return list(case.closures.select_related("closed_by", "reopened_by"))


def get_chronology_entry(case: Case, entry_uuid: uuid.UUID) -> ChronologyEntry:
    """An entry of this case's chronology, with what it corrects and its correction."""
    entry = (
        case.chronology_entries.select_related(
            "recorded_by", "corrects__recorded_by", "correction__recorded_by"
        )
        .filter(uuid=entry_uuid)
        .first()
    )
    if entry is None:
        raise Http404("No such entry in this chronology")
    return entry
