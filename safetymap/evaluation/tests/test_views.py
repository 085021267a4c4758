"""The dashboard pages: who may see them (404 for everyone else), what they show, the
access events they record, restricted records, sorting, paging and a fixed query count."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases import registry
from safetymap.cases.registry import TeamFigure
from safetymap.cases.services import case_restrict
from tests.factories import NextStepFactory, TeamFactory, UserFactory
from tests.twofactor import login_verified

pytestmark = pytest.mark.django_db


def dashboard_url(team):
    return reverse("evaluation:dashboard", kwargs={"team_uuid": team.uuid})


def figure_url(team, key):
    return reverse("evaluation:figure", kwargs={"team_uuid": team.uuid, "figure_key": key})


def signed_in(user):
    client = Client()
    login_verified(client, user)
    return client


def page_text(response):
    return response.content.decode()


# --- Who may see it ----------------------------------------------------------------------------


def test_a_manager_is_taken_to_their_own_teams_dashboard(manager, team):
    response = signed_in(manager).get(reverse("evaluation:home"))
    assert response.status_code == 302
    assert response["Location"] == dashboard_url(team)


def test_the_header_offers_the_dashboard_to_team_managers_only(manager, worker):
    assert "Team dashboard" in page_text(signed_in(manager).get(reverse("cases:my_cases")))
    assert "Team dashboard" not in page_text(signed_in(worker).get(reverse("cases:my_cases")))


@pytest.mark.parametrize(
    "role", [Role.PRACTITIONER, Role.BUSINESS_SUPPORT, Role.COUNCIL_ADMINISTRATOR]
)
def test_anyone_who_is_not_a_team_manager_gets_not_found(team, make_case, role):
    make_case()
    client = signed_in(UserFactory(team=team, role=role))
    assert client.get(reverse("evaluation:home")).status_code == 404
    assert client.get(dashboard_url(team)).status_code == 404
    assert client.get(figure_url(team, "next-steps-overdue")).status_code == 404


def test_another_teams_manager_gets_not_found(team, make_case):
    make_case()
    other = UserFactory(team=TeamFactory(), role=Role.TEAM_MANAGER)
    client = signed_in(other)
    assert client.get(dashboard_url(team)).status_code == 404
    assert client.get(figure_url(team, "next-steps-overdue")).status_code == 404
    assert not AccessEvent.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(team):
    response = Client().get(dashboard_url(team))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_unknown_figure_is_not_found(manager, team):
    assert signed_in(manager).get(figure_url(team, "made-up")).status_code == 404


def test_a_manager_of_several_teams_chooses_the_team(make_case, worker):
    service = TeamFactory(name="Children's Social Care")
    team_a = TeamFactory(name="Team A", parent=service)
    team_b = TeamFactory(name="Team B", parent=service)
    make_case("Amir", team=team_a)
    make_case("Bella", team=team_b)
    head = UserFactory(team=service, role=Role.TEAM_MANAGER)
    client = signed_in(head)

    whole_service = page_text(client.get(dashboard_url(service)))
    assert "Amir" in whole_service and "Bella" in whole_service
    assert 'name="team"' in whole_service  # the team chooser

    chosen = client.get(reverse("evaluation:home"), {"team": str(team_b.uuid)})
    assert chosen["Location"] == dashboard_url(team_b)
    just_b = page_text(client.get(dashboard_url(team_b)))
    assert "Bella" in just_b and "Amir" not in just_b
    # A team manager of Team A cannot see Team B, nor the service above.
    manager_a = signed_in(UserFactory(team=team_a, role=Role.TEAM_MANAGER))
    assert manager_a.get(dashboard_url(team_b)).status_code == 404
    assert manager_a.get(dashboard_url(service)).status_code == 404
    assert 'name="team"' not in page_text(manager_a.get(dashboard_url(team_a)))


# --- What it shows -----------------------------------------------------------------------------


def test_figures_say_what_they_mean_and_link_to_the_cases_behind_them(
    manager, team, make_case, today
):
    late = make_case("Late")
    make_case("OnTime")
    NextStepFactory(case=late, due_on=today - datetime.timedelta(days=4))

    text = page_text(signed_in(manager).get(dashboard_url(team)))
    assert "1 child has an overdue next step." in text
    assert figure_url(team, "next-steps-overdue") in text
    assert "No children have an overall scale 2 or more points lower" in text
    assert figure_url(team, "scale-dropped") not in text  # nothing behind a zero

    behind = signed_in(manager).get(figure_url(team, "next-steps-overdue"))
    assert behind.status_code == 200
    listed = [row.case.child.first_name for row in behind.context["rows"]]
    assert listed == ["Late"]
    assert "1 child has an overdue next step." in page_text(behind)


def test_every_registered_figure_shows_even_one_the_dashboard_does_not_own(
    manager, team, make_case, monkeypatch
):
    make_case("Amir")
    meetings = TeamFigure("meetings-overdue", "Meetings overdue or missing", lambda c, d: c, 20)
    monkeypatch.setattr(registry, "_team_figures", [*registry.team_figures(), meetings])

    text = page_text(signed_in(manager).get(dashboard_url(team)))
    assert "Meetings overdue or missing: 1 child." in text
    assert signed_in(manager).get(figure_url(team, "meetings-overdue")).status_code == 200


def test_each_case_shows_its_worker_service_level_scale_trend_and_sparkline(
    manager, team, make_case, rate
):
    rate(make_case("Rising"), 3, 4, 6)
    rate(make_case("Falling"), 6, 4)
    rate(make_case("Steady"), 5, 5)
    rate(make_case("First"), 2)

    text = page_text(signed_in(manager).get(dashboard_url(team)))
    assert "up from 4" in text
    assert "down from 6" in text
    assert "steady" in text
    assert "first scale" in text
    assert "Overall scale at the last 3 ratings, oldest first: 3, 4, 6" in text
    assert "Jess Morgan" in text
    assert "Child protection" in text


def test_closed_cases_are_left_out(manager, team, make_case, today):
    make_case("Closed", closed_on=today)
    assert "Closed Doyle" not in page_text(signed_in(manager).get(dashboard_url(team)))


def test_every_child_shown_is_recorded_as_seen(manager, team, make_case):
    cases = [make_case(name) for name in ("Amir", "Bella")]
    signed_in(manager).get(dashboard_url(team))
    seen = AccessEvent.objects.filter(actor=manager)
    assert sorted(seen.values_list("case_uuid", flat=True)) == sorted(c.uuid for c in cases)
    assert {event.what for event in seen} == {"Team dashboard: Child Protection Team A"}


def test_restricted_records_stay_hidden_unless_the_manager_is_on_the_allow_list(
    manager, worker, team, make_case, today
):
    hidden = make_case("Hidden")
    NextStepFactory(case=hidden, due_on=today - datetime.timedelta(days=4))
    review = today + datetime.timedelta(days=30)
    restriction_reason = "The child's father works in the council's children's services."
    case_restrict(
        actor=manager, case=hidden, reason=restriction_reason, review_on=review, allowed=[worker]
    )
    client = signed_in(manager)

    text = page_text(client.get(dashboard_url(team)))
    assert "Hidden Doyle" not in text
    assert "No children have an overdue next step" in text
    assert client.get(figure_url(team, "next-steps-overdue")).context["rows"] == []
    assert not AccessEvent.objects.filter(actor=manager, case_uuid=hidden.uuid).exists()

    allowed = make_case("Allowed")
    case_restrict(
        actor=manager,
        case=allowed,
        reason=restriction_reason,
        review_on=review,
        allowed=[manager],
    )
    assert "Allowed Doyle" in page_text(client.get(dashboard_url(team)))


# --- Sorting, paging and cost ------------------------------------------------------------------


def listed_names(response):
    return [row.case.child.first_name for row in response.context["rows"]]


def test_worst_first_sorts_lowest_scale_or_longest_overdue(manager, team, make_case, rate, today):
    low, high, none = make_case("Low"), make_case("High"), make_case("Unscaled")
    rate(low, 2)
    rate(high, 8)
    NextStepFactory(case=high, due_on=today - datetime.timedelta(days=40))
    NextStepFactory(case=none, due_on=today - datetime.timedelta(days=3))
    client = signed_in(manager)

    assert listed_names(client.get(dashboard_url(team))) == ["Low", "High", "Unscaled"]
    by_overdue = client.get(dashboard_url(team), {"sort": "overdue"})
    assert listed_names(by_overdue) == ["High", "Unscaled", "Low"]
    by_name = client.get(dashboard_url(team), {"sort": "name"})
    assert listed_names(by_name) == ["High", "Low", "Unscaled"]


def test_the_case_list_is_paged(manager, team, make_case):
    for number in range(27):
        make_case(f"Child{number:02d}")
    client = signed_in(manager)
    first = client.get(dashboard_url(team), {"sort": "name"})
    assert len(first.context["rows"]) == 25
    assert "Showing 1 to 25 of 27 cases" in page_text(first)
    second = client.get(dashboard_url(team), {"sort": "name", "page": 2})
    assert listed_names(second) == ["Child25", "Child26"]
    assert AccessEvent.objects.filter(actor=manager).count() == 27


def _fill(make_case, rate, hear, today, count):
    for number in range(count):
        case = make_case(f"Child{number:02d}")
        rate(case, 6, 5, 3)
        NextStepFactory(case=case, due_on=today - datetime.timedelta(days=number + 1))
        hear(case, today - datetime.timedelta(days=200))


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("figure", [None, "next-steps-overdue", "scale-dropped"])
def test_a_fixed_number_of_queries_however_many_cases(
    manager, team, make_case, rate, hear, today, django_assert_num_queries, figure
):
    url = figure_url(team, figure) if figure else dashboard_url(team)
    _fill(make_case, rate, hear, today, 2)
    client = signed_in(manager)
    client.get(url)  # the session and device are cached from here on, as on any later page
    small = queries_for(client, url)

    _fill(make_case, rate, hear, today, 40)
    with django_assert_num_queries(small):
        response = client.get(url)
    assert len(response.context["rows"]) == 25


def test_sparkline_scales_are_read_in_one_query_for_the_page(manager, team, make_case, rate):
    rate(make_case("Many"), *([5] * 12))
    rows = signed_in(manager).get(dashboard_url(team)).context["rows"]
    assert rows[0].sparkline.label.endswith(": " + ", ".join(["5"] * 8))
    assert rows[0].case.latest_overall == Decimal(5)
