"""The demo council: the scenarios read as plain casework, and `seed_demo` builds a council
whose every change went through the services."""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from faker import Faker

from safetymap.accounts.models import Role, Team, User
from safetymap.audit.models import AuditEvent
from safetymap.cases.models import Allocation, Case, ServiceLevel, ServiceLevelChange
from safetymap.cases.selectors import team_managers
from safetymap.demo import council as teams
from safetymap.demo.council import CASELOAD, DEMO_PASSWORD, KEY_USERNAMES, create_council
from safetymap.demo.devices import demo_totp_secret
from safetymap.demo.generator import (
    DEFAULT_FAMILIES,
    DEFAULT_SEED,
    FamilyPlan,
    choose_families,
    make_family,
    team_area,
)
from safetymap.demo.generator import seed as seed_council
from safetymap.demo.names import Names
from safetymap.demo.scenarios import SCENARIOS
from safetymap.demo.scenarios.base import Change, Danger, Goal, Item, Remove, Scenario, Step
from safetymap.mapping.models import (
    DangerStatement,
    MapItem,
    MapVersion,
    NextStep,
    SafetyGoal,
    ScaleRating,
)

# The labels and jargon the practice guide says family-facing text must avoid.
JARGON = re.compile(
    r"\bneglect|domestic (?:violence|abuse)|substance misuse|non-engagement|hard to reach|"
    r"disguised compliance|\bchaotic\b|\binappropriate|presenting as|good enough parenting|"
    r"significant harm|\bLAC\b|\bcontact\b|\bplacement|\bMASH\b|\bICPC\b|\bRCPC\b|\bCIN\b|"
    r"\bCP\b|\bTAF\b|\bs47\b|\bPLO\b",
    re.IGNORECASE,
)
LABELS = {
    "neglect",
    "domestic abuse",
    "domestic violence",
    "substance misuse",
    "drug use",
    "alcohol misuse",
    "emotional abuse",
    "physical abuse",
    "mental health",
}
# Rows about who may open a record, which demo/restricted.py writes as other people.
ACCESS_RECORD_TYPES = {
    "cases.caserestriction",
    "cases.restrictionalloweduser",
    "cases.caseshare",
    "cases.shareditem",
    "cases.breakglassgrant",
    "notifications.notification",
}
# Fields that hold codes, not words.
CODE_FIELDS = {
    "key",
    "about",
    "part",
    "relationship",
    "how",
    "view",
    "kind",
    "status",
    "occasion",
    "sex",
    "surname",
    "generation",
    "danger",
    "goal",
}


# --- The scenarios, checked without a database ---------------------------------------------


def _strings(value: Any, name: str = "") -> Iterator[str]:
    """Every piece of template text in a scenario (not codes or keys)."""
    if isinstance(value, str):
        if name not in CODE_FIELDS and value not in ServiceLevel.values:
            yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name), f.name)
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner, name)
    elif isinstance(value, (tuple, list)):
        for inner in value:
            yield from _strings(inner, name)


def _family(scenario: Scenario, last_stage: int, seed: int = 1):
    team = Team(name="Test team", service_area="child_protection")
    worker = User(username="w", first_name="Jess", last_name="Morgan", job_title="Social worker")
    manager = User(username="m", first_name="Dan", last_name="Hughes", job_title="Team manager")
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    plan = FamilyPlan(scenario, last_stage, team, worker, manager)
    return make_family(
        plan=plan, rng=rng, names=Names(rng, fake), fake=fake, today=datetime.date(2025, 6, 1)
    )


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_every_template_fills_in_and_reads_as_plain_language(scenario):
    for seed in (1, 2, 3):  # boys and girls, different names
        family = _family(scenario, len(scenario.stages) - 1, seed)
        for template in _strings(scenario):
            text = family.text(template.replace("{score}", "5"))
            assert "{" not in text and "}" not in text, text
            assert not JARGON.search(text), f"Jargon in {scenario.key}: {text}"
            # A sentence never starts with a lower-case pronoun or name.
            assert not re.search(r"[.!?]\u201d? +[a-z]", text), text


