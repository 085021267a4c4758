"""Authenticator apps for the demo users (demo database only).

Every demo user gets a confirmed TOTP device whose secret is worked out from their username,
so the secrets are the same on every machine and `demo_logins --json` can print them for
scripts. They are as public as the demo password: never create them outside the demo.

    python manage.py demo_totp practitioner      # the code to type now
    oathtool --totp -b SECRET                    # the same, from the base32 secret
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from safetymap.accounts.models import User

# Not a secret: it only makes the demo secrets differ from a plain hash of the username.
_DEMO_TOTP_SALT = b"safetymap demo authenticator"
DEMO_DEVICE_NAME = "Demo authenticator"


def demo_totp_key(username: str) -> bytes:
    """The 20-byte secret of a demo user's authenticator."""
    return hmac.new(_DEMO_TOTP_SALT, username.encode(), hashlib.sha256).digest()[:20]


def demo_totp_secret(username: str) -> str:
    """The secret in base32, as authenticator apps and oathtool take it."""
    return base64.b32encode(demo_totp_key(username)).decode().rstrip("=")


def demo_totp_code(username: str, *, at: float | None = None) -> str:
    """The 6-digit code the demo user's authenticator shows now (or at `at`)."""
    totp = TOTP(demo_totp_key(username), step=30, t0=0, digits=6, drift=0)
    if at is not None:
        totp.time = at
    return f"{totp.token():06d}"


def ensure_demo_devices() -> int:
    """Give every demo user without an authenticator the demo one. Returns how many."""
    have = set(
        TOTPDevice.objects.filter(user__is_demo=True, confirmed=True).values_list(
            "user_id", flat=True
        )
    )
    missing = list(User.objects.filter(is_demo=True).exclude(pk__in=have))
    TOTPDevice.objects.bulk_create(
        [
            TOTPDevice(
                user=user,
                name=DEMO_DEVICE_NAME,
                key=demo_totp_key(user.username).hex(),
                confirmed=True,
            )
            for user in missing
        ]
    )
    return len(missing)
