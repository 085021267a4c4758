from django.urls import path

from safetymap.meetings import outcome_views as views

app_name = "meeting_outcomes"
meeting = "cases/<uuid:case_uuid>/meetings/<uuid:meeting_uuid>/"
urlpatterns = [
    path(f"{meeting}scales/", views.scales, name="scales"),
    path(f"{meeting}scales/show-everyone/", views.scales_reveal, name="reveal"),
    path(f"{meeting}scales/<uuid:attendee_uuid>/", views.scale_enter, name="scale_enter"),
    path(f"{meeting}decision/", views.decision, name="decision"),
    path(f"{meeting}decision/correct/", views.decision_correct, name="decision_correct"),
]
