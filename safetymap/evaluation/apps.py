from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "safetymap.evaluation"
    label = "evaluation"

    def ready(self) -> None:
        from safetymap.cases.registry import register_team_figure
        from safetymap.evaluation.figures import FIGURES

        # Registered like every other app's figures, so the dashboard shows them all one way.
        for figure in FIGURES:
            register_team_figure(figure)
