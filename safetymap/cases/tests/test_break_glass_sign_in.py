"""Emergency access for everyone who can sign in: single sign-on users with no password
confirm with their second factor (or, with no second factor here, by signing in with single
sign-on again), and a recovery code works in place of the authenticator app's code, once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from safetymap.accounts import sessions, twofactor
from safetymap.accounts.reauth import REAUTH_SESSION_KEY
from safetymap.accounts.services import recovery_codes_regenerate
from safetymap.audit.models import AuditEvent
from safetymap.cases.models import BreakGlassGrant
from safetymap.cases.tests.test_break_glass import REASON, People, request_url, signed_in
from tests.factories import PASSWORD
from tests.twofactor import confirmed_device, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> People:
    return People()


def sso_only(user: Any) -> Any:
    user.set_unusable_password()
    user.oidc_subject = f"entra-{user.username}"
    user.save()
    return user


def ask(client: Client, people: People, **fields: str) -> Any:
    return client.post(request_url(people), {"reason": REASON, **fields})


def refusals() -> list[Any]:
    return list(
        AuditEvent.objects.filter(action="break_glass_refused").values_list("changes", flat=True)
    )


def test_single_sign_on_user_gives_the_authenticator_code_and_no_password(people):
    device = confirmed_device(sso_only(people.duty))
    client = signed_in(people.duty)
    fields = client.get(request_url(people)).context["form"].fields
    assert "password" not in fields and "code" in fields
    wrong = ask(client, people, code="000000")
    assert "The code is not right" in wrong.content.decode()
    assert refusals() == [{"why": "wrong authenticator code"}]
    device.refresh_from_db()
    device.throttle_reset()
    right = ask(client, people, code=totp_code(device))
    assert right.status_code == 302
    assert BreakGlassGrant.objects.filter(user=people.duty).exists()


def test_single_sign_on_user_with_only_recovery_codes_uses_one(people):
    codes = recovery_codes_regenerate(actor=sso_only(people.duty))
    client = signed_in(people.duty)
    field = client.get(request_url(people)).context["form"].fields["code"]
    assert field.label == "One of your recovery codes"
    response = ask(client, people, code=twofactor.format_recovery_code(codes[0]))
    assert response.status_code == 302
    assert twofactor.recovery_codes_left(people.duty) == len(codes) - 1
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any(f"You have {len(codes) - 1} recovery codes left" in m for m in shown)


def test_a_recovery_code_works_in_place_of_the_app_code_and_only_once(people):
    confirmed_device(people.duty)
    codes = recovery_codes_regenerate(actor=people.duty)
    client = signed_in(people.duty)
    first = ask(client, people, password=PASSWORD, code=codes[0].upper())
    assert first.status_code == 302
    assert twofactor.recovery_codes_left(people.duty) == len(codes) - 1
    BreakGlassGrant.objects.update(ended_at=BreakGlassGrant.objects.get().granted_at)

    again = ask(client, people, password=PASSWORD, code=codes[0])
    assert again.status_code == 200
    assert "The code is not right" in again.content.decode()
    assert refusals() == [{"why": "wrong recovery code"}]
    assert BreakGlassGrant.objects.count() == 1


def test_a_wrong_password_does_not_use_up_the_recovery_code(people):
    confirmed_device(people.duty)
    codes = recovery_codes_regenerate(actor=people.duty)
    response = ask(signed_in(people.duty), people, password="guess", code=codes[0])
    assert response.status_code == 200 and not BreakGlassGrant.objects.exists()
    assert twofactor.recovery_codes_left(people.duty) == len(codes)
    assert refusals() == [{"why": "wrong password"}]


def test_without_password_or_second_factor_a_recent_single_sign_on_is_needed(people, settings):
    settings.SAFETYMAP_OIDC_TRUSTS_IDP_MFA = True
    sso_only(people.duty)
    client = signed_in(people.duty)
    sent = client.get(request_url(people))
    assert sent.status_code == 302 and sent["Location"].startswith("/accounts/confirm-its-you/")
    assert ask(client, people).status_code == 302
    assert not BreakGlassGrant.objects.exists()

    # "Confirm it's you" sends them to the identity provider; coming back marks the session.
    session = client.session
    session[REAUTH_SESSION_KEY] = sessions.now()
    session.save()
    fields = client.get(request_url(people)).context["form"].fields
    assert set(fields) == {"reason"}
    assert ask(client, people).status_code == 302
    assert BreakGlassGrant.objects.filter(user=people.duty).exists()
