"""Independent scaling: entered separately, hidden from everyone (the chair included) until
the chair reveals them, then shown as a spread by role; later changes are kept."""

# ruff: noqa: F811  (the fixtures are imported from outcome_factories, then used as arguments)
from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetymap.audit.models import AuditEvent
from safetymap.meetings.models import AttendeeScale, ScaleChange, ScalesReveal
from safetymap.meetings.outcomes import ScaleEntry, scales_enter, scales_reveal, scaling_state
from safetymap.meetings.tests.outcome_factories import (  # noqa: F401  (fixtures)
    attendees,
    case,
    chair,
    colleague,
    manager,
    meeting,
    reader,
    statement,
    stranger,
    worker,
)
from tests.factories import DangerStatementFactory, MeetingAttendeeFactory, MeetingFactory

MUM_REASON = "I have stopped drinking and Kian goes to school every day now"
HEALTH_REASON = "Kian missed his hearing test twice and Mum would not let me in"
OWN_REASON = "The network is new and has not been tested on a weekend yet"


def url(name, meeting, **extra):
    return reverse(
        f"meeting_outcomes:{name}",
        kwargs={"case_uuid": meeting.case.uuid, "meeting_uuid": meeting.uuid, **extra},
    )


@pytest.fixture
def scaled(meeting, attendees, worker, colleague, statement):
    """Mum and the health visitor scaled by the minute taker; the colleague scaled their own."""
    scales_enter(
        actor=worker,
        attendee=attendees["mum"],
        entries=[ScaleEntry(None, 7, MUM_REASON), ScaleEntry(statement, 6, "Dad has moved out")],
    )
    scales_enter(
        actor=worker, attendee=attendees["health"], entries=[ScaleEntry(None, 2, HEALTH_REASON)]
    )
    scales_enter(
        actor=colleague, attendee=attendees["colleague"], entries=[ScaleEntry(None, 4, OWN_REASON)]
    )
    return attendees


# --- The service -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([], "Enter the overall scale"),
        ([ScaleEntry(None, 11, "Too high")], "from 0 to 10"),
        ([ScaleEntry(None, 5, "  ")], "Give the reason"),
    ],
)
def test_scales_are_refused_without_an_overall_number_and_reason(
    worker, attendees, entries, message
):
    with pytest.raises(ValidationError, match=message):
        scales_enter(actor=worker, attendee=attendees["mum"], entries=entries)
    assert not AttendeeScale.objects.exists()


def test_a_danger_statement_from_another_case_is_refused(worker, attendees):
    elsewhere = DangerStatementFactory()
    with pytest.raises(ValidationError, match="not on this meeting"):
        scales_enter(
            actor=worker,
            attendee=attendees["mum"],
            entries=[ScaleEntry(None, 5, "Fine"), ScaleEntry(elsewhere, 5, "Fine")],
        )


def test_state_counts_whose_are_in_without_apologies(scaled, meeting, chair):
    state = scaling_state(meeting, chair)
    assert (state.count_in, state.count_expected) == (3, 3)
    assert {a.name for a in state.whose_in} == {"Dawn Marsh", "Grace Okafor", "Tomasz Nowak"}
    assert not state.revealed and state.lines == [] and state.own == []


def test_the_attendee_sees_only_their_own_before_the_reveal(scaled, meeting, colleague):
    state = scaling_state(meeting, colleague)
    assert [s.reason for s in state.own] == [OWN_REASON]
    assert state.lines == []


def test_re_entering_before_the_reveal_replaces_quietly(scaled, worker, meeting):
    scales_enter(actor=worker, attendee=scaled["mum"], entries=[ScaleEntry(None, 8, MUM_REASON)])
    assert AttendeeScale.objects.get(attendee=scaled["mum"], danger_statement=None).score == 8
    assert not ScaleChange.objects.exists()


def test_reveal_is_audited_once_and_shows_the_spread_by_role(scaled, meeting, chair):
    scales_reveal(actor=chair, meeting=meeting)
    assert AuditEvent.objects.filter(object_type="meetings.scalesreveal", actor=chair).count() == 1
    with pytest.raises(ValidationError, match="already been shown"):
        scales_reveal(actor=chair, meeting=meeting)
    overall, on_statement = scaling_state(meeting, chair).lines
    assert (overall.lowest, overall.highest) == (2, 7)
    assert [role for role, _ in overall.by_role] == ["Family", "Children's social care", "Health"]
    assert [d.scale.score for d in on_statement.dots] == [6]


def test_nothing_to_reveal_before_any_scale_is_in(meeting, attendees, chair):
    with pytest.raises(ValidationError, match="No scales are in"):
        scales_reveal(actor=chair, meeting=meeting)


def test_a_change_after_the_reveal_is_kept_as_a_change(scaled, meeting, chair, worker):
    scales_reveal(actor=chair, meeting=meeting)
    scales_enter(
        actor=worker,
        attendee=scaled["health"],
        entries=[ScaleEntry(None, 4, "Mum let me in today")],
    )
    change = ScaleChange.objects.get()
    assert (change.old_score, change.new_score, change.old_reason) == (2, 4, HEALTH_REASON)
    assert change.changed_by == worker


# --- The pages: hidden until revealed -----------------------------------------------------------


def _page(client, user, meeting):
    client.force_login(user)
    response = client.get(url("scales", meeting))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["chair", "worker", "manager"])
