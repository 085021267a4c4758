"""What a subject access export holds, and how other people's details are flagged."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.services import audit_record
from safetymap.cases.models import CaseMember, Relationship, ServiceLevelChange
from safetymap.governance.redaction import Kind, ThirdParties
from safetymap.governance.subject_access import build_subject_access_export, where_it_appears
from safetymap.mapping.models import MapVersion, Part, RaterRole
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    DangerStatementFactory,
    MapItemFactory,
    NextStepFactory,
    PersonFactory,
    SafetyGoalFactory,
    ScaleRatingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def family():
    """Kian (the child), his mum Jade and her partner Lee, and Kian's worker Priya."""
    kian = PersonFactory(
        first_name="Kian",
        last_name="Doyle",
        date_of_birth=TODAY.replace(year=TODAY.year - 6),
        address="14 Larch Road\nEastbrook\nEB4 2QT",
    )
    case = CaseFactory(child=kian, summary="Referral from Larch Road Nursery after a bruise.")
    jade = CaseMemberFactory(
        case=case,
        person=PersonFactory(
            first_name="Jade",
            last_name="Doyle",
            address="14 Larch Road\nEastbrook\nEB4 2QT",
            phone="07700 900123",
        ),
        relationship=Relationship.MOTHER,
        notes="Jade is worried about Lee's drinking.",
    ).person
    lee = CaseMemberFactory(
        case=case,
        person=PersonFactory(
            first_name="Lee", last_name="Marsh", address="3 Quarry Close\nEastbrook"
        ),
        relationship=Relationship.PARENTS_PARTNER,
        lives_with_child=False,
        parental_responsibility=False,
    ).person
    priya = AllocationFactory(
        case=case, worker__first_name="Priya", worker__last_name="Shah", worker__team=case.team
    ).worker
    return {"case": case, "kian": kian, "jade": jade, "lee": lee, "priya": priya}


@pytest.fixture
def governance(db):
    return UserFactory(role=Role.COUNCIL_ADMINISTRATOR, team=None)


def export_for(person, actor, **kwargs):
    return build_subject_access_export(person=person, actor=actor, **kwargs)


def candidate_named(data, name):
    return next(c for c in data["redaction_candidates"] if c["name"] == name)


def test_the_child_gets_their_record_case_map_and_versions(family, governance):
    case = family["case"]
    item = MapItemFactory(case=case, part=Part.STRENGTH, text="Kian reads every night with Gran.")
    removed = MapItemFactory(
        case=case, text="Entered on the wrong child", removed_at=timezone.now()
    )
    statement = DangerStatementFactory(case=case)
    SafetyGoalFactory(danger_statement=statement)
    NextStepFactory(case=case, action="Visit after school")
    ScaleRatingFactory(case=case, rater_name="Priya Shah", rater_role=RaterRole.WORKER, score=5)
    MapVersion.objects.create(
        case=case,
        number=1,
        saved_by=family["priya"],
        occasion="visit",
        service_level=case.service_level,
        snapshot={},
        note="After the home visit",
    )
    ServiceLevelChange.objects.create(
        case=case, to_level=case.service_level, changed_on=case.opened_on, reason="Referral"
    )

    data = export_for(family["kian"], governance, request_reference="SAR-2026-014").data

    assert data["export"]["format"] == "safetymap-subject-access"
    assert data["export"]["request_reference"] == "SAR-2026-014"
    assert data["subject"]["name"] == "Kian Doyle"
    assert data["subject"]["address"].startswith("14 Larch Road")
    [case_data] = data["cases"]
    assert case_data["reference"] == case.reference and case_data["subject_is"] == "child"
    texts = [i["text"] for i in case_data["map"]["items"]]
    assert texts == [item.text]  # the map as it stands: removed entries are not on it
    assert removed.text not in texts
    assert case_data["map"]["items"][0]["part_label"] == "Existing strengths"
    assert len(case_data["map"]["danger_statements"]) == 1
    assert len(case_data["map"]["goals"]) == 1
    assert case_data["map"]["next_steps"][0]["action"] == "Visit after school"
    assert case_data["map"]["scale_ratings"][0]["score"] == "5.0"
    assert case_data["map_versions"] == [
        {
            "uuid": str(MapVersion.objects.get().uuid),
            "number": 1,
            "saved_on": TODAY.isoformat(),
            "saved_by": "Priya Shah",
            "occasion": "visit",
            "occasion_label": "After a visit",
            "service_level": case.service_level,
            "service_level_label": "Child protection",
            "note": "After the home visit",
        }
    ]
    assert case_data["service_level_history"][0]["reason"] == "Referral"
    assert case_data["workers"][0]["worker"] == "Priya Shah"
    assert {p["name"] for p in case_data["people"]} == {"Jade Doyle", "Lee Marsh"}
    json.dumps(data)  # all plain JSON


