"""A URLconf for the govuk tests: the real accounts URLs plus stand-ins for the
named pages the navigation links to, so the tests do not depend on other apps."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

PAGE = """{% extends "govuk/base.html" %}
{% block page_title %}Test page{% endblock %}
{% block content %}<h1 class="govuk-heading-l">Test page</h1>{% endblock %}"""


def page(request: HttpRequest) -> HttpResponse:
    for level, text in request.GET.items():
        if level in ("success", "info", "warning", "error"):
            getattr(messages, level)(request, text)
    return HttpResponse(engines["django"].from_string(PAGE).render({}, request))


cases = (
    [
        path("cases/", page, name="my_cases"),
        path("cases/team/", page, name="team_cases"),
    ],
    "cases",
)
mapping = ([path("map-labels/", page, name="label_sets")], "mapping")

urlpatterns = [
    path("", include(cases)),
    path("", include(mapping)),
    path("accounts/", include("safetymap.accounts.urls")),
    path("page/", page, name="page"),
]
