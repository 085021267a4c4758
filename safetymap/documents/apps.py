from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "safetymap.documents"
    label = "documents"

    def ready(self) -> None:
        from safetymap.cases.registry import (
            CaseTab,
            ShareableSource,
            register_case_tab,
            register_shareable,
        )
        from safetymap.documents.selectors import shareable_documents

        register_case_tab(CaseTab("documents", "Documents", "documents:list", order=60))
        register_shareable(ShareableSource("documents", shareable_documents, order=20))
