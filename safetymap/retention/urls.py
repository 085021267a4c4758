from django.urls import path  # noqa: F401

app_name = "retention"
urlpatterns: list = []  # type: ignore[type-arg]
