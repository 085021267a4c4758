"""The child's voice: sessions in which a child says, writes and draws what they think.

A session is Three Houses, Fairy / Wizard or Safety House. Its entries keep the child's
exact words, who wrote them down, and the order the child chose. Changing the words makes a
new version with an audit event holding the earlier words, so nothing is edited silently.

Consent is the child's: for each audience (parents, network, conference, other
professionals) the session says whether they may see it, and an entry may say otherwise.
`selectors.entries_for_audience` is the one place that applies it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from safetymap.cases.models import Case
from safetymap.core.models import RemovableModel
from safetymap.documents.models import CaseDocument
from safetymap.mapping.models import DangerStatement, MapItem, SafetyGoal


class SessionKind(models.TextChoices):
    THREE_HOUSES = "three_houses", "Three Houses"
    FAIRY_WIZARD = "fairy_wizard", "Fairy / Wizard"
    SAFETY_HOUSE = "safety_house", "Safety House"


class House(models.TextChoices):
    """Where an entry sits. The first three are the houses (or the fairy, the wizard and the
    wish); the rest are the parts of a Safety House."""

    WORRIES = "worries", "Worries"
    GOOD = "good", "Good things"
    DREAMS = "dreams", "Dreams and wishes"
    INSIDE = "inside", "Who lives inside"
    RULES = "rules", "The rules inside"
    HELPERS = "helpers", "The helpers"
    OUTSIDE = "outside", "Who stays outside"


THREE_PARTS = (House.WORRIES, House.GOOD, House.DREAMS)
SAFETY_HOUSE_PARTS = (House.INSIDE, House.RULES, House.HELPERS, House.OUTSIDE)

# The names a child starts from; they may rename the three houses (and the fairy's parts).
DEFAULT_NAMES: dict[str, dict[str, str]] = {
    SessionKind.THREE_HOUSES: {
        House.WORRIES: "House of worries",
        House.GOOD: "House of good things",
        House.DREAMS: "House of dreams",
    },
    SessionKind.FAIRY_WIZARD: {
        House.WORRIES: "Worries",
        House.GOOD: "Good things",
        House.DREAMS: "Wish",
    },
    SessionKind.SAFETY_HOUSE: {part: part.label for part in SAFETY_HOUSE_PARTS},
}


class WrittenBy(models.TextChoices):
    CHILD = "child", "The child wrote it"
    WORKER = "worker", "The worker wrote down the child's words"


class Audience(models.TextChoices):
    PARENTS = "parents", "Parents or carers"
    NETWORK = "network", "Safety network"
    CONFERENCE = "conference", "Conference or meeting"
    PROFESSIONALS = "professionals", "Other professionals"


def share_field(audience: str) -> str:
    """The name of the field holding the child's decision for one audience."""
    return f"share_{audience}"


SHARE_FIELDS = tuple(share_field(audience) for audience in Audience.values)


class Session(RemovableModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="voice_sessions")
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    held_on = models.DateField(default=timezone.localdate)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    place = models.CharField(max_length=200, blank=True)
    # Parents are told first: who was told, and when.
    parent_told = models.CharField(max_length=200, blank=True)
    parent_told_on = models.DateField(null=True, blank=True)
    # The child's own names for the three houses (or the fairy's parts).
    name_worries = models.CharField(max_length=100, blank=True)
    name_good = models.CharField(max_length=100, blank=True)
    name_dreams = models.CharField(max_length=100, blank=True)
    # The house the child chose to start with (shown first).
    started_with = models.CharField(max_length=20, choices=House.choices, blank=True)
    # Safety House: where the child put themselves on the path (0 far from safe, 10 safe).
    path_position = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    path_words = models.TextField(blank=True)
    # The child's decision, per audience; an entry may decide otherwise.
    share_parents = models.BooleanField(default=False)
    share_network = models.BooleanField(default=False)
    share_conference = models.BooleanField(default=False)
    share_professionals = models.BooleanField(default=False)
    consent_words = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on", "-created_at", "-id"]
        indexes = [models.Index(fields=["case", "removed_at", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(path_position__isnull=True)
                | models.Q(path_position__gte=0, path_position__lte=10),
                name="voice_path_position_0_to_10",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"

    @property
    def parts(self) -> tuple[str, ...]:
        parts = SAFETY_HOUSE_PARTS if self.kind == SessionKind.SAFETY_HOUSE else THREE_PARTS
        if self.started_with in parts:
            return (self.started_with, *(part for part in parts if part != self.started_with))
        return parts

    def house_name(self, house: str) -> str:
        """The child's name for this house, or the default for the kind of session."""
        own = getattr(self, f"name_{house}", "") if house in THREE_PARTS else ""
        return own or DEFAULT_NAMES[self.kind].get(house, House(house).label)

    def shares_with(self, audience: str) -> bool:
        return bool(getattr(self, share_field(audience)))


class Entry(RemovableModel):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="entries")
    house = models.CharField(max_length=20, choices=House.choices)
    # Exactly what the child said or wrote: never tidied.
    words = models.TextField()
    written_by = models.CharField(max_length=10, choices=WrittenBy.choices)
    # Safety House, "who stays outside": on what terms they may come in.
    terms = models.TextField(blank=True)
    # The order the child chose (1, 2, 3... across the session).
    position = models.PositiveIntegerField()
    # None: as the session says; True or False: the child decided otherwise for this one.
    share_parents = models.BooleanField(null=True, blank=True)
    share_network = models.BooleanField(null=True, blank=True)
    share_conference = models.BooleanField(null=True, blank=True)
    share_professionals = models.BooleanField(null=True, blank=True)
    # What this entry became on the map, when it was carried there.
    map_item = models.ForeignKey(
        MapItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    danger_statement = models.ForeignKey(
        DangerStatement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    safety_goal = models.ForeignKey(
        SafetyGoal, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["session", "removed_at", "position"])]

    def __str__(self) -> str:
        return self.words[:60]

    def shares_with(self, audience: str) -> bool:
        own = getattr(self, share_field(audience))
        return self.session.shares_with(audience) if own is None else bool(own)

    @property
    def map_record(self) -> MapItem | DangerStatement | SafetyGoal | None:
        return self.map_item or self.danger_statement or self.safety_goal

    @property
    def on_map(self) -> bool:
        """Carried into the map, and still there."""
        record = self.map_record
        return record is not None and not record.is_removed


class Drawing(RemovableModel):
    """A drawing or piece of writing by the child, kept as a case document (so it went
    through the documents app's checks and lost its metadata on the way in)."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="drawings")
    document = models.ForeignKey(CaseDocument, on_delete=models.PROTECT, related_name="+")
    house = models.CharField(max_length=20, choices=House.choices, blank=True)
    # What the child said about it, in their words.
    caption = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["session", "removed_at"])]

    def __str__(self) -> str:
        return self.caption[:60] or "Drawing"


class ConsentOverride(RemovableModel):
    """A worker showed an audience something the child did not agree to share. Always with
    a reason, audited, and shown as an override wherever it is used."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="overrides")
    entry = models.ForeignKey(
        Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="overrides"
    )
    audience = models.CharField(max_length=20, choices=Audience.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["session", "audience", "removed_at"])]

    def __str__(self) -> str:
        return f"Shared with {self.get_audience_display()} without the child's agreement"
