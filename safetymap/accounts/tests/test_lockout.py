"""Lock-out after failed sign-ins: 10 per account, 50 per address, 30 minutes, and the same
message whatever the reason."""

from __future__ import annotations

import datetime
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory
from django.utils import timezone

from safetymap.accounts.lockout import client_ip_address
from safetymap.accounts.models import User

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"
MESSAGE = "Enter a correct username and password"


def attempt(client: Client, username: str, password: str, address: str = "127.0.0.1"):
    return client.post(SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def wait(minutes: int) -> None:
    """As if `minutes` had passed since every failed attempt."""
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=minutes))


def test_settings_are_ours_not_the_defaults():
    assert django_settings.AXES_FAILURE_LIMIT == 10
    assert datetime.timedelta(minutes=30) == django_settings.AXES_COOLOFF_TIME
    assert django_settings.SAFETYMAP_SIGNIN_ADDRESS_FAILURE_LIMIT == 50
    assert django_settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert django_settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert django_settings.AXES_HANDLER == "safetymap.accounts.lockout.SignInAttemptHandler"


def test_ten_failures_lock_the_account_for_thirty_minutes(client, jo):
    for number in range(9):
        response = attempt(client, "jo.practitioner", f"wrong-{number}")
        assert response.status_code == 200
    # Nine: not locked yet.
    attempt(client, "jo.practitioner", PASSWORD)
    assert signed_in(client)
    client.post("/accounts/sign-out/")
    # A right password forgets the account's failures; ten more in a row lock it.
    for number in range(10):
        attempt(client, "jo.practitioner", f"wrong-{number}")

    locked = attempt(client, "jo.practitioner", PASSWORD)
    assert not signed_in(client)
    assert locked.status_code == 200
    assert locked.context["form"].errors == {"__all__": [MESSAGE]}
    assert "Account locked" not in locked.content.decode()

    # Still locked after 29 minutes; open after 30.
    wait(29)
    attempt(client, "jo.practitioner", PASSWORD)
    assert not signed_in(client)
    wait(31)
    attempt(client, "jo.practitioner", PASSWORD)
    assert signed_in(client)


def test_a_locked_account_looks_exactly_like_a_wrong_password(client, jo):
    User.objects.create_user(username="ali.worker", password=PASSWORD)
    wrong_password = attempt(client, "ali.worker", "wrong")
    unknown_user = attempt(Client(), "nobody.here", "wrong")
    for number in range(10):
        attempt(client, "jo.practitioner", f"wrong-{number}")
    locked_right_password = attempt(client, "jo.practitioner", PASSWORD)

    pages = [wrong_password, unknown_user, locked_right_password]
    assert {page.status_code for page in pages} == {200}
    assert all(page.context["form"].errors == {"__all__": [MESSAGE]} for page in pages)
    assert all(page.templates[0].name == "accounts/sign_in.html" for page in pages)

    # The pages differ only in the username typed and the CSRF token.
    def normalised(page, username):
        html = page.content.decode().replace(username, "USERNAME")
        return re.sub(r'(value|content)="[A-Za-z0-9]{64}"', r'\1="TOKEN"', html)

    assert normalised(locked_right_password, "jo.practitioner") == normalised(
        wrong_password, "ali.worker"
    )


def test_failures_during_a_lock_out_do_not_extend_it(client, jo):
    for number in range(10):
        attempt(client, "jo.practitioner", f"wrong-{number}")
    wait(20)
    for number in range(5):
        attempt(client, "jo.practitioner", f"more-wrong-{number}")
    wait(31)  # 31 minutes after the lock-out began, whatever was tried in between
    attempt(client, "jo.practitioner", PASSWORD)
    assert signed_in(client)


def test_the_account_lock_applies_from_every_address(client, jo):
    for number in range(10):
        attempt(client, "jo.practitioner", f"wrong-{number}", address=f"10.0.0.{number}")
    attempt(client, "jo.practitioner", PASSWORD, address="192.0.2.7")
    assert not signed_in(client)


def test_fifty_failures_from_one_address_lock_that_address(client, jo):
    # Spread over many usernames, so no account reaches its own limit.
    for number in range(50):
        attempt(client, f"guess{number % 25}", "wrong", address="203.0.113.9")
    assert not AccessAttempt.objects.filter(failures_since_start__gte=10).exists()

    # Jo has no failures of her own, but her right password fails from that address...
    response = attempt(client, "jo.practitioner", PASSWORD, address="203.0.113.9")
    assert not signed_in(client)
    assert response.context["form"].errors == {"__all__": [MESSAGE]}
    # ...and works from any other.
    attempt(client, "jo.practitioner", PASSWORD, address="198.51.100.1")
    assert signed_in(client)


def test_forty_nine_failures_from_an_address_do_not_lock_it(client, jo):
    for number in range(49):
        attempt(client, f"guess{number % 25}", "wrong", address="203.0.113.9")
    attempt(client, "jo.practitioner", PASSWORD, address="203.0.113.9")
    assert signed_in(client)


def test_signing_in_does_not_reset_the_address_count(client, jo):
    for number in range(45):
        attempt(client, f"guess{number % 25}", "wrong", address="203.0.113.9")
    attempt(client, "jo.practitioner", PASSWORD, address="203.0.113.9")
    assert signed_in(client)
    client.post("/accounts/sign-out/")
    for number in range(5):
        attempt(client, f"other{number}", "wrong", address="203.0.113.9")
    attempt(client, "jo.practitioner", PASSWORD, address="203.0.113.9")
    assert not signed_in(client)


def test_the_address_lock_also_passes_after_thirty_minutes(client, jo):
    for number in range(50):
        attempt(client, f"guess{number % 25}", "wrong", address="203.0.113.9")
    wait(31)
    attempt(client, "jo.practitioner", PASSWORD, address="203.0.113.9")
    assert signed_in(client)


def test_failures_are_kept_for_administrators(client, jo):
    attempt(client, "jo.practitioner", "wrong")
    log = AccessFailureLog.objects.get()
    assert log.username == "jo.practitioner" and log.ip_address == "127.0.0.1"
    assert "wrong" not in AccessAttempt.objects.get().post_data


def test_force_login_still_works(client, jo):
    for number in range(10):
        attempt(client, "jo.practitioner", f"wrong-{number}")
    client.force_login(jo)
    assert signed_in(client)
    assert client.get("/accounts/").status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "127.0.0.1"),  # no proxy: X-Forwarded-For is the client's word
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged entry on the left is ignored
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "", "127.0.0.1"),
    ],
)
def test_client_address_behind_proxies(settings, proxies, forwarded, expected):
    settings.SAFETYMAP_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip_address(request) == expected


def test_a_locked_account_still_costs_a_password_hash(client, jo, monkeypatch):
    """So that a locked account does not answer faster than a wrong password."""
    from safetymap.accounts import lockout

    for number in range(10):
        attempt(client, "jo.practitioner", f"wrong-{number}")
    hashed: list[str] = []
    monkeypatch.setattr(lockout, "make_password", lambda password: hashed.append(password))
    attempt(client, "jo.practitioner", PASSWORD)
    assert hashed == [PASSWORD]
    assert not signed_in(client)
