"""Generate the demo council's families from the hand-written scenarios.

Every change to a case goes through the cases and mapping services with the allocated
worker as the actor, in the order it would have happened, so each case's audit trail, map
versions and scale history are real. (The audit rows are stamped with the time the demo was
generated; the casework dates — opened, stepped up, scaled, saved — are in the past.)
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from faker import Faker

from safetymap.accounts.models import Team, User
from safetymap.cases.models import (
    RELATIONSHIP_GROUPS,
    Case,
    Relationship,
    RelationshipGroup,
    ServiceLevel,
)
from safetymap.cases.services import case_change_service_level, case_member_add, case_open
from safetymap.demo import council as teams
from safetymap.demo.council import Council, create_council
from safetymap.demo.names import Names
from safetymap.demo.scenarios import BY_KEY, SCENARIOS
from safetymap.demo.scenarios.base import (
    Change,
    Danger,
    Goal,
    Item,
    Member,
    Remove,
    Scenario,
    Score,
    Stage,
    Step,
)
from safetymap.mapping.models import (
    CaseMap,
    DangerStatement,
    FamilyView,
    MapItem,
    NextStep,
    RaterRole,
    SafetyGoal,
)
from safetymap.mapping.services import (
    danger_statement_add,
    danger_statement_update,
    map_item_add,
    map_item_remove,
    map_item_update,
    map_version_save,
    next_step_add,
    next_step_remove,
    next_step_set_done,
    next_step_update,
    safety_goal_add,
    safety_goal_remove,
    safety_goal_update,
    scale_rating_add,
)

DEFAULT_FAMILIES = 45
DEFAULT_SEED = 20250601

SCHOOLS = (
    "Eastbrook Primary School",
    "Millfield Primary School",
    "St Anne's Primary School",
    "Riverside Primary Academy",
    "Hollins Park Primary School",
)
SECONDARIES = (
    "Eastbrook Academy",
    "Hollins Park School",
    "St Thomas More Catholic High School",
    "Riverside Academy",
)
NURSERIES = ("Little Acorns Nursery", "Sunflowers Day Nursery", "Rainbow Day Nursery")
COLLEGES = ("Eastbrook College", "Eastshire College")
TOWNS = ("Marston Vale", "Caldwick", "Westbury Cross", "Harlow Bridge")
ESTATES = ("Fenwick", "Orchard Park", "Brookside", "Linden")

# The demo practitioner's caseload: (scenario, last stage reached). Each lands in Child
# Protection Team A at a different point in its journey: stepped up, stepped down, disputed,
# newly in care.
SHOWCASE: tuple[tuple[str, int], ...] = (
    ("basic_care", 4),  # child in need after a child protection plan
    ("injured_baby", 3),  # child protection, disputed, wide spread of scores
    ("violence_at_home", 2),  # child protection, father disputes
    ("drinking", 2),  # stepped up to child protection after a relapse
    ("drugs_baby", 2),  # looked after with an aunt, case not yet transferred
    ("exploitation", 3),  # child protection, young person disputes the worry
    ("basic_care", 2),  # child protection
    ("violence_at_home", 3),  # stepped down to child in need
)

# A case in care stays with the child protection team for this long before it transfers.
TRANSFER_TO_CARE_TEAM_WEEKS = 10

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

FIELD_ALIASES = {
    "who": "who_is_worried",
    "behaviour": "adult_behaviour",
    "fear": "feared_for_child",
    "view": "family_view",
    "words": "family_words",
    "when": "when_happened",
    "effect": "effect_on_child",
    "how": "how_we_know",
    "adults": "adults_will",
    "child": "child_will_experience",
}
DANGER_FIELDS = (
    "who_is_worried",
    "adult_behaviour",
    "feared_for_child",
    "statement",
    "family_view",
    "family_words",
    "dispute",
)
DANGER_PARTS = ("who_is_worried", "adult_behaviour", "feared_for_child")
GOAL_FIELDS = (
    "danger_statement",
    "adults_will",
    "child_will_experience",
    "who_will_see",
    "how_long",
    "statement",
    "kind",
    "status",
)
SHORT_FIELDS = ("when_happened", "how_often")
GOAL_PARTS = ("adults_will", "child_will_experience", "who_will_see", "how_long")


# --- Planning: which scenario, how far along, which team and worker ----------------------


@dataclass
class FamilyPlan:
    scenario: Scenario
    last_stage: int
    team: Team
    worker: User
    manager: User


def levels_reached(scenario: Scenario, last_stage: int) -> list[tuple[int, str, str]]:
    week = scenario.stages[last_stage].week
    return [level for level in scenario.levels if level[0] <= week]


def team_area(scenario: Scenario, last_stage: int) -> str:
    """Which kind of team holds the case now, from where it has been."""
    reached = levels_reached(scenario, last_stage)
    week, current, _ = reached[-1]
    been = {level for _, level, _ in reached}
    if current == ServiceLevel.EARLY_HELP:
        return "early_help"
    if current == ServiceLevel.CHILD_IN_NEED:
        return "child_protection" if ServiceLevel.CHILD_PROTECTION in been else "assessment"
    if current == ServiceLevel.CHILD_PROTECTION:
        return "child_protection"
    if current == ServiceLevel.LOOKED_AFTER:
        recent = scenario.stages[last_stage].week - week <= TRANSFER_TO_CARE_TEAM_WEEKS
        if recent and ServiceLevel.CHILD_PROTECTION in been:
            return "child_protection"
        return "in_care"
    return "leaving_care"


@dataclass(frozen=True)
class Choice:
    """One family decided before anyone is allocated: which story, how far, which team."""

    scenario: Scenario
    last_stage: int
    team: str
    demo_practitioners: bool


def choose_families(*, count: int, rng: random.Random) -> list[Choice]:
    """Decide every family first, so each team can be staffed for its caseload."""
    generic = _generic_choices(count, rng)
    showcase = list(SHOWCASE)
    flip = {"early_help": 0, "child_protection": 0}
    chosen: list[Choice] = []
    for index in range(count):
        # Two of every three early families are the demo practitioner's, until all are used.
        mine = bool(showcase) and index % 3 != 2
        key, last = showcase.pop(0) if mine else generic.pop(0)
        scenario = BY_KEY[key]
        area = team_area(scenario, last)
        if mine:
            team = teams.CP_A
        elif area == "early_help":
            team = (teams.EARLY_HELP_NORTH, teams.EARLY_HELP_SOUTH)[flip["early_help"] % 2]
            flip["early_help"] += 1
        elif area == "child_protection":
            team = (teams.CP_A, teams.CP_B)[flip["child_protection"] % 2]
            flip["child_protection"] += 1
        else:
            team = {
                "assessment": teams.ASSESSMENT,
                "in_care": teams.IN_CARE,
                "leaving_care": teams.LEAVING_CARE,
            }[area]
        chosen.append(Choice(scenario, last, team, mine))
    return chosen


def allocate(chosen: list[Choice], *, council: Council, rng: random.Random) -> list[FamilyPlan]:
    """Give each family a worker in its team: the demo practitioner's, or the least loaded."""
    demo = council.demo_practitioner
    assert demo is not None
    loads: Counter[int] = Counter()
    plans = []
    for choice in chosen:
        if choice.demo_practitioners:
            worker = demo
        else:
            candidates = [w for w in council.workers[choice.team] if w.pk != demo.pk]
            worker = min(candidates, key=lambda w: (loads[w.pk], rng.random()))
        loads[worker.pk] += 1
        plans.append(
            FamilyPlan(
                choice.scenario,
                choice.last_stage,
                council.teams[choice.team],
                worker,
                council.managers[choice.team],
            )
        )
    return plans


