from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "safetymap.notifications"
    label = "notifications"
