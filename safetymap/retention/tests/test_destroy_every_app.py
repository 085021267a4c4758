"""A case with something in every app (the child's voice, Words and Pictures, the safety
network, safety plans, family packs) is destroyed completely, uploaded files included,
leaving only the destruction record; a legal hold keeps all of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from safetymap.cases.models import Case
from safetymap.retention import services
from safetymap.retention.models import DestructionRecord
from tests.authz.world import make_allocation
from tests.populated import populate_case

from .conftest import closed_case, table_counts

pytestmark = pytest.mark.django_db

NEW_APPS = ("child_voice", "words_pictures", "networks", "safety_plans", "packs", "meetings")


def due_case_in_every_app() -> Case:
    """A case long closed and due for destruction, filled while it was open (most writes
    refuse a closed case)."""
    case = closed_case(closed_years_ago=40, levels=("child_protection",))
    Case.objects.filter(pk=case.pk).update(closed_on=None)
    case.refresh_from_db()
    worker = make_allocation(case=case, worker__team=case.team).worker
    populate_case(case, worker)
    Case.objects.filter(pk=case.pk).update(closed_on=case.opened_on.replace(year=1986))
    return case


def new_app_rows() -> dict[str, int]:
    return {
        table: count
        for table, count in table_counts().items()
        if count and table.split(".")[0] in NEW_APPS
    }


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def destroy_what_is_due(admin):
    batch = services.batch_propose(actor=None)
    batch = services.batch_approve(actor=admin, batch=batch, expected_version=batch.version)
    return batch, services.batch_destroy


def test_a_case_in_every_app_is_destroyed_with_its_files(
    admin, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    case = due_case_in_every_app()
    held = new_app_rows()
    assert {table.split(".")[0] for table in held} == set(NEW_APPS)
    assert stored_files(tmp_path)  # the drawing, the document, the pack's PDF...

    batch, destroy = destroy_what_is_due(admin)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = destroy(batch=batch, actor=None)

    assert [record.case_reference for record in outcome.destroyed] == [case.reference]
    assert not Case.objects.filter(pk=case.pk).exists()
    assert new_app_rows() == {}
    assert stored_files(tmp_path) == []
    counts = DestructionRecord.objects.get().counts
    assert {table: counts.get(table) for table in held} == held


def test_a_legal_hold_keeps_every_apps_records(admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = due_case_in_every_app()
    held, files = new_app_rows(), stored_files(tmp_path)
    batch, destroy = destroy_what_is_due(admin)
    services.legal_hold_place(actor=admin, case=case, reason="Claim against the council")

    outcome = destroy(batch=batch, actor=None)

    assert outcome.skipped == [(case.reference, "Kept: the case is on legal hold.")]
    assert new_app_rows() == held
    assert stored_files(tmp_path) == files
    assert not DestructionRecord.objects.exists()
