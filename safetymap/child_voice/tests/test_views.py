"""The child's voice pages, for the allocated worker, a read-only colleague, a stranger and a
partner the case is shared with; and what they add to the case overview and the map."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases import services as case_services
from safetymap.child_voice import services
from safetymap.child_voice.models import ConsentOverride, Entry, House, Session
from safetymap.documents.tests.files import GPS_IFD, jpeg_with_gps, pdf_bytes, upload
from safetymap.mapping.models import MapItem, Part
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(name, case, **kwargs):
    return reverse(f"child_voice:{name}", kwargs={"case_uuid": case.uuid, **kwargs})


def session_url(name, session, **kwargs):
    return url(name, session.case, session_uuid=session.uuid, **kwargs)


def entry_url(name, entry):
    return session_url(name, entry.session, entry_uuid=entry.uuid)


def overview(client, case):
    return client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).content.decode()


# --- Who may open the pages -------------------------------------------------------------------


def test_a_stranger_gets_404_on_every_page(client, stranger, case, worry):
    session = worry.session
    client.force_login(stranger)
    for address in (
        url("list", case),
        url("session_new", case, tool="three-houses"),
        session_url("session", session),
        session_url("entry_add", session),
        entry_url("entry_edit", worry),
        entry_url("entry_carry", worry),
        session_url("consent", session),
    ):
        assert client.get(address).status_code == 404, address
    assert not AccessEvent.objects.filter(actor=stranger).exists()


def test_a_reader_sees_the_words_but_cannot_change_them(client, reader, case, worry):
    session = worry.session
    client.force_login(reader)
    page = client.get(session_url("session", session))
    assert page.status_code == 200
    assert "when dad shouts at mum i hide under my bed" in page.content.decode()
    assert "Carry into the map" not in page.content.decode()
    assert client.get(url("session_new", case, tool="three-houses")).status_code == 403
    assert client.get(entry_url("entry_edit", worry)).status_code == 403
    response = client.post(
        session_url("entry_add", session),
        {"house": "worries", "words": "x", "written_by": "child", "sharing": "session"},
    )
    assert response.status_code == 403
    assert Entry.objects.count() == 1


def test_a_partner_the_case_is_shared_with_sees_none_of_it(client, worker, case, worry):
    partner = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)
    case_services.case_share_add(actor=worker, case=case, partner=partner, reason="School")
    services.session_consent_set(
        actor=worker, session=worry.session, expected_version=1,
        audiences=["professionals"], consent_words="",
    )  # fmt: skip
    services.entry_carry_into_map(actor=worker, entry=worry, target="harm")
    client.force_login(partner)
    assert client.get(url("list", case)).status_code == 404
    assert client.get(session_url("session", worry.session)).status_code == 404
    page = overview(client, case)
    assert "In Kian’s words" not in page
    assert "Child’s voice" not in page
    map_page = client.get(reverse("mapping:map", kwargs={"case_uuid": case.uuid})).content
    assert "From Kian" not in map_page.decode()


# --- The list and recording a session ---------------------------------------------------------


def test_the_case_has_a_childs_voice_tab_listing_sessions(client, worker, case, worry):
    client.force_login(worker)
    assert f'href="{url("list", case)}"' in overview(client, case)
    page = client.get(url("list", case)).content.decode()
    assert "Three Houses" in page and "At school" in page and "1 entry" in page
    assert AccessEvent.objects.filter(actor=worker, what="Child's voice").exists()


def test_a_worker_records_a_session(client, worker, case):
    client.force_login(worker)
    today = timezone.localdate()
    response = client.post(
        url("session_new", case, tool="three-houses"),
        {
            "held_on_day": today.day, "held_on_month": today.month, "held_on_year": today.year,
            "place": "In the car", "parent_told": "Mum",
            "parent_told_on_day": today.day, "parent_told_on_month": today.month,
            "parent_told_on_year": today.year,
            "name_worries": "The grumpy house", "started_with": "good",
        },
    )  # fmt: skip
    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == session_url("session", session)
    assert session.worker == worker and session.parent_told_on == today
    assert session.house_name("worries") == "The grumpy house"
    page = client.get(response["Location"]).content.decode()
    assert page.index("House of good things") < page.index("The grumpy house")


def test_a_session_in_the_future_is_refused_and_nothing_saved(client, worker, case):
    client.force_login(worker)
    later = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(
        url("session_new", case, tool="safety-house"),
        {"held_on_day": later.day, "held_on_month": later.month, "held_on_year": later.year},
    )
    assert response.status_code == 400
    assert "must be today or in the past" in response.content.decode()
    assert not Session.objects.exists()


def test_an_unknown_tool_is_404(client, worker, case):
    client.force_login(worker)
    assert client.get(url("session_new", case, tool="four-houses")).status_code == 404


# --- Words ------------------------------------------------------------------------------------


def test_words_are_added_one_at_a_time_without_javascript(client, worker, session):
    client.force_login(worker)
    response = client.post(
        session_url("entry_add", session),
        {"house": "dreams", "words": "a dog called Biscuit", "written_by": "child",
         "sharing": "own", "audiences": ["parents"], "add_another": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == session_url("entry_add", session) + "?house=dreams"
    entry = Entry.objects.get()
    assert entry.share_parents is True and entry.share_network is False
    assert entry.shares_with("parents") and not entry.shares_with("conference")


def test_changing_words_shows_they_were_changed_and_the_earlier_words(client, worker, worry):
    client.force_login(worker)
    response = client.post(
        entry_url("entry_edit", worry),
        {"version": worry.version, "house": "worries", "written_by": "child",
         "words": "when dad shouts at mum i hide under the bed", "sharing": "session"},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(session_url("session", worry.session)).content.decode()
    assert "Words changed since first written" in page
    edit = client.get(entry_url("entry_edit", worry)).content.decode()
    assert "“when dad shouts at mum i hide under my bed”" in edit


def test_a_stale_change_of_words_keeps_both_texts(client, worker, worry):
    services.entry_update(actor=worker, entry=worry, expected_version=1, values={"words": "new"})
    client.force_login(worker)
    response = client.post(
        entry_url("entry_edit", worry),
        {"version": 1, "house": "worries", "written_by": "child", "words": "mine",
         "sharing": "session"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else changed this" in page and "mine" in page
    worry.refresh_from_db()
    assert worry.words == "new"


# --- Carrying words into the map --------------------------------------------------------------


def test_a_worry_is_carried_into_the_map_and_the_map_links_back(client, worker, worry, case):
    client.force_login(worker)
    page = client.get(entry_url("entry_carry", worry)).content.decode()
    assert "Harm: what has happened" in page and "A safety goal" not in page
    response = client.post(entry_url("entry_carry", worry), {"target": "harm"})
    assert response.status_code == 302
    item = MapItem.objects.get()
    assert item.part == Part.HARM
    worry.refresh_from_db()
    assert worry.map_item == item
    map_page = client.get(response["Location"]).content.decode()
    when = worry.session.held_on.strftime("%-d %B %Y")
    assert f"From Kian’s Sad house, {when}" in map_page
    assert session_url("session", worry.session) + f"#entry-{worry.uuid}" in map_page
    again = client.post(entry_url("entry_carry", worry), {"target": "harm"})
    assert again.status_code == 200 and "already on the map" in again.content.decode()
    assert MapItem.objects.count() == 1


def test_a_danger_statement_needs_what_we_fear_for_the_child(client, worker, worry):
    client.force_login(worker)
    response = client.post(entry_url("entry_carry", worry), {"target": "danger_statement"})
    assert response.status_code == 400
    assert "Say what we are worried could happen" in response.content.decode()


# --- Who may see it ---------------------------------------------------------------------------


def test_the_consent_page_saves_the_childs_decision(client, worker, session):
    client.force_login(worker)
    response = client.post(
        session_url("consent", session),
        {"version": session.version, "audiences": ["network", "conference"],
         "consent_words": "Nan can know"},
    )  # fmt: skip
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.share_network and session.share_conference and not session.share_parents


def test_an_override_needs_a_reason_and_shows_as_one(client, worker, worry):
    session = worry.session
    client.force_login(worker)
    refused = client.post(
        session_url("override_add", session),
        {"audience": "parents", "entry": str(worry.uuid), "reason": ""},
    )
    assert refused.status_code == 400
    assert not ConsentOverride.objects.exists()
    response = client.post(
        session_url("override_add", session),
        {"audience": "parents", "entry": str(worry.uuid), "reason": "Mum must know to protect"},
    )
    assert response.status_code == 302
    override = ConsentOverride.objects.get()
    assert override.entry == worry and override.decided_by == worker
    assert AuditEvent.objects.filter(object_uuid=override.uuid, action="create").exists()
    page = client.get(session_url("session", session)).content.decode()
    assert "Shared without Kian’s agreement" in page and "Mum must know to protect" in page
    withdraw = session_url("override_withdraw", session, override_uuid=override.uuid)
    assert client.post(withdraw, {"version": override.version}).status_code == 302
    override.refresh_from_db()
    assert override.is_removed


# --- Drawings ---------------------------------------------------------------------------------


def test_a_drawing_is_uploaded_without_its_exif_and_shown_as_a_safe_image(client, worker, session):
    client.force_login(worker)
    response = client.post(
        session_url("drawing_add", session),
        {"house": "worries", "caption": "me and Biscuit", "file": upload("x.jpg", jpeg_with_gps())},
    )
    assert response.status_code == 302
    drawing = session.drawings.get()
    page = client.get(session_url("session", session)).content.decode()
    image_url = session_url("drawing_image", session, drawing_uuid=drawing.uuid)
    assert f'src="{image_url}"' in page and 'alt="Drawing by Kian: me and Biscuit"' in page
    image = client.get(image_url)
    assert image["Content-Type"] == "image/jpeg"
    assert image["Content-Disposition"].startswith("inline")
    assert image["X-Content-Type-Options"] == "nosniff"
    assert image["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert image["Cross-Origin-Resource-Policy"] == "same-origin"
    with Image.open(io.BytesIO(b"".join(image.streaming_content))) as shown:
        assert not shown.getexif() and not shown.getexif().get_ifd(GPS_IFD)


def test_a_pdf_scan_is_never_shown_in_place(client, worker, session):
    drawing = services.drawing_add(
        actor=worker, session=session, uploaded_file=upload("scan.pdf", pdf_bytes())
    )
    client.force_login(worker)
    response = client.get(session_url("drawing_image", session, drawing_uuid=drawing.uuid))
    assert response["Content-Disposition"].startswith("attachment")


def test_a_file_that_is_not_a_picture_is_refused_with_a_message(client, worker, session):
    client.force_login(worker)
    response = client.post(
        session_url("drawing_add", session), {"file": upload("drawing.png", b"<script>x</script>")}
    )
    assert response.status_code == 400
    assert "The selected file must be" in response.content.decode()
    assert not session.drawings.exists()


def test_a_strangers_drawing_request_is_404(client, worker, stranger, session):
    drawing = services.drawing_add(
        actor=worker, session=session, uploaded_file=upload("a.jpg", jpeg_with_gps())
    )
    client.force_login(stranger)
    response = client.get(session_url("drawing_image", session, drawing_uuid=drawing.uuid))
    assert response.status_code == 404


# --- The case overview ------------------------------------------------------------------------


def test_the_overview_leads_with_the_childs_latest_words(client, worker, worry, good_thing):
    client.force_login(worker)
    page = overview(client, worry.session.case)
    assert "In Kian’s words" in page
    assert page.index("In Kian’s words") < page.index("About Kian")
    assert "when dad shouts at mum i hide under my bed" in page
    assert "Kian’s words, written down by the worker" in page  # the good thing
    assert "Nothing has been recorded from Kian" not in page


def test_the_overview_says_plainly_when_the_child_has_never_been_heard(client, worker, case):
    client.force_login(worker)
    assert "Kian’s words have not been recorded yet." in overview(client, case)


def test_the_overview_says_when_nothing_was_recorded_for_three_months(client, worker, case):
    services.session_record(
        actor=worker, case=case, kind="three_houses",
        values={"held_on": timezone.localdate() - datetime.timedelta(days=100)},
    )  # fmt: skip
    client.force_login(worker)
    assert "Nothing has been recorded from Kian for more than 3 months." in overview(client, case)


# --- Cost that does not grow ------------------------------------------------------------------


def _queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_the_session_page_makes_the_same_queries_however_many_words(client, worker, session):
    client.force_login(worker)
    services.entry_add(
        actor=worker, session=session,
        values={"house": House.GOOD, "words": "my bike", "written_by": "child"},
    )  # fmt: skip
    small = _queries(client, session_url("session", session))
    for number in range(12):
        services.entry_add(
            actor=worker, session=session,
            values={"house": House.DREAMS, "words": f"wish {number}", "written_by": "child"},
        )  # fmt: skip
        services.drawing_add(
            actor=worker, session=session, uploaded_file=upload("a.jpg", jpeg_with_gps())
        )
    assert _queries(client, session_url("session", session)) == small


def test_the_overview_makes_the_same_queries_however_many_sessions(client, worker, worry, case):
    client.force_login(worker)
    address = reverse("cases:case", kwargs={"case_uuid": case.uuid})
    small = _queries(client, address)
    for _ in range(5):
        session = services.session_record(actor=worker, case=case, kind="safety_house", values={})
        services.entry_add(
            actor=worker, session=session,
            values={"house": House.RULES, "words": "no shouting", "written_by": "child"},
        )  # fmt: skip
    assert _queries(client, address) == small
