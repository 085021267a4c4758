from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "safetymap.referrals"
    label = "referrals"

    def ready(self) -> None:
        from safetymap.cases.registry import (
            CasePanel,
            ChronologySource,
            register_case_panel,
            register_chronology_source,
        )
        from safetymap.referrals.views import case_panel_context, chronology_events

        register_case_panel(
            CasePanel(
                key="referrals",
                template="referrals/partials/case_panel.html",
                context=case_panel_context,
                order=80,
            )
        )
        register_chronology_source(
            ChronologySource(
                key="referrals", label="Contacts and referrals", events=chronology_events, order=5
            )
        )
