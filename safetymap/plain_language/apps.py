from django.apps import AppConfig


class PlainLanguageConfig(AppConfig):
    name = "safetymap.plain_language"
    label = "plain_language"
    verbose_name = "Plain language"
