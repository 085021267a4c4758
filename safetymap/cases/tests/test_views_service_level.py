"""Stepping a case up or down between service levels."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases import services
from safetymap.cases.models import ServiceLevel, ServiceLevelChange
from safetymap.core.versioning import STALE_MESSAGE
from tests.factories import AllocationFactory, CaseFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
REASON = "Review conference agreed the safety plan has held for three months."


@pytest.fixture
def case():
    return CaseFactory(
        service_level=ServiceLevel.CHILD_PROTECTION,
        opened_on=TODAY - datetime.timedelta(days=200),
    )


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
    return reverse("cases:service_level", kwargs={"case_uuid": case.uuid})


def post_data(case, *, to_level="child_in_need", day=TODAY, **changes):
    data = {
        "to_level": to_level,
        "changed_on_day": day.day,
        "changed_on_month": day.month,
        "changed_on_year": day.year,
        "reason": REASON,
        "version": case.version,
    }
    data.update(changes)
    return data


def assert_unchanged(case, level=ServiceLevel.CHILD_PROTECTION):
    case.refresh_from_db()
    assert case.service_level == level
    assert not ServiceLevelChange.objects.filter(case=case).exists()


def test_sign_in_is_required(client, case):
    for method in (client.get, client.post):
        response = method(url(case))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_an_unrelated_user_gets_404(client, case, stranger):
    client.force_login(stranger)
    assert client.get(url(case)).status_code == 404
    assert client.post(url(case), post_data(case)).status_code == 404
    assert_unchanged(case)


def test_a_read_only_user_gets_403(client, case, reader):
    client.force_login(reader)
    assert client.get(url(case)).status_code == 403
    assert client.post(url(case), post_data(case)).status_code == 403
    assert_unchanged(case)
    assert not AuditEvent.objects.exists()


def test_the_form_offers_every_level_but_the_current_one(client, case, worker):
    client.force_login(worker)
    page = client.get(url(case)).content.decode()
    for level in ServiceLevel:
        assert (f'value="{level.value}"' in page) is (level != ServiceLevel.CHILD_PROTECTION)
    assert 'type="radio"' in page
    assert f'name="changed_on_year" value="{TODAY.year}"' in page.replace("  ", " ")
    assert f'name="version" value="{case.version}"' in page
    assert "Cancel" in page


def test_opening_the_form_records_an_access_event(client, case, worker):
    client.force_login(worker)
    client.get(url(case))
    assert AccessEvent.objects.get().what == "Change the service level"


def test_stepping_down_records_the_change_and_says_the_map_wording_follows(client, case, worker):
    client.force_login(worker)
    day = TODAY - datetime.timedelta(days=2)
    response = client.post(url(case), post_data(case, day=day))
    assert response.status_code == 302
    assert response.url == reverse("cases:case", kwargs={"case_uuid": case.uuid})

    case.refresh_from_db()
    assert case.service_level == ServiceLevel.CHILD_IN_NEED
    change = ServiceLevelChange.objects.get(case=case)
    assert (change.from_level, change.to_level, change.changed_on, change.reason) == (
        ServiceLevel.CHILD_PROTECTION,
        ServiceLevel.CHILD_IN_NEED,
        day,
        REASON,
    )
    assert change.changed_by == worker and change.direction == "step down"
    assert AuditEvent.objects.filter(case_uuid=case.uuid, actor=worker).count() == 2

    overview = client.get(response.url).content.decode()
    assert "The service level is now Child in need." in overview
    assert "wording now follows child in need" in overview
    assert "Step down" in overview


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": ""}, "Enter the reason for the change"),
        ({"reason": "   "}, "Enter the reason for the change"),
        ({"to_level": ""}, "Select the new service level"),
        ({"to_level": "child_protection"}, "Select a valid choice"),
        ({"day": TODAY + datetime.timedelta(days=1)}, "must be today or in the past"),
        (
            {"day": TODAY - datetime.timedelta(days=201)},
            "must be the same as or after the case opened",
        ),
        ({"changed_on_month": ""}, "must include a month"),
    ],
)
def test_bad_input_shows_the_error_and_changes_nothing(client, case, worker, changes, message):
    client.force_login(worker)
    data = post_data(case, **{k: v for k, v in changes.items() if k in ("to_level", "day")})
    data.update({k: v for k, v in changes.items() if k not in ("to_level", "day")})
    response = client.post(url(case), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert_unchanged(case)
    assert not AuditEvent.objects.exists()


def test_a_stale_change_is_refused(client, case, worker):
    client.force_login(worker)
    old_version = case.version
    services.case_change_service_level(
        actor=UserFactory(),
        case=case,
        expected_version=None,
        to_level=ServiceLevel.LOOKED_AFTER,
        changed_on=TODAY,
        reason="Emergency protection order; Kian is with foster carers.",
    )
    before = AuditEvent.objects.count()
    response = client.post(url(case), post_data(case, version=old_version))
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE_MESSAGE.split(".")[0] in page
    assert "What is saved now" in page
    assert '<td class="govuk-table__cell">Looked after</td>' in page
    case.refresh_from_db()
    assert case.service_level == ServiceLevel.LOOKED_AFTER
    assert ServiceLevelChange.objects.filter(case=case).count() == 1
    assert AuditEvent.objects.count() == before


def test_a_refusal_from_the_service_is_shown_on_the_form(client, case, worker, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError("The case is already at that service level. Choose a different one.")

    monkeypatch.setattr(services, "case_change_service_level", refuse)
    client.force_login(worker)
    response = client.post(url(case), post_data(case))
    assert response.status_code == 200
    assert "already at that service level" in response.content.decode()
    assert_unchanged(case)
