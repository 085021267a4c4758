from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "safetymap.meetings"
    label = "meetings"

    def ready(self) -> None:
        from safetymap.meetings.access import register_chair_basis

        register_chair_basis()
