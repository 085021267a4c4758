"""Two-factor authentication for tests.

config/settings/test.py switches two-factor off, so `client.force_login(user)` is enough for
most tests. A test that switches it on (`settings.SAFETYMAP_REQUIRE_TWO_FACTOR = True`)
signs a client in fully with:

    from tests.twofactor import login_verified, totp_code

    device = login_verified(client, user)      # confirmed authenticator + verified session
    code = totp_code(device)                   # the code the person's app shows now
    code = totp_code(device, steps_ahead=1)    # the next one (a code works only once)
"""

from __future__ import annotations

import binascii
import time
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from safetymap.accounts.models import User
from safetymap.accounts.twofactor import TOTP_DEVICE_NAME

# A fixed 20-byte secret (hex), so a failing test's codes can be worked out by hand.
TEST_KEY = "3132333435363738393031323334353637383930"


def confirmed_device(user: User, *, key: str = TEST_KEY) -> TOTPDevice:
    """A confirmed authenticator app for `user` (replacing any they had)."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=True)


def totp_code(device: TOTPDevice | str, *, steps_ahead: int = 0, at: float | None = None) -> str:
    """The 6-digit code for a device (or a hex key) now, or `steps_ahead` 30-second steps on."""
    key = device if isinstance(device, str) else device.key
    totp = TOTP(binascii.unhexlify(key), step=30, t0=0, digits=6, drift=steps_ahead)
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def login_verified(client: Client, user: User, **device_kwargs: Any) -> TOTPDevice:
    """Sign `client` in as `user` as if they had entered their password and a code: a
    confirmed authenticator app and a session that has passed the second step."""
    device = confirmed_device(user, **device_kwargs)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
