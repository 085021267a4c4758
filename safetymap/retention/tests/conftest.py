"""Cases closed long ago, with everything a real case holds, for the retention tests."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.services import access_record, audit_creation
from safetymap.cases.models import ServiceLevelChange
from safetymap.mapping.models import CaseMap, MapVersion
from safetymap.retention.selectors import add_years
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    DangerStatementFactory,
    MapItemFactory,
    NextStepFactory,
    PersonFactory,
    SafetyGoalFactory,
    ScaleRatingFactory,
    UserFactory,
)

TODAY = timezone.localdate()


def years_ago(years, *, days=0):
    return add_years(TODAY, -years) - datetime.timedelta(days=days)


def level_history(case, *levels):
    """Record the case's service levels in order (the first is the level it opened at)."""
    day = case.opened_on
    previous = ""
    for level in levels:
        ServiceLevelChange.objects.create(
            case=case, from_level=previous, to_level=level, changed_on=day, reason="Review"
        )
        previous = level
        day += datetime.timedelta(days=30)
    case.service_level = previous
    case.save(update_fields=["service_level"])


def closed_case(*, closed_years_ago: int = 40, born_years_ago: int = 50, levels=("early_help",)):
    """A case closed long ago, with its level history."""
    closed = years_ago(closed_years_ago)
    case = CaseFactory(
        child=PersonFactory(date_of_birth=years_ago(born_years_ago)),
        opened_on=closed - datetime.timedelta(days=400),
        closed_on=closed,
    )
    level_history(case, *levels)
    return case


def fill_case(case, *, mother=None):
    """Everything a case holds: people, allocations, the map, versions, its audit trail."""
    worker = AllocationFactory(case=case, worker__team=case.team).worker
    member = CaseMemberFactory(case=case, **({"person": mother} if mother else {}))
    grandad = CaseMemberFactory(case=case, relationship="grandparent")
    statement = DangerStatementFactory(case=case)
    goal = SafetyGoalFactory(danger_statement=statement)
    NextStepFactory(case=case, goal=goal)
    MapItemFactory(case=case)
    MapItemFactory(case=case, part="harm", text="Bruise seen on the child's arm")
    ScaleRatingFactory(case=case, danger_statement=statement, person=member.person)
    CaseMap.objects.create(case=case, last_changed_by=worker)
    MapVersion.objects.create(
        case=case, number=1, occasion="visit", service_level=case.service_level, snapshot={}
    )
    audit_creation(actor=worker, target=case.child, fields=["first_name"], case_uuid=None)
    audit_creation(actor=worker, target=member, fields=["notes"], case_uuid=case.uuid)
    access_record(actor=worker, case_uuid=case.uuid, what="Map", basis="allocated worker")
    return {"worker": worker, "member": member, "grandad": grandad}


def table_counts():
    """Rows in every table of the project."""
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
    }


_defaults = importlib.import_module("safetymap.retention.migrations.0002_default_rules")


@pytest.fixture(autouse=True)
def default_schedule(request):
    """The schedule the data migration loads. A transactional test elsewhere (browser tests)
    empties every table afterwards, data migrations' rows too: put them back if so."""
    uses_database = {"db", "transactional_db"} & set(request.fixturenames)
    if uses_database or request.node.get_closest_marker("django_db"):
        _defaults.load_defaults(apps, None)


@pytest.fixture
def admin(db):
    return UserFactory(
        role=Role.COUNCIL_ADMINISTRATOR, team=None, first_name="Nadia", last_name="Okafor"
    )


@pytest.fixture
def second_admin(db):
    return UserFactory(
        role=Role.COUNCIL_ADMINISTRATOR, team=None, first_name="Tom", last_name="Reyes"
    )
