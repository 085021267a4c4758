"""The data migration that keeps what existing shares opened when sharing became item by item:
every current map item, statement, goal and next step, and the scales; never documents, and
nothing for shares that have ended."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AuditEvent
from safetymap.cases.models import CaseShare, SharedItem
from tests.factories import (
    CaseFactory,
    DangerStatementFactory,
    MapItemFactory,
    NextStepFactory,
    SafetyGoalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

migration: Any = importlib.import_module("safetymap.cases.migrations.0004_share_existing_map_items")


def _share(case: Any, **fields: Any) -> CaseShare:
    partner: Any = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)
    worker: Any = UserFactory(team=case.team)
    return CaseShare.objects.create(case=case, partner=partner, shared_by=worker, **fields)


def test_existing_shares_keep_the_whole_map():
    case: Any = CaseFactory()
    item = MapItemFactory(case=case)
    removed = MapItemFactory(case=case, removed_at=timezone.now())
    statement = DangerStatementFactory(case=case)
    goal = SafetyGoalFactory(danger_statement=statement)
    step = NextStepFactory(case=case)
    current = _share(case)
    ended = _share(case, ended_at=timezone.now())

    migration.share_current_map(apps, None)

    kept = {(i.kind, i.object_uuid) for i in SharedItem.objects.filter(share=current)}
    assert kept == {
        ("map_item", item.uuid),
        ("danger_statement", statement.uuid),
        ("safety_goal", goal.uuid),
        ("next_step", step.uuid),
        ("scales", case.uuid),
    }
    assert ("map_item", removed.uuid) not in kept
    assert not SharedItem.objects.filter(share=ended).exists()
    assert all(i.shared_by == current.shared_by for i in SharedItem.objects.all())
    assert AuditEvent.objects.filter(object_type="cases.shareditem").count() == len(kept)
