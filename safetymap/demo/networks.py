"""Safety networks for the demo council's children, written through the networks services.

Most cases get a network built from the people already on the case (grandparents, aunts
and uncles, family friends, neighbours, a teacher as the school link) and, where the case
has few, one or two people the family named since (a neighbour, a friend from church).
What they know varies; some saw the danger statements before they were last reworded and
have not been updated since; some networks lack an expected role or a required check; a
few cases have no network recorded at all, as happens in real casework.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases.models import Case, CaseMember, Relationship
from safetymap.mapping.models import MapVersion
from safetymap.networks import selectors, services
from safetymap.networks.models import CheckOutcome, Knowledge, NetworkMember, NetworkRoleKind

R = NetworkRoleKind
# Who, by relationship, joins a network, and the roles they are likely to take on.
ROLES_BY_RELATIONSHIP: dict[str, list[list[str]]] = {
    Relationship.GRANDPARENT: [[R.SAFE_ADULT, R.SUPERVISES_FAMILY_TIME], [R.DAILY_CHECK]],
    Relationship.AUNT_UNCLE: [[R.EMERGENCY_CONTACT, R.TRANSPORT], [R.SAFE_ADULT]],
    Relationship.KINSHIP_CARER: [[R.SAFE_ADULT, R.EMERGENCY_CONTACT]],
    Relationship.OTHER_RELATIVE: [[R.TRANSPORT], [R.EMERGENCY_CONTACT]],
    Relationship.COUSIN: [[R.TRANSPORT]],
    Relationship.FAMILY_FRIEND: [[R.DAILY_CHECK], [R.SUPERVISES_FAMILY_TIME], []],
    Relationship.NEIGHBOUR: [[R.EMERGENCY_CONTACT], [R.DAILY_CHECK]],
}
SCHOOL_WORDS = ("teacher", "school", "head of year", "safeguarding lead")
# People a family names when the worker asks "who else could help?" (fictional).
NEWCOMERS = [
    ("Denise", "Okafor", Relationship.NEIGHBOUR, "Lives two doors down", [R.EMERGENCY_CONTACT]),
    ("Bev", "Hartley", Relationship.FAMILY_FRIEND, "Friend from church", [R.DAILY_CHECK]),
    ("Sandra", "", Relationship.AUNT_UNCLE, "Paternal aunt", [R.TRANSPORT, R.SAFE_ADULT]),
    ("Mick", "Rowe", Relationship.FAMILY_FRIEND, "Dad's friend from football", [R.OTHER]),
]
AVAILABILITY = [
    "Weekday evenings after 5pm",
    "Most days; works mornings at the Co-op",
    "Weekends, and school holidays",
    "Any time; retired and lives ten minutes away",
    "School days, 8:30am to 3:30pm",
]
AGREED = [
    "{names} will take turns to pick the children up from school. {first} will ring the "
    "social worker if anyone is not there by 3:30pm.",
    "Family time with Dad happens at {first}'s house on Saturdays, 10am to 1pm, with "
    "{first} in the room the whole time.",
    "Everyone has the danger statements in writing. {names} will each visit or phone once a "
    "day, and tell the worker if there is shouting or if the house is not safe.",
]
NO_NETWORK_EVERY = 8  # about one case in eight has no network recorded yet


def _worker(case: Case) -> User | None:
    allocation = case.allocations.filter(ended_on__isnull=True).select_related("worker").first()
    return allocation.worker if allocation else None


def _is_school_link(member: CaseMember) -> bool:
    detail = f"{member.relationship_detail} {member.person.organisation}".lower()
    return member.relationship == Relationship.PROFESSIONAL and any(
        word in detail for word in SCHOOL_WORDS
    )


def _candidates(case: Case) -> Iterator[tuple[CaseMember, list[str]]]:
    for member in case.members.filter(removed_at__isnull=True).select_related("person"):
        if member.relationship in ROLES_BY_RELATIONSHIP:
            yield member, []
        elif _is_school_link(member):
            yield member, [R.SCHOOL_LINK]


def _a_day_after(day: datetime.date, rng: random.Random) -> datetime.date:
    return min(day + datetime.timedelta(days=rng.randint(0, 10)), timezone.localdate())


def _show_statements(
    actor: User, member: NetworkMember, versions: list[MapVersion], rng: random.Random
) -> None:
    """Most who know everything saw the latest statements; some saw an earlier wording and
    were not shown the new one; those who know some of it may have seen an older one."""
    if not versions or member.knowledge == Knowledge.NOTHING:
        return
    now = selectors.version_matching_now(member.case)
    now_texts = selectors.statement_texts_in(now) if now is not None else None
    older = [v for v in versions if selectors.statement_texts_in(v) != now_texts]
    shown_now = 0.85 if member.knowledge == Knowledge.EVERYTHING else 0.5
    if now is not None and rng.random() < shown_now:
        version = now
    elif older and rng.random() < 0.6:
        version = rng.choice(older)
    else:
        return
    services.network_member_record_seen(
        actor=actor,
        member=member,
        expected_version=None,
        version=version,
        seen_on=_a_day_after(version.saved_on, rng),
    )


def _roles_for(member: CaseMember, school: list[str], rng: random.Random) -> list[str]:
    if school:
        return school
    return list(rng.choice(ROLES_BY_RELATIONSHIP[member.relationship]))


def _checks(actor: User, member: NetworkMember, rng: random.Random) -> None:
    """Record most of the checks the council requires; leave some undone."""
    required = selectors.role_checks()
    for role in selectors.member_roles(member):
        for check_type in required.get(role.role, []):
            if rng.random() < 0.65:
                services.network_check_add(
                    actor=actor,
                    member=member,
                    check_type=check_type,
                    checked_on=_a_day_after(member.created_at.date(), rng),
                    outcome=rng.choice([CheckOutcome.CLEAR] * 4 + [CheckOutcome.WAITING]),
                    checked_by=f"{actor.display_name}, {actor.get_role_display().lower()}",
                )


def _build_network(case: Case, actor: User, rng: random.Random) -> list[NetworkMember]:
    members = []
    knowledge_choices = [Knowledge.EVERYTHING] * 3 + [Knowledge.SOME] * 2 + [Knowledge.NOTHING]
    for person, school in _candidates(case):
        members.append(
            services.network_member_add(
                actor=actor,
                case=case,
                case_member=person,
                values={
                    "knowledge": Knowledge.SOME if school else rng.choice(knowledge_choices),
                    "availability": rng.choice(AVAILABILITY),
                    "contact_details": person.person.phone or "",
                },
                roles=_roles_for(person, school, rng),
            )
        )
    for first, last, relationship, detail, roles in rng.sample(NEWCOMERS, rng.randint(0, 2)):
        members.append(
            services.network_member_add(
                actor=actor,
                case=case,
                case_member=None,
                new_person={
                    "person": {"first_name": first, "last_name": last or case.child.last_name},
                    "membership": {"relationship": relationship, "relationship_detail": detail},
                },
                values={
                    "knowledge": rng.choice(knowledge_choices),
                    "availability": rng.choice(AVAILABILITY),
                    "contact_details": f"Mobile 07700 900{rng.randint(100, 999)}",
                },
                roles=roles,
                other_role="Takes the children to football on Saturdays"
                if R.OTHER in roles
                else "",
            )
        )
    return members


def _meeting(case: Case, actor: User, members: list[NetworkMember], rng: random.Random) -> None:
    came = rng.sample(members, min(len(members), rng.randint(2, 4)))
    names = [member.person.first_name for member in came]
    services.network_meeting_add(
        actor=actor,
        case=case,
        held_on=timezone.localdate() - datetime.timedelta(days=rng.randint(3, 40)),
        attendees=came,
        staff=[actor],
        agreed=rng.choice(AGREED).format(names=" and ".join(names), first=names[0]),
        saw_statements=bool(selectors.statement_texts_now(case)) and rng.random() < 0.5,
    )


def add_networks(cases: list[Case], *, seed_value: int) -> int:
    """Give most of these cases a safety network; returns how many got one."""
    rng = random.Random(seed_value)
    built = 0
    for index, case in enumerate(cases):
        actor = _worker(case)
        if actor is None or index % NO_NETWORK_EVERY == NO_NETWORK_EVERY - 1:
            continue
        with transaction.atomic():
            members = _build_network(case, actor, rng)
            versions = list(case.map_versions.order_by("number"))
            for member in members:
                _show_statements(actor, member, versions, rng)
                if member.knowledge != Knowledge.NOTHING and rng.random() < 0.7:
                    services.network_member_record_agreement(
                        actor=actor,
                        member=member,
                        expected_version=None,
                        agreed_on=_a_day_after(member.created_at.date(), rng),
                    )
                _checks(actor, member, rng)
            if len(members) >= 2 and rng.random() < 0.5:
                _meeting(case, actor, members, rng)
        built += bool(members)
    return built