def test_other_peoples_names_in_the_map_are_flagged_as_third_parties(family, governance):
    case = family["case"]
    MapItemFactory(
        case=case, part=Part.HARM, text="Lee Marsh shouted at Kian when he spilt a drink."
    )
    MapItemFactory(case=case, part=Part.STRENGTH, text="Mum takes him to school.")

    data = export_for(family["kian"], governance).data

    lee = candidate_named(data, "Lee Marsh")
    assert lee["kind"] == Kind.PERSON
    assert "Parent's partner on case" in lee["description"]
    assert "/cases/0/map/items/0/text" in lee["appears_in"]
    assert "/cases/0/map/items/1/text" not in lee["appears_in"]
    items = data["cases"][0]["map"]["items"]
    assert items[0]["mentions_third_parties"] == [lee["id"]]
    assert "mentions_third_parties" not in items[1]
    # Their own entry in the list of people is flagged as a third party too.
    people = {p["name"]: p for p in data["cases"][0]["people"]}
    assert people["Lee Marsh"]["third_party"] is True
    assert people["Lee Marsh"]["redaction_id"] == lee["id"]
    assert "/cases/0/people/1" in lee["appears_in"]


def test_first_names_titles_addresses_and_phone_numbers_are_found(family, governance):
    case = family["case"]
    MapItemFactory(case=case, text="Jade said Mr Marsh visits on Fridays.")
    MapItemFactory(case=case, text="Ring 07700900123 before visiting; Lee stays at 3 Quarry Close.")
    MapItemFactory(case=case, text="The family will lee-way nothing.")  # not a capitalised name

    data = export_for(family["kian"], governance).data
    jade, lee = candidate_named(data, "Jade Doyle"), candidate_named(data, "Lee Marsh")
    items = data["cases"][0]["map"]["items"]
    assert items[0]["mentions_third_parties"] == [jade["id"], lee["id"]]
    assert items[1]["mentions_third_parties"] == [jade["id"], lee["id"]]  # phone; name, address
    assert "mentions_third_parties" not in items[2]
    assert jade["details_held"] == ["name", "address", "phone"]


def test_the_subjects_own_name_and_address_are_not_flagged(family, governance):
    case = family["case"]
    MapItemFactory(case=case, text="Kian Doyle lives at 14 Larch Road with his mum.")
    data = export_for(family["kian"], governance).data
    assert "mentions_third_parties" not in data["cases"][0]["map"]["items"][0]
    assert all(c["name"] != "Kian Doyle" for c in data["redaction_candidates"])


def test_staff_named_in_free_text_are_flagged_but_not_in_their_own_fields(family, governance):
    case = family["case"]
    MapItemFactory(case=case, text="Priya saw the bruise on Monday.")
    data = export_for(family["kian"], governance).data
    priya = candidate_named(data, "Priya Shah")
    assert priya["kind"] == Kind.STAFF
    assert priya["appears_in"] == ["/cases/0/map/items/0/text"]  # not /cases/0/workers/0


def test_staff_never_named_in_free_text_are_not_listed(family, governance):
    data = export_for(family["kian"], governance).data
    assert all(c["kind"] != Kind.STAFF for c in data["redaction_candidates"])


