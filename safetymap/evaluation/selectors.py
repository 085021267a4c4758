"""Every read of the team manager's dashboard, scoped to the teams the manager oversees and
to the cases they may open (`cases_visible_to`: restricted records stay out unless the
manager is on the allow-list). A fixed number of queries however many cases."""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DateField, F, OuterRef, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from safetymap.accounts.models import Team, User
from safetymap.cases.models import Case
from safetymap.cases.policies import managed_team_ids
from safetymap.cases.registry import TeamFigure, team_figures
from safetymap.cases.selectors import case_list, cases_visible_to
from safetymap.evaluation.figures import how_many_children
from safetymap.mapping.models import NextStep, RaterRole, ScaleRating

# How many of the worker's overall scales the sparkline draws.
SPARKLINE_RATINGS = 8

# The orders the case list offers: worst first, or by name.
SORTS = {
    "scale": "Lowest overall scale first",
    "overdue": "Longest overdue next step first",
    "name": "Child's name",
}
DEFAULT_SORT = "scale"


@dataclass(frozen=True)
class ManagedTeam:
    """A team the manager chose, with the teams below it (whose cases it also shows)."""

    team: Team
    team_ids: frozenset[int]


def managed_teams(user: User) -> list[Team]:
    """The teams this user manages (their own and every team below it); empty for anyone
    who is not a team manager."""
    return list(Team.objects.filter(id__in=managed_team_ids(user)).order_by("name"))


def _with_teams_below(team: Team, teams: list[Team]) -> frozenset[int]:
    ids = {team.pk}
    grew = True
    while grew:
        below = {t.pk for t in teams if t.parent_id in ids} - ids
        ids |= below
        grew = bool(below)
    return frozenset(ids)


def get_managed_team(user: User, team_uuid: uuid.UUID) -> tuple[ManagedTeam, list[Team]]:
    """The chosen team and every team the user manages (for the team chooser); 404 unless
    the user manages the chosen team."""
    teams = managed_teams(user)
    chosen = next((team for team in teams if team.uuid == team_uuid), None)
    if chosen is None:
        raise Http404("No team found")
    return ManagedTeam(chosen, _with_teams_below(chosen, teams)), teams


def team_open_cases(user: User, managed: ManagedTeam) -> QuerySet[Case]:
    return cases_visible_to(user).filter(team_id__in=managed.team_ids, closed_on__isnull=True)


def get_figure(key: str) -> TeamFigure:
    figure = next((figure for figure in team_figures() if figure.key == key), None)
    if figure is None:
        raise Http404("No such figure")
    return figure


def describe(figure: TeamFigure, count: int) -> str:
    if figure.describe is not None:
        return figure.describe(count)
    return f"{figure.label}: {how_many_children(count).lower()}"


@dataclass(frozen=True)
class FigureCount:
    figure: TeamFigure
    count: int
    sentence: str


def figure_counts(cases: QuerySet[Case], today: datetime.date) -> list[FigureCount]:
    """Every registered figure for these cases: one count query each."""
    counts = []
    for figure in team_figures():
        count = figure.cases(cases, today).count()
        counts.append(FigureCount(figure, count, describe(figure, count)))
    return counts


def cases_behind(figure: TeamFigure, cases: QuerySet[Case], today: datetime.date) -> QuerySet[Case]:
    """The cases behind one figure, as a plain queryset of cases (the figure's own
    annotations stay inside the subquery, so they cannot clash with the list's)."""
    return cases.filter(pk__in=figure.cases(cases, today).values("pk"))


def _oldest_overdue_step(today: datetime.date) -> Subquery:
    overdue = NextStep.objects.filter(
        case=OuterRef("pk"), removed_at__isnull=True, done_on__isnull=True, due_on__lt=today
    ).order_by("due_on")
    return Subquery(overdue.values("due_on")[:1], output_field=DateField())


def case_rows(cases: QuerySet[Case], today: datetime.date, sort: str) -> QuerySet[Case]:
    """The cases as the dashboard lists them: the child, allocated workers, service level,
    the worker's last two overall scales, next steps overdue, and the oldest overdue step's
    due date; sorted as asked (worst first by default)."""
    rows = case_list(cases).annotate(oldest_overdue_on=_oldest_overdue_step(today))
    by_name = ("child__last_name", "child__first_name", "id")
    if sort == "overdue":
        return rows.order_by(F("oldest_overdue_on").asc(nulls_last=True), *by_name)
    if sort == "name":
        return rows.order_by(*by_name)
    return rows.order_by(F("latest_overall").asc(nulls_last=True), *by_name)


def scale_histories(cases: list[Case]) -> dict[int, list[Decimal]]:
    """The worker's last few overall scales on each case, oldest first, in one query."""
    ratings = (
        ScaleRating.objects.filter(
            case__in=cases,
            danger_statement__isnull=True,
            removed_at__isnull=True,
            rater_role=RaterRole.WORKER,
        )
        .annotate(
            recency=Window(
                RowNumber(),
                partition_by=F("case_id"),
                order_by=(F("rated_on").desc(), F("created_at").desc(), F("id").desc()),
            )
        )
        .filter(recency__lte=SPARKLINE_RATINGS)
        .values_list("case_id", "recency", "score")
    )
    histories: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for case_id, recency, score in ratings:
        histories[case_id].append((recency, score))
    return {
        case_id: [score for _, score in sorted(rows, reverse=True)]
        for case_id, rows in histories.items()
    }
