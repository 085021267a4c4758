"""Settings for the test suite: fast hashing, in-memory SQLite unless DATABASE_URL is set."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASE_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Uploaded files from tests never land in the repository's media/ (document tests use tmp_path).
MEDIA_ROOT = Path(tempfile.gettempdir()) / "safetymap-test-media"
DEBUG = False
if not DATABASE_URL:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ":memory:",
            "TEST": {"NAME": ":memory:"},
        }
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests sign in with `client.force_login`; safetymap/accounts/tests switch two-factor back on
# to test it, and tests/twofactor.py signs a test client in with a verified device.
SAFETYMAP_REQUIRE_TWO_FACTOR = False