def _generic_choices(count: int, rng: random.Random) -> list[tuple[str, int]]:
    """Every scenario in turn (shuffled each round), each cut off at a random stage."""
    choices: list[tuple[str, int]] = []
    while len(choices) < count:
        round_ = list(SCENARIOS)
        rng.shuffle(round_)
        for scenario in round_:
            stages = len(scenario.stages)
            # Most cases are further along; some are young.
            last = rng.choices(
                range(scenario.min_stages - 1, stages),
                weights=[1 + i for i in range(scenario.min_stages - 1, stages)],
            )[0]
            choices.append((scenario.key, last))
    return choices


# --- One family ---------------------------------------------------------------------------


@dataclass
class Named:
    first: str
    last: str
    female: bool
    date_of_birth: datetime.date | None

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Family:
    """The names, dates and words that fill one scenario in for one family."""

    plan: FamilyPlan
    opened_on: datetime.date
    stage_dates: list[datetime.date]
    child: Named
    members: dict[str, Named]
    context: dict[str, str]
    address: str
    lean: dict[str, int] = field(default_factory=dict)

    def text(self, template: str) -> str:
        return template.format_map(self.context)


def _pronouns(prefix: str, female: bool) -> dict[str, str]:
    he, him, his = ("she", "her", "her") if female else ("he", "him", "his")
    return {
        f"{prefix}he": he,
        f"{prefix}him": him,
        f"{prefix}his": his,
        f"{prefix}himself": f"{him}self",
        f"{prefix}He": he.capitalize(),
        f"{prefix}Him": him.capitalize(),
        f"{prefix}His": his.capitalize(),
    }


