from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "safetymap.mapping"
    label = "mapping"

    def ready(self) -> None:
        from safetymap.cases.registry import (
            CaseListColumns,
            CaseTab,
            register_case_list_columns,
            register_case_tab,
        )
        from safetymap.mapping.selectors import annotate_case_list

        register_case_tab(CaseTab("map", "The map", "mapping:map", order=20))
        register_case_tab(CaseTab("scales", "Scales", "mapping:scales", order=30))
        register_case_tab(CaseTab("versions", "Versions", "mapping:versions", order=40))
        register_case_list_columns(
            CaseListColumns(
                headers=("Overall scale", "Next steps", "Map last changed"),
                cells_template="mapping/partials/case_list_cells.html",
                annotate=annotate_case_list,
                order=10,
            )
        )
