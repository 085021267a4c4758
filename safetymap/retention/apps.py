from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "safetymap.retention"
    label = "retention"
