from django.urls import path

from safetymap.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.my_cases, name="my_cases"),
    path("team-cases/", views.team_cases, name="team_cases"),
    path("cases/<uuid:case_uuid>/", views.case_overview, name="case"),
    path("cases/<uuid:case_uuid>/child/edit/", views.child_edit, name="child_edit"),
    path("cases/<uuid:case_uuid>/people/add/", views.member_add, name="member_add"),
    path(
        "cases/<uuid:case_uuid>/people/<uuid:member_uuid>/edit/",
        views.member_edit,
        name="member_edit",
    ),
    path(
        "cases/<uuid:case_uuid>/people/<uuid:member_uuid>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("cases/<uuid:case_uuid>/service-level/", views.service_level_change, name="service_level"),
]
