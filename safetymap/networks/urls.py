from django.urls import path

from safetymap.networks import views

app_name = "networks"
network = "cases/<uuid:case_uuid>/network/"
member = f"{network}<uuid:network_member_uuid>/"
urlpatterns = [
    path(network, views.network_page, name="network"),
    path(f"{network}add/", views.member_add, name="member_add"),
    path(f"{member}edit/", views.member_edit, name="member_edit"),
    path(f"{member}seen/", views.member_seen, name="member_seen"),
    path(f"{member}words-and-pictures-seen/", views.member_story_seen, name="member_story_seen"),
    path(f"{member}agreed/", views.member_agreed, name="member_agreed"),
    path(f"{member}checks/add/", views.check_add, name="check_add"),
    path(f"{member}remove/", views.member_remove, name="member_remove"),
    path(f"{network}meetings/", views.meetings_page, name="meetings"),
    path(f"{network}meetings/add/", views.meeting_add, name="meeting_add"),
]
