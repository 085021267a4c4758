"""Supervision records for the demo council, written through the supervision services.

Most open cases have had individual case supervision with the team manager in the last
few weeks (some with actions added to the map). Several were brought to group
supervision, with the demo practice lead as advisor: the group's own map, each person's
scale and reason, the group's ideas, and the manager's decisions kept apart, with a short
summary for the child's chronology.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case
from safetymap.cases.selectors import team_managers
from safetymap.implementation import services
from safetymap.implementation.models import GroupEntryKind
from safetymap.implementation.policies import can_decide
from safetymap.implementation.services import Action

SUPERVISED_EVERY = 3  # two cases in three have had case supervision recently
GROUP_CASES = 6  # how many cases were brought to group supervision
DEMO_PRACTICE_LEAD = "practicelead"  # the advisor: the demo login for a practice lead

DISCUSSIONS = [
    "Went through the last two visits. {child} told me Dad was 'shouty' on Sunday after the "
    "football; Mum says he had been drinking since lunchtime. Nan is still collecting {child} "
    "on Fridays. We looked at whether the danger statement still says what we are worried "
    "about.",
    "Talked about {child}'s school attendance (82% this half term) and the two late pick-ups "
    "the school reported. Mum says the bus was late; the school says nobody rang. We agreed "
    "the safety plan needs to say who rings the school.",
    "Reviewed the map with the manager. What is working well: Mum has been to every contact "
    "session and {child} ran to her at the last one. Still worried about the nights Mum's "
    "ex-partner stays over, which neither parent will talk about.",
]
DECISIONS = [
    "Stay at the current level of support. Review at the next core group.",
    "Ask the family network to meet before the review conference.",
    "Do not step down yet: the safety plan has not been tested over a school holiday.",
]
ACTIONS = [
    ("Ask the school what {child} says at breakfast club about weekends", "Social worker"),
    ("Ring Nan to check the Friday pick-ups are still happening", "Social worker"),
    ("Book a family network meeting before the review", "Team manager"),
]
QUESTIONS = [
    "How do I help Dad see what {child} sees when he has been drinking, without him shutting down?",
    "Mum agrees with everything in the meeting and then nothing changes. What else could I try?",
]
MAP = {
    GroupEntryKind.WORRY: [
        "Dad has driven with {child} in the car after drinking at least twice since the summer "
        "(police log 14 August; Mum's account of a Sunday in October).",
        "{child} told the school nurse she 'goes quiet' when Dad and Mum argue, and hides in her "
        "room with the door shut.",
    ],
    GroupEntryKind.WORKING_WELL: [
        "Nan collects {child} every Friday and has done since September without missing once.",
        "Mum rang the worker herself after the argument on the 3rd: the first time she has.",
    ],
    GroupEntryKind.NEEDS_TO_HAPPEN: [
        "Everyone in the network knows the rule about no driving after drink, and who checks it.",
        "{child} gets a Words and Pictures explanation she can keep.",
    ],
}
IDEAS = [
    "Ask the school what {child} says at breakfast club on Mondays.",
    "Use a Safety House with {child} to find out who she would want at home at weekends.",
    "Invite Nan to the next core group so the plan is not just the parents' word.",
    "Try scaling questions with Dad on his own, away from Mum.",
]
REASONS = [
    "Nan is there every Friday and Mum has rung the worker herself, but weekends are untested.",
    "Nothing has changed about the drinking; the plan rests on Mum noticing.",
    "The network is bigger than it was in the summer and {child} names three safe people.",
]
SUMMARY = (
    "Brought to group supervision by {worker} to think about weekends with Dad. The group "
    "mapped the case and scaled it between {low} and {high}. {manager} decided: {decision}"
)


def _worker(case: Case) -> User | None:
    allocation = case.allocations.filter(ended_on__isnull=True).select_related("worker").first()
    return allocation.worker if allocation else None


def _child(case: Case) -> str:
    return case.child.known_as or case.child.first_name


def _individual(
    case: Case, worker: User, manager: User, rng: random.Random, today: datetime.date
) -> None:
    child = _child(case)
    held_on = today - datetime.timedelta(days=rng.randint(3, 40))
    action, owner = rng.choice(ACTIONS)
    services.case_supervision_record(
        actor=manager,
        case=case,
        held_on=held_on,
        supervisor=manager,
        worker=worker,
        discussion=rng.choice(DISCUSSIONS).format(child=child),
        worker_score=Decimal(rng.randint(3, 7)),
        worker_reason=rng.choice(REASONS).format(child=child),
        supervisor_score=Decimal(rng.randint(2, 6)),
        supervisor_reason=rng.choice(REASONS).format(child=child),
        decisions=rng.choice(DECISIONS),
        actions=[Action(action.format(child=child), owner, today + datetime.timedelta(days=14))]
        if rng.random() < 0.5
        else [],
        next_supervision_on=held_on + datetime.timedelta(days=28),
    )


def _group(
    case: Case,
    worker: User,
    manager: User,
    lead: User,
    colleagues: Sequence[User],
    rng: random.Random,
    today: datetime.date,
) -> None:
    child = _child(case)
    group = services.group_supervision_record(
        actor=worker,
        case=case,
        held_on=today - datetime.timedelta(days=rng.randint(5, 60)),
        presenting_worker=worker,
        facilitator=manager,
        advisor=lead,
        participants=list(colleagues),
        question=rng.choice(QUESTIONS).format(child=child),
    )
    for kind, lines in MAP.items():
        for line in lines:
            services.group_entry_add(
                actor=worker, group_supervision=group, kind=kind, text=line.format(child=child)
            )
    for idea in rng.sample(IDEAS, 3):
        services.group_entry_add(
            actor=worker,
            group_supervision=group,
            kind=GroupEntryKind.IDEA,
            text=idea.format(child=child),
        )
    scores = []
    for person in services.group_members(group):
        score = Decimal(rng.randint(2, 6))
        scores.append(score)
        services.group_scale_add(
            actor=worker,
            group_supervision=group,
            participant=person,
            score=score,
            reason=rng.choice(REASONS).format(child=child),
        )
    decision = services.group_decision_add(
        actor=manager,
        group_supervision=group,
        decision="Nan is invited to the next core group, and the safety plan says who checks "
        "there is no driving after drink.",
        action=Action(
            "Invite Nan to the core group", worker.display_name, today + datetime.timedelta(days=10)
        ),
    )
    services.group_summary_update(
        actor=worker,
        group_supervision=group,
        expected_version=group.version,
        summary=SUMMARY.format(
            worker=worker.display_name,
            low=min(scores),
            high=max(scores),
            manager=manager.display_name,
            decision=decision.decision,
        ),
    )


def add_supervision(cases: Sequence[Case], *, seed_value: int = 0) -> int:
    """Record supervision on these cases; returns how many cases got any."""
    rng = random.Random(seed_value)
    today = timezone.localdate()
    leads = User.objects.filter(role=Role.PRACTICE_LEAD, is_active=True)
    lead = leads.filter(username=DEMO_PRACTICE_LEAD).first() or leads.order_by("id").first()
    groups_left = GROUP_CASES
    supervised = 0
    for index, case in enumerate(cases):
        if case.closed_on is not None:
            continue
        worker = _worker(case)
        managers = team_managers(case)
        # Restricted records are left alone: their manager may not be on the allow-list.
        if worker is None or not managers or managers[0].pk == worker.pk:
            continue
        if not can_decide(managers[0], case):
            continue
        with transaction.atomic():
            if index % SUPERVISED_EVERY != SUPERVISED_EVERY - 1:
                _individual(case, worker, managers[0], rng, today)
            if groups_left and lead is not None and index % 4 == 0:
                colleagues = list(
                    User.objects.filter(team=case.team, role=Role.PRACTITIONER, is_active=True)
                    .exclude(pk=worker.pk)
                    .order_by("id")[:3]
                )
                _group(case, worker, managers[0], lead, colleagues, rng, today)
                groups_left -= 1
        supervised += 1
    return supervised
