from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "safetymap.networks"
    label = "networks"

    def ready(self) -> None:
        from safetymap.cases.registry import (
            CasePanel,
            CaseTab,
            register_case_panel,
            register_case_tab,
        )
        from safetymap.networks.views import glance_panel_context

        register_case_tab(CaseTab("network", "Safety network", "networks:network", order=50))
        register_case_panel(
            CasePanel(
                key="network",
                template="networks/partials/glance_panel.html",
                context=glance_panel_context,
                order=50,
            )
        )
        from safetymap.cases.registry import ChronologySource, register_chronology_source
        from safetymap.networks.chronology import meeting_events

        register_chronology_source(
            ChronologySource(
                "network_meetings", "Safety network meetings", meeting_events, order=50
            )
        )
