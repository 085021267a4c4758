from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "safetymap.meetings"
    label = "meetings"

    def ready(self) -> None:
        from safetymap.meetings.outcome_apps import register_outcomes

        register_outcomes()
