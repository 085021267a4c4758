"""When the next statutory meeting is due, and which are overdue.

England's timescales (Working Together): the initial child protection conference within 15
working days of the strategy discussion that started a section 47 enquiry; the first core
group within 10 working days of the initial conference that made a plan; the first review
conference within 3 months of the initial conference, then at most every 6 months while
the plan lasts. Early help meetings are reviewed every SAFETYMAP_EARLY_HELP_REVIEW_WEEKS.

A meeting counts as held once it is in progress or finished, or a decision is recorded for
it; a planned one is "booked". Everything is worked out for many cases at once in a fixed
number of queries, so the case page and the team dashboard share one calculation.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases.models import Case, ServiceLevel, ServiceLevelChange
from safetymap.cases.selectors import current_workers
from safetymap.core.working_days import add_working_days
from safetymap.govuk.formatting import govuk_date
from safetymap.meetings.models import (
    Decision,
    DecisionOutcome,
    Meeting,
    MeetingStatus,
    MeetingType,
    StrategyOutcome,
)
from safetymap.notifications.models import Kind, Notification
from safetymap.notifications.services import notification_send, notification_withdraw

INITIAL_CONFERENCE_WORKING_DAYS = 15
FIRST_CORE_GROUP_WORKING_DAYS = 10
FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
# Reminders appear this many working days before a meeting is due.
REMINDER_WORKING_DAYS = 5
HELD = (MeetingStatus.IN_PROGRESS, MeetingStatus.FINISHED)
# need(kind, held on or after, due on, because): the meeting is needed unless one was held.
Need = Callable[[str, datetime.date, datetime.date, str], None]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class DueMeeting:
    """A meeting the case needs: what, by when, why, and whether one is booked."""

    case_id: int
    kind: str
    due_on: datetime.date
    because: str
    booked_on: datetime.date | None

    @property
    def kind_label(self) -> str:
        return MeetingType(self.kind).label

    def overdue(self, today: datetime.date) -> bool:
        return self.due_on < today

    @property
    def booked_late(self) -> bool:
        return self.booked_on is not None and self.booked_on > self.due_on


@dataclass
class _CaseMeetings:
    case: Case
    meetings: list[Meeting]  # not cancelled, oldest first
    early_help_since: datetime.date

    def held(self, kind: str, on_or_after: datetime.date) -> bool:
        return any(
            m.kind == kind and m.held_on >= on_or_after and _is_held(m) for m in self.meetings
        )

    def booked(self, kind: str, on_or_after: datetime.date) -> datetime.date | None:
        dates = [
            m.held_on
            for m in self.meetings
            if m.kind == kind and m.held_on >= on_or_after and not _is_held(m)
        ]
        return min(dates, default=None)

    def latest_held(self, kinds: Iterable[str]) -> Meeting | None:
        held = [m for m in self.meetings if m.kind in kinds and _is_held(m)]
        return held[-1] if held else None


def _decision(meeting: Meeting) -> Decision | None:
    standing: list[Decision] = meeting.standing_decisions  # type: ignore[attr-defined]
    return standing[0] if standing else None


def _is_held(meeting: Meeting) -> bool:
    return meeting.status in HELD or _decision(meeting) is not None


def _started_section_47(meeting: Meeting) -> bool:
    decision = _decision(meeting)
    return decision is not None and any(
        o.code == StrategyOutcome.SECTION_47 for o in decision.outcomes.all()
    )


def _dues_for(record: _CaseMeetings) -> list[DueMeeting]:
    case = record.case
    dues: list[DueMeeting] = []

    def need(kind: str, trigger: datetime.date, due_on: datetime.date, because: str) -> None:
        if not record.held(kind, trigger):
            dues.append(DueMeeting(case.pk, kind, due_on, because, record.booked(kind, trigger)))

    strategies = [
        m
        for m in record.meetings
        if m.kind == MeetingType.STRATEGY_DISCUSSION and _started_section_47(m)
    ]
    if strategies:
        held_on = strategies[-1].held_on
        need(
            MeetingType.INITIAL_CONFERENCE,
            held_on,
            add_working_days(held_on, INITIAL_CONFERENCE_WORKING_DAYS),
            f"15 working days after the strategy discussion on {govuk_date(held_on)} "
            "started a section 47 enquiry",
        )
    if case.service_level == ServiceLevel.CHILD_PROTECTION:
        _plan_dues(record, need)
    if case.service_level == ServiceLevel.EARLY_HELP:
        weeks = settings.SAFETYMAP_EARLY_HELP_REVIEW_WEEKS
        last = record.latest_held([MeetingType.EARLY_HELP])
        since = last.held_on if last else record.early_help_since
        since_what = "the last early help meeting" if last else "early help started"
        need(
            MeetingType.EARLY_HELP,
            since + datetime.timedelta(days=1),
            since + datetime.timedelta(weeks=weeks),
            f"every {weeks} weeks: {since_what} on {govuk_date(since)}",
        )
    return sorted(dues, key=lambda d: d.due_on)


def _plan_dues(record: _CaseMeetings, need: Need) -> None:
    """The core group and review conference a child protection plan needs."""
    conference = record.latest_held([MeetingType.INITIAL_CONFERENCE, MeetingType.REVIEW_CONFERENCE])
    decision = _decision(conference) if conference else None
    if conference is None or decision is None:
        return
    initial = conference.kind == MeetingType.INITIAL_CONFERENCE
    if initial and not decision.plan_needed:
        return
    if not initial and not decision.plan_continues:
        return
    held_on = conference.held_on
    if initial:
        need(
            MeetingType.CORE_GROUP,
            held_on,
            add_working_days(held_on, FIRST_CORE_GROUP_WORKING_DAYS),
            f"10 working days after the initial conference on {govuk_date(held_on)} made a plan",
        )
    months = FIRST_REVIEW_MONTHS if initial else LATER_REVIEW_MONTHS
    need(
        MeetingType.REVIEW_CONFERENCE,
        held_on + datetime.timedelta(days=1),
        add_months(held_on, months),
        f"{months} months after the {'initial' if initial else 'review'} conference "
        f"on {govuk_date(held_on)}",
    )


def _standing_decisions() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        "decisions",
        queryset=Decision.objects.filter(replaced_by__isnull=True).prefetch_related(
            Prefetch("outcomes", queryset=DecisionOutcome.objects.all())
        ),
        to_attr="standing_decisions",
    )


def meetings_due(cases: Iterable[Case]) -> dict[int, list[DueMeeting]]:
    """The meetings each open case needs (case id -> list, soonest first), in four queries
    whatever the number of cases."""
    open_cases = {case.pk: case for case in cases if case.closed_on is None}
    if not open_cases:
        return {}
    meetings: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in (
        Meeting.objects.filter(case_id__in=open_cases)
        .exclude(status=MeetingStatus.CANCELLED)
        .only("id", "case_id", "kind", "status", "held_on")
        .prefetch_related(_standing_decisions())
        .order_by("held_on", "created_at")
    ):
        meetings[meeting.case_id].append(meeting)
    early_help_since = dict(
        ServiceLevelChange.objects.filter(
            case_id__in=[
                pk for pk, c in open_cases.items() if c.service_level == ServiceLevel.EARLY_HELP
            ],
            to_level=ServiceLevel.EARLY_HELP,
        )
        .order_by("changed_on", "created_at")
        .values_list("case_id", "changed_on")
    )
    return {
        pk: _dues_for(_CaseMeetings(case, meetings[pk], early_help_since.get(pk, case.opened_on)))
        for pk, case in open_cases.items()
    }


def case_meetings_due(case: Case) -> list[DueMeeting]:
    return meetings_due([case]).get(case.pk, [])


def cases_with_overdue_meetings(cases: QuerySet[Case], today: datetime.date) -> QuerySet[Case]:
    """The team dashboard's figure: cases with a meeting due before today and not held."""
    candidates = cases.filter(closed_on__isnull=True).only(
        "id", "service_level", "opened_on", "closed_on"
    )
    overdue = [
        pk
        for pk, dues in meetings_due(candidates).items()
        if any(due.overdue(today) for due in dues)
    ]
    return cases.filter(pk__in=overdue)


