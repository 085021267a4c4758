from django.apps import AppConfig


class GovukConfig(AppConfig):
    name = "safetymap.govuk"
    label = "govuk"
