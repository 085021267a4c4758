"""Words and Pictures: a simple illustrated story, ideally written with the parents, that
tells a child why the service is involved (or, for a safety plan story, how they will be
kept safe).

A story is never edited once it has been agreed or given: each change is a new version
(`StoryVersion`, numbered 1, 2, 3... per story) that starts as a copy of the last one, so
what the child was given can always be read back exactly. Panels and authors belong to a
version; the picture on a panel is a document on the case (`documents.CaseDocument`), so
it went through the one upload check, is kept without its metadata, and is served only
through the case's download page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q

from safetymap.cases.models import Case, CaseMember
from safetymap.core.models import PublicModel, VersionedModel
from safetymap.documents.models import CaseDocument


class StoryKind(models.TextChoices):
    EXPLANATION = "explanation", "Explanation story"
    SAFETY_PLAN = "safety_plan", "Safety plan story"


@dataclass(frozen=True)
class PanelKind:
    """One of the panels every story of a kind starts with, in order."""

    key: str
    heading: str  # what the book shows above the panel's words
    hint: str  # help for whoever writes it


TITLE = PanelKind(
    "title",
    "Title",
    "The name of the story, on its cover. For example, ‘Why Sam the social worker "
    "comes to see us’.",
)
STANDARD_PANELS: dict[str, tuple[PanelKind, ...]] = {
    StoryKind.EXPLANATION: (
        TITLE,
        PanelKind(
            "who_is_worried",
            "Who is worried?",
            "Name the people who are worried, the way the child knows them: ‘Your teacher "
            "Mrs Patel and Sam, a social worker whose job is to help keep children safe.’",
        ),
        PanelKind(
            "worried_about",
            "What are they worried about?",
            "The worry in words the child will understand. No labels: say what might happen "
            "to the child, not ‘neglect’ or ‘domestic abuse’.",
        ),
        PanelKind(
            "what_happened",
            "What happened?",
            "What happened, plainly and kindly, so the child knows it was not their fault.",
        ),
        PanelKind(
            "what_everyone_is_doing",
            "What is everyone doing about it?",
            "What Mum, Dad, the family and the helpers are doing so that the child is safe.",
        ),
    ),
    StoryKind.SAFETY_PLAN: (
        TITLE,
        PanelKind(
            "who_keeps_me_safe",
            "Who will keep me safe?",
            "The grown-ups in the child's safety network, by the names the child uses.",
        ),
        PanelKind(
            "the_rules",
            "The rules",
            "The family's safety rules, each in words the child understands.",
        ),
        PanelKind(
            "if_i_am_worried",
            "What I can do if I am worried",
            "What the child can do, and where they can go, if they feel unsafe.",
        ),
        PanelKind(
            "who_i_can_call",
            "Who I can call",
            "Names and how to reach them, for example ‘Nana Jean: 07700 900123’.",
        ),
    ),
}


def standard_panels(kind: str) -> tuple[PanelKind, ...]:
    return STANDARD_PANELS[StoryKind(kind)]


def panel_kind(story_kind: str, key: str) -> PanelKind | None:
    return next((p for p in standard_panels(story_kind) if p.key == key), None)


class Story(PublicModel):
    """One Words and Pictures story for the child on a case, across all its versions."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="words_pictures")
    kind = models.CharField(max_length=20, choices=StoryKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "stories"
        indexes = [models.Index(fields=["case", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.case.reference}"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed with parents"
    GIVEN = "given", "Given to the child"
    REPLACED = "replaced", "Replaced"


class ParentsAgree(models.TextChoices):
    NOT_ASKED = "not_asked", "Not asked yet"
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class ReactionWords(models.TextChoices):
    CHILD = "child", "The child's own words"
    WORKER = "worker", "The worker's description"


class StoryVersion(VersionedModel):
    """One version of a story. A draft may be edited; once agreed with the parents or given
    to the child it is kept as it is, and any change starts a new version.

    `version` (from VersionedModel) is the optimistic lock for edits; `number` is the
    story's version number people see."""

    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Whether the parents agree with this version, in their own words.
    parents_agree = models.CharField(
        max_length=20, choices=ParentsAgree.choices, default=ParentsAgree.NOT_ASKED
    )
    parents_words = models.TextField(blank=True)
    parents_asked_on = models.DateField(null=True, blank=True)
    # When it was given to the child, by whom (a person on the case or a member of staff),
    # and how the child reacted.
    given_on = models.DateField(null=True, blank=True)
    given_by_member = models.ForeignKey(
        CaseMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    given_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    child_reaction = models.TextField(blank=True)
    reaction_words = models.CharField(max_length=20, choices=ReactionWords.choices, blank=True)

    class Meta:
        ordering = ["story", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "number"], name="one_number_per_story_version"
            ),
            models.CheckConstraint(
                condition=Q(given_by_member__isnull=True) | Q(given_by_staff__isnull=True),
                name="story_given_by_one_person",
            ),
        ]
        indexes = [models.Index(fields=["given_on"])]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.story}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def given_by_name(self) -> str:
        if self.given_by_member is not None:
            return person_label(self.given_by_member)
        if self.given_by_staff is not None:
            return staff_label(self.given_by_staff)
        return ""


class StoryPanel(PublicModel):
    """One page of the story: words for the child and an optional picture."""

    version = models.ForeignKey(StoryVersion, on_delete=models.PROTECT, related_name="panels")
    position = models.PositiveIntegerField()
    # The standard panel this is (see STANDARD_PANELS), or blank for one the writers added.
    key = models.CharField(max_length=40, blank=True)
    heading = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    picture = models.ForeignKey(
        CaseDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the picture shows, for anyone who cannot see it (and read aloud by screen readers).
    picture_description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["version", "position", "id"]
        indexes = [models.Index(fields=["version", "position"])]

    def __str__(self) -> str:
        return self.heading

    @property
    def is_standard(self) -> bool:
        return bool(self.key)

    @property
    def is_title(self) -> bool:
        return self.key == TITLE.key


class StoryAuthor(PublicModel):
    """Someone who wrote a version: a person on the case (a parent, a network member) or a
    member of staff."""

    version = models.ForeignKey(StoryVersion, on_delete=models.PROTECT, related_name="authors")
    member = models.ForeignKey(
        CaseMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(member__isnull=True) & Q(staff__isnull=False))
                | (Q(member__isnull=False) & Q(staff__isnull=True)),
                name="story_author_is_one_person",
            ),
            models.UniqueConstraint(fields=["version", "member"], name="story_author_member_once"),
            models.UniqueConstraint(fields=["version", "staff"], name="story_author_staff_once"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.member is not None:
            return person_label(self.member)
        return staff_label(self.staff) if self.staff is not None else ""


def person_label(member: CaseMember) -> str:
    return f"{member.person.full_name} ({member.description.lower()})"


def staff_label(user: object) -> str:
    name = getattr(user, "display_name", "") or str(user)
    title = getattr(user, "job_title", "")
    return f"{name} ({title.lower()})" if title else name
