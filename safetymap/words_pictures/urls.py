from django.urls import path

from safetymap.words_pictures import views

app_name = "words_pictures"
case = "cases/<uuid:case_uuid>/words-and-pictures/"
story = f"{case}<uuid:story_uuid>/"
version = f"{story}versions/<int:number>/"
urlpatterns = [
    path(case, views.story_list, name="list"),
    path(f"{case}start/", views.story_start, name="start"),
    path(story, views.story_detail, name="story"),
    path(f"{story}new-version/", views.version_start, name="version_start"),
    path(f"{story}compare/", views.version_compare, name="compare"),
    path(version, views.version_detail, name="version"),
    path(f"{version}story/", views.version_book, name="book"),
    path(f"{version}edit/", views.version_edit, name="edit"),
    path(f"{version}panels/<uuid:panel_uuid>/picture/", views.panel_picture, name="picture"),
    path(f"{version}parents/", views.version_parents, name="parents"),
    path(f"{version}given/", views.version_given, name="given"),
]
