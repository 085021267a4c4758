"""Notification emails: off by default; when on, each due notification is emailed once,
saying only that there is a reminder, its kind and a link."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from safetymap.audit.models import AuditEvent
from safetymap.notifications import services
from safetymap.notifications.emails import notification_emails_send
from safetymap.notifications.models import Kind, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CHILD = "Kian Marsh"


@pytest.fixture
def emails_on(settings):
    settings.SAFETYMAP_NOTIFICATION_EMAILS = True
    settings.SAFETYMAP_SITE_URL = "https://safetymap.eastbrook.example.gov.uk"
    return settings


def send(user, *, days=0, key=""):
    return services.notification_send(
        actor=None,
        recipients=[user],
        kind=Kind.NEXT_STEP_DUE,
        text=f"A next step for {CHILD} (SM-100200) is due: visit Nan",
        link="/cases/",
        key=key,
        show_from=timezone.now() + datetime.timedelta(days=days),
    )


def test_nothing_is_emailed_by_default(django_capture_on_commit_callbacks):
    user = UserFactory(email="sam.okafor@eastbrook.example.gov.uk")
    with django_capture_on_commit_callbacks(execute=True):
        send(user)
    assert notification_emails_send() == 0
    call_command("send_due_notification_emails")
    assert mail.outbox == []


def test_a_notification_due_now_is_emailed_once_without_the_childs_name(
    emails_on, django_capture_on_commit_callbacks
):
    user = UserFactory(email="sam.okafor@eastbrook.example.gov.uk")
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = send(user)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam.okafor@eastbrook.example.gov.uk"]
    assert "You have a reminder in SafetyMap: https://safetymap.eastbrook" in message.body
    assert "Next step due" in message.body and "Next step due" in message.subject
    assert CHILD not in message.body + message.subject and "SM-100200" not in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert AuditEvent.objects.filter(object_uuid=notification.uuid, action="update").exists()
    call_command("send_due_notification_emails")
    assert len(mail.outbox) == 1


def test_a_scheduled_reminder_waits_for_the_job_when_it_is_due(
    emails_on, django_capture_on_commit_callbacks
):
    user = UserFactory(email="sam.okafor@eastbrook.example.gov.uk")
    with django_capture_on_commit_callbacks(execute=True):
        (later,) = send(user, days=2)
    call_command("send_due_notification_emails")
    assert mail.outbox == []
    Notification.objects.filter(pk=later.pk).update(show_from=timezone.now())
    call_command("send_due_notification_emails")
    assert len(mail.outbox) == 1


def test_withdrawn_read_and_addressless_notifications_are_not_emailed(emails_on):
    user = UserFactory(email="sam.okafor@eastbrook.example.gov.uk")
    nobody = UserFactory(email="")
    for recipient in (user, nobody):
        Notification.objects.create(recipient=recipient, kind=Kind.NEXT_STEP_DUE, text="x")
    read = Notification.objects.get(recipient=user)
    read.read_at = timezone.now()
    read.save()
    withdrawn = Notification.objects.create(
        recipient=user, kind=Kind.NEXT_STEP_DUE, text="y", key="k"
    )
    services.notification_withdraw(actor=None, key="k")
    assert notification_emails_send() == 0
    withdrawn.refresh_from_db()
    assert withdrawn.emailed_at is None
