"""The map of a case: worries, what's working well, what needs to happen, and the scales.

Items are edited live; saving a version freezes a snapshot of the whole map (`MapVersion`)
so every earlier picture of the case can be read back and compared.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from safetymap.cases.models import Case, Person, ServiceLevel
from safetymap.core.models import PublicModel, RemovableModel, VersionedModel


class FamilyView(models.TextChoices):
    NOT_ASKED = "not_asked", "Not asked yet"
    AGREES = "agrees", "Agrees"
    PARTLY = "partly", "Partly agrees"
    DISAGREES = "disagrees", "Disagrees"


class Part(models.TextChoices):
    """The parts of the map held as simple items (statements, goals and steps have models)."""

    HARM = "harm", "Harm"
    COMPLICATING = "complicating", "Complicating factors"
    STRENGTH = "strength", "Existing strengths"
    SAFETY = "safety", "Existing safety"
    UNSURE = "unsure", "Not sure yet / need to find out"
    BOTTOM_LINE = "bottom_line", "Bottom lines"


class HowWeKnow(models.TextChoices):
    SEEN = "seen", "Seen by a worker"
    TOLD_BY_CHILD = "told_by_child", "Told by the child"
    TOLD_BY_PARENT = "told_by_parent", "Told by a parent or carer"
    AGENCY_REPORT = "agency_report", "Report from another agency"
    OTHER = "other", "Other"


class CaseMap(models.Model):
    """When the map of a case last changed, and by whom, for lists and the version banner."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="map_state")
    last_changed_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Map of {self.case_id} changed {self.last_changed_at:%Y-%m-%d %H:%M}"


class FamilyViewMixin(models.Model):
    family_view = models.CharField(
        max_length=20, choices=FamilyView.choices, default=FamilyView.NOT_ASKED
    )
    family_words = models.TextField(blank=True)

    class Meta:
        abstract = True


class SharedWithFamilyMixin(models.Model):
    # The map is built with the family, so everything is theirs to read unless a worker
    # keeps it out of the documents the family are given.
    shared_with_family = models.BooleanField(default=True)

    class Meta:
        abstract = True


class MapItem(RemovableModel, FamilyViewMixin, SharedWithFamilyMixin):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="map_items")
    part = models.CharField(max_length=20, choices=Part.choices)
    text = models.TextField()
    said_by = models.CharField(max_length=200, blank=True)
    # Harm only.
    when_happened = models.CharField(max_length=200, blank=True)
    how_often = models.CharField(max_length=200, blank=True)
    effect_on_child = models.TextField(blank=True)
    how_we_know = models.CharField(max_length=20, choices=HowWeKnow.choices, blank=True)
    # Existing safety only: protection counts as safety only if the danger was present.
    danger_present = models.BooleanField(null=True, blank=True)
    # Bottom lines only: why the agency will not move on it.
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "part", "removed_at"])]

    def __str__(self) -> str:
        return self.text[:60]


class DangerStatement(RemovableModel, FamilyViewMixin, SharedWithFamilyMixin):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="danger_statements")
    who_is_worried = models.CharField(max_length=300)
    adult_behaviour = models.TextField()
    feared_for_child = models.TextField()
    # Composed from the three parts as the worker types; they may then reword it.
    statement = models.TextField()
    dispute = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "removed_at"])]

    def __str__(self) -> str:
        return self.statement[:60]


class GoalKind(models.TextChoices):
    FAMILY = "family", "Family goal"
    AGENCY = "agency", "Agency goal"


class GoalStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"


class SafetyGoal(RemovableModel, SharedWithFamilyMixin):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="safety_goals")
    danger_statement = models.ForeignKey(
        DangerStatement, on_delete=models.PROTECT, related_name="goals"
    )
    adults_will = models.TextField()
    child_will_experience = models.TextField()
    who_will_see = models.CharField(max_length=300)
    how_long = models.CharField(max_length=200)
    statement = models.TextField()
    kind = models.CharField(max_length=10, choices=GoalKind.choices, default=GoalKind.FAMILY)
    status = models.CharField(max_length=10, choices=GoalStatus.choices, default=GoalStatus.DRAFT)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.statement[:60]


class NextStep(RemovableModel, SharedWithFamilyMixin):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="next_steps")
    action = models.TextField()
    owner = models.CharField(max_length=200)
    due_on = models.DateField()
    goal = models.ForeignKey(
        SafetyGoal, null=True, blank=True, on_delete=models.PROTECT, related_name="next_steps"
    )
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["case", "done_on", "due_on"])]

    def __str__(self) -> str:
        return self.action[:60]

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class RaterRole(models.TextChoices):
    WORKER = "worker", "Worker"
    PARENT = "parent", "Parent or carer"
    CHILD = "child", "Child or young person"
    NETWORK = "network", "Safety network member"
    PROFESSIONAL = "professional", "Other professional"
    MANAGER = "manager", "Manager"


class ScaleRating(RemovableModel):
    """One person's judgement on the scale, overall or for one danger statement."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="scale_ratings")
    danger_statement = models.ForeignKey(
        DangerStatement, null=True, blank=True, on_delete=models.PROTECT, related_name="ratings"
    )
    rated_on = models.DateField(default=timezone.localdate)
    rater_name = models.CharField(max_length=200)
    rater_role = models.CharField(max_length=20, choices=RaterRole.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="scale_ratings"
    )
    score = models.DecimalField(max_digits=3, decimal_places=1)
    reason = models.TextField()
    one_point_higher = models.TextField(blank=True)

    class Meta:
        ordering = ["rated_on", "created_at", "id"]
        indexes = [models.Index(fields=["case", "danger_statement", "rated_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=10),
                name="scale_rating_between_0_and_10",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rater_name}: {self.score}"


class Occasion(models.TextChoices):
    VISIT = "visit", "After a visit"
    MEETING = "meeting", "After a meeting"
    SUPERVISION = "supervision", "After supervision"
    ASSESSMENT = "assessment", "During an assessment"
    OTHER = "other", "Other"


class MapVersion(PublicModel):
    """A frozen picture of the whole map at one moment; never changed after it is saved."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="map_versions")
    number = models.PositiveIntegerField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    saved_on = models.DateField(default=timezone.localdate)
    occasion = models.CharField(max_length=20, choices=Occasion.choices)
    note = models.TextField(blank=True)
    service_level = models.CharField(max_length=30, choices=ServiceLevel.choices)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="one_number_per_map_version")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.case.reference}"


class MapLabelSet(VersionedModel):
    """A council's own wording for one service level; blanks fall back to the defaults."""

    service_level = models.CharField(max_length=30, choices=ServiceLevel.choices, unique=True)
    labels = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"Labels for {self.get_service_level_display()}"
