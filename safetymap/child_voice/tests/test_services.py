"""The child's voice services: sessions, words kept exactly and versioned, drawings through
the documents app, overrides, and carrying words into the map."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from safetymap.audit.models import AuditEvent
from safetymap.child_voice import selectors, services
from safetymap.child_voice.models import Audience, House, Session, SessionKind
from safetymap.core.versioning import StaleEditError
from safetymap.documents.models import CaseDocument, DocumentKind
from safetymap.documents.tests.files import GPS_IFD, jpeg_with_gps, upload
from safetymap.mapping.models import DangerStatement, HowWeKnow, MapItem, Part, SafetyGoal
from tests.factories import DangerStatementFactory

pytestmark = pytest.mark.django_db


def events_for(row):
    return AuditEvent.objects.filter(object_uuid=row.uuid)


def test_a_session_keeps_the_childs_names_for_the_houses_and_defaults(session):
    assert session.house_name(House.WORRIES) == "Sad house"
    assert session.house_name(House.GOOD) == "House of good things"
    assert session.house_name(House.DREAMS) == "House of dreams"
    assert events_for(session).get().action == "create"


def test_fairy_wizard_and_safety_house_have_their_own_parts(worker, case):
    fairy = services.session_record(actor=worker, case=case, kind=SessionKind.FAIRY_WIZARD,
                                    values={})  # fmt: skip
    assert [fairy.house_name(part) for part in fairy.parts] == ["Worries", "Good things", "Wish"]
    house = services.session_record(
        actor=worker,
        case=case,
        kind=SessionKind.SAFETY_HOUSE,
        values={"path_position": 7, "path_words": "nearly at the door"},
    )
    assert house.parts == ("inside", "rules", "helpers", "outside")
    assert house.path_position == 7


def test_the_house_the_child_started_with_comes_first(worker, case):
    session = services.session_record(
        actor=worker, case=case, kind=SessionKind.THREE_HOUSES, values={"started_with": "dreams"}
    )
    assert session.parts == ("dreams", "worries", "good")


def test_the_path_goes_from_0_to_10(worker, case):
    with pytest.raises(ValidationError):
        services.session_record(
            actor=worker, case=case, kind=SessionKind.SAFETY_HOUSE, values={"path_position": 11}
        )
    assert not Session.objects.exists()


def test_a_reader_cannot_record_a_session(reader, case):
    with pytest.raises(PermissionDenied):
        services.session_record(actor=reader, case=case, kind=SessionKind.THREE_HOUSES, values={})


def test_entries_keep_the_order_the_child_chose(worry, good_thing, dream, session):
    entries = list(selectors.session_entries(session))
    assert [entry.position for entry in entries] == [1, 2, 3]
    assert entries[0].words == "when dad shouts at mum i hide under my bed"  # never tidied


def test_an_entry_must_go_in_a_part_of_this_session(worker, session):
    with pytest.raises(ValidationError):
        services.entry_add(
            actor=worker,
            session=session,
            values={"house": House.RULES, "words": "no hitting", "written_by": "child"},
        )


def test_changing_words_is_versioned_and_keeps_the_earlier_words(worker, worry, session):
    services.entry_update(
        actor=worker,
        entry=worry,
        expected_version=worry.version,
        values={"words": "when dad shouts at mum i hide under my bed with Biscuit"},
    )
    entry = selectors.session_entries(session).get()
    assert entry.version == 2
    assert entry.words_changed
    assert [words for _, words in selectors.entry_wordings(entry)] == [
        "when dad shouts at mum i hide under my bed"
    ]


def test_a_stale_change_is_refused(worker, worry):
    services.entry_update(actor=worker, entry=worry, expected_version=1, values={"words": "a"})
    with pytest.raises(StaleEditError):
        services.entry_update(actor=worker, entry=worry, expected_version=1, values={"words": "b"})


def test_consent_for_the_session_is_audited(worker, session):
    services.session_consent_set(
        actor=worker,
        session=session,
        expected_version=session.version,
        audiences=[Audience.PARENTS, Audience.CONFERENCE],
        consent_words="mum can see but not dad",
    )
    session.refresh_from_db()
    assert session.share_parents and session.share_conference
    assert not session.share_network and not session.share_professionals
    change = events_for(session).filter(action="update").get()
    assert change.changes["share_parents"] == {"old": False, "new": True}


def test_an_override_needs_a_reason(worker, session):
    with pytest.raises(ValidationError):
        services.consent_override_add(
            actor=worker, session=session, audience=Audience.PARENTS, reason="  "
        )


# --- Drawings ---------------------------------------------------------------------------------


def test_a_drawing_goes_through_the_documents_app_without_its_exif(worker, session):
    drawing = services.drawing_add(
        actor=worker,
        session=session,
        uploaded_file=upload("photo.jpg", jpeg_with_gps()),
        house=House.WORRIES,
        caption="that's me hiding",
    )
    document = drawing.document
    assert document.kind == DocumentKind.DRAWING
    assert document.case == session.case
    assert "Sad house" in document.title
    with document.file.open("rb") as stored, Image.open(io.BytesIO(stored.read())) as image:
        exif = image.getexif()
        assert not exif and not exif.get_ifd(GPS_IFD)
        assert "comment" not in image.info


def test_a_file_that_is_not_a_picture_is_refused(worker, session):
    with pytest.raises(ValidationError):
        services.drawing_add(
            actor=worker,
            session=session,
            uploaded_file=upload("drawing.png", b"MZ\x90\x00 this is a program"),
        )
    assert not CaseDocument.objects.exists()
    assert not session.drawings.exists()


# --- Into the map -----------------------------------------------------------------------------


def test_a_worry_carried_as_harm_quotes_the_child_and_keeps_the_link(worker, worry, case):
    entry = services.entry_carry_into_map(actor=worker, entry=worry, target="harm")
    item = MapItem.objects.get()
    assert entry.map_item == item
    assert item.part == Part.HARM
    assert item.text == "“when dad shouts at mum i hide under my bed”"
    assert item.said_by == "Kian"
    assert item.how_we_know == HowWeKnow.TOLD_BY_CHILD
    assert events_for(item).get().action == "create"
    assert "carried into the map" in events_for(worry).get(action="update").summary


def test_words_reach_the_family_pack_only_if_the_child_agreed_parents_may_see_them(
    worker, session, worry, good_thing
):
    # The child has not agreed (the default): on the map, but not shared with the family.
    services.entry_carry_into_map(actor=worker, entry=worry, target="harm")
    assert MapItem.objects.get().shared_with_family is False
    # A worker's recorded override for parents counts as permission.
    services.consent_override_add(
        actor=worker, session=session, audience=Audience.PARENTS, reason="Court direction"
    )
    services.entry_carry_into_map(actor=worker, entry=good_thing, target="strength")
    assert MapItem.objects.get(part=Part.STRENGTH).shared_with_family is True


def test_a_worry_can_become_a_draft_danger_statement(worker, worry):
    with pytest.raises(ValidationError) as refused:
        services.entry_carry_into_map(actor=worker, entry=worry, target="danger_statement")
    assert "feared_for_child" in refused.value.message_dict
    entry = services.entry_carry_into_map(
        actor=worker,
        entry=worry,
        target="danger_statement",
        details={"feared_for_child": "Kian will be hurt when he tries to stop the fighting"},
    )
    statement = DangerStatement.objects.get()
    assert entry.danger_statement == statement
    assert statement.who_is_worried == "Kian"
    assert "“when dad shouts at mum i hide under my bed”" in statement.statement


def test_a_good_thing_becomes_a_strength_and_a_dream_a_goal(worker, good_thing, dream, case):
    services.entry_carry_into_map(actor=worker, entry=good_thing, target="strength")
    assert MapItem.objects.get().part == Part.STRENGTH
    statement = DangerStatementFactory(case=case)
    services.entry_carry_into_map(
        actor=worker,
        entry=dream,
        target="goal",
        details={"danger_statement": statement, "adults_will": "Mum and Dad talk calmly",
                 "who_will_see": "Nan and school", "how_long": "three months"},
    )  # fmt: skip
    goal = SafetyGoal.objects.get()
    assert goal.child_will_experience == "Kian said: “everyone is kind at home”"


def test_words_go_only_where_their_house_allows_and_only_once(worker, worry, good_thing):
    with pytest.raises(ValidationError):
        services.entry_carry_into_map(actor=worker, entry=good_thing, target="harm")
    services.entry_carry_into_map(actor=worker, entry=worry, target="complicating")
    worry.refresh_from_db()
    with pytest.raises(ValidationError):
        services.entry_carry_into_map(actor=worker, entry=worry, target="harm")
    assert MapItem.objects.count() == 1


def test_a_reader_cannot_carry_words_into_the_map(reader, worry):
    with pytest.raises(PermissionDenied):
        services.entry_carry_into_map(actor=reader, entry=worry, target="harm")
    assert not MapItem.objects.exists()
