"""The picture drawn from a snapshot, and comparing two versions."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from safetymap.mapping import services
from safetymap.mapping.labels import merge_labels
from safetymap.mapping.picture import build_picture, compare_snapshots
from safetymap.mapping.selectors import labels_for, live_picture
from safetymap.mapping.snapshot import build_snapshot
from tests.factories import (
    CaseFactory,
    DangerStatementFactory,
    MapItemFactory,
    NextStepFactory,
    SafetyGoalFactory,
    ScaleRatingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_picture_groups_goals_under_their_statement_and_flags_overdue_steps():
    goal = SafetyGoalFactory()
    case = goal.case
    today = timezone.localdate()
    NextStepFactory(case=case, goal=goal, due_on=today - datetime.timedelta(days=2))
    NextStepFactory(case=case, due_on=today + datetime.timedelta(days=2))
    picture = live_picture(case)
    assert picture.statements[0]["goals"][0]["uuid"] == str(goal.uuid)
    assert [step["is_overdue"] for step in picture.next_steps] == [True, False]
    assert picture.next_steps[0]["goal_statement"] == goal.statement


def test_spread_uses_each_persons_latest_number():
    case = CaseFactory()
    today = timezone.localdate()
    ScaleRatingFactory(
        case=case,
        rater_name="Mum",
        rater_role="parent",
        score=2,
        rated_on=today - datetime.timedelta(days=30),
    )
    ScaleRatingFactory(case=case, rater_name="Mum", rater_role="parent", score=5, rated_on=today)
    ScaleRatingFactory(case=case, rater_name="Sam", rater_role="worker", score=3, rated_on=today)
    spread = live_picture(case).overall_spread
    assert (spread.lowest, spread.highest) == (3, 5)
    assert [role for role, _ in spread.by_role] == ["Worker", "Parent or carer"]


def test_statement_ratings_are_kept_apart_from_overall():
    statement = DangerStatementFactory()
    ScaleRatingFactory(case=statement.case, danger_statement=statement, score=2)
    ScaleRatingFactory(case=statement.case, score=7)
    picture = live_picture(statement.case)
    assert [r["score"] for r in picture.overall_ratings] == [7]
    assert [r["score"] for r in picture.statements[0]["ratings"]] == [2]


def test_removed_rows_are_not_in_the_picture():
    item = MapItemFactory()
    services.map_item_remove(actor=UserFactory(), item=item, expected_version=1)
    assert live_picture(item.case).strengths == []


def test_labels_follow_the_service_level_and_council_wording():
    assert labels_for("early_help")["danger_statement"] == "Worry statement"
    assert labels_for("early_help")["goal"] == "Wellbeing goal"
    assert labels_for("looked_after")["goal"] == "Success goal"
    assert labels_for("child_protection")["danger_statement"] == "Danger statement"
    assert merge_labels("child_protection", {"goal": "  "})["goal"] == "Safety goal"


def test_comparing_versions_lists_added_removed_and_changed():
    case = CaseFactory()
    worker = UserFactory(team=case.team)
    kept = MapItemFactory(case=case, text="Grandma visits on Sundays")
    dropped = MapItemFactory(case=case, text="Dad goes to the gym")
    old = build_snapshot(case)
    services.map_item_update(
        actor=worker, item=kept, expected_version=1, values={"text": "Grandma visits every day"}
    )
    services.map_item_remove(actor=worker, item=dropped, expected_version=1)
    MapItemFactory(case=case, text="Mum has started a parenting course")
    changes = {c.name: c for c in compare_snapshots(old, build_snapshot(case))}
    items = changes["Map items"]
    assert items.added == ["Existing strengths: Mum has started a parenting course"]
    assert items.removed == ["Existing strengths: Dad goes to the gym"]
    assert items.changed[0].fields == [
        ("Text", "Grandma visits on Sundays", "Grandma visits every day")
    ]
    assert not changes["Scales"].any


def test_an_empty_map_is_empty():
    case = CaseFactory()
    picture = build_picture(build_snapshot(case), labels_for(case.service_level))
    assert picture.is_empty
