from django.urls import path

from safetymap.meetings import views

app_name = "meetings"
case = "cases/<uuid:case_uuid>/meetings/"
meeting = f"{case}<uuid:meeting_uuid>/"
urlpatterns = [
    path(case, views.meeting_list, name="list"),
    path(f"{case}plan/", views.meeting_plan, name="plan"),
    path(meeting, views.meeting_detail, name="meeting"),
    path(f"{meeting}edit/", views.meeting_edit, name="edit"),
    path(f"{meeting}cancel/", views.meeting_cancel, name="cancel"),
    path(f"{meeting}start/", views.meeting_start, name="start"),
    path(f"{meeting}finish/", views.meeting_finish, name="finish"),
    path(f"{meeting}next-date/", views.next_date, name="next_date"),
    path(f"{meeting}childs-views/", views.childs_views, name="childs_views"),
    path(f"{meeting}attendees/add/", views.attendee_add, name="attendee_add"),
    path(
        f"{meeting}attendees/<uuid:attendee_uuid>/edit/",
        views.attendee_edit,
        name="attendee_edit",
    ),
    path(
        f"{meeting}attendees/<uuid:attendee_uuid>/remove/",
        views.attendee_remove,
        name="attendee_remove",
    ),
    path(f"{meeting}actions/add/", views.action_add, name="action_add"),
    path(f"{meeting}calendar.ics", views.meeting_calendar, name="calendar"),
    path(f"{meeting}invite/", views.meeting_invite, name="invite"),
    path(f"{meeting}record/", views.meeting_record, name="record"),
    path(f"{meeting}record.pdf", views.meeting_pdf, name="pdf"),
    path("meetings/record.css", views.record_stylesheet, name="stylesheet"),
    path(f"{meeting}live/", views.meeting_live, name="live"),
    path(f"{meeting}live/board/", views.live_fragment, name="live_fragment"),
]
