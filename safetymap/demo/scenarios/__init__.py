"""Hand-written casework scenarios from which the demo council's families are generated."""

from __future__ import annotations

from safetymap.demo.scenarios import babies, care, home, young_people
from safetymap.demo.scenarios.base import Scenario

SCENARIOS: tuple[Scenario, ...] = (
    *home.SCENARIOS,
    *young_people.SCENARIOS,
    *babies.SCENARIOS,
    *care.SCENARIOS,
)
BY_KEY: dict[str, Scenario] = {scenario.key: scenario for scenario in SCENARIOS}

__all__ = ["BY_KEY", "SCENARIOS", "Scenario"]
