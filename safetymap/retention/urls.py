from django.urls import path

from safetymap.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("schedule/", views.rules, name="rules"),
    path("schedule/<uuid:rule_uuid>/", views.rule_edit, name="rule_edit"),
    path("due/", views.due, name="due"),
    path("holds/", views.holds, name="holds"),
    path("holds/<uuid:hold_uuid>/lift/", views.hold_lift, name="hold_lift"),
    path("lists/", views.batches, name="batches"),
    path("lists/propose/", views.propose, name="propose"),
    path("lists/<uuid:batch_uuid>/", views.batch, name="batch"),
    path("lists/<uuid:batch_uuid>/approve/", views.batch_approve, name="batch_approve"),
    path("lists/<uuid:batch_uuid>/destroy/", views.batch_destroy, name="batch_destroy"),
    path("lists/<uuid:batch_uuid>/cancel/", views.batch_cancel, name="batch_cancel"),
    path("destroyed/", views.records, name="records"),
]
