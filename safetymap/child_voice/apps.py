from django.apps import AppConfig


class ChildVoiceConfig(AppConfig):
    name = "safetymap.child_voice"
    label = "child_voice"
    verbose_name = "The child's voice"

    def ready(self) -> None:
        from safetymap.cases.registry import (
            CasePanel,
            CaseTab,
            register_case_panel,
            register_case_tab,
            register_withheld_from_partners,
        )
        from safetymap.child_voice.panels import lead_panel, map_sources
        from safetymap.child_voice.selectors import carried_words_professionals_may_not_see
        from safetymap.mapping.registry import register_source_finder

        register_case_tab(CaseTab("child_voice", "Child’s voice", "child_voice:list", order=15))
        register_case_panel(
            CasePanel(
                key="child_voice",
                template="child_voice/partials/lead_panel.html",
                context=lead_panel,
                order=10,
                placement="lead",
            )
        )
        register_source_finder(map_sources)
        register_withheld_from_partners(carried_words_professionals_may_not_see)
        from safetymap.cases.registry import ChronologySource, register_chronology_source
        from safetymap.child_voice.chronology import session_events

        register_chronology_source(
            ChronologySource("child_voice", "Child’s voice sessions", session_events, order=30)
        )
