"""Demo users' authenticator apps: made by seed_demo, printed by demo_logins, and codes from
demo_totp that really sign in."""

from __future__ import annotations

import base64
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from safetymap.accounts.models import User
from safetymap.demo.council import DEMO_PASSWORD
from safetymap.demo.devices import (
    demo_totp_code,
    demo_totp_key,
    demo_totp_secret,
    ensure_demo_devices,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db) -> None:
    call_command("seed_demo", families=1, stdout=io.StringIO())


def test_secrets_are_worked_out_from_the_username():
    assert demo_totp_key("practitioner") == demo_totp_key("practitioner")
    assert demo_totp_key("practitioner") != demo_totp_key("manager")
    assert len(demo_totp_key("practitioner")) == 20
    secret = demo_totp_secret("practitioner")
    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == demo_totp_key("practitioner")
    # The code matches any TOTP implementation given the secret (RFC 6238, SHA-1, 30 s).
    totp = TOTP(demo_totp_key("practitioner"))
    totp.time = 1_900_000_000
    assert demo_totp_code("practitioner", at=1_900_000_000) == f"{totp.token():06d}"


def test_seed_demo_gives_every_demo_user_a_confirmed_authenticator(demo):
    users = list(User.objects.filter(is_demo=True))
    devices = {d.user_id: d for d in TOTPDevice.objects.filter(confirmed=True)}
    assert {user.pk for user in users} == set(devices)
    for user in users:
        assert devices[user.pk].key == demo_totp_key(user.username).hex()
    assert ensure_demo_devices() == 0  # nothing left to do


def test_only_demo_users_get_one(demo):
    real = User.objects.create_user(username="real.person", password="x-long-password-1")
    ensure_demo_devices()
    assert not TOTPDevice.objects.filter(user=real).exists()


def test_an_older_demo_database_gets_them_on_make_run(demo):
    TOTPDevice.objects.all().delete()
    out = io.StringIO()
    call_command("seed_demo", if_empty=True, stdout=out)
    assert "Gave" in out.getvalue() and "demo authenticator" in out.getvalue()
    assert TOTPDevice.objects.filter(user__username="practitioner").exists()


def test_demo_logins_prints_the_secrets_and_how_to_get_a_code(demo):
    out = io.StringIO()
    call_command("demo_logins", json=True, stdout=out)
    rows = json.loads(out.getvalue())
    assert all(row["totp_secret"] == demo_totp_secret(row["username"]) for row in rows)

    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "python manage.py demo_totp practitioner" in out.getvalue()


def test_demo_totp_prints_a_code_that_signs_in(demo, client, settings, capsys):
    settings.SAFETYMAP_REQUIRE_TWO_FACTOR = True
    out = io.StringIO()
    call_command("demo_totp", "practitioner", stdout=out, stderr=io.StringIO())
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()

    client.post("/accounts/sign-in/", {"username": "practitioner", "password": DEMO_PASSWORD})
    response = client.post("/accounts/two-factor/", {"code": code})
    assert response.status_code == 302
    assert DEVICE_ID_SESSION_KEY in client.session


def test_demo_totp_refuses_other_users(demo):
    User.objects.create_user(username="real.person", password="x-long-password-1")
    with pytest.raises(CommandError):
        call_command("demo_totp", "real.person", stdout=io.StringIO())
