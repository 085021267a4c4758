"""Production settings: `manage.py check --deploy` reports nothing, the required environment
variables are really required, and the security settings are what docs/deployment.md says.

Each test starts a fresh Python process with DJANGO_SETTINGS_MODULE=config.settings.production,
as a server would.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
TEST_RUN_VARIABLES = (
    "DATABASE_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
)


def production_env(**overrides: str | None) -> dict[str, str]:
    # A server's environment: none of the test run's own settings (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE for their session, which --deploy rightly reports).
    env = {key: value for key, value in os.environ.items() if key not in TEST_RUN_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="safetymap.eastbrook.example,safetymap-admin.eastbrook.example",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_check_deploy_reports_nothing():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_secret_key_is_required():
    result = run(["manage.py", "check"], production_env(SECRET_KEY=None))
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_allowed_hosts_are_required():
    result = run(["manage.py", "check"], production_env(ALLOWED_HOSTS=" "))
    assert result.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable" in result.stderr


READ_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "DEBUG": s.DEBUG,
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": s.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "SECURE_HSTS_PRELOAD": s.SECURE_HSTS_PRELOAD,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": s.SESSION_COOKIE_HTTPONLY,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "SECURE_CONTENT_TYPE_NOSNIFF": s.SECURE_CONTENT_TYPE_NOSNIFF,
    "SECURE_REFERRER_POLICY": s.SECURE_REFERRER_POLICY,
    "X_FRAME_OPTIONS": s.X_FRAME_OPTIONS,
    "SECURE_PROXY_SSL_HEADER": list(s.SECURE_PROXY_SSL_HEADER),
    "STATICFILES_BACKEND": s.STORAGES["staticfiles"]["BACKEND"],
    "DEFAULT_STORAGE": s.STORAGES["default"]["BACKEND"],
    "MEDIA_URL": s.MEDIA_URL,
    "MIDDLEWARE": s.MIDDLEWARE,
    "CSP": {k: list(v) for k, v in s.CONTENT_SECURITY_POLICY["DIRECTIVES"].items()},
}))
"""


def test_production_security_settings():
    result = run(["-c", READ_SETTINGS], production_env())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == [
        "safetymap.eastbrook.example",
        "safetymap-admin.eastbrook.example",
    ]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["STATICFILES_BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert values["DEFAULT_STORAGE"] == "django.core.files.storage.FileSystemStorage"
    # Uploaded documents are never published at a URL.
    assert values["MEDIA_URL"] in ("", "/")
    assert "csp.middleware.CSPMiddleware" in values["MIDDLEWARE"]
    assert "safetymap.core.middleware.NoStoreForSignedInMiddleware" in values["MIDDLEWARE"]
    assert values["CSP"]["script-src"] == ["'self'"]
    assert values["CSP"]["frame-ancestors"] == ["'none'"]


def test_no_url_serves_uploaded_files():
    """Nothing in the URL configuration serves MEDIA_ROOT (no static() helper, no serve view)."""
    script = """
import django
django.setup()
from django.urls import get_resolver
from django.views.static import serve

def walk(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from walk(pattern.url_patterns)
        else:
            yield pattern

print(sum(1 for p in walk(get_resolver().url_patterns) if p.callback is serve))
"""
    result = run(["-c", script], production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0"


COLLECT_STATIC = """
import sys, django
from django.conf import settings
django.setup()
settings.STATIC_ROOT = sys.argv[1]
from django.core.management import call_command
call_command("collectstatic", interactive=False, verbosity=0)
"""


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="needs no database: run once, on SQLite"
)
def test_collectstatic_works_with_hashed_compressed_files(tmp_path):
    """The production storage hashes names and rewrites references in CSS and JavaScript; a
    reference to a missing file (a source map, a font) would fail the release here."""
    result = run(["-c", COLLECT_STATIC, str(tmp_path)], production_env())
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("css/main.css", "js/app.js", "js/htmx.min.js"):
        hashed = manifest[name]
        assert hashed != name
        assert (tmp_path / hashed).is_file()
        assert (tmp_path / f"{hashed}.gz").is_file()
