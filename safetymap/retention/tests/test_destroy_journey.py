"""The case journey and retention: a case's chronology and closures go with it, and the
retention period counts from the latest closure (a reopened case is open again)."""

from __future__ import annotations

import datetime

import pytest

from safetymap.accounts.models import Role
from safetymap.cases import services as case_services
from safetymap.cases.models import Case
from safetymap.retention.selectors import State, add_years, assess_one
from tests.factories import AllocationFactory, CaseFactory, UserFactory

from .conftest import TODAY, table_counts
from .test_destroy_every_app import destroy_what_is_due, due_case_in_every_app

pytestmark = pytest.mark.django_db
JOURNEY = ("cases.chronologyentry", "cases.caseclosure")


def test_the_chronology_and_closures_are_destroyed_with_the_case(
    admin, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    case = due_case_in_every_app()
    counts = table_counts()
    assert counts["cases.chronologyentry"] == 2  # an entry and its correction
    assert counts["cases.caseclosure"] == 1
    batch, destroy = destroy_what_is_due(admin)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = destroy(batch=batch, actor=None)
    assert [record.case_reference for record in outcome.destroyed] == [case.reference]
    after = table_counts()
    assert all(after[table] == 0 for table in JOURNEY)


def test_retention_counts_from_the_latest_closure(admin):
    case = CaseFactory(opened_on=TODAY - datetime.timedelta(days=900))
    manager = UserFactory(team=case.team, role=Role.TEAM_MANAGER)
    AllocationFactory(case=case, worker__team=case.team)
    first = TODAY - datetime.timedelta(days=600)
    case = case_services.case_close(
        actor=manager, case=case, expected_version=None, closed_on=first, reason="needs_met",
        reason_words="The plan held",
    )  # fmt: skip
    # A child protection case is kept 35 years from its closure.
    assert assess_one(case, today=TODAY).due_on == add_years(first, 35)
    case = case_services.case_reopen(
        actor=manager, case=case, expected_version=None,
        reopened_on=TODAY - datetime.timedelta(days=300), reason="A new referral from school",
    )  # fmt: skip
    assert assess_one(case, today=TODAY).state == State.OPEN
    case = case_services.case_close(
        actor=manager, case=case, expected_version=None, closed_on=TODAY, reason="moved_away",
        reason_words="The family moved to Leeds",
    )  # fmt: skip
    assert assess_one(Case.objects.get(pk=case.pk), today=TODAY).due_on == add_years(TODAY, 35)
