"""A small OpenID Connect provider for tests, served on 127.0.0.1 from a thread.

It does what Microsoft Entra ID does in the authorisation code flow, and no more:

- GET  /authorize   checks client_id, redirect_uri and the PKCE challenge, "signs in" the
                    person the test chose (`provider.sign_in_as(...)`), and redirects back to
                    redirect_uri with a one-time code and the state;
- POST /token       exchanges the code (client secret, redirect_uri and PKCE verifier
                    checked) for an RS256-signed ID token with the chosen `sub`, the nonce,
                    `aud` = client id, `iss`, `iat`, `exp`, and whatever other claims were set;
- GET  /jwks        the public key, for checking the signature.

    with FakeProvider(client_id="safetymap", client_secret="s3cret") as provider:
        provider.sign_in_as("subject-123", email="jo@example.org")
        ...settings from provider.settings()...
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    nonce: str | None
    code_challenge: str | None
    claims: dict[str, Any]


@dataclass
class FakeProvider:
    client_id: str = "safetymap-test"
    client_secret: str = "fake-provider-secret"
    issuer_path: str = "/tenant/v2.0"
    # Tests can make the provider misbehave.
    wrong_audience: bool = False
    token_lifetime: int = 300
    signing_key: Any = None
    requests: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._kid = secrets.token_hex(8)
        self._grants: dict[str, _Grant] = {}
        self._next_claims: dict[str, Any] | None = None
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.last_authorize_query: dict[str, str] = {}

    # --- Running ---------------------------------------------------------------------------

    def __enter__(self) -> FakeProvider:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                provider._handle(self, "GET")

            def do_POST(self) -> None:
                provider._handle(self, "POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}"

    @property
    def issuer(self) -> str:
        return self.url + self.issuer_path

    def settings(self) -> dict[str, Any]:
        """Django settings pointing mozilla-django-oidc at this provider."""
        return {
            "SAFETYMAP_OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.url + "/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": self.url + "/token",
            "OIDC_OP_JWKS_ENDPOINT": self.url + "/jwks",
            "OIDC_OP_USER_ENDPOINT": self.url + "/userinfo",
            "SAFETYMAP_OIDC_ISSUER": self.issuer,
        }

    # --- What the person does at the provider ------------------------------------------------

    def sign_in_as(self, subject: str, **claims: Any) -> None:
        """The next /authorize signs in this person (the ID token's `sub` and other claims)."""
        self._next_claims = {"sub": subject, **claims}

    # --- HTTP ------------------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        parsed = urlparse(handler.path)
        self.requests.append(f"{method} {parsed.path}")
        if method == "GET" and parsed.path == "/authorize":
            self._authorize(handler, {k: v[0] for k, v in parse_qs(parsed.query).items()})
        elif method == "POST" and parsed.path == "/token":
            length = int(handler.headers.get("Content-Length") or 0)
            body = handler.rfile.read(length).decode()
            self._token(handler, {k: v[0] for k, v in parse_qs(body).items()})
        elif method == "GET" and parsed.path == "/jwks":
            jwk = json.loads(RSAAlgorithm.to_jwk(self._key.public_key()))
            jwk.update({"kid": self._kid, "alg": "RS256", "use": "sig"})
            self._json(handler, 200, {"keys": [jwk]})
        elif parsed.path == "/userinfo":
            # SafetyMap must not rely on this: answer something that would mislead it.
            self._json(handler, 200, {"sub": "userinfo-is-not-trusted", "email": "x@x.example"})
        else:
            self._json(handler, 404, {"error": "not_found"})

    def _authorize(self, handler: BaseHTTPRequestHandler, query: dict[str, str]) -> None:
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            self._json(handler, 400, {"error": "invalid_request"})
            return
        if self._next_claims is None:
            self._json(handler, 400, {"error": "nobody signed in at the fake provider"})
            return
        code = secrets.token_urlsafe(24)
        self._grants[code] = _Grant(
            client_id=query["client_id"],
            redirect_uri=query["redirect_uri"],
            nonce=query.get("nonce"),
            code_challenge=query.get("code_challenge"),
            claims=dict(self._next_claims),
        )
        self.last_authorize_query = query
        location = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.end_headers()

    def _token(self, handler: BaseHTTPRequestHandler, form: dict[str, str]) -> None:
        grant = self._grants.pop(form.get("code", ""), None)
        if (
            grant is None
            or form.get("grant_type") != "authorization_code"
            or form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
            or form.get("redirect_uri") != grant.redirect_uri
        ):
            self._json(handler, 400, {"error": "invalid_grant"})
            return
        if grant.code_challenge:
            verifier = form.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode()).digest()
            challenge = base64.urlsafe_b64encode(digest).decode().rstrip("=")
            if challenge != grant.code_challenge:
                self._json(handler, 400, {"error": "invalid_grant", "detail": "PKCE"})
                return
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": "someone-else" if self.wrong_audience else self.client_id,
            "iat": now,
            "nbf": now,
            "exp": now + self.token_lifetime,
            **grant.claims,
        }
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        key = self.signing_key or self._key
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        id_token = jwt.encode(claims, pem, algorithm="RS256", headers={"kid": self._kid})
        self._json(
            handler,
            200,
            {
                "access_token": secrets.token_urlsafe(16),
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            },
        )

    @staticmethod
    def _json(handler: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
