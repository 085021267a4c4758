"""`retention_review` lists what is due and changes nothing unless told to propose;
`retention_destroy` destroys only an approved list."""

from __future__ import annotations

import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from safetymap.cases.models import Case
from safetymap.retention import services
from safetymap.retention.models import BatchStatus, DestructionBatch, DestructionRecord

from .conftest import closed_case, fill_case, table_counts

pytestmark = pytest.mark.django_db


def run(*args, **options):
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def due_case(db):
    case = closed_case(closed_years_ago=40, levels=("child_protection", "early_help"))
    fill_case(case)
    return case


def test_dry_run_lists_what_is_due_and_changes_nothing(due_case, admin):
    held = closed_case(closed_years_ago=40, levels=("child_protection",))
    services.legal_hold_place(actor=admin, case=held, reason="Inquiry")
    closed_case(closed_years_ago=3, levels=("child_protection",))  # not due
    before = table_counts()

    for output in (run("retention_review"), run("retention_review", dry_run=True)):
        assert due_case.reference in output
        assert due_case.child.full_name in output
        assert "Child protection case" in output
        assert "kept 35 years after the case closed" in output
        assert "Due but kept on legal hold: 1" in output and held.reference in output
        assert "Dry run: nothing changed. With --propose, 1 case would be put" in output

    assert table_counts() == before


def test_propose_makes_a_list_waiting_for_approval_and_destroys_nothing(due_case):
    before = Case.objects.count()
    output = run("retention_review", propose=True)
    batch = DestructionBatch.objects.get()
    assert str(batch.uuid) in output and "must approve it" in output
    assert batch.status == BatchStatus.PROPOSED and batch.proposed_by is None
    item = batch.items.get()
    assert (item.case, item.case_reference, item.rule.record_type) == (
        due_case, due_case.reference, "child_protection",
    )  # fmt: skip
    assert item.due_on is not None and "once a child protection case" in item.why
    assert Case.objects.count() == before

    # Run again: the case is already on a list waiting for approval, so no second list.
    output = run("retention_review", propose=True)
    assert "already on list" in output and "Nothing new to propose" in output
    assert DestructionBatch.objects.count() == 1


def test_nothing_due_makes_no_list(db):
    closed_case(closed_years_ago=2, levels=("child_protection",))
    output = run("retention_review", propose=True)
    assert "No cases are due." in output
    assert not DestructionBatch.objects.exists()


def test_dry_run_and_propose_cannot_be_combined(db):
    with pytest.raises(CommandError):
        call_command("retention_review", "--dry-run", "--propose")


def test_destroy_command_destroys_an_approved_list(due_case, admin):
    run("retention_review", propose=True)
    batch = DestructionBatch.objects.get()
    with pytest.raises(CommandError, match="only an approved list"):
        run("retention_destroy", batch=str(batch.uuid))
    assert Case.objects.filter(pk=due_case.pk).exists()

    services.batch_approve(actor=admin, batch=batch, expected_version=batch.version)
    output = run("retention_destroy", batch=str(batch.uuid))
    assert f"{due_case.reference}: destroyed" in output
    assert "1 case(s) destroyed, 0 kept." in output
    assert not Case.objects.filter(pk=due_case.pk).exists()
    record = DestructionRecord.objects.get()
    assert record.destroyed_by is None and record.approved_by == admin

    # Running it again does nothing more.
    with pytest.raises(CommandError, match="destroyed"):
        run("retention_destroy", batch=str(batch.uuid))


def test_destroy_command_refuses_unknown_lists(db):
    with pytest.raises(CommandError, match="no destruction list"):
        run("retention_destroy", batch=str(uuid.uuid4()))
    with pytest.raises(CommandError, match="not a destruction list id"):
        run("retention_destroy", batch="42")


def test_retention_demo_adds_two_due_cases_and_one_on_hold(admin):
    from safetymap.retention import selectors
    from tests.factories import UserFactory

    with pytest.raises(CommandError, match="not a demo database"):
        run("retention_demo")
    worker = UserFactory(username="practitioner", is_demo=True)
    output = run("retention_demo")
    review = selectors.review()
    due = {a.case.child.full_name: a.rule.record_type for a in review.due}
    assert due == {"Darren Whitlock": "child_protection", "Lorraine Ashby": "child_in_need"}
    assert [a.case.child.full_name for a in review.held] == ["Gary Pennock"]
    darren = Case.objects.get(child__last_name="Whitlock")
    assert darren.service_level == "early_help" and darren.team == worker.team
    assert [c.to_level for c in darren.level_changes.all()] == [
        "early_help", "child_protection", "early_help",
    ]  # fmt: skip
    assert darren.reference in output
    assert "already there" in run("retention_demo")
    assert Case.objects.count() == 3
