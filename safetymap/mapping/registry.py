"""How higher apps say where a map record came from, without `mapping` importing them.

An app that creates map records (the child's voice carries a child's words into the map)
registers, in its AppConfig.ready(), a function that finds the sources of the records on
one case's map. The map shows each source under its record ("From Kian's House of worries,
3 March 2026"), linking back when the source gives a link.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from safetymap.cases.models import Case


@dataclass(frozen=True)
class Source:
    text: str
    url: str | None = None  # None when this user may not open the source


# (request, case, uuids of the records on the map as strings) -> {record uuid: Source}.
# Called once per page, so it should answer in a fixed number of queries.
SourceFinder = Callable[[HttpRequest, Case, Collection[str]], dict[str, Source]]

_finders: list[SourceFinder] = []


def register_source_finder(finder: SourceFinder) -> None:
    if finder not in _finders:
        _finders.append(finder)


def record_sources(request: HttpRequest, case: Case, uuids: Collection[str]) -> dict[str, Source]:
    found: dict[str, Source] = {}
    if not uuids:
        return found
    for finder in _finders:
        found.update(finder(request, case, uuids))
    return found


def attach_sources(request: HttpRequest, case: Case, rows: list[dict[str, Any]]) -> None:
    """Set `source` on each row (a snapshot record) a higher app says it came from."""
    sources = record_sources(request, case, [str(row["uuid"]) for row in rows])
    for row in rows:
        row["source"] = sources.get(str(row["uuid"]))
