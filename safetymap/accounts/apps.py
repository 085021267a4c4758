from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "safetymap.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Signing in starts the idle clock (safetymap/accounts/sessions.py).
        from safetymap.accounts import sessions  # noqa: F401
