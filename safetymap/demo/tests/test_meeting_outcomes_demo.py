"""The demo's meeting outcomes: scales and decisions for meetings already held, and the
three timescale stories (an overdue initial conference, an overdue core group, and an
upcoming conference whose scales are in but hidden), all written by the allocated worker."""

from __future__ import annotations

from typing import cast

import pytest
from django.utils import timezone

from safetymap.audit.models import AuditEvent
from safetymap.cases.models import ServiceLevel
from safetymap.demo.generator import seed
from safetymap.demo.meeting_outcomes import add_meeting_outcomes
from safetymap.meetings.models import (
    AttendeeScale,
    Decision,
    Meeting,
    MeetingStatus,
    MeetingType,
    RoleGroup,
    ScalesReveal,
)
from safetymap.meetings.timescales import meetings_due
from safetymap.notifications.models import Notification
from tests.factories import MeetingAttendeeFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_demo_meetings_get_scales_decisions_and_the_timescale_stories() -> None:
    result = seed(families=12, seed_value=7)
    cp_case = next(c for c in result.cases if c.service_level == ServiceLevel.CHILD_PROTECTION)
    # A meeting already held (the meetings demo makes these), with its attendees.
    earlier = cast(
        Meeting,
        MeetingFactory(
            case=cp_case,
            kind=MeetingType.CORE_GROUP,
            held_on=timezone.localdate().replace(day=1),
            status=MeetingStatus.FINISHED,
        ),
    )
    MeetingAttendeeFactory(meeting=earlier, name="Grace Okafor")
    MeetingAttendeeFactory(
        meeting=earlier, name="Dawn Marsh", role="Mum", role_group=RoleGroup.FAMILY
    )

    add_meeting_outcomes(result.cases, seed_value=7)

    assert ScalesReveal.objects.filter(meeting=earlier).exists()
    assert AttendeeScale.objects.filter(meeting=earlier, danger_statement=None).count() == 2
    assert Decision.objects.filter(meeting=earlier).exists()

    today = timezone.localdate()
    dues = meetings_due(result.cases)
    overdue = {due.kind for due_list in dues.values() for due in due_list if due.overdue(today)}
    assert {MeetingType.INITIAL_CONFERENCE, MeetingType.CORE_GROUP} <= overdue
    (upcoming,) = Meeting.objects.filter(status=MeetingStatus.PLANNED)
    assert upcoming.held_on > today and not ScalesReveal.objects.filter(meeting=upcoming).exists()
    assert AttendeeScale.objects.filter(meeting=upcoming, danger_statement=None).count() == 3
    # A parent disagreed with the plan, in their words.
    assert Decision.objects.filter(views__agrees=False, views__words__contains="plan").exists()
    # The allocated workers are reminded of what is due.
    assert Notification.objects.filter(kind="meeting_due").exists()
    # Written by each case's allocated worker, as the rest of the demo is.
    for case in result.cases:
        actors = set(
            AuditEvent.objects.filter(
                case_uuid=case.uuid, object_type__startswith="meetings."
            ).values_list("actor__username", flat=True)
        )
        worker = case.allocations.get(ended_on=None).worker.username
        assert actors <= {worker}
