"""Subject access request pages: find the person, confirm, download the PDF or JSON. Only
information governance, only after confirming it's them, and every export recorded."""

from __future__ import annotations

import io
import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases.models import Relationship
from safetymap.governance.tests.conftest import confirm_its_me
from safetymap.mapping.models import Part
from tests.factories import (
    CaseFactory,
    CaseMemberFactory,
    MapItemFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
SEARCH = reverse("governance:subject_access_search")


@pytest.fixture
def child():
    kian = PersonFactory(first_name="Kian", last_name="Doyle")
    case = CaseFactory(child=kian)
    CaseMemberFactory(
        case=case,
        person=PersonFactory(first_name="Lee", last_name="Marsh"),
        relationship=Relationship.PARENTS_PARTNER,
    )
    MapItemFactory(case=case, part=Part.HARM, text="Lee Marsh shouted at Kian at bedtime.")
    MapItemFactory(case=case, part=Part.STRENGTH, text="Kian loves his swimming lessons.")
    return kian


@pytest.fixture
def signed_in(client, governance):
    client.force_login(governance)
    confirm_its_me(client)
    return client


def person_url(person):
    return reverse("governance:subject_access_person", kwargs={"person_uuid": person.uuid})


def download(client, person, output_format, reference="SAR-2026-014"):
    return client.post(
        person_url(person), {"output_format": output_format, "request_reference": reference}
    )


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- Who may use it -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.TEAM_MANAGER, Role.PRACTITIONER, Role.BUSINESS_SUPPORT, Role.PARTNER_PROFESSIONAL]
)
def test_only_information_governance_may_run_it(client, child, role):
    user = UserFactory(role=role, team=child.cases.get().team)
    client.force_login(user)
    confirm_its_me(client)
    assert client.get(SEARCH, {"name": "Kian"}).status_code == 403
    assert client.get(person_url(child)).status_code == 403
    assert download(client, child, "json").status_code == 403
    assert not AccessEvent.objects.exists() and not AuditEvent.objects.exists()


def test_sign_in_is_required(client, child):
    response = client.get(person_url(child))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_confirming_it_is_them_is_required_before_the_form(client, child, governance):
    client.force_login(governance)
    for response in (client.get(person_url(child)), download(client, child, "json")):
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:reauth"))
    assert not AuditEvent.objects.exists()
    assert not AccessEvent.objects.exists()


def test_an_unknown_person_is_404(signed_in):
    url = reverse("governance:subject_access_person", kwargs={"person_uuid": uuid.uuid4()})
    assert signed_in.get(url).status_code == 404


# --- Find the person ----------------------------------------------------------------------


def test_search_by_name_and_date_of_birth(signed_in, child):
    PersonFactory(first_name="Kiana", last_name="Brook", date_of_birth=None)
    page = signed_in.get(SEARCH, {"name": "kian doy"}).content.decode()
    assert "Kian Doyle" in page and "Kiana Brook" not in page
    assert person_url(child) in page
    assert f"Child on case {child.cases.get().reference}" in page

    born = child.date_of_birth
    query = {"name": "Kian", "date_of_birth_day": born.day, "date_of_birth_month": born.month}
    query["date_of_birth_year"] = born.year
    page = signed_in.get(SEARCH, query).content.decode()
    assert "Kian Doyle" in page and "Kiana Brook" not in page


def test_search_results_are_recorded_for_every_case_shown(signed_in, child, governance):
    signed_in.get(SEARCH, {"name": "Kian Doyle"})
    event = AccessEvent.objects.get()
    assert (event.actor, event.case_uuid, event.basis) == (
        governance,
        child.cases.get().uuid,
        "subject access request",
    )


def test_search_results_take_a_fixed_number_of_queries(signed_in):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert signed_in.get(SEARCH, {"name": "Doyle"}).status_code == 200
        return len(captured)

    CaseFactory(child=PersonFactory(last_name="Doyle"))
    few = queries()
    for _ in range(8):
        person = PersonFactory(last_name="Doyle")
        CaseFactory(child=person)
        CaseMemberFactory(case=CaseFactory(), person=person)
    assert queries() == few


def test_search_needs_a_name(signed_in):
    page = signed_in.get(SEARCH, {"name": " "}).content.decode()
    assert "Enter the person’s name" in page


