"""Settings shared by every environment.

SQLite is the embedded default so `make run` needs no server; set DATABASE_URL to a
postgres:// URL to run on PostgreSQL (production, and half of `make test`).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
DEBUG = os.environ.get("DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "mozilla_django_oidc",
    "safetymap.core",
    "safetymap.govuk",
    "safetymap.accounts",
    "safetymap.audit",
    "safetymap.notifications",
    "safetymap.plain_language",
    "safetymap.cases",
    "safetymap.mapping",
    "safetymap.documents",
    "safetymap.networks",
    "safetymap.words_pictures",
    "safetymap.safety_plans",
    "safetymap.packs",
    "safetymap.child_voice",
    "safetymap.meetings",
    "safetymap.referrals",
    "safetymap.implementation",
    "safetymap.governance",
    "safetymap.retention",
    "safetymap.evaluation",
    "safetymap.api",
    "safetymap.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "safetymap.core.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Signing in (config/settings/signin.py): after auth and messages; axes stays last.
    "django_otp.middleware.OTPMiddleware",
    "safetymap.accounts.middleware.IdleSessionMiddleware",
    "safetymap.accounts.middleware.TwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safetymap.govuk.context_processors.council",
            ],
        },
    },
]

# Every form renders through the project's GOV.UK renderer (safetymap/govuk/renderers.py).
FORM_RENDERER = "safetymap.govuk.renderers.GovukFormRenderer"


def database_from_url(url: str) -> dict[str, object]:
    """Turn postgres://user:pass@host:port/name (host may be a socket dir) into Django settings."""
    parsed = urlparse(url)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": unquote(parsed.hostname or ""),
        "PORT": str(parsed.port or ""),
        "ATOMIC_REQUESTS": False,
    }


DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lock-out checks first (django-axes), then passwords, then single sign-on by subject.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "safetymap.accounts.oidc.SubjectBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:my_cases"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions and cache live in the database so any number of identical processes can serve.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "build"]

MEDIA_ROOT = BASE_DIR / "media"

# The council running this copy of SafetyMap. A council overrides these by environment.
SAFETYMAP_COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Eastbrook Borough Council")
SAFETYMAP_SERVICE_NAME = os.environ.get("SERVICE_NAME", "SafetyMap")
SAFETYMAP_BRAND_COLOUR = os.environ.get("BRAND_COLOUR", "#1d5c63")
# How families reach the council, printed on every family pack (fictional demo values).
SAFETYMAP_COUNCIL_CONTACT = {
    "phone": os.environ.get("COUNCIL_PHONE", "01632 960 400"),
    "email": os.environ.get("COUNCIL_EMAIL", "childrens.services@eastbrook.example.gov.uk"),
    "address": os.environ.get("COUNCIL_ADDRESS", "Eastbrook Civic Centre, Market Street, EB1 1AA"),
    "out_of_hours": os.environ.get("COUNCIL_OUT_OF_HOURS", "01632 960 999"),
}

# How many danger statements a map may hold: a warning above the soft limit, refused at the hard.
SAFETYMAP_DANGER_STATEMENT_SOFT_LIMIT = int(os.environ.get("DANGER_STATEMENT_SOFT_LIMIT", "3"))
SAFETYMAP_DANGER_STATEMENT_HARD_LIMIT = int(os.environ.get("DANGER_STATEMENT_HARD_LIMIT", "4"))
# Councils that scale in half points switch this on.
SAFETYMAP_SCALE_HALF_POINTS = os.environ.get("SCALE_HALF_POINTS", "0") == "1"
# How long emergency ("break-glass") access to a record lasts, in hours.
SAFETYMAP_BREAK_GLASS_HOURS = int(os.environ.get("BREAK_GLASS_HOURS", "8"))
# How long after group supervision the practice leads named on it may still read the case.
SAFETYMAP_PRACTICE_LEAD_ACCESS_DAYS = int(os.environ.get("PRACTICE_LEAD_ACCESS_DAYS", "90"))
# Safety network: the roles every network is expected to have filled, and the checks the
# council requires before someone takes on a role (role -> names of the checks).
SAFETYMAP_NETWORK_EXPECTED_ROLES = ["safe_adult", "daily_check", "emergency_contact"]
SAFETYMAP_NETWORK_ROLE_CHECKS = {"supervises_family_time": ["DBS check"]}
# Safety plans: a rule "not followed" in this many of its latest checks prompts the worker to
# call a network meeting (a prompt only, never an escalation).
SAFETYMAP_SAFETY_PLAN_NOT_FOLLOWED_LIMIT = 2
SAFETYMAP_SAFETY_PLAN_CHECKS_CONSIDERED = 3
# Children at these service levels are expected to have been given Words and Pictures.
SAFETYMAP_WORDS_AND_PICTURES_EXPECTED_LEVELS = os.environ.get(
    "WORDS_AND_PICTURES_EXPECTED_LEVELS", "child_in_need,child_protection"
).split(",")
# Plain-language targets per audience: the highest reading age a text should need, and the
# longest sentence (in words) before it is flagged. See safetymap/plain_language/__init__.py.
SAFETYMAP_PLAIN_LANGUAGE_TARGETS = {
    "parent": {
        "reading_age": int(os.environ.get("PARENT_READING_AGE", "11")),
        "sentence_words": 20,
    },
    "child": {"reading_age": int(os.environ.get("CHILD_READING_AGE", "8")), "sentence_words": 12},
    "professional": {"reading_age": 16, "sentence_words": 25},
}
# Notifications by email too (off by default): only "you have a reminder" and a link to
# SITE_URL, never what the reminder says. Django's EMAIL_* settings choose the mail server.
SAFETYMAP_NOTIFICATION_EMAILS = os.environ.get("NOTIFICATION_EMAILS", "0") == "1"
SAFETYMAP_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "safetymap@eastbrook.example.gov.uk")
# Early help (team around the family) meetings are reviewed at least this often, in weeks.
SAFETYMAP_EARLY_HELP_REVIEW_WEEKS = int(os.environ.get("EARLY_HELP_REVIEW_WEEKS", "12"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Security settings live in their own modules, one per concern, so each can be read whole.
from .security import *  # noqa: E402, F403  (headers, CSP, cookies, uploads)
from .signin import *  # noqa: E402, F403  (two-factor, lock-out, idle sessions, single sign-on)
