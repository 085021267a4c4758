"""My cases and Team cases: who sees which children, the map's columns, access events, cost."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases.models import ServiceLevel
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    NextStepFactory,
    PersonFactory,
    ScaleRatingFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
# The map's state, looked up by name: `cases` (tests included) must not import `mapping`.
CaseMap = apps.get_model("mapping", "CaseMap")
TODAY = timezone.localdate()
MY_CASES = reverse("cases:my_cases")
TEAM_CASES = reverse("cases:team_cases")


@pytest.fixture
def team():
    return TeamFactory(name="Northfield child protection team")


@pytest.fixture
def worker(team):
    return UserFactory(team=team, first_name="Priya", last_name="Shah")


def allocated_case(worker, first_name, **kwargs):
    child = PersonFactory(first_name=first_name, last_name="Morgan")
    case = CaseFactory(team=worker.team, child=child, **kwargs)
    AllocationFactory(case=case, worker=worker)
    return case


def case_url(case):
    return reverse("cases:case", kwargs={"case_uuid": case.uuid})


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


# --- Sign-in and who sees what ---------------------------------------------------------------


@pytest.mark.parametrize("url", [MY_CASES, TEAM_CASES])
def test_sign_in_is_required(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_my_cases_shows_only_the_users_open_allocated_cases(client, team, worker):
    mine = allocated_case(worker, "Kian")
    colleague = UserFactory(team=team)
    not_shown = [
        allocated_case(colleague, "Amira"),  # same team, not mine
        allocated_case(UserFactory(), "Tyler"),  # another team
        allocated_case(worker, "Leon"),  # handed over
        allocated_case(worker, "Maisie", closed_on=TODAY),  # closed
    ]
    not_shown[2].allocations.update(ended_on=TODAY - datetime.timedelta(days=3))

    client.force_login(worker)
    page = client.get(MY_CASES).content.decode()

    assert "Kian Morgan" in page and case_url(mine) in page
    for case in not_shown:
        assert case_url(case) not in page and case.child.full_name not in page
    assert mine.reference in page
    assert "Child protection" in page


def test_my_cases_records_an_access_event_for_every_child_shown(client, worker):
    cases = [allocated_case(worker, name) for name in ("Kian", "Amira", "Jayden")]
    client.force_login(worker)
    client.get(MY_CASES)
    events = AccessEvent.objects.filter(actor=worker)
    assert sorted(e.case_uuid for e in events) == sorted(c.uuid for c in cases)
    assert {(e.what, e.basis) for e in events} == {("My cases list", "allocated worker")}


def test_empty_state_in_plain_words(client, worker):
    client.force_login(worker)
    page = client.get(MY_CASES).content.decode()
    assert "You have no open cases allocated to you." in page
    assert not AccessEvent.objects.exists()


def test_lists_are_paginated_and_only_the_page_shown_is_recorded(client, worker):
    for number in range(30):
        allocated_case(worker, f"Child{number:02d}")
    client.force_login(worker)

    first = client.get(MY_CASES).content.decode()
    assert first.count('class="govuk-table__row"') == 25 + 1  # rows and the header row
    assert "Showing 1 to 25 of 30 cases" in first
    assert 'class="govuk-pagination"' in first
    assert AccessEvent.objects.count() == 25

    second = client.get(MY_CASES, {"page": 2}).content.decode()
    assert second.count('class="govuk-table__row"') == 5 + 1
    assert AccessEvent.objects.count() == 30


def test_filter_by_service_level_works_without_javascript(client, worker):
    allocated_case(worker, "Kian", service_level=ServiceLevel.EARLY_HELP)
    allocated_case(worker, "Amira", service_level=ServiceLevel.CHILD_PROTECTION)
    client.force_login(worker)

    page = client.get(MY_CASES, {"level": "early_help"}).content.decode()
    assert "Kian Morgan" in page and "Amira Morgan" not in page
    assert AccessEvent.objects.count() == 1

    none = client.get(MY_CASES, {"level": "looked_after"}).content.decode()
    assert "There are no open cases at this service level." in none

    # An unknown level is ignored rather than an error.
    assert client.get(MY_CASES, {"level": "nonsense"}).status_code == 200


# --- The map's columns -------------------------------------------------------------------------


def row_for(page, case):
    """The table row of this case."""
    start = page.index(case_url(case))
    return page[start : page.index("</tr>", start)]


def test_scale_trend_and_next_steps_are_filled_from_ratings_and_steps(client, worker):
    rising = allocated_case(worker, "Kian")
    ScaleRatingFactory(case=rising, score=3, rated_on=TODAY - datetime.timedelta(days=40))
    ScaleRatingFactory(case=rising, score=5, rated_on=TODAY - datetime.timedelta(days=2))
    NextStepFactory(case=rising, due_on=TODAY - datetime.timedelta(days=3))
    NextStepFactory(case=rising, due_on=TODAY - datetime.timedelta(days=1))
    NextStepFactory(case=rising, due_on=TODAY + datetime.timedelta(days=2))
    NextStepFactory(case=rising, due_on=TODAY - datetime.timedelta(days=9), done_on=TODAY)
    CaseMap.objects.create(case=rising, last_changed_at=timezone.now())

    falling = allocated_case(worker, "Amira")
    ScaleRatingFactory(case=falling, score=6, rated_on=TODAY - datetime.timedelta(days=20))
    ScaleRatingFactory(case=falling, score="2.5", rated_on=TODAY - datetime.timedelta(days=1))
    NextStepFactory(case=falling, due_on=TODAY + datetime.timedelta(days=30))
    CaseMap.objects.create(
        case=falling,
        last_changed_at=timezone.make_aware(datetime.datetime(2025, 3, 3, 14, 15)),
    )

    steady = allocated_case(worker, "Jayden")
    ScaleRatingFactory(case=steady, score=4, rated_on=TODAY - datetime.timedelta(days=20))
    ScaleRatingFactory(case=steady, score=4, rated_on=TODAY - datetime.timedelta(days=1))

    first = allocated_case(worker, "Leon")
    ScaleRatingFactory(case=first, score=7)

    unscaled = allocated_case(worker, "Maisie")

    client.force_login(worker)
    page = client.get(MY_CASES).content.decode()
    for header in ("Overall scale", "Next steps", "Map last changed"):
        assert header in page

    kian = row_for(page, rising)
    assert "up from 3" in kian and ">5<" in kian
    assert "2 overdue" in kian and "govuk-tag--red" in kian
    assert "1 due within a week" in kian
    assert "Today at" in kian

    amira = row_for(page, falling)
    assert "down from 6" in amira and ">2.5<" in amira
    assert "None due" in amira and "overdue" not in amira
    assert "3 March 2025" in amira

    assert "no change" in row_for(page, steady)
    assert "first scale" in row_for(page, first)
    maisie = row_for(page, unscaled)
    assert "Not scaled yet" in maisie and "Not started" in maisie


def test_list_queries_do_not_grow_with_the_caseload(client, worker):
    allocated_case(worker, "Kian")
    client.force_login(worker)
    client.get(MY_CASES)  # warm up
    small = queries_for(client, MY_CASES)

    for number in range(24):
        case = allocated_case(worker, f"Child{number:02d}")
        AllocationFactory(case=case, worker=UserFactory(team=worker.team))
        ScaleRatingFactory(case=case, score=3)
        ScaleRatingFactory(case=case, score=6, rated_on=TODAY)
        NextStepFactory(case=case, due_on=TODAY - datetime.timedelta(days=1))
        CaseMemberFactory(case=case)
        CaseMap.objects.create(case=case)
    assert queries_for(client, MY_CASES) == small


def test_team_cases_queries_do_not_grow_with_the_caseload(client, team):
    manager = UserFactory(team=team, role=Role.TEAM_MANAGER)
    allocated_case(UserFactory(team=team), "Kian")
    client.force_login(manager)
    client.get(TEAM_CASES)
    small = queries_for(client, TEAM_CASES)
    for number in range(30):
        case = allocated_case(UserFactory(team=team), f"Child{number:02d}")
        ScaleRatingFactory(case=case)
        NextStepFactory(case=case)
    assert queries_for(client, TEAM_CASES) == small


# --- Team cases ---------------------------------------------------------------------------------


def test_a_team_manager_sees_and_can_open_every_case_in_their_team(client, team):
    manager = UserFactory(team=team, role=Role.TEAM_MANAGER)
    priya = UserFactory(team=team, first_name="Priya", last_name="Shah")
    kian = allocated_case(priya, "Kian")
    unallocated = CaseFactory(team=team, child=PersonFactory(first_name="Amira", last_name="Khan"))
    other_team = allocated_case(UserFactory(), "Tyler")

    client.force_login(manager)
    page = client.get(TEAM_CASES).content.decode()
    assert case_url(kian) in page and case_url(unallocated) in page
    assert case_url(other_team) not in page
    assert "Allocated to" in page and "Priya Shah" in page
    assert "Not allocated" in row_for(page, unallocated)
    events = AccessEvent.objects.filter(actor=manager, what="Team cases list")
    assert {e.case_uuid for e in events} == {kian.uuid, unallocated.uuid}
    assert {e.basis for e in events} == {"manager"}

    for case in (kian, unallocated):
        assert client.get(case_url(case)).status_code == 200
    assert client.get(case_url(other_team)).status_code == 404


def test_a_manager_of_a_parent_team_sees_the_teams_below(client, team):
    area = TeamFactory(name="Child protection service")
    team.parent = area
    team.save()
    manager = UserFactory(team=area, role=Role.TEAM_MANAGER)
    kian = allocated_case(UserFactory(team=team), "Kian")
    client.force_login(manager)
    assert case_url(kian) in client.get(TEAM_CASES).content.decode()
    assert client.get(case_url(kian)).status_code == 200


def test_a_practitioner_sees_only_their_own_teams_cases(client, team, worker):
    mine = allocated_case(worker, "Kian")
    colleagues = allocated_case(UserFactory(team=team), "Amira")
    elsewhere = allocated_case(UserFactory(), "Tyler")
    client.force_login(worker)
    page = client.get(TEAM_CASES).content.decode()
    assert case_url(mine) in page and case_url(colleagues) in page
    assert case_url(elsewhere) not in page
    bases = dict(AccessEvent.objects.filter(actor=worker).values_list("case_uuid", "basis"))
    assert bases == {mine.uuid: "allocated worker", colleagues.uuid: "team member"}
    assert client.get(case_url(elsewhere)).status_code == 404


def test_a_practitioner_from_another_team_cannot_open_a_teams_case(client, team):
    kian = allocated_case(UserFactory(team=team), "Kian")
    stranger = UserFactory()
    client.force_login(stranger)
    assert case_url(kian) not in client.get(TEAM_CASES).content.decode()
    assert client.get(case_url(kian)).status_code == 404
    assert not AccessEvent.objects.filter(actor=stranger).exists()
