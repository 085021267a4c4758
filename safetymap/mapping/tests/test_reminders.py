"""Reminders of next steps due: scheduled for the morning a step is due, to its owner when
the owner is staff (else the allocated workers), replaced when the date or owner changes,
withdrawn when the step is done or removed."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from safetymap.mapping import services
from safetymap.notifications.models import Kind, Notification
from tests.factories import AllocationFactory, CaseFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def case():
    return CaseFactory()


@pytest.fixture
def worker(case):
    return AllocationFactory(
        case=case, worker__team=case.team, worker__first_name="Priya", worker__last_name="Shah"
    ).worker


@pytest.fixture
def colleague(case):
    return UserFactory(team=case.team, first_name="Tom", last_name="Okafor")


def add_step(case, worker, *, owner="Mum", due_on=TODAY + 3 * DAY):
    return services.next_step_add(
        actor=worker,
        case=case,
        values={"action": "Ask Nan about staying over on school nights", "owner": owner,
                "due_on": due_on},
    )  # fmt: skip


def live():
    return Notification.objects.filter(kind=Kind.NEXT_STEP_DUE, withdrawn_at__isnull=True)


def test_a_step_owned_by_a_family_member_reminds_the_allocated_workers(case, worker):
    step = add_step(case, worker)
    reminder = live().get()
    assert reminder.recipient == worker
    assert step.action in reminder.text and case.reference in reminder.text
    expected = timezone.make_aware(datetime.datetime.combine(step.due_on, datetime.time(8)))
    assert reminder.show_from == expected
    assert str(step.uuid) in reminder.key


def test_a_step_owned_by_a_member_of_staff_reminds_them(case, worker, colleague):
    add_step(case, worker, owner="tom okafor")
    assert list(live().values_list("recipient", flat=True)) == [colleague.pk]


def test_a_step_due_today_shows_now(case, worker):
    add_step(case, worker, due_on=TODAY - DAY)
    assert live().get().show_from <= timezone.now()


def test_a_new_date_or_owner_replaces_the_reminder(case, worker, colleague):
    step = add_step(case, worker)
    step = services.next_step_update(
        actor=worker, step=step, expected_version=None, values={"due_on": TODAY + 10 * DAY}
    )
    assert live().get().key.endswith((TODAY + 10 * DAY).isoformat())
    services.next_step_update(
        actor=worker, step=step, expected_version=None, values={"owner": "Tom Okafor"}
    )
    assert list(live().values_list("recipient", flat=True)) == [colleague.pk]
    assert Notification.objects.filter(withdrawn_at__isnull=False).count() == 2


def test_changing_only_the_words_keeps_the_reminder(case, worker):
    step = add_step(case, worker)
    services.next_step_update(
        actor=worker, step=step, expected_version=None, values={"action": "Phone Nan"}
    )
    assert Notification.objects.count() == 1 and live().count() == 1


def test_done_or_removed_withdraws_it(case, worker):
    step = add_step(case, worker)
    step = services.next_step_set_done(
        actor=worker, step=step, expected_version=None, done_on=TODAY
    )
    assert not live().exists()
    other = add_step(case, worker)
    services.next_step_remove(actor=worker, step=other, expected_version=None)
    assert not live().exists()
