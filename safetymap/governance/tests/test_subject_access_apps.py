"""A subject access export includes what the child's voice, Words and Pictures, the safety
network, safety plans and family packs hold: for the child, everything on their case; for
a parent, the records that name them. Other people are flagged for redaction review."""

from __future__ import annotations

import io
import json

import pytest
from django.utils import timezone
from pypdf import PdfReader

from safetymap.child_voice.models import Session
from safetymap.governance.pdf import render_pdf
from safetymap.governance.subject_access import build_subject_access_export, pdf_context
from safetymap.govuk.formatting import govuk_date
from safetymap.words_pictures import services as story_services
from safetymap.words_pictures.models import Story
from tests.factories import AllocationFactory, CaseFactory, UserFactory
from tests.populated import populate_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(settings, tmp_path):
    """A case with something in every app; the mother was told about the child's session
    and gave the child their Words and Pictures story."""
    settings.MEDIA_ROOT = tmp_path
    case = CaseFactory()
    worker = AllocationFactory(case=case, worker__team=case.team).worker
    values = populate_case(case, worker)
    mother = values["member"]
    Session.objects.filter(uuid=values["session_uuid"]).update(
        parent_told=f"{mother.person.full_name}, at home"
    )
    story_services.story_given_record(
        actor=worker,
        version=Story.objects.get(uuid=values["story_uuid"]).versions.get(),
        expected_version=None,
        given_on=timezone.localdate(),
        given_by=mother,
        child_reaction="He smiled at the picture of Nan",
        reaction_words="worker",
    )
    return {"case": case, "mother": mother}


def export(person):
    made = build_subject_access_export(
        person=person, actor=UserFactory(role="council_administrator", team=None)
    )
    json.dumps(made.data)  # the JSON download writes it as it is
    pdf = render_pdf(
        "governance/pdf/subject_access.html",
        "governance/pdf/subject_access.css",
        pdf_context(made),
    )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return made.data, " ".join(text.split())


def candidate(data, name):
    return next(c for c in data["redaction_candidates"] if c["name"] == name)


def test_the_child_gets_every_apps_records_about_them(held):
    data, text = export(held["case"].child)
    (case,) = data["cases"]
    mother = held["mother"].person.full_name

    sessions = {session["kind_label"]: session for session in case["childs_voice"]}
    session = sessions["Three Houses"]
    assert [entry["words"] for entry in session["words"]] == ["dad shouts"]
    assert len(session["drawings"]) == 1
    (story,) = case["words_and_pictures"]
    assert story["given_by"] == mother and story["pages"]
    assert [plan["number"] for plan in case["safety_plans"]] == [1, 2]
    assert case["safety_plans"][0]["rules"][0]["adult_words"] == "Mum stays sober"
    assert case["safety_plans"][0]["checks"][0]["outcome_label"] == "Followed"
    assert case["network_meetings"][0]["agreed"] == "Nan collects Kian from school every day"
    individual, group = case["supervision"]
    assert individual["decisions"] == "Stay at child protection"
    assert individual["actions"] == ["Ring Nan (Sam)"]
    assert {e["part_label"] for e in group["groups_map"]} >= {"What we are worried about"}
    assert group["decisions"][0]["decision"] == "Nan joins the core group"
    # The people in the network and those packs were made for are flagged.
    (in_network,) = case["safety_network"]
    (pack,) = case["family_packs"]
    flagged = candidate(data, mother)
    assert in_network["name"] == pack["for"] == mother
    assert in_network["redaction_id"] == pack["redaction_id"] == flagged["id"]
    assert "/cases/0/safety_network/0" in flagged["appears_in"]
    assert "/cases/0/family_packs/0" in flagged["appears_in"]
    # The populated case also has a conference and a strategy discussion (their outcomes
    # are checked below); the core group is the one with an action and invitations.
    (meeting,) = [m for m in case["meetings"] if m["kind_label"] == "Core group meeting"]
    assert meeting["invited"][0]["redaction_id"] == flagged["id"]
    assert meeting["actions"][0]["action"] == "Mum to book the GP appointment"
    # The PDF says the same.
    for heading in ("The child’s voice", "Words and Pictures", "Safety network", "Safety plans",
                    "Family packs", "dad shouts", "Mum stays sober", "Supervision",
                    "Nan joins the core group"):  # fmt: skip
        assert heading in text
    assert f"{mother} [{flagged['id']}]" in text
    assert f"Held on {govuk_date(timezone.localdate())}" in text  # dates in words, as elsewhere
    # The chronology: the entry and its correction, and the closure the manager reopened.
    entry, correction = case["chronology"]
    assert correction["corrects"] == entry["uuid"] and correction["correction_reason"]
    (closure,) = case["case_closures"]
    assert closure["census_code"] == "RC7" and closure["reopen_reason"]
    for heading in ("Chronology", "Closures and reopenings", "The entry did not say who was"):
        assert heading in text