def _sentences(scenario: Scenario) -> Iterator[str]:
    """Text that must start with a capital: notes, reasons, items (not statement parts)."""
    for _, _, reason in scenario.levels:
        yield reason
    for stage in scenario.stages:
        yield stage.note
        for _, reason, higher in [
            *stage.scores.values(),
            *[score for by in stage.danger_scores.values() for score in by.values()],
        ]:
            yield reason
            yield higher
        for op in stage.ops:
            if isinstance(op, Item):
                yield from (text for text in (op.text, op.effect, op.reason, op.words) if text)
            elif isinstance(op, Step):
                yield op.action


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_sentences_start_with_a_capital(scenario):
    for seed in (1, 2):
        family = _family(scenario, len(scenario.stages) - 1, seed)
        for template in _sentences(scenario):
            text = family.text(template.replace("{score}", "5"))
            assert text[0].isupper() or text[0] in "\u201c\u00a3", text


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_scenarios_hang_together(scenario):
    member_keys = {member.key for member in scenario.members}
    # A member's key must not hide a place, a pick or the child's own words in templates.
    without_members = dataclasses.replace(scenario, members=())
    reserved = set(_family(without_members, len(scenario.stages) - 1).context)
    assert not member_keys & reserved, member_keys & reserved
    assert scenario.levels[0][0] == 0
    assert [week for week, _, _ in scenario.levels] == sorted(w for w, _, _ in scenario.levels)
    weeks = [stage.week for stage in scenario.stages]
    assert weeks == sorted(set(weeks)) and weeks[0] > 0
    assert len(scenario.stages) >= scenario.min_stages >= 2

    seen: set[str] = set()
    dangers: set[str] = set()
    for index, stage in enumerate(scenario.stages):
        for template in _strings(stage):
            for month in re.findall(r"\{m(\d)\}", template):
                assert int(month) <= index, f"{{m{month}}} used before stage {month}"
        for op in stage.ops:
            if isinstance(op, (Change, Remove)):
                assert op.key in seen, f"{op.key} changed before it exists"
                if isinstance(op, Remove):
                    dangers.discard(op.key)
            elif isinstance(op, Goal):
                assert op.danger in dangers, f"goal {op.key} has no danger statement"
            elif isinstance(op, Step) and op.goal:
                assert op.goal in seen
            if isinstance(op, Danger):
                dangers.add(op.key)
                assert op.behaviour.strip().lower() not in LABELS
            if isinstance(op, Item | Danger | Goal | Step):
                assert op.key not in seen, f"{op.key} used twice"
                seen.add(op.key)
        assert 1 <= len(dangers) <= 3, "keep to one to three danger statements"
        for rater, score in [
            *stage.scores.items(),
            *[item for by in stage.danger_scores.values() for item in by.items()],
        ]:
            assert rater in {"worker", "manager", "child"} | member_keys, rater
            number, reason, higher = score
            assert isinstance(number, int) and 0 <= number <= 10
            assert reason.strip() and higher.strip()
        for key in stage.danger_scores:
            assert key in dangers
    # Scales per danger statement too, from the first stage, moving over time.
    assert scenario.stages[0].danger_scores or scenario.stages[1].danger_scores
    assert sum(bool(stage.danger_scores) for stage in scenario.stages) >= 2


def test_default_council_plan():
    """The 45 default families, decided without a database: who holds what."""
    chosen = choose_families(count=DEFAULT_FAMILIES, rng=random.Random(DEFAULT_SEED))
    assert len(chosen) >= 40
    mine = [choice for choice in chosen if choice.demo_practitioners]
    assert 6 <= len(mine) <= 10
    assert len({team_area(c.scenario, c.last_stage) for c in mine}) == 1  # all in her team
    assert sum(choice.team == teams.CP_A for choice in chosen) >= 10
    assert {choice.team for choice in chosen} >= {
        teams.EARLY_HELP_NORTH,
        teams.EARLY_HELP_SOUTH,
        teams.ASSESSMENT,
        teams.CP_A,
        teams.CP_B,
        teams.IN_CARE,
        teams.LEAVING_CARE,
    }
    assert {choice.scenario.key for choice in chosen} == {s.key for s in SCENARIOS}
    # The same seed gives the same council.
    again = choose_families(count=DEFAULT_FAMILIES, rng=random.Random(DEFAULT_SEED))
    assert again == chosen
    assert _family(SCENARIOS[0], 2).context == _family(SCENARIOS[0], 2).context


