"""Fixtures for the front door: a receiving team with a manager above it, and contacts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from safetymap.accounts.models import Role, ServiceArea
from safetymap.referrals import services
from safetymap.referrals.models import Referral
from tests.factories import TeamFactory, UserFactory


def contact_values(**overrides: Any) -> dict[str, Any]:
    """A contact as a school's designated safeguarding lead might phone it in."""
    return {
        "received_at": timezone.now() - datetime.timedelta(hours=2),
        "method": "phone",
        "referrer_name": "Ms Priya Lal",
        "referrer_role": "Designated safeguarding lead, Oakfield Primary School",
        "referrer_relationship": "school",
        "referrer_contact": "01632 960 111",
        "child_first_name": "Aiden",
        "child_last_name": "Walsh",
        "child_date_of_birth": datetime.date(2017, 3, 4),
        "child_address": "14 Mill Lane, Eastbrook EB4 7QT",
        "worries": "Aiden came in with a bruise on his cheek and said 'Dad's friend did it'.",
        "going_well": "He is never late and his mum comes to every parents' evening.",
        "needs_to_happen": "To know who Dad's friend is and that he is not at the house.",
        "referrer_scale": 4,
        **overrides,
    }


@pytest.fixture
def service():
    return TeamFactory(name="Children's social care", service_area=ServiceArea.ASSESSMENT)


@pytest.fixture
def front_door_team(service):
    return TeamFactory(name="Front door", service_area=ServiceArea.ASSESSMENT, parent=service)


@pytest.fixture
def worker(front_door_team):
    return UserFactory(team=front_door_team, role=Role.PRACTITIONER)


@pytest.fixture
def support(front_door_team):
    return UserFactory(team=front_door_team, role=Role.BUSINESS_SUPPORT)


@pytest.fixture
def head_of_service(service):
    return UserFactory(team=service, role=Role.TEAM_MANAGER)


@pytest.fixture
def other_worker():
    return UserFactory(role=Role.PRACTITIONER)


@pytest.fixture
def partner():
    return UserFactory(team=None, role=Role.PARTNER_PROFESSIONAL)


@pytest.fixture
def record(worker):
    def make(**overrides: Any) -> Referral:
        (referral,) = services.referral_record(actor=worker, values=contact_values(**overrides))
        return referral

    return make


@pytest.fixture
def referral(record):
    return record()
