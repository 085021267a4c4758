from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "safetymap.mapping"
    label = "mapping"

    def ready(self) -> None:
        from safetymap.cases.registry import (
            CaseListColumns,
            CaseTab,
            ShareableSource,
            register_case_list_columns,
            register_case_tab,
            register_shareable,
        )
        from safetymap.mapping.selectors import annotate_case_list, shareable_map

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
        register_shareable(ShareableSource("map", shareable_map, order=10))
        from safetymap.cases.registry import ChronologySource, register_chronology_source
        from safetymap.mapping.chronology import map_version_events

        register_chronology_source(
            ChronologySource("map_versions", "Map versions", map_version_events, order=20)
        )
