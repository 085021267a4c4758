# ruff: noqa: F811  (the fixtures are imported from outcome_factories, then used as arguments)
"""Statutory meeting timescales on fixed dates, the case panel, the team figure and the
reminders to the allocated workers."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safetymap.cases.models import Case, ServiceLevel
from safetymap.cases.registry import team_figures
from safetymap.meetings.models import DecisionKind, MeetingStatus, MeetingType
from safetymap.meetings.tests.outcome_factories import (  # noqa: F401  (fixtures)
    case,
    held,
    strategy_with_section_47,
    worker,
)
from safetymap.meetings.timescales import (
    add_months,
    case_meetings_due,
    cases_with_overdue_meetings,
    meeting_reminders_refresh,
)
from safetymap.notifications.models import Kind, Notification
from tests.factories import CaseFactory, MeetingFactory

D = datetime.date


def dues(case):
    return [(d.kind, d.due_on) for d in case_meetings_due(case)]


def at_level(case, level):
    Case.objects.filter(pk=case.pk).update(service_level=level)
    case.refresh_from_db()
    return case


def conference(case, on, kind=MeetingType.INITIAL_CONFERENCE, **decision):
    if kind == MeetingType.REVIEW_CONFERENCE:
        decision.update(kind=DecisionKind.REVIEW, plan_needed=None, category="")
    decision.setdefault("kind", DecisionKind.CONFERENCE)  # a plan, under neglect
    return held(case, kind, on, **decision)


def test_add_months_keeps_the_day_or_the_end_of_a_short_month():
    assert add_months(D(2026, 3, 30), 3) == D(2026, 6, 30)
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)


def test_initial_conference_due_15_working_days_after_a_section_47_strategy(case):
    strategy_with_section_47(case, D(2026, 12, 14))
    (due,) = case_meetings_due(case)
    assert (due.kind, due.due_on, due.booked_on) == (
        MeetingType.INITIAL_CONFERENCE,
        D(2027, 1, 7),
        None,
    )
    assert not due.overdue(D(2027, 1, 7)) and due.overdue(D(2027, 1, 8))
    assert "section 47" in due.because


def test_a_booked_conference_is_shown_and_a_held_one_clears_it(case):
    strategy_with_section_47(case, D(2026, 12, 14))
    MeetingFactory(case=case, kind=MeetingType.INITIAL_CONFERENCE, held_on=D(2027, 1, 12))
    (due,) = case_meetings_due(case)
    assert due.booked_on == D(2027, 1, 12) and due.booked_late
    MeetingFactory(
        case=case,
        kind=MeetingType.INITIAL_CONFERENCE,
        held_on=D(2027, 1, 5),
        status=MeetingStatus.FINISHED,
    )
    assert dues(case) == []


def test_a_strategy_discussion_without_an_enquiry_needs_no_conference(case):
    held(
        case,
        MeetingType.STRATEGY_DISCUSSION,
        D(2026, 12, 14),
        kind=DecisionKind.STRATEGY,
        plan_needed=None,
        category="",
        outcomes=["child_family_assessment"],
    )
    assert dues(case) == []


def test_a_plan_needs_a_core_group_in_10_working_days_and_a_review_in_3_months(case):
    at_level(case, ServiceLevel.CHILD_PROTECTION)
    conference(case, D(2026, 3, 30))  # Easter 2026 falls in the 10 working days
    assert dues(case) == [
        (MeetingType.CORE_GROUP, D(2026, 4, 15)),
        (MeetingType.REVIEW_CONFERENCE, D(2026, 6, 30)),
    ]
    held(case, MeetingType.CORE_GROUP, D(2026, 4, 14))
    assert dues(case) == [(MeetingType.REVIEW_CONFERENCE, D(2026, 6, 30))]


def test_then_a_review_every_6_months_while_the_plan_continues(case):
    at_level(case, ServiceLevel.CHILD_PROTECTION)
    conference(case, D(2026, 3, 30))
    held(case, MeetingType.CORE_GROUP, D(2026, 4, 14))
    conference(case, D(2026, 6, 25), kind=MeetingType.REVIEW_CONFERENCE, plan_continues=True)
    assert dues(case) == [(MeetingType.REVIEW_CONFERENCE, D(2026, 12, 25))]


def test_no_plan_or_a_plan_ended_needs_no_more_conferences(case):
    at_level(case, ServiceLevel.CHILD_PROTECTION)
    conference(case, D(2026, 3, 30))
    conference(case, D(2026, 6, 25), kind=MeetingType.REVIEW_CONFERENCE, plan_continues=False)
    assert dues(case) == []
    other = at_level(CaseFactory(), ServiceLevel.CHILD_PROTECTION)
    conference(other, D(2026, 3, 30), plan_needed=False, category="")
    assert dues(other) == []


def test_early_help_is_reviewed_at_the_configured_interval(settings, db):
    settings.SAFETYMAP_EARLY_HELP_REVIEW_WEEKS = 12
    case = CaseFactory(service_level=ServiceLevel.EARLY_HELP, opened_on=D(2026, 1, 5))
    assert dues(case) == [(MeetingType.EARLY_HELP, D(2026, 3, 30))]
    held(case, MeetingType.EARLY_HELP, D(2026, 3, 2))
    assert dues(case) == [(MeetingType.EARLY_HELP, D(2026, 5, 25))]
    settings.SAFETYMAP_EARLY_HELP_REVIEW_WEEKS = 6
    assert dues(case) == [(MeetingType.EARLY_HELP, D(2026, 4, 13))]


def test_closed_cases_need_no_meetings(case):
    strategy_with_section_47(case, D(2026, 12, 14))
    Case.objects.filter(pk=case.pk).update(closed_on=D(2026, 12, 20))
    case.refresh_from_db()
    assert dues(case) == []


# --- The team figure and the case panel ---------------------------------------------------------


def _overdue_case(team, today):
    case = CaseFactory(team=team, service_level=ServiceLevel.CHILD_IN_NEED)
    strategy_with_section_47(case, today - datetime.timedelta(days=40))
    return case


def test_team_figure_lists_cases_with_meetings_overdue_in_fixed_queries(case):
    (figure,) = [f for f in team_figures() if f.key == "meetings_overdue"]
    assert figure.label == "Meetings overdue or missing"
    today = timezone.localdate()
    late = _overdue_case(case.team, today)
    on_time = CaseFactory(team=case.team)
    strategy_with_section_47(on_time, today)
    team_cases = Case.objects.filter(team=case.team)

    def run() -> tuple[set[int], int]:
        with CaptureQueriesContext(connection) as queries:
            found = {c.pk for c in figure.cases(team_cases, today)}
        return found, len(queries)

    found, few = run()
    assert found == {late.pk}
    for _ in range(4):
        _overdue_case(case.team, today)
    found, many = run()
    assert len(found) == 5 and many == few
    assert cases_with_overdue_meetings(team_cases, today).count() == 5


def test_the_case_overview_leads_with_overdue_meetings(client, case, worker):
    today = timezone.localdate()
    strategy_with_section_47(case, today - datetime.timedelta(days=40))
    client.force_login(worker)
    html = client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).content.decode()
    assert "Meetings overdue" in html and "Initial child protection conference" in html


def test_the_case_overview_shows_meetings_due_when_none_is_late(client, case, worker):
    strategy_with_section_47(case, timezone.localdate())
    client.force_login(worker)
    html = client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).content.decode()
    assert "Meetings due" in html and "Meetings overdue" not in html


# --- Reminders ----------------------------------------------------------------------------------


def test_workers_are_reminded_and_the_reminder_is_withdrawn_when_the_meeting_is_held(case, worker):
    today = timezone.localdate()
    strategy_with_section_47(case, today)
    meeting_reminders_refresh(actor=None, case=case)
    meeting_reminders_refresh(actor=None, case=case)  # again: no second reminder
    reminder = Notification.objects.get(recipient=worker)
    assert reminder.kind == Kind.MEETING_DUE
    assert reminder.key.startswith(f"meeting-due:{case.uuid}:initial_conference:")
    assert reminder.show_from > timezone.now()  # shown from a week before it is due
    # Holding the conference withdraws the reminder (the meeting services refresh them).
    MeetingFactory(
        case=case, kind=MeetingType.INITIAL_CONFERENCE, held_on=today, status=MeetingStatus.FINISHED
    )
    meeting_reminders_refresh(actor=worker, case=case)
    reminder.refresh_from_db()
    assert reminder.withdrawn_at is not None


def test_planning_and_starting_the_conference_through_the_services_follows_the_reminders(
    case, worker
):
    from safetymap.meetings import services as meeting_services

    today = timezone.localdate()
    strategy_with_section_47(case, today)
    meeting_reminders_refresh(actor=None, case=case)
    reminder = Notification.objects.get(recipient=worker)
    conference = meeting_services.meeting_plan(
        actor=worker,
        case=case,
        values={"kind": MeetingType.INITIAL_CONFERENCE, "held_on": today, "place": "Room 2"},
    )
    meeting_services.meeting_start(actor=worker, meeting=conference, expected_version=None)
    reminder.refresh_from_db()
    assert reminder.withdrawn_at is not None


def test_a_moved_due_date_replaces_the_reminder(case, worker):
    today = timezone.localdate()
    strategy_with_section_47(case, today - datetime.timedelta(days=3))
    meeting_reminders_refresh(actor=None, case=case)
    first = Notification.objects.get(recipient=worker)
    strategy_with_section_47(case, today)  # a later strategy discussion restarts the clock
    meeting_reminders_refresh(actor=None, case=case)
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    current = Notification.objects.get(recipient=worker, withdrawn_at__isnull=True)
    assert current.key != first.key


def test_recording_a_plan_reminds_the_worker_of_the_core_group(case, worker):
    from safetymap.meetings.outcomes import DecisionInput, decision_record

    today = timezone.localdate()
    conference_today = MeetingFactory(case=case, kind=MeetingType.INITIAL_CONFERENCE, held_on=today)
    decision_record(
        actor=worker,
        meeting=conference_today,
        given=DecisionInput(
            rationale="Nobody is checking Kian is fed", decided_on=today, plan_needed=True,
            category="neglect",
        ),
    )  # fmt: skip
    keys = set(Notification.objects.filter(recipient=worker).values_list("key", flat=True))
    assert any(":core_group:" in key for key in keys)
    assert any(":review_conference:" in key for key in keys)
