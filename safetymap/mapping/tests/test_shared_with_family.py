"""'Shared with the family': set on each record's form, kept in saved versions, and shown
on the map as a tag when a record is kept out of the family's documents."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from safetymap.mapping import services
from safetymap.mapping.models import MapItem, NextStep
from safetymap.mapping.picture import compare_snapshots
from safetymap.mapping.snapshot import build_snapshot
from tests.factories import DangerStatementFactory, NextStepFactory, SafetyGoalFactory

pytestmark = pytest.mark.django_db
NOT_SHARED_TAG = "Not shared with the family"


def add_url(case, kind):
    return reverse("mapping:record_add", kwargs={"case_uuid": case.uuid, "kind": kind})


def edit_url(case, kind, row):
    return reverse(
        "mapping:record_edit", kwargs={"case_uuid": case.uuid, "kind": kind, "row_uuid": row.uuid}
    )


def map_page(client, case):
    return client.get(reverse("mapping:map", kwargs={"case_uuid": case.uuid})).content.decode()


def test_records_are_shared_unless_the_worker_says_not(client, case, worker):
    client.force_login(worker)
    form = client.get(add_url(case, "complicating")).content.decode()
    assert "Is this shared with the family?" in form
    assert 'value="True" id="id_shared_with_family_0" checked' in form
    client.post(
        add_url(case, "complicating"),
        {"text": "Police are still looking into it.", "family_view": "not_asked"},
    )
    client.post(
        add_url(case, "complicating"),
        {
            "text": "A neighbour rang the police.",
            "family_view": "agrees",
            "shared_with_family": "False",
        },
    )
    shared = dict(MapItem.objects.values_list("text", "shared_with_family"))
    assert shared == {
        "Police are still looking into it.": True,
        "A neighbour rang the police.": False,
    }
    assert map_page(client, case).count(NOT_SHARED_TAG) == 1


def test_the_edit_form_shows_and_changes_the_flag(client, case, worker):
    step = NextStepFactory(case=case, shared_with_family=False)
    client.force_login(worker)
    form = client.get(edit_url(case, "next-steps", step)).content.decode()
    assert 'value="False" id="id_shared_with_family_1" checked' in form
    assert NOT_SHARED_TAG in map_page(client, case)
    day = timezone.localdate()
    client.post(
        edit_url(case, "next-steps", step),
        {"action": step.action, "owner": step.owner, "due_on_day": day.day,
         "due_on_month": day.month, "due_on_year": day.year, "shared_with_family": "True",
         "version": step.version},
    )  # fmt: skip
    assert NextStep.objects.get().shared_with_family is True
    assert NOT_SHARED_TAG not in map_page(client, case)


def test_statements_and_goals_show_the_tag(client, case, worker):
    statement = DangerStatementFactory(case=case, shared_with_family=False)
    SafetyGoalFactory(case=case, danger_statement=statement, shared_with_family=False)
    client.force_login(worker)
    assert map_page(client, case).count(NOT_SHARED_TAG) == 2


def test_versions_keep_the_flag_and_older_versions_count_as_shared(case, worker):
    item = services.map_item_add(
        actor=worker, case=case, part="strength", values={"text": "Gran visits."}
    )
    snapshot = build_snapshot(case)
    assert snapshot["items"][0]["shared_with_family"] is True
    older = {**snapshot, "items": [{k: v for k, v in snapshot["items"][0].items()
                                    if k != "shared_with_family"}]}  # fmt: skip
    assert not any(c.any for c in compare_snapshots(older, snapshot))
    services.map_item_update(
        actor=worker, item=item, expected_version=item.version, values={"shared_with_family": False}
    )
    changes = compare_snapshots(older, build_snapshot(case))[0].changed[0].fields
    assert changes == [("Shared with the family", "Yes", "No")]
