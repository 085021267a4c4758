"""Every write to Words and Pictures. Each checks the actor may change the case, checks the
version the user saw, and records an audit event in the same transaction.

How a story's versions move on:

- a story starts as version 1, a draft holding the standard panels of its kind;
- a draft is edited in place (panels, pictures, authors);
- when the parents agree it ("yes") it is *agreed*; when it is given to the child it is
  *given*; from then on it is kept exactly as it is;
- a change after that is a new version, started as a copy of the last one (words,
  pictures and authors), which is a draft again;
- once a later version is agreed or given, every earlier version is *replaced*.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.audit.services import (
    audit_creation,
    audit_record,
    changed_fields,
    field_values,
)
from safetymap.cases.models import Case, CaseMember
from safetymap.cases.policies import can_edit_case
from safetymap.core.versioning import lock_for_edit, save_new_version
from safetymap.documents.models import DocumentKind
from safetymap.documents.services import document_upload
from safetymap.words_pictures.models import (
    ParentsAgree,
    ReactionWords,
    Story,
    StoryAuthor,
    StoryKind,
    StoryPanel,
    StoryVersion,
    VersionStatus,
    standard_panels,
)

READ_ONLY = "You can read this case but not change it."
NOT_A_DRAFT = (
    "This version has been agreed with the parents or given to the child, so it cannot be "
    "changed. Start a new version to make changes."
)
REPLACED = "A later version has replaced this one, so nothing more can be recorded on it."
HEADING_MAX = StoryPanel._meta.get_field("heading").max_length or 200
PICTURE_KINDS = (DocumentKind.DRAWING, DocumentKind.PHOTO)


@dataclass(frozen=True)
class PanelWords:
    """What the writers typed for one panel on the edit page."""

    panel: uuid.UUID
    text: str
    heading: str = ""  # only for panels the writers added; standard panels keep theirs
    remove: bool = False  # only panels the writers added can be removed


@dataclass(frozen=True)
class Authors:
    members: Sequence[CaseMember] = ()
    staff: Sequence[User] = ()


# --- Small helpers ------------------------------------------------------------------------


def _require_editor(actor: User, case: Case) -> None:
    if not can_edit_case(actor, case):
        raise PermissionDenied(READ_ONLY)


def _lock(version: StoryVersion, expected_version: int | None) -> StoryVersion:
    """The version row, locked and checked against the version the user saw."""
    fresh = lock_for_edit(version, expected_version=expected_version)
    fresh.story = version.story
    return fresh


def _lock_draft(version: StoryVersion, expected_version: int | None) -> StoryVersion:
    fresh = _lock(version, expected_version)
    if fresh.status != VersionStatus.DRAFT:
        raise ValidationError(NOT_A_DRAFT, code="not_draft")
    return fresh


def _label(version: StoryVersion) -> str:
    return (
        f"Words and Pictures ({version.story.get_kind_display().lower()}) version {version.number}"
    )


def _status_of(version: StoryVersion) -> str:
    """What the facts recorded on a version (not replaced) make its status."""
    if version.given_on is not None:
        return VersionStatus.GIVEN
    if version.parents_agree == ParentsAgree.YES:
        return VersionStatus.AGREED
    return VersionStatus.DRAFT


def _audit_version(
    *, actor: User, version: StoryVersion, changes: dict[str, Any], summary: str
) -> None:
    save_new_version(version)
    audit_record(
        actor=actor,
        action="update",
        target=version,
        changes=changes,
        case_uuid=version.story.case.uuid,
        summary=summary,
    )


def _replace_earlier(*, actor: User, version: StoryVersion) -> None:
    """Once a version is agreed or given, the versions before it are replaced."""
    if version.status == VersionStatus.DRAFT:
        return
    earlier = (
        StoryVersion.objects.select_for_update()
        .filter(story=version.story, number__lt=version.number)
        .exclude(status=VersionStatus.REPLACED)
    )
    for old in earlier:
        old.story = version.story
        previous = old.status
        old.status = VersionStatus.REPLACED
        _audit_version(
            actor=actor,
            version=old,
            changes={"status": {"old": previous, "new": old.status}},
            summary=f"{_label(old)} replaced by version {version.number}",
        )


def _create_panel(*, actor: User, version: StoryVersion, **fields: Any) -> StoryPanel:
    panel = StoryPanel.objects.create(version=version, **fields)
    audit_creation(
        actor=actor,
        target=panel,
        fields=("version", "position", "key", "heading", "text", "picture"),
        case_uuid=version.story.case.uuid,
        summary=f"Panel ‘{panel.heading}’ added to {_label(version)}",
    )
    return panel


def _set_authors(*, actor: User, version: StoryVersion, authors: Authors) -> dict[str, Any]:
    """Make the version's authors exactly these people; the change, for the audit event."""
    case = version.story.case
    for member in authors.members:
        if member.case_id != case.pk or member.removed_at is not None:
            raise ValidationError("Choose people who are on this case.", code="authors")
    current = list(version.authors.select_related("member__person", "staff"))
    before = sorted(author.name for author in current)
    wanted_members = {member.pk: member for member in authors.members}
    wanted_staff = {user.pk: user for user in authors.staff}
    for author in current:
        keep = (
            author.member_id in wanted_members
            if author.member_id
            else author.staff_id in wanted_staff
        )
        if not keep:
            author.delete()  # a version's list of authors, not a record of anyone
        elif author.member_id:
            wanted_members.pop(author.member_id)
        else:
            wanted_staff.pop(author.staff_id)  # type: ignore[arg-type]
    for member in wanted_members.values():
        StoryAuthor.objects.create(version=version, member=member)
    for user in wanted_staff.values():
        StoryAuthor.objects.create(version=version, staff=user)
    after = sorted(
        author.name for author in version.authors.select_related("member__person", "staff")
    )
    return {"authors": {"old": before, "new": after}} if before != after else {}