def test_nobody_sees_the_numbers_before_the_reveal(client, scaled, meeting, who, request):
    html = _page(client, request.getfixturevalue(who), meeting)
    assert "3 of 3</strong> scales in" in html
    assert "Dawn Marsh" in html and "Grace Okafor" in html
    for reason in (MUM_REASON, HEALTH_REASON, OWN_REASON, "Dad has moved out"):
        assert reason not in html
    assert "<svg" not in html


def test_the_attendee_page_shows_their_own_and_no_one_elses(client, scaled, meeting, colleague):
    html = _page(client, colleague, meeting)
    assert OWN_REASON in html
    assert MUM_REASON not in html and HEALTH_REASON not in html


def test_the_minute_taker_re_entering_sees_no_earlier_number(client, scaled, meeting, worker):
    client.force_login(worker)
    html = client.get(
        url("scale_enter", meeting, attendee_uuid=scaled["mum"].uuid)
    ).content.decode()
    assert "already in" in html
    assert MUM_REASON not in html and 'value="7"' not in html


def test_the_meeting_page_fragment_says_only_how_many_are_in(
    rf: RequestFactory, scaled, meeting, manager
):
    request = rf.get("/")
    request.user = manager
    html = render_to_string(
        "meetings/partials/outcomes.html", {"meeting": meeting, "request": request}
    )
    assert "3 of 3" in html and "Tomasz Nowak" in html
    assert MUM_REASON not in html and HEALTH_REASON not in html


def test_after_the_reveal_everyone_sees_the_spread_and_reasons(
    client, scaled, meeting, chair, manager
):
    client.force_login(chair)
    assert client.get(url("reveal", meeting)).status_code == 200
    response = client.post(url("reveal", meeting))
    assert response.status_code == 302
    html = _page(client, manager, meeting)
    assert MUM_REASON in html and HEALTH_REASON in html and OWN_REASON in html
    assert 'role="img"' in html and "lowest 2 (Grace Okafor), highest 7 (Dawn Marsh)" in html


def test_a_change_after_the_reveal_is_shown_next_to_the_number(
    client, scaled, meeting, chair, worker
):
    scales_reveal(actor=chair, meeting=meeting)
    client.force_login(worker)
    page = url("scale_enter", meeting, attendee_uuid=scaled["health"].uuid)
    assert HEALTH_REASON in client.get(page).content.decode()  # shown now, so prefilled
    response = client.post(page, {"score_overall": "4", "reason_overall": "Mum let me in today"})
    assert response.status_code == 302
    html = _page(client, worker, meeting)
    assert "from <strong>2</strong> to <strong>4</strong>" in html


def test_entering_a_scale_through_the_page(client, meeting, attendees, worker, statement):
    client.force_login(worker)
    page = url("scale_enter", meeting, attendee_uuid=attendees["mum"].uuid)
    response = client.post(
        page,
        {
            "score_overall": "6",
            "reason_overall": MUM_REASON,
            f"score_{statement.uuid}": "5",
            f"reason_{statement.uuid}": "",
        },
    )
    assert response.status_code == 400
    assert "Enter the reason for the scale on danger statement 1" in response.content.decode()
    assert not AttendeeScale.objects.exists()
    response = client.post(page, {"score_overall": "6", "reason_overall": MUM_REASON})
    assert response.status_code == 302
    assert AttendeeScale.objects.get().entered_by == worker


# --- Who may do what ----------------------------------------------------------------------------


def test_only_the_chair_reveals(client, scaled, meeting, worker):
    client.force_login(worker)
    assert client.post(url("reveal", meeting)).status_code == 403
    assert not ScalesReveal.objects.exists()


def test_an_attendee_may_enter_their_own_but_not_others(
    client, meeting, attendees, colleague, reader
):
    # The colleague is an editor of the case through the team, so both are allowed for them;
    # a read-only colleague may not change anything.
    client.force_login(reader)
    own_page = url("scale_enter", meeting, attendee_uuid=attendees["mum"].uuid)
    assert client.get(own_page).status_code == 403
    assert client.post(own_page, {"score_overall": "5", "reason_overall": "x"}).status_code == 403


def test_unrelated_users_and_other_cases_meetings_are_404(
    client, scaled, meeting, stranger, worker
):
    client.force_login(stranger)
    assert client.get(url("scales", meeting)).status_code == 404
    client.force_login(worker)
    other = MeetingFactory()
    wrong_case = reverse(
        "meeting_outcomes:scales",
        kwargs={"case_uuid": meeting.case.uuid, "meeting_uuid": other.uuid},
    )
    assert client.get(wrong_case).status_code == 404
    someone_elses = MeetingAttendeeFactory(meeting=other)
    assert (
        client.get(url("scale_enter", meeting, attendee_uuid=someone_elses.uuid)).status_code == 404
    )
    assert (
        client.get(url("scale_enter", meeting, attendee_uuid=scaled["school"].uuid)).status_code
        == 404
    )


def test_the_scales_page_makes_the_same_queries_however_many_attend(client, scaled, meeting, chair):
    scales_reveal(actor=chair, meeting=meeting)
    client.force_login(chair)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("scales", meeting)).status_code == 200
        return len(queries)

    few = count()
    for number in range(6):
        extra = MeetingAttendeeFactory(meeting=meeting, name=f"Extra {number}")
        AttendeeScale.objects.create(meeting=meeting, attendee=extra, score=number, reason="Seen")
    assert count() == few