def test_a_parent_gets_the_records_that_name_them(held):
    mother = held["mother"].person
    data, text = export(mother)
    (case,) = data["cases"]
    assert case["subject_is"] == "person on the case"

    (told,) = case["childs_voice_told"]
    assert told["parent_told"] == f"{mother.full_name}, at home"
    (mention,) = case["chronology_mentions"]  # the correction names her; the entry does not
    assert mention["what_happened"] == f"Saw Kian at home with {mother.full_name}"
    assert "case_closures" not in case
    assert "dad shouts" not in json.dumps(data)  # what the child said is the child's
    assert [v["given_by"] for v in case["words_and_pictures"]] == [mother.full_name]
    (in_network,) = case["safety_network"]
    assert in_network["checks"][0]["checked_by"] == "Police national computer team"
    assert in_network["meetings"][0]["agreed"] == "Nan collects Kian from school every day"
    plans = case["safety_plans"]
    assert [c["outcome_label"] for c in plans["checks"]] == ["Followed"]
    assert plans["responsible_for"] == [] and plans["agreements"] == []
    assert [pack["for"] for pack in case["family_packs"]] == [mother.full_name]
    assert "third_party" not in case["family_packs"][0]  # the pack is theirs
    (invited,) = [m for m in case["meetings"] if m["meeting"].startswith("Core group meeting")]
    assert [i["sent_to"] for i in invited["invitations"]] == ["mum@example.org"]
    # Their change history includes the records that name them.
    kinds = {event["record_type"] for event in data["audit_events"]}
    assert {"Safety network member", "Safety network check", "Safety plan check"} <= kinds
    # The child is someone else: flagged where the child's name appears.
    child = candidate(data, held["case"].child.full_name)
    assert child["appears_in"]
    for words in ("Police national computer team", "Nan collects Kian from school every day",
                  "Family packs", "He smiled at the picture of Nan"):  # fmt: skip
        assert words in text


def test_someone_on_no_case_has_none_of_these_records(held):
    data, _ = export(CaseFactory().child)
    (case,) = data["cases"]
    for key in ("childs_voice", "words_and_pictures", "safety_network", "safety_plans",
                "family_packs", "network_meetings"):  # fmt: skip
        assert case[key] == []


def test_the_childs_export_has_the_referral_with_the_referrer_flagged_third_party(held):
    data, text = export(held["case"].child)
    (case,) = data["cases"]
    (referral,) = case["referrals"]
    assert referral["decision_label"] == "Child and family assessment"
    assert referral["worries"].startswith("He said Dad threw the remote")
    referrer = referral["contacted_by"]
    assert referrer["third_party"] is True
    assert referrer["redaction_id"] == candidate(data, "Priya Lal")["id"]
    assert referrer["contact_details"] == "01632 960111"
    assert "Contacts and referrals" in text and "Priya Lal" in text
    assert any(e["record_type"] == "Contact or referral" for e in data["audit_events"])


def test_meeting_scales_and_decisions_are_in_the_child_and_parent_exports(held):
    mother = held["mother"].person
    data, text = export(held["case"].child)
    outcomes = data["cases"][0]["meeting_outcomes"]
    overall, on_statement = outcomes["scales"]
    assert (overall["score"], overall["reason"], overall["shown_at_the_meeting"]) == (
        7, "Nan helps now", True,
    )  # fmt: skip
    assert overall["changes"][0]["old_score"] == 6 and on_statement["score"] == 5
    assert overall["given_by"]["redaction_id"] == candidate(data, mother.full_name)["id"]
    decisions = {d["decision"]: d for d in outcomes["decisions"]}
    assert "Outcome: Section 47 enquiry, Police investigation" in decisions
    decision = decisions["Child protection plan: yes, under neglect"]
    assert decision["views"][0]["words"] == "I am never out at night"
    assert "Meetings: everyone’s scales and the decisions" in text and "Nan helps now" in text

    data, text = export(mother)
    given = data["cases"][0]["meeting_outcomes_given"]
    assert [scale["score"] for scale in given["scales"]] == [7, 5]
    assert [(v["agrees"], v["words"]) for v in given["views"]] == [
        (False, "I am never out at night")
    ]
    kinds = {event["record_type"] for event in data["audit_events"]}
    assert {"Scale given at a meeting", "View of a meeting decision"} <= kinds
    assert "I am never out at night" in text
