"""The child's chronology: the significant events every app records (each app registers a
`ChronologySource` in `registry`), and the entries workers add, in one list.

Each source answers in one query, and the entries in one more, so the page costs the same
however long the chronology is. Filtering by words and dates happens on the collected rows:
a case's chronology is read whole, one child at a time.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse

from safetymap.cases.models import (
    Case,
    CaseClosure,
    ChronologyEntry,
    ClosureReason,
    ServiceLevel,
    ServiceLevelChange,
)
from safetymap.cases.registry import ChronologyEvent, ChronologySource, chronology_sources

ENTRIES = "entries"  # the kind of the entries workers add
ENTRIES_LABEL = "Entries added by workers"


@dataclass(frozen=True)
class ChronologyRow:
    """One line of the chronology: an event from an app, or an entry a worker added."""

    event: ChronologyEvent
    kind_label: str
    entry: ChronologyEntry | None = None

    @property
    def happened_on(self) -> datetime.date:
        return self.event.happened_on

    @property
    def corrected_by(self) -> ChronologyEntry | None:
        """The entry correcting this one, if it was corrected."""
        if self.entry is None:
            return None
        try:
            return self.entry.correction
        except ChronologyEntry.DoesNotExist:
            return None

    def text(self) -> str:
        """Everything a words filter searches."""
        parts = [self.event.summary, self.event.detail, self.event.by, self.kind_label]
        if self.entry is not None:
            parts += [self.entry.significance, self.entry.correction_reason]
        return " ".join(parts).casefold()


@dataclass(frozen=True)
class ChronologyFilters:
    kinds: tuple[str, ...] = ()  # empty: every kind
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    words: str = ""
    newest_first: bool = True

    def keeps(self, row: ChronologyRow) -> bool:
        if self.kinds and row.event.kind not in self.kinds:
            return False
        if self.date_from and row.happened_on < self.date_from:
            return False
        if self.date_to and row.happened_on > self.date_to:
            return False
        text = row.text()
        return all(word in text for word in self.words.casefold().split())


def chronology_kinds() -> list[tuple[str, str]]:
    """The kinds of event a chronology can be filtered by: (key, label)."""
    return [(ENTRIES, ENTRIES_LABEL)] + [(s.key, s.label) for s in chronology_sources()]


def entry_url(entry: ChronologyEntry) -> str:
    url = reverse("cases:chronology", kwargs={"case_uuid": entry.case.uuid})
    return f"{url}#entry-{entry.uuid}"


def _entry_rows(case: Case) -> list[ChronologyRow]:
    entries = case.chronology_entries.select_related("recorded_by", "corrects", "correction")
    return [
        ChronologyRow(
            event=ChronologyEvent(
                happened_on=entry.happened_on,
                kind=ENTRIES,
                summary=entry.get_category_display(),
                url=entry_url(entry),
                by=entry.recorded_by.display_name,
                detail=entry.what_happened,
            ),
            kind_label=ENTRIES_LABEL,
            entry=entry,
        )
        for entry in entries
    ]


def _source_rows(case: Case, source: ChronologySource) -> list[ChronologyRow]:
    return [ChronologyRow(event=event, kind_label=source.label) for event in source.events(case)]


def case_chronology(case: Case, filters: ChronologyFilters) -> list[ChronologyRow]:
    """The case's chronology, filtered and in date order (events of one day in the order
    the sources list them, entries first)."""
    rows = _entry_rows(case)
    for source in chronology_sources():
        rows += _source_rows(case, source)
    kept = [row for row in rows if filters.keeps(row)]
    kept.sort(key=lambda row: row.happened_on, reverse=filters.newest_first)
    return kept


# --- The case's own events: opening, steps up and down, closure and reopening ---------------


def _level_summary(change: ServiceLevelChange) -> str:
    to_level = ServiceLevel(change.to_level).label
    if not change.from_level:
        return f"Case opened at {to_level.lower()}"
    from_level = ServiceLevel(change.from_level).label
    return f"{change.direction.capitalize()} from {from_level.lower()} to {to_level.lower()}"


def service_level_events(case: Case) -> Iterable[ChronologyEvent]:
    overview = reverse("cases:case", kwargs={"case_uuid": case.uuid})
    for change in case.level_changes.select_related("changed_by"):
        yield ChronologyEvent(
            happened_on=change.changed_on,
            kind="service_level",
            summary=_level_summary(change),
            url=f"{overview}#level-heading",
            by=change.changed_by.display_name if change.changed_by else "",
            detail=change.reason,
        )


def _closure_events(closure: CaseClosure, url: str) -> Iterable[ChronologyEvent]:
    yield ChronologyEvent(
        happened_on=closure.closed_on,
        kind="closure",
        summary=f"Case closed: {ClosureReason(closure.reason).label}",
        url=url,
        by=closure.closed_by.display_name,
        detail=closure.reason_words,
    )
    if closure.reopened_on is not None:
        yield ChronologyEvent(
            happened_on=closure.reopened_on,
            kind="closure",
            summary="Case reopened",
            url=url,
            by=closure.reopened_by.display_name if closure.reopened_by else "",
            detail=closure.reopen_reason,
        )


def closure_events(case: Case) -> Iterable[ChronologyEvent]:
    overview = reverse("cases:case", kwargs={"case_uuid": case.uuid})
    url = f"{overview}#closure-heading"
    for closure in case.closures.select_related("closed_by", "reopened_by"):
        yield from _closure_events(closure, url)
