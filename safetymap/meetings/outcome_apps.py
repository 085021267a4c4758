"""What scales, decisions and timescales add to other apps' pages, registered from the
meetings AppConfig.ready()."""

from __future__ import annotations


def register_outcomes() -> None:
    from safetymap.cases.registry import (
        CasePanel,
        TeamFigure,
        register_case_panel,
        register_chronology_source,
        register_team_figure,
    )
    from safetymap.meetings.outcomes import decisions_chronology
    from safetymap.meetings.timescales import (
        cases_with_overdue_meetings,
        due_panel,
        overdue_panel,
    )

    for key, context, placement, order in (
        ("meetings_overdue", overdue_panel, "lead", 20),
        ("meetings_due", due_panel, "main", 40),
    ):
        register_case_panel(
            CasePanel(
                key=key,
                template="meetings/partials/due.html",
                context=context,
                order=order,
                placement=placement,
            )
        )
    register_team_figure(
        TeamFigure(
            key="meetings_overdue",
            label="Meetings overdue or missing",
            cases=cases_with_overdue_meetings,
            order=30,
        )
    )
    register_chronology_source(decisions_chronology)
