"""Routes for /api/v1/ (included from config/urls.py).

django-ninja's `api.urls` is a (patterns, app_name, namespace) triple meant for `path()`;
this module is itself `include()`d, so it hands Django the patterns and the namespace.
"""

from safetymap.api.api import api

app_name = api.urls_namespace  # "api": ninja reverses "api:openapi-json" for the docs page
urlpatterns = api.urls[0]
