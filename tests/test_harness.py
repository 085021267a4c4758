"""The test harness runs the suite on the database it was asked for.

`make test-sqlite` leaves DATABASE_URL unset; `make test-postgres` runs pytest inside
scripts/with-postgres, which sets it. A harness that silently ran SQLite twice would pass
every other test: this one fails instead.
"""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.db import connection


def expected_vendor() -> str:
    return "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"


def test_settings_module_is_the_test_settings() -> None:
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "config.settings.test"
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_database_vendor_matches_the_run() -> None:
    assert connection.vendor == expected_vendor()
    # The run asked for by `make` (SAFETYMAP_TEST_DB) must agree with what pytest got.
    asked_for = os.environ.get("SAFETYMAP_TEST_DB")
    if asked_for:
        assert connection.vendor == asked_for


@pytest.mark.django_db
def test_database_answers_a_query() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting('server_version_num')::int")
            (version,) = cursor.fetchone()
            assert version >= 150000, "production runs PostgreSQL 15 or newer"
            # pytest-django's own database, never the one DATABASE_URL names.
            assert connection.settings_dict["NAME"].startswith("test_")
        else:
            cursor.execute("SELECT sqlite_version()")
            assert cursor.fetchone()[0]
