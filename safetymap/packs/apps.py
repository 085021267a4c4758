from django.apps import AppConfig


class PacksConfig(AppConfig):
    name = "safetymap.packs"
    label = "packs"

    def ready(self) -> None:
        from safetymap.cases.registry import CaseTab, register_case_tab
        from safetymap.packs.practice_sections import register_practice_sections
        from safetymap.packs.sections import register_map_sections

        register_case_tab(CaseTab("packs", "Family documents", "packs:list", order=70))
        register_map_sections()
        register_practice_sections()