@pytest.mark.django_db
def test_big_councils_get_more_workers():
    rng = random.Random(1)
    council = create_council(names=Names(rng, Faker("en_GB")), caseloads={teams.CP_B: 100})
    assert len(council.workers[teams.CP_B]) * CASELOAD >= 100
    assert len(council.workers[teams.ASSESSMENT]) == 3


# --- The seeded council ---------------------------------------------------------------------


def _seed(families: int = 6) -> str:
    out = io.StringIO()
    call_command("seed_demo", families=families, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_builds_a_council_through_the_services():
    output = _seed()
    assert "6 of 6 families" in output

    # Staff: every role, the fixed logins, one shared password.
    users = list(User.objects.all())
    assert {user.role for user in users} == set(Role.values)
    assert all(user.is_demo for user in users)
    assert set(KEY_USERNAMES) <= {user.username for user in users}
    practitioner = User.objects.get(username="practitioner")
    assert practitioner.check_password(DEMO_PASSWORD)
    assert practitioner.team.name == "Child Protection Team A"
    assert User.objects.get(username="admin").is_staff
    assert User.objects.get(username="partner").organisation
    assert all(user.first_name and user.last_name and user.job_title for user in users)

    # The demo practitioner's caseload spans service levels, including moves between them.
    mine = Case.objects.filter(allocations__worker=practitioner, allocations__ended_on=None)
    assert 3 <= mine.count() <= 10
    assert len(set(mine.values_list("service_level", flat=True))) > 1
    assert Case.objects.exclude(team=practitioner.team).exists()
    changes = ServiceLevelChange.objects.filter(case__in=mine)
    assert {change.direction for change in changes} >= {"opened", "step up", "step down"}

    today = datetime.date.today()
    # The families' cases (the long-closed retention cases are checked below; the few a
    # manager closed, in safetymap/demo/tests/test_journey_demo.py).
    families = Case.objects.exclude(pk__in=_retention_cases()).filter(closures__isnull=True)
    # A case the front door opened waits for a manager to allocate it.
    waiting = families.filter(allocations__isnull=True)
    assert all(case.referrals.exists() for case in waiting)
    for case in families.exclude(pk__in=waiting.values("pk")):
        worker = Allocation.objects.get(case=case).worker
        assert worker.team_id == case.team_id
        # Opened with a reason, then stepped up or down with dated reasons.
        history = list(case.level_changes.all())
        assert history[0].direction == "opened" and all(change.reason for change in history)
        assert history[-1].to_level == case.service_level

        # Several map versions, weeks apart, in the past.
        versions = list(MapVersion.objects.filter(case=case).order_by("number"))
        assert len(versions) >= 2
        days = [version.saved_on for version in versions]
        assert days == sorted(days) and days[-1] < today and days[0] >= case.opened_on
        assert len(versions[-1].snapshot["ratings"]) > len(versions[0].snapshot["ratings"])

        # Scales from at least three kinds of people, moving over time, with reasons.
        ratings = list(ScaleRating.objects.filter(case=case, removed_at=None))
        assert len({rating.rater_role for rating in ratings}) >= 3
        assert all(rating.reason and rating.one_point_higher for rating in ratings)
        assert all(rating.score == int(rating.score) for rating in ratings)
        by_rater = defaultdict(list)
        for rating in sorted(ratings, key=lambda r: r.rated_on):
            if rating.danger_statement_id is None:
                by_rater[rating.rater_name].append(rating.score)
        assert any(len(set(scores)) > 1 for scores in by_rater.values())
        assert ratings and any(r.danger_statement_id for r in ratings)

        # Danger statements: few, complete, behaviour not a label, paired with goals.
        statements = list(DangerStatement.objects.filter(case=case, removed_at=None))
        assert 1 <= len(statements) <= 3
        for statement in statements:
            assert statement.who_is_worried and statement.feared_for_child
            assert statement.adult_behaviour.strip().lower() not in LABELS
            assert not JARGON.search(statement.statement), statement.statement
            assert statement.goals.exists()

        # Everything written by the allocated worker, with an audit event (who may open the
        # record is decided by others: demo/restricted.py), except what the team manager
        # writes in supervision (demo/supervision.py).
        events = AuditEvent.objects.filter(case_uuid=case.uuid).exclude(
            object_type__in=ACCESS_RECORD_TYPES
        )
        assert events.count() > 20
        managers = {manager.pk for manager in team_managers(case)}
        actors = set(events.values_list("actor", flat=True))
        assert worker.pk in actors and actors <= {worker.pk} | managers

    # Plain words everywhere on the maps.
    texts = [
        *MapItem.objects.values_list("text", flat=True),
        *SafetyGoal.objects.values_list("statement", flat=True),
        *NextStep.objects.values_list("action", flat=True),
        *ScaleRating.objects.values_list("reason", flat=True),
    ]
    assert not [text for text in texts if JARGON.search(text)]
    assert not [text for text in texts if "{" in text]

    # Next steps: some done, some still to do; items the family gave a view on.
    assert NextStep.objects.filter(done_on__isnull=False).exists()
    assert NextStep.objects.filter(done_on__isnull=True, removed_at=None).exists()
    assert MapItem.objects.exclude(family_view="not_asked").exclude(family_words="").exists()
    assert DangerStatement.objects.exclude(dispute="").exists()
    assert MapItem.objects.filter(part="unsure").exists()


def _retention_cases() -> Any:
    return Case.objects.filter(closed_on__year__lt=1990).values("pk")


@pytest.mark.django_db
def test_seed_demo_adds_the_retention_cases_once():
    from safetymap.retention import selectors as retention
    from safetymap.retention.demo import ensure_retention_stories

    _seed(families=1)
    review = retention.review()
    assert {a.case.child.full_name for a in review.due} >= {"Darren Whitlock", "Lorraine Ashby"}
    assert [a.case.child.full_name for a in review.held] == ["Gary Pennock"]
    practitioner = User.objects.get(username="practitioner")
    assert set(Case.objects.filter(pk__in=_retention_cases()).values_list("team", flat=True)) == {
        practitioner.team_id
    }
    # `retention_demo` on a seeded database adds nothing more.
    assert ensure_retention_stories() == []
    assert _retention_cases().count() == 3


@pytest.mark.django_db
def test_if_empty_leaves_a_seeded_database_alone():
    _seed(families=2)
    counts = (User.objects.count(), Case.objects.count(), AuditEvent.objects.count())

    out = io.StringIO()
    call_command("seed_demo", if_empty=True, stdout=out)
    assert out.getvalue().strip() == "The database already has data; not seeding."
    assert counts == (User.objects.count(), Case.objects.count(), AuditEvent.objects.count())

    with pytest.raises(CommandError):
        call_command("seed_demo", families=2, stdout=io.StringIO())


@pytest.mark.django_db
def test_demo_logins_lists_only_demo_users():
    _seed(families=1)
    User.objects.create_user(username="real.person", password="not-listed-here")

    out = io.StringIO()
    call_command("demo_logins", json=True, stdout=out)
    rows = json.loads(out.getvalue())
    by_name = {row["username"]: row for row in rows}
    assert "real.person" not in by_name
    assert by_name["practitioner"] == {
        "username": "practitioner",
        "password": DEMO_PASSWORD,
        "role": "practitioner",
        "team": "Child Protection Team A",
        "totp_secret": demo_totp_secret("practitioner"),
    }
    assert by_name["partner"]["team"] is None
    assert [row["username"] for row in rows[: len(KEY_USERNAMES)]] == list(KEY_USERNAMES)

    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    table = out.getvalue()
    assert "practitioner" in table and DEMO_PASSWORD in table and "real.person" not in table


@pytest.mark.django_db
def test_no_two_people_on_a_case_share_a_first_name():
    # "Kayleigh Green (police officer)" beside Mum, Kayleigh Wallace, confuses a reader.
    seed_council(families=45, seed_value=DEFAULT_SEED)
    for case in Case.objects.prefetch_related("members__person").select_related("child"):
        firsts = [case.child.first_name] + [m.person.first_name for m in case.members.all()]
        assert len(firsts) == len(set(firsts)), (case.reference, sorted(firsts))