# --- Starting a story and its versions ---------------------------------------------------


@transaction.atomic
def story_start(*, actor: User, case: Case, kind: str, authors: Authors | None = None) -> Story:
    """A new story for the child, as version 1: a draft with the standard panels of its kind.
    The actor is an author unless `authors` says who wrote it."""
    _require_editor(actor, case)
    if kind not in StoryKind.values:
        raise ValidationError("Select what kind of story this is.", code="kind")
    story = Story.objects.create(case=case, kind=kind, created_by=actor)
    audit_creation(
        actor=actor,
        target=story,
        fields=("case", "kind", "created_by"),
        case_uuid=case.uuid,
        summary=f"Words and Pictures started: {story.get_kind_display().lower()}",
    )
    version = StoryVersion.objects.create(story=story, number=1, started_by=actor)
    audit_creation(
        actor=actor,
        target=version,
        fields=("story", "number", "status", "started_by"),
        case_uuid=case.uuid,
        summary=f"{_label(version)} started",
    )
    for position, standard in enumerate(standard_panels(kind), start=1):
        _create_panel(
            actor=actor,
            version=version,
            position=position,
            key=standard.key,
            heading=standard.heading,
        )
    _set_authors(actor=actor, version=version, authors=authors or Authors(staff=[actor]))
    return story


@transaction.atomic
def story_version_start(*, actor: User, story: Story) -> StoryVersion:
    """A new draft version, starting from the last version: its words, pictures and authors.
    Refused while the last version is still a draft (change that one instead)."""
    _require_editor(actor, story.case)
    locked = Story.objects.select_for_update().get(pk=story.pk)
    last = locked.versions.order_by("-number").first()
    if last is None:  # a story always has version 1; this is a broken row
        raise ValidationError("This story has no versions to start from.")
    if last.status == VersionStatus.DRAFT:
        raise ValidationError(
            f"Version {last.number} is still a draft. Change that version instead.",
            code="draft_exists",
        )
    locked.case = story.case
    version = StoryVersion.objects.create(story=locked, number=last.number + 1, started_by=actor)
    audit_creation(
        actor=actor,
        target=version,
        fields=("story", "number", "status", "started_by"),
        case_uuid=story.case.uuid,
        summary=f"{_label(version)} started from version {last.number}",
    )
    for panel in last.panels.order_by("position", "id"):
        _create_panel(
            actor=actor,
            version=version,
            position=panel.position,
            key=panel.key,
            heading=panel.heading,
            text=panel.text,
            picture=panel.picture,
            picture_description=panel.picture_description,
        )
    for author in last.authors.all():
        StoryAuthor.objects.create(version=version, member=author.member, staff=author.staff)
    return version


# --- Editing a draft ----------------------------------------------------------------------


