"""The meeting pages: who may open them, planning and running a meeting, the calendar file,
invitations, the record as a PDF, and the live view."""

from __future__ import annotations

import datetime
import io
import re

import pypdf
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases.registry import chronology_sources
from safetymap.mapping import services as map_services
from safetymap.meetings import services
from safetymap.meetings.invitations import meeting_ics
from safetymap.meetings.models import Meeting, MeetingStatus, MeetingType
from safetymap.meetings.tests.conftest import in_days
from tests.factories import CaseFactory, CaseMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

MEETING_PAGES = (
    "meeting", "edit", "cancel", "start", "finish", "next_date", "childs_views",
    "attendee_add", "action_add", "calendar", "invite", "record", "live", "live_fragment",
)  # fmt: skip
READ_PAGES = ("meeting", "calendar", "record", "live", "live_fragment")


def url(name, meeting, **extra):
    return reverse(
        f"meetings:{name}",
        kwargs={"case_uuid": meeting.case.uuid, "meeting_uuid": meeting.uuid, **extra},
    )


def signed_in(client, user):
    client.force_login(user)
    return client


def add_statement(worker, case, behaviour="Dad has hit Mum when he has been drinking"):
    return map_services.danger_statement_add(
        actor=worker,
        case=case,
        values={
            "who_is_worried": "Kian's school",
            "adult_behaviour": behaviour,
            "feared_for_child": "Kian will be hurt trying to stop it",
        },
    )


# --- Who may open the pages -------------------------------------------------------------------


def test_every_page_is_404_to_a_stranger(client, stranger, meeting):
    signed_in(client, stranger)
    pages = [url(name, meeting) for name in MEETING_PAGES]
    pages += [
        reverse(f"meetings:{n}", kwargs={"case_uuid": meeting.case.uuid}) for n in ("list", "plan")
    ]
    for page in pages:
        assert client.get(page).status_code == 404, page


def test_a_reader_reads_but_may_not_change(client, reader, meeting):
    signed_in(client, reader)
    for name in READ_PAGES:
        assert client.get(url(name, meeting)).status_code == 200, name
    for name in ("edit", "cancel", "start", "childs_views", "attendee_add", "invite"):
        assert client.get(url(name, meeting)).status_code == 403, name
        assert client.post(url(name, meeting), {}).status_code == 403, name
    plan = reverse("meetings:plan", kwargs={"case_uuid": meeting.case.uuid})
    assert client.post(plan, {}).status_code == 403


def test_the_minute_taker_runs_the_meeting_without_an_editing_role(client, worker, case, plan):
    support = UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)
    meeting = plan(case, minute_taker=support)
    signed_in(client, support)
    response = client.post(
        url("childs_views", meeting),
        {"version": meeting.version, "childs_views": "I want Dad to stop shouting."},
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).childs_views == "I want Dad to stop shouting."


def test_an_independent_reviewing_officer_opens_the_looked_after_review_they_chair(
    client, case, plan
):
    officer = UserFactory(team=None, role=Role.CONFERENCE_CHAIR)
    review = plan(case, chair=officer, kind=MeetingType.LOOKED_AFTER_REVIEW)
    core_group = plan(case, kind=MeetingType.CORE_GROUP, chair=officer)
    signed_in(client, officer)
    assert client.get(url("meeting", review)).status_code == 200
    core_group.refresh_from_db()
    review.status = MeetingStatus.CANCELLED  # a cancelled review gives no access
    review.save()
    assert client.get(url("meeting", core_group)).status_code == 404


def test_the_conference_chair_runs_their_conference_and_only_theirs(client, case, plan):
    chair = UserFactory(team=None, role=Role.CONFERENCE_CHAIR)
    conference = plan(case, chair=chair)
    elsewhere = plan(CaseFactory(), chair=UserFactory(role=Role.CONFERENCE_CHAIR))
    signed_in(client, chair)
    response = client.post(
        url("childs_views", conference),
        {"version": conference.version, "childs_views": "I want to stay with Nan."},
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pk=conference.pk).childs_views == "I want to stay with Nan."
    decision_page = reverse(
        "meeting_outcomes:decision",
        kwargs={"case_uuid": case.uuid, "meeting_uuid": conference.uuid},
    )
    assert 'name="rationale"' in client.get(decision_page).content.decode()
    assert client.get(url("meeting", elsewhere)).status_code == 404
    # The rest of the record stays read-only to the chair.
    edit_child = reverse("cases:child_edit", kwargs={"case_uuid": case.uuid})
    assert client.post(edit_child, {}).status_code == 403


# --- Planning and running -----------------------------------------------------------------------


def test_planning_from_the_front_door_preselects_the_kind(client, worker, case):
    signed_in(client, worker)
    plan = reverse("meetings:plan", kwargs={"case_uuid": case.uuid})
    page = client.get(plan + "?kind=strategy_discussion").content.decode()
    assert re.search(r'value="strategy_discussion"[^>]*checked', page)
    day = in_days(5)
    response = client.post(
        plan,
        {"kind": "strategy_discussion", "held_on_day": day.day, "held_on_month": day.month,
         "held_on_year": day.year, "starts_at": "09:30", "place": "", "online": "on",
         "chair": str(worker.uuid)},
    )  # fmt: skip
    meeting = Meeting.objects.get(case=case)
    assert response["Location"] == url("meeting", meeting)
    assert (meeting.kind, meeting.starts_at, meeting.online) == (
        "strategy_discussion",
        datetime.time(9, 30),
        True,
    )


