"""Words and Pictures through the API: read only, the same rules as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from safetymap.accounts.models import Role
from safetymap.api.tests.helpers import World, signed_in
from safetymap.audit.models import AccessEvent
from safetymap.cases.services import case_share_add
from safetymap.words_pictures import services
from safetymap.words_pictures.models import Story
from safetymap.words_pictures.tests.conftest import drawing_png, give, media_root  # noqa: F401
from tests.factories import UserFactory

# Stored pictures go to each test's own folder (the Words and Pictures tests' fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def story(world: World) -> Story:
    story = services.story_start(actor=world.worker, case=world.case, kind="explanation")
    version = story.versions.get()
    title = version.panels.get(key="title")
    services.story_version_edit(
        actor=world.worker,
        version=version,
        expected_version=version.version,
        panels=[services.PanelWords(panel=title.uuid, text="Why Priya comes to see us")],
        authors=services.Authors(members=[world.member], staff=[world.worker]),
    )
    version.refresh_from_db()
    services.story_panel_picture_set(
        actor=world.worker,
        panel=title,
        expected_version=version.version,
        uploaded_file=SimpleUploadedFile("house.png", drawing_png()),
        description="Kayden's drawing of his house",
    )
    version.refresh_from_db()
    give(world.worker, version, given_by=world.member, child_reaction="Is that our house?")
    return story


def test_list_stories(world: World, as_worker: Client, story: Story) -> None:
    response = as_worker.get(world.url("/words-and-pictures"))
    assert response.status_code == 200
    [found] = response.json()
    assert found["uuid"] == str(story.uuid) and found["kind"] == "explanation"
    assert found["title"] == "Why Priya comes to see us"
    [version] = found["versions"]
    assert version["status"] == "given" and version["child_reaction"] == "Is that our house?"
    assert version["given_by"]["member_uuid"] == str(world.member.uuid)
    assert AccessEvent.objects.filter(
        case_uuid=world.case.uuid, what="API: Words and Pictures"
    ).exists()


def test_get_story_version(world: World, as_reader: Client, story: Story) -> None:
    response = as_reader.get(world.url(f"/words-and-pictures/{story.uuid}/versions/1"))
    assert response.status_code == 200
    body = response.json()
    assert [panel["key"] for panel in body["panels"]][:2] == ["title", "who_is_worried"]
    title = body["panels"][0]
    assert title["picture_description"] == "Kayden's drawing of his house"
    assert as_reader.get(title["picture_url"]).status_code == 200
    assert {author["name"].split(" (")[0] for author in body["authors"]} == {
        world.member.person.full_name,
        world.worker.display_name,
    }
    missing = as_reader.get(world.url(f"/words-and-pictures/{story.uuid}/versions/9"))
    assert missing.status_code == 404


def test_strangers_and_signed_out_get_nothing(
    world: World, as_stranger: Client, story: Story
) -> None:
    for path in ("/words-and-pictures", f"/words-and-pictures/{story.uuid}/versions/1"):
        assert as_stranger.get(world.url(path)).status_code == 404
        assert Client().get(world.url(path)).status_code == 401


def test_a_partner_the_case_is_shared_with_gets_not_found(world: World, story: Story) -> None:
    partner: Any = UserFactory(team=None, role=Role.PARTNER_PROFESSIONAL)
    case_share_add(actor=world.worker, case=world.case, partner=partner, reason="School")
    client = signed_in(partner)
    assert client.get(world.url("/map")).status_code == 200  # the share covers the map
    for path in ("/words-and-pictures", f"/words-and-pictures/{story.uuid}/versions/1"):
        assert client.get(world.url(path)).status_code == 404
    assert not AccessEvent.objects.filter(actor=partner, what__contains="Words").exists()