def _month(day: datetime.date) -> str:
    return MONTHS[day.month - 1]


def _age(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _birth_date(rng: random.Random, on: datetime.date, months: tuple[int, int]) -> datetime.date:
    low, high = months
    return on - datetime.timedelta(days=rng.randint(low * 30, high * 30 + 29))


def _sex(rng: random.Random, sex: str) -> bool:
    return rng.random() < 0.5 if sex == "any" else sex == "f"


def describe(member: Member, *, female: bool) -> str:
    """How the member relates to the child: "maternal grandmother", "baby sister"."""
    detail = member.detail or Relationship(member.relationship).label.lower()
    return detail.replace("brother or sister", "sister" if female else "brother")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_Name = TypeVar("_Name", str, tuple[str, str])


def _unused_first(used: set[str], pick: Callable[[], _Name]) -> _Name:
    """A first name (or a (first, last) pair) from `pick`, drawn again (up to five times)
    while the first name is already someone's on the case: two people called the same on
    one case reads badly, in the family or a professional beside them."""
    name = pick()
    for _ in range(5):
        if (name if isinstance(name, str) else name[0]) not in used:
            break
        name = pick()
    return name


def make_family(
    *, plan: FamilyPlan, rng: random.Random, names: Names, fake: Faker, today: datetime.date
) -> Family:
    scenario = plan.scenario
    stages = scenario.stages
    last = plan.last_stage

    # Dates: the last stage reached happened a few days to a few weeks ago.
    since_last = rng.randint(3, 28)
    opened_on = today - datetime.timedelta(days=stages[last].week * 7 + since_last)
    stage_dates: list[datetime.date] = []
    for index, stage in enumerate(stages):
        day = opened_on + datetime.timedelta(days=stage.week * 7)
        if index != last:
            day += datetime.timedelta(days=rng.randint(-2, 2))
        if stage_dates and day <= stage_dates[-1]:
            day = stage_dates[-1] + datetime.timedelta(days=1)
        stage_dates.append(max(day, opened_on))

    pool = names.pool()
    surname = names.surname(pool)
    child_female = _sex(rng, scenario.child_sex)
    if scenario.eighteen_at_week is not None:
        eighteenth = opened_on + datetime.timedelta(days=scenario.eighteen_at_week * 7)
        eighteenth -= datetime.timedelta(days=rng.randint(0, 6))
        child_born = eighteenth.replace(year=eighteenth.year - 18)
    else:
        child_born = _birth_date(rng, opened_on, scenario.child_age_months)
    child = Named(
        names.first(pool, female=child_female, generation="child"),
        surname,
        child_female,
        child_born,
    )

    members: dict[str, Named] = {}
    used_first = {child.first}
    for member in scenario.members:
        female = _sex(rng, member.sex)
        if member.relationship == Relationship.PROFESSIONAL:
            first, last_name = _unused_first(used_first, partial(names.staff, female=female))
        else:
            member_pool = pool if member.surname == "family" or rng.random() < 0.8 else names.pool()
            pick = partial(names.first, member_pool, female=female, generation=member.generation)
            first = _unused_first(used_first, pick)
            last_name = surname if member.surname == "family" else names.surname(member_pool)
        used_first.add(first)
        born = _birth_date(rng, opened_on, member.age_months) if member.age_months else None
        members[member.key] = Named(first, last_name, female, born)

    worker, manager = plan.worker, plan.manager
    context: dict[str, str] = {
        "child": child.first,
        "child_full": child.full,
        "child_label": child.full,
        "age": str(_age(child_born, opened_on)),
        "age_months": str(max(1, (opened_on - child_born).days // 30)),
        "son": "daughter" if child_female else "son",
        "boy": "girl" if child_female else "boy",
        **_pronouns("", child_female),
        "worker": worker.get_full_name(),
        "worker_first": worker.first_name,
        "worker_title": worker.job_title.lower(),
        "worker_label": f"{worker.get_full_name()} ({worker.job_title.lower()})",
        "manager": manager.get_full_name(),
        "manager_first": manager.first_name,
        "manager_title": manager.job_title.lower(),
        "manager_label": f"{manager.get_full_name()} ({manager.job_title.lower()})",
        "open_month": _month(opened_on),
        "before_month": _month(opened_on - datetime.timedelta(days=21)),
        "year": str(opened_on.year),
        "school": rng.choice(SCHOOLS),
        "secondary": rng.choice(SECONDARIES),
        "nursery": rng.choice(NURSERIES),
        "college": rng.choice(COLLEGES),
        "town": rng.choice(TOWNS),
        "estate": rng.choice(ESTATES),
    }
    for index in range(8):
        context[f"m{index}"] = _month(stage_dates[min(index, len(stage_dates) - 1)])
    for name, options in scenario.picks.items():
        context[name] = rng.choice(options)
    for member in scenario.members:
        person = members[member.key]
        context[member.key] = person.first
        context[f"{member.key}_full"] = person.full
        context.update(_pronouns(f"{member.key}_", person.female))
    # Details and organisations may name other people or places, so fill them in last.
    for member in scenario.members:
        person = members[member.key]
        context[f"{member.key}_org"] = member.organisation.format_map(context)
        detail = describe(member, female=person.female).format_map(context)
        context[f"{member.key}_detail"] = detail
        context[f"{member.key}_label"] = f"{person.full} ({detail})"

    street = fake.street_name()
    address = (
        f"{rng.randint(1, 140)} {street}, Eastbrook EB{rng.randint(1, 9)} "
        f"{rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXY')}"
        f"{rng.choice('ABDEFGHJLNPQRSTUWXY')}"
    )
    lean = {key: rng.choice((-1, 0, 0, 0, 1)) for key in _rater_keys(scenario)}
    return Family(plan, opened_on, stage_dates, child, members, context, address, lean)


def _rater_keys(scenario: Scenario) -> set[str]:
    keys: set[str] = set()
    for stage in scenario.stages:
        keys.update(stage.scores)
        for by_rater in stage.danger_scores.values():
            keys.update(by_rater)
    return keys


def _phone(rng: random.Random, professional: bool) -> str:
    """A number from Ofcom's ranges kept for drama, so never a real one."""
    prefix = "01632 960" if professional else "07700 900"
    return f"{prefix}{rng.randint(0, 999):03d}"


class FamilyBuilder:
    """Writes one family's case, through the services, in the order things happened."""

    def __init__(self, family: Family, rng: random.Random, today: datetime.date) -> None:
        self.family = family
        self.rng = rng
        self.today = today
        self.actor = family.plan.worker
        self.case: Case
        self.people: dict[str, Any] = {}  # rater key -> Person row (for ratings)
        self.roles: dict[str, str] = {}  # rater key -> RaterRole
        self.names: dict[str, str] = {}  # rater key -> rater_name
        # op key -> MapItem, DangerStatement, SafetyGoal or NextStep
        self.rows: dict[str, Any] = {}
        self.pending_done: list[tuple[str, datetime.date]] = []
        self.slipping: list[str] = []  # steps with no done date: most get done late

    # -- helpers ---------------------------------------------------------------------------

    def t(self, template: str) -> str:
        return self.family.text(template)

    def values(self, raw: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for name, value in raw.items():
            out[FIELD_ALIASES.get(name, name)] = self.t(value) if isinstance(value, str) else value
        return out

    # -- the case ----------------------------------------------------------------------------

    def build(self) -> Case:
        family, scenario = self.family, self.family.plan.scenario
        child = family.child
        opening = scenario.levels[0]
        self.case = case_open(
            actor=self.actor,
            child={
                "first_name": child.first,
                "last_name": child.last,
                "date_of_birth": child.date_of_birth,
                "gender": "Female" if child.female else "Male",
                "address": family.address,
            },
            team=family.plan.team,
            service_level=opening[1],
            opened_on=family.opened_on,
            reason=self.t(opening[2]),
            workers=[self.actor],
        )
        self.people["child"] = self.case.child
        self.roles["child"] = RaterRole.CHILD
        self.names["child"] = child.full
        self._add_members()
        self._worker_and_manager()

        last = family.plan.last_stage
        levels = list(levels_reached(scenario, last)[1:])
        for index, stage in enumerate(scenario.stages[: last + 1]):
            day = family.stage_dates[index]
            while levels and levels[0][0] <= stage.week:
                week, level, reason = levels.pop(0)
                changed_on = (
                    day
                    if week == stage.week
                    else (family.opened_on + datetime.timedelta(days=week * 7))
                )
                self.case = case_change_service_level(
                    actor=self.actor,
                    case=self.case,
                    expected_version=None,
                    to_level=level,
                    changed_on=changed_on,
                    reason=self.t(reason),
                )
            self._finish_steps(until=day)
            self._catch_up(day)
            for op in stage.ops:
                self._apply(op, day)
            self._scale(stage, day)
            map_version_save(
                actor=self.actor,
                case=self.case,
                occasion=stage.occasion,
                note=self.t(stage.note),
                saved_on=day,
            )
        self._finish_steps(until=self.today)
        self._date_the_map(family.stage_dates[last])
        return self.case

    def _date_the_map(self, day: datetime.date) -> None:
        """The demo's casework happened over past months, but services stamp changes with
        the moment of seeding; date the map's last change to its last visit so lists read
        as a real caseload would (demo data only)."""
        late_afternoon = datetime.datetime.combine(day, datetime.time(16, 30))
        CaseMap.objects.filter(case=self.case).update(
            last_changed_at=timezone.make_aware(late_afternoon)
        )

    def _add_members(self) -> None:
        family = self.family
        for member in family.plan.scenario.members:
            person = family.members[member.key]
            professional = member.relationship == Relationship.PROFESSIONAL
            row = case_member_add(
                actor=self.actor,
                case=self.case,
                person={
                    "first_name": person.first,
                    "last_name": person.last,
                    "date_of_birth": person.date_of_birth,
                    "gender": "Female" if person.female else "Male",
                    "address": family.address if member.lives_with_child else "",
                    "phone": _phone(self.rng, professional),
                    "organisation": family.context[f"{member.key}_org"],
                },
                membership={
                    "relationship": member.relationship,
                    "relationship_detail": family.context[f"{member.key}_detail"]
                    if member.detail
                    else "",
                    "lives_with_child": member.lives_with_child,
                    "parental_responsibility": member.parental_responsibility,
                    "notes": self.t(member.notes),
                },
            )
            self.people[member.key] = row.person
            self.roles[member.key] = _rater_role(member)
            self.names[member.key] = family.context[f"{member.key}_label"]

    def _worker_and_manager(self) -> None:
        self.roles["worker"] = RaterRole.WORKER
        self.names["worker"] = self.family.context["worker_label"]
        self.roles["manager"] = RaterRole.MANAGER
        self.names["manager"] = self.family.context["manager_label"]

    # -- changes to the map ------------------------------------------------------------------

    def _apply(self, op: Any, day: datetime.date) -> None:
        actor, case = self.actor, self.case
        if isinstance(op, Item):
            if op.chance < 1 and self.rng.random() >= op.chance:
                return
            values: dict[str, Any] = {"text": self.t(op.text)}
            for name, raw in (
                ("said_by", op.said_by),
                ("when_happened", op.when),
                ("how_often", op.how_often),
                ("effect_on_child", op.effect),
                ("reason", op.reason),
                ("family_words", op.words),
            ):
                if raw:
                    text = self.t(raw)
                    values[name] = _capital(text) if name in SHORT_FIELDS else text
            if op.how:
                values["how_we_know"] = op.how
            if op.view:
                values["family_view"] = op.view
            if op.danger_present is not None:
                values["danger_present"] = op.danger_present
            self.rows[op.key] = map_item_add(actor=actor, case=case, part=op.part, values=values)
        elif isinstance(op, Danger):
            values = {
                "who_is_worried": self.t(op.who),
                "adult_behaviour": self.t(op.behaviour),
                "feared_for_child": self.t(op.fear),
                "statement": self.t(op.statement),
                "family_view": op.view or FamilyView.NOT_ASKED,
                "family_words": self.t(op.words),
                "dispute": self.t(op.dispute),
            }
            self.rows[op.key] = danger_statement_add(actor=actor, case=case, values=values)
        elif isinstance(op, Goal):
            statement = self.rows.get(op.danger)
            if statement is None:
                return
            self.rows[op.key] = safety_goal_add(
                actor=actor,
                case=case,
                values={
                    "danger_statement": statement,
                    "adults_will": self.t(op.adults),
                    "child_will_experience": self.t(op.child),
                    "who_will_see": self.t(op.who),
                    "how_long": self.t(op.how_long),
                    "kind": op.kind,
                    "status": op.status,
                },
            )
        elif isinstance(op, Step):
            goal = self.rows.get(op.goal) if op.goal else None
            step = next_step_add(
                actor=actor,
                case=case,
                values={
                    "action": self.t(op.action),
                    "owner": self.t(op.owner),
                    "due_on": day + datetime.timedelta(days=op.due),
                    "goal": goal,
                },
            )
            self.rows[op.key] = step
            if op.done is not None:
                self.pending_done.append((op.key, day + datetime.timedelta(days=op.done)))
            elif not op.stays_open:
                self.slipping.append(op.key)
        elif isinstance(op, Change):
            self._change(op)
        elif isinstance(op, Remove):
            self._remove(op.key)

    def _change(self, op: Change) -> None:
        row = self.rows.get(op.key)
        if row is None:  # an item this family never had
            return
        changes = self.values(op.values)
        if isinstance(row, MapItem):
            self.rows[op.key] = map_item_update(
                actor=self.actor, item=row, expected_version=None, values=changes
            )
        elif isinstance(row, DangerStatement):
            # The service recomposes the statement from whatever parts it is given, so send
            # every field: a partial update would blank the rest.
            values = {name: getattr(row, name) for name in DANGER_FIELDS}
            if any(part in changes for part in DANGER_PARTS) and "statement" not in changes:
                changes["statement"] = ""
            values.update(changes)
            self.rows[op.key] = danger_statement_update(
                actor=self.actor, statement=row, expected_version=None, values=values
            )
        elif isinstance(row, SafetyGoal):
            values = {name: getattr(row, name) for name in GOAL_FIELDS}
            if any(part in changes for part in GOAL_PARTS) and "statement" not in changes:
                changes["statement"] = ""
            values.update(changes)
            self.rows[op.key] = safety_goal_update(
                actor=self.actor, goal=row, expected_version=None, values=values
            )
        elif isinstance(row, NextStep):
            self.rows[op.key] = next_step_update(
                actor=self.actor, step=row, expected_version=None, values=changes
            )

    def _remove(self, key: str) -> None:
        row = self.rows.pop(key, None)
        if isinstance(row, MapItem):
            map_item_remove(actor=self.actor, item=row, expected_version=None)
        elif isinstance(row, SafetyGoal):
            safety_goal_remove(actor=self.actor, goal=row, expected_version=None)
        elif isinstance(row, NextStep):
            next_step_remove(actor=self.actor, step=row, expected_version=None)

    def _finish_steps(self, *, until: datetime.date) -> None:
        still: list[tuple[str, datetime.date]] = []
        for key, done_on in self.pending_done:
            step = self.rows.get(key)
            if step is None:
                continue
            if done_on <= until and done_on <= self.today:
                self.rows[key] = next_step_set_done(
                    actor=self.actor, step=step, expected_version=None, done_on=done_on
                )
            else:
                still.append((key, done_on))
        self.pending_done = still

    def _catch_up(self, day: datetime.date) -> None:
        """At each new stage, most slipped steps that are overdue turn out to be done, late."""
        for key in list(self.slipping):
            step = self.rows.get(key)
            if step is None or step.due_on >= day:
                continue
            self.slipping.remove(key)
            if self.rng.random() < 0.7:
                late = self.rng.randint(1, max(1, (day - step.due_on).days))
                done_on = step.due_on + datetime.timedelta(days=late)
                self.rows[key] = next_step_set_done(
                    actor=self.actor, step=step, expected_version=None, done_on=done_on
                )

    # -- scales ------------------------------------------------------------------------------

    def _scale(self, stage: Stage, day: datetime.date) -> None:
        dates: dict[str, datetime.date] = {}
        for rater, score in stage.scores.items():
            dates[rater] = self._rated_on(day)
            self._rate(rater, score, dates[rater], statement=None)
        for key, by_rater in stage.danger_scores.items():
            statement = self.rows.get(key)
            if statement is None:
                continue
            for rater, score in by_rater.items():
                self._rate(
                    rater, score, dates.get(rater) or self._rated_on(day), statement=statement
                )

    def _rated_on(self, day: datetime.date) -> datetime.date:
        rated = day - datetime.timedelta(days=self.rng.randint(0, 3))
        return min(max(rated, self.family.opened_on), self.today)

    def _rate(
        self, rater: str, score: Score, rated_on: datetime.date, statement: DangerStatement | None
    ) -> None:
        number, reason, higher = score
        number = min(10, max(0, number + self.family.lean.get(rater, 0)))
        context = {**self.family.context, "score": str(number)}
        scale_rating_add(
            actor=self.actor,
            case=self.case,
            values={
                "danger_statement": statement,
                "rated_on": rated_on,
                "rater_name": self.names[rater],
                "rater_role": self.roles[rater],
                "person": self.people.get(rater),
                "score": number,
                "reason": reason.format_map(context),
                "one_point_higher": higher.format_map(context),
            },
        )


def _rater_role(member: Member) -> str:
    group = RELATIONSHIP_GROUPS.get(member.relationship, RelationshipGroup.OTHER)
    if member.relationship == Relationship.PROFESSIONAL:
        return RaterRole.PROFESSIONAL
    if group == RelationshipGroup.PARENTS_AND_CARERS and (
        member.lives_with_child or member.parental_responsibility
    ):
        return RaterRole.PARENT
    return RaterRole.NETWORK


# --- The whole council --------------------------------------------------------------------


@dataclass
class SeedResult:
    council: Council
    cases: list[Case]


def seed(
    *,
    families: int = DEFAULT_FAMILIES,
    seed_value: int = DEFAULT_SEED,
    progress: Callable[[int, int], None] | None = None,
) -> SeedResult:
    """Create the council, then each family in its own transaction."""
    rng = random.Random(seed_value)
    fake = Faker("en_GB")
    fake.seed_instance(seed_value)
    names = Names(rng, fake)
    today = timezone.localdate()

    chosen = choose_families(count=families, rng=rng)
    with transaction.atomic():
        council = create_council(names=names, caseloads=Counter(choice.team for choice in chosen))
    plans = allocate(chosen, council=council, rng=rng)
    cases = []
    for number, plan in enumerate(plans, start=1):
        family = make_family(plan=plan, rng=rng, names=names, fake=fake, today=today)
        with transaction.atomic():
            cases.append(FamilyBuilder(family, rng, today).build())
        if progress:
            progress(number, families)
    return SeedResult(council=council, cases=cases)
