"""Words and Pictures stories on a case: read only (the pages write them).

The same rules as the pages: no relationship to the case is 404 (so is a partner whose share
does not cover Words and Pictures), and every read is recorded.
A panel's picture is a document on the case; `picture_url` is its download address, which
checks access and records the view again.
"""

import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from safetymap.api.access import case_to_read
from safetymap.api.errors import READ_ERRORS
from safetymap.api.schemas import Output, UserOut
from safetymap.words_pictures import selectors
from safetymap.words_pictures.models import (
    ParentsAgree,
    ReactionWords,
    StoryKind,
    StoryPanel,
    StoryVersion,
    VersionStatus,
)

router = Router(tags=["Words and Pictures"])
# Partners never read these: a share covers map items and documents, not the story.


class PersonNamedOut(Output):
    """Someone on the case (`member_uuid`) or a member of staff (`staff`)."""

    name: str
    member_uuid: UUID | None
    staff: UserOut | None


class StoryVersionOut(Output):
    number: int
    status: VersionStatus
    title: str
    parents_agree: ParentsAgree
    parents_words: str
    parents_asked_on: datetime.date | None
    given_on: datetime.date | None
    given_by: PersonNamedOut | None
    child_reaction: str
    reaction_words: ReactionWords | None


class StoryOut(Output):
    uuid: UUID
    kind: StoryKind
    kind_label: str
    title: str
    created_at: datetime.datetime
    versions: list[StoryVersionOut]


class PanelOut(Output):
    uuid: UUID
    position: int
    key: str
    heading: str
    text: str
    picture_description: str
    picture_url: str | None


class StoryVersionDetailOut(StoryVersionOut):
    story_uuid: UUID
    kind: StoryKind
    authors: list[PersonNamedOut]
    panels: list[PanelOut]


def _person(member: Any, staff: Any, name: str) -> dict[str, Any] | None:
    if member is None and staff is None:
        return None
    return {"name": name, "member_uuid": member.uuid if member else None, "staff": staff}


def version_data(version: StoryVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "status": version.status,
        "title": selectors.version_title(version),
        "parents_agree": version.parents_agree,
        "parents_words": version.parents_words,
        "parents_asked_on": version.parents_asked_on,
        "given_on": version.given_on,
        "given_by": _person(version.given_by_member, version.given_by_staff, version.given_by_name),
        "child_reaction": version.child_reaction,
        "reaction_words": version.reaction_words or None,
    }


def _picture_url(panel: StoryPanel) -> str | None:
    if not selectors.visible_picture(panel):
        return None
    assert panel.picture is not None
    return reverse(
        "documents:download",
        kwargs={"case_uuid": panel.picture.case.uuid, "document_uuid": panel.picture.uuid},
    )


@router.get(
    "/cases/{case_uuid}/words-and-pictures",
    response={200: list[StoryOut], **READ_ERRORS},
    summary="The child's Words and Pictures stories, each with its versions",
)
def list_stories(request: HttpRequest, case_uuid: UUID) -> list[dict[str, Any]]:
    case = case_to_read(request, case_uuid, "Words and Pictures", partners_too=False)
    return [
        {
            "uuid": summary.story.uuid,
            "kind": summary.story.kind,
            "kind_label": summary.story.get_kind_display(),
            "title": summary.title,
            "created_at": summary.story.created_at,
            "versions": [version_data(version) for version in summary.versions],
        }
        for summary in selectors.case_stories(case)
    ]


@router.get(
    "/cases/{case_uuid}/words-and-pictures/{story_uuid}/versions/{number}",
    response={200: StoryVersionDetailOut, **READ_ERRORS},
    summary="One version of a story: its panels in order, with their words and pictures",
)
def get_story_version(
    request: HttpRequest, case_uuid: UUID, story_uuid: UUID, number: int
) -> dict[str, Any]:
    case = case_to_read(
        request, case_uuid, f"Words and Pictures version {number}", partners_too=False
    )
    story = selectors.get_story(case, story_uuid)
    version = selectors.get_version(story, number)
    panels = list(version.panels.all())
    for panel in panels:
        if panel.picture is not None:
            panel.picture.case = case
    return {
        **version_data(version),
        "story_uuid": story.uuid,
        "kind": story.kind,
        "authors": [
            _person(author.member, author.staff, author.name) for author in version.authors.all()
        ],
        "panels": [
            {
                "uuid": panel.uuid,
                "position": position,
                "key": panel.key,
                "heading": panel.heading,
                "text": panel.text,
                "picture_description": panel.picture_description,
                "picture_url": _picture_url(panel),
            }
            for position, panel in enumerate(panels, start=1)
        ],
    }
