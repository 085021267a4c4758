"""Every read of the safety network. Callers have already fetched the case through
`cases.selectors.get_visible_case` (the case pages' door does it), so everything here is
scoped to one visible case, except the case-list annotation, which takes a queryset the
caller has already scoped.

"Has this member seen the danger statements as they are now?" compares texts: a member is
up to date when the danger statements in the map version they were shown read exactly as
the case's current danger statements do (the same set of statements, word for word).
Saving a new map version, or changing a goal or a scale, does not make anyone out of date;
rewording, adding or removing a danger statement does. The comparison is one SQL
expression (`_not_up_to_date`), used for a case's members and for case lists alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case, CaseMember
from safetymap.mapping.models import DangerStatement, MapVersion
from safetymap.networks.models import (
    CheckOutcome,
    Knowledge,
    NetworkCheck,
    NetworkMeeting,
    NetworkMember,
    NetworkRole,
    NetworkRoleKind,
    VersionStatement,
)
from safetymap.networks.registry import expected_role_sources
from safetymap.words_pictures.models import StoryVersion
from safetymap.words_pictures.selectors import current_story_version

DEFAULT_EXPECTED_ROLES = ("safe_adult", "daily_check", "emergency_contact")
DEFAULT_ROLE_CHECKS: dict[str, list[str]] = {"supervises_family_time": ["DBS check"]}


# --- Settings ---------------------------------------------------------------------------------


def role_checks() -> dict[str, list[str]]:
    """Which checks the council requires for each role (role code -> check names)."""
    configured = getattr(settings, "SAFETYMAP_NETWORK_ROLE_CHECKS", DEFAULT_ROLE_CHECKS)
    return {role: list(names) for role, names in configured.items() if role in NetworkRoleKind}


def check_types() -> list[str]:
    """Every check the council requires for some role, in the order first named."""
    names: list[str] = []
    for required in role_checks().values():
        names.extend(name for name in required if name not in names)
    return names


def expected_roles(case: Case) -> list[str]:
    """The roles this case's network is expected to have filled: the council's list, then
    any a higher app (the safety plan) registered for this case."""
    roles: list[str] = []
    configured = getattr(settings, "SAFETYMAP_NETWORK_EXPECTED_ROLES", DEFAULT_EXPECTED_ROLES)
    sources: list[Iterable[str]] = [configured]
    sources.extend(source(case) for source in expected_role_sources())
    for source_roles in sources:
        roles.extend(r for r in source_roles if r in NetworkRoleKind and r not in roles)
    return roles


# --- The danger statements a member saw --------------------------------------------------------


def statement_texts_now(case: Case) -> set[str]:
    return set(
        case.danger_statements.filter(removed_at__isnull=True).values_list("statement", flat=True)
    )


def statement_texts_in(version: MapVersion) -> set[str]:
    return {row["statement"] for row in version.snapshot.get("danger_statements", [])}


def version_matching_now(case: Case) -> MapVersion | None:
    """The latest saved map version whose danger statements read as they do now, if any."""
    now = statement_texts_now(case)
    for version in case.map_versions.order_by("-number").iterator(chunk_size=20):
        if statement_texts_in(version) == now:
            return version
    return None


def _not_up_to_date() -> Q:
    """For a NetworkMember row: never shown the danger statements, or shown a version whose
    statements differ from the case's current ones (one is missing on either side)."""
    current = DangerStatement.objects.filter(case=OuterRef("case"), removed_at__isnull=True)
    seen = VersionStatement.objects.filter(map_version=OuterRef("statements_seen_version"))
    current_unseen = current.exclude(
        statement__in=VersionStatement.objects.filter(
            map_version=OuterRef(OuterRef("statements_seen_version"))
        ).values("text")
    )
    seen_gone = seen.exclude(
        text__in=DangerStatement.objects.filter(
            case=OuterRef(OuterRef("case")), removed_at__isnull=True
        ).values("statement")
    )
    return Q(statements_seen_version__isnull=True) | Exists(current_unseen) | Exists(seen_gone)


def _current_members(case: Case) -> QuerySet[NetworkMember]:
    return case.network_members.filter(removed_at__isnull=True)


# --- A case's network -----------------------------------------------------------------------


def network_members(case: Case) -> list[NetworkMember]:
    """The current members, each with `not_up_to_date`, their person, roles and checks; a
    fixed number of queries however large the network."""
    return list(
        _current_members(case)
        .annotate(not_up_to_date=ExpressionWrapper(_not_up_to_date(), output_field=BooleanField()))
        .select_related("case_member__person", "statements_seen_version", "story_seen_version")
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=NetworkRole.objects.filter(removed_at__isnull=True),
                to_attr="current_roles",
            ),
            Prefetch(
                "checks",
                queryset=NetworkCheck.objects.filter(removed_at__isnull=True).order_by(
                    "checked_on", "created_at", "id"
                ),
                to_attr="current_checks",
            ),
        )
        .order_by("created_at", "id")
    )


def get_network_member(case: Case, member_uuid: uuid.UUID) -> NetworkMember:
    member = (
        _current_members(case)
        .filter(uuid=member_uuid)
        .select_related("case_member__person", "statements_seen_version", "case")
        .first()
    )
    if member is None:
        raise Http404("No such person in the safety network")
    return member


def member_roles(member: NetworkMember) -> list[NetworkRole]:
    return list(member.roles.filter(removed_at__isnull=True).order_by("created_at", "id"))


