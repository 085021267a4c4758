"""Security headers, Content Security Policy, cookies and uploads (imported by base.py).

These apply everywhere (development, tests and production), so a page that breaks the policy
breaks on a developer's machine first. The settings that only make sense behind HTTPS (HSTS,
secure cookies, the TLS redirect) are in production.py. docs/deployment.md explains each.
"""

from __future__ import annotations

import os

from csp.constants import NONE, SELF

# --- Content Security Policy (django-csp 4, csp.middleware.CSPMiddleware in MIDDLEWARE) ------
# Nothing inline: no <script> or <style> elements in templates, no style= or on…= attributes,
# no eval (htmx runs with allowEval false). Every script and style sheet is a file we serve.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# --- Other response headers (Django's SecurityMiddleware and XFrameOptionsMiddleware) --------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Cookies -----------------------------------------------------------------------------
# Secure-only cookies are switched on in production.py (development serves plain HTTP).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Uploads (safetymap.documents) -------------------------------------------------------
# Files are kept through Django's storage API under MEDIA_ROOT, which is never served at a
# URL: every download goes through a case page that checks access and records it.
SAFETYMAP_UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# Large uploads stream to a temporary file rather than memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Stored files readable by the application's user and group only.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
