"""How higher apps add to case pages and case lists without `cases` importing them.

An app registers, in its AppConfig.ready(), the tabs it adds to a case, the panels it adds
to the case overview, the columns it adds to case lists (with a queryset annotation
that fills them in one query), what of a case can be shared with a partner
professional (the choices on "Choose what to share"), the significant events it adds to
the case's chronology, and the figures it adds to the team manager's dashboard.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from safetymap.accounts.models import User
from safetymap.cases.models import Case


@dataclass(frozen=True)
class CaseTab:
    key: str
    label: str
    url_name: str  # reversed with the case's uuid as `case_uuid`
    order: int
    # Who sees the tab, for tabs only some of the people who can see the case may use.
    # Called only on case pages (the user can already see the case), so it should decide
    # without queries; leave it out and the tab shows for everyone who can see the case.
    visible_to: Callable[[User, Case], bool] | None = None


@dataclass(frozen=True)
class CasePanel:
    """A section of the case overview owned by a higher app (the child's words, the network).

    `context(request, case)` returns the template's context, or None to leave the panel out
    (for instance when the user may not see what it shows). `placement` is "lead" for
    panels shown above the case details (what must not be buried), "main" for the rest.
    """

    key: str
    template: str
    context: Callable[[HttpRequest, Case], dict[str, Any] | None]
    order: int
    placement: str = "main"


@dataclass(frozen=True)
class CaseListColumns:
    headers: tuple[str, ...]
    cells_template: str  # rendered once per row with `case` in the context
    annotate: Callable[[QuerySet[Case]], QuerySet[Case]]
    order: int


@dataclass(frozen=True)
class ShareOption:
    uuid: uuid.UUID
    text: str  # the item in one line, as the worker recognises it


@dataclass(frozen=True)
class ShareChoices:
    """One group of checkboxes on "Choose what to share": `section` is the heading it sits
    under (a column of the map, the scales, documents), `label` its legend, `kind` a
    `models.SharedKind`."""

    section: str
    label: str
    kind: str
    options: list[ShareOption]


@dataclass(frozen=True)
class ShareableSource:
    """What one app offers to share from a case, in a fixed number of queries."""

    key: str
    choices: Callable[[Case], list[ShareChoices]]
    order: int


_tabs: list[CaseTab] = []
_shareable: list[ShareableSource] = []
_list_columns: list[CaseListColumns] = []
_panels: list[CasePanel] = []
# Shared items a partner still may not see: (kind, object uuid) pairs per case, such as the
# child's own words carried into the map when the child did not agree other professionals
# may see them. A worker's share cannot override the child's decision.
WithheldFinder = Callable[[Case], set[tuple[str, uuid.UUID]]]
_withheld_finders: list[WithheldFinder] = []


def register_case_tab(tab: CaseTab) -> None:
    if all(existing.key != tab.key for existing in _tabs):
        _tabs.append(tab)
        _tabs.sort(key=lambda t: t.order)


def register_case_panel(panel: CasePanel) -> None:
    if all(existing.key != panel.key for existing in _panels):
        _panels.append(panel)
        _panels.sort(key=lambda p: p.order)


def register_withheld_from_partners(finder: WithheldFinder) -> None:
    if finder not in _withheld_finders:
        _withheld_finders.append(finder)


def withheld_from_partners(case: Case) -> set[tuple[str, uuid.UUID]]:
    withheld: set[tuple[str, uuid.UUID]] = set()
    for finder in _withheld_finders:
        withheld |= finder(case)
    return withheld


def register_case_list_columns(columns: CaseListColumns) -> None:
    if columns not in _list_columns:
        _list_columns.append(columns)
        _list_columns.sort(key=lambda c: c.order)


def case_tabs() -> list[CaseTab]:
    return list(_tabs)


def case_list_columns() -> list[CaseListColumns]:
    return list(_list_columns)


def case_panels(placement: str) -> list[CasePanel]:
    return [p for p in _panels if p.placement == placement]


def register_shareable(source: ShareableSource) -> None:
    if all(existing.key != source.key for existing in _shareable):
        _shareable.append(source)
        _shareable.sort(key=lambda s: s.order)


def shareable_choices(case: Case) -> list[ShareChoices]:
    """Every group of things that could be shared from this case, in page order."""
    return [group for source in _shareable for group in source.choices(case)]


# --- The chronology and the team dashboard ------------------------------------------------


@dataclass(frozen=True)
class ChronologyEvent:
    """One significant event on a case, collected from the app that recorded it."""

    happened_on: datetime.date
    kind: str  # the source's key, used to filter the chronology
    summary: str  # one line, plain English: "Initial child protection conference held"
    url: str = ""  # where the full record is, for people who may open it
    by: str = ""  # who recorded or decided it
    detail: str = ""


@dataclass(frozen=True)
class ChronologySource:
    """Events an app adds to a case's chronology, found in a fixed number of queries."""

    key: str
    label: str  # the filter's label: "Meetings", "Steps up and down"
    events: Callable[[Case], Iterable[ChronologyEvent]]
    order: int


@dataclass(frozen=True)
class TeamFigure:
    """A figure on the team manager's dashboard: how many of the team's open cases need
    attention for one reason, each linked to the cases behind it. `cases` narrows the
    team's open cases to those behind the figure, in one query."""

    key: str
    label: str  # "Meetings overdue or missing"
    cases: Callable[[QuerySet[Case], datetime.date], QuerySet[Case]]
    order: int
    # What the count means, in words: describe(3) -> "3 children have not been heard...".
    # Left out, the dashboard says "<label>: 3 children".
    describe: Callable[[int], str] | None = None


_chronology_sources: list[ChronologySource] = []
_team_figures: list[TeamFigure] = []


def register_chronology_source(source: ChronologySource) -> None:
    if all(existing.key != source.key for existing in _chronology_sources):
        _chronology_sources.append(source)
        _chronology_sources.sort(key=lambda s: s.order)


def chronology_sources() -> list[ChronologySource]:
    return list(_chronology_sources)


def register_team_figure(figure: TeamFigure) -> None:
    if all(existing.key != figure.key for existing in _team_figures):
        _team_figures.append(figure)
        _team_figures.sort(key=lambda f: f.order)


def team_figures() -> list[TeamFigure]:
    return list(_team_figures)
