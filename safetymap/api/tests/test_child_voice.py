"""The child's voice in the API: sessions and one session's words, for the team, a stranger
and a partner; `audience` gives exactly what that audience may see."""

import pytest
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases import services as case_services
from safetymap.child_voice import services
from tests.factories import AllocationFactory, CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/cases/{case}/child-voice/sessions"


@pytest.fixture
def story():
    case = CaseFactory(child=PersonFactory(first_name="Amira", known_as=""))
    worker = AllocationFactory(case=case, worker__team=case.team).worker
    session = services.session_record(
        actor=worker, case=case, kind="three_houses", values={"name_dreams": "Wishing house"}
    )
    shared = services.entry_add(
        actor=worker, session=session,
        values={"house": "good", "words": "my teacher Miss Hart", "written_by": "child",
                "share_parents": True},
    )  # fmt: skip
    private = services.entry_add(
        actor=worker, session=session,
        values={"house": "worries", "words": "mum cries at night", "written_by": "worker"},
    )  # fmt: skip
    return case, worker, session, shared, private


def test_the_team_reads_every_session_and_word(client, story):
    case, worker, session, shared, private = story
    client.force_login(worker)
    listing = client.get(BASE.format(case=case.uuid)).json()
    assert listing["count"] == 1
    assert listing["items"][0]["house_names"]["dreams"] == "Wishing house"
    detail = client.get(f"{BASE.format(case=case.uuid)}/{session.uuid}").json()
    assert [entry["words"] for entry in detail["entries"]] == [shared.words, private.words]
    assert detail["entries"][1]["written_by"] == "worker"
    assert AccessEvent.objects.filter(actor=worker, what="API: child's voice session").exists()


def test_an_audience_sees_only_what_the_child_agreed_or_an_override(client, story):
    case, worker, session, shared, private = story
    client.force_login(worker)
    address = f"{BASE.format(case=case.uuid)}/{session.uuid}"
    parents = client.get(address, {"audience": "parents"}).json()
    assert [entry["words"] for entry in parents["entries"]] == [shared.words]
    assert client.get(address, {"audience": "network"}).json()["entries"] == []
    services.consent_override_add(
        actor=worker, session=session, audience="network", entry=private, reason="Nan must know"
    )
    [entry] = client.get(address, {"audience": "network"}).json()["entries"]
    assert entry["words"] == private.words
    assert entry["via_override"] is True and entry["override_reason"] == "Nan must know"
    assert client.get(address, {"audience": "everyone"}).status_code == 422


def test_strangers_and_partners_get_404(client, story):
    case, worker, session, *_ = story
    partner = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)
    case_services.case_share_add(actor=worker, case=case, partner=partner, reason="School")
    for user in (UserFactory(), partner):
        client.force_login(user)
        assert client.get(BASE.format(case=case.uuid)).status_code == 404
        assert client.get(f"{BASE.format(case=case.uuid)}/{session.uuid}").status_code == 404
    client.logout()
    assert client.get(BASE.format(case=case.uuid)).status_code == 401


def test_a_drawing_is_given_as_the_safe_image_address(client, story, settings, tmp_path):
    from safetymap.documents.tests.files import jpeg_with_gps, upload

    settings.MEDIA_ROOT = tmp_path
    case, worker, session, *_ = story
    drawing = services.drawing_add(
        actor=worker, session=session, uploaded_file=upload("a.jpg", jpeg_with_gps())
    )
    client.force_login(worker)
    [shown] = client.get(f"{BASE.format(case=case.uuid)}/{session.uuid}").json()["drawings"]
    assert shown["image_url"] == reverse(
        "child_voice:drawing_image",
        kwargs={"case_uuid": case.uuid, "session_uuid": session.uuid, "drawing_uuid": drawing.uuid},
    )


def test_the_consent_audiences_in_the_schema_are_the_models():
    from typing import get_args

    from safetymap.api.child_voice import ConsentAudience
    from safetymap.child_voice.models import Audience

    assert set(get_args(ConsentAudience)) == set(Audience.values)
