"""The map page: who may open it, what it shows, and that it costs the same for any size."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safetymap.audit.models import AccessEvent
from safetymap.mapping.models import NextStep
from tests.factories import (
    DangerStatementFactory,
    MapItemFactory,
    NextStepFactory,
    SafetyGoalFactory,
    ScaleRatingFactory,
)

pytestmark = pytest.mark.django_db


def map_url(case):
    return reverse("mapping:map", kwargs={"case_uuid": case.uuid})


def test_signed_out_visitors_are_sent_to_sign_in(client, case):
    response = client.get(map_url(case))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_unrelated_user_gets_page_not_found(client, case, stranger):
    client.force_login(stranger)
    assert client.get(map_url(case)).status_code == 404
    assert not AccessEvent.objects.exists()


def test_map_shows_three_columns_and_records_the_view(client, case, worker):
    MapItemFactory(
        case=case, part="harm", text="Kian had a bruise on his cheek", how_we_know="seen"
    )
    MapItemFactory(case=case, part="strength", text="Kian loves his nursery")
    statement = DangerStatementFactory(case=case)
    SafetyGoalFactory(danger_statement=statement, statement="Mum and Dad will keep calm at home.")
    NextStepFactory(
        case=case,
        action="Book the family network meeting",
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    ScaleRatingFactory(case=case, rater_name="Mum", rater_role="parent", score=7)
    client.force_login(worker)
    response = client.get(map_url(case))
    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "What are we worried about?", "What&#x27;s working well?", "What needs to happen?",
        "Kian had a bruise on his cheek", "Seen by a worker", "Kian loves his nursery",
        statement.statement, "Mum and Dad will keep calm at home.",
        "Book the family network meeting",
        "Overdue", "Mum 7",
    ):  # fmt: skip
        assert text in page, text
    assert AccessEvent.objects.filter(actor=worker, case_uuid=case.uuid, what="The map").exists()


def test_readers_see_no_edit_links(client, case, reader):
    MapItemFactory(case=case)
    client.force_login(reader)
    page = client.get(map_url(case)).content.decode()
    assert "/edit/" not in page and "Add a scale" not in page


def test_labels_follow_the_service_level(client, case, worker):
    case.service_level = "early_help"
    case.save()
    client.force_login(worker)
    page = client.get(map_url(case)).content.decode()
    assert "Worry statements" in page and "Wellbeing goals" in page


def test_marking_a_step_done(client, case, worker, reader):
    step = NextStepFactory(case=case)
    url = reverse("mapping:step_done", kwargs={"case_uuid": case.uuid, "row_uuid": step.uuid})
    client.force_login(reader)
    assert client.post(url, {"version": 1}).status_code == 403
    client.force_login(worker)
    client.post(url, {"version": 1, "done": "1"})
    assert NextStep.objects.get(pk=step.pk).done_on == timezone.localdate()
    response = client.post(url, {"version": 1, "done": "0"}, follow=True)
    assert "Someone else changed this" in response.content.decode()
    assert NextStep.objects.get(pk=step.pk).done_on == timezone.localdate()


def test_compose_endpoints_write_the_sentence(client, worker):
    client.force_login(worker)
    response = client.post(
        reverse("mapping:compose_statement"),
        {
            "who_is_worried": "Nursery",
            "adult_behaviour": "Kian is collected late and hungry",
            "feared_for_child": "he will go without food",
        },
    )
    assert response.content.decode() == (
        "Nursery is worried that Kian is collected late and hungry. "
        "If nothing changes, they worry that he will go without food."
    )
    response = client.post(
        reverse("mapping:compose_goal"), {"adults_will": "Mum will collect Kian on time"}
    )
    assert response.content.decode() == "Mum will collect Kian on time."


def test_compose_needs_sign_in(client):
    assert client.post(reverse("mapping:compose_goal"), {}).status_code == 302


def _fill(case, size):
    for _ in range(size):
        MapItemFactory(case=case, part="harm")
        MapItemFactory(case=case)
        statement = DangerStatementFactory(case=case)
        goal = SafetyGoalFactory(danger_statement=statement)
        NextStepFactory(case=case, goal=goal)
        ScaleRatingFactory(case=case, danger_statement=statement)
        ScaleRatingFactory(case=case)


def test_map_page_costs_the_same_for_a_small_and_a_large_case(client, case, worker):
    client.force_login(worker)
    _fill(case, 1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(map_url(case)).status_code == 200
    _fill(case, 8)
    with CaptureQueriesContext(connection) as large:
        assert client.get(map_url(case)).status_code == 200
    assert len(small) == len(large)