def test_bad_input_is_refused_with_a_message(client, worker, case):
    signed_in(client, worker)
    plan = reverse("meetings:plan", kwargs={"case_uuid": case.uuid})
    response = client.post(plan, {"kind": "core_group", "starts_at": "half ten"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the start time like 14:30" in page
    assert "Enter where the meeting is" in page
    assert not Meeting.objects.exists()


def test_a_stale_change_keeps_what_was_typed(client, worker, meeting):
    services.meeting_update(
        actor=worker, meeting=meeting, expected_version=1, values={"place": "Family centre"}
    )
    signed_in(client, worker)
    response = client.post(
        url("childs_views", meeting), {"version": 1, "childs_views": "I like my nan's house"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone else changed this" in page and "I like my nan&#x27;s house" in page


def test_start_add_an_action_and_finish(client, worker, case, meeting):
    signed_in(client, worker)
    assert client.post(url("start", meeting), {"version": 1}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_PROGRESS and meeting.opened_map_version
    due = in_days(10)
    response = client.post(
        url("action_add", meeting),
        {"action": "Dad to start the Caring Dads course", "owner": "Dad",
         "due_on_day": due.day, "due_on_month": due.month, "due_on_year": due.year,
         "shared_with_family": "True"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(url("meeting", meeting)).content.decode()
    assert "Dad to start the Caring Dads course" in page
    assert client.post(url("finish", meeting), {"version": meeting.version}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.FINISHED
    assert meeting.saved_map_version is not None  # the action changed the map


def test_map_links_come_back_to_the_meeting(client, worker, case, meeting):
    signed_in(client, worker)
    page = client.get(url("meeting", meeting)).content.decode()
    add = reverse("mapping:record_add", kwargs={"case_uuid": case.uuid, "kind": "statements"})
    link = f"{add}?next={url('meeting', meeting)}%23the-map"
    assert link in page
    response = client.post(
        link,
        {"who_is_worried": "School", "adult_behaviour": "Mum leaves Kian alone at night",
         "feared_for_child": "Kian will be hurt", "statement": "", "family_view": "not_asked",
         "shared_with_family": "True"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == url("meeting", meeting) + "#the-map"


def test_the_page_makes_the_same_queries_for_a_small_and_a_large_meeting(
    client, worker, case, plan
):
    signed_in(client, worker)
    small, large = plan(case), plan(case)
    # One of each on the small meeting: an empty list skips its prefetch query altogether.
    for meeting in (small, large):
        services.attendee_add(
            actor=worker, meeting=meeting,
            values={"person": CaseMemberFactory(case=case).person, "role": "Family",
                    "role_group": "family"},
        )  # fmt: skip
    for number in range(8):
        member = CaseMemberFactory(case=case)
        services.attendee_add(
            actor=worker, meeting=large,
            values={"person": member.person, "role": "Family", "role_group": "family",
                    "email": f"p{number}@example.org"},
        )  # fmt: skip
        services.meeting_action_add(
            actor=worker, meeting=large,
            values={"action": f"Action {number}", "owner": "Sam", "due_on": in_days(9)},
        )  # fmt: skip
    services.meeting_invitations_send(actor=worker, meeting=large)

    def queries(meeting):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("meeting", meeting)).status_code == 200
        return len(captured)

    queries(small)  # warm the session and caches
    assert queries(small) == queries(large)


# --- The calendar file and invitations ------------------------------------------------------------


def unfolded(ics):
    assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", "")
    lines = ics.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)
    joined = "\r\n".join(lines).replace("\r\n ", "")
    return dict(line.split(":", 1) for line in joined.split("\r\n"))


def test_the_calendar_file_reads_back(client, worker, case, plan):
    meeting = plan(
        case,
        held_on=datetime.date(2027, 7, 6),
        starts_at=datetime.time(10, 0),
        place="Eastbrook Civic Centre, room 2; ask at reception for the conference suite " * 2,
    )
    signed_in(client, worker)
    response = client.get(url("calendar", meeting))
    assert response["Content-Type"].startswith("text/calendar")
    fields = unfolded(response.content.decode())
    assert fields["UID"] == f"{meeting.uuid}@safetymap"
    assert fields["DTSTART"] == "20270706T090000Z"  # 10am British Summer Time
    assert fields["DTEND"] == "20270706T103000Z"
    assert fields["LOCATION"].startswith("Eastbrook Civic Centre\\, room 2\\; ask")
    assert fields["SUMMARY"] == f"Initial child protection conference for {case.child.name_used}"
    assert "@" not in fields["DESCRIPTION"].replace(
        "childrens.services@eastbrook.example.gov.uk", ""
    )


def test_a_meeting_without_a_time_is_a_whole_day(worker, case, plan):
    meeting = plan(case, held_on=datetime.date(2027, 1, 12), starts_at=None)
    fields = unfolded(meeting_ics(meeting))
    assert fields["DTSTART;VALUE=DATE"] == "20270112"
    assert fields["DTEND;VALUE=DATE"] == "20270113"


def test_sending_invitations_from_the_page(client, worker, meeting):
    services.attendee_add(
        actor=worker,
        meeting=meeting,
        values={"name": "Mrs Okafor", "role": "Class teacher", "role_group": "education",
                "email": "okafor@school.example.org"},
    )  # fmt: skip
    signed_in(client, worker)
    assert "Mrs Okafor" in client.get(url("invite", meeting)).content.decode()
    assert client.post(url("invite", meeting), {"version": meeting.version}).status_code == 302
    (message,) = mail.outbox
    assert message.to == ["okafor@school.example.org"]
    assert "Dear Mrs Okafor" in message.body
    assert "okafor@school.example.org" in client.get(url("meeting", meeting)).content.decode()


# --- The record as a PDF ------------------------------------------------------------------------


def test_the_record_pdf_holds_the_meeting(client, worker, case, meeting):
    add_statement(worker, case)
    services.childs_views_record(
        actor=worker, meeting=meeting, expected_version=1, views="I want Dad to stop shouting."
    )
    services.meeting_action_add(
        actor=worker,
        meeting=meeting,
        values={"action": "Mum to ring the GP", "owner": "Mum", "due_on": in_days(3)},
    )
    signed_in(client, worker)
    response = client.get(url("pdf", meeting))
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in (
        "Initial child protection conference",
        "I want Dad to stop shouting.",
        "Dad has hit Mum when he has been drinking",
        "Mum to ring the GP",
    ):
        assert expected in text
    assert AccessEvent.objects.filter(what=services.PDF_WHAT, actor=worker).count() == 1


def test_the_record_checks_plain_language_when_family_attend(client, worker, case, meeting):
    add_statement(worker, case, behaviour="Dad's substance misuse and domestic abuse")
    mum = CaseMemberFactory(case=case)
    signed_in(client, worker)
    assert "Plain language check" not in client.get(url("record", meeting)).content.decode()
    services.attendee_add(
        actor=worker,
        meeting=meeting,
        values={"person": mum.person, "role": "Mum", "role_group": "family"},
    )
    page = client.get(url("record", meeting)).content.decode()
    assert "Plain language check" in page
    assert "Download as a PDF" in page  # never blocking


# --- The live view -----------------------------------------------------------------------------


def test_the_live_view_answers_204_until_the_map_changes(client, worker, case, meeting):
    signed_in(client, worker)
    opened = client.get(url("live", meeting))
    assert opened.status_code == 200
    events = AccessEvent.objects.filter(case_uuid=case.uuid).count()
    fragment = opened.context["fragment_url"]
    seen = opened.context["fingerprint"]

    assert client.get(fragment, {"seen": seen}).status_code == 204
    add_statement(worker, case, behaviour="Mum leaves Kian alone at night")
    changed = client.get(fragment, {"seen": seen})
    assert changed.status_code == 200
    assert "Mum leaves Kian alone at night" in changed.content.decode()
    assert changed.context["fingerprint"] != seen
    # Opening the page was recorded; the refreshes were not.
    assert AccessEvent.objects.filter(case_uuid=case.uuid).count() == events


def test_the_live_fragment_is_404_to_a_stranger(client, stranger, meeting):
    signed_in(client, stranger)
    assert client.get(url("live_fragment", meeting)).status_code == 404


def test_meetings_held_and_cancelled_are_in_the_chronology(worker, case, plan):
    held = services.meeting_start(actor=worker, meeting=plan(case), expected_version=1)
    services.meeting_finish(actor=worker, meeting=held, expected_version=held.version)
    services.meeting_cancel(
        actor=worker, meeting=plan(case), expected_version=1, reason="Chair unwell"
    )
    plan(case)  # still to happen: not in the chronology
    (source,) = [s for s in chronology_sources() if s.key == "meetings"]
    events = list(source.events(case))
    assert sorted(e.summary for e in events) == [
        "Initial child protection conference cancelled",
        "Initial child protection conference held",
    ]
    assert any(e.detail == "Chair unwell" for e in events)


def test_held_and_cancelled_meetings_read_back(client, worker, case, plan):
    held = services.meeting_start(actor=worker, meeting=plan(case), expected_version=1)
    add_statement(worker, case)
    held = services.meeting_finish(actor=worker, meeting=held, expected_version=held.version)
    cancelled = services.meeting_cancel(
        actor=worker, meeting=plan(case), expected_version=1, reason="Mum is in hospital"
    )
    signed_in(client, worker)
    page = client.get(url("meeting", held)).content.decode()
    assert f"version {held.saved_map_version.number}" in page
    assert "Start the meeting" not in page and "Add someone to this meeting" not in page
    assert "Mum is in hospital" in client.get(url("meeting", cancelled)).content.decode()
    listing = client.get(reverse("meetings:list", kwargs={"case_uuid": case.uuid}))
    assert listing.content.decode().count("Initial child protection conference") == 2
