from django.urls import path

from safetymap.packs import views

app_name = "packs"
case = "cases/<uuid:case_uuid>/family-documents/"
pack = f"{case}<uuid:pack_uuid>/"
urlpatterns = [
    path(case, views.pack_list, name="list"),
    path(f"{case}new/", views.pack_create, name="create"),
    path(f"{case}new/review/", views.pack_review, name="review"),
    path(pack, views.pack_detail, name="detail"),
    path(f"{pack}pdf/", views.pack_pdf, name="pdf"),
    path(f"{pack}make-again/", views.pack_regenerate, name="regenerate"),
    path("family-documents/pack.css", views.pack_stylesheet, name="stylesheet"),
]
