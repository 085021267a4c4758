from django.urls import path

from safetymap.plain_language import views

app_name = "plain_language"
urlpatterns = [
    path("check/", views.check_page, name="check"),
    # The findings partial the live check (htmx) asks for as the worker types.
    path("check/live/", views.live_check, name="live"),
    path("glossary/", views.glossary, name="glossary"),
    path("glossary/retired/", views.glossary, {"retired": True}, name="glossary_retired"),
    path("glossary/add/", views.term_add, name="term_add"),
    path("glossary/<uuid:term_uuid>/", views.term_edit, name="term_edit"),
    path("glossary/<uuid:term_uuid>/retire/", views.term_retire, name="term_retire"),
    path("glossary/<uuid:term_uuid>/bring-back/", views.term_restore, name="term_restore"),
]
