from django.urls import path

from safetymap.child_voice import views

app_name = "child_voice"
case = "cases/<uuid:case_uuid>/childs-voice/"
session = f"{case}<uuid:session_uuid>/"
entry = f"{session}words/<uuid:entry_uuid>/"
urlpatterns = [
    path(case, views.session_list, name="list"),
    path(f"{case}new/<slug:tool>/", views.session_new, name="session_new"),
    path(session, views.session_detail, name="session"),
    path(f"{session}change/", views.session_edit, name="session_edit"),
    path(f"{session}who-may-see-it/", views.session_consent, name="consent"),
    path(f"{session}share-without-agreement/", views.override_add, name="override_add"),
    path(
        f"{session}share-without-agreement/<uuid:override_uuid>/withdraw/",
        views.override_withdraw,
        name="override_withdraw",
    ),
    path(f"{session}words/add/", views.entry_add, name="entry_add"),
    path(f"{entry}change/", views.entry_edit, name="entry_edit"),
    path(f"{entry}carry-into-the-map/", views.entry_carry, name="entry_carry"),
    path(f"{session}drawings/add/", views.drawing_add, name="drawing_add"),
    path(f"{session}drawings/<uuid:drawing_uuid>/", views.drawing_image, name="drawing_image"),
]
