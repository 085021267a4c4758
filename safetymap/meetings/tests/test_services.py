"""Meeting services: planning, attendees, starting and finishing against the map, actions,
cancelling, invitations; each audited."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from safetymap.audit.models import AuditEvent
from safetymap.core.versioning import StaleEditError
from safetymap.mapping import services as map_services
from safetymap.mapping.models import MapVersion, NextStep, Occasion
from safetymap.meetings import services
from safetymap.meetings.models import MeetingStatus, RoleGroup
from safetymap.meetings.tests.conftest import in_days
from tests.factories import CaseMemberFactory

pytestmark = pytest.mark.django_db


def add_statement(worker, case):
    return map_services.danger_statement_add(
        actor=worker,
        case=case,
        values={
            "who_is_worried": "Kian's school",
            "adult_behaviour": "Dad has hit Mum when he has been drinking",
            "feared_for_child": "Kian will be hurt trying to stop it",
        },
    )


def test_planning_is_audited(worker, case, meeting):
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.progress.started_at is None
    event = AuditEvent.objects.get(object_uuid=meeting.uuid, action="create")
    assert event.actor == worker and event.case_uuid == case.uuid


def test_a_meeting_needs_a_place_or_online(plan, case):
    with pytest.raises(ValidationError, match="where the meeting is"):
        plan(case, place="", online=False)
    assert plan(case, place="", online=True).online


def test_the_next_meeting_comes_after_this_one(plan, case, worker):
    with pytest.raises(ValidationError, match="after this one"):
        plan(case, next_meeting_on=in_days(3))
    meeting = plan(case)
    with pytest.raises(ValidationError, match="after this one"):
        services.meeting_next_date_set(
            actor=worker, meeting=meeting, expected_version=None, next_on=in_days(1)
        )


def test_a_stale_change_is_refused(worker, meeting):
    services.meeting_update(
        actor=worker, meeting=meeting, expected_version=1, values={"place": "Family centre"}
    )
    with pytest.raises(StaleEditError):
        services.meeting_update(
            actor=worker, meeting=meeting, expected_version=1, values={"place": "Elsewhere"}
        )


def test_attendees_from_the_case_staff_and_other_agencies(worker, case, meeting):
    mum = CaseMemberFactory(case=case, person__first_name="Leanne", person__last_name="Hart")
    family = services.attendee_add(
        actor=worker,
        meeting=meeting,
        values={"person": mum.person, "role": "Mum", "role_group": RoleGroup.FAMILY},
    )
    staff = services.attendee_add(
        actor=worker,
        meeting=meeting,
        values={"user": worker, "role": "Social worker", "role_group": RoleGroup.SOCIAL_CARE},
    )
    teacher = services.attendee_add(
        actor=worker,
        meeting=meeting,
        values={"name": "Mrs Okafor", "role": "Class teacher", "role_group": "education"},
    )
    assert (family.name, staff.name, teacher.name) == (
        "Leanne Hart",
        worker.display_name,
        "Mrs Okafor",
    )
    updated = services.attendee_update(
        actor=worker,
        attendee=teacher,
        expected_version=teacher.version,
        values={"attendance": "apologies", "report_received": True},
    )
    assert updated.attendance == "apologies" and updated.report_received
    services.attendee_remove(actor=worker, attendee=updated, expected_version=updated.version)
    assert meeting.attendees.filter(removed_at__isnull=True).count() == 2


def test_only_people_on_this_case_can_attend_as_family(worker, meeting):
    stranger = CaseMemberFactory()  # on another case
    with pytest.raises(ValidationError, match="on this child's case"):
        services.attendee_add(
            actor=worker,
            meeting=meeting,
            values={"person": stranger.person, "role": "Aunt", "role_group": "family"},
        )


def test_starting_saves_the_map_first_when_it_changed(worker, case, meeting):
    add_statement(worker, case)
    started = services.meeting_start(actor=worker, meeting=meeting, expected_version=1)
    assert started.status == MeetingStatus.IN_PROGRESS
    assert started.opened_map_version.occasion == Occasion.MEETING
    assert len(started.opened_map_version.snapshot["danger_statements"]) == 1


def test_starting_opens_the_last_version_when_nothing_changed(worker, case, plan):
    add_statement(worker, case)
    saved = map_services.map_version_save(
        actor=worker, case=case, occasion="visit", note="", saved_on=timezone.localdate()
    )
    started = services.meeting_start(actor=worker, meeting=plan(case), expected_version=1)
    assert started.opened_map_version == saved
    assert MapVersion.objects.filter(case=case).count() == 1


def test_finishing_saves_what_the_meeting_changed(worker, case, meeting):
    started = services.meeting_start(actor=worker, meeting=meeting, expected_version=1)
    add_statement(worker, case)
    finished = services.meeting_finish(
        actor=worker,
        meeting=started,
        expected_version=started.version,
        next_meeting_on=in_days(60),
    )
    version = finished.saved_map_version
    assert version.occasion == Occasion.MEETING and "Initial child protection" in version.note
    assert version.number == started.opened_map_version.number + 1
    assert finished.next_meeting_on == in_days(60)
    assert finished.progress.finished_at is not None


def test_finishing_without_changes_saves_no_version(worker, meeting):
    started = services.meeting_start(actor=worker, meeting=meeting, expected_version=1)
    finished = services.meeting_finish(
        actor=worker, meeting=started, expected_version=started.version
    )
    assert finished.saved_map_version is None


def test_a_meeting_runs_in_order(worker, meeting):
    with pytest.raises(ValidationError, match="cannot finish"):
        services.meeting_finish(actor=worker, meeting=meeting, expected_version=None)
    cancelled = services.meeting_cancel(
        actor=worker, meeting=meeting, expected_version=1, reason="Mum is in hospital"
    )
    assert cancelled.progress.cancelled_reason == "Mum is in hospital"
    with pytest.raises(ValidationError, match="cannot start"):
        services.meeting_start(actor=worker, meeting=cancelled, expected_version=None)


def test_cancelling_needs_a_reason(worker, meeting):
    with pytest.raises(ValidationError, match="why"):
        services.meeting_cancel(actor=worker, meeting=meeting, expected_version=1, reason=" ")


def test_actions_become_next_steps_on_the_map(worker, case, meeting):
    action = services.meeting_action_add(
        actor=worker,
        meeting=meeting,
        values={"action": "Book Dad onto the programme", "owner": "Sam", "due_on": in_days(14)},
    )
    step = NextStep.objects.get(case=case)
    assert action.next_step == step and step.owner == "Sam"


def test_invitations_go_to_each_person_alone(worker, meeting):
    for name, email in (("Mrs Okafor", "okafor@school.example.org"), ("Dr Lee", "")):
        services.attendee_add(
            actor=worker,
            meeting=meeting,
            values={"name": name, "role": "Teacher", "role_group": "education", "email": email},
        )
    services.attendee_add(
        actor=worker,
        meeting=meeting,
        values={"name": "PC Shah", "role": "Police", "role_group": "police",
                "email": "shah@police.example.org"},
    )  # fmt: skip
    sent = services.meeting_invitations_send(actor=worker, meeting=meeting)
    assert sorted(i.sent_to for i in sent) == [
        "okafor@school.example.org",
        "shah@police.example.org",
    ]
    assert [m.to for m in mail.outbox] == [
        ["okafor@school.example.org"],
        ["shah@police.example.org"],
    ]
    for message in mail.outbox:
        body = message.body + "".join(str(a[1]) for a in message.attachments)
        others = {"okafor@school.example.org", "shah@police.example.org"} - set(message.to)
        assert not any(address in body for address in others)
        assert message.attachments[0][2].startswith("text/calendar")
    assert AuditEvent.objects.filter(object_type="meetings.meetinginvitation").count() == 2


def test_invitations_need_someone_with_an_email(worker, meeting):
    with pytest.raises(ValidationError, match="email address"):
        services.meeting_invitations_send(actor=worker, meeting=meeting)
    assert mail.outbox == []
