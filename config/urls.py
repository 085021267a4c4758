"""Top-level URLs: each app owns its own urls.py."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("safetymap.cases.urls")),
    path("", include("safetymap.mapping.urls")),
    path("accounts/", include("safetymap.accounts.urls")),
    path("notifications/", include("safetymap.notifications.urls")),
    path("", include("safetymap.documents.urls")),
    path("", include("safetymap.networks.urls")),
    path("", include("safetymap.words_pictures.urls")),
    path("", include("safetymap.safety_plans.urls")),
    path("", include("safetymap.packs.urls")),
    path("", include("safetymap.child_voice.urls")),
    path("", include("safetymap.referrals.urls")),
    path("", include("safetymap.implementation.urls")),
    path("", include("safetymap.meetings.urls")),
    path("", include("safetymap.meetings.outcome_urls")),
    path("", include("safetymap.governance.urls")),
    path("retention/", include("safetymap.retention.urls")),
    path("", include("safetymap.evaluation.urls")),
    path("plain-language/", include("safetymap.plain_language.urls")),
    path("api/v1/", include("safetymap.api.urls")),
    path("django-admin/", admin.site.urls),
]
