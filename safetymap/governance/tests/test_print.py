"""Printing a child's case record: what the printed copy holds, who may print it, and that
every print is an access event shown in "Access to this record"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases import services as cases
from safetymap.cases.models import ServiceLevelChange
from safetymap.governance.printing import PRINT_EVENT
from safetymap.mapping import services as mapping
from safetymap.mapping.models import Part
from tests.factories import CaseMemberFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def print_url(case):
    return reverse("governance:case_print", kwargs={"case_uuid": case.uuid})


def overview_url(case):
    return reverse("cases:case", kwargs={"case_uuid": case.uuid})


@pytest.fixture
def record(case, worker):
    """Something in every part the printed copy shows."""
    ServiceLevelChange.objects.create(
        case=case,
        from_level="",
        to_level=case.service_level,
        changed_on=case.opened_on,
        reason="Police found Kian alone at home at night.",
    )
    CaseMemberFactory(case=case, person=PersonFactory(first_name="Shona", last_name="Doyle"))
    mapping.map_item_add(
        actor=worker, case=case, part=Part.STRENGTH, values={"text": "Nan walks Kian to school."}
    )
    statement = mapping.danger_statement_add(
        actor=worker,
        case=case,
        values={
            "who_is_worried": "The school and children's services",
            "adult_behaviour": "Mum leaves Kian on his own at night when she goes out",
            "feared_for_child": "Kian could be hurt and have no one to help him",
        },
    )
    mapping.safety_goal_add(
        actor=worker,
        case=case,
        values={"danger_statement": statement, "adults_will": "Nan stays over when Mum goes out",
                "child_will_experience": "Kian always has an adult at home at night",
                "who_will_see": "the safety network", "how_long": "six months"},
    )  # fmt: skip
    mapping.next_step_add(
        actor=worker,
        case=case,
        values={"action": "Meet Nan to plan the nights", "owner": "Priya",
                "due_on": timezone.localdate()},
    )  # fmt: skip
    mapping.scale_rating_add(
        actor=worker,
        case=case,
        values={"rater_name": "Nan", "rater_role": "network", "score": 6,
                "reason": "I am there most nights now"},
    )  # fmt: skip
    return case


def test_the_printed_copy_holds_the_whole_record(client, record, worker):
    client.force_login(worker)
    response = client.get(print_url(record))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "Case record: Kian Doyle",
        record.reference,
        "Shona Doyle",
        "Police found Kian alone at home at night.",
        "Nan walks Kian to school.",
        "Mum leaves Kian on his own at night when she goes out",
        "Nan stays over when Mum goes out",
        "Meet Nan to plan the nights",
        "I am there most nights now",
        f"Printed by {worker.display_name}",
    ):
        assert text in page, text
    # Nothing to change from paper, and nothing the strict CSP would refuse.
    assert (
        reverse("mapping:record_add", kwargs={"case_uuid": record.uuid, "kind": "goals"})
        not in page
    )
    assert 'style="' not in page and not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert "js/print.js" in page


def test_a_print_is_an_access_event_shown_in_access_to_this_record(client, record, worker, manager):
    client.force_login(worker)
    client.get(print_url(record))
    event = AccessEvent.objects.get(what=PRINT_EVENT)
    assert (event.actor, event.case_uuid, event.basis) == (worker, record.uuid, "allocated worker")

    client.force_login(manager)
    log = client.get(reverse("governance:case_access_log", kwargs={"case_uuid": record.uuid}))
    assert PRINT_EVENT in log.content.decode()


def test_the_overview_links_to_the_print_page(client, record, worker):
    client.force_login(worker)
    assert print_url(record) in client.get(overview_url(record)).content.decode()


def test_read_only_staff_may_print_but_nobody_posts(client, record, worker):
    reader = UserFactory(team=record.team, role=Role.BUSINESS_SUPPORT)
    client.force_login(reader)
    assert client.get(print_url(record)).status_code == 200
    assert client.post(print_url(record)).status_code == 403
    client.force_login(worker)
    assert client.post(print_url(record)).status_code == 405


def test_no_relationship_is_404_and_no_print_is_recorded(client, record, stranger, governance):
    for user in (stranger, governance):
        client.force_login(user)
        assert client.get(print_url(record)).status_code == 404
    assert not AccessEvent.objects.filter(what=PRINT_EVENT).exists()


def test_a_partner_the_record_is_shared_with_cannot_print_it(client, record, manager):
    partner = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)
    cases.case_share_add(actor=manager, case=record, partner=partner, reason="School")
    client.force_login(partner)
    overview = client.get(overview_url(record))
    assert overview.status_code == 200
    assert print_url(record) not in overview.content.decode()
    assert client.get(print_url(record)).status_code == 404
    assert not AccessEvent.objects.filter(what=PRINT_EVENT).exists()


def test_sign_in_is_required(client, record):
    response = client.get(print_url(record))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
