"""Factories and fixtures for meeting outcomes (scales, decisions, timescales).

The fixtures build one child protection conference about Kian: the allocated worker takes
the minutes, a team manager chairs, a colleague from the team attends as a signed-in user,
a health visitor and Mum attend, and the school sent apologies. Test modules import the
fixtures they use from here (mtg-a owns the meetings conftest)."""

from __future__ import annotations

import datetime

import factory
import pytest

from safetymap.accounts.models import Role
from safetymap.cases.models import ServiceLevel
from safetymap.meetings.models import (
    Attendance,
    AttendeeScale,
    Decision,
    DecisionKind,
    DecisionOutcome,
    MeetingStatus,
    MeetingType,
    RoleGroup,
    StrategyOutcome,
)
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    DangerStatementFactory,
    MeetingAttendeeFactory,
    MeetingFactory,
    PersonFactory,
    UserFactory,
)


class AttendeeScaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendeeScale

    attendee = factory.SubFactory(MeetingAttendeeFactory)
    meeting = factory.SelfAttribute("attendee.meeting")
    score = 5
    reason = "Mum has kept every appointment since the last meeting"


class DecisionFactory(factory.django.DjangoModelFactory):
    """A decision row as it was recorded, for tests of what reads decisions (timescales)."""

    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    kind = DecisionKind.CONFERENCE
    plan_needed = True
    category = "neglect"
    rationale = "The danger is not yet managed by a safety plan the network has tested"
    decided_on = factory.SelfAttribute("meeting.held_on")


def held(case, meeting_kind: str, on: datetime.date, /, **decision) -> object:
    """A meeting held on `on`, with its decision when given (outcomes= for strategy codes)."""
    meeting = MeetingFactory(
        case=case, kind=meeting_kind, held_on=on, status=MeetingStatus.FINISHED
    )
    codes = decision.pop("outcomes", ())
    if decision or codes:
        made = DecisionFactory.create(meeting=meeting, **decision)
        for code in codes:
            DecisionOutcome.objects.create(decision=made, code=code)
    return meeting


def strategy_with_section_47(case, on: datetime.date) -> object:
    return held(
        case,
        MeetingType.STRATEGY_DISCUSSION,
        on,
        kind=DecisionKind.STRATEGY,
        plan_needed=None,
        category="",
        outcomes=[StrategyOutcome.SECTION_47, StrategyOutcome.POLICE],
    )


@pytest.fixture
def case(db):
    return CaseFactory(
        child=PersonFactory(first_name="Kian", last_name="Marsh", known_as=""),
        service_level=ServiceLevel.CHILD_IN_NEED,
    )


@pytest.fixture
def worker(case):
    return AllocationFactory(case=case, worker__team=case.team, worker__first_name="Priya").worker


@pytest.fixture
def chair(case):
    return UserFactory(team=case.team, role=Role.TEAM_MANAGER, first_name="Chidi")


@pytest.fixture
def colleague(case):
    return UserFactory(team=case.team, role=Role.PRACTITIONER, first_name="Tomasz")


@pytest.fixture
def manager(case):
    return UserFactory(team=case.team, role=Role.TEAM_MANAGER, first_name="Ruth")


@pytest.fixture
def reader(case):
    return UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)


@pytest.fixture
def stranger(db):
    return UserFactory(role=Role.PRACTITIONER)


@pytest.fixture
def statement(case):
    return DangerStatementFactory(case=case)


@pytest.fixture
def meeting(case, worker, chair, statement):
    return MeetingFactory(
        case=case,
        kind=MeetingType.INITIAL_CONFERENCE,
        chair=chair,
        minute_taker=worker,
        status=MeetingStatus.IN_PROGRESS,
    )


@pytest.fixture
def attendees(meeting, colleague):
    """Mum, the health visitor, the colleague (a signed-in user), and the school (apologies)."""
    return {
        "mum": MeetingAttendeeFactory(
            meeting=meeting, name="Dawn Marsh", role="Mum", role_group=RoleGroup.FAMILY, agency=""
        ),
        "health": MeetingAttendeeFactory(meeting=meeting, name="Grace Okafor"),
        "colleague": MeetingAttendeeFactory(
            meeting=meeting,
            name="Tomasz Nowak",
            role="Social worker",
            role_group=RoleGroup.SOCIAL_CARE,
            agency="Children's services",
            user=colleague,
        ),
        "school": MeetingAttendeeFactory(
            meeting=meeting,
            name="Helen Ward",
            role="Designated safeguarding lead",
            role_group=RoleGroup.EDUCATION,
            attendance=Attendance.APOLOGIES,
        ),
    }
