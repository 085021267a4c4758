"""Scales and decisions for the demo council's meetings, written through the meetings services.

Every meeting already held gets each attendee's scale with their reason (shown, as the chair
would have done in the room) and a decision that fits the case's service level and history.
Three cases tell the timescales story: one whose initial conference is overdue after a
strategy discussion started a section 47 enquiry, one whose first core group is overdue
after the conference made a plan, and one with a review conference in a few days whose
scales have started to come in but are still hidden.

Everything is written by the case's allocated worker, as the rest of the demo is.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.audit.services import audited_create
from safetymap.cases.models import Case, CaseMember, Relationship, ServiceLevel
from safetymap.core.working_days import add_working_days
from safetymap.meetings import outcomes
from safetymap.meetings.models import (
    Attendance,
    DecisionKind,
    Meeting,
    MeetingAttendee,
    MeetingStatus,
    MeetingType,
    PlanCategory,
    RoleGroup,
    StrategyOutcome,
)
from safetymap.meetings.timescales import meeting_reminders_refresh

# Where each kind of person tends to sit on the scale, from the level's starting point.
LEVEL_BASE = {
    ServiceLevel.EARLY_HELP: 6,
    ServiceLevel.CHILD_IN_NEED: 5,
    ServiceLevel.CHILD_PROTECTION: 3,
    ServiceLevel.LOOKED_AFTER: 4,
    ServiceLevel.CARE_LEAVER: 6,
}
ROLE_LEAN: dict[str, int] = {
    RoleGroup.FAMILY: 2,
    RoleGroup.NETWORK: 1,
    RoleGroup.CHILD: 1,
    RoleGroup.POLICE: -1,
}
REASONS = {
    RoleGroup.FAMILY: [
        "We have not had a row since the last meeting and the children are settled.",
        "I know I have more to do, but I have not had a drink in the house for a month.",
        "Nan has the children every weekend now and they come home happy.",
    ],
    RoleGroup.NETWORK: [
        "I see the children every day after school and they seem happier.",
        "I worry about the weekends, when nobody checks in.",
    ],
    RoleGroup.CHILD: ["It is better at home now. Dad does not shout as much."],
    RoleGroup.SOCIAL_CARE: [
        "The safety plan has held for six weeks, but it has not been tested when Dad is stressed.",
        "Mum is open with me now, but the network is still small.",
    ],
    RoleGroup.HEALTH: [
        "Every health appointment has been kept since the last meeting.",
        "The baby's weight is back on track, but I have not been let in since last month.",
    ],
    RoleGroup.EDUCATION: [
        "Attendance is up to 92% and breakfast club is helping.",
        "They still come in tired and hungry most Mondays.",
    ],
    RoleGroup.POLICE: [
        "There have been no call-outs to the address since the last meeting.",
        "We were called to the house again three weeks ago.",
    ],
    RoleGroup.OTHER: ["Mum has come to every session of the parenting course."],
}
DISAGREE = "I do not think a plan is needed. We have done everything that was asked of us."
PROFESSIONALS = [
    ("Grace Okafor", "Health visitor", RoleGroup.HEALTH, "Eastbrook Community Health"),
    ("Imran Patel", "Designated safeguarding lead", RoleGroup.EDUCATION, "Riverside Primary"),
    ("PC Laura Bennett", "Police officer", RoleGroup.POLICE, "Eastbrook Police"),
]
PARENTS: dict[str, str] = {Relationship.MOTHER: "Mum", Relationship.FATHER: "Dad"}


def add_meeting_outcomes(cases: list[Case], *, seed_value: int) -> None:
    """Scales and decisions for the meetings held on these cases, and the three stories."""
    rng = random.Random(seed_value)
    open_cases = [case for case in cases if case.closed_on is None]
    workers = _workers(open_cases)
    for meeting in _held_without_decision(open_cases):
        worker = workers.get(meeting.case_id)
        if worker is not None:
            with transaction.atomic():
                _scales(worker, meeting, rng, reveal=True)
                _decide(worker, meeting, rng)
    stories = _story_cases(open_cases, workers)
    for story, case in stories.items():
        with transaction.atomic():
            story(case, workers[case.pk], rng)
    for case in open_cases:
        if case.pk in workers:
            meeting_reminders_refresh(actor=workers[case.pk], case=case)


def _workers(cases: list[Case]) -> dict[int, User]:
    found: dict[int, User] = {}
    for case in cases:
        allocation = case.allocations.filter(ended_on__isnull=True).select_related("worker").first()
        if allocation is not None:
            found[case.pk] = allocation.worker
    return found


def _held_without_decision(cases: list[Case]) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            case__in=cases, status=MeetingStatus.FINISHED, held_on__lte=timezone.localdate()
        )
        .filter(decisions__isnull=True)
        .select_related("case")
        .order_by("held_on", "id")
    )


# --- Scales ----------------------------------------------------------------------------------


def _score(case: Case, attendee: MeetingAttendee, rng: random.Random) -> int:
    base = LEVEL_BASE[ServiceLevel(case.service_level)] + ROLE_LEAN.get(attendee.role_group, 0)
    return max(0, min(10, base + rng.choice((-1, 0, 0, 1))))


def _scales(
    worker: User, meeting: Meeting, rng: random.Random, *, reveal: bool, how_many: int = 6
) -> None:
    statements = outcomes.meeting_statements(meeting)[:2]
    for attendee in outcomes.expected_attendees(meeting)[:how_many]:
        overall = _score(meeting.case, attendee, rng)
        reason = rng.choice(REASONS[RoleGroup(attendee.role_group)])
        entries = [outcomes.ScaleEntry(None, overall, reason)]
        entries += [
            outcomes.ScaleEntry(statement, max(0, overall - rng.choice((0, 1, 2))), reason)
            for statement in statements
        ]
        outcomes.scales_enter(actor=worker, attendee=attendee, entries=entries)
    if reveal and outcomes.expected_attendees(meeting):
        outcomes.scales_reveal(actor=worker, meeting=meeting)


# --- Decisions -------------------------------------------------------------------------------


def _given(meeting: Meeting, rng: random.Random) -> outcomes.DecisionInput | None:
    """A decision that fits where the case is now, or None when none would fit."""
    case, kind = meeting.case, outcomes.decision_kind_for(meeting)
    at_cp = case.service_level == ServiceLevel.CHILD_PROTECTION
    on = meeting.held_on
    if kind == DecisionKind.STRATEGY:
        codes = (
            [StrategyOutcome.SECTION_47, StrategyOutcome.POLICE]
            if at_cp
            else [StrategyOutcome.ASSESSMENT]
        )
        rationale = (
            "The injury and what the child said meet the threshold for a joint enquiry."
            if at_cp
            else "The worries need a full assessment, but there is no evidence of harm."
        )
        return outcomes.DecisionInput(rationale=rationale, outcomes=codes, decided_on=on)
    if kind == DecisionKind.CONFERENCE:
        return outcomes.DecisionInput(
            rationale="The danger statements are not yet managed by a plan the network has tested."
            if at_cp
            else "The family and network have a safety plan that is working.",
            plan_needed=at_cp,
            category=rng.choice(PlanCategory.values) if at_cp else "",
            decided_on=on,
        )
    if kind == DecisionKind.REVIEW:
        if case.service_level not in (ServiceLevel.CHILD_PROTECTION, ServiceLevel.CHILD_IN_NEED):
            return None
        return outcomes.DecisionInput(
            rationale="The plan is helping but has not been tested over the holidays."
            if at_cp
            else "The safety plan has held for six months; support continues as child in need.",
            plan_continues=at_cp,
            decided_on=on,
        )
    return outcomes.DecisionInput(
        rationale="The plan is working; support stays as it is until the next review.",
        decided_on=on,
    )


def _views(meeting: Meeting, given: outcomes.DecisionInput) -> list[outcomes.ViewEntry]:
    """Everyone agrees, except a parent who disagrees with a plan."""
    dissent = given.plan_needed is True
    return [
        outcomes.ViewEntry(attendee, False, DISAGREE)
        if dissent and attendee.role_group == RoleGroup.FAMILY
        else outcomes.ViewEntry(attendee, True, "")
        for attendee in outcomes.expected_attendees(meeting)
    ]


def _decide(worker: User, meeting: Meeting, rng: random.Random) -> None:
    given = _given(meeting, rng)
    kind = outcomes.decision_kind_for(meeting)
    if given is None or outcomes.decision_target_level(kind, given) not in (
        "",
        meeting.case.service_level,
    ):
        return  # the case's history went another way; leave the meeting undecided
    given = dataclasses.replace(given, views=_views(meeting, given))
    outcomes.decision_record(actor=worker, meeting=meeting, given=given)


# --- The three timescale stories -------------------------------------------------------------


def _meeting(case: Case, worker: User, kind: str, held_on: datetime.date, status: str) -> Meeting:
    meeting = audited_create(
        actor=worker,
        model=Meeting,
        case_uuid=case.uuid,
        summary=f"{MeetingType(kind).label} arranged",
        fields={
            "case": case,
            "kind": kind,
            "status": status,
            "held_on": held_on,
            "place": "Eastbrook Family Centre",
            "chair": _manager(case),
            "minute_taker": worker,
            "created_by": worker,
        },
    )
    for name, role, group, agency, user in _invitees(case, worker):
        audited_create(
            actor=worker,
            model=MeetingAttendee,
            case_uuid=case.uuid,
            summary=f"{name} invited",
            fields={
                "meeting": meeting,
                "name": name,
                "role": role,
                "role_group": group,
                "agency": agency,
                "user": user,
                "attendance": Attendance.PRESENT if status == MeetingStatus.FINISHED else "",
            },
        )
    return meeting


def _manager(case: Case) -> User | None:
    return (
        User.objects.filter(team=case.team, role="team_manager", is_active=True)
        .order_by("id")
        .first()
    )


def _invitees(case: Case, worker: User) -> list[tuple[str, str, str, str, User | None]]:
    parents = (
        CaseMember.objects.filter(case=case, relationship__in=PARENTS)
        .select_related("person")
        .order_by("id")[:2]
    )
    return [
        *[
            (m.person.full_name, PARENTS[m.relationship], RoleGroup.FAMILY, "", None)
            for m in parents
        ],
        (
            worker.display_name,
            "Social worker",
            RoleGroup.SOCIAL_CARE,
            "Children's services",
            worker,
        ),
        *[(name, role, group, agency, None) for name, role, group, agency in PROFESSIONALS],
    ]


def _overdue_initial_conference(case: Case, worker: User, rng: random.Random) -> None:
    held_on = add_working_days(timezone.localdate(), -22)
    strategy = _meeting(
        case, worker, MeetingType.STRATEGY_DISCUSSION, held_on, MeetingStatus.FINISHED
    )
    child = case.child.name_used
    outcomes.decision_record(
        actor=worker,
        meeting=strategy,
        given=outcomes.DecisionInput(
            rationale=f"{child} told their teacher that Dad hit them with a belt. Police and "
            "children's social care agreed a joint enquiry.",
            decided_on=held_on,
            outcomes=[StrategyOutcome.SECTION_47, StrategyOutcome.POLICE],
        ),
    )


def _overdue_core_group(case: Case, worker: User, rng: random.Random) -> None:
    held_on = add_working_days(timezone.localdate(), -16)
    conference = _meeting(
        case, worker, MeetingType.INITIAL_CONFERENCE, held_on, MeetingStatus.FINISHED
    )
    _scales(worker, conference, rng, reveal=True)
    given = outcomes.DecisionInput(
        rationale="The danger statements are agreed but no safety plan has been tested yet.",
        decided_on=held_on,
        plan_needed=True,
        category=PlanCategory.NEGLECT,
    )
    outcomes.decision_record(
        actor=worker,
        meeting=conference,
        given=dataclasses.replace(given, views=_views(conference, given)),
    )


def _upcoming_conference_with_hidden_scales(case: Case, worker: User, rng: random.Random) -> None:
    held_on = add_working_days(timezone.localdate(), 3)
    review = _meeting(case, worker, MeetingType.REVIEW_CONFERENCE, held_on, MeetingStatus.PLANNED)
    _scales(worker, review, rng, reveal=False, how_many=3)


Story = Callable[[Case, User, random.Random], None]


def _story_cases(cases: list[Case], workers: dict[int, User]) -> dict[Story, Case]:
    """A case for each story, with no meetings of its own yet, the demo practitioner's first."""
    with_meetings = set(Meeting.objects.filter(case__in=cases).values_list("case_id", flat=True))
    free = sorted(
        (c for c in cases if c.pk in workers and c.pk not in with_meetings),
        key=lambda c: (workers[c.pk].username != "practitioner", c.reference),
    )
    chosen: dict[Story, Case] = {}
    wanted: list[tuple[Story, str]] = [
        (_overdue_initial_conference, ServiceLevel.CHILD_IN_NEED),
        (_overdue_core_group, ServiceLevel.CHILD_PROTECTION),
        (_upcoming_conference_with_hidden_scales, ServiceLevel.CHILD_PROTECTION),
    ]
    for story, level in wanted:
        case = next(
            (c for c in free if c.service_level == level and c not in chosen.values()), None
        )
        if case is not None:
            chosen[story] = case
    return chosen
