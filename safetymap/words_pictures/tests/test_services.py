"""The Words and Pictures services: starting a story, editing a draft, versions that start
from the last, statuses, pictures, the parents' view and giving it to the child."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from safetymap.audit.models import AuditEvent
from safetymap.core.versioning import StaleEditError
from safetymap.documents.models import CaseDocument
from safetymap.words_pictures import services
from safetymap.words_pictures.models import (
    ParentsAgree,
    Story,
    StoryKind,
    StoryVersion,
    VersionStatus,
)
from safetymap.words_pictures.services import Authors, PanelWords

from .conftest import give, picture

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def first(story: Story) -> StoryVersion:
    return story.versions.get(number=1)


def write(worker: Any, version: StoryVersion, texts: dict[str, str], **kwargs: Any) -> StoryVersion:
    """Save the words of the panels named by key (title, who_is_worried...)."""
    panels = [PanelWords(panel=p.uuid, text=texts.get(p.key, p.text)) for p in version.panels.all()]
    return services.story_version_edit(
        actor=worker,
        version=version,
        expected_version=version.version,
        panels=panels,
        authors=kwargs.get("authors", Authors(staff=[worker])),
    )


def agree(worker: Any, version: StoryVersion, answer: str = "yes", words: str = "") -> StoryVersion:
    return services.story_parents_record(
        actor=worker,
        version=version,
        expected_version=version.version,
        agree=answer,
        words=words,
        asked_on=TODAY(),
    )


def test_a_story_starts_as_a_draft_with_the_panels_of_its_kind(worker, case):
    story = services.story_start(actor=worker, case=case, kind=StoryKind.EXPLANATION)
    version = first(story)
    assert version.status == VersionStatus.DRAFT
    assert [p.heading for p in version.panels.order_by("position")] == [
        "Title",
        "Who is worried?",
        "What are they worried about?",
        "What happened?",
        "What is everyone doing about it?",
    ]
    assert [a.staff for a in version.authors.all()] == [worker]
    assert AuditEvent.objects.filter(case_uuid=case.uuid, action="create").count() >= 7

    plan = services.story_start(actor=worker, case=case, kind=StoryKind.SAFETY_PLAN)
    assert [p.heading for p in first(plan).panels.order_by("position")] == [
        "Title",
        "Who will keep me safe?",
        "The rules",
        "What I can do if I am worried",
        "Who I can call",
    ]


def test_read_only_users_cannot_write(reader, case, story):
    with pytest.raises(PermissionDenied):
        services.story_start(actor=reader, case=case, kind=StoryKind.EXPLANATION)
    with pytest.raises(PermissionDenied):
        give(reader, first(story), given_by=reader)


def test_editing_a_draft_saves_words_and_authors_with_one_audit_event(worker, mum, story):
    version = first(story)
    before = AuditEvent.objects.count()
    saved = write(
        worker,
        version,
        {"title": "Why Sam comes to see us", "who_is_worried": "Your teacher Mrs Patel."},
        authors=Authors(members=[mum], staff=[worker]),
    )
    assert saved.version == version.version + 1
    texts = {p.key: p.text for p in saved.panels.all()}
    assert texts["title"] == "Why Sam comes to see us"
    assert sorted(a.name for a in saved.authors.all()) == [
        "Leanne Doyle (mother)",
        f"{worker.display_name}",
    ]
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert event.object_uuid == saved.uuid
    assert any(change["new"] == "Why Sam comes to see us" for change in event.changes.values())
    assert event.changes["authors"]["new"] == sorted(["Leanne Doyle (mother)", worker.display_name])


def test_a_stale_edit_is_refused_and_changes_nothing(worker, story):
    version = first(story)
    stale = version.version
    write(worker, version, {"title": "Mine"})
    with pytest.raises(StaleEditError):
        services.story_version_edit(
            actor=worker,
            version=version,
            expected_version=stale,
            panels=[PanelWords(panel=p.uuid, text="Theirs") for p in version.panels.all()],
            authors=Authors(staff=[worker]),
        )
    assert first(story).panels.get(key="title").text == "Mine"


def test_added_panels_can_be_renamed_moved_and_removed_but_standard_ones_stay(worker, story):
    version = first(story)
    extra = services.story_panel_add(
        actor=worker, version=version, expected_version=version.version
    )
    version.refresh_from_db()
    assert extra.position == 6 and extra.key == ""
    services.story_panel_move(
        actor=worker,
        version=version,
        expected_version=version.version,
        panel_uuid=extra.uuid,
        step=-1,
    )
    version.refresh_from_db()
    order = [p.heading for p in version.panels.order_by("position")]
    assert order[4] == extra.heading and order[5] == "What is everyone doing about it?"
    # The title always stays first.
    title = version.panels.get(key="title")
    services.story_panel_move(
        actor=worker,
        version=version,
        expected_version=version.version,
        panel_uuid=title.uuid,
        step=1,
    )
    version.refresh_from_db()
    assert version.panels.order_by("position").first().key == "title"

    words = [
        PanelWords(panel=p.uuid, text=p.text, heading="Nana's house", remove=True)
        for p in version.panels.all()
    ]
    saved = services.story_version_edit(
        actor=worker,
        version=version,
        expected_version=version.version,
        panels=words,
        authors=Authors(staff=[worker]),
    )
    assert [p.position for p in saved.panels.order_by("position")] == [1, 2, 3, 4, 5]
    assert not saved.panels.filter(key="").exists()


def test_status_moves_from_draft_to_agreed_to_given(worker, story):
    version = first(story)
    partly = agree(worker, version, "partly", "We don't want the bit about the police in it.")
    assert partly.status == VersionStatus.DRAFT
    assert partly.parents_words.startswith("We don't want")
    agreed = agree(worker, partly, "yes")
    assert agreed.status == VersionStatus.AGREED
    # Once agreed, it is kept as it is.
    with pytest.raises(ValidationError) as refused:
        write(worker, agreed, {"title": "Changed"})
    assert refused.value.code == "not_draft"
    given = give(worker, agreed)
    assert given.status == VersionStatus.GIVEN
    assert given.given_by_name.startswith(worker.display_name)
    assert given.child_reaction == "Can I keep it under my pillow?"


def test_parents_who_do_not_agree_must_have_their_words_recorded(worker, story):
    with pytest.raises(ValidationError) as refused:
        agree(worker, first(story), ParentsAgree.NO, "  ")
    assert refused.value.code == "words"


def test_a_new_version_starts_from_the_last_and_replaces_it_once_given(worker, mum, story):
    version = write(worker, first(story), {"title": "Why Sam visits"})
    title = version.panels.get(key="title")
    services.story_panel_picture_set(
        actor=worker,
        panel=title,
        expected_version=version.version,
        uploaded_file=picture(),
        description="Kian's drawing of his house",
    )
    version.refresh_from_db()
    given = give(
        worker, version, given_by=mum, reaction_words="worker", child_reaction="He smiled."
    )
    assert given.given_by_member == mum

    services.story_version_start(actor=worker, story=story)
    with pytest.raises(ValidationError) as refused:  # one draft at a time
        services.story_version_start(actor=worker, story=story)
    assert refused.value.code == "draft_exists"
    second = story.versions.get(number=2)
    assert second.status == VersionStatus.DRAFT
    copied = second.panels.get(key="title")
    assert copied.text == "Why Sam visits" and copied.picture_id == title.picture_id
    assert [a.staff for a in second.authors.all()] == [worker]
    # Version 1 stays given until version 2 is agreed or given.
    assert first(story).status == VersionStatus.GIVEN

    give(worker, second)
    assert first(story).status == VersionStatus.REPLACED
    assert first(story).given_on == TODAY()  # the child was given it: that stays on record
    with pytest.raises(ValidationError) as refused:
        give(worker, first(story))
    assert refused.value.code == "replaced"


def test_giving_is_refused_for_future_dates_and_people_on_other_cases(worker, story):
    from tests.factories import CaseMemberFactory

    with pytest.raises(ValidationError):
        give(worker, first(story), given_on=TODAY() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        give(worker, first(story), given_by=CaseMemberFactory())
    with pytest.raises(ValidationError):
        give(worker, first(story), child_reaction="He cried.", reaction_words="")
    assert first(story).given_on is None


def test_a_picture_is_a_document_without_its_metadata_and_must_be_a_picture(worker, story):
    from safetymap.documents.inspection import assert_no_metadata

    from .conftest import drawing_png

    version = first(story)
    panel = version.panels.get(key="who_is_worried")
    services.story_panel_picture_set(
        actor=worker,
        panel=panel,
        expected_version=version.version,
        uploaded_file=picture("photo.jpg", drawing_png(exif=True)),
        description="Mrs Patel at school",
        kind="photo",
    )
    panel.refresh_from_db()
    document = panel.picture
    assert document.case == story.case and document.kind == "photo"
    assert document.title == "Words and Pictures: Mrs Patel at school"
    assert_no_metadata(document.file.read())

    version.refresh_from_db()
    for name, content in (
        ("letter.pdf", b"%PDF-1.4 not a picture"),
        ("drawing.png", b"MZ\x90\x00 a program"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.story_panel_picture_set(
                actor=worker,
                panel=panel,
                expected_version=version.version,
                uploaded_file=picture(name, content),
                description="x",
            )
        assert "JPG, PNG, GIF or WebP picture" in refused.value.messages[0]
    assert CaseDocument.objects.filter(case=story.case).count() == 1
