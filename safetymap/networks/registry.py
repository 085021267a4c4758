"""How higher apps (the safety plan) add to the roles a case's network is expected to fill.

The council's own list is the setting SAFETYMAP_NETWORK_EXPECTED_ROLES. An app whose
records need more roles (a plan rule that names "daily check") registers a function that
says which roles one case needs; `expected_roles` joins them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from safetymap.cases.models import Case

RoleSource = Callable[[Case], Iterable[str]]

_sources: list[RoleSource] = []


def register_expected_roles(source: RoleSource) -> None:
    if source not in _sources:
        _sources.append(source)


def expected_role_sources() -> list[RoleSource]:
    return list(_sources)
