"""Meetings for the demo council's children, written through the meetings services.

Each case gets the meetings its service level brings, most already held and one or two
still to come: early help has team around the family meetings; child in need has reviews;
child protection starts with a strategy discussion, an initial conference within 15
working days, core groups and a review conference; a looked-after child has reviews; and
some families have a family network meeting. Parents, the safety network and other
agencies are invited; some sent apologies with a report; the child's views are in their
own words. Held meetings open the map and save what they changed, and agree actions
that go on the map as next steps. Dates are counted back from today.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case, CaseMember, Relationship, ServiceLevel
from safetymap.meetings import services
from safetymap.meetings.models import Attendance, Meeting, MeetingType, RoleGroup

T = MeetingType
# Each level's meetings: (kind, days before today it was held; negative = still to come).
SCHEDULES: dict[str, list[tuple[str, int]]] = {
    ServiceLevel.EARLY_HELP: [(T.EARLY_HELP, 84), (T.EARLY_HELP, 28), (T.EARLY_HELP, -14)],
    ServiceLevel.CHILD_IN_NEED: [
        (T.CHILD_IN_NEED_REVIEW, 90),
        (T.CHILD_IN_NEED_REVIEW, 45),
        (T.CHILD_IN_NEED_REVIEW, -42),
    ],
    ServiceLevel.CHILD_PROTECTION: [
        (T.STRATEGY_DISCUSSION, 122),
        (T.INITIAL_CONFERENCE, 102),
        (T.CORE_GROUP, 92),
        (T.CORE_GROUP, 50),
        (T.REVIEW_CONFERENCE, 14),
        (T.CORE_GROUP, -21),
    ],
    ServiceLevel.LOOKED_AFTER: [(T.LOOKED_AFTER_REVIEW, 60), (T.LOOKED_AFTER_REVIEW, -120)],
}
# Held with the family's whole network, on some cases, as well.
NETWORK_MEETING = (T.FAMILY_NETWORK, 35)
# Never cancelled in the demo: the child protection timetable hangs on them.
STATUTORY = {T.STRATEGY_DISCUSSION, T.INITIAL_CONFERENCE, T.REVIEW_CONFERENCE}
CHAIRED_BY_A_REVIEWING_OFFICER = {
    T.INITIAL_CONFERENCE,
    T.REVIEW_CONFERENCE,
    T.LOOKED_AFTER_REVIEW,
}
FAMILY: dict[str, str] = {
    Relationship.MOTHER: "Mum",
    Relationship.FATHER: "Dad",
    Relationship.STEP_PARENT: "Step-parent",
    Relationship.PARENTS_PARTNER: "Mum's partner",
    Relationship.KINSHIP_CARER: "Kinship carer",
    Relationship.FOSTER_CARER: "Foster carer",
}
NETWORK: dict[str, str] = {
    Relationship.GRANDPARENT: "Grandparent",
    Relationship.AUNT_UNCLE: "Aunt or uncle",
    Relationship.FAMILY_FRIEND: "Family friend",
    Relationship.NEIGHBOUR: "Neighbour",
}
# Professionals from other agencies, known to the meeting by name (fictional).
AGENCIES = [
    ("DC Harriet Lowe", "Detective constable", RoleGroup.POLICE, "Eastbrook Police",
     "h.lowe@police.example.org"),
    ("Yvonne Mensah", "Health visitor", RoleGroup.HEALTH, "Northmoor Community Health",
     "y.mensah@health.example.org"),
    ("Mr Daniel Price", "Designated safeguarding lead", RoleGroup.EDUCATION,
     "Millbrook Primary School", "d.price@millbrook.example.sch.uk"),
    ("Dr Anjali Rao", "GP", RoleGroup.HEALTH, "Castle Street Surgery", ""),
]  # fmt: skip
PLACES = [
    "Eastbrook Civic Centre, conference room 2",
    "Riverside Family Centre",
    "Millbrook Primary School, the meeting room",
    "Northmoor Children's Centre",
]
CHILDS_VIEWS = [
    '{name} told me: "I like it when Mum picks me up from school and we have tea together. '
    "I don't like it when Dad shouts. It makes my tummy hurt.\" {name} drew their house "
    "and put Nan in it.",
    "{name} did the three houses with me at school. In the house of worries they wrote: "
    '"when there is no food in the cupboard". In the house of dreams: "a dog and my own '
    'bedroom".',
    '{name} did not want to come to the meeting, and asked me to say: "I want to stay at '
    'home but I want the arguing to stop."',
    '{name} says school is the best part of the week, "because Miss Patel is kind", and '
    "that weekends at Nan's are good.",
]
ACTIONS = [
    ("Book Dad onto the Caring Dads course and tell the group the start date", "Social worker"),
    ("Walk the children to school every morning and sign them in at the office", "Mum"),
    ("Share the danger statements with the grandparents and ask who else could help", "Mum"),
    ("Arrange a GP appointment about Mum's sleep and low mood", "Mum"),
    ("Ring the social worker if Dad comes to the house", "Nan"),
    ("Check the children's attendance each week and tell the social worker of any gaps",
     "School safeguarding lead"),
]  # fmt: skip
WHY_CANCELLED = [
    "Mum is in hospital; moved to next week",
    "The chair is unwell; the meeting will be rearranged within five working days",
]


def _worker(case: Case) -> User | None:
    allocation = case.allocations.filter(ended_on__isnull=True).select_related("worker").first()
    return allocation.worker if allocation else None


def _staff(role: str) -> list[User]:
    return list(User.objects.filter(role=role, is_active=True).order_by("id"))


def _invite(
    meeting: Meeting, actor: User, members: list[CaseMember], rng: random.Random, *, held: bool
) -> None:
    """Family (and the network for a network meeting), the worker, and the agencies that
    usually come to this kind of meeting; for a meeting held, who came and whose report
    arrived."""
    family_only = meeting.kind in (T.FAMILY_NETWORK, T.EARLY_HELP)
    invited: list[dict[str, object]] = []
    if meeting.kind != T.STRATEGY_DISCUSSION:  # the family are not at a strategy discussion
        for member in members:
            if member.relationship in FAMILY:
                role, group = FAMILY[member.relationship], RoleGroup.FAMILY
            elif member.relationship in NETWORK and (family_only or rng.random() < 0.3):
                role, group = NETWORK[member.relationship], RoleGroup.NETWORK
            else:
                continue
            invited.append({"person": member.person, "role": role, "role_group": group})
    invited.append({"user": actor, "role": "Social worker", "role_group": RoleGroup.SOCIAL_CARE})
    agencies = AGENCIES[1:3] if family_only else AGENCIES
    for name, role, group, agency, email in agencies:
        if meeting.kind != T.STRATEGY_DISCUSSION and group == RoleGroup.POLICE:
            continue
        invited.append(
            {"name": name, "role": role, "role_group": group, "agency": agency, "email": email}
        )
    for values in invited:
        if held:
            values.update(_attendance(str(values["role_group"]), rng))
        services.attendee_add(actor=actor, meeting=meeting, values=values)


def _attendance(role_group: str, rng: random.Random) -> dict[str, object]:
    roll = rng.random()
    came = Attendance.APOLOGIES if roll < 0.15 else Attendance.ONLINE if roll < 0.3 else "present"
    agency = role_group in (RoleGroup.HEALTH, RoleGroup.EDUCATION, RoleGroup.POLICE)
    return {"attendance": came, "report_received": agency and rng.random() < 0.7}


def _hold(meeting: Meeting, actor: User, next_on: datetime.date | None, rng: random.Random) -> None:
    """Run a meeting that has happened: attendance, the child's views, the map opened,
    an action or two agreed, and the date of the next one."""
    views = rng.choice(CHILDS_VIEWS).format(name=meeting.case.child.name_used)
    meeting = services.childs_views_record(
        actor=actor, meeting=meeting, expected_version=None, views=views
    )
    meeting = services.meeting_start(actor=actor, meeting=meeting, expected_version=None)
    for action, owner in rng.sample(ACTIONS, k=rng.randint(1, 2)):
        services.meeting_action_add(
            actor=actor,
            meeting=meeting,
            values={
                "action": action,
                "owner": owner,
                "due_on": meeting.held_on + datetime.timedelta(days=rng.choice((7, 14, 28))),
            },
        )
    meeting.refresh_from_db()
    services.meeting_finish(
        actor=actor, meeting=meeting, expected_version=None, next_meeting_on=next_on
    )


def _schedule(case: Case, index: int) -> list[tuple[str, int]]:
    schedule = list(SCHEDULES.get(case.service_level, []))
    if case.service_level in (ServiceLevel.CHILD_IN_NEED, ServiceLevel.CHILD_PROTECTION) and (
        index % 3 == 0
    ):
        schedule.append(NETWORK_MEETING)
    return sorted(schedule, key=lambda item: -item[1])


def add_meetings(cases: list[Case], seed_value: int) -> int:
    """Give each case the meetings its service level brings; returns how many were made."""
    rng = random.Random(seed_value)
    today = timezone.localdate()
    chairs, minute_takers = _staff(Role.CONFERENCE_CHAIR), _staff(Role.BUSINESS_SUPPORT)
    made = 0
    for index, case in enumerate(cases):
        actor = _worker(case)
        if actor is None or case.closed_on is not None:
            continue
        members = list(case.members.filter(removed_at__isnull=True).select_related("person"))
        schedule = _schedule(case, index)
        with transaction.atomic():
            for position, (kind, days_ago) in enumerate(schedule):
                held_on = today - datetime.timedelta(days=days_ago)
                if held_on < case.opened_on:
                    continue
                later = [d for k, d in schedule[position + 1 :] if k != T.FAMILY_NETWORK]
                reviewing = kind in CHAIRED_BY_A_REVIEWING_OFFICER and chairs
                meeting = services.meeting_plan(
                    actor=actor,
                    case=case,
                    values={
                        "kind": kind,
                        "held_on": held_on,
                        "starts_at": datetime.time(rng.choice((9, 10, 13, 14)), 30),
                        "place": "" if kind == T.STRATEGY_DISCUSSION else rng.choice(PLACES),
                        "online": kind == T.STRATEGY_DISCUSSION or rng.random() < 0.3,
                        "chair": rng.choice(chairs) if reviewing else actor,
                        "minute_taker": rng.choice(minute_takers) if minute_takers else None,
                    },
                )
                _invite(meeting, actor, members, rng, held=days_ago > 0)
                made += 1
                if days_ago <= 0:
                    continue  # still to come
                if kind not in STATUTORY and rng.random() < 0.08:
                    services.meeting_cancel(
                        actor=actor,
                        meeting=meeting,
                        expected_version=None,
                        reason=rng.choice(WHY_CANCELLED),
                    )
                    continue
                next_on = today - datetime.timedelta(days=later[0]) if later else None
                _hold(meeting, actor, next_on, rng)
    return made
