import datetime

import pytest
from django.utils import timezone

from safetymap.mapping.tests import conftest as map_fixtures
from safetymap.meetings import services
from safetymap.meetings.models import MeetingType

# The same case and people as the map's tests: an allocated worker, a reader, a stranger.
case = map_fixtures.case
worker = map_fixtures.worker
reader = map_fixtures.reader
stranger = map_fixtures.stranger


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def plan(worker):
    """Plan a meeting on a case (an initial conference next week unless told otherwise)."""

    def make(case, **values):
        return services.meeting_plan(
            actor=worker,
            case=case,
            values={
                "kind": MeetingType.INITIAL_CONFERENCE,
                "held_on": in_days(7),
                "starts_at": datetime.time(10, 0),
                "place": "Eastbrook Civic Centre, room 2",
                "chair": worker,
                **values,
            },
        )

    return make


@pytest.fixture
def meeting(case, plan):
    return plan(case)
