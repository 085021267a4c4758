"""Signing in and out, the second step (authenticator app or recovery code), setting up an
authenticator, recovery codes, "Confirm it's you", the session's idle clock, and single
sign-on links (for council administrators)."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from safetymap.accounts import reauth, selectors, services, sessions, twofactor
from safetymap.accounts.forms import (
    ReauthForm,
    SetUpForm,
    SignInForm,
    StaffSearchForm,
    SubjectForm,
    TwoFactorForm,
)
from safetymap.accounts.models import User
from safetymap.accounts.oidc import oidc_enabled, provider_name

LOW_ON_RECOVERY_CODES = 3
PEOPLE_PER_PAGE = 25


def _next_url(request: HttpRequest, default: str | None = None) -> str:
    """The safe `next` address from the query string or form, or the signed-in home page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


def _user(request: HttpRequest) -> User:
    user: Any = request.user
    assert isinstance(user, User)
    return user


class SignInView(auth_views.LoginView):
    """The sign-in page. Signed-in users who come back here go straight on; after a right
    password, people go on to the second step."""

    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = str(super().get_success_url())
        if twofactor.needs_two_factor(self.request):
            return _with_next(reverse("accounts:two_factor"), url)
        return url

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc_enabled()
        context["oidc_provider"] = provider_name()
        if context["oidc_enabled"]:
            start = reverse("accounts:oidc_start")
            next_url = context.get("next")
            context["oidc_start_url"] = _with_next(start, next_url) if next_url else start
        return context


