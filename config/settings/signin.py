"""Signing in: two-factor, lock-out, idle sessions and single sign-on (imported by base.py).

docs/signin.md explains each part for developers and administrators. Every value a council
may want to change is read from an environment variable.
"""

from __future__ import annotations

import datetime
import os


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


# --- Two-factor authentication (django-otp: TOTP authenticator apps, recovery codes) ------
# Every signed-in person must confirm a code from an authenticator app (or a recovery code)
# before any page but the sign-in steps opens. config/settings/test.py switches this off so
# tests can use `client.force_login`; tests/twofactor.py signs a test client in verified.
SAFETYMAP_REQUIRE_TWO_FACTOR = _flag("REQUIRE_TWO_FACTOR", "1")
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = os.environ.get("SERVICE_NAME", "SafetyMap")
# Wrong codes slow the next try down: 1, 2, 4, 8... seconds (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
SAFETYMAP_RECOVERY_CODE_COUNT = 10

# --- Re-authentication for sensitive actions (safetymap.accounts.reauth) ------------------
# "Confirm it's you" (password and a current code) lasts this long for break-glass, exports
# and changing restrictions.
SAFETYMAP_REAUTH_MAX_AGE_SECONDS = int(os.environ.get("REAUTH_MAX_AGE_SECONDS", str(10 * 60)))

# --- Lock-out (django-axes, with SafetyMap's handler in safetymap/accounts/lockout.py) ----
# Per account: 10 failed sign-ins lock the username for 30 minutes; a right password does not
# open it until the 30 minutes have passed, and tries during the lock-out do not extend it.
# Per address: 50 failed sign-ins from one IP address within 30 minutes (any usernames) lock
# that address out for the rest of the 30 minutes. Both give the ordinary "Enter a correct
# username and password" message, so a locked account cannot be told from a wrong password.
AXES_ENABLED = True
AXES_HANDLER = "safetymap.accounts.lockout.SignInAttemptHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("SIGNIN_ACCOUNT_FAILURE_LIMIT", "10"))
SAFETYMAP_SIGNIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SIGNIN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("SIGNIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCK_OUT_AT_FAILURE = True
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "safetymap.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "safetymap.accounts.lockout.client_ip_address"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# How many reverse proxies in front of SafetyMap append to X-Forwarded-For (0: use the
# connection's address). Set it to the real number, or an attacker can choose their address.
SAFETYMAP_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# --- Idle sessions (safetymap.accounts.middleware.IdleSessionMiddleware) ------------------
# A signed-in session ends after this long without a request; a warning shows first.
SAFETYMAP_SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
# Tests only: the idle time in seconds (overrides the minutes when set).
SAFETYMAP_SESSION_IDLE_SECONDS: int | None = None
SAFETYMAP_SESSION_WARNING_SECONDS = int(os.environ.get("SESSION_WARNING_SECONDS", "120"))

# --- Single sign-on: Microsoft Entra ID over OpenID Connect (mozilla-django-oidc) ---------
# Off unless OIDC_ENABLED=1. People are matched on the provider's subject (`sub`) only,
# which an administrator links to their SafetyMap account (`manage.py sso_link`); a subject
# nobody has linked is refused. SSO users still confirm a code from their authenticator app
# unless OIDC_TRUSTS_IDP_MFA=1 says Entra ID already demands a second factor.
SAFETYMAP_OIDC_ENABLED = _flag("OIDC_ENABLED", "0")
SAFETYMAP_OIDC_TRUSTS_IDP_MFA = _flag("OIDC_TRUSTS_IDP_MFA", "0")
SAFETYMAP_OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "Microsoft")

_tenant = os.environ.get("OIDC_TENANT_ID", "").strip()
_entra = f"https://login.microsoftonline.com/{_tenant}" if _tenant else ""
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get(
    "OIDC_OP_AUTHORIZATION_ENDPOINT", f"{_entra}/oauth2/v2.0/authorize" if _entra else ""
)
OIDC_OP_TOKEN_ENDPOINT = os.environ.get(
    "OIDC_OP_TOKEN_ENDPOINT", f"{_entra}/oauth2/v2.0/token" if _entra else ""
)
OIDC_OP_JWKS_ENDPOINT = os.environ.get(
    "OIDC_OP_JWKS_ENDPOINT", f"{_entra}/discovery/v2.0/keys" if _entra else ""
)
# Not used: SafetyMap reads the signed ID token only. mozilla-django-oidc needs the setting.
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
# The ID token's issuer must be exactly this (empty: not checked; set it in production).
SAFETYMAP_OIDC_ISSUER = os.environ.get("OIDC_ISSUER", f"{_entra}/v2.0" if _entra else "")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_CREATE_USER = False
OIDC_STORE_ID_TOKEN = False
OIDC_STORE_ACCESS_TOKEN = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/sign-in/"