def test_a_rater_known_only_by_the_name_typed_is_a_candidate(family, governance):
    case = family["case"]
    ScaleRatingFactory(case=case, rater_name="Auntie Bev", rater_role=RaterRole.NETWORK)
    ScaleRatingFactory(case=case, rater_name="Lee Marsh", rater_role=RaterRole.PARENT)
    ScaleRatingFactory(case=case, rater_name="Priya Shah", rater_role=RaterRole.WORKER)
    data = export_for(family["kian"], governance).data
    bev = candidate_named(data, "Auntie Bev")
    assert bev["kind"] == Kind.RATER
    assert bev["appears_in"] == ["/cases/0/map/scale_ratings/0/rater_name"]
    lee = candidate_named(data, "Lee Marsh")
    assert "/cases/0/map/scale_ratings/1/rater_name" in lee["appears_in"]
    assert all(c["kind"] != Kind.STAFF for c in data["redaction_candidates"])


def test_a_rater_is_found_in_the_audit_record_of_their_rating(family, governance):
    case = family["case"]
    rating = ScaleRatingFactory(case=case, rater_name="Auntie Bev", rater_role=RaterRole.NETWORK)
    audit_record(
        actor=family["priya"],
        action="create",
        target=rating,
        changes={
            "rater_name": {"old": None, "new": "Auntie Bev"},
            "rater_role": {"old": None, "new": "network"},
        },
        case_uuid=case.uuid,
    )
    data = export_for(family["kian"], governance).data
    bev = candidate_named(data, "Auntie Bev")
    assert "/audit_events/0/changes/rater_name/new" in bev["appears_in"]
    assert data["audit_events"][0]["mentions_third_parties"] == [bev["id"]]


def test_a_parent_gets_their_place_on_the_case_and_the_child_is_a_third_party(family, governance):
    data = export_for(family["jade"], governance).data
    [case_data] = data["cases"]
    assert case_data["subject_is"] == "person on the case"
    assert case_data["relationship"] == "mother"
    assert case_data["notes"] == "Jade is worried about Lee's drinking."
    assert "map" not in case_data and "people" not in case_data
    child = case_data["child"]
    assert child["name"] == "Kian Doyle" and child["third_party"] is True
    kian = candidate_named(data, "Kian Doyle")
    assert child["redaction_id"] == kian["id"]
    lee = candidate_named(data, "Lee Marsh")
    assert "/cases/0/notes" in lee["appears_in"]
    # The parent's own name is never a candidate, in any form.
    assert all(c["name"] != "Jade Doyle" for c in data["redaction_candidates"])


def test_ratings_the_person_gave_are_matched_by_record_or_exact_name(family, governance):
    case = family["case"]
    jade = family["jade"]
    linked = ScaleRatingFactory(
        case=case, rater_name="Mum", rater_role=RaterRole.PARENT, person=jade
    )
    by_name = ScaleRatingFactory(case=case, rater_name="jade doyle", rater_role=RaterRole.PARENT)
    by_first_name = ScaleRatingFactory(case=case, rater_name="Jade", rater_role=RaterRole.PARENT)
    ScaleRatingFactory(case=case, rater_name="Mum", rater_role=RaterRole.PARENT)  # not matched
    ScaleRatingFactory(case=CaseFactory(), rater_name="Jade Doyle")  # not a case of hers

    data = export_for(jade, governance).data
    given = {r["uuid"]: r["matched_by"] for r in data["scale_ratings_given"]}
    assert given == {
        str(linked.uuid): "person record",
        str(by_name.uuid): "rater name",
        str(by_first_name.uuid): "rater name",
    }


