from django.urls import path

from safetymap.referrals import views

app_name = "referrals"
referral = "front-door/<uuid:referral_uuid>/"
urlpatterns = [
    path("front-door/", views.front_door, name="front_door"),
    path("front-door/record/", views.record_contact, name="record"),
    path(referral, views.referral_page, name="referral"),
    path(f"{referral}find-the-child/", views.find_child, name="find_child"),
    path(f"{referral}decision/", views.decide, name="decide"),
]
