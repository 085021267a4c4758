"""The sections of the documents a family (or a child) is given, gathered by registration.

The packs app draws the documents; the apps that own what goes in them (the map, the
safety plan, Words and Pictures) each register a section in their AppConfig.ready(). The
registry lives here, below every practice app, so a section is added without the packs app
importing that app or that app importing packs.

A section's `context(case, for_person)` returns the section's content as plain JSON data
(text, dates as strings, numbers) together with the version of the record it came from,
or None to leave the section out. The packs app stores that data with every document it
makes, so the document can be drawn again exactly: `template` must draw everything from
`section.data` alone, never from the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from safetymap.cases.models import Case, Person

FAMILY = "family"
CHILD = "child"


@dataclass(frozen=True)
class PackSectionContent:
    data: dict[str, Any]  # JSON-safe: what the template shows, and nothing else
    version: str  # which version of the record it shows, e.g. "Map version 3"


@dataclass(frozen=True)
class PackSection:
    key: str
    title: str
    template: str  # drawn with `section`: its key, title, version and data
    context: Callable[[Case, Person | None], PackSectionContent | None]
    order: int
    audiences: tuple[str, ...] = (FAMILY,)


_sections: list[PackSection] = []


def register_pack_section(section: PackSection) -> None:
    if all(existing.key != section.key for existing in _sections):
        _sections.append(section)
        _sections.sort(key=lambda s: s.order)


def pack_sections(audience: str = FAMILY) -> list[PackSection]:
    return [section for section in _sections if audience in section.audiences]
