from django.urls import path

from safetymap.cases import views, views_access, views_chronology, views_sharing

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
    # The case journey: the chronology, closing and reopening (views_chronology.py).
    path("cases/<uuid:case_uuid>/chronology/", views_chronology.chronology, name="chronology"),
    path(
        "cases/<uuid:case_uuid>/chronology/add/",
        views_chronology.chronology_add,
        name="chronology_add",
    ),
    path(
        "cases/<uuid:case_uuid>/chronology/export/",
        views_chronology.chronology_export,
        name="chronology_export",
    ),
    path(
        "cases/<uuid:case_uuid>/chronology/print/",
        views_chronology.chronology_print,
        name="chronology_print",
    ),
    path(
        "cases/<uuid:case_uuid>/chronology/<uuid:chronology_entry_uuid>/",
        views_chronology.chronology_entry,
        name="chronology_entry",
    ),
    path(
        "cases/<uuid:case_uuid>/chronology/<uuid:chronology_entry_uuid>/correct/",
        views_chronology.chronology_correct,
        name="chronology_correct",
    ),
    path("cases/<uuid:case_uuid>/close/", views_chronology.case_close, name="case_close"),
    path("cases/<uuid:case_uuid>/reopen/", views_chronology.case_reopen, name="case_reopen"),
    # Who may open a record: emergency access, restrictions, sharing (views_access.py).
    path("find-a-record/", views_access.find_record, name="find_record"),
    path(
        "cases/<uuid:case_uuid>/emergency-access/",
        views_access.break_glass_request,
        name="break_glass_request",
    ),
    path(
        "cases/<uuid:case_uuid>/emergency-access/finish/",
        views_access.break_glass_finish,
        name="break_glass_finish",
    ),
    path("emergency-access/", views_access.break_glass_reviews, name="break_glass_reviews"),
    path(
        "emergency-access/<uuid:grant_uuid>/",
        views_access.break_glass_review,
        name="break_glass_review",
    ),
    path("restricted-records/", views_access.restricted_records, name="restricted_records"),
    path("cases/<uuid:case_uuid>/restriction/", views_access.restriction, name="restriction"),
    path(
        "cases/<uuid:case_uuid>/restriction/change/",
        views_access.restriction_change,
        name="restriction_change",
    ),
    path(
        "cases/<uuid:case_uuid>/restriction/lift/",
        views_access.restriction_lift,
        name="restriction_lift",
    ),
    path(
        "cases/<uuid:case_uuid>/restriction/allow-list/add/",
        views_access.restriction_allow_add,
        name="restriction_allow_add",
    ),
    path(
        "cases/<uuid:case_uuid>/restriction/allow-list/<uuid:allowance_uuid>/remove/",
        views_access.restriction_allow_remove,
        name="restriction_allow_remove",
    ),
    path("cases/<uuid:case_uuid>/sharing/", views_access.sharing, name="sharing"),
    path(
        "cases/<uuid:case_uuid>/sharing/<uuid:share_uuid>/end/",
        views_access.share_end,
        name="share_end",
    ),
    path(
        "cases/<uuid:case_uuid>/sharing/<uuid:share_uuid>/choose/",
        views_sharing.share_choose,
        name="share_choose",
    ),
    path("shared-with-me/", views_access.shared_with_me, name="shared_with_me"),
]
