"""Every read of Words and Pictures. Pages have already checked the user may see the case
(`@case_page`), so the reads of one story are scoped to that case; the case-list reads take
a queryset the caller has already scoped to the user (`cases.selectors.cases_visible_to`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BooleanField,
    DateField,
    Exists,
    ExpressionWrapper,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404

from safetymap.accounts.models import User
from safetymap.cases.models import Case, CaseMember, ServiceLevel
from safetymap.cases.policies import EDITOR_ROLES
from safetymap.words_pictures.models import (
    TITLE,
    Story,
    StoryAuthor,
    StoryKind,
    StoryPanel,
    StoryVersion,
    VersionStatus,
)

DEFAULT_EXPECTED_LEVELS = (ServiceLevel.CHILD_IN_NEED, ServiceLevel.CHILD_PROTECTION)


def expected_levels() -> tuple[str, ...]:
    """The service levels at which every child is expected to have been given Words and
    Pictures (a council setting; by default child in need and child protection plans)."""
    levels = getattr(settings, "SAFETYMAP_WORDS_AND_PICTURES_EXPECTED_LEVELS", None)
    return tuple(levels) if levels is not None else tuple(DEFAULT_EXPECTED_LEVELS)


# --- The gap: children on a plan who have not been given their story ----------------------


def _given_explanation(case_ref: OuterRef) -> QuerySet[StoryVersion]:
    """Versions of the case's explanation stories that were given to the child. (The child
    version of a safety plan is a different story: it does not close this gap.)"""
    return StoryVersion.objects.filter(
        story__case=case_ref, story__kind=StoryKind.EXPLANATION, given_on__isnull=False
    )


def cases_missing_words_and_pictures(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The open cases among `cases` at an expected service level whose child has not been
    given a Words and Pictures story."""
    return cases.filter(service_level__in=expected_levels(), closed_on__isnull=True).exclude(
        Exists(_given_explanation(OuterRef("pk")))
    )


def annotate_words_and_pictures(cases: QuerySet[Case]) -> QuerySet[Case]:
    """For case lists and dashboards, in the same query: `words_pictures_given_on` (when the
    child was last given their story, or None) and `words_pictures_missing` (on a plan and
    never given one)."""
    last_given = Subquery(
        _given_explanation(OuterRef("pk"))
        .order_by()
        .values("story__case")
        .annotate(last=Max("given_on"))
        .values("last")[:1],
        output_field=DateField(),
    )
    return cases.annotate(
        words_pictures_given_on=last_given,
        words_pictures_missing=ExpressionWrapper(
            Q(service_level__in=expected_levels(), closed_on__isnull=True)
            & ~Exists(_given_explanation(OuterRef("pk"))),
            output_field=BooleanField(),
        ),
    )


# --- Stories on one case ------------------------------------------------------------------


def _title_panels() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        "panels", queryset=StoryPanel.objects.filter(key=TITLE.key), to_attr="title_panels"
    )


@dataclass(frozen=True)
class StorySummary:
    story: Story
    versions: list[StoryVersion]  # oldest first

    @property
    def latest(self) -> StoryVersion:
        return self.versions[-1]

    @property
    def last_given(self) -> StoryVersion | None:
        given = [v for v in self.versions if v.given_on is not None]
        return max(given, key=lambda v: (v.given_on, v.number)) if given else None

    @property
    def title(self) -> str:
        return version_title(self.latest)


def version_title(version: StoryVersion) -> str:
    """The words on the title panel (from `title_panels` or the panels, if prefetched)."""
    panels = getattr(version, "title_panels", None)
    if panels is None:
        panels = [panel for panel in version.panels.all() if panel.key == TITLE.key]
    text = panels[0].text if panels else ""
    return text or "Untitled story"


def case_stories(case: Case) -> list[StorySummary]:
    """Every story on the case, oldest first, each with all its versions (three queries)."""
    stories = list(Story.objects.filter(case=case).order_by("created_at", "id"))
    versions = (
        StoryVersion.objects.filter(story__in=stories)
        .select_related("given_by_member__person", "given_by_staff")
        .prefetch_related(_title_panels())
        .order_by("number")
    )
    by_story: dict[int, list[StoryVersion]] = {story.pk: [] for story in stories}
    for version in versions:
        by_story[version.story_id].append(version)
    return [StorySummary(story, by_story[story.pk]) for story in stories if by_story[story.pk]]


def get_story(case: Case, story_uuid: uuid.UUID) -> Story:
    """A story on this case, or 404 (another case's story, or none)."""
    story = Story.objects.filter(case=case, uuid=story_uuid).select_related("case").first()
    if story is None:
        raise Http404("No such story on this case")
    story.case = case
    return story


