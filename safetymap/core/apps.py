from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safetymap.core"
    label = "core"
