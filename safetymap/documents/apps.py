from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "safetymap.documents"
    label = "documents"

    def ready(self) -> None:
        from safetymap.cases.registry import CaseTab, register_case_tab

        register_case_tab(CaseTab("documents", "Documents", "documents:list", order=60))
