"""govuk/base.html: header, navigation by role, messages, assets, no inline script."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.template import engines
from django.test import RequestFactory, override_settings

from .htmltree import Element, parse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("safetymap.govuk.tests.urls")]


def make_user(role: str, username: str = "ahmed.practitioner"):
    return get_user_model().objects.create_user(
        username=username,
        password="a-long-test-password",
        first_name="Ahmed",
        last_name="Shah",
        role=role,
    )


def get_page(client, url: str = "/page/") -> Element:
    response = client.get(url)
    assert response.status_code == 200
    return parse(response.content.decode())


def nav_links(page: Element) -> dict[str, str]:
    navigation = page.find("nav", cls="govuk-service-navigation__wrapper")
    return {
        a.all_text: a.attrs["href"]
        for a in navigation.find_all("a", cls="govuk-service-navigation__link")
    }


def test_signed_out_page_has_header_and_service_name_but_no_navigation(client):
    page = get_page(client)
    assert page.find("title").all_text == "Test page – SafetyMap – Eastbrook Borough Council"
    html = page.find("html")
    assert html.attrs["lang"] == "en-GB"
    assert html.has_class("govuk-template")
    assert page.find("body").has_class("govuk-template__body")
    skip = page.find("a", cls="govuk-skip-link")
    assert skip.attrs["href"] == "#main-content"
    assert page.by_id("main-content").tag == "main"

    header = page.find("div", cls="govuk-generic-header")
    assert header.find("a", cls="govuk-generic-header__homepage-link").all_text == (
        "Eastbrook Borough Council"
    )
    # No GOV.UK crown or logotype: a council service is not GOV.UK.
    assert not page.find_all("svg")
    assert "GOV.UK" not in page.all_text

    service = page.find("section", cls="govuk-service-navigation")
    assert service.attrs["data-module"] == "govuk-service-navigation"
    assert service.find("span", cls="govuk-service-navigation__service-name").all_text == (
        "SafetyMap"
    )
    assert not page.find_all("nav", cls="govuk-service-navigation__wrapper")
    assert "Sign out" not in page.all_text

    footer = page.find("footer")
    assert "Eastbrook Borough Council" in footer.all_text


@override_settings(SAFETYMAP_COUNCIL_NAME="Westmere City Council", SAFETYMAP_SERVICE_NAME="Maps")
def test_council_and_service_names_come_from_settings(client):
    page = get_page(client)
    assert page.find("title").all_text == "Test page – Maps – Westmere City Council"
    assert "Westmere City Council" in page.find("div", cls="govuk-generic-header").all_text


def test_practitioner_sees_my_cases_and_sign_out(client):
    user = make_user("practitioner")
    client.force_login(user)
    page = get_page(client)
    assert nav_links(page) == {"My cases": "/cases/"}
    assert (
        page.find("span", cls="govuk-service-navigation__service-name").find("a").attrs["href"]
        == "/cases/"
    )
    account = page.find("a", cls="safetymap-service-navigation__account-name")
    assert account.all_text == "Your account: signed in as Ahmed Shah"
    assert account.attrs["href"] == "/accounts/"
    form = page.find("form", cls="safetymap-service-navigation__form")
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == "/accounts/sign-out/"
    assert form.find("input").attrs["name"] == "csrfmiddlewaretoken"
    assert form.find("button").all_text == "Sign out"


def test_team_manager_also_sees_team_cases(client):
    client.force_login(make_user("team_manager"))
    links = nav_links(get_page(client))
    assert links["Team cases"] == "/cases/team/"
    assert "Map labels" not in links


def test_council_administrator_sees_map_labels(client):
    client.force_login(make_user("council_administrator"))
    links = nav_links(get_page(client))
    assert links["Map labels"] == "/map-labels/"
    assert "Team cases" not in links


def test_current_page_is_marked(client):
    client.force_login(make_user("team_manager"))
    page = get_page(client, "/cases/team/")
    active = page.find("li", cls="govuk-service-navigation__item--active")
    link = active.find("a")
    assert link.attrs["aria-current"] == "page"
    assert link.all_text == "Team cases"
    assert len(page.find_all("li", cls="govuk-service-navigation__item--active")) == 1


@pytest.mark.urls("safetymap.govuk.tests.urls_minimal")
def test_pages_render_when_the_linked_pages_do_not_exist_yet(rf: RequestFactory):
    # A URLconf with none of cases:my_cases, cases:team_cases or mapping:label_sets.
    request = rf.get("/")
    request.user = make_user("council_administrator")
    html = (
        engines["django"]
        .from_string('{% extends "govuk/base.html" %}{% block page_title %}Home{% endblock %}')
        .render({}, request)
    )
    page = parse(html)
    assert "My cases" not in page.all_text
    assert "Map labels" not in page.all_text
    assert "Sign out" in page.all_text
    assert page.find("a", cls="govuk-generic-header__homepage-link").attrs["href"] == "/"


def test_messages_are_notification_banners(client):
    client.force_login(make_user("practitioner"))
    page = get_page(client, "/page/?success=Case+closed&info=The+map+was+changed+by+someone+else")
    banners = page.find_all("div", cls="govuk-notification-banner")
    assert len(banners) == 2
    success = next(b for b in banners if "Case closed" in b.all_text)
    assert success.has_class("govuk-notification-banner--success")
    assert success.attrs["role"] == "alert"
    title = success.find("h2", cls="govuk-notification-banner__title")
    assert title.all_text == "Success"
    assert success.attrs["aria-labelledby"] == title.attrs["id"]
    important = next(b for b in banners if "changed by someone else" in b.all_text)
    assert not important.has_class("govuk-notification-banner--success")
    assert important.attrs["role"] == "region"
    assert important.find("h2").all_text == "Important"
    # Each banner's title has its own id.
    assert len({b.attrs["aria-labelledby"] for b in banners}) == 2
    # Banners sit at the top of <main>.
    assert page.by_id("main-content").find("div", cls="govuk-notification-banner")


def test_assets_and_no_inline_script_or_style(client):
    client.force_login(make_user("practitioner"))
    page = get_page(client)
    links = page.find_all("link")
    stylesheets = [e.attrs["href"] for e in links if e.attrs.get("rel") == "stylesheet"]
    assert stylesheets == ["/static/css/main.css"]
    scripts = page.find_all("script")
    assert [s.attrs.get("src") for s in scripts] == ["/static/js/htmx.min.js", "/static/js/app.js"]
    assert "defer" in scripts[0].attrs
    assert scripts[1].attrs["type"] == "module"
    assert all(s.all_text == "" for s in scripts), "no inline JavaScript"
    assert not page.find_all("style")
    assert not [e for e in page.find_all() if "style" in e.attrs], "no inline styles"
    assert not [e for e in page.find_all() if any(a.startswith("on") for a in e.attrs)]
    csrf = next(m for m in page.find_all("meta") if m.attrs.get("name") == "csrf-token")
    assert csrf.attrs["content"]
