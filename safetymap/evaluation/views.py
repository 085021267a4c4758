"""The team manager's dashboard: figures that need attention, each linked to the cases
behind it, and the team's open cases with their overall scale and its trend. Team managers
only (404 for anyone else, and for teams they do not manage); every child listed is
recorded as an access event."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from safetymap.accounts.models import User
from safetymap.cases.models import Case
from safetymap.cases.services import case_record_list_view
from safetymap.evaluation import selectors
from safetymap.evaluation.sparkline import Sparkline, sparkline

CASES_PER_PAGE = 25


@dataclass(frozen=True)
class Row:
    case: Case
    sparkline: Sparkline | None


def _sort(request: HttpRequest) -> str:
    sort = request.GET.get("sort", "")
    return sort if sort in selectors.SORTS else selectors.DEFAULT_SORT


def _rows_page(
    request: HttpRequest, cases: QuerySet[Case], today: datetime.date, what: str
) -> tuple[Page, list[Row], str]:
    """One page of the cases, each with its sparkline, recorded as seen by the manager."""
    sort = _sort(request)
    rows = selectors.case_rows(cases, today, sort)
    page = Paginator(rows, CASES_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    user: User = request.user  # type: ignore[assignment]
    case_record_list_view(actor=user, cases=shown, what=what)
    histories = selectors.scale_histories(shown)
    return page, [Row(case, sparkline(histories.get(case.pk, []))) for case in shown], sort


def _context(team: selectors.ManagedTeam, teams: list[Any], **extra: Any) -> dict[str, Any]:
    return {"team": team.team, "teams": teams, "sorts": selectors.SORTS, **extra}


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The manager's own team's dashboard, or the team they chose."""
    user: User = request.user  # type: ignore[assignment]
    teams = selectors.managed_teams(user)
    if not teams:
        raise Http404("Only team managers have a team dashboard")
    wanted = request.GET.get("team", "")
    chosen = next((team for team in teams if str(team.uuid) == wanted), None)
    chosen = chosen or next((team for team in teams if team.pk == user.team_id), teams[0])
    return redirect("evaluation:dashboard", team_uuid=chosen.uuid)


@login_required
@require_GET
def dashboard(request: HttpRequest, team_uuid: uuid.UUID) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    managed, teams = selectors.get_managed_team(user, team_uuid)
    today = timezone.localdate()
    cases = selectors.team_open_cases(user, managed)
    page, rows, sort = _rows_page(request, cases, today, f"Team dashboard: {managed.team.name}")
    return render(
        request,
        "evaluation/dashboard.html",
        _context(
            managed,
            teams,
            figures=selectors.figure_counts(cases, today),
            page_obj=page,
            rows=rows,
            sort=sort,
        ),
    )


@login_required
@require_GET
def figure_cases(request: HttpRequest, team_uuid: uuid.UUID, figure_key: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    managed, teams = selectors.get_managed_team(user, team_uuid)
    figure = selectors.get_figure(figure_key)
    today = timezone.localdate()
    cases = selectors.cases_behind(figure, selectors.team_open_cases(user, managed), today)
    page, rows, sort = _rows_page(
        request, cases, today, f"Team dashboard: {managed.team.name}: {figure.label}"
    )
    return render(
        request,
        "evaluation/figure.html",
        _context(
            managed,
            teams,
            figure=figure,
            sentence=selectors.describe(figure, page.paginator.count),
            page_obj=page,
            rows=rows,
            sort=sort,
        ),
    )
