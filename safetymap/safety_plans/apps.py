from django.apps import AppConfig


class SafetyPlansConfig(AppConfig):
    name = "safetymap.safety_plans"
    label = "safety_plans"

    def ready(self) -> None:
        from safetymap.cases.registry import (
            CasePanel,
            CaseTab,
            register_case_panel,
            register_case_tab,
        )
        from safetymap.networks.registry import register_expected_roles
        from safetymap.safety_plans.panel import panel_context
        from safetymap.safety_plans.selectors import roles_needed

        register_case_tab(CaseTab("safety_plan", "Safety plan", "safety_plans:plans", order=50))
        register_case_panel(
            CasePanel(
                key="safety_plans",
                template="safety_plans/partials/panel.html",
                context=panel_context,
                order=30,
            )
        )
        register_expected_roles(roles_needed)
        from safetymap.cases.registry import ChronologySource, register_chronology_source
        from safetymap.safety_plans.chronology import plan_events

        register_chronology_source(
            ChronologySource("safety_plans", "Safety plans", plan_events, order=60)
        )
