from django.urls import path

from . import oidc, views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/set-up/", views.two_factor_set_up, name="two_factor_set_up"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("confirm-its-you/", views.reauthenticate, name="reauth"),
    path("session/", views.session_status, name="session"),
    path("single-sign-on/", views.sso_links, name="sso_links"),
    path("single-sign-on/<uuid:user_uuid>/", views.sso_link, name="sso_link"),
    path("sso/start/", oidc.StartView.as_view(), name="oidc_start"),
    path("sso/callback/", oidc.CallbackView.as_view(), name="oidc_callback"),
]
