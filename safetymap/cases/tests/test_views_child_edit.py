"""Changing the child's details: permissions, audit, stale saves and bad input."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases import services
from safetymap.core.versioning import STALE_MESSAGE
from tests.factories import AllocationFactory, CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def case():
    child = PersonFactory(
        first_name="Kian", last_name="Doyle", date_of_birth=datetime.date(2019, 4, 12)
    )
    return CaseFactory(child=child)


@pytest.fixture
def worker(case):
    return AllocationFactory(case=case, worker__team=case.team).worker


@pytest.fixture
def reader(case):
    return UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)


@pytest.fixture
def stranger(db):
    return UserFactory()


def url(case):
    return reverse("cases:child_edit", kwargs={"case_uuid": case.uuid})


def post_data(child, **changes):
    data = {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "known_as": child.known_as,
        "date_of_birth_day": child.date_of_birth.day if child.date_of_birth else "",
        "date_of_birth_month": child.date_of_birth.month if child.date_of_birth else "",
        "date_of_birth_year": child.date_of_birth.year if child.date_of_birth else "",
        "gender": child.gender,
        "address": child.address,
        "version": child.version,
    }
    data.update(changes)
    return data


def test_sign_in_is_required(client, case):
    for method in (client.get, client.post):
        response = method(url(case))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_an_unrelated_user_gets_404(client, case, stranger):
    client.force_login(stranger)
    assert client.get(url(case)).status_code == 404
    assert client.post(url(case), post_data(case.child, first_name="Changed")).status_code == 404
    case.child.refresh_from_db()
    assert case.child.first_name == "Kian"


def test_a_read_only_user_gets_403(client, case, reader):
    client.force_login(reader)
    assert client.get(url(case)).status_code == 403
    assert client.post(url(case), post_data(case.child, first_name="Changed")).status_code == 403
    case.child.refresh_from_db()
    assert case.child.first_name == "Kian"
    assert not AuditEvent.objects.exists()


def test_the_form_shows_the_saved_details_and_version(client, case, worker):
    client.force_login(worker)
    page = client.get(url(case)).content.decode()
    assert 'value="Kian"' in page
    assert 'name="date_of_birth_year"' in page and 'value="2019"' in page
    assert f'name="version" value="{case.child.version}"' in page
    assert "Cancel" in page


def test_saving_changes_the_child_writes_an_audit_event_and_says_so(client, case, worker):
    client.force_login(worker)
    response = client.post(
        url(case),
        post_data(
            case.child,
            known_as="Kiki",
            gender="Boy",
            address="14 Larch Road\nEastbrook",
            date_of_birth_day="13",
        ),
    )
    assert response.status_code == 302
    assert response.url == reverse("cases:case", kwargs={"case_uuid": case.uuid})
    child = case.child
    child.refresh_from_db()
    assert (child.known_as, child.gender, child.date_of_birth) == (
        "Kiki",
        "Boy",
        datetime.date(2019, 4, 13),
    )
    assert child.version == 2
    event = AuditEvent.objects.get(case_uuid=case.uuid)
    assert event.action == "update" and event.actor == worker
    assert event.changes["known_as"] == {"old": "", "new": "Kiki"}
    assert event.changes["date_of_birth"] == {"old": "2019-04-12", "new": "2019-04-13"}
    assert "Kian&#x27;s details have been saved." in client.get(response.url).content.decode()


def test_opening_the_form_records_an_access_event(client, case, worker):
    client.force_login(worker)
    client.get(url(case))
    event = AccessEvent.objects.get()
    assert (event.case_uuid, event.what, event.basis) == (
        case.uuid,
        "Change the child's details",
        "allocated worker",
    )


def test_a_stale_save_is_refused_and_keeps_the_other_change(client, case, worker):
    client.force_login(worker)
    form_version = case.child.version
    # Someone else changes the child after this form was loaded.
    services.child_update(
        actor=UserFactory(), case=case, expected_version=None, child={"known_as": "KD"}
    )
    before = AuditEvent.objects.count()

    response = client.post(url(case), post_data(case.child, known_as="Kiki", version=form_version))

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert STALE_MESSAGE.split(".")[0].replace("'", "&#x27;") in page
    assert "What is saved now" in page
    assert '<td class="govuk-table__cell">KD</td>' in page
    assert '<td class="govuk-table__cell">Kiki</td>' in page
    child = case.child
    child.refresh_from_db()
    assert child.known_as == "KD"
    assert AuditEvent.objects.count() == before

    # Having seen what is saved now, the worker can save again on purpose.
    assert f'name="version" value="{child.version}"' in page
    again = client.post(url(case), post_data(child, known_as="Kiki"))
    assert again.status_code == 302
    child.refresh_from_db()
    assert child.known_as == "Kiki"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_name": ""}, "Enter the child&#x27;s first name"),
        ({"date_of_birth_year": str(TODAY.year + 1)}, "Date of birth must be today or in the past"),
        ({"date_of_birth_month": "13"}, "Date of birth must be a real date"),
        ({"date_of_birth_day": ""}, "Date of birth must include a day"),
    ],
)
def test_bad_input_shows_the_error_and_changes_nothing(client, case, worker, changes, message):
    client.force_login(worker)
    response = client.post(url(case), post_data(case.child, known_as="Kiki", **changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert "<title>Error:" in page
    case.child.refresh_from_db()
    assert case.child.known_as == "" and case.child.version == 1
    assert not AuditEvent.objects.exists()


def test_the_date_of_birth_is_optional(client, case, worker):
    client.force_login(worker)
    response = client.post(
        url(case),
        post_data(case.child, date_of_birth_day="", date_of_birth_month="", date_of_birth_year=""),
    )
    assert response.status_code == 302
    case.child.refresh_from_db()
    assert case.child.date_of_birth is None
