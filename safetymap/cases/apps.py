from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "safetymap.cases"
    label = "cases"
