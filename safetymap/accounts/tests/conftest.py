"""Fixtures for the sign-in tests: two-factor switched on, people with and without an
authenticator app."""

from __future__ import annotations

import pytest

from safetymap.accounts.models import User
from tests.twofactor import confirmed_device

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def two_factor_on(settings):
    settings.SAFETYMAP_REQUIRE_TWO_FACTOR = True
    return settings


@pytest.fixture
def jo(db) -> User:
    """A practitioner with no authenticator app yet."""
    return User.objects.create_user(
        username="jo.practitioner",
        password=PASSWORD,
        role="practitioner",
        first_name="Jo",
        last_name="Reid",
        email="jo.reid@eastbrook.example",
    )


@pytest.fixture
def sam(db) -> User:
    """A team manager with an authenticator app."""
    user = User.objects.create_user(
        username="sam.manager",
        password=PASSWORD,
        role="team_manager",
        first_name="Sam",
        last_name="Okafor",
    )
    confirmed_device(user)
    return user
