"""Who may open a record, in the demo council: two restricted records, a record shared with a
partner professional, and one use of emergency access waiting for the manager's review.

Everything goes through the cases services, so the audit trail, the access events and the
notifications are what the product would have made.

- One of the demo practitioner's cases is restricted (the child's mother works in the
  council's children's services): only the practitioner and the head of service may open
  it; `manager` (the team manager) cannot, but manages the restriction and is reminded
  that its review is due.
- A case in another team is restricted too (a family known in the local news).
- Another of the practitioner's cases is shared, read-only, with `partner` (the school):
  its statements, goals, next steps and the school's report (demo/sharing.py).
- `duty`, the emergency duty social worker, used emergency access out of hours to a Child
  Protection Team A case and has finished; `manager` has it waiting for review.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases import selectors, services
from safetymap.cases.models import Case
from safetymap.demo import council as teams
from safetymap.demo.council import Council
from safetymap.demo.sharing import share_with_school

STAFF_FAMILY_REASON = "The child's mother works in Eastbrook children's services."
HIGH_PROFILE_REASON = (
    "The family has been in the local news. Only the people working with the children may "
    "open the record."
)
SHARE_REASON = "The school's designated safeguarding lead is part of the safety network."
DUTY_REASON = (
    "Police called at 11:40pm: the child was found walking alone near the canal and says "
    "Dad is not at home. I need the safety plan and who the safe adults are before I go out."
)


def _by_username(council: Council, username: str) -> User:
    return next(user for user in council.users if user.username == username)


def _first(cases: list[Case], *, besides: set[int]) -> Case | None:
    return next((case for case in cases if case.pk not in besides), None)


@transaction.atomic
def add_access_stories(council: Council) -> None:
    practitioner = council.demo_practitioner
    assert practitioner is not None
    head = _by_username(council, "headofservice")
    partner = _by_username(council, "partner")
    duty = _by_username(council, "duty")
    used: set[int] = set()
    today = timezone.localdate()

    mine = list(selectors.my_cases(practitioner).order_by("id"))
    staff_family = _first(mine, besides=used)
    if staff_family is not None:
        used.add(staff_family.pk)
        services.case_restrict(
            actor=head,
            case=staff_family,
            reason=STAFF_FAMILY_REASON,
            review_on=today + datetime.timedelta(days=5),  # due soon: the reminder shows now
            allowed=[practitioner, head],
        )

    elsewhere = list(
        selectors.restriction_manageable_cases(head)
        .filter(closed_on__isnull=True)
        .exclude(team__name=teams.CP_A)
        .order_by("id")
    )
    high_profile = _first(elsewhere, besides=used)
    if high_profile is not None:
        used.add(high_profile.pk)
        services.case_restrict(
            actor=head,
            case=high_profile,
            reason=HIGH_PROFILE_REASON,
            review_on=today + datetime.timedelta(days=182),
            allowed=[*selectors.current_workers(high_profile), head],
        )

    shared = _first(mine, besides=used)
    if shared is not None:
        used.add(shared.pk)
        share = services.case_share_add(
            actor=practitioner, case=shared, partner=partner, reason=SHARE_REASON
        )
        share_with_school(actor=practitioner, share=share)

    team_a = list(
        Case.objects.filter(team__name=teams.CP_A, closed_on__isnull=True)
        .exclude(allocations__worker=practitioner, allocations__ended_on__isnull=True)
        .order_by("id")
    )
    duty_case = _first(team_a, besides=used) or _first(mine, besides=used)
    if duty_case is not None:
        grant = services.break_glass_request(actor=duty, case=duty_case, reason=DUTY_REASON)
        for page in ("Case overview", "The map", "Scales"):
            services.case_record_view(actor=duty, case=duty_case, what=page)
        services.break_glass_finish(actor=duty, grant=grant)
