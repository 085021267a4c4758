"""Notifications: sent by other apps through the service, shown to their recipient only,
counted in the header, marked as read; every change audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safetymap.audit.models import AuditEvent
from safetymap.notifications import selectors, services
from safetymap.notifications.models import Kind, Notification
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def send(user, text="Sam Okafor used emergency access.", **kwargs):
    return services.notification_send(
        actor=None,
        recipients=[user],
        kind=kwargs.pop("kind", Kind.BREAK_GLASS),
        text=text,
        link=kwargs.pop("link", "/team-cases/"),
        **kwargs,
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Services and selectors --------------------------------------------------------------------


def test_sending_writes_one_notification_per_person_with_an_audit_event():
    first, second = UserFactory(), UserFactory()
    gone = UserFactory(is_active=False)
    case = CaseFactory()
    sent = services.notification_send(
        actor=first,
        recipients=[first, second, second, gone],
        kind=Kind.SHARED,
        text="A record was shared with you.",
        case_uuid=case.uuid,
    )
    assert {n.recipient for n in sent} == {first, second}
    events = AuditEvent.objects.filter(object_type="notifications.notification")
    assert events.count() == 2
    assert {e.case_uuid for e in events} == {case.uuid}
    assert events.first().changes["text"]["new"] == "A record was shared with you."


def test_a_key_stops_the_same_reminder_being_sent_twice_and_lets_it_be_withdrawn():
    user = UserFactory()
    assert len(send(user, key="restriction-review:1")) == 1
    assert send(user, key="restriction-review:1") == []
    assert services.notification_withdraw(actor=None, key="restriction-review:1") == 1
    assert not selectors.notifications_for(user).exists()
    # Once withdrawn, the same key may be sent again.
    assert len(send(user, key="restriction-review:1")) == 1


def test_withdrawing_leaves_read_notifications_alone():
    user = UserFactory()
    (read,) = send(user, key="k")
    services.notification_mark_read(actor=user, notification=read)
    assert services.notification_withdraw(actor=None, key="k") == 0
    assert selectors.notifications_for(user).get() == read


def test_a_scheduled_notification_is_not_shown_or_counted_before_its_time():
    user = UserFactory()
    send(user, show_from=timezone.now() + datetime.timedelta(days=3))
    assert selectors.unread_count(user) == 0
    Notification.objects.update(show_from=timezone.now() - datetime.timedelta(seconds=1))
    assert selectors.unread_count(user) == 1


def test_only_the_recipient_can_mark_a_notification_read():
    owner, other = UserFactory(), UserFactory()
    (notification,) = send(owner)
    with pytest.raises(PermissionDenied):
        services.notification_mark_read(actor=other, notification=notification)
    services.notification_mark_read(actor=owner, notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert AuditEvent.objects.filter(summary="Notification read", actor=owner).count() == 1
    # Again is harmless and writes nothing more.
    services.notification_mark_read(actor=owner, notification=notification)
    assert AuditEvent.objects.filter(summary="Notification read").count() == 1


def test_mark_all_read_marks_only_those_shown_now():
    user = UserFactory()
    send(user)
    send(user)
    send(user, show_from=timezone.now() + datetime.timedelta(days=1))
    send(UserFactory())
    assert services.notification_mark_all_read(actor=user) == 2
    assert Notification.objects.filter(read_at__isnull=True).count() == 2


# --- Pages ------------------------------------------------------------------------------------


def test_the_header_shows_the_unread_count():
    user = UserFactory()
    client = signed_in(user)
    html = client.get(reverse("notifications:list")).content.decode()
    assert ">Notifications</a>" in html
    send(user)
    send(user)
    html = client.get(reverse("cases:my_cases")).content.decode()
    assert (
        "Notifications <strong" in html and '2<span class="govuk-visually-hidden"> unread' in html
    )
    assert Client().get(reverse("accounts:login")).content.decode().count("Notifications") == 0


def test_the_list_shows_only_your_own_notifications_newest_first():
    user, other = UserFactory(), UserFactory()
    send(user, text="Older message")
    Notification.objects.update(show_from=timezone.now() - datetime.timedelta(hours=1))
    send(user, text="Newer message")
    send(other, text="Someone else's message")
    response = signed_in(user).get(reverse("notifications:list"))
    html = response.content.decode()
    assert html.index("Newer message") < html.index("Older message")
    assert "Someone else" not in html
    assert "You have 2 unread notifications" in html


def test_opening_marks_read_and_follows_the_link():
    user = UserFactory()
    (notification,) = send(user, link="/team-cases/")
    client = signed_in(user)
    open_url = reverse("notifications:open", kwargs={"notification_uuid": notification.uuid})
    assert client.get(open_url).status_code == 405  # only a form post changes anything
    response = client.post(open_url)
    assert response.status_code == 302 and response.url == "/team-cases/"
    notification.refresh_from_db()
    assert notification.is_read


def test_a_link_off_the_site_is_never_followed():
    user = UserFactory()
    (notification,) = send(user, link="https://evil.example/phish")
    response = signed_in(user).post(
        reverse("notifications:open", kwargs={"notification_uuid": notification.uuid})
    )
    assert response.url == reverse("notifications:list")


def test_someone_elses_notification_is_404():
    (notification,) = send(UserFactory())
    client = signed_in(UserFactory())
    for name in ("notifications:open", "notifications:read"):
        url = reverse(name, kwargs={"notification_uuid": notification.uuid})
        assert client.post(url).status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_mark_as_read_and_mark_all_as_read():
    user = UserFactory()
    (first,) = send(user)
    send(user)
    client = signed_in(user)
    response = client.post(reverse("notifications:read", kwargs={"notification_uuid": first.uuid}))
    assert response.status_code == 302
    assert selectors.unread_count(user) == 1
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "1 notification marked as read." in response.content.decode()
    assert selectors.unread_count(user) == 0
    assert "Mark all as read" not in response.content.decode()


def test_sign_in_is_required():
    (notification,) = send(UserFactory())
    for method, url in (
        ("get", reverse("notifications:list")),
        ("post", reverse("notifications:read_all")),
        ("post", reverse("notifications:open", kwargs={"notification_uuid": notification.uuid})),
    ):
        response = getattr(Client(), method)(url)
        assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_text_is_escaped():
    user = UserFactory()
    send(user, text="<script>alert(1)</script> used emergency access")
    html = signed_in(user).get(reverse("notifications:list")).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
