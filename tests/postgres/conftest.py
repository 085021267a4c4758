"""Tests that need a real PostgreSQL server of their own: the crash test and backup/restore.

They run in `make test-crash` (pytest -m postgres_only tests/postgres, inside
scripts/with-postgres) and are left out of test-sqlite and test-postgres. Run anywhere
else they fail, saying why; they never skip.

Each test makes its own databases on the harness's throwaway cluster (the role in
DATABASE_URL is its superuser), runs SafetyMap against them in separate processes, as in
production, and drops them afterwards. The test suite's own database is never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg
import pytest

REPO = Path(__file__).resolve().parents[2]
NOT_POSTGRES = (
    "These tests need PostgreSQL: run them with `make test-crash`, or "
    "`scripts/with-postgres .venv/bin/python -m pytest -m postgres_only tests/postgres`. "
    "DATABASE_URL is {url!r}."
)


@pytest.fixture(scope="session")
def cluster_url() -> str:
    """DATABASE_URL from scripts/with-postgres; anything else fails the test."""
    url = os.environ.get("DATABASE_URL", "")
    if urlparse(url).scheme not in {"postgres", "postgresql"}:
        pytest.fail(NOT_POSTGRES.format(url=url), pytrace=False)
    return url


def url_for(cluster_url: str, name: str) -> str:
    return urlunparse(urlparse(cluster_url)._replace(path=f"/{name}"))


def connect(url: str) -> psycopg.Connection:
    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)


class Databases:
    """New databases on the harness's cluster, dropped when the test ends."""

    def __init__(self, cluster_url: str) -> None:
        self.cluster_url = cluster_url
        self.made: list[str] = []

    def url(self, label: str) -> str:
        """The URL of a database that does not exist yet (for `restore --create`)."""
        name = f"sm_{label}_{uuid.uuid4().hex[:8]}"
        self.made.append(name)
        return url_for(self.cluster_url, name)

    def create(self, label: str) -> str:
        """A new, empty database's URL."""
        url = self.url(label)
        with connect(self.cluster_url) as connection:
            connection.execute(f'CREATE DATABASE "{urlparse(url).path.lstrip("/")}"')
        return url

    def drop_all(self) -> None:
        with connect(self.cluster_url) as connection:
            for name in self.made:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def databases(cluster_url: str) -> Iterator[Databases]:
    made = Databases(cluster_url)
    yield made
    made.drop_all()


def app_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment to run SafetyMap against one database, with the test settings."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def manage(database_url: str, *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=app_env(database_url),
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout
