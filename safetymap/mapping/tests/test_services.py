"""Every map service: what it writes, the audit event it leaves, and what it refuses."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from safetymap.audit.models import AuditEvent
from safetymap.core.versioning import StaleEditError
from safetymap.mapping import services
from safetymap.mapping.models import CaseMap, MapItem, Part
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


@pytest.fixture
def case():
    return CaseFactory()


@pytest.fixture
def worker(case):
    return UserFactory(team=case.team)


def audit_for(row, action):
    return AuditEvent.objects.filter(object_uuid=row.uuid, action=action)


def test_adding_harm_keeps_every_detail_and_is_audited(case, worker):
    item = services.map_item_add(
        actor=worker,
        case=case,
        part=Part.HARM,
        values={
            "text": "Dad pushed Mum into the kitchen door while Amy was in the room.",
            "when_happened": "12 March 2026",
            "how_often": "Twice since Christmas",
            "effect_on_child": "Amy hid under the table and wet herself.",
            "how_we_know": "told_by_child",
            "said_by": "Amy, to her teacher",
            "family_view": "partly",
            "family_words": "It was one push, not a fight.",
        },
    )
    assert item.part == Part.HARM and item.how_often == "Twice since Christmas"
    event = audit_for(item, "create").get()
    assert event.actor == worker and event.case_uuid == case.uuid
    assert event.changes["effect_on_child"]["new"] == "Amy hid under the table and wet herself."
    assert CaseMap.objects.get(case=case).last_changed_by == worker


def test_safety_given_when_the_danger_was_not_there_is_filed_as_a_strength(case, worker):
    item = services.map_item_add(
        actor=worker,
        case=case,
        part=Part.SAFETY,
        values={"text": "Grandma has the children every Saturday.", "danger_present": False},
    )
    assert item.part == Part.STRENGTH
    real_safety = services.map_item_add(
        actor=worker,
        case=case,
        part=Part.SAFETY,
        values={
            "text": "Mum took the children to Grandma's when Dad came home drunk.",
            "danger_present": True,
        },
    )
    assert real_safety.part == Part.SAFETY


def test_an_item_needs_words(case, worker):
    with pytest.raises(ValidationError):
        services.map_item_add(actor=worker, case=case, part=Part.STRENGTH, values={"text": "  "})
    assert not MapItem.objects.exists()


def test_update_records_old_and_new_values_and_moves_the_version_on(case, worker):
    item = MapItemFactory(case=case, text="Mum walks the children to school.")
    updated = services.map_item_update(
        actor=worker,
        item=item,
        expected_version=1,
        values={"text": "Mum walks them to school every day."},
    )
    assert updated.version == 2
    change = audit_for(item, "update").get().changes["text"]
    assert change == {
        "old": "Mum walks the children to school.",
        "new": "Mum walks them to school every day.",
    }


def test_a_stale_update_is_refused_and_changes_nothing(case, worker):
    item = MapItemFactory(case=case, text="Original words")
    services.map_item_update(
        actor=worker, item=item, expected_version=1, values={"text": "First editor"}
    )
    with pytest.raises(StaleEditError):
        services.map_item_update(
            actor=worker, item=item, expected_version=1, values={"text": "Second editor"}
        )
    item.refresh_from_db()
    assert item.text == "First editor" and item.version == 2
    assert audit_for(item, "update").count() == 1


def test_saving_without_changes_writes_nothing(case, worker):
    item = MapItemFactory(case=case)
    services.map_item_update(
        actor=worker, item=item, expected_version=1, values={"text": item.text}
    )
    item.refresh_from_db()
    assert item.version == 1 and not audit_for(item, "update").exists()


def test_remove_hides_but_keeps_the_row(case, worker):
    item = MapItemFactory(case=case)
    services.map_item_remove(actor=worker, item=item, expected_version=1)
    item.refresh_from_db()
    assert item.removed_at is not None
    assert audit_for(item, "remove").exists()


def test_danger_statement_is_composed_when_left_blank(case, worker):
    statement = services.danger_statement_add(
        actor=worker,
        case=case,
        values={
            "who_is_worried": "The health visitor",
            "adult_behaviour": "there has been no food in the house on three visits",
            "feared_for_child": "Kian will go hungry and lose weight",
            "statement": "",
        },
    )
    assert statement.statement == (
        "The health visitor is worried that there has been no food in the house on three visits. "
        "If nothing changes, they worry that Kian will go hungry and lose weight."
    )
    assert audit_for(statement, "create").exists()


def test_a_reworded_statement_is_kept(case, worker):
    statement = services.danger_statement_add(
        actor=worker,
        case=case,
        values={
            "who_is_worried": "School",
            "adult_behaviour": "Mum is asleep when Kian gets home",
            "feared_for_child": "he will be alone",
            "statement": "School worry that Mum is often asleep in the afternoon.",
        },
    )
    assert statement.statement == "School worry that Mum is often asleep in the afternoon."


@override_settings(SAFETYMAP_DANGER_STATEMENT_HARD_LIMIT=2)
def test_the_hard_limit_stops_another_statement(case, worker):
    DangerStatementFactory.create_batch(2, case=case)
    with pytest.raises(ValidationError, match="the most allowed"):
        services.danger_statement_add(
            actor=worker,
            case=case,
            values={"who_is_worried": "a", "adult_behaviour": "b", "feared_for_child": "c"},
        )
    assert case.danger_statements.count() == 2


def test_removed_statements_do_not_count_towards_the_limit(case, worker):
    statement = DangerStatementFactory(case=case)
    services.danger_statement_remove(actor=worker, statement=statement, expected_version=1)
    assert services.danger_statement_count(case) == 0


def test_a_statement_with_goals_cannot_be_removed(case, worker):
    goal = SafetyGoalFactory(danger_statement__case=case)
    with pytest.raises(ValidationError):
        services.danger_statement_remove(
            actor=worker, statement=goal.danger_statement, expected_version=1
        )


def test_goal_is_paired_and_composed(case, worker):
    statement = DangerStatementFactory(case=case)
    goal = services.safety_goal_add(
        actor=worker,
        case=case,
        values={
            "danger_statement": statement,
            "adults_will": "Mum will have food in the cupboards every day",
            "child_will_experience": "Kian will have breakfast before school",
            "who_will_see": "Nursery and Grandma",
            "how_long": "three months",
            "kind": "family",
            "status": "draft",
        },
    )
    assert goal.danger_statement == statement
    assert goal.statement.endswith("Nursery and Grandma will see this happening for three months.")
    assert audit_for(goal, "create").exists()


def test_a_goal_cannot_pair_with_another_cases_statement(case, worker):
    other = DangerStatementFactory()
    with pytest.raises(ValidationError):
        services.safety_goal_add(
            actor=worker,
            case=case,
            values={"danger_statement": other, "adults_will": "a", "child_will_experience": "b",
                    "who_will_see": "c", "how_long": "d"},
        )  # fmt: skip


def test_next_step_done_and_undone(case, worker):
    step = NextStepFactory(case=case)
    done = services.next_step_set_done(
        actor=worker, step=step, expected_version=1, done_on=timezone.localdate()
    )
    assert done.is_done and not done.is_overdue
    undone = services.next_step_set_done(actor=worker, step=done, expected_version=2, done_on=None)
    assert not undone.is_done
    assert audit_for(step, "update").count() == 2


def test_next_step_add_is_audited(case, worker):
    step = services.next_step_add(
        actor=worker,
        case=case,
        values={"action": "Ask Grandma about Saturdays", "owner": "Sam (social worker)",
                "due_on": timezone.localdate() - datetime.timedelta(days=1)},
    )  # fmt: skip
    assert step.is_overdue
    assert audit_for(step, "create").exists()


def test_scale_ratings_are_checked(case, worker):
    good = {"rater_name": "Mum", "rater_role": "parent", "score": 6, "reason": "Dad has moved out."}
    rating = services.scale_rating_add(actor=worker, case=case, values=good)
    assert rating.score == Decimal(6) and audit_for(rating, "create").exists()
    for bad_score in (11, -1, 4.5):
        with pytest.raises(ValidationError):
            services.scale_rating_add(actor=worker, case=case, values={**good, "score": bad_score})
    with pytest.raises(ValidationError):
        services.scale_rating_add(actor=worker, case=case, values={**good, "reason": " "})
    assert case.scale_ratings.count() == 1


@override_settings(SAFETYMAP_SCALE_HALF_POINTS=True)
def test_half_points_when_the_council_uses_them(case, worker):
    values = {"rater_name": "Mum", "rater_role": "parent", "score": "4.5", "reason": "Better"}
    assert services.scale_rating_add(actor=worker, case=case, values=values).score == Decimal("4.5")


def test_scale_update_and_remove(case, worker):
    rating = ScaleRatingFactory(case=case)
    services.scale_rating_update(
        actor=worker, rating=rating, expected_version=1, values={"score": 5}
    )
    services.scale_rating_remove(actor=worker, rating=rating, expected_version=2)
    rating.refresh_from_db()
    assert rating.score == 5 and rating.removed_at is not None


def test_saving_versions_numbers_them_and_freezes_the_map(case, worker):
    item = MapItemFactory(case=case, text="Before")
    first = services.map_version_save(
        actor=worker, case=case, occasion="visit", note="Home visit", saved_on=timezone.localdate()
    )
    services.map_item_update(actor=worker, item=item, expected_version=1, values={"text": "After"})
    second = services.map_version_save(
        actor=worker, case=case, occasion="meeting", note="", saved_on=timezone.localdate()
    )
    assert (first.number, second.number) == (1, 2)
    assert first.snapshot["items"][0]["text"] == "Before"
    assert second.snapshot["items"][0]["text"] == "After"
    assert audit_for(first, "create").exists()


def test_only_administrators_change_labels(worker):
    with pytest.raises(PermissionError):
        services.label_set_update(
            actor=worker, service_level="early_help", expected_version=None, labels={}
        )


def test_labels_are_saved_and_audited():
    admin = UserFactory(role="council_administrator", team=None)
    label_set = services.label_set_update(
        actor=admin,
        service_level="early_help",
        expected_version=None,
        labels={"goal": "Family goal"},
    )
    assert label_set.labels["goal"] == "Family goal"
    assert audit_for(label_set, "update").exists()
    with pytest.raises(StaleEditError):
        services.label_set_update(
            actor=admin, service_level="early_help", expected_version=1, labels={}
        )


def test_changing_one_part_of_a_statement_keeps_its_wording(case, worker):
    statement = DangerStatementFactory(case=case, statement="Our own careful wording.")
    updated = services.danger_statement_update(
        actor=worker,
        statement=statement,
        expected_version=1,
        values={"dispute": "Dad says he never drinks."},
    )
    assert updated.statement == "Our own careful wording."
    cleared = services.danger_statement_update(
        actor=worker, statement=updated, expected_version=2, values={"statement": ""}
    )
    assert cleared.statement.startswith(
        "The school and the social worker are worried that when Dad drinks"
    )


def test_changing_one_part_of_a_goal_keeps_its_wording(case, worker):
    goal = SafetyGoalFactory(danger_statement__case=case, statement="Family words for the goal.")
    updated = services.safety_goal_update(
        actor=worker, goal=goal, expected_version=1, values={"status": "agreed"}
    )
    assert updated.statement == "Family words for the goal." and updated.status == "agreed"
