"""Safety plans in the demo council: on most cases with danger statements, a plan whose
rules answer those statements, in the adults' words and the child's, with the people on the
case who make sure each happens, agreed, and tested with weekly checks. In some families a
rule keeps being broken, so the plan and the case show the prompt to call a network meeting.

Plans go through the safety_plans services, so the audit trail is what the product would
have made. Which rules a case gets follows from the words of its danger statements (each
demo story has its own worries); the people come from the case itself.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases.models import Case, CaseMember, Relationship
from safetymap.demo.safety_plan_words import CARER, FALLBACK, HELPER, THEMES, WORKER, Rule, Theme
from safetymap.mapping.models import DangerStatement
from safetymap.safety_plans import services
from safetymap.safety_plans.models import CheckOutcome, PlanKind, PlanRule, PlanVersion
from safetymap.safety_plans.services import Agreer

CARERS = (
    Relationship.MOTHER,
    Relationship.FATHER,
    Relationship.KINSHIP_CARER,
    Relationship.FOSTER_CARER,
    Relationship.STEP_PARENT,
)
HELPERS = (
    Relationship.GRANDPARENT,
    Relationship.AUNT_UNCLE,
    Relationship.FAMILY_FRIEND,
    Relationship.NEIGHBOUR,
    Relationship.OTHER_RELATIVE,
    Relationship.COUSIN,
)
EMERGENCY_DUTY = (
    "Eastbrook Emergency Duty Team",
    "01632 960 118",
    "Evenings and weekends, if the plan breaks down and no one else can help",
)


def network_role_for(rule: Rule) -> str:
    """The network role a rule leans on: only rules a helper from the network keeps."""
    if HELPER not in rule.who:
        return ""
    words = f"{rule.adult} {rule.how_often}".lower()
    if "family time" in words or "contact" in words:
        return "supervises_family_time"
    if any(word in words for word in ("every day", "evening", "morning", "daily", "night")):
        return "daily_check"
    return "safe_adult"


def theme_for(statement: DangerStatement) -> Theme:
    text = f"{statement.adult_behaviour} {statement.statement}".lower()
    return next((t for t in THEMES if any(word in text for word in t.words)), FALLBACK)


@dataclass
class People:
    """Who on the case takes each part, and the words to fill the rules in with."""

    carer: CaseMember | None
    helper: CaseMember | None
    worker: User
    words: dict[str, str]

    def responsible(self, who: Iterable[str]) -> dict[str, Any]:
        members = [m for key, m in ((CARER, self.carer), (HELPER, self.helper)) if key in who and m]
        # With no one in the family to name, the worker makes sure it happens.
        staff = [self.worker] if WORKER in who or not members else []
        return {"responsible_members": members, "responsible_staff": staff}


def _first(members: list[CaseMember], relationships: tuple[str, ...]) -> CaseMember | None:
    for relationship in relationships:
        for member in members:
            if member.relationship == relationship:
                return member
    return None


def _carer(members: list[CaseMember]) -> CaseMember | None:
    """The parent or carer the child lives with, if any; else the first parent or carer."""
    return _first([m for m in members if m.lives_with_child], CARERS) or _first(members, CARERS)


def _helper(members: list[CaseMember], carer: CaseMember | None) -> CaseMember | None:
    """A safe adult from the family and friends; failing that, another carer or a lodgings
    host (never a brother or sister, never the main carer)."""
    others = [m for m in members if m != carer]
    return _first(others, HELPERS) or _first(others, (*CARERS, Relationship.OTHER))


def people_of(case: Case, worker: User) -> People:
    members = list(case.members.filter(removed_at__isnull=True).select_related("person"))
    carer = _carer(members)
    helper = _helper(members, carer)
    child_name = case.child.known_as or case.child.first_name

    def name(member: CaseMember | None, fallback: str) -> str:
        return member.person.known_as or member.person.first_name if member else fallback

    men = [m for m in members if m.relationship in (Relationship.FATHER, Relationship.STEP_PARENT)]
    return People(
        carer=carer,
        helper=helper,
        worker=worker,
        words={
            "child": child_name,
            "carer": name(carer, "the adult at home"),
            "helper": name(helper, "the safe adult"),
            "dad": name(men[0] if men else None, "Dad"),
            "stepdad": name(men[-1] if men else None, "he"),
            "sib": name(
                _first(members, (Relationship.SIBLING, Relationship.HALF_SIBLING)), "the little one"
            ),
            "his": "their",
        },
    )


def _fill(text: str, people: People) -> str:
    return text.format_map(people.words)


# --- Building a plan -------------------------------------------------------------------------


def _draft_plan(
    case: Case, people: People, statements: list[DangerStatement], rng: random.Random
) -> PlanVersion:
    kind = (
        PlanKind.IMMEDIATE
        if case.service_level == "child_protection" and rng.random() < 0.4
        else PlanKind.LONG_TERM
    )
    title = (
        "Immediate safety plan"
        if kind == PlanKind.IMMEDIATE
        else f"{people.words['child']}'s family safety plan"
    )
    draft = services.safety_plan_create(actor=people.worker, case=case, kind=kind, title=title)
    themes = [(statement, theme_for(statement)) for statement in statements[:2]]
    for statement, theme in themes:
        for rule in theme.rules:
            services.plan_line_add(
                actor=people.worker,
                plan_version=draft,
                kind="rules",
                values={
                    "adult_words": _fill(rule.adult, people),
                    "child_words": _fill(rule.child, people),
                    "danger_statement": statement,
                    "how_checked": _fill(rule.how_checked, people),
                    "how_often": _fill(rule.how_often, people),
                    "network_role": network_role_for(rule),
                    **people.responsible(rule.who),
                },
            )
        for sign, what in theme.signs:
            services.plan_line_add(
                actor=people.worker,
                plan_version=draft,
                kind="warning-signs",
                values={"sign": _fill(sign, people), "what_to_do": _fill(what, people)},
            )
    _add_contacts(draft, people, rng)
    first_theme = themes[0][1]
    return services.plan_version_update(
        actor=people.worker,
        plan_version=draft,
        expected_version=None,
        values={
            "how_we_know_working": _fill(first_theme.working, people),
            "if_not_working": _fill(first_theme.not_working, people),
        },
    )


def _add_contacts(draft: PlanVersion, people: People, rng: random.Random) -> None:
    contacts = [
        (
            f"{people.words['helper']} ({people.helper.get_relationship_display().lower()})",
            f"07700 900{rng.randint(100, 999)}",
            "Any time something on the plan is not happening",
        )
        if people.helper
        else None,
        (
            f"{people.worker.get_full_name()} (social worker)",
            "01632 960 450",
            "Weekdays 9am to 5pm",
        ),
        EMERGENCY_DUTY,
        ("Police", "999", "If anyone is hurt or in danger right now"),
    ]
    for name, number, when in filter(None, contacts):
        services.plan_line_add(
            actor=people.worker,
            plan_version=draft,
            kind="contacts",
            values={"name": name, "number": number, "when": when},
        )


def _agree(version: PlanVersion, people: People, on: datetime.date) -> PlanVersion:
    agreers = [Agreer(member=m) for m in (people.carer, people.helper) if m] + [
        Agreer(staff=people.worker)
    ]
    return services.plan_agree(
        actor=people.worker,
        plan_version=version,
        expected_version=None,
        agreers=agreers,
        agreed_on=on,
    )


def _test(version: PlanVersion, people: People, start: datetime.date, weeks: int) -> PlanVersion:
    return services.plan_start_testing(
        actor=people.worker,
        plan_version=version,
        expected_version=None,
        started_on=start,
        testing_until=start + datetime.timedelta(weeks=weeks),
    )


NOTES = {
    CheckOutcome.FOLLOWED: (
        "Happened as agreed.",
        "{child} said it went like the plan says.",
        "Checked with {helper}: all fine.",
    ),
    CheckOutcome.PARTLY: (
        "Happened, but late.",
        "{helper} had to remind {carer}.",
        "Some days yes, some days no.",
    ),
    CheckOutcome.NOT_FOLLOWED: (
        "Did not happen this week.",
        '{child} said: "it didn\'t happen again".',
        "{carer} said it was too much this week.",
    ),
}


def _checks(
    version: PlanVersion, people: People, start: datetime.date, struggling: bool, rng: random.Random
) -> None:
    """Weekly checks of every rule from `start` to today; a struggling family's first rule
    is not followed in two of its last three checks."""
    today = timezone.localdate()
    rules = list(
        PlanRule.objects.filter(plan_version=version, removed_at__isnull=True).order_by("position")
    )
    days = list(range(7, (today - start).days + 1, 7))
    for index, rule in enumerate(rules):
        checker = (
            Agreer(member=people.helper)
            if people.helper and index % 2
            else Agreer(staff=people.worker)
        )
        for n, day in enumerate(days):
            outcome = rng.choices(
                (CheckOutcome.FOLLOWED, CheckOutcome.PARTLY, CheckOutcome.NOT_FOLLOWED), (8, 2, 1)
            )[0]
            if struggling and index == 0 and n >= len(days) - 3:
                outcome = CheckOutcome.NOT_FOLLOWED if n != len(days) - 2 else CheckOutcome.PARTLY
            elif outcome == CheckOutcome.NOT_FOLLOWED and n >= len(days) - 3:
                outcome = CheckOutcome.PARTLY  # only the struggling families get the prompt
            services.monitoring_check_record(
                actor=people.worker,
                rule=rule,
                checked_by=checker,
                checked_on=start + datetime.timedelta(days=day),
                outcome=outcome,
                notes=_fill(rng.choice(NOTES[outcome]), people),
            )


def _journey(
    case: Case, people: People, statements: list[DangerStatement], rng: random.Random
) -> None:
    """One plan on the case, taken as far as this family has got."""
    today = timezone.localdate()
    draft = _draft_plan(case, people, statements, rng)
    roll = rng.random()
    if roll < 0.15:
        return  # still being written with the family
    weeks_ago = rng.randint(6, 12)
    agreed_on = max(case.opened_on, today - datetime.timedelta(weeks=weeks_ago))
    agreed = _agree(draft, people, agreed_on)
    if roll < 0.25:
        return
    start = agreed_on + datetime.timedelta(days=2)
    tested = _test(agreed, people, start, weeks=rng.choice((6, 8, 12)))
    if roll < 0.35 and (today - start).days > 35:
        _next_version(tested, people, statements, rng, start + datetime.timedelta(weeks=4))
        return
    # About a third of the families tested find one rule keeps breaking down.
    _checks(tested, people, start, struggling=roll >= 0.65, rng=rng)
    if roll < 0.42:  # shown to work over the testing period
        services.plan_complete(
            actor=people.worker, plan_version=tested, expected_version=None, completed_on=today
        )


def _next_version(
    tested: PlanVersion,
    people: People,
    statements: list[DangerStatement],
    rng: random.Random,
    on: datetime.date,
) -> None:
    """The family found a rule did not work in practice: after four weeks of checks they
    changed it, and version 2 replaced version 1."""
    _checks_until(tested, people, on, rng)
    draft = services.plan_new_draft(actor=people.worker, plan_version=tested)
    rule = (
        PlanRule.objects.filter(plan_version=draft, removed_at__isnull=True)
        .order_by("position")
        .first()
    )
    if rule is not None:
        services.plan_line_update(
            actor=people.worker,
            line=rule,
            expected_version=None,
            values={
                "how_often": "Twice a week, one visit unannounced",
                "how_checked": rule.how_checked + " The worker also calls in unannounced.",
            },
        )
    agreed = _agree(draft, people, on)
    tested_again = _test(agreed, people, on + datetime.timedelta(days=1), weeks=8)
    _checks(tested_again, people, on + datetime.timedelta(days=1), struggling=False, rng=rng)


def _checks_until(
    version: PlanVersion, people: People, until: datetime.date, rng: random.Random
) -> None:
    start = version.testing_started_on or until
    for rule in PlanRule.objects.filter(plan_version=version, removed_at__isnull=True):
        for day in range(7, (until - start).days + 1, 7):
            services.monitoring_check_record(
                actor=people.worker,
                rule=rule,
                checked_by=Agreer(staff=people.worker),
                checked_on=start + datetime.timedelta(days=day),
                outcome=rng.choice(
                    (CheckOutcome.PARTLY, CheckOutcome.NOT_FOLLOWED, CheckOutcome.FOLLOWED)
                ),
                notes=_fill("Hard to check: {carer} was not in when the worker called.", people),
            )


@transaction.atomic
def add_safety_plans(cases: Iterable[Case], *, seed_value: int = 0) -> int:
    """A plan on most open cases with danger statements. Returns how many plans were made."""
    made = 0
    for position, case in enumerate(cases):
        if case.closed_on:
            continue
        # Seeded by the case's place in the council, not its key: PostgreSQL keys differ
        # from run to run, and the same seed must give the same plans on every database.
        rng = random.Random(f"{seed_value}-plans-{position}")
        statements = list(
            case.danger_statements.filter(removed_at__isnull=True).order_by("created_at", "id")
        )
        worker = next(
            (
                a.worker
                for a in case.allocations.filter(ended_on__isnull=True).select_related("worker")
            ),
            None,
        )
        if not statements or worker is None or rng.random() < 0.2:
            continue
        _journey(case, people_of(case, worker), statements, rng)
        made += 1
    return made
