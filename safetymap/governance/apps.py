from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "safetymap.governance"
    label = "governance"
