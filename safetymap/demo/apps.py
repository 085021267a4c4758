from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "safetymap.demo"
    label = "demo"
