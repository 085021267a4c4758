"""What scales, decisions and timescales add to other apps' pages, registered from the
meetings AppConfig.ready()."""

from __future__ import annotations

from typing import Any


def register_outcomes() -> None:
    from django.db.models.signals import post_save

    from safetymap.cases.registry import (
        CasePanel,
        TeamFigure,
        register_case_panel,
        register_chronology_source,
        register_team_figure,
    )
    from safetymap.meetings.models import Meeting
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
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid="meeting_reminders")


def _meeting_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A meeting booked, moved, held or cancelled changes what is due: keep the workers'
    reminders in step (the meeting services save through the ORM, so this sees them all)."""
    from safetymap.meetings.timescales import meeting_reminders_refresh

    if kwargs.get("raw"):
        return
    meeting_reminders_refresh(actor=None, case=instance.case)
