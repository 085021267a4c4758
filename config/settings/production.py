"""Production settings: DJANGO_SETTINGS_MODULE=config.settings.production.

Everything in base.py (and security.py, signin.py) applies; this adds what only makes sense
on a real server behind HTTPS. `manage.py check --deploy --fail-level WARNING` reports
nothing with these settings (tests/test_deploy_check.py proves it). docs/deployment.md lists
every environment variable.

Required environment variables (the process refuses to start without them):
  SECRET_KEY      a long random string, kept secret (e.g. `python -c "import secrets;
                  print(secrets.token_urlsafe(64))"`)
  ALLOWED_HOSTS   comma-separated host names the service answers to, e.g.
                  safetymap.eastbrook.gov.uk
Usually set as well:
  DATABASE_URL    postgres://user:password@host:5432/name (PostgreSQL in production)
  CSRF_TRUSTED_ORIGINS  comma-separated https:// origins, when the public origin differs
                  from the host Django sees
  MEDIA_ROOT      where uploaded documents are kept (never served at a URL)
  SECURE_SSL_REDIRECT   "0" only if the proxy already redirects HTTP to HTTPS and must
                  handle health checks over plain HTTP itself (default "1")
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required_env(name: str, example: str) -> str:
    """The value of an environment variable production cannot run without."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Set the {name} environment variable before starting SafetyMap with production "
            f"settings (for example {name}={example}). See docs/deployment.md."
        )
    return value


DEBUG = False

SECRET_KEY = required_env("SECRET_KEY", "<a long random string>")
ALLOWED_HOSTS = [
    host.strip()
    for host in required_env("ALLOWED_HOSTS", "safetymap.example.gov.uk").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

# --- HTTPS -------------------------------------------------------------------------------
# SafetyMap runs behind a reverse proxy or load balancer that terminates TLS and forwards
# plain HTTP to gunicorn. The proxy MUST set X-Forwarded-Proto to "https" or "http" on every
# request (overwriting any value the client sent), or Django cannot tell a secure request
# from an insecure one. Never trust this header without such a proxy in front.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Files -------------------------------------------------------------------------------
# Static files: hashed names and pre-compressed copies from `manage.py collectstatic`, served
# by WhiteNoise with far-future caching. Uploaded documents: a private folder, never a URL.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Errors go to the server's log (stdout under gunicorn/systemd), never to the browser.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.security": {"handlers": ["console"], "level": "WARNING"}},
}
