"""Signing in and out."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    """The sign-in page. Signed-in users who come back here go straight on."""

    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True


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