def story_versions(story: Story) -> list[StoryVersion]:
    """The story's versions, oldest first, with what the list of versions shows."""
    versions = list(
        story.versions.select_related("given_by_member__person", "given_by_staff", "started_by")
        .prefetch_related(_title_panels())
        .order_by("number")
    )
    for version in versions:
        version.story = story
    return versions


def get_version(story: Story, number: int) -> StoryVersion:
    """One version with its panels (and their pictures) and authors, or 404."""
    version = (
        story.versions.filter(number=number)
        .select_related("given_by_member__person", "given_by_staff", "started_by")
        .prefetch_related(
            Prefetch(
                "panels",
                queryset=StoryPanel.objects.select_related("picture").order_by("position", "id"),
            ),
            Prefetch(
                "authors",
                queryset=StoryAuthor.objects.select_related("member__person", "staff").order_by(
                    "created_at", "id"
                ),
            ),
        )
        .first()
    )
    if version is None:
        raise Http404("No such version of this story")
    version.story = story
    return version


def get_panel(version: StoryVersion, panel_uuid: uuid.UUID) -> StoryPanel:
    for panel in version.panels.all():
        if panel.uuid == panel_uuid:
            return panel
    raise Http404("No such panel in this version")


def visible_picture(panel: StoryPanel) -> bool:
    """A picture is shown while its document is on the case (a document removed from the
    case, for instance uploaded to the wrong child, is not shown here either)."""
    return panel.picture is not None and panel.picture.removed_at is None


# --- The case overview ---------------------------------------------------------------------


@dataclass(frozen=True)
class CaseStoryState:
    expected: bool  # the case is at a level where the child is expected to have a story
    given: StoryVersion | None  # the explanation version given most recently
    draft: StoryVersion | None  # a draft being written, if any
    stories: int

    @property
    def missing(self) -> bool:
        return self.expected and self.given is None


def case_story_state(case: Case) -> CaseStoryState:
    """What the overview says about the child's Words and Pictures (two queries)."""
    versions = list(
        StoryVersion.objects.filter(story__case=case)
        .exclude(status=VersionStatus.REPLACED, given_on__isnull=True)
        .select_related("story", "given_by_member__person", "given_by_staff")
        .prefetch_related(_title_panels())
        .order_by("given_on", "number")
    )
    explanation = [v for v in versions if v.story.kind == StoryKind.EXPLANATION]
    given = [v for v in explanation if v.given_on is not None]
    drafts = [v for v in versions if v.status == VersionStatus.DRAFT]
    return CaseStoryState(
        expected=case.service_level in expected_levels() and case.closed_on is None,
        given=given[-1] if given else None,
        draft=drafts[0] if drafts else None,
        stories=len({v.story_id for v in versions}),
    )


def current_story_version(case: Case) -> StoryVersion | None:
    """The child's Words and Pictures as it is now, for the network to have seen: the
    explanation version given to the child most recently, or (none given yet) the latest
    one the parents agreed."""
    versions = StoryVersion.objects.filter(
        story__case=case, story__kind=StoryKind.EXPLANATION
    ).select_related("story")
    given = versions.filter(given_on__isnull=False).order_by("-given_on", "-number").first()
    if given is not None:
        return given
    return versions.filter(status=VersionStatus.AGREED).order_by("-number").first()


def shown_story_versions(case: Case) -> list[StoryVersion]:
    """The explanation versions that may have been shown to the network (none still a
    draft), newest first."""
    return list(
        StoryVersion.objects.filter(story__case=case, story__kind=StoryKind.EXPLANATION)
        .exclude(status=VersionStatus.DRAFT)
        .select_related("story")
        .order_by("-story__created_at", "-number")
    )


# --- People who may be named as authors, or as the person who gave the story --------------


def members_to_choose(case: Case) -> list[CaseMember]:
    return list(
        case.members.filter(removed_at__isnull=True)
        .select_related("person")
        .order_by("created_at", "id")
    )


def staff_to_choose(case: Case, actor: User, *, also: list[User] | None = None) -> list[User]:
    """Staff who could have written or given the story: the case's workers, the editors in
    its team, the person at the keyboard, and anyone already named."""
    named = [user.pk for user in also or []]
    return list(
        User.objects.filter(
            Q(allocations__case=case, allocations__ended_on__isnull=True)
            | Q(team_id=case.team_id, role__in=EDITOR_ROLES, is_active=True)
            | Q(pk=actor.pk)
            | Q(pk__in=named)
        )
        .distinct()
        .order_by("first_name", "last_name", "id")
    )
