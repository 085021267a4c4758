"""A team with its manager and an allocated worker; helpers that give a case the records
each figure looks at. Rows are made with the factories or the owning app's models: these
tests are about what the dashboard reads, not how the other apps write."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

import pytest
from django.utils import timezone

from safetymap.accounts.models import Role, Team, User
from safetymap.cases.models import Case
from safetymap.child_voice.models import Session, SessionKind
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    PersonFactory,
    ScaleRatingFactory,
    TeamFactory,
    UserFactory,
)


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def team(db: Any) -> Team:
    return cast(Team, TeamFactory(name="Child Protection Team A"))


@pytest.fixture
def manager(team: Team) -> User:
    return cast(User, UserFactory(team=team, role=Role.TEAM_MANAGER, username="daniel.hughes"))


@pytest.fixture
def worker(team: Team) -> User:
    return cast(
        User, UserFactory(team=team, username="jess.morgan", first_name="Jess", last_name="Morgan")
    )


@pytest.fixture
def make_case(team: Team, worker: User) -> Callable[..., Case]:
    """An open case in the team, allocated to the worker."""

    def make(first_name: str = "Kian", **kwargs: Any) -> Case:
        kwargs.setdefault("team", team)
        case = cast(
            Case,
            CaseFactory(child=PersonFactory(first_name=first_name, last_name="Doyle"), **kwargs),
        )
        AllocationFactory(case=case, worker=worker)
        return case

    return make


@pytest.fixture
def rate(today: datetime.date) -> Callable[..., None]:
    """The worker's overall scales on a case, oldest first, a week apart up to today."""

    def add(case: Case, *scores: float) -> None:
        for weeks_ago, score in zip(range(len(scores) - 1, -1, -1), scores, strict=True):
            ScaleRatingFactory(
                case=case,
                score=Decimal(str(score)),
                rated_on=today - datetime.timedelta(weeks=weeks_ago),
            )

    return add


@pytest.fixture
def hear(worker: User) -> Callable[[Case, datetime.date], Session]:
    """A child's voice session held on a day."""

    def add(case: Case, held_on: datetime.date) -> Session:
        return Session.objects.create(
            case=case, kind=SessionKind.THREE_HOUSES, held_on=held_on, worker=worker
        )

    return add
