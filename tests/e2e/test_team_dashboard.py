"""A team manager opens the team dashboard from the header, follows a figure to the cases
behind it and opens one of them; the dashboard and the figure's page pass axe-core."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import cast

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safetymap.accounts.models import Role, Team, User
from safetymap.cases.models import Case, ServiceLevel
from tests.e2e.test_map_journey import sign_in
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    NextStepFactory,
    PersonFactory,
    ScaleRatingFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _case(team: Team, worker: User, first: str, last: str, level: str) -> Case:
    case = cast(
        Case,
        CaseFactory(
            team=team,
            service_level=level,
            child=PersonFactory(first_name=first, last_name=last),
        ),
    )
    AllocationFactory(case=case, worker=worker)
    return case


def _scales(case: Case, *scores: int) -> None:
    today = timezone.localdate()
    for weeks_ago, score in zip(range(len(scores) - 1, -1, -1), scores, strict=True):
        ScaleRatingFactory(
            case=case, score=Decimal(score), rated_on=today - datetime.timedelta(weeks=weeks_ago)
        )


def test_manager_follows_a_figure_to_a_case(
    page: Page, assert_accessible: Callable[[Page], None]
) -> None:
    team = cast(Team, TeamFactory(name="Child Protection Team A"))
    UserFactory(team=team, role=Role.TEAM_MANAGER, username="daniel.hughes")
    worker = cast(User, UserFactory(team=team, first_name="Jess", last_name="Morgan"))
    kian = _case(team, worker, "Kian", "Doyle", ServiceLevel.CHILD_PROTECTION)
    _scales(kian, 3, 5, 6, 3)
    NextStepFactory(
        case=kian,
        action="Dad to book his first appointment at the alcohol service",
        owner="Dad",
        due_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    amira = _case(team, worker, "Amira", "Hassan", ServiceLevel.CHILD_IN_NEED)
    _scales(amira, 4, 6)

    sign_in(page, "daniel.hughes")
    page.get_by_role("link", name="Team dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Child Protection Team A")
    expect(page.locator("#figure-next-steps-overdue")).to_contain_text(
        "1 child has an overdue next step."
    )
    expect(page.locator("#figure-scale-dropped")).to_contain_text(
        "1 child has an overall scale 2 or more points lower"
    )
    # Worst first: Kian's 3 (down from 6) above Amira's 6 (up from 4).
    rows = page.locator("tbody tr").filter(
        has=page.get_by_role("link", name=re.compile("Doyle|Hassan"))
    )
    expect(rows.first).to_contain_text("down from 6")
    expect(rows.last).to_contain_text("up from 4")
    expect(page.get_by_role("img", name=re.compile("oldest first: 3, 5, 6, 3"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Next steps overdue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Next steps overdue")
    expect(page.get_by_role("link", name="Kian Doyle")).to_be_visible()
    expect(page.get_by_role("link", name="Amira Hassan")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Kian Doyle").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kian Doyle")
    assert_accessible(page)
