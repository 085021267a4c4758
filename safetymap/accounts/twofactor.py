"""Two-factor authentication: authenticator apps (TOTP) and one-time recovery codes.

Built on django-otp. A person has at most one confirmed TOTPDevice (their authenticator app)
and one StaticDevice holding their unused recovery codes. Recovery codes are stored hashed
(with the person's UUID as salt), so a copy of the database does not give them away.

    is_two_factor_verified(request)   True once the session has passed the second step
    verify_code(user, code)           the device a code belongs to (TOTP or recovery), or None
    otpauth_uri(user, key_hex)        what the QR code holds, for an authenticator app
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from safetymap.accounts.models import User

# Set in the session when single sign-on signed the person in and the identity provider is
# trusted to have asked for a second factor (SAFETYMAP_OIDC_TRUSTS_IDP_MFA).
IDP_MFA_SESSION_KEY = "safetymap_idp_mfa"
# The secret of an authenticator being set up, until the person confirms a code from it.
SETUP_KEY_SESSION_KEY = "safetymap_totp_setup_key"
# Recovery codes just made, shown once on the recovery codes page.
NEW_RECOVERY_CODES_SESSION_KEY = "safetymap_new_recovery_codes"

TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
# Letters and digits that cannot be mistaken for each other (no 0/o, 1/l/i).
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 10
_NOT_CODE = re.compile(r"[\s\-]+")


def two_factor_required() -> bool:
    return bool(settings.SAFETYMAP_REQUIRE_TWO_FACTOR)


def is_two_factor_verified(request: HttpRequest) -> bool:
    """True if this session has passed the second step: a code from a device, or single
    sign-on through an identity provider trusted to have asked for a second factor."""
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return True
    return bool(settings.SAFETYMAP_OIDC_TRUSTS_IDP_MFA and request.session.get(IDP_MFA_SESSION_KEY))


def needs_two_factor(request: HttpRequest) -> bool:
    """True if the person is signed in but must still pass the second step."""
    user: Any = getattr(request, "user", None)
    return bool(
        two_factor_required()
        and user is not None
        and user.is_authenticated
        and not is_two_factor_verified(request)
    )


def totp_device(user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def recovery_device(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def recovery_codes_left(user: User) -> int:
    device = recovery_device(user)
    return device.token_set.count() if device else 0


def has_second_factor(user: User) -> bool:
    return totp_device(user) is not None or recovery_codes_left(user) > 0


# --- Codes ---------------------------------------------------------------------------------


def normalise_code(code: str) -> str:
    """What was typed, without spaces or hyphens, in lower case."""
    return _NOT_CODE.sub("", code or "").lower()


def looks_like_totp(code: str) -> bool:
    return len(code) == 6 and code.isdigit()


def new_recovery_code() -> str:
    return "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))


def format_recovery_code(code: str) -> str:
    """abcdefghjk -> abcde-fghjk, easier to read and copy."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def recovery_code_digest(user: User, code: str) -> str:
    """What is stored for a recovery code: 16 hex characters of SHA-256, salted per person
    (django-otp's StaticToken holds up to 16 characters and compares them exactly)."""
    material = f"{user.uuid}:{normalise_code(code)}".encode()
    return hashlib.sha256(material).hexdigest()[:16]


def verify_code(user: User, code: str) -> Device | None:
    """The device that accepts `code`: six digits are checked against the authenticator app,
    anything else against the unused recovery codes (a used recovery code is removed).
    Wrong codes slow the next try down (django-otp throttling); a throttled device refuses
    even a right code until the wait has passed."""
    code = normalise_code(code)
    if not code:
        return None
    with transaction.atomic():
        if looks_like_totp(code):
            device = (
                TOTPDevice.objects.select_for_update()
                .filter(user=user, confirmed=True)
                .order_by("-id")
                .first()
            )
            if device is not None and device.verify_token(code):
                return device
            return None
        static = (
            StaticDevice.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("-id")
            .first()
        )
        if static is not None and static.verify_token(recovery_code_digest(user, code)):
            return static
    return None


def throttled(user: User, *, recovery: bool) -> bool:
    """True if recent wrong codes mean the person must wait before trying again (check before
    verify_code, which refuses even a right code while throttled)."""
    device = recovery_device(user) if recovery else totp_device(user)
    return device is not None and not device.verify_is_allowed()[0]


def mark_verified(request: HttpRequest, device: Device) -> None:
    """Record in the session that the second step is done, and give the session a new key
    (the signed-in-and-verified session must not keep the half-signed-in one's key)."""
    request.session.cycle_key()
    otp_login(request, device)


def verified_device_id(request: HttpRequest) -> str | None:
    value = request.session.get(DEVICE_ID_SESSION_KEY)
    return str(value) if value else None


# --- Setting up an authenticator app -----------------------------------------------------


def new_totp_key() -> str:
    """A new 20-byte secret, hex-encoded as TOTPDevice.key stores it."""
    return str(random_hex(20))


def key_is_valid(key_hex: str) -> bool:
    try:
        return len(binascii.unhexlify(key_hex)) >= 16
    except (binascii.Error, ValueError):
        return False


def base32_secret(key_hex: str) -> str:
    """The secret as authenticator apps take it when typed in (base32, no padding)."""
    return base64.b32encode(binascii.unhexlify(key_hex)).decode().rstrip("=")


def grouped(secret: str, size: int = 4) -> str:
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


def otpauth_uri(user: User, key_hex: str) -> str:
    """The otpauth:// URI the QR code holds, with the service as issuer."""
    device = TOTPDevice(user=user, key=key_hex)
    return str(device.config_url)


def qr_data_uri(uri: str) -> str:
    """The QR code as an SVG data: URI, for an <img> (no inline script or style needed)."""
    qr = segno.make(uri, error="m")
    return str(qr.svg_data_uri(scale=5, border=2, dark="#0b0c0c", light="#ffffff"))


def code_matches_key(key_hex: str, code: str) -> int | None:
    """The time step at which `code` matches a secret not yet saved on a device (one step
    either side allowed for clock drift), or None."""
    code = normalise_code(code)
    if not looks_like_totp(code):
        return None
    totp = TOTP(binascii.unhexlify(key_hex), step=30, t0=0, digits=6, drift=0)
    if totp.verify(int(code), tolerance=1):
        return int(totp.t())
    return None
