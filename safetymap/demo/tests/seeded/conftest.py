"""One demo council, seeded once for the demo tests that only look at what seeding made.

Seeding takes a while, so these tests share it (tests/built_once.py): each runs in its own
savepoint and sees the same council. Tests about seeding itself (a second run, `--if-empty`,
the output) still seed their own.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.built_once import built_once_per_module

FAMILIES = 24


@pytest.fixture(scope="package")
def _demo_media(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shared council's pictures live as long as the council does."""
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=media):
        yield media


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", families=FAMILIES, stdout=out)
    return out.getvalue()


_seeded_council = built_once_per_module(_seed, scope="package")


@pytest.fixture
def demo_council(_demo_media: Path, _seeded_council: str, db: Any) -> str:
    """The seeded demo council (what seed_demo printed); the tests using it are grouped so
    that one worker seeds it once."""
    return _seeded_council
