"""The links between the practice apps, on the demo council's cases, once networks, Words and
Pictures, safety plans and the children's sessions all exist: who in the network saw the
child's current Words and Pictures (most, not all), the child's version of each plan in
force, and a draft plan rule taken from the child's own Safety House."""

from __future__ import annotations

import random
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases import selectors as case_selectors
from safetymap.cases.models import Case
from safetymap.cases.policies import can_edit_case
from safetymap.child_voice.selectors import safety_house_rules
from safetymap.networks import services as network_services
from safetymap.networks.models import Knowledge
from safetymap.safety_plans import services as plan_services
from safetymap.safety_plans.models import PlanStatus, PlanVersion
from safetymap.safety_plans.selectors import current_plan
from safetymap.words_pictures.selectors import current_story_version
from safetymap.words_pictures.services import story_panels_fill

SAW_THE_STORY = 0.75  # a quarter of those who know something have not seen it yet


# The worker writes this panel with the child: the plan has no words for it.
IF_WORRIED = (
    "If I feel scared or worried, I can tell a grown-up I trust, like my teacher or my "
    "social worker. "
    "I will not get into trouble for telling."
)


def _child_version(plan: PlanVersion, worker: User) -> None:
    story = plan_services.plan_child_version_make(actor=worker, plan_version=plan)
    story_panels_fill(actor=worker, version=story, texts={"if_i_am_worried": IF_WORRIED})


def _worker_for(case: Case) -> User | None:
    workers = [w for w in case_selectors.current_workers(case) if can_edit_case(w, case)]
    return workers[0] if workers else None


def _story_seen(case: Case, worker: User, rng: random.Random) -> None:
    story = current_story_version(case)
    if story is None:
        return
    seen_on = story.given_on or story.parents_asked_on or timezone.localdate()
    for member in case.network_members.filter(removed_at__isnull=True):
        if member.knowledge != Knowledge.NOTHING and rng.random() < SAW_THE_STORY:
            network_services.network_member_record_story_seen(
                actor=worker,
                member=member,
                expected_version=None,
                story_version=story,
                seen_on=seen_on,
            )


def _rule_from_safety_house(case: Case, worker: User) -> None:
    draft = PlanVersion.objects.filter(plan__case=case, status=PlanStatus.DRAFT).first()
    entry = safety_house_rules(case).first()
    statement = case.danger_statements.filter(removed_at__isnull=True).first()
    if draft is None or entry is None or statement is None:
        return
    child = case.child.name_used
    plan_services.plan_line_add(
        actor=worker,
        plan_version=draft,
        kind="rules",
        values={
            "adult_words": f"Everyone in the house keeps to {child}'s own rule: {entry.words}",
            "child_words": entry.words,
            "danger_statement": statement,
            "how_checked": f"The social worker asks {child} on each visit, on their own.",
            "how_often": "Every visit",
            "responsible_members": [],
            "responsible_staff": [worker],
            "safety_house_entry": entry,
        },
    )


def add_practice_links(cases: Sequence[Case], *, seed_value: int = 0) -> int:
    """Returns how many cases were linked up."""
    rng = random.Random(seed_value + 404)
    linked = 0
    for case in cases:
        worker = _worker_for(case)
        if case.closed_on is not None or worker is None:
            continue
        with transaction.atomic():
            _story_seen(case, worker, rng)
            _rule_from_safety_house(case, worker)
            plan = current_plan(case)
            if plan is not None:
                _child_version(plan, worker)
        linked += 1
    return linked
