"""The govuk template tags, filters and component templates."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.paginator import Paginator
from django.template import TemplateSyntaxError, engines
from django.test import RequestFactory

from safetymap.govuk.templatetags.govuk import govuk_date, govuk_datetime, govuk_time

from .htmltree import parse

LONDON = zoneinfo.ZoneInfo("Europe/London")


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_govuk_date():
    assert govuk_date(datetime.date(2026, 3, 3)) == "3 March 2026"
    assert govuk_date(datetime.date(2026, 3, 3), "weekday") == "Tuesday 3 March 2026"
    assert govuk_date(None) == ""
    assert render("{% load govuk %}{{ d|govuk_date }}", d=datetime.date(2025, 12, 25)) == (
        "25 December 2025"
    )


def test_govuk_date_of_an_aware_datetime_is_the_local_date():
    # 23:30 UTC on 31 May is 00:30 on 1 June in London (summer time).
    moment = datetime.datetime(2026, 5, 31, 23, 30, tzinfo=datetime.UTC)
    assert govuk_date(moment) == "1 June 2026"
    assert govuk_datetime(moment) == "1 June 2026 at 12:30am"


@pytest.mark.parametrize(
    ("time", "text"),
    [
        (datetime.time(0, 0), "midnight"),
        (datetime.time(12, 0), "midday"),
        (datetime.time(9, 0), "9am"),
        (datetime.time(14, 15), "2:15pm"),
        (datetime.time(12, 5), "12:05pm"),
        (datetime.time(0, 45), "12:45am"),
    ],
)
def test_govuk_time(time, text):
    assert govuk_time(time) == text


def test_govuk_datetime():
    moment = datetime.datetime(2026, 3, 3, 14, 15, tzinfo=LONDON)
    assert govuk_datetime(moment) == "3 March 2026 at 2:15pm"
    assert render("{% load govuk %}{{ m|govuk_datetime }}", m=moment) == "3 March 2026 at 2:15pm"


def test_govuk_tag():
    html = render('{% load govuk %}{% govuk_tag "Child protection" "red" %}')
    assert html == '<strong class="govuk-tag govuk-tag--red">Child protection</strong>'
    assert render('{% load govuk %}{% govuk_tag "Open" %}') == (
        '<strong class="govuk-tag">Open</strong>'
    )
    # Text is escaped.
    assert "&lt;b&gt;" in render('{% load govuk %}{% govuk_tag name "green" %}', name="<b>")
    with pytest.raises(TemplateSyntaxError):
        render('{% load govuk %}{% govuk_tag "Open" "tartan" %}')


def test_nav_url_is_empty_for_unknown_names():
    assert render('{% load govuk %}{% nav_url "nowhere:at_all" %}') == ""
    assert render('{% load govuk %}{% nav_url "accounts:login" %}') == "/accounts/sign-in/"
    html = render(
        '{% load govuk %}{% nav_url "nowhere:at_all" as url %}'
        "{% if url %}shown{% else %}hidden{% endif %}"
    )
    assert html == "hidden"


def test_tag_component():
    page = parse(
        render('{% include "govuk/components/tag.html" with text="In progress" colour="yellow" %}')
    )
    tag = page.find("strong")
    assert tag.classes == ["govuk-tag", "govuk-tag--yellow"]
    assert tag.all_text == "In progress"


def test_back_link_warning_and_inset_text():
    page = parse(
        render(
            '{% include "govuk/components/back_link.html" with href="/cases/" '
            'text="Back to cases" %}'
            '{% include "govuk/components/warning_text.html" with text="Do not share this plan" %}'
            '{% include "govuk/components/inset_text.html" with text="Agreed at the meeting" %}'
        )
    )
    back = page.find("a", cls="govuk-back-link")
    assert back.attrs["href"] == "/cases/"
    assert back.all_text == "Back to cases"
    warning = page.find("div", cls="govuk-warning-text")
    assert warning.find("span", cls="govuk-warning-text__icon").attrs["aria-hidden"] == "true"
    assert warning.find("strong").all_text == "Warning Do not share this plan"
    assert page.find("div", cls="govuk-inset-text").all_text == "Agreed at the meeting"


def test_button_component():
    page = parse(
        render(
            '{% include "govuk/components/button.html" with text="Save" '
            "prevent_double_click=True %}"
            '{% include "govuk/components/button.html" with text="Start" href="/start/" '
            "start=True %}"
        )
    )
    button = page.find("button")
    assert button.classes == ["govuk-button"]
    assert button.attrs["type"] == "submit"
    assert button.attrs["data-prevent-double-click"] == "true"
    link = page.find("a")
    assert link.classes == ["govuk-button", "govuk-button--start"]
    assert link.attrs["role"] == "button"


def test_pagination_keeps_the_other_query_parameters():
    request = RequestFactory().get("/cases/", {"status": "open", "sort": "name", "page": "5"})
    page_obj = Paginator(range(200), 10).page(5)
    page = parse(
        render(
            '{% include "govuk/components/pagination.html" with page_obj=page_obj %}',
            request=request,
            page_obj=page_obj,
        )
    )
    nav = page.find("nav", cls="govuk-pagination")
    assert nav.attrs["aria-label"] == "Pagination"
    previous = nav.find("div", cls="govuk-pagination__prev").find("a")
    assert previous.attrs["href"] == "?status=open&sort=name&page=4"
    assert previous.attrs["rel"] == "prev"
    following = nav.find("div", cls="govuk-pagination__next").find("a")
    assert following.attrs["href"] == "?status=open&sort=name&page=6"
    items = nav.find_all("li", cls="govuk-pagination__item")
    texts = [item.all_text for item in items]
    assert texts == ["1", "⋯", "4", "5", "6", "⋯", "20"]  # &ctdot; as GOV.UK draws it
    current = nav.find("li", cls="govuk-pagination__item--current").find("a")
    assert current.attrs["aria-current"] == "page"
    assert current.attrs["href"] == "?status=open&sort=name&page=5"
    assert len(nav.find_all("li", cls="govuk-pagination__item--ellipsis")) == 2


def test_pagination_first_page_and_single_page():
    request = RequestFactory().get("/cases/")
    first = Paginator(range(30), 10).page(1)
    html = render(
        '{% include "govuk/components/pagination.html" with page_obj=page_obj %}',
        request=request,
        page_obj=first,
    )
    assert "govuk-pagination__prev" not in html
    assert "govuk-pagination__next" in html
    only = Paginator(range(3), 10).page(1)
    html = render(
        '{% include "govuk/components/pagination.html" with page_obj=page_obj %}',
        request=request,
        page_obj=only,
    )
    assert html.strip() == ""


def test_notification_banner_component():
    page = parse(
        render(
            '{% include "govuk/components/notification_banner.html" with text="Plan saved" '
            "success=True %}"
        )
    )
    banner = page.find("div", cls="govuk-notification-banner")
    assert banner.classes == ["govuk-notification-banner", "govuk-notification-banner--success"]
    assert banner.attrs["role"] == "alert"
    assert banner.attrs["aria-labelledby"] == "govuk-notification-banner-title"
    assert banner.by_id("govuk-notification-banner-title").all_text == "Success"
    assert banner.find("p", cls="govuk-notification-banner__heading").all_text == "Plan saved"
