"""The case overview: the child, workers, service level history and the people around them."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases import services
from safetymap.cases.models import Relationship, ServiceLevel, ServiceLevelChange
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def case():
    child = PersonFactory(
        first_name="Kian",
        last_name="Doyle",
        known_as="Kiki",
        date_of_birth=TODAY.replace(year=TODAY.year - 6) - datetime.timedelta(days=10),
        gender="Boy",
        address="14 Larch Road\nEastbrook\nEB4 2QT",
    )
    case = CaseFactory(child=child, service_level=ServiceLevel.CHILD_IN_NEED)
    ServiceLevelChange.objects.create(
        case=case,
        from_level="",
        to_level=ServiceLevel.CHILD_IN_NEED,
        changed_on=case.opened_on,
        reason="Referral from Larch Road Nursery after Kian came in with a bruise.",
    )
    return case


@pytest.fixture
def worker(case):
    return AllocationFactory(
        case=case, worker__team=case.team, worker__first_name="Priya", worker__last_name="Shah"
    ).worker


@pytest.fixture
def reader(case):
    return UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)


@pytest.fixture
def stranger(db):
    return UserFactory()


def url(case):
    return reverse("cases:case", kwargs={"case_uuid": case.uuid})


def test_sign_in_is_required(client, case):
    for method in (client.get, client.post):
        response = method(url(case))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_an_unrelated_user_gets_404(client, case, stranger):
    client.force_login(stranger)
    assert client.get(url(case)).status_code == 404
    assert client.post(url(case)).status_code == 404
    assert not AccessEvent.objects.exists()


def test_an_unknown_case_is_404(client, worker):
    client.force_login(worker)
    response = client.get(reverse("cases:case", kwargs={"case_uuid": uuid.uuid4()}))
    assert response.status_code == 404


def test_a_read_only_user_can_read_but_not_post_and_sees_no_edit_links(client, case, reader):
    CaseMemberFactory(case=case)
    client.force_login(reader)
    response = client.get(url(case))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kian Doyle" in page
    for text in ("Add a person", "Change service level", "Change the child's details", ">Remove<"):
        assert text not in page
    assert client.post(url(case)).status_code == 403


def test_viewing_the_overview_records_an_access_event(client, case, worker):
    client.force_login(worker)
    client.get(url(case))
    event = AccessEvent.objects.get()
    assert (event.actor, event.case_uuid, event.what, event.basis) == (
        worker,
        case.uuid,
        "Case overview",
        "allocated worker",
    )


def test_shows_the_child_workers_and_team(client, case, worker):
    client.force_login(worker)
    page = client.get(url(case)).content.decode()
    assert "Kian Doyle" in page and "Kiki" in page
    assert "6 years old" in page
    assert "Boy" in page
    assert "14 Larch Road<br>Eastbrook" in page
    assert "Priya Shah" in page
    assert case.team.name in page
    assert case.reference in page


def test_shows_the_service_level_history_with_steps_up_and_down(client, case, worker):
    services.case_change_service_level(
        actor=worker,
        case=case,
        expected_version=case.version,
        to_level=ServiceLevel.CHILD_PROTECTION,
        changed_on=TODAY - datetime.timedelta(days=30),
        reason="Initial conference decided on a child protection plan.",
    )
    case.refresh_from_db()
    services.case_change_service_level(
        actor=worker,
        case=case,
        expected_version=case.version,
        to_level=ServiceLevel.CHILD_IN_NEED,
        changed_on=TODAY,
        reason="Review conference: the safety plan has held for three months.",
    )
    client.force_login(worker)
    page = client.get(url(case)).content.decode()
    assert "Opened" in page and "at child in need" in page
    assert "Step up" in page and "Child in need to Child protection" in page
    assert "Step down" in page and "Child protection to Child in need" in page
    assert "Review conference: the safety plan has held for three months." in page
    assert page.index("Step up") < page.index("Step down")
    assert "Priya Shah" in page


def test_shows_the_people_around_the_child_in_groups(client, case, worker):
    CaseMemberFactory(
        case=case,
        person__first_name="Shannon",
        person__last_name="Doyle",
        person__phone="07700 900123",
        relationship=Relationship.MOTHER,
        lives_with_child=True,
        parental_responsibility=True,
    )
    CaseMemberFactory(
        case=case,
        person__first_name="Ellie",
        relationship=Relationship.HALF_SIBLING,
        lives_with_child=True,
        parental_responsibility=False,
    )
    CaseMemberFactory(
        case=case,
        person__first_name="Maureen",
        relationship=Relationship.GRANDPARENT,
        relationship_detail="Maternal grandmother",
        lives_with_child=False,
        parental_responsibility=False,
    )
    CaseMemberFactory(
        case=case,
        person__first_name="Jo",
        person__organisation="Larch Road Nursery",
        relationship=Relationship.PROFESSIONAL,
        relationship_detail="Nursery manager",
        lives_with_child=False,
        parental_responsibility=False,
    )
    gone = CaseMemberFactory(case=case, person__first_name="Darren")
    gone.removed_at = timezone.now()
    gone.save()

    client.force_login(worker)
    page = client.get(url(case)).content.decode()
    headings = ["Parents and carers", "Brothers and sisters", "Relatives", "Professionals"]
    positions = [page.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Friends and neighbours" not in page  # empty groups are left out
    assert page.index("Shannon") < page.index("Brothers and sisters") < page.index("Ellie")
    assert "07700 900123" in page
    assert "Maternal grandmother" in page
    assert "Larch Road Nursery" in page and "Nursery manager" in page
    assert "Darren" not in page
    assert "Lives with the child" in page and "Parental responsibility" in page


def test_editors_see_buttons_and_change_and_remove_links(client, case, worker):
    member = CaseMemberFactory(case=case)
    client.force_login(worker)
    page = client.get(url(case)).content.decode()
    assert "Add a person" in page
    assert "Change service level" in page
    assert "Change the child's details" in page
    kwargs = {"case_uuid": case.uuid, "member_uuid": member.uuid}
    assert reverse("cases:member_edit", kwargs=kwargs) in page
    assert reverse("cases:member_remove", kwargs=kwargs) in page


def test_a_closed_case_can_be_read_but_not_changed(client, case, worker):
    case.closed_on = TODAY
    case.save()
    client.force_login(worker)
    page = client.get(url(case)).content.decode()
    assert "Add a person" not in page
    assert (
        client.post(reverse("cases:child_edit", kwargs={"case_uuid": case.uuid})).status_code == 403
    )


def test_empty_people_list_is_explained(client, case, worker):
    client.force_login(worker)
    assert "No one has been added yet." in client.get(url(case)).content.decode()


def count_queries(client, case):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(case))
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_queries_do_not_grow_with_the_case(client, case, worker):
    small = CaseFactory(team=case.team)
    AllocationFactory(case=small, worker=worker)
    CaseMemberFactory(case=small)
    ServiceLevelChange.objects.create(
        case=small, to_level=small.service_level, changed_on=small.opened_on, reason="Referral"
    )
    for relationship in list(Relationship) * 3:
        CaseMemberFactory(case=case, relationship=relationship)
    for number in range(10):
        ServiceLevelChange.objects.create(
            case=case,
            from_level=ServiceLevel.CHILD_IN_NEED,
            to_level=ServiceLevel.CHILD_PROTECTION,
            changed_on=TODAY,
            reason=f"Change {number}",
            changed_by=UserFactory(),
        )
    AllocationFactory(case=case, worker=UserFactory(team=case.team))

    client.force_login(worker)
    count_queries(client, small)  # warm up
    assert count_queries(client, case) == count_queries(client, small)
    # The case details plus the practice apps' panels (the child's words, Words and Pictures,
    # the network, the safety plan), each a few queries however much they hold.
    assert count_queries(client, small) <= 24
