"""The network through the API: the same rules as the pages, contact details only for those
who may see them."""

from __future__ import annotations

import pytest
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases import services as case_services
from safetymap.networks import services
from safetymap.networks.models import NetworkMember
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def network_url(case, tail=""):
    return f"/api/v1/cases/{case.uuid}/network{tail}"


@pytest.fixture
def network(case, worker, add_member, add_statement, save_version):
    add_statement(case)
    gran = add_member(case, roles=["supervises_family_time", "safe_adult"])
    NetworkMember.objects.filter(pk=gran.pk).update(contact_details="07700 900123")
    neighbour = add_member(case, knowledge="some", first_name="Denise")
    services.network_member_record_seen(
        actor=worker, member=gran, expected_version=None, version=save_version(case),
        seen_on=timezone.localdate(),
    )  # fmt: skip
    services.network_meeting_add(
        actor=worker, case=case, held_on=timezone.localdate(), attendees=[gran, neighbour],
        staff=[worker], agreed="Gran will do the school run.",
    )  # fmt: skip
    return gran, neighbour


def test_the_network_with_its_glance(client, case, worker, network):
    _, neighbour = network
    client.force_login(worker)
    body = client.get(network_url(case)).json()
    assert body["glance"]["size"] == 2
    assert body["glance"]["knows_everything"] == 1 and body["glance"]["knows_some"] == 1
    assert body["glance"]["not_up_to_date"] == [str(neighbour.uuid)]
    assert body["glance"]["roles_with_no_one"] == ["daily_check", "emergency_contact"]
    assert body["glance"]["missing_checks"][0]["check_type"] == "DBS check"
    first = body["members"][0]
    assert first["contact_details"] == "07700 900123"
    assert first["statements_seen_version"] == 1 and first["up_to_date"] is True
    assert {role["role"] for role in first["roles"]} == {"supervises_family_time", "safe_adult"}
    assert AccessEvent.objects.filter(what="API: safety network").count() == 1


def test_meetings(client, case, worker, network):
    client.force_login(worker)
    body = client.get(network_url(case, "/meetings")).json()
    assert body["count"] == 1
    assert body["items"][0]["agreed"] == "Gran will do the school run."
    assert len(body["items"][0]["attendees"]) == 2


def test_emergency_access_sees_contact_details(client, case, network):
    duty = UserFactory(role=Role.PRACTITIONER)
    case_services.break_glass_request(actor=duty, case=case, reason="Police called at 2am")
    client.force_login(duty)
    body = client.get(network_url(case)).json()
    assert body["members"][0]["contact_details"] == "07700 900123"


@pytest.mark.parametrize("tail", ["", "/meetings"])
def test_partner_with_a_share_and_strangers_get_404(client, case, worker, network, stranger, tail):
    partner = UserFactory(team=None, role=Role.PARTNER_PROFESSIONAL)
    case_services.case_share_add(actor=worker, case=case, partner=partner, reason="School")
    for user in (partner, stranger):
        client.force_login(user)
        assert client.get(network_url(case, tail)).status_code == 404
    client.logout()
    assert client.get(network_url(case, tail)).status_code == 401
