"""Test-suite wide set-up for SafetyMap (pytest-django reads its settings from pyproject.toml).

- Hypothesis: no per-example deadline (database-backed examples vary in speed on a loaded
  CI machine), and a derandomised "ci" profile, used when CI is set (or HYPOTHESIS_PROFILE=ci).
- Browser tests: every test under tests/e2e/ is marked `e2e`, so `-m e2e` / `-m "not e2e"`
  split the suite without each module having to remember its marker.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)

E2E_DIR = Path(__file__).resolve().parent / "tests" / "e2e"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark browser tests `e2e` before `-m` deselects anything."""
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)
