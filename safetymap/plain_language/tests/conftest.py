from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from safetymap.accounts.models import Role
from tests.factories import UserFactory

_starter = importlib.import_module("safetymap.plain_language.migrations.0002_starter_glossary")


def load_starter_glossary() -> None:
    """The glossary the data migration loads. A transactional test elsewhere (browser tests)
    empties every table afterwards, data migrations' rows too: put them back if so."""
    _starter.load_starter_glossary(apps, None)


@pytest.fixture(autouse=True)
def starter_glossary(request):
    uses_database = {"db", "transactional_db"} & set(request.fixturenames)
    if uses_database or request.node.get_closest_marker("django_db"):
        load_starter_glossary()


@pytest.fixture
def admin(db):
    return UserFactory(role=Role.COUNCIL_ADMINISTRATOR, team=None, first_name="Nadia")


@pytest.fixture
def worker(db):
    return UserFactory(role=Role.PRACTITIONER, first_name="Priya")
