"""The case journey's services: chronology entries and their corrections, closing and
reopening a case, and the chronology every app feeds."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AuditEvent
from safetymap.cases import services
from safetymap.cases.chronology import ENTRIES, ChronologyFilters, case_chronology
from safetymap.cases.models import CaseClosure, ChronologyEntry, ClosureReason, ServiceLevel
from safetymap.cases.policies import can_close_case, can_edit_case, can_reopen_case
from safetymap.core.versioning import StaleEditError
from tests.factories import AllocationFactory, CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def case():
    return CaseFactory(opened_on=TODAY - 200 * DAY)


@pytest.fixture
def worker(case):
    return AllocationFactory(case=case, worker__team=case.team, started_on=TODAY - 100 * DAY).worker


@pytest.fixture
def manager(case):
    return UserFactory(team=case.team, role=Role.TEAM_MANAGER)


def add_entry(case, worker, **changes):
    values = {
        "happened_on": TODAY - 3 * DAY,
        "category": "home_visit",
        "what_happened": "Visited Kian at home. Mum said: “he sleeps better since Nan moved in.”",
        "significance": "Kian has an adult at home every night now.",
        **changes,
    }
    return services.chronology_entry_add(actor=worker, case=case, **values)


def close(case, manager, **changes):
    values = {
        "expected_version": case.version,
        "closed_on": TODAY - 2 * DAY,
        "reason": ClosureReason.NEEDS_MET,
        "reason_words": "The safety plan held for six months and the network checks every day.",
        **changes,
    }
    return services.case_close(actor=manager, case=case, **values)


# --- Entries and corrections ----------------------------------------------------------------


def test_an_entry_is_recorded_with_who_wrote_it_and_audited(case, worker):
    entry = add_entry(case, worker)
    assert entry.recorded_by == worker and entry.corrects is None
    event = AuditEvent.objects.get(object_uuid=entry.uuid)
    assert event.case_uuid == case.uuid and event.actor == worker


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"what_happened": "  "}, "Enter what happened."),
        ({"significance": ""}, "Enter what it means for the child."),
        ({"happened_on": TODAY + DAY}, "today or in the past"),
    ],
)
def test_a_bad_entry_is_refused_and_nothing_saved(case, worker, changes, message):
    with pytest.raises(ValidationError, match=message):
        add_entry(case, worker, **changes)
    assert not ChronologyEntry.objects.exists()


def test_someone_who_may_only_read_cannot_add(case):
    reader = UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)
    with pytest.raises(PermissionDenied):
        add_entry(case, reader)


def test_a_correction_is_a_new_entry_pointing_to_the_old_one_which_is_kept(case, worker):
    entry = add_entry(case, worker)
    correction = services.chronology_entry_correct(
        actor=worker,
        entry=entry,
        happened_on=TODAY - 4 * DAY,
        category="home_visit",
        what_happened="Visited Kian at Nan's house.",
        significance="Kian has an adult at home every night now.",
        correction_reason="The visit was at Nan's house, not Mum's.",
    )
    entry.refresh_from_db()
    assert correction.corrects == entry and entry.correction == correction
    assert entry.what_happened.startswith("Visited Kian at home")  # never edited
    assert ChronologyEntry.objects.count() == 2


def test_an_entry_is_corrected_once_then_its_correction_is(case, worker):
    entry = add_entry(case, worker)
    values = {
        "happened_on": TODAY,
        "category": "phone_call",
        "what_happened": "Called Mum.",
        "significance": "Mum agreed to the network meeting.",
        "correction_reason": "It was a call, not a visit.",
    }
    first = services.chronology_entry_correct(actor=worker, entry=entry, **values)
    with pytest.raises(ValidationError, match="already corrected"):
        services.chronology_entry_correct(actor=worker, entry=entry, **values)
    second = services.chronology_entry_correct(actor=worker, entry=first, **values)
    assert second.corrects == first


def test_a_correction_needs_a_reason(case, worker):
    entry = add_entry(case, worker)
    with pytest.raises(ValidationError, match="what was wrong"):
        services.chronology_entry_correct(
            actor=worker,
            entry=entry,
            happened_on=TODAY,
            category="home_visit",
            what_happened="x",
            significance="y",
            correction_reason=" ",
        )


# --- Closing and reopening ------------------------------------------------------------------


def test_closing_ends_allocations_sets_closed_on_and_records_the_closure(case, worker, manager):
    closed = close(case, manager)
    assert closed.closed_on == TODAY - 2 * DAY
    allocation = case.allocations.get()
    assert allocation.ended_on == TODAY - 2 * DAY
    closure = CaseClosure.objects.get(case=case)
    assert closure.reason == ClosureReason.NEEDS_MET and closure.closed_by == manager
    assert closure.census_code == "RC7"
    assert not can_edit_case(worker, closed) and not can_edit_case(manager, closed)
    assert AuditEvent.objects.filter(object_uuid=allocation.uuid, action="update").exists()


def test_only_a_manager_of_the_team_or_above_closes(case, worker):
    assert not can_close_case(worker, case)
    with pytest.raises(PermissionDenied):
        close(case, worker)
    above = UserFactory(team=TeamFactory(), role=Role.TEAM_MANAGER)
    case.team.parent = above.team
    case.team.save()
    assert can_close_case(above, case)
    elsewhere = UserFactory(team=TeamFactory(), role=Role.TEAM_MANAGER)
    assert not can_close_case(elsewhere, case)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason_words": " "}, "Say why"),
        ({"closed_on": TODAY + DAY}, "today or in the past"),
        ({"closed_on": TODAY - 400 * DAY}, "on or after"),
    ],
)
def test_a_bad_closure_changes_nothing(case, worker, manager, changes, message):
    with pytest.raises(ValidationError, match=message):
        close(case, manager, **changes)
    case.refresh_from_db()
    assert case.closed_on is None and not CaseClosure.objects.exists()
    assert case.allocations.get().ended_on is None


def test_a_stale_closure_is_refused(case, manager):
    with pytest.raises(StaleEditError):
        close(case, manager, expected_version=case.version + 1)


def test_reopening_keeps_history_records_why_and_reallocates(case, worker, manager):
    add_entry(case, worker)
    closed = close(case, manager)
    assert can_reopen_case(manager, closed)
    reopened = services.case_reopen(
        actor=manager,
        case=closed,
        expected_version=closed.version,
        reopened_on=TODAY,
        reason="School rang: Kian came in with a bruise on his arm.",
        workers=[worker],
    )
    assert reopened.closed_on is None
    closure = CaseClosure.objects.get(case=case)
    assert closure.reopened_on == TODAY and closure.reopened_by == manager
    assert case.allocations.filter(ended_on__isnull=True, worker=worker).count() == 1
    assert ChronologyEntry.objects.filter(case=case).count() == 1
    assert can_edit_case(worker, reopened)


def test_a_case_cannot_reopen_before_it_closed_or_when_open(case, manager):
    with pytest.raises(PermissionDenied):  # open: nothing to reopen
        services.case_reopen(
            actor=manager, case=case, expected_version=None, reopened_on=TODAY, reason="x"
        )
    closed = close(case, manager)
    with pytest.raises(ValidationError, match="on or after"):
        services.case_reopen(
            actor=manager,
            case=closed,
            expected_version=None,
            reopened_on=TODAY - 10 * DAY,
            reason="x",
        )


def test_closing_again_after_reopening_counts_from_the_latest_closure(case, manager):
    closed = close(case, manager, closed_on=TODAY - 50 * DAY)
    reopened = services.case_reopen(
        actor=manager, case=closed, expected_version=None, reopened_on=TODAY - 20 * DAY, reason="x"
    )
    with pytest.raises(ValidationError, match="last opened"):
        close(reopened, manager, closed_on=TODAY - 30 * DAY, expected_version=None)
    again = close(reopened, manager, closed_on=TODAY - DAY, expected_version=None)
    assert again.closed_on == TODAY - DAY
    assert list(case.closures.values_list("closed_on", flat=True)) == [
        TODAY - 50 * DAY,
        TODAY - DAY,
    ]


# --- The chronology -------------------------------------------------------------------------


def test_the_chronology_shows_opening_steps_closure_reopening_and_entries(case, worker, manager):
    services.case_change_service_level(
        actor=worker,
        case=case,
        expected_version=None,
        to_level=ServiceLevel.CHILD_IN_NEED,
        changed_on=TODAY - 10 * DAY,
        reason="The plan held.",
    )
    add_entry(case, worker)
    closed = close(case, manager, expected_version=None)
    services.case_reopen(
        actor=manager, case=closed, expected_version=None, reopened_on=TODAY, reason="New worry"
    )
    rows = case_chronology(case, ChronologyFilters(newest_first=False))
    summaries = [row.event.summary for row in rows]
    assert "Step down from child protection to child in need" in summaries
    assert "Home visit" in summaries
    assert "Case closed: Plan ended: the child's needs are met" in summaries
    assert summaries[-1] == "Case reopened"
    dates = [row.happened_on for row in rows]
    assert dates == sorted(dates)


def test_filters_by_kind_dates_and_words(case, worker):
    add_entry(case, worker, happened_on=TODAY - 30 * DAY, what_happened="Called the school.")
    add_entry(case, worker, happened_on=TODAY - 2 * DAY, what_happened="Saw Kian with Nan.")
    services.case_change_service_level(
        actor=worker,
        case=case,
        expected_version=None,
        to_level=ServiceLevel.CHILD_IN_NEED,
        changed_on=TODAY - DAY,
        reason="Conference ended the plan.",
    )

    def summaries(**filters):
        return [row.event.detail for row in case_chronology(case, ChronologyFilters(**filters))]

    assert summaries(kinds=(ENTRIES,)) == ["Saw Kian with Nan.", "Called the school."]
    assert summaries(kinds=(ENTRIES,), newest_first=False)[0] == "Called the school."
    assert summaries(date_from=TODAY - 3 * DAY, date_to=TODAY - 2 * DAY) == ["Saw Kian with Nan."]
    assert summaries(words="SCHOOL called") == ["Called the school."]
    assert summaries(words="conference") == ["Conference ended the plan."]
