"""Reminders of next steps due: an in-product notification, waiting unseen until 8am on the
day a next step is due, to its owner when the owner is a member of staff, or else to the
workers allocated to the case. A changed date or owner replaces the reminder; a step done or
removed withdraws it."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case
from safetymap.govuk.formatting import govuk_date
from safetymap.mapping.models import NextStep
from safetymap.notifications.models import Kind
from safetymap.notifications.services import notification_send, notification_withdraw

REMINDER_HOUR = 8
STAFF_ROLES = (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.BUSINESS_SUPPORT)


def reminder_key(step: NextStep) -> str:
    """One reminder per step and due date: a new date is a new reminder."""
    return f"next-step-due:{step.uuid}:{step.due_on.isoformat()}"


def _allocated(case: Case) -> list[User]:
    return [
        allocation.worker
        for allocation in case.allocations.filter(ended_on__isnull=True).select_related("worker")
    ]


def reminder_recipients(step: NextStep) -> list[User]:
    """The owner, when the owner's name is a member of staff of the case's team or allocated
    to it; otherwise (a parent, a network member, a name not known) the allocated workers."""
    allocated = _allocated(step.case)
    owner = step.owner.strip().casefold()
    staff = list(
        User.objects.filter(team_id=step.case.team_id, is_active=True, role__in=STAFF_ROLES)
    )
    named = [user for user in [*allocated, *staff] if user.display_name.casefold() == owner]
    return named[:1] or allocated


def _show_from(day: datetime.date) -> datetime.datetime:
    morning = datetime.datetime.combine(day, datetime.time(REMINDER_HOUR, 0))
    return max(timezone.make_aware(morning), timezone.now())


def _needs_reminder(step: NextStep) -> bool:
    return step.removed_at is None and step.done_on is None and step.case.closed_on is None


def next_step_reminder_withdraw(*, actor: User | None, step: NextStep) -> None:
    notification_withdraw(actor=actor, key=reminder_key(step), case_uuid=step.case.uuid)


def next_step_reminder_schedule(*, actor: User | None, step: NextStep) -> None:
    """Schedule the step's reminder (again is harmless: one per recipient and date)."""
    if not _needs_reminder(step):
        return
    case = step.case
    notification_send(
        actor=actor,
        recipients=reminder_recipients(step),
        kind=Kind.NEXT_STEP_DUE,
        text=(
            f"A next step for {case.child.full_name} ({case.reference}) is due on "
            f"{govuk_date(step.due_on)}: {step.action}"
        ),
        link=reverse("mapping:map", kwargs={"case_uuid": case.uuid}) + "#next-steps",
        key=reminder_key(step),
        show_from=_show_from(step.due_on),
        case_uuid=case.uuid,
    )


REMINDER_FIELDS = ("due_on", "owner", "done_on", "removed_at")


def next_step_reminder_update(*, actor: User | None, before: NextStep, after: NextStep) -> None:
    """After a change to a step: replace its reminder if the date, owner or state changed."""
    if all(getattr(before, name) == getattr(after, name) for name in REMINDER_FIELDS):
        return
    next_step_reminder_withdraw(actor=actor, step=before)
    next_step_reminder_schedule(actor=actor, step=after)
