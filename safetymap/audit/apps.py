from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "safetymap.audit"
    label = "audit"
