from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "safetymap.meetings"
    label = "meetings"