@transaction.atomic
def story_version_edit(
    *,
    actor: User,
    version: StoryVersion,
    expected_version: int | None,
    panels: Sequence[PanelWords],
    authors: Authors,
) -> StoryVersion:
    """Save the words of a draft's panels and who wrote it. Panels the writers added can be
    renamed or removed; the standard panels of the kind always stay."""
    _require_editor(actor, version.story.case)
    fresh = _lock_draft(version, expected_version)
    by_uuid = {panel.uuid: panel for panel in fresh.panels.all()}
    changes: dict[str, Any] = {}
    removed = []
    for words in panels:
        panel = by_uuid.get(words.panel)
        if panel is None:
            raise ValidationError("That panel is not in this version.", code="panels")
        if words.remove and not panel.is_standard:
            removed.append(panel)
            changes[f"panel {panel.uuid}"] = {"old": panel.heading, "new": None}
            continue
        heading = panel.heading
        if not panel.is_standard:
            heading = words.heading.strip()[:HEADING_MAX] or panel.heading
        text = words.text.strip()
        if (heading, text) != (panel.heading, panel.text):
            before = {"heading": panel.heading, "text": panel.text}
            panel.heading, panel.text = heading, text
            panel.save(update_fields=["heading", "text", "updated_at"])
            for name, change in changed_fields(before, {"heading": heading, "text": text}).items():
                changes[f"panel {panel.uuid} {name}"] = change
    for panel in removed:
        panel.delete()  # a draft's page, never given to anyone; the audit keeps its words
    if removed:
        _renumber(fresh)
    changes.update(_set_authors(actor=actor, version=fresh, authors=authors))
    if changes:
        _audit_version(
            actor=actor, version=fresh, changes=changes, summary=f"{_label(fresh)} changed"
        )
    return fresh


@transaction.atomic
def story_panels_fill(*, actor: User, version: StoryVersion, texts: dict[str, str]) -> StoryVersion:
    """Write the words of a draft's standard panels by key (for a story made from another
    record, such as the child's version of a safety plan); authors stay as they are."""
    panels = [
        PanelWords(panel=panel.uuid, text=texts[panel.key])
        for panel in version.panels.order_by("position", "id")
        if panel.key in texts
    ]
    current = list(version.authors.select_related("member", "staff"))
    authors = Authors(
        members=[a.member for a in current if a.member],
        staff=[a.staff for a in current if a.staff],
    )
    return story_version_edit(
        actor=actor, version=version, expected_version=None, panels=panels, authors=authors
    )


def _renumber(version: StoryVersion) -> None:
    for position, panel in enumerate(version.panels.order_by("position", "id"), start=1):
        if panel.position != position:
            panel.position = position
            panel.save(update_fields=["position", "updated_at"])


@transaction.atomic
def story_panel_add(
    *, actor: User, version: StoryVersion, expected_version: int | None, heading: str = ""
) -> StoryPanel:
    """Another panel at the end of a draft, for anything the standard panels do not cover."""
    _require_editor(actor, version.story.case)
    fresh = _lock_draft(version, expected_version)
    last = fresh.panels.order_by("-position").values_list("position", flat=True).first() or 0
    extra = fresh.panels.filter(key="").count()
    panel = _create_panel(
        actor=actor,
        version=fresh,
        position=last + 1,
        key="",
        heading=(heading.strip() or f"More of the story ({extra + 1})")[:HEADING_MAX],
    )
    save_new_version(fresh)
    return panel


@transaction.atomic
def story_panel_move(
    *,
    actor: User,
    version: StoryVersion,
    expected_version: int | None,
    panel_uuid: uuid.UUID,
    step: int,
) -> StoryVersion:
    """Move a panel one place earlier (step -1) or later (+1). The title stays first."""
    _require_editor(actor, version.story.case)
    fresh = _lock_draft(version, expected_version)
    order = list(fresh.panels.order_by("position", "id"))
    index = next((i for i, p in enumerate(order) if p.uuid == panel_uuid), None)
    if index is None:
        raise ValidationError("That panel is not in this version.", code="panels")
    target = index + (1 if step > 0 else -1)
    if order[index].is_title or target < 0 or target >= len(order) or order[target].is_title:
        return fresh
    order[index], order[target] = order[target], order[index]
    for position, panel in enumerate(order, start=1):
        if panel.position != position:
            panel.position = position
            panel.save(update_fields=["position", "updated_at"])
    _audit_version(
        actor=actor,
        version=fresh,
        changes={"panel order": {"old": None, "new": [p.heading for p in order]}},
        summary=f"Panels of {_label(fresh)} reordered",
    )
    return fresh


