from django.urls import path

from safetymap.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("team-dashboard/", views.home, name="home"),
    path("team-dashboard/<uuid:team_uuid>/", views.dashboard, name="dashboard"),
    path(
        "team-dashboard/<uuid:team_uuid>/<slug:figure_key>/",
        views.figure_cases,
        name="figure",
    ),
]
