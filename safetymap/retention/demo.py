"""Retention in the demo council: three children's cases that closed decades ago.

- A boy supported by early help, then on a child protection plan, closed in 1987: due, under
  the child protection rule (35 years after closure), although it closed at early help.
- A girl who was a child in need, born in 1974, closed in 1989: due, 25 years after her
  18th birthday.
- A boy on a child protection plan, closed in 1986, whose record is wanted by an inquiry
  into a children's home: due, but on legal hold, so it is kept.

`seed_demo` adds them when it builds the demo council, and `python manage.py retention_demo`
adds them to a demo database seeded before they existed (both through
`ensure_retention_stories`). Signed in as `admin`,
Retention > Records due for destruction lists the first two; the job (`retention_review
--propose`) makes a list, which `admin` may approve (a list the job made may be approved by
any administrator). Everything goes through the services, so the audit trail is what the
product would have made.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from safetymap.accounts.models import Role, Team, User
from safetymap.audit.services import audited_update
from safetymap.cases import services as cases
from safetymap.cases.models import Case, ServiceLevel
from safetymap.retention import services

INQUIRY_REASON = (
    "The independent inquiry into Larkfield children's home has asked for every record of "
    "children placed there or visited by its staff. Keep until the inquiry reports."
)


def _close(*, actor: User, case: Case, closed_on: datetime.date) -> Case:
    return audited_update(
        actor=actor,
        instance=case,
        expected_version=None,
        changes={"closed_on": closed_on},
        case_uuid=case.uuid,
        summary="Case closed",
    )


def _old_case(
    *,
    worker: User,
    team: Team,
    child: dict[str, object],
    levels: list[tuple[str, datetime.date, str]],
    closed_on: datetime.date,
) -> Case:
    (first_level, opened_on, reason), *later = levels
    case = cases.case_open(
        actor=worker,
        child=child,
        team=team,
        service_level=first_level,
        opened_on=opened_on,
        reason=reason,
        workers=[],
    )
    for level, changed_on, why in later:
        case = cases.case_change_service_level(
            actor=worker,
            case=case,
            expected_version=None,
            to_level=level,
            changed_on=changed_on,
            reason=why,
        )
    return _close(actor=worker, case=case, closed_on=closed_on)


# The demo practitioner opens and closes the old cases, in their own team.
DEMO_WORKER = "practitioner"


class NotADemoDatabase(Exception):
    """There is no demo practitioner (with a team) to hold the old cases."""


def retention_stories_present() -> bool:
    return Case.objects.filter(child__last_name="Whitlock", closed_on__year=1987).exists()


def ensure_retention_stories() -> list[Case]:
    """Add the three old cases to the demo council unless they are there already; return
    the cases added (none if they were there)."""
    worker = User.objects.filter(username=DEMO_WORKER, is_demo=True).first()
    if worker is None or worker.team is None:
        raise NotADemoDatabase("There is no demo practitioner with a team.")
    if retention_stories_present():
        return []
    return add_retention_stories(team=worker.team, worker=worker)


@transaction.atomic
def add_retention_stories(*, team: Team, worker: User) -> list[Case]:
    """The three old cases, in `team`, opened and closed by `worker`; the hold is placed by
    the first council administrator."""
    admin = User.objects.filter(role=Role.COUNCIL_ADMINISTRATOR).order_by("id").first()
    d = datetime.date
    made = [
        _old_case(
            worker=worker,
            team=team,
            child={"first_name": "Darren", "last_name": "Whitlock", "date_of_birth": d(1979, 3, 2)},
            levels=[
                (ServiceLevel.EARLY_HELP, d(1984, 5, 14), "Health visitor worried about neglect"),
                (ServiceLevel.CHILD_PROTECTION, d(1985, 1, 9), "Conference: plan for neglect"),
                (ServiceLevel.EARLY_HELP, d(1986, 10, 2), "Plan ended; family support continues"),
            ],
            closed_on=d(1987, 6, 30),
        ),
        _old_case(
            worker=worker,
            team=team,
            child={"first_name": "Lorraine", "last_name": "Ashby", "date_of_birth": d(1974, 8, 21)},
            levels=[(ServiceLevel.CHILD_IN_NEED, d(1988, 2, 3), "Young carer for her mother")],
            closed_on=d(1989, 9, 1),
        ),
        _old_case(
            worker=worker,
            team=team,
            child={"first_name": "Gary", "last_name": "Pennock", "date_of_birth": d(1972, 11, 5)},
            levels=[(ServiceLevel.CHILD_PROTECTION, d(1983, 4, 11), "Injuries seen at school")],
            closed_on=d(1986, 2, 28),
        ),
    ]
    if admin is not None:
        services.legal_hold_place(actor=admin, case=made[2], reason=INQUIRY_REASON)
    return made
