"""The demo council's case journey: chronology entries (one corrected), closures with
reasons, one case reopened, and reminders of next steps due."""

from __future__ import annotations

import pytest

from safetymap.cases.models import CaseClosure, ChronologyEntry
from safetymap.demo.generator import seed
from safetymap.demo.journey import add_journey
from safetymap.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


def test_entries_closures_a_reopening_and_reminders() -> None:
    result = seed(families=12, seed_value=7)
    made = add_journey(result.cases, seed_value=7)
    assert made["entries"] == ChronologyEntry.objects.filter(corrects__isnull=True).count() > 10
    assert made["closed"] == 3
    closures = list(CaseClosure.objects.order_by("closed_on"))
    assert len({closure.reason for closure in closures}) == 3
    reopened = [closure for closure in closures if closure.reopened_on]
    assert len(reopened) == 1 and reopened[0].case.closed_on is None
    assert reopened[0].case.allocations.filter(ended_on__isnull=True).exists()
    assert sum(1 for closure in closures if closure.case.closed_on) == 2
    assert Notification.objects.filter(kind=Kind.NEXT_STEP_DUE).exists()
    assert ChronologyEntry.objects.filter(corrects__isnull=False).exists()
    # Every entry names the child and carer: no placeholder is left unfilled.
    texts = sorted(ChronologyEntry.objects.values_list("what_happened", flat=True))
    assert all("{" not in text for text in texts)
