"""Fixtures for the documents tests: people with and without access, and a private folder
for stored files. Test files are made in files.py (nothing is read from disk)."""

from __future__ import annotations

import pytest

from safetymap.accounts.models import Role
from tests.factories import AllocationFactory, CaseFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Stored documents go to this test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def case(db):
    return CaseFactory()


@pytest.fixture
def worker(case):
    """The allocated practitioner: may read and change the case."""
    return AllocationFactory(case=case, worker__team=case.team).worker


@pytest.fixture
def reader(case):
    """Business support in the case's team: may read, may not change."""
    return UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)


@pytest.fixture
def stranger(db):
    """A practitioner in another team: has no relationship to the case."""
    return UserFactory()
