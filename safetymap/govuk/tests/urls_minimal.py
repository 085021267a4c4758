"""Only the accounts URLs: none of the pages the navigation links to exist."""

from django.urls import include, path

urlpatterns = [path("accounts/", include("safetymap.accounts.urls"))]
