from django.apps import AppConfig


class WordsPicturesConfig(AppConfig):
    name = "safetymap.words_pictures"
    label = "words_pictures"
    verbose_name = "Words and Pictures"

    def ready(self) -> None:
        from safetymap.cases.registry import (
            CasePanel,
            CaseTab,
            register_case_panel,
            register_case_tab,
        )
        from safetymap.words_pictures.views import overview_panel

        register_case_tab(
            CaseTab("words_pictures", "Words and Pictures", "words_pictures:list", order=50)
        )
        register_case_panel(
            CasePanel(
                key="words_pictures",
                template="words_pictures/partials/overview_panel.html",
                context=overview_panel,
                order=50,
                placement="main",
            )
        )
        from safetymap.cases.registry import ChronologySource, register_chronology_source
        from safetymap.words_pictures.chronology import given_events

        register_chronology_source(
            ChronologySource("words_pictures", "Words and Pictures given", given_events, order=40)
        )
