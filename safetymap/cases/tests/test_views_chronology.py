"""The chronology pages, and closing and reopening a case, in the browser's terms: who may
open them, what they show, and what they record."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases import services
from safetymap.cases.models import ChronologyEntry, ClosureReason, ServiceLevel
from safetymap.cases.views_chronology import EXPORT_EVENT, PRINT_EVENT
from tests.factories import AllocationFactory, CaseFactory, UserFactory
from tests.populated import populate_case

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def case():
    return CaseFactory(opened_on=TODAY - 300 * DAY)


@pytest.fixture
def worker(case):
    return AllocationFactory(case=case, worker__team=case.team, started_on=TODAY - 300 * DAY).worker


@pytest.fixture
def manager(case):
    return UserFactory(team=case.team, role=Role.TEAM_MANAGER)


@pytest.fixture
def reader(case):
    return UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)


@pytest.fixture
def stranger(db):
    return UserFactory()


def url(name, case, **kwargs):
    return reverse(f"cases:{name}", kwargs={"case_uuid": case.uuid, **kwargs})


def entry_data(**changes):
    day = changes.pop("day", TODAY - 2 * DAY)
    return {
        "happened_on_day": day.day,
        "happened_on_month": day.month,
        "happened_on_year": day.year,
        "category": "home_visit",
        "what_happened": "Saw Kian at home with Mum. Kian showed me his new bike.",
        "significance": "Kian is relaxed at home when Mum's partner is not there.",
        **changes,
    }


def add_entry(case, worker, **changes):
    values = {
        "happened_on": TODAY - 5 * DAY,
        "category": "phone_call",
        "what_happened": "School rang: Kian was late three days this week.",
        "significance": "Mornings are still hard at home.",
        **changes,
    }
    return services.chronology_entry_add(actor=worker, case=case, **values)


# --- Who may open the pages -----------------------------------------------------------------

PAGES = ("chronology", "chronology_add", "chronology_export", "chronology_print")


@pytest.mark.parametrize("name", PAGES)
def test_an_unrelated_user_gets_404(client, case, stranger, name):
    client.force_login(stranger)
    assert client.get(url(name, case)).status_code == 404


def test_a_partner_with_a_share_does_not_see_the_chronology(client, case, worker):
    partner = UserFactory(team=None, role=Role.PARTNER_PROFESSIONAL)
    services.case_share_add(actor=worker, case=case, partner=partner)
    client.force_login(partner)
    for name in PAGES:
        assert client.get(url(name, case)).status_code == 404
    overview = client.get(url("case", case)).content.decode()
    assert url("chronology", case) not in overview


def test_a_reader_sees_the_chronology_but_cannot_add_or_correct(client, case, worker, reader):
    entry = add_entry(case, worker)
    client.force_login(reader)
    page = client.get(url("chronology", case)).content.decode()
    assert "School rang" in page and "Add an entry" not in page and "Correct this" not in page
    assert client.get(url("chronology_add", case)).status_code == 403
    assert client.post(url("chronology_add", case), entry_data()).status_code == 403
    correct = url("chronology_correct", case, chronology_entry_uuid=entry.uuid)
    assert client.post(correct, entry_data(correction_reason="x")).status_code == 403
    assert ChronologyEntry.objects.count() == 1


def test_an_entry_of_another_case_is_404(client, case, worker):
    other = CaseFactory(team=case.team)
    entry = add_entry(other, worker)
    client.force_login(worker)
    assert (
        client.get(url("chronology_entry", case, chronology_entry_uuid=entry.uuid)).status_code
        == 404
    )
    assert (
        client.get(url("chronology_correct", case, chronology_entry_uuid=entry.uuid)).status_code
        == 404
    )


# --- Adding and correcting --------------------------------------------------------------------


def test_a_worker_adds_an_entry_and_sees_it(client, case, worker):
    client.force_login(worker)
    response = client.post(url("chronology_add", case), entry_data())
    assert response.status_code == 302
    entry = ChronologyEntry.objects.get()
    assert entry.recorded_by == worker and entry.case == case
    page = client.get(url("chronology", case)).content.decode()
    assert "Kian showed me his new bike." in page
    assert AccessEvent.objects.filter(what="Add to the chronology").exists()


def test_a_bad_entry_shows_the_errors_and_saves_nothing(client, case, worker):
    client.force_login(worker)
    response = client.post(url("chronology_add", case), entry_data(what_happened=""))
    assert response.status_code == 200
    assert "Enter what happened" in response.content.decode()
    assert not ChronologyEntry.objects.exists()


def test_correcting_adds_a_new_entry_and_marks_the_old_one(client, case, worker):
    entry = add_entry(case, worker)
    client.force_login(worker)
    page = client.get(
        url("chronology_correct", case, chronology_entry_uuid=entry.uuid)
    ).content.decode()
    assert "School rang" in page  # the form starts from the entry's words
    response = client.post(
        url("chronology_correct", case, chronology_entry_uuid=entry.uuid),
        entry_data(
            category="phone_call",
            what_happened="School rang: Kian was late twice this week.",
            correction_reason="It was twice, not three times.",
        ),
    )
    correction = ChronologyEntry.objects.get(corrects=entry)
    assert response.url == url("chronology_entry", case, chronology_entry_uuid=correction.uuid)
    page = client.get(url("chronology", case)).content.decode()
    assert "Corrected" in page and "late three days" in page and "late twice" in page
    assert url("chronology_entry", case, chronology_entry_uuid=correction.uuid) in page
    detail = client.get(
        url("chronology_entry", case, chronology_entry_uuid=entry.uuid)
    ).content.decode()
    assert "This entry was corrected" in detail
    # Correcting it again goes to the correction instead.
    again = client.get(url("chronology_correct", case, chronology_entry_uuid=entry.uuid))
    assert again.url == url("chronology_entry", case, chronology_entry_uuid=correction.uuid)


# --- Filters, export, print -------------------------------------------------------------------


def test_filters_order_and_pagination(client, case, worker):
    for number in range(30):
        add_entry(
            case, worker, happened_on=TODAY - (number + 1) * DAY, what_happened=f"Note {number}"
        )
    client.force_login(worker)
    first = client.get(url("chronology", case), {"kinds": "entries"}).content.decode()
    assert "Showing 1 to 25 of 30 events" in first and "Note 0<" in first
    oldest = client.get(url("chronology", case), {"kinds": "entries", "order": "oldest"})
    assert "Note 29<" in oldest.content.decode()
    words = client.get(url("chronology", case), {"words": "note 17"}).content.decode()
    assert "1 event" in words and "matching the filters" in words
    day = TODAY - 3 * DAY
    dated = client.get(
        url("chronology", case),
        {"date_from_day": day.day, "date_from_month": day.month, "date_from_year": day.year,
         "date_to_day": day.day, "date_to_month": day.month, "date_to_year": day.year},
    )  # fmt: skip
    assert "Note 2<" in dated.content.decode() and "Note 3<" not in dated.content.decode()
    bad = client.get(
        url("chronology", case),
        {"date_from_day": 5, "date_from_month": 5, "date_from_year": TODAY.year,
         "date_to_day": 1, "date_to_month": 5, "date_to_year": TODAY.year},
    )  # fmt: skip
    assert "must be the same as or after" in bad.content.decode()


def test_the_csv_export_follows_the_filters_neutralises_formulas_and_is_recorded(
    client, case, worker
):
    add_entry(case, worker, what_happened='=HYPERLINK("http://evil")')
    add_entry(case, worker, what_happened="Visited Nan", category="home_visit")
    client.force_login(worker)
    response = client.get(url("chronology_export", case), {"words": "hyperlink"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Date" and len(rows) == 2
    assert rows[1][3].startswith("'=HYPERLINK")
    assert AccessEvent.objects.filter(what=EXPORT_EVENT, actor=worker, case_uuid=case.uuid).exists()


def test_the_print_shows_every_row_and_is_recorded(client, case, worker):
    for number in range(30):
        add_entry(case, worker, what_happened=f"Note {number}")
    client.force_login(worker)
    page = client.get(url("chronology_print", case)).content.decode()
    assert "Note 0<" in page and "Note 29<" in page and "Official – sensitive" in page
    assert AccessEvent.objects.filter(what=PRINT_EVENT, actor=worker).exists()


def test_the_page_costs_the_same_queries_for_a_small_and_a_large_case(client, case, worker):
    # Both cases hold one of every kind of record (an empty list skips its prefetch query);
    # the large one holds many more chronology entries and steps.
    small = CaseFactory(team=case.team)
    AllocationFactory(case=small, worker=worker)
    populate_case(small, worker)
    populate_case(case, worker)
    for number in range(40):
        entry = add_entry(case, worker, what_happened=f"Note {number}")
        if number % 5 == 0:
            services.chronology_entry_correct(
                actor=worker, entry=entry, happened_on=TODAY, category="other",
                what_happened="Corrected", significance="s", correction_reason="r",
            )  # fmt: skip
    for level in (ServiceLevel.CHILD_IN_NEED, ServiceLevel.CHILD_PROTECTION):
        services.case_change_service_level(
            actor=worker, case=case, expected_version=None, to_level=level,
            changed_on=TODAY, reason="Conference",
        )  # fmt: skip
    client.force_login(worker)
    for name in ("chronology", "chronology_print", "chronology_export"):
        with CaptureQueriesContext(connection) as few:
            assert client.get(url(name, small)).status_code == 200
        with CaptureQueriesContext(connection) as many:
            assert client.get(url(name, case)).status_code == 200
        assert len(many) == len(few), name


# --- Closing and reopening -------------------------------------------------------------------


def close_data(case, **changes):
    return {
        "closed_on_day": TODAY.day,
        "closed_on_month": TODAY.month,
        "closed_on_year": TODAY.year,
        "reason": ClosureReason.NO_FURTHER_ACTION,
        "reason_words": "The assessment found Kian is safe with Mum and Nan.",
        "version": case.version,
        **changes,
    }


def test_only_a_manager_sees_and_uses_close(client, case, worker, manager, reader, stranger):
    client.force_login(worker)
    assert "Close the case" not in client.get(url("case", case)).content.decode()
    assert client.get(url("case_close", case)).status_code == 403
    assert client.post(url("case_close", case), close_data(case)).status_code == 403
    client.force_login(reader)
    assert client.post(url("case_close", case), close_data(case)).status_code == 403
    client.force_login(stranger)
    assert client.get(url("case_close", case)).status_code == 404
    case.refresh_from_db()
    assert case.closed_on is None
    client.force_login(manager)
    assert "Close the case" in client.get(url("case", case)).content.decode()


def test_a_manager_closes_then_the_case_is_read_only_and_reopens(client, case, worker, manager):
    client.force_login(manager)
    response = client.post(url("case_close", case), close_data(case))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.closed_on == TODAY
    client.force_login(worker)  # a colleague in the team still reads it
    overview = client.get(url("case", case)).content.decode()
    assert "This case closed on" in overview and "No further action after assessment" in overview
    assert client.get(url("chronology_add", case)).status_code == 403
    assert client.get(url("service_level", case)).status_code == 403
    assert client.get(url("case_reopen", case)).status_code == 403
    client.force_login(manager)
    page = client.get(url("case_reopen", case)).content.decode()
    assert worker.display_name in page  # can be allocated again
    response = client.post(
        url("case_reopen", case),
        {
            "reopened_on_day": TODAY.day,
            "reopened_on_month": TODAY.month,
            "reopened_on_year": TODAY.year,
            "reason": "Police called: a fight at home last night.",
            "workers": [str(worker.uuid)],
            "version": case.version,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.closed_on is None
    assert case.allocations.filter(worker=worker, ended_on__isnull=True).exists()
    chronology = client.get(url("chronology", case)).content.decode()
    assert "Case reopened" in chronology and "Police called" in chronology


def test_a_stale_close_is_refused_with_a_clear_message(client, case, manager):
    client.force_login(manager)
    response = client.post(url("case_close", case), close_data(case, version=case.version + 5))
    assert response.status_code == 200
    assert "Someone else changed this" in response.content.decode()
    case.refresh_from_db()
    assert case.closed_on is None


def test_closing_a_closed_case_or_reopening_an_open_one_says_so(client, case, manager):
    client.force_login(manager)
    assert client.get(url("case_reopen", case)).status_code == 302
    client.post(url("case_close", case), close_data(case))
    assert client.get(url("case_close", case)).status_code == 302
