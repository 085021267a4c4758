"""Single sign-on with the council's Microsoft Entra ID over OpenID Connect.

mozilla-django-oidc runs the authorisation code flow (with PKCE and a nonce); SafetyMap
changes who it signs in:

- the person is found by the ID token's subject (`sub`) in User.oidc_subject, and by nothing
  else: not email, not name (an email address can be reassigned; the subject cannot);
- nobody is ever created: a subject no administrator has linked is refused, with a message
  giving the person a reference to pass to their administrator;
- the ID token must be for this service (`aud`) and, when SAFETYMAP_OIDC_ISSUER is set,
  from the council's tenant (`iss`); its signature, expiry and nonce are checked by
  mozilla-django-oidc;
- it is all off unless SAFETYMAP_OIDC_ENABLED is True: the views answer 404 and the backend
  signs nobody in.

After single sign-on the person still confirms a code from their authenticator app, unless
SAFETYMAP_OIDC_TRUSTS_IDP_MFA says the identity provider already asked for a second factor.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from safetymap.accounts import reauth, twofactor
from safetymap.accounts.models import User

log = logging.getLogger(__name__)

# Why the last single sign-on failed, for the message on the sign-in page.
FAILURE_ATTRIBUTE = "safetymap_oidc_failure"
# Set when single sign-on is used to confirm it's you rather than to sign in.
REAUTH_SESSION_KEY = "safetymap_oidc_reauth_next"

NOT_LINKED_MESSAGE = (
    "Your {provider} account is not linked to {service}. Ask your {service} administrator "
    "to link it, and give them this reference: {subject}"
)
FAILED_MESSAGE = (
    "We could not sign you in with {provider}. Try again, or sign in with your username "
    "and password."
)


def oidc_enabled() -> bool:
    return bool(getattr(settings, "SAFETYMAP_OIDC_ENABLED", False))


def provider_name() -> str:
    return str(getattr(settings, "SAFETYMAP_OIDC_PROVIDER_NAME", "Microsoft"))


class SubjectBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Signs in the person whose User.oidc_subject is the ID token's `sub`. Never creates
    anyone, never matches on email. Does nothing while single sign-on is switched off."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # mozilla-django-oidc reads (and insists on) its settings here; wait until a
        # single sign-on callback actually needs them, so switching it off is enough.
        self.UserModel = User

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if not oidc_enabled() or request is None:
            return None
        # Only the callback view calls authenticate() with a nonce; a password sign-in
        # (username and password) must never start a token exchange.
        if "nonce" not in kwargs or "username" in kwargs or "password" in kwargs:
            return None
        super().__init__()
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.InvalidTokenError, requests.RequestException) as error:
            # A token that is not for us, badly signed or stale, or a provider that did not
            # answer: refuse, and say so plainly rather than with an error page.
            log.warning("Single sign-on failed: %s", error)
            setattr(request, FAILURE_ATTRIBUTE, ("failed", ""))
            return None
        return user

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token is not for this service.")
        issuer = getattr(settings, "SAFETYMAP_OIDC_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The ID token is from another issuer.")
        if not payload.get("sub"):
            raise SuspiciousOperation("The ID token has no subject.")
        return payload

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        """Find the person by the verified ID token's subject. The userinfo endpoint is not
        asked: the signed ID token is the only source trusted."""
        subject = str(payload["sub"])
        user = User.objects.filter(oidc_subject=subject).first()
        request = self.request
        if user is None:
            log.warning(
                "Single sign-on refused: subject %s is not linked to anyone (email claim %r)",
                subject,
                payload.get("email") or payload.get("preferred_username"),
            )
            setattr(request, FAILURE_ATTRIBUTE, ("not_linked", subject))
            return None
        if not user.is_active:
            setattr(request, FAILURE_ATTRIBUTE, ("inactive", subject))
            return None
        return user

    def get_user(self, user_id: Any) -> User | None:
        try:
            return User.objects.get(pk=user_id)
        except User.DoesNotExist:
            return None


class StartView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Sends the person to the identity provider (404 while single sign-on is off)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The parent reads its settings here; do it only when switched on (in dispatch).
        pass

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not oidc_enabled():
            raise Http404("Single sign-on is not switched on.")
        super().__init__()
        request.session.pop(REAUTH_SESSION_KEY, None)
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        params: dict[str, str] = dict(super().get_extra_params(request))
        if self._is_reauth(request):
            # "Confirm it's you" with the identity provider: make it ask for the password.
            params.update({"prompt": "login", "max_age": "0"})
        return params

    def get(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = super().get(request)
        if self._is_reauth(request):
            request.session[REAUTH_SESSION_KEY] = request.session.get("oidc_login_next") or "/"
        return response

    @staticmethod
    def _is_reauth(request: HttpRequest) -> bool:
        return request.GET.get("reauth") == "1" and request.user.is_authenticated


class CallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """Where the identity provider sends the person back. Signs them in (or confirms it's
    them), and says plainly why when it cannot."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not oidc_enabled():
            raise Http404("Single sign-on is not switched on.")
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    @property
    def failure_url(self) -> str:
        return reverse("accounts:login")

    def login_failure(self) -> HttpResponse:
        request = self.request
        reason = getattr(request, FAILURE_ATTRIBUTE, None)
        provider = provider_name()
        if reason and reason[0] == "not_linked":
            messages.error(
                request,
                NOT_LINKED_MESSAGE.format(
                    provider=provider, service=settings.SAFETYMAP_SERVICE_NAME, subject=reason[1]
                ),
            )
        else:
            messages.error(request, FAILED_MESSAGE.format(provider=provider))
        return HttpResponseRedirect(self.failure_url)

    def login_success(self) -> HttpResponse:
        request = self.request
        reauth_next = request.session.pop(REAUTH_SESSION_KEY, None)
        if reauth_next is not None and request.user.is_authenticated:
            if request.user.pk != self.user.pk:
                messages.error(
                    request, "That was a different account. Confirm it's you with your own."
                )
                return HttpResponseRedirect(reverse("accounts:reauth"))
            reauth.mark_recent_auth(request)
            return HttpResponseRedirect(reauth_next or "/")
        response: HttpResponse = super().login_success()
        if settings.SAFETYMAP_OIDC_TRUSTS_IDP_MFA:
            request.session[twofactor.IDP_MFA_SESSION_KEY] = True
        if twofactor.needs_two_factor(request):
            query = urlencode({"next": self.success_url})
            return HttpResponseRedirect(f"{reverse('accounts:two_factor')}?{query}")
        return response