def test_nobody_found(signed_in, child):
    page = signed_in.get(SEARCH, {"name": "Zebedee"}).content.decode()
    assert "Nobody matches that name" in page


def test_the_confirm_page_lists_what_is_included_and_is_recorded(signed_in, child):
    case = child.cases.get()
    page = signed_in.get(person_url(child)).content.decode()
    assert "Check this is the right person" in page
    assert f"Case {case.reference}, where they are the child" in page
    assert AccessEvent.objects.get().what == "Subject access request: what will be included"


def test_a_format_must_be_chosen(signed_in, child):
    response = signed_in.post(person_url(child), {"request_reference": "SAR-1"})
    assert response.status_code == 400
    assert "Select a format" in response.content.decode()
    assert not AuditEvent.objects.exists()


# --- The downloads ------------------------------------------------------------------------


def test_the_json_export_holds_the_map_and_flags_other_people(signed_in, child, governance):
    case = child.cases.get()
    response = download(signed_in, child, "json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "subject-access-kian-doyle-" in response["Content-Disposition"]
    data = json.loads(response.content)
    items = [item["text"] for item in data["cases"][0]["map"]["items"]]
    assert items == ["Lee Marsh shouted at Kian at bedtime.", "Kian loves his swimming lessons."]
    lee = next(c for c in data["redaction_candidates"] if c["name"] == "Lee Marsh")
    assert "/cases/0/map/items/0/text" in lee["appears_in"]
    assert data["cases"][0]["people"][0]["third_party"] is True

    audit = AuditEvent.objects.get(action="subject access export")
    assert audit.actor == governance and audit.object_uuid == child.uuid
    assert audit.changes["format"] == "json"
    assert audit.changes["request_reference"] == "SAR-2026-014"
    assert audit.changes["cases"] == [str(case.uuid)]
    assert len(audit.changes["sha256"]) == 64
    event = AccessEvent.objects.get(what__startswith="Subject access request export")
    assert (event.case_uuid, event.basis) == (case.uuid, "subject access request")


def test_an_export_records_an_access_event_for_every_case_included(signed_in, governance):
    mum = PersonFactory(first_name="Jade", last_name="Doyle")
    cases = [CaseFactory(), CaseFactory()]
    for case in cases:
        CaseMemberFactory(case=case, person=mum)
    download(signed_in, mum, "json")
    recorded = AccessEvent.objects.filter(what__startswith="Subject access request export")
    assert {event.case_uuid for event in recorded} == {case.uuid for case in cases}
    assert {event.basis for event in recorded} == {"subject access request"}


def test_the_pdf_is_a_real_pdf_with_the_child_and_the_flags(signed_in, child):
    response = download(signed_in, child, "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Information we hold about Kian Doyle" in text
    assert "Eastbrook Borough Council" in text  # the council's name from settings
    assert "Kian loves his swimming lessons." in text
    data_id = "R1"
    assert f"Lee Marsh [{data_id}]" in text  # the marker beside the third party's name
    assert "For redaction review" in text
    assert "THIRD PARTY: REVIEW" in text.upper()
    audit = AuditEvent.objects.get(action="subject access export")
    assert audit.changes["format"] == "pdf"


def test_the_pdf_escapes_what_people_typed(signed_in, child):
    MapItemFactory(case=child.cases.get(), text='<img src="http://evil.example/x.png"> <b>bold</b>')
    text = pdf_text(download(signed_in, child, "pdf").content)
    assert '<img src="http://evil.example/x.png"> <b>bold</b>' in text


def test_recent_exports_are_listed_on_the_start_page(signed_in, child):
    download(signed_in, child, "json")
    page = signed_in.get(SEARCH).content.decode()
    assert "Recent exports" in page
    assert "Subject access export (JSON) about Kian Doyle for request SAR-2026-014" in page


def test_if_the_export_cannot_be_recorded_nothing_is_sent(signed_in, child, monkeypatch):
    from safetymap.governance import services

    def broken(**kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(services, "audit_record", broken)
    signed_in.raise_request_exception = False
    response = download(signed_in, child, "json")
    assert response.status_code == 500
    assert b"swimming" not in response.content
    assert not AccessEvent.objects.filter(what__startswith="Subject access request export").exists()
