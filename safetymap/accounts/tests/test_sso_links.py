"""Council administrators link and unlink people's single sign-on subjects in the product,
after confirming it's them; the same service as `manage.py sso_link`, audited."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from safetymap.accounts import sessions
from safetymap.accounts.models import Role, User
from safetymap.accounts.reauth import REAUTH_SESSION_KEY
from safetymap.accounts.services import user_link_oidc_subject
from safetymap.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> Any:
    return UserFactory(role=Role.COUNCIL_ADMINISTRATOR, username="ig.admin")


@pytest.fixture
def jo() -> Any:
    return UserFactory(username="jo.reid", first_name="Jo", last_name="Reid")


def page(user: User) -> str:
    return reverse("accounts:sso_link", kwargs={"user_uuid": user.uuid})


def confirmed(user: User) -> Client:
    """Signed in, and confirmed it's them a moment ago."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[REAUTH_SESSION_KEY] = sessions.now()
    session.save()
    return client


def subject_of(user: User) -> str | None:
    user.refresh_from_db()
    return user.oidc_subject


def test_an_administrator_links_and_unlinks_someone(admin, jo):
    client = confirmed(admin)
    response = client.post(page(jo), {"subject": "  entra-7f3a9c  "})
    assert response.status_code == 302 and response["Location"] == page(jo)
    assert subject_of(jo) == "entra-7f3a9c"
    assert "Jo Reid can now sign in with single sign-on" in client.get(page(jo)).content.decode()
    linked = AuditEvent.objects.get(summary__startswith="Linked")
    assert linked.actor == admin
    assert linked.changes == {"oidc_subject": {"old": None, "new": "entra-7f3a9c"}}

    assert client.post(page(jo), {"unlink": "1"}).status_code == 302
    assert subject_of(jo) is None
    unlinked = AuditEvent.objects.get(summary__startswith="Unlinked")
    assert unlinked.changes == {"oidc_subject": {"old": "entra-7f3a9c", "new": None}}


def test_a_subject_linked_to_someone_else_is_refused(admin, jo):
    UserFactory(username="kim.other", oidc_subject="entra-shared")
    response = confirmed(admin).post(page(jo), {"subject": "entra-shared"})
    assert response.status_code == 200
    assert "already linked to kim.other. Unlink it first" in response.content.decode()
    assert subject_of(jo) is None
    assert not AuditEvent.objects.filter(summary__startswith="Linked").exists()


@pytest.mark.parametrize(
    ("subject", "message"),
    [("   ", "Enter the single sign-on subject"), ("x" * 256, "255 characters or fewer")],
)
def test_a_blank_or_too_long_subject_is_refused(admin, jo, subject, message):
    response = confirmed(admin).post(page(jo), {"subject": subject})
    assert response.status_code == 200 and message in response.content.decode()
    assert subject_of(jo) is None


def test_changing_needs_a_recent_confirm_its_you(admin, jo):
    client = Client()
    client.force_login(admin)
    for response in (client.get(page(jo)), client.post(page(jo), {"subject": "entra-1"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:reauth"))
    assert subject_of(jo) is None


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.COUNCIL_ADMINISTRATOR])
def test_only_council_administrators_may_link(jo, role):
    client = confirmed(UserFactory(role=role))
    assert client.get(reverse("accounts:sso_links")).status_code == 403
    assert client.get(page(jo)).status_code == 403
    assert client.post(page(jo), {"subject": "entra-mine"}).status_code == 403
    assert subject_of(jo) is None


def test_signed_out_is_sent_to_sign_in(jo):
    response = Client().get(page(jo))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_unknown_person_is_404(admin):
    missing = reverse(
        "accounts:sso_link", kwargs={"user_uuid": "00000000-0000-0000-0000-000000000000"}
    )
    assert confirmed(admin).get(missing).status_code == 404


def test_the_list_finds_people_by_name_and_says_who_is_linked(admin, jo):
    UserFactory(first_name="Kim", last_name="Obi", oidc_subject="entra-kim")
    client = confirmed(admin)
    everyone = client.get(reverse("accounts:sso_links")).content.decode()
    assert "Jo Reid" in everyone and "Kim Obi" in everyone
    found = client.get(reverse("accounts:sso_links"), {"q": "obi"}).content.decode()
    assert "Kim Obi" in found and "Jo Reid" not in found and "Linked" in found
    assert (
        "Nobody matches" in client.get(reverse("accounts:sso_links"), {"q": "zz"}).content.decode()
    )


def test_the_service_refuses_anyone_but_an_administrator(jo):
    with pytest.raises(PermissionDenied):
        user_link_oidc_subject(actor=UserFactory(role=Role.TEAM_MANAGER), user=jo, subject="s")


def test_the_command_and_the_page_use_the_same_service(admin, jo):
    call_command("sso_link", "jo.reid", "entra-from-command", stdout=io.StringIO())
    event = AuditEvent.objects.get(summary__startswith="Linked")
    assert event.actor is None and subject_of(jo) == "entra-from-command"
    response = confirmed(admin).post(page(UserFactory()), {"subject": "entra-from-command"})
    assert "already linked to jo.reid" in response.content.decode()
