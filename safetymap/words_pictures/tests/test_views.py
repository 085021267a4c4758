"""The Words and Pictures pages, for the allocated worker, a read-only colleague, a
stranger and a partner the case is shared with; and the journeys through them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases.services import case_share_add
from safetymap.words_pictures import services
from safetymap.words_pictures.models import Story, StoryPanel, StoryVersion, VersionStatus
from tests.factories import CaseFactory, UserFactory

from .conftest import drawing_png, give, picture

pytestmark = pytest.mark.django_db

READ_PAGES = ("list", "story", "compare", "version", "book")
WRITE_PAGES = ("start", "version_start", "edit", "picture", "parents", "given")


def url(name: str, story: Story, **extra: Any) -> str:
    kwargs: dict[str, Any] = {"case_uuid": story.case.uuid}
    if name not in ("list", "start"):
        kwargs["story_uuid"] = story.uuid
    if name in ("version", "book", "edit", "picture", "parents", "given"):
        kwargs["number"] = extra.get("number", 1)
    if name == "picture":
        kwargs["panel_uuid"] = extra["panel"].uuid
    return reverse(f"words_pictures:{name}", kwargs=kwargs)


def all_urls(story: Story) -> dict[str, str]:
    panel = story.versions.get(number=1).panels.get(key="title")
    return {name: url(name, story, panel=panel) for name in READ_PAGES + WRITE_PAGES}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_worker_opens_every_page_and_each_view_is_recorded(worker, story):
    client = client_for(worker)
    for name, address in all_urls(story).items():
        before = AccessEvent.objects.count()
        assert client.get(address).status_code == 200, name
        assert AccessEvent.objects.count() > before, name
    only_one = client.get(all_urls(story)["compare"]).content.decode()
    assert "only one version" in only_one and "There is a problem" not in only_one


def test_reader_reads_but_cannot_change(reader, story):
    client = client_for(reader)
    urls = all_urls(story)
    for name in READ_PAGES:
        assert client.get(urls[name]).status_code == 200, name
    for name in WRITE_PAGES:
        assert client.get(urls[name]).status_code == 403, name
        assert client.post(urls[name], {}).status_code == 403, name
    page = client.get(urls["version"]).content.decode()
    assert "Change this draft" not in page and "Record" not in page


def test_stranger_and_partner_get_not_found(worker, stranger, story):
    partner = UserFactory(team=None, role=Role.PARTNER_PROFESSIONAL)
    case_share_add(actor=worker, case=story.case, partner=partner, reason="School nurse")
    for user in (stranger, partner):
        client = client_for(user)
        for name, address in all_urls(story).items():
            assert client.get(address).status_code == 404, (user, name)
            assert client.post(address, {}).status_code == 404, (user, name)
    # The overview panel is not shown to the partner either.
    overview = client_for(partner).get(reverse("cases:case", kwargs={"case_uuid": story.case.uuid}))
    assert overview.status_code == 200
    assert "Words and Pictures" not in overview.content.decode()


def test_a_story_of_another_case_is_not_found(worker, story):
    other = CaseFactory(team=story.case.team)
    address = reverse(
        "words_pictures:story", kwargs={"case_uuid": other.uuid, "story_uuid": story.uuid}
    )
    assert client_for(worker).get(address).status_code == 404


def test_worker_starts_writes_and_gives_a_story(worker, mum, case):
    client = client_for(worker)
    response = client.post(
        reverse("words_pictures:start", kwargs={"case_uuid": case.uuid}), {"kind": "explanation"}
    )
    story = Story.objects.get(case=case)
    version = story.versions.get()
    assert response.status_code == 302 and response["Location"] == url("edit", story)

    panels = list(version.panels.all())
    data: dict[str, Any] = {"version": version.version, "authors": [f"member:{mum.uuid}"]}
    for panel in panels:
        data[f"text-{panel.uuid}"] = f"Words for {panel.heading}"
    data[f"text-{panels[0].uuid}"] = "Why Sam comes to see us"
    response = client.post(url("edit", story), {**data, "add_panel": "1"})
    assert response.status_code == 302
    version.refresh_from_db()
    extra = version.panels.get(key="")
    assert version.panels.get(key="title").text == "Why Sam comes to see us"
    assert [a.member for a in version.authors.all()] == [mum]

    # The extra panel, renamed, with a picture (the Add a picture button saves first).
    data = {**data, "version": version.version, f"heading-{extra.uuid}": "Nana's house"}
    data[f"text-{extra.uuid}"] = "You will stay at Nana's on Fridays."
    response = client.post(url("edit", story), {**data, "picture": str(extra.uuid)})
    assert response["Location"] == url("picture", story, panel=extra)
    extra.refresh_from_db()
    assert extra.heading == "Nana's house"
    version.refresh_from_db()
    response = client.post(
        url("picture", story, panel=extra),
        {
            "version": version.version,
            "picture": picture("nana.jpg", drawing_png(exif=True)),
            "description": "Kian and Nana in the garden",
            "kind": "drawing",
        },
    )
    assert response.status_code == 302, response.content.decode()
    extra.refresh_from_db()
    assert extra.picture is not None

    book = client.get(url("book", story)).content.decode()
    assert "Why Sam comes to see us" in book and "Nana&#x27;s house" in book
    download = reverse(
        "documents:download", kwargs={"case_uuid": case.uuid, "document_uuid": extra.picture.uuid}
    )
    assert f'src="{download}"' in book and 'alt="Kian and Nana in the garden"' in book
    assert client.get(download).status_code == 200

    version.refresh_from_db()
    today = timezone.localdate()
    response = client.post(
        url("given", story),
        {
            "version": version.version,
            "given_on_day": today.day,
            "given_on_month": today.month,
            "given_on_year": today.year,
            "given_by": f"member:{mum.uuid}",
            "child_reaction": "Is Nana's house in the story?",
            "reaction_words": "child",
        },
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.GIVEN and version.given_by_member == mum
    overview = client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).content.decode()
    assert "was given" in overview and "has not been given" not in overview


def test_overview_shows_the_gap(worker, case):
    client = client_for(worker)
    page = client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).content.decode()
    assert "Kian has not been given a Words and Pictures story yet" in page
    assert "Start a Words and Pictures story" in page


def test_a_bad_picture_is_refused_with_a_message_and_nothing_changes(worker, story):
    version = story.versions.get()
    panel = version.panels.get(key="title")
    response = client_for(worker).post(
        url("picture", story, panel=panel),
        {
            "version": version.version,
            "picture": picture("drawing.png", b"<script>alert(1)</script>"),
            "description": "A drawing",
            "kind": "drawing",
        },
    )
    assert response.status_code == 400
    assert "must be a JPG, PNG, GIF or WebP picture" in response.content.decode()
    panel.refresh_from_db()
    assert panel.picture is None


def test_a_stale_edit_keeps_what_was_typed(worker, story):
    version = story.versions.get()
    title = version.panels.get(key="title")
    client = client_for(worker)
    services.story_version_edit(
        actor=worker,
        version=version,
        expected_version=version.version,
        panels=[services.PanelWords(panel=title.uuid, text="Saved by someone else")],
        authors=services.Authors(staff=[worker]),
    )
    response = client.post(
        url("edit", story), {"version": version.version, f"text-{title.uuid}": "Mine"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone else changed this" in page and "Mine" in page
    assert "What is saved now" in page and "Saved by someone else" in page
    assert StoryPanel.objects.get(pk=title.pk).text == "Saved by someone else"


def test_a_given_version_cannot_be_edited_and_compare_shows_both(worker, story):
    give(worker, story.versions.get())
    client = client_for(worker)
    assert client.get(url("edit", story))["Location"] == url("version", story)
    response = client.post(url("version_start", story))
    assert response.status_code == 302
    second: StoryVersion = story.versions.get(number=2)
    title = second.panels.get(key="title")
    title.text = "A new title"
    title.save()
    page = client.get(url("compare", story) + "?from=1&to=2").content.decode()
    assert "A new title" in page and "Changed" in page
    assert client.get(url("compare", story) + "?from=1&to=1").status_code == 400


def test_book_page_makes_a_fixed_number_of_queries(worker, story):
    client = client_for(worker)
    client.get(url("book", story))  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as small:
        client.get(url("book", story))
    version = story.versions.get()
    for _ in range(6):
        services.story_panel_add(actor=worker, version=version, expected_version=version.version)
        version.refresh_from_db()
    with CaptureQueriesContext(connection) as large:
        client.get(url("book", story))
    assert len(large) == len(small)


def test_recording_the_parents_view(worker, story):
    version = story.versions.get()
    client = client_for(worker)
    today = timezone.localdate()
    data = {
        "version": version.version,
        "asked_on_day": today.day,
        "asked_on_month": today.month,
        "asked_on_year": today.year,
    }
    refused = client.post(url("parents", story), {**data, "agree": "partly", "words": ""})
    assert refused.status_code == 400
    assert "Write what the parents said they do not agree with" in refused.content.decode()
    response = client.post(url("parents", story), {**data, "agree": "yes", "words": "It's fair."})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.AGREED and version.parents_words == "It's fair."
