from django.urls import path

from safetymap.documents import views

app_name = "documents"
case = "cases/<uuid:case_uuid>/documents/"
urlpatterns = [
    path(case, views.document_list, name="list"),
    path(f"{case}upload/", views.document_upload, name="upload"),
    path(f"{case}<uuid:document_uuid>/download/", views.document_download, name="download"),
    path(f"{case}<uuid:document_uuid>/remove/", views.document_remove, name="remove"),
]
