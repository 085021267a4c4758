from django.urls import path

from safetymap.governance import printing, views

app_name = "governance"
urlpatterns = [
    # The case tab, for the managers of the child's team.
    path("cases/<uuid:case_uuid>/access/", views.case_access_log, name="case_access_log"),
    path(
        "cases/<uuid:case_uuid>/access/export.csv",
        views.case_access_log_export,
        name="case_access_log_export",
    ),
    # A printable copy of the record, for staff who can open it.
    path("cases/<uuid:case_uuid>/print/", printing.case_print, name="case_print"),
    # Information governance: access logs by case reference, and subject access requests.
    path("governance/", views.index, name="index"),
    path("governance/access-logs/", views.access_log_lookup, name="access_log_lookup"),
    path("governance/access-logs/<uuid:case_uuid>/", views.access_log, name="access_log"),
    path(
        "governance/access-logs/<uuid:case_uuid>/export.csv",
        views.access_log_export,
        name="access_log_export",
    ),
    path(
        "governance/subject-access-requests/",
        views.subject_access_search,
        name="subject_access_search",
    ),
    path(
        "governance/subject-access-requests/<uuid:person_uuid>/",
        views.subject_access_person,
        name="subject_access_person",
    ),
]
