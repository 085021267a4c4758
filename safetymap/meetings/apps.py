from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "safetymap.meetings"
    label = "meetings"

    def ready(self) -> None:
        from safetymap.cases.registry import (
            CaseTab,
            ChronologySource,
            register_case_tab,
            register_chronology_source,
        )
        from safetymap.meetings.access import register_chair_basis
        from safetymap.meetings.outcome_apps import register_outcomes
        from safetymap.meetings.selectors import chronology_events

        register_case_tab(CaseTab("meetings", "Meetings", "meetings:list", order=45))
        register_chronology_source(
            ChronologySource(key="meetings", label="Meetings", events=chronology_events, order=40)
        )
        register_chair_basis()
        register_outcomes()
