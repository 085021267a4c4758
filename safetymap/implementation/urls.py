from django.urls import path

from safetymap.implementation import views

app_name = "implementation"
base = "cases/<uuid:case_uuid>/supervision/"
group = f"{base}group/<uuid:group_uuid>/"
urlpatterns = [
    path("supervision/group/", views.my_group_supervision, name="mine"),
    path(base, views.supervision_list, name="list"),
    path(f"{base}case/add/", views.supervision_add, name="supervision_add"),
    path(f"{base}case/<uuid:supervision_uuid>/", views.supervision_page, name="supervision"),
    path(f"{base}group/add/", views.group_add, name="group_add"),
    path(group, views.group_page, name="group"),
    path(f"{group}add/<slug:entry_kind>/", views.group_entry_add, name="group_entry_add"),
    path(f"{group}scales/add/", views.group_scale_add, name="group_scale_add"),
    path(f"{group}decisions/add/", views.group_decision_add, name="group_decision_add"),
    path(f"{group}summary/", views.group_summary, name="group_summary"),
]