class SignOutView(auth_views.LogoutView):
    """Sign out. POST only (a link could be followed by a prefetcher or another site)."""

    http_method_names = ["post", "options"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            # The session has been flushed; the message travels in its own cookie.
            messages.success(request, "You have signed out")
        return response


# --- The second step ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enter the code from your authenticator app (or, with ?recovery=1, a recovery code)."""
    user = _user(request)
    next_url = _next_url(request)
    if twofactor.is_two_factor_verified(request):
        return HttpResponseRedirect(next_url)
    device = twofactor.totp_device(user)
    codes_left = twofactor.recovery_codes_left(user)
    if device is None and codes_left == 0:
        return HttpResponseRedirect(_with_next(reverse("accounts:two_factor_set_up"), next_url))
    recovery = device is None or (request.POST or request.GET).get("recovery") == "1"

    form = TwoFactorForm(request.POST or None, recovery=recovery)
    if request.method == "POST" and form.is_valid():
        if twofactor.throttled(user, recovery=recovery):
            form.wrong_code(throttled=True)
        elif (verified := twofactor.verify_code(user, form.cleaned_data["code"])) is not None:
            twofactor.mark_verified(request, verified)
            if recovery:
                left = twofactor.recovery_codes_left(user)
                _recovery_code_used_message(request, left, has_app=device is not None)
            return HttpResponseRedirect(next_url)
        else:
            form.wrong_code()
    return render(
        request,
        "accounts/two_factor.html",
        {
            "form": form,
            "recovery": recovery,
            "has_app": device is not None,
            "codes_left": codes_left,
            "next": next_url,
            "recovery_url": _with_next(reverse("accounts:two_factor"), next_url) + "&recovery=1",
            "app_url": _with_next(reverse("accounts:two_factor"), next_url),
        },
    )


def _recovery_code_used_message(request: HttpRequest, left: int, *, has_app: bool) -> None:
    plural = "code" if left == 1 else "codes"
    text = f"You used a recovery code. You have {left} recovery {plural} left."
    if not has_app:
        text += " Set up your authenticator app again from Your account."
    elif left <= LOW_ON_RECOVERY_CODES:
        text += " Get new recovery codes from Your account."
    messages.warning(request, text)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    """Set up your authenticator app: a QR code (and the secret to type in), then a code
    from the app to prove it works. The first time, recovery codes follow.

    Someone who already has an app can replace it only once signed in with it and having
    confirmed it's them (a lost phone: sign in with a recovery code, then come here).
    """
    user = _user(request)
    next_url = _next_url(request)
    has_app = twofactor.totp_device(user) is not None
    if has_app or twofactor.recovery_codes_left(user):
        if not twofactor.is_two_factor_verified(request):
            return HttpResponseRedirect(_with_next(reverse("accounts:two_factor"), next_url))
        if not reauth.has_recent_auth(request):
            return HttpResponseRedirect(reauth.reauth_url(request.get_full_path()))

    key = request.session.get(twofactor.SETUP_KEY_SESSION_KEY)
    if not isinstance(key, str) or not twofactor.key_is_valid(key):
        key = twofactor.new_totp_key()
        request.session[twofactor.SETUP_KEY_SESSION_KEY] = key

    form = SetUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        time_step = twofactor.code_matches_key(key, form.cleaned_data["code"])
        if time_step is not None:
            result = services.two_factor_set_up(actor=user, key_hex=key, time_step=time_step)
            del request.session[twofactor.SETUP_KEY_SESSION_KEY]
            if not twofactor.is_two_factor_verified(request):
                twofactor.mark_verified(request, result.device)
            if result.recovery_codes:
                request.session[twofactor.NEW_RECOVERY_CODES_SESSION_KEY] = result.recovery_codes
                return HttpResponseRedirect(
                    _with_next(reverse("accounts:recovery_codes"), next_url)
                )
            messages.success(request, "Your new authenticator app is set up")
            return HttpResponseRedirect(next_url)
        form.wrong_code()

    secret = twofactor.base32_secret(key)
    return render(
        request,
        "accounts/two_factor_set_up.html",
        {
            "form": form,
            "qr_code": twofactor.qr_data_uri(twofactor.otpauth_uri(user, key)),
            "secret": twofactor.grouped(secret),
            "replacing": has_app,
            "next": next_url,
            "issuer": settings.OTP_TOTP_ISSUER,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes are shown here once; afterwards the page says how many are left
    and makes new ones (which needs "Confirm it's you")."""
    user = _user(request)
    if request.method == "POST":
        if not reauth.has_recent_auth(request):
            return HttpResponseRedirect(reauth.reauth_url(reverse("accounts:recovery_codes")))
        codes = services.recovery_codes_regenerate(actor=user)
        request.session[twofactor.NEW_RECOVERY_CODES_SESSION_KEY] = codes
        return HttpResponseRedirect(reverse("accounts:recovery_codes"))

    new_codes = request.session.pop(twofactor.NEW_RECOVERY_CODES_SESSION_KEY, None) or []
    next_url = _next_url(request, default=reverse("accounts:account"))
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "new_codes": [twofactor.format_recovery_code(code) for code in new_codes],
            "codes_left": twofactor.recovery_codes_left(user),
            "next": next_url,
        },
    )


# --- Confirm it's you --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def reauthenticate(request: HttpRequest) -> HttpResponse:
    """Confirm it's you: the password and a current code again, before a sensitive action."""
    user = _user(request)
    next_url = _next_url(request)
    ask_password = user.has_usable_password()
    has_app = twofactor.totp_device(user) is not None
    ask_code = twofactor.has_second_factor(user)
    recovery = ask_code and (not has_app or (request.POST or request.GET).get("recovery") == "1")
    sso_only = not ask_password and not ask_code
    form = ReauthForm(
        request.POST or None,
        user=user,
        ask_password=ask_password,
        ask_code=ask_code,
        recovery=recovery,
    )
    if request.method == "POST" and not sso_only and form.is_valid():
        ok = True
        if ask_password:
            # Through authenticate(), so wrong passwords here count towards the lock-out.
            checked = authenticate(
                request, username=user.get_username(), password=form.cleaned_data["password"]
            )
            if checked is None or checked.pk != user.pk:
                form.add_error("password", "The password is not right")
                ok = False
        if ok and ask_code:
            if twofactor.throttled(user, recovery=recovery):
                form.wrong_code(throttled=True)
                ok = False
            elif twofactor.verify_code(user, form.cleaned_data["code"]) is None:
                form.wrong_code()
                ok = False
        if ok:
            reauth.mark_recent_auth(request)
            return HttpResponseRedirect(next_url)
    minutes = max(1, reauth.default_max_age() // 60)
    reauth_base = _with_next(reverse("accounts:reauth"), next_url)
    context = {
        "form": form,
        "next": next_url,
        "ask_code": ask_code,
        "recovery": recovery,
        "has_app": has_app,
        "sso_only": sso_only,
        "minutes": minutes,
        "recovery_url": reauth_base + "&recovery=1",
        "app_url": reauth_base,
    }
    if sso_only and oidc_enabled():
        context["oidc_url"] = (
            f"{reverse('accounts:oidc_start')}?{urlencode({'next': next_url, 'reauth': '1'})}"
        )
        context["oidc_provider"] = provider_name()
    return render(request, "accounts/reauth.html", context)


# --- Your account ------------------------------------------------------------------------


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """How you sign in: your authenticator app, recovery codes and single sign-on."""
    user = _user(request)
    device = twofactor.totp_device(user)
    return render(
        request,
        "accounts/account.html",
        {
            "device": device,
            "codes_left": twofactor.recovery_codes_left(user),
            "sso_linked": bool(user.oidc_subject),
            "oidc_enabled": oidc_enabled(),
            "oidc_provider": provider_name(),
            "idle_minutes": max(1, sessions.idle_timeout_seconds() // 60),
        },
    )


# --- Single sign-on links (council administrators) ---------------------------------------


def council_administrator_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Signed in and a council administrator; anyone else is refused (403) before anything
    is looked up."""

    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _user(request).is_council_administrator:
            raise PermissionDenied("Only council administrators can link single sign-on.")
        return view(request, *args, **kwargs)

    return wrapped


@council_administrator_required
@require_http_methods(["GET"])
def sso_links(request: HttpRequest) -> HttpResponse:
    """Everyone who can sign in, whether each is linked to single sign-on, found by name."""
    form = StaffSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    page = Paginator(selectors.people_for_sign_in_admin(query), PEOPLE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/sso_links.html",
        {
            "form": form,
            "query": query,
            "page_obj": page,
            "people": page.object_list,
            "oidc_enabled": oidc_enabled(),
            "oidc_provider": provider_name(),
        },
    )


@council_administrator_required
@require_http_methods(["GET", "POST"])
@reauth.recent_auth_required()
def sso_link(request: HttpRequest, user_uuid: uuid.UUID) -> HttpResponse:
    """Link one person to their single sign-on subject, change it, or unlink them. Needs a
    recent "Confirm it's you": a link lets whoever holds that identity sign in as them."""
    person = selectors.get_person(user_uuid)
    unlinking = request.method == "POST" and "unlink" in request.POST
    form = SubjectForm(request.POST if request.method == "POST" and not unlinking else None)
    if unlinking or form.is_valid():
        subject = None if unlinking else form.cleaned_data["subject"]
        try:
            services.user_link_oidc_subject(actor=_user(request), user=person, subject=subject)
        except ValidationError as error:
            form.add_error("subject", error)
        else:
            name = person.display_name
            messages.success(
                request,
                f"{name} can now sign in with single sign-on"
                if subject
                else f"{name} can no longer sign in with single sign-on",
            )
            return redirect("accounts:sso_link", user_uuid=person.uuid)
    return render(
        request,
        "accounts/sso_link.html",
        {
            "form": form,
            "person": person,
            "oidc_enabled": oidc_enabled(),
            "oidc_provider": provider_name(),
        },
    )


# --- The session's idle clock ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def session_status(request: HttpRequest) -> JsonResponse:
    """GET: how long the session has left (asking does not count as activity).
    POST: "Stay signed in" (IdleSessionMiddleware has just counted it as activity).
    401 when not signed in (or no longer)."""
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "You are not signed in", "seconds_left": 0}, status=401)
    if request.method == "POST":
        sessions.record_activity(request, force=True)
    return JsonResponse(
        {
            "seconds_left": sessions.seconds_left(request),
            "idle_seconds": sessions.idle_timeout_seconds(),
            "warning_seconds": sessions.warning_seconds(),
        }
    )
