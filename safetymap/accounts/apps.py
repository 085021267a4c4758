from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "safetymap.accounts"
    label = "accounts"