def test_audit_events_on_their_records_are_included_and_others_flagged(family, governance):
    case, kian, jade = family["case"], family["kian"], family["jade"]
    priya = family["priya"]
    audit_record(
        actor=priya,
        action="update",
        target=kian,
        changes={"address": {"old": "1 Old Street", "new": "14 Larch Road"}},
        case_uuid=None,
        summary="Child's details changed",
    )
    membership = CaseMember.objects.get(person=jade)
    audit_record(
        actor=priya,
        action="create",
        target=jade,
        changes={
            "first_name": {"old": None, "new": "Jade"},
            "phone": {"old": None, "new": "07700 900123"},
        },
        case_uuid=case.uuid,
        summary="Person added",
    )
    audit_record(actor=priya, action="create", target=membership, changes={}, case_uuid=case.uuid)
    elsewhere = CaseFactory()
    audit_record(
        actor=priya, action="update", target=elsewhere, changes={}, case_uuid=elsewhere.uuid
    )

    data = export_for(kian, governance).data
    events = data["audit_events"]
    assert [e["summary"] for e in events] == ["Child's details changed", "Person added", ""]
    assert events[0]["changes"]["address"]["new"] == "14 Larch Road"
    assert events[0]["by"] == "Priya Shah" and "third_party" not in events[0]
    jade_id = candidate_named(data, "Jade Doyle")["id"]
    assert events[1]["third_party"] is True and events[1]["redaction_id"] == jade_id
    assert events[2]["third_party"] is True  # her place on the case
    assert events[1]["case_reference"] == case.reference
    assert "/audit_events/1" in candidate_named(data, "Jade Doyle")["appears_in"]


def test_someone_on_no_case_gets_their_own_record(governance):
    person = PersonFactory(first_name="Nadia", last_name="Quinn")
    data = export_for(person, governance).data
    assert data["subject"]["name"] == "Nadia Quinn"
    assert data["cases"] == [] and data["audit_events"] == []
    assert data["redaction_candidates"] == []


def test_where_it_appears_reads_like_the_pdf(family, governance):
    case = family["case"]
    MapItemFactory(case=case, text="Lee Marsh was there.")
    MapItemFactory(case=case, text="Lee Marsh left.")
    data = export_for(family["kian"], governance).data
    lee = candidate_named(data, "Lee Marsh")
    # On the list of people: his entry, his name, first name and address, and Jade's notes.
    assert where_it_appears(data, lee["appears_in"]) == [
        f"Case {case.reference}: people on the case (5 places)",
        f"Case {case.reference}: the map (2 places)",
    ]


def test_the_export_takes_a_fixed_number_of_queries_per_case(family, governance):
    """However many records the case holds: the same queries for a small and a large case
    (every app that adds to the export adds its queries once, not per record)."""
    from safetymap.governance.selectors import get_person_for_subject_access

    def queries_for_export() -> int:
        person = get_person_for_subject_access(governance, family["kian"].uuid)
        with CaptureQueriesContext(connection) as captured:
            export_for(person, governance)
        return len(captured)

    case = family["case"]
    small = queries_for_export()
    for index in range(30):
        MapItemFactory(case=case, text=f"Entry {index}")
        ScaleRatingFactory(case=case, rater_name=f"Rater {index}", rater_role=RaterRole.NETWORK)
        CaseMemberFactory(case=case, relationship=Relationship.COUSIN)
    assert queries_for_export() == small


# --- The redaction finder on its own ----------------------------------------------------------


def test_single_word_names_only_match_with_a_capital():
    subject = PersonFactory.build(first_name="Kian", last_name="Doyle")
    parties = ThirdParties(subject)
    parties.add_person(PersonFactory.build(first_name="Will", last_name="Stone"), "Uncle")
    assert parties.ids_in("Will came round") == ["R1"]
    assert parties.ids_in("we will see") == []
    assert parties.ids_in("will stone came") == ["R1"]  # a full name matches in any case


def test_marked_html_escapes_everything_else():
    subject = PersonFactory.build(first_name="Kian", last_name="Doyle")
    parties = ThirdParties(subject)
    parties.add_person(PersonFactory.build(first_name="Lee", last_name="Marsh"), "Partner")
    html = parties.mark_html("<script>alert(1)</script> Lee said\nno")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert (
        '<mark class="third-party">Lee<span class="third-party__label"> [R1]</span></mark>' in html
    )
    assert "<br>no" in html


def test_a_date_is_not_mistaken_for_a_phone_number():
    subject = PersonFactory.build(first_name="Kian", last_name="Doyle")
    parties = ThirdParties(subject)
    parties.add_person(
        PersonFactory.build(first_name="Ann", last_name="Bell", phone="01632 960 001"), "Gran"
    )
    assert parties.ids_in("Call 01632960001") == ["R1"]
    assert parties.ids_in("Call 01632 9600012") == []
    assert parties.ids_in(str(datetime.date(2026, 3, 1))) == []
