from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "safetymap.governance"
    label = "governance"

    def ready(self) -> None:
        from safetymap.cases.registry import (
            CasePanel,
            CaseTab,
            register_case_panel,
            register_case_tab,
        )
        from safetymap.governance.policies import access_log_tab_visible
        from safetymap.governance.printing import print_panel_context

        register_case_tab(
            CaseTab(
                "access",
                "Access to this record",
                "governance:case_access_log",
                order=90,
                visible_to=access_log_tab_visible,
            )
        )
        register_case_panel(
            CasePanel(
                "print",
                "governance/partials/print_panel.html",
                print_panel_context,
                order=1000,  # last: after everything it prints
            )
        )