def role_holders(case: Case) -> dict[str, list[NetworkMember]]:
    """Who in the network holds each role now (role code -> members)."""
    holders: dict[str, list[NetworkMember]] = {}
    roles = (
        NetworkRole.objects.filter(
            member__case=case, member__removed_at__isnull=True, removed_at__isnull=True
        )
        .select_related("member__case_member__person")
        .order_by("created_at", "id")
    )
    for role in roles:
        holders.setdefault(role.role, []).append(role.member)
    return holders


def people_not_in_network(case: Case) -> list[CaseMember]:
    """People on the case who could join the network (not already in it)."""
    return list(
        case.members.filter(removed_at__isnull=True)
        .exclude(
            pk__in=NetworkMember.objects.filter(case=case, removed_at__isnull=True).values(
                "case_member"
            )
        )
        .select_related("person")
        .order_by("person__first_name", "person__last_name", "id")
    )


@dataclass(frozen=True)
class CheckStatus:
    member: NetworkMember
    role_label: str
    check_type: str
    latest: NetworkCheck | None

    @property
    def missing(self) -> bool:
        return self.latest is None

    @property
    def status(self) -> str:
        if self.latest is None:
            return "Not done"
        return CheckOutcome(self.latest.outcome).label


def required_checks(member: NetworkMember) -> list[CheckStatus]:
    """Each check the council requires for this member's roles, with the latest record of
    it (None when it has not been done). Needs `network_members`' prefetched rows."""
    required = role_checks()
    latest: dict[str, NetworkCheck] = {}
    for check in member.current_checks:  # type: ignore[attr-defined]
        latest[check.check_type] = check  # oldest first, so the last one wins
    statuses = []
    for role in member.current_roles:  # type: ignore[attr-defined]
        for check_type in required.get(role.role, []):
            statuses.append(CheckStatus(member, role.label, check_type, latest.get(check_type)))
    return statuses


@dataclass
class Glance:
    """The network of a case at a glance, for the overview and the network page."""

    members: list[NetworkMember]
    has_statements: bool
    expected: list[str]
    by_knowledge: dict[str, int] = field(default_factory=dict)
    not_up_to_date: list[NetworkMember] = field(default_factory=list)
    unfilled_roles: list[str] = field(default_factory=list)
    checks: list[CheckStatus] = field(default_factory=list)
    # The child's Words and Pictures as it is now, and who in the network has not seen it.
    story: StoryVersion | None = None
    not_seen_story: list[NetworkMember] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def missing_checks(self) -> list[CheckStatus]:
        return [status for status in self.checks if status.missing]

    @property
    def knowledge_rows(self) -> list[tuple[str, str, int]]:
        return [
            (value, label, self.by_knowledge.get(value, 0)) for value, label in Knowledge.choices
        ]

    @property
    def unfilled_role_labels(self) -> list[str]:
        return [NetworkRoleKind(role).label for role in self.unfilled_roles]


def network_glance(case: Case, members: list[NetworkMember] | None = None) -> Glance:
    """Size, who knows what, who has not seen the current danger statements or the current
    Words and Pictures, the expected roles no one has taken on, and the checks not done.
    Pass `network_members(case)` if the page already has it."""
    if members is None:
        members = network_members(case)
    has_statements = case.danger_statements.filter(removed_at__isnull=True).exists()
    story = current_story_version(case)
    glance = Glance(
        members=members, has_statements=has_statements, expected=expected_roles(case), story=story
    )
    filled: set[str] = set()
    for member in members:
        glance.by_knowledge[member.knowledge] = glance.by_knowledge.get(member.knowledge, 0) + 1
        if has_statements and member.not_up_to_date:  # type: ignore[attr-defined]
            glance.not_up_to_date.append(member)
        if story is not None and member.story_seen_version_id != story.pk:
            glance.not_seen_story.append(member)
        filled.update(role.role for role in member.current_roles)  # type: ignore[attr-defined]
        glance.checks.extend(required_checks(member))
    glance.unfilled_roles = [role for role in glance.expected if role not in filled]
    return glance


def network_meetings(case: Case) -> QuerySet[NetworkMeeting]:
    return (
        case.network_meetings.filter(removed_at__isnull=True)
        .select_related("statements_version", "story_version")
        .prefetch_related("attendees__case_member__person", "staff")
        .order_by("-held_on", "-created_at")
    )


def staff_for_meetings(case: Case) -> QuerySet[User]:
    """Council staff who might come to a network meeting: the case's team and its workers."""
    return (
        User.objects.filter(is_active=True)
        .exclude(role=Role.PARTNER_PROFESSIONAL)
        .filter(
            Q(team=case.team_id) | Q(allocations__case=case, allocations__ended_on__isnull=True)
        )
        .distinct()
        .order_by("first_name", "last_name", "id")
    )


# --- Case lists and dashboards ------------------------------------------------------------------


def annotate_network(cases: QuerySet[Case]) -> QuerySet[Case]:
    """`network_size` and `network_not_up_to_date` (members who have not seen the danger
    statements as they are now; 0 when the case has no danger statements) on each case."""

    def count(members: QuerySet[NetworkMember]) -> Coalesce:
        counted = members.order_by().values("case").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

    members = NetworkMember.objects.filter(case=OuterRef("pk"), removed_at__isnull=True)
    has_statements = Exists(
        DangerStatement.objects.filter(case=OuterRef("case"), removed_at__isnull=True)
    )
    return cases.annotate(
        network_size=count(members),
        network_not_up_to_date=count(members.filter(_not_up_to_date(), has_statements)),
    )


def cases_with_uninformed_network(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases (of those given) where someone in the network has not seen the current
    danger statements, annotated as `annotate_network` does."""
    return annotate_network(cases).filter(network_not_up_to_date__gt=0)  # type: ignore[misc]
