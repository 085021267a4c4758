from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "safetymap.cases"
    label = "cases"

    def ready(self) -> None:
        from safetymap.cases.chronology import closure_events, service_level_events
        from safetymap.cases.registry import (
            CaseTab,
            ChronologySource,
            register_case_tab,
            register_chronology_source,
        )

        register_case_tab(CaseTab("chronology", "Chronology", "cases:chronology", order=65))
        register_chronology_source(
            ChronologySource(
                "service_level", "Opening and steps up and down", service_level_events, order=10
            )
        )
        register_chronology_source(
            ChronologySource("closure", "Closure and reopening", closure_events, order=90)
        )