# --- On the case overview --------------------------------------------------------------------


def _panel_dues(request: HttpRequest, case: Case) -> list[DueMeeting]:
    """Worked out once per request, for both panels."""
    cached = getattr(request, "_meetings_due", None)
    if cached is None or cached[0] != case.pk:
        cached = (case.pk, case_meetings_due(case))
        request._meetings_due = cached  # type: ignore[attr-defined]
    return cached[1]


def _panel(dues: list[DueMeeting], today: datetime.date) -> dict[str, object]:
    return {"dues": [(due, due.overdue(today)) for due in dues], "today": today}


def overdue_panel(request: HttpRequest, case: Case) -> dict[str, object] | None:
    """Above the case details only when a statutory meeting is late: it must not be buried."""
    today = timezone.localdate()
    dues = _panel_dues(request, case)
    if not any(due.overdue(today) for due in dues):
        return None
    return {**_panel(dues, today), "overdue": True}


def due_panel(request: HttpRequest, case: Case) -> dict[str, object] | None:
    """With the rest of the overview when meetings are due but none is late yet."""
    today = timezone.localdate()
    dues = _panel_dues(request, case)
    if not dues or any(due.overdue(today) for due in dues):
        return None
    return {**_panel(dues, today), "overdue": False}


# --- Reminders -------------------------------------------------------------------------------


def _key_prefix(case: Case) -> str:
    return f"meeting-due:{case.uuid}:"


def _reminder_key(case: Case, due: DueMeeting) -> str:
    return f"{_key_prefix(case)}{due.kind}:{due.due_on.isoformat()}"


def _reminder_from(due: DueMeeting) -> datetime.datetime:
    day = add_working_days(due.due_on, -REMINDER_WORKING_DAYS)
    start = datetime.datetime.combine(day, datetime.time(8, 0))
    return max(timezone.make_aware(start), timezone.now())


def meeting_reminders_refresh(*, actor: User | None, case: Case) -> None:
    """Remind the allocated workers of each meeting due (shown from a week before), and
    withdraw reminders that no longer apply: the meeting was held or its due date moved.

    Call it, inside the same transaction, from every service that books, moves, holds or
    cancels a meeting or records a decision, so the reminders never drift from the record.
    """
    dues = case_meetings_due(case)
    keys = {_reminder_key(case, due): due for due in dues}
    stale = (
        Notification.objects.filter(key__startswith=_key_prefix(case), withdrawn_at__isnull=True)
        .exclude(key__in=keys)
        .values_list("key", flat=True)
        .distinct()
    )
    for key in list(stale):
        notification_withdraw(actor=actor, key=key, case_uuid=case.uuid)
    if not dues:
        return
    workers = current_workers(case)
    link = reverse("cases:case", kwargs={"case_uuid": case.uuid})
    for key, due in keys.items():
        notification_send(
            actor=actor,
            recipients=workers,
            kind=Kind.MEETING_DUE,
            text=f"{due.kind_label} for {case.child.full_name} ({case.reference}) "
            f"is due by {govuk_date(due.due_on)}",
            link=link,
            key=key,
            show_from=_reminder_from(due),
            case_uuid=case.uuid,
        )
