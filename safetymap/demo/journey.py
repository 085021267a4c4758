"""The case journey in the demo council: workers' chronology entries (home visits, calls
from school, the child seen alone, news from the police or health visitor), one corrected
as workers do when they get a detail wrong; a few cases closed by their team manager with
a reason, one of them reopened after a new worry. Everything goes through the cases
services, so the chronology and the audit trail read as the product would have made them.

Next steps due soon already exist (the generator writes them through the map services),
so their reminders are scheduled with them.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases import services
from safetymap.cases.models import (
    Case,
    CaseMember,
    CaseRestriction,
    CaseShare,
    ClosureReason,
    EntryCategory,
    Relationship,
)
from safetymap.cases.selectors import team_managers
from safetymap.child_voice.models import Session

# (category, what happened, what it means for the child): {child} is the name the child
# uses, {carer} the first name of a parent or carer on the case.
ENTRIES = [
    (
        EntryCategory.HOME_VISIT,
        "Unannounced home visit at 4pm. {carer} answered quickly. The kitchen had food in and "
        "{child}'s school uniform was washed and drying. {carer} said: “I've got the routine "
        "back, it's easier when Nan comes round.”",
        "{child} came home to a calm house with an adult who was sober and ready for them.",
    ),
    (
        EntryCategory.CHILD_SEEN_ALONE,
        "Saw {child} on their own in their bedroom. {child} showed me a drawing of the family "
        "and said: “Mum doesn't shout as much now.” {child} did not want to talk about the "
        "weekend.",
        "{child}'s own words say home feels safer; what happened at the weekend is not known "
        "yet and needs asking about again.",
    ),
    (
        EntryCategory.PHONE_CALL,
        "The school's safeguarding lead rang. {child} was late four times this fortnight and "
        "came in without breakfast twice. Staff gave toast in the breakfast club.",
        "Mornings are still hard at home. This is the worry the safety plan is meant to answer.",
    ),
    (
        EntryCategory.AGENCY_INFORMATION,
        "Police notification: officers were called to the address at 11pm after a neighbour "
        "heard shouting. No arrests. {child} was asleep upstairs, according to {carer}.",
        "{child} was in the house during an argument loud enough for the neighbours to call "
        "the police. Discuss with the network at the next meeting.",
    ),
    (
        EntryCategory.AGENCY_INFORMATION,
        "Health visitor says {child}'s weight is back on the expected line and the last two "
        "health appointments were kept.",
        "{child}'s health needs are being met; {carer} is keeping appointments without reminders.",
    ),
    (
        EntryCategory.OFFICE_VISIT,
        "{carer} came to the office to talk about the plan. {carer} agreed that Nan will stay "
        "over on Friday nights and said: “I know I can't do it all on my own.”",
        "{carer} is asking for help from the network, which keeps {child} safer at weekends.",
    ),
]
CORRECTION = (
    "The visit was on the day before: the date was entered wrong.",
    1,  # days earlier than the entry it corrects
)
# Cases closed in the demo, from the end of the council's list: (reason, the manager's words).
CLOSURES = [
    (
        ClosureReason.NEEDS_MET,
        "The safety plan has held for six months. The network checks in every day, and the "
        "review conference agreed the plan could end. The family knows how to ask for help.",
    ),
    (
        ClosureReason.MOVED_AWAY,
        "The family moved to Leeds to live near Nan. Leeds children's services have the "
        "transfer summary and the current safety plan; they held a transfer-in meeting.",
    ),
    (
        ClosureReason.NO_FURTHER_ACTION,
        "The assessment found the bruise was from a fall at the park, seen by two other "
        "parents. No further action; the family was given the early help leaflet.",
    ),
]
REOPEN_REASON = (
    "School rang: {child} said Dad is back living at home and there was shouting last night. "
    "Reopened for a new assessment."
)
ENTRY_EVERY = 3  # two cases in three get entries
CORRECT_EVERY = 4  # and about one in four of those has an entry corrected
CARERS = (Relationship.MOTHER, Relationship.FATHER, Relationship.KINSHIP_CARER)


def _worker(case: Case) -> User | None:
    allocation = case.allocations.filter(ended_on__isnull=True).select_related("worker").first()
    return allocation.worker if allocation else None


def _carer(case: Case) -> str:
    member: CaseMember | None = (
        case.members.filter(removed_at__isnull=True, relationship__in=CARERS)
        .select_related("person")
        .order_by("created_at")
        .first()
    )
    return member.person.name_used if member else "Mum"


def _add_entries(
    case: Case, worker: User, rng: random.Random, today: datetime.date, *, correct: bool
) -> int:
    words = {"child": case.child.name_used, "carer": _carer(case)}
    span = max((today - case.opened_on).days, 1)
    chosen = rng.sample(ENTRIES, k=rng.randint(2, 4))
    days = sorted(rng.sample(range(span), k=min(len(chosen), span)), reverse=True)
    entries = []
    for (category, what, significance), ago in zip(chosen, days, strict=False):
        entries.append(
            services.chronology_entry_add(
                actor=worker,
                case=case,
                happened_on=today - datetime.timedelta(days=ago),
                category=category,
                what_happened=what.format(**words),
                significance=significance.format(**words),
            )
        )
    if correct and entries[0].happened_on > case.opened_on:
        wrong = entries[0]
        reason, earlier = CORRECTION
        services.chronology_entry_correct(
            actor=worker,
            entry=wrong,
            happened_on=wrong.happened_on - datetime.timedelta(days=earlier),
            category=wrong.category,
            what_happened=wrong.what_happened,
            significance=wrong.significance,
            correction_reason=reason,
        )
    return len(entries)


def _closable(cases: Sequence[Case]) -> list[Case]:
    """Open cases no other demo story depends on (restrictions, shares, the child's own
    words, which the demo shows on open cases), newest last."""
    special = (
        set(CaseRestriction.objects.values_list("case_id", flat=True))
        | set(CaseShare.objects.values_list("case_id", flat=True))
        | set(Session.objects.values_list("case_id", flat=True))
    )
    return [case for case in cases if case.closed_on is None and case.pk not in special]


def _close_some(cases: Sequence[Case], today: datetime.date) -> int:
    closed = 0
    for case, (reason, words) in zip(reversed(_closable(cases)), CLOSURES, strict=False):
        managers = team_managers(case)
        if not managers:
            continue
        manager = managers[0]
        case.refresh_from_db()
        worker = _worker(case)
        # Closed in the last few days, after the work the demo records on the case.
        closed_on = max(today - datetime.timedelta(days=3 - closed), case.opened_on)
        case = services.case_close(
            actor=manager,
            case=case,
            expected_version=None,
            closed_on=closed_on,
            reason=reason,
            reason_words=words,
        )
        closed += 1
        if closed == 1 and worker is not None:  # the first closed is reopened today
            services.case_reopen(
                actor=manager,
                case=case,
                expected_version=None,
                reopened_on=today,
                reason=REOPEN_REASON.format(child=case.child.name_used),
                workers=[worker],
            )
    return closed


@transaction.atomic
def add_journey(cases: Sequence[Case], *, seed_value: int = 0) -> dict[str, int]:
    """Chronology entries on most open cases, and a few closures (one reopened)."""
    today = timezone.localdate()
    added = 0
    for position, case in enumerate(cases):
        # Seeded by the case's place in the council, so every database gets the same story.
        rng = random.Random(f"{seed_value}-journey-{position}")
        worker = _worker(case)
        if case.closed_on or worker is None or position % ENTRY_EVERY == 0:
            continue
        added += _add_entries(case, worker, rng, today, correct=position % CORRECT_EVERY == 1)
    return {"entries": added, "closed": _close_some(cases, today)}
