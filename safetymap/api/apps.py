from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "safetymap.api"
    label = "api"
