"""Changes to how people sign in. Each writes an audit event in the same transaction.

Secrets never go into the audit trail: events say that an authenticator was set up or
recovery codes were made, not what they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from safetymap.accounts import twofactor
from safetymap.accounts.models import User
from safetymap.audit.services import audit_record


@dataclass(frozen=True)
class TwoFactorSetUp:
    device: TOTPDevice
    # The new recovery codes, to show once (empty when an authenticator was replaced and
    # the person kept the recovery codes they had).
    recovery_codes: list[str]


def _make_recovery_codes(*, user: User) -> list[str]:
    """Replace any recovery codes with a new set; return the codes in plain text."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(
        user=user, name=twofactor.RECOVERY_DEVICE_NAME, confirmed=True
    )
    codes = [twofactor.new_recovery_code() for _ in range(settings.SAFETYMAP_RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [
            StaticToken(device=device, token=twofactor.recovery_code_digest(user, code))
            for code in codes
        ]
    )
    return codes


@transaction.atomic
def two_factor_set_up(*, actor: User, key_hex: str, time_step: int) -> TwoFactorSetUp:
    """Save the authenticator app `actor` has just proved they hold (a code at `time_step`
    matched `key_hex`), replacing any they had. The first time, recovery codes are made too.

    The matched time step is remembered, so the code used to confirm cannot be used again.
    """
    if not twofactor.key_is_valid(key_hex):
        raise ValidationError("The authenticator secret is not valid.")
    replaced = TOTPDevice.objects.filter(user=actor).count()
    TOTPDevice.objects.filter(user=actor).delete()
    device = TOTPDevice.objects.create(
        user=actor,
        name=twofactor.TOTP_DEVICE_NAME,
        key=key_hex,
        confirmed=True,
        last_t=time_step,
    )
    codes: list[str] = []
    if twofactor.recovery_codes_left(actor) == 0:
        codes = _make_recovery_codes(user=actor)
    changes: dict[str, dict[str, object]] = {
        "authenticator": {"old": "set up" if replaced else None, "new": "set up"}
    }
    if codes:
        changes["recovery_codes_left"] = {"old": 0, "new": len(codes)}
    audit_record(
        actor=actor,
        action="two_factor.set_up",
        target=actor,
        changes=changes,
        summary=("Replaced their authenticator app" if replaced else "Set up an authenticator app"),
    )
    return TwoFactorSetUp(device=device, recovery_codes=codes)


@transaction.atomic
def recovery_codes_regenerate(*, actor: User) -> list[str]:
    """New recovery codes for `actor`; the old ones stop working at once."""
    before = twofactor.recovery_codes_left(actor)
    codes = _make_recovery_codes(user=actor)
    audit_record(
        actor=actor,
        action="two_factor.recovery_codes",
        target=actor,
        changes={"recovery_codes_left": {"old": before, "new": len(codes)}},
        summary="Made new recovery codes",
    )
    return codes


@transaction.atomic
def two_factor_reset(*, actor: User | None, user: User) -> None:
    """Remove `user`'s authenticator and recovery codes (an administrator does this when
    someone has lost both). They set up a new authenticator when they next sign in."""
    had_app = TOTPDevice.objects.filter(user=user).delete()[0] > 0
    had_codes = twofactor.recovery_codes_left(user)
    StaticDevice.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        action="two_factor.reset",
        target=user,
        changes={
            "authenticator": {"old": "set up" if had_app else None, "new": None},
            "recovery_codes_left": {"old": had_codes, "new": 0},
        },
        summary=f"Reset two-factor authentication for {user.get_username()}",
    )


SUBJECT_MAX_LENGTH = 255


@transaction.atomic
def user_link_oidc_subject(*, actor: User | None, user: User, subject: str | None) -> User:
    """Link `user` to a single sign-on subject (the identity provider's `sub`), or unlink
    them with subject=None. A subject can belong to one person only.

    `actor` is the council administrator doing it (the "Single sign-on" pages), or None for
    `manage.py sso_link`, which only someone with the server can run."""
    if actor is not None and not actor.is_council_administrator:
        raise PermissionDenied("Only council administrators link single sign-on.")
    subject = (subject or "").strip() or None
    if subject is not None:
        if len(subject) > SUBJECT_MAX_LENGTH:
            raise ValidationError("A subject is at most 255 characters.")
        holder = User.objects.filter(oidc_subject=subject).exclude(pk=user.pk).first()
        if holder is not None:
            raise ValidationError(
                f"That subject is already linked to {holder.get_username()}. Unlink it first."
            )
    fresh = User.objects.select_for_update().get(pk=user.pk)
    old = fresh.oidc_subject
    if old == subject:
        return fresh
    fresh.oidc_subject = subject
    fresh.save(update_fields=["oidc_subject"])
    audit_record(
        actor=actor,
        action="update",
        target=fresh,
        changes={"oidc_subject": {"old": old, "new": subject}},
        summary=(
            f"Linked {fresh.get_username()} to single sign-on"
            if subject
            else f"Unlinked {fresh.get_username()} from single sign-on"
        ),
    )
    return fresh
