"""Adding, changing and removing every kind of map record through the pages."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.mapping.models import DangerStatement, MapItem, NextStep, SafetyGoal, ScaleRating
from tests.factories import (
    DangerStatementFactory,
    MapItemFactory,
    NextStepFactory,
    SafetyGoalFactory,
    ScaleRatingFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def add_url(case, kind):
    return reverse("mapping:record_add", kwargs={"case_uuid": case.uuid, "kind": kind})


def edit_url(case, kind, row):
    return reverse(
        "mapping:record_edit", kwargs={"case_uuid": case.uuid, "kind": kind, "row_uuid": row.uuid}
    )


def remove_url(case, kind, row):
    return reverse(
        "mapping:record_remove", kwargs={"case_uuid": case.uuid, "kind": kind, "row_uuid": row.uuid}
    )


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


ITEM_POSTS = {
    "harm": {
        "text": "Kian was left alone in the flat overnight on 3 March.",
        "when_happened": "3 March",
        "how_often": "Once that we know of",
        "effect_on_child": "Kian was frightened and did not sleep.",
        "how_we_know": "told_by_child",
        "said_by": "Kian",
        "family_view": "disagrees",
        "family_words": "I was only next door.",
    },
    "complicating": {
        "text": "Mum and the school do not trust each other.",
        "family_view": "agrees",
    },
    "strength": {"text": "Kian's aunt takes him swimming every week.", "family_view": "agrees"},
    "safety": {
        "text": "Aunt Lisa took Kian home when Mum was drunk.",
        "danger_present": "yes",
        "family_view": "agrees",
    },
    "unsure": {"text": "Whether Dad still visits at night."},
    "bottom-line": {
        "text": "Kian is not left alone overnight.",
        "reason": "He is six.",
        "family_view": "partly",
    },
}


@pytest.mark.parametrize("kind", list(ITEM_POSTS))
def test_each_part_can_be_added_changed_and_removed(client, case, worker, kind):
    client.force_login(worker)
    assert client.get(add_url(case, kind)).status_code == 200
    response = client.post(add_url(case, kind), ITEM_POSTS[kind])
    assert response.status_code == 302, response.content.decode()[:3000]
    item = MapItem.objects.get(case=case)
    assert item.text == ITEM_POSTS[kind]["text"]
    assert client.get(edit_url(case, kind, item)).status_code == 200
    changed = {**ITEM_POSTS[kind], "text": "New words", "version": item.version}
    assert client.post(edit_url(case, kind, item), changed).status_code == 302
    item.refresh_from_db()
    assert item.text == "New words"
    assert client.post(remove_url(case, kind, item), {"version": item.version}).status_code == 302
    item.refresh_from_db()
    assert item.removed_at is not None
    actions = AuditEvent.objects.filter(object_uuid=item.uuid).values_list("action", flat=True)
    assert set(actions) == {
        "create", "update", "remove",
    }  # fmt: skip


def test_safety_without_the_danger_present_is_filed_as_strength(client, case, worker):
    client.force_login(worker)
    client.post(add_url(case, "safety"), {**ITEM_POSTS["safety"], "danger_present": "no"})
    assert MapItem.objects.get(case=case).part == "strength"


def test_harm_details_are_kept(client, case, worker):
    client.force_login(worker)
    client.post(add_url(case, "harm"), ITEM_POSTS["harm"])
    item = MapItem.objects.get(case=case)
    assert (item.how_often, item.how_we_know, item.family_view, item.family_words) == (
        "Once that we know of", "told_by_child", "disagrees", "I was only next door.",
    )  # fmt: skip


def test_missing_text_shows_an_error_and_saves_nothing(client, case, worker):
    client.force_login(worker)
    response = client.post(add_url(case, "strength"), {"text": "", "family_view": "agrees"})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not MapItem.objects.exists()


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(client, case, worker):
    item = MapItemFactory(case=case, text="First")
    client.force_login(worker)
    client.post(
        edit_url(case, "strength", item), {"text": "Second", "family_view": "agrees", "version": 1}
    )
    response = client.post(
        edit_url(case, "strength", item), {"text": "Third", "family_view": "agrees", "version": 1}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Someone else changed this" in page and "Second" in page
    item.refresh_from_db()
    assert item.text == "Second"


def test_a_row_from_another_part_or_case_is_not_found(client, case, worker):
    client.force_login(worker)
    harm = MapItemFactory(case=case, part="harm")
    assert client.get(edit_url(case, "strength", harm)).status_code == 404
    elsewhere = MapItemFactory()
    assert client.get(edit_url(case, "strength", elsewhere)).status_code == 404
    assert client.get(add_url(case, "no-such-kind")).status_code == 404


def test_danger_statement_round_trip(client, case, worker):
    client.force_login(worker)
    response = client.post(
        add_url(case, "statements"),
        {
            "who_is_worried": "Nursery and the social worker",
            "adult_behaviour": "Mum has been too drunk to collect Kian three times",
            "feared_for_child": "Kian will be hurt or lost",
            "statement": "",
            "family_view": "disagrees",
            "family_words": "It happened once.",
            "dispute": "Mum says it was only once, in January.",
        },
    )
    assert response.status_code == 302
    statement = DangerStatement.objects.get(case=case)
    assert statement.statement.startswith("Nursery and the social worker are worried that")
    assert statement.dispute == "Mum says it was only once, in January."


@override_settings(SAFETYMAP_DANGER_STATEMENT_SOFT_LIMIT=1, SAFETYMAP_DANGER_STATEMENT_HARD_LIMIT=2)
def test_statement_limits_warn_then_stop(client, case, worker):
    client.force_login(worker)
    DangerStatementFactory(case=case)
    assert "Most maps need one to 1" in client.get(add_url(case, "statements")).content.decode()
    DangerStatementFactory(case=case)
    page = client.get(add_url(case, "statements")).content.decode()
    assert (
        "the most allowed" in page
        and '<form method="post" novalidate class="app-record-form"' not in page
    )
    response = client.post(
        add_url(case, "statements"),
        {
            "who_is_worried": "a",
            "adult_behaviour": "b",
            "feared_for_child": "c",
            "family_view": "not_asked",
        },
    )
    assert response.status_code == 400 and "the most allowed" in response.content.decode()
    assert DangerStatement.objects.filter(case=case).count() == 2


def test_goal_is_paired_with_a_statement_of_this_case(client, case, worker):
    client.force_login(worker)
    assert "Write a danger statement first" in client.get(add_url(case, "goals")).content.decode()
    statement = DangerStatementFactory(case=case)
    other = DangerStatementFactory()
    post = {
        "adults_will": "Mum will collect Kian on time, sober, every day",
        "child_will_experience": "Kian will know who is picking him up",
        "who_will_see": "Nursery",
        "how_long": "three months",
        "kind": "family",
        "status": "draft",
    }
    bad = client.post(add_url(case, "goals"), {**post, "danger_statement": str(other.uuid)})
    assert bad.status_code == 400 and not SafetyGoal.objects.exists()
    page = client.get(f"{add_url(case, 'goals')}?statement={statement.uuid}").content.decode()
    assert re.search(rf'value="{statement.uuid}"[^>]* checked', page)
    assert (
        client.post(
            add_url(case, "goals"), {**post, "danger_statement": str(statement.uuid)}
        ).status_code
        == 302
    )
    goal = SafetyGoal.objects.get()
    assert (
        goal.danger_statement == statement
        and "Nursery will see this happening for three months." in goal.statement
    )


def test_next_step_with_goal_and_date(client, case, worker):
    goal = SafetyGoalFactory(danger_statement__case=case)
    client.force_login(worker)
    response = client.post(
        add_url(case, "next-steps"),
        {
            "action": "Ring Aunt Lisa",
            "owner": "Sam",
            "goal": str(goal.uuid),
            **date_fields("due_on", TODAY),
        },
    )
    assert response.status_code == 302
    assert NextStep.objects.get().goal == goal
    bad = client.post(
        add_url(case, "next-steps"),
        {
            "action": "x",
            "owner": "y",
            "due_on_day": "31",
            "due_on_month": "2",
            "due_on_year": "2026",
        },
    )
    assert bad.status_code == 400 and NextStep.objects.count() == 1


def test_scale_overall_and_per_statement(client, case, worker):
    statement = DangerStatementFactory(case=case)
    client.force_login(worker)
    base = {
        "rater_name": "Kian",
        "rater_role": "child",
        "reason": "Mum is happier",
        "one_point_higher": "No shouting",
        **date_fields("rated_on", TODAY),
    }
    assert client.post(add_url(case, "scales"), {**base, "score": "6"}).status_code == 302
    assert (
        client.post(
            add_url(case, "scales"), {**base, "score": "3", "danger_statement": str(statement.uuid)}
        ).status_code
        == 302
    )
    assert sorted(ScaleRating.objects.values_list("score", "danger_statement")) == [
        (3, statement.pk),
        (6, None),
    ]
    assert client.post(add_url(case, "scales"), {**base, "score": "11"}).status_code == 400


def test_edit_forms_are_filled_with_saved_values(client, case, worker):
    rating = ScaleRatingFactory(case=case, reason="Things are calmer at home")
    step = NextStepFactory(case=case, action="Visit Grandma")
    client.force_login(worker)
    assert (
        "Things are calmer at home" in client.get(edit_url(case, "scales", rating)).content.decode()
    )
    assert "Visit Grandma" in client.get(edit_url(case, "next-steps", step)).content.decode()


def test_reader_cannot_change_anything(client, case, reader):
    item = MapItemFactory(case=case)
    client.force_login(reader)
    assert client.get(add_url(case, "strength")).status_code == 403
    assert client.post(add_url(case, "strength"), ITEM_POSTS["strength"]).status_code == 403
    assert (
        client.post(edit_url(case, "strength", item), {"text": "x", "version": 1}).status_code
        == 403
    )
    assert client.post(remove_url(case, "strength", item), {"version": 1}).status_code == 403
    assert MapItem.objects.get().text == item.text and MapItem.objects.get().removed_at is None


def test_stranger_gets_not_found_everywhere(client, case, stranger):
    item = MapItemFactory(case=case)
    client.force_login(stranger)
    for url in (
        add_url(case, "strength"),
        edit_url(case, "strength", item),
        remove_url(case, "strength", item),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"text": "x", "version": 1}).status_code == 404
    assert not AccessEvent.objects.exists()


def test_removing_a_statement_with_goals_explains_why_not(client, case, worker):
    goal = SafetyGoalFactory(danger_statement__case=case)
    client.force_login(worker)
    response = client.post(remove_url(case, "statements", goal.danger_statement), {"version": 1})
    assert (
        response.status_code == 400
        and "goals paired with this statement" in response.content.decode()
    )


def test_signed_out_visitors_are_sent_to_sign_in(client, case):
    item = MapItemFactory(case=case)
    for url in (
        add_url(case, "strength"),
        edit_url(case, "strength", item),
        remove_url(case, "strength", item),
    ):
        response = client.post(url, {"text": "x", "version": 1})
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert MapItem.objects.get().text == item.text


def test_after_a_refused_stale_save_saving_again_goes_through(client, case, worker):
    statement = DangerStatementFactory(case=case)
    url = edit_url(case, "statements", statement)
    client.force_login(worker)
    parts = {
        "who_is_worried": statement.who_is_worried,
        "adult_behaviour": statement.adult_behaviour,
        "feared_for_child": statement.feared_for_child,
        "family_view": "not_asked",
    }
    client.post(url, {**parts, "statement": "First person's words", "version": 1})
    refused = client.post(url, {**parts, "statement": "Second person's words", "version": 1})
    page = refused.content.decode()
    assert refused.status_code == 400 and "Someone else changed this" in page
    assert 'name="version" value="2"' in page and "Second person&#x27;s words" in page
    assert (
        client.post(url, {**parts, "statement": "Second person's words", "version": 2}).status_code
        == 302
    )
    statement.refresh_from_db()
    assert statement.statement == "Second person's words"
