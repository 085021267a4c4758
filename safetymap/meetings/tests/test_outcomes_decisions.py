# ruff: noqa: F811  (the fixtures are imported from outcome_factories, then used as arguments)
"""Decisions: recorded once per meeting with the statutory codes, each person's view and any
dissent; a correction names what it replaces; the service level changes once, through the
cases service, with its audit."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safetymap.audit.models import AuditEvent
from safetymap.cases.models import Case, ServiceLevel, ServiceLevelChange
from safetymap.meetings.models import (
    Decision,
    DecisionKind,
    DecisionView,
    MeetingType,
    StrategyOutcome,
)
from safetymap.meetings.outcomes import DecisionInput, ViewEntry, decision_record
from safetymap.meetings.tests.outcome_factories import (  # noqa: F401  (fixtures)
    attendees,
    case,
    chair,
    colleague,
    meeting,
    reader,
    statement,
    stranger,
    worker,
)
from tests.factories import MeetingFactory

DISSENT = "Mum has done everything asked of her. A plan will frighten Kian for nothing."


def url(name, meeting):
    return reverse(
        f"meeting_outcomes:{name}",
        kwargs={"case_uuid": meeting.case.uuid, "meeting_uuid": meeting.uuid},
    )


def plan(**more):
    return DecisionInput(
        rationale="Dad's drinking is still hidden from the network; no safety plan is tested",
        decided_on=timezone.localdate(),
        plan_needed=True,
        category="neglect",
        **more,
    )


def level_changes(case):
    return list(ServiceLevelChange.objects.filter(case=case).values_list("to_level", flat=True))


def test_a_plan_steps_the_case_up_to_child_protection_once(chair, meeting, attendees, case):
    decision = decision_record(
        actor=chair,
        meeting=meeting,
        given=plan(views=[ViewEntry(attendees["mum"], False, DISSENT)]),
    )
    case.refresh_from_db()
    assert case.service_level == ServiceLevel.CHILD_PROTECTION
    assert level_changes(case) == [ServiceLevel.CHILD_PROTECTION]
    assert decision.level_change.to_level == ServiceLevel.CHILD_PROTECTION
    assert "initial child protection conference" in decision.level_change.reason
    assert AuditEvent.objects.filter(
        object_type="cases.servicelevelchange", case_uuid=case.uuid, actor=chair
    ).exists()
    assert AuditEvent.objects.filter(object_uuid=decision.uuid, action="create").exists()
    view = DecisionView.objects.get()
    assert (view.agrees, view.words) == (False, DISSENT)


def test_a_plan_on_a_case_already_at_child_protection_changes_nothing(chair, meeting, case):
    Case.objects.filter(pk=case.pk).update(service_level=ServiceLevel.CHILD_PROTECTION)
    decision = decision_record(actor=chair, meeting=meeting, given=plan())
    assert decision.level_change is None
    assert level_changes(case) == []


def test_a_decision_is_recorded_once_then_only_corrected(chair, meeting, case):
    first = decision_record(actor=chair, meeting=meeting, given=plan())
    with pytest.raises(ValidationError, match="already recorded"):
        decision_record(actor=chair, meeting=meeting, given=plan())
    no_plan = DecisionInput(
        rationale="The family network has tested the plan over two weekends",
        decided_on=timezone.localdate(),
        plan_needed=False,
        step_to=ServiceLevel.CHILD_IN_NEED,
    )
    with pytest.raises(ValidationError):
        decision_record(actor=chair, meeting=meeting, given=no_plan, replaces=first)
    corrected = decision_record(
        actor=chair,
        meeting=meeting,
        given=no_plan,
        replaces=first,
        correction_reason="Typed into the wrong child's meeting",
    )
    assert corrected.replaces == first
    with pytest.raises(ValidationError, match="already been corrected"):
        decision_record(
            actor=chair, meeting=meeting, given=no_plan, replaces=first, correction_reason="Again"
        )
    case.refresh_from_db()
    assert case.service_level == ServiceLevel.CHILD_IN_NEED
    assert level_changes(case) == [ServiceLevel.CHILD_PROTECTION, ServiceLevel.CHILD_IN_NEED]
    assert Decision.objects.filter(meeting=meeting).count() == 2


@pytest.mark.parametrize(
    ("step_to", "expected"),
    [("", ServiceLevel.CHILD_IN_NEED), (ServiceLevel.EARLY_HELP, ServiceLevel.EARLY_HELP)],
)
def test_ending_the_plan_steps_down(chair, case, worker, step_to, expected):
    Case.objects.filter(pk=case.pk).update(service_level=ServiceLevel.CHILD_PROTECTION)
    review = MeetingFactory(case=case, kind=MeetingType.REVIEW_CONFERENCE, chair=chair)
    decision = decision_record(
        actor=chair,
        meeting=review,
        given=DecisionInput(
            rationale="Mum and Nan have kept the safety plan for six months",
            decided_on=timezone.localdate(),
            plan_continues=False,
            step_to=step_to,
        ),
    )
    assert decision.kind == DecisionKind.REVIEW
    assert level_changes(case) == [expected]


def test_strategy_outcomes_are_kept_as_codes(chair, case):
    strategy = MeetingFactory(case=case, kind=MeetingType.STRATEGY_DISCUSSION)
    given = DecisionInput(
        rationale="Bruising to Kian's arm he says Dad caused",
        decided_on=timezone.localdate(),
        outcomes=[StrategyOutcome.POLICE, StrategyOutcome.SECTION_47],
    )
    decision = decision_record(actor=chair, meeting=strategy, given=given)
    assert sorted(decision.outcomes.values_list("code", flat=True)) == [
        "police_investigation",
        "section_47_enquiry",
    ]
    assert level_changes(case) == []


@pytest.mark.parametrize(
    ("kind", "given", "field"),
    [
        (MeetingType.STRATEGY_DISCUSSION, {"outcomes": []}, "outcomes"),
        (
            MeetingType.STRATEGY_DISCUSSION,
            {"outcomes": [StrategyOutcome.NO_FURTHER_ACTION, StrategyOutcome.SECTION_47]},
            "outcomes",
        ),
        (MeetingType.INITIAL_CONFERENCE, {}, "plan_needed"),
        (MeetingType.INITIAL_CONFERENCE, {"plan_needed": True}, "category"),
        (
            MeetingType.INITIAL_CONFERENCE,
            {"plan_needed": True, "category": "neglect", "step_to": ServiceLevel.EARLY_HELP},
            "step_to",
        ),
        (MeetingType.REVIEW_CONFERENCE, {}, "plan_continues"),
        (MeetingType.CORE_GROUP, {"step_to": ServiceLevel.CHILD_IN_NEED}, "step_to"),
    ],
)
def test_incomplete_decisions_are_refused_and_nothing_changes(chair, case, kind, given, field):
    meeting = MeetingFactory(case=case, kind=kind)
    with pytest.raises(ValidationError) as refused:
        decision_record(
            actor=chair,
            meeting=meeting,
            given=DecisionInput(rationale="Reasons", decided_on=timezone.localdate(), **given),
        )
    assert field in refused.value.message_dict
    assert not Decision.objects.exists() and level_changes(case) == []


def test_dissent_needs_their_words(chair, meeting, attendees):
    with pytest.raises(ValidationError) as refused:
        decision_record(
            actor=chair, meeting=meeting, given=plan(views=[ViewEntry(attendees["mum"], False, "")])
        )
    assert f"words_{attendees['mum'].uuid}" in refused.value.message_dict


def test_a_decision_cannot_be_dated_in_the_future(chair, meeting):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        decision_record(
            actor=chair,
            meeting=meeting,
            given=DecisionInput(rationale="x", decided_on=tomorrow, plan_needed=False),
        )


# --- The pages ----------------------------------------------------------------------------------


def _conference_post(attendees, **more):
    return {
        "plan_needed": "yes",
        "category": "emotional_abuse",
        "step_to": "",
        "rationale": "Kian is scared to go home when Dad has been drinking",
        "decided_on_day": str(timezone.localdate().day),
        "decided_on_month": str(timezone.localdate().month),
        "decided_on_year": str(timezone.localdate().year),
        f"view_{attendees['mum'].uuid}": "disagrees",
        f"words_{attendees['mum'].uuid}": DISSENT,
        f"view_{attendees['health'].uuid}": "agrees",
        **more,
    }


def test_recording_a_conference_decision_with_dissent_through_the_page(
    client, chair, meeting, attendees, case
):
    client.force_login(chair)
    page = url("decision", meeting)
    form = client.get(page).content.decode()
    assert "Does the child need a child protection plan?" in form
    assert "Dawn Marsh" in form and "Helen Ward" not in form  # apologies give no view
    response = client.post(page, _conference_post(attendees, category=""))
    assert response.status_code == 400
    assert "Select the category of the plan" in response.content.decode()
    response = client.post(page, _conference_post(attendees))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.service_level == ServiceLevel.CHILD_PROTECTION
    shown = client.get(page).content.decode()
    assert "Child protection plan: yes, under emotional abuse" in shown
    assert DISSENT in shown and "Disagrees" in shown
    assert "Changed from child in need to child protection" in shown


def test_correcting_through_the_page_keeps_the_first(client, chair, meeting, attendees, case):
    first = decision_record(actor=chair, meeting=meeting, given=plan())
    client.force_login(chair)
    post = _conference_post(attendees, category="neglect")
    response = client.post(url("decision_correct", meeting), post)
    assert response.status_code == 400  # no reason for the correction
    post["correction_reason"] = "The category was recorded wrongly"
    assert client.post(url("decision_correct", meeting), post).status_code == 302
    shown = client.get(url("decision", meeting)).content.decode()
    assert "The category was recorded wrongly" in shown
    assert "Decisions this one corrected" in shown
    assert Decision.objects.get(replaces=first).category == "neglect"


def test_read_only_users_see_but_cannot_record(client, reader, chair, meeting, attendees):
    client.force_login(reader)
    assert "No decision has been recorded" in client.get(url("decision", meeting)).content.decode()
    assert client.post(url("decision", meeting), _conference_post(attendees)).status_code == 403
    assert client.get(url("decision_correct", meeting)).status_code == 403
    assert not Decision.objects.exists()


def test_unrelated_users_get_404(client, stranger, meeting):
    client.force_login(stranger)
    assert client.get(url("decision", meeting)).status_code == 404
    assert client.post(url("decision_correct", meeting)).status_code == 404


def test_the_decision_is_in_the_chronology(chair, meeting, case):
    from safetymap.meetings.outcomes import decisions_chronology

    decision_record(actor=chair, meeting=meeting, given=plan())
    (event,) = decisions_chronology.events(case)
    assert event.summary == (
        "Initial child protection conference: Child protection plan: yes, under neglect"
    )
