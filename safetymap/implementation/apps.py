from django.apps import AppConfig


class ImplementationConfig(AppConfig):
    name = "safetymap.implementation"
    label = "implementation"

    def ready(self) -> None:
        from safetymap.cases.registry import (
            CaseTab,
            ChronologySource,
            register_case_tab,
            register_chronology_source,
        )
        from safetymap.implementation import selectors
        from safetymap.implementation.access import register_group_supervision_basis

        register_case_tab(CaseTab("supervision", "Supervision", "implementation:list", order=80))
        register_chronology_source(
            ChronologySource(
                key="supervision",
                label="Supervision",
                events=selectors.chronology_events,
                order=60,
            )
        )
        register_group_supervision_basis()