@transaction.atomic
def story_panel_picture_set(
    *,
    actor: User,
    panel: StoryPanel,
    expected_version: int | None,
    uploaded_file: UploadedFile[bytes],
    description: str,
    kind: str = DocumentKind.DRAWING,
) -> StoryPanel:
    """Put a picture (a drawing, a photo or a scan) on a draft's panel, or replace the one
    there. The file goes through the documents upload (checked by its content, kept without
    its metadata) and becomes a document on the case; earlier versions keep their pictures."""
    version = panel.version
    _require_editor(actor, version.story.case)
    description = " ".join(description.split())
    if not description:
        raise ValidationError(
            "Describe the picture, for someone who cannot see it", code="description"
        )
    if kind not in PICTURE_KINDS:
        raise ValidationError("Select whether it is a drawing or a photo", code="kind")
    fresh = _lock_draft(version, expected_version)
    document = document_upload(
        actor=actor,
        case=version.story.case,
        title=f"Words and Pictures: {description}",
        kind=kind,
        uploaded_file=uploaded_file,
        pictures_only=True,
    )
    try:
        before = {"picture": str(panel.picture.uuid) if panel.picture else None}
        before["picture_description"] = panel.picture_description
        panel.picture = document
        panel.picture_description = description[:300]
        panel.save(update_fields=["picture", "picture_description", "updated_at"])
        after = {"picture": str(document.uuid), "picture_description": panel.picture_description}
        _audit_version(
            actor=actor,
            version=fresh,
            changes={
                f"panel {panel.uuid} {name}": change
                for name, change in changed_fields(before, after).items()
            },
            summary=f"Picture {'replaced' if before['picture'] else 'added'} on ‘{panel.heading}’",
        )
    except BaseException:
        # The document row goes with the transaction; its stored copy must go too.
        if document.file.name:
            default_storage.delete(document.file.name)
        raise
    return panel


# --- What the parents said, and giving it to the child -------------------------------------


@transaction.atomic
def story_parents_record(
    *,
    actor: User,
    version: StoryVersion,
    expected_version: int | None,
    agree: str,
    words: str,
    asked_on: datetime.date,
) -> StoryVersion:
    """Whether the parents agree with this version (yes, partly or no) and what they said.
    "Yes" makes a draft *agreed*: it is then kept as it is."""
    _require_editor(actor, version.story.case)
    if agree not in (ParentsAgree.YES, ParentsAgree.PARTLY, ParentsAgree.NO):
        raise ValidationError("Select whether the parents agree", code="agree")
    if asked_on > timezone.localdate():
        raise ValidationError("The date must be today or in the past", code="asked_on")
    words = words.strip()
    if agree != ParentsAgree.YES and not words:
        raise ValidationError(
            "Write what the parents said they do not agree with, in their words", code="words"
        )
    return _record(
        actor=actor,
        version=version,
        expected_version=expected_version,
        values={"parents_agree": agree, "parents_words": words, "parents_asked_on": asked_on},
        summary=f"Parents' view of {_label(version)}: {ParentsAgree(agree).label.lower()}",
    )


@transaction.atomic
def story_given_record(
    *,
    actor: User,
    version: StoryVersion,
    expected_version: int | None,
    given_on: datetime.date,
    given_by: CaseMember | User,
    child_reaction: str,
    reaction_words: str,
) -> StoryVersion:
    """When this version was given to the child, by whom, and how the child reacted."""
    case = version.story.case
    _require_editor(actor, case)
    if given_on > timezone.localdate():
        raise ValidationError("The date must be today or in the past", code="given_on")
    if given_on < case.opened_on:
        raise ValidationError("The date must be after the case was opened", code="given_on")
    member = given_by if isinstance(given_by, CaseMember) else None
    staff = given_by if isinstance(given_by, User) else None
    if member is not None and (member.case_id != case.pk or member.removed_at is not None):
        raise ValidationError("Choose someone on this case", code="given_by")
    child_reaction = child_reaction.strip()
    if child_reaction and reaction_words not in ReactionWords.values:
        raise ValidationError(
            "Select whether these are the child's own words or the worker's", code="reaction"
        )
    return _record(
        actor=actor,
        version=version,
        expected_version=expected_version,
        values={
            "given_on": given_on,
            "given_by_member": member,
            "given_by_staff": staff,
            "child_reaction": child_reaction,
            "reaction_words": reaction_words if child_reaction else "",
        },
        summary=f"{_label(version)} given to the child",
    )


def _record(
    *,
    actor: User,
    version: StoryVersion,
    expected_version: int | None,
    values: dict[str, Any],
    summary: str,
) -> StoryVersion:
    """Record facts about a version that has not been replaced; its status follows them."""
    version = _lock(version, expected_version)
    if version.status == VersionStatus.REPLACED:
        raise ValidationError(REPLACED, code="replaced")
    before = field_values(version, [*values, "status"])
    for name, value in values.items():
        setattr(version, name, value)
    version.status = _status_of(version)
    changes = changed_fields(before, field_values(version, [*values, "status"]))
    if changes:
        _audit_version(actor=actor, version=version, changes=changes, summary=summary)
        _replace_earlier(actor=actor, version=version)
    return version
