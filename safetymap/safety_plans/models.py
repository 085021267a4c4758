"""Safety plans: the family's rules for keeping the child safe, agreed by named people and
tested over a monitoring period.

A plan (`SafetyPlan`) is a journey through versions (`PlanVersion`): a draft is edited
freely; once agreed it is frozen, and changing it starts a new draft from it. When that new
draft is agreed, the version it came from becomes "replaced" and stays readable.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from safetymap.cases.models import Case, CaseMember
from safetymap.child_voice.models import Entry
from safetymap.core.models import PublicModel, RemovableModel, VersionedModel
from safetymap.mapping.models import DangerStatement
from safetymap.networks.models import NetworkRoleKind
from safetymap.words_pictures.models import Story, StoryVersion


class PlanKind(models.TextChoices):
    IMMEDIATE = "immediate", "Immediate safety plan"
    LONG_TERM = "long_term", "Long-term family safety plan"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"
    TESTING = "testing", "Being tested"
    COMPLETED = "completed", "Completed"
    REPLACED = "replaced", "Replaced"


# The versions a family is living by now.
IN_FORCE = (PlanStatus.AGREED, PlanStatus.TESTING)


class CheckOutcome(models.TextChoices):
    FOLLOWED = "followed", "Followed"
    PARTLY = "partly", "Partly followed"
    NOT_FOLLOWED = "not_followed", "Not followed"


class SafetyPlan(PublicModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="safety_plans")
    number = models.PositiveIntegerField()  # 1, 2, ... within the case
    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # The child's version of the plan: a Words and Pictures safety plan story.
    child_story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="one_number_per_safety_plan")
        ]

    def __str__(self) -> str:
        return self.title


class PlanVersion(VersionedModel):
    """One version of a plan. `version` (inherited) is the edit counter for stale saves;
    `number` is the plan's version number people see."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="successors"
    )
    how_we_know_working = models.TextField(blank=True)
    if_not_working = models.TextField(blank=True)
    review_on = models.DateField(null=True, blank=True)
    testing_until = models.DateField(null=True, blank=True)
    agreed_on = models.DateField(null=True, blank=True)
    testing_started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    replaced_on = models.DateField(null=True, blank=True)
    # The version of the child's story made from this version of the plan.
    child_story_version = models.ForeignKey(
        StoryVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["plan", "number"]
        indexes = [models.Index(fields=["status", "review_on"])]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_number_per_plan_version"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="draft"), name="one_draft_per_plan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE


class PlanLine(RemovableModel):
    """Something listed in a version, in order: a rule, a warning sign or someone to call."""

    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class PlanRule(PlanLine):
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="rules")
    # The same rule carried from version to version keeps its lineage, so versions compare.
    lineage = models.UUIDField(default=uuid.uuid4)
    adult_words = models.TextField()
    child_words = models.TextField()
    danger_statement = models.ForeignKey(
        DangerStatement, on_delete=models.PROTECT, related_name="plan_rules"
    )
    responsible_members = models.ManyToManyField(CaseMember, blank=True, related_name="+")
    responsible_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+"
    )
    how_checked = models.TextField()
    how_often = models.CharField(max_length=200)
    # The safety network role this rule needs someone in (blank: none in particular).
    network_role = models.CharField(max_length=30, choices=NetworkRoleKind.choices, blank=True)
    # The Safety House rule (the child's words) this rule was proposed from, if any.
    safety_house_entry = models.ForeignKey(
        Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Kept up to date by the check service so lists and dashboards need no per-rule queries.
    last_checked_on = models.DateField(null=True, blank=True)
    needs_network_meeting = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["plan_version", "removed_at", "needs_network_meeting"])]

    def __str__(self) -> str:
        return self.adult_words[:60]


class WarningSign(PlanLine):
    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, related_name="warning_signs"
    )
    sign = models.TextField()
    what_to_do = models.TextField()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.sign[:60]


class PlanContact(PlanLine):
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="contacts")
    name = models.CharField(max_length=200)
    number = models.CharField(max_length=60)
    when = models.CharField(max_length=300)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class PersonOrStaff(PublicModel):
    """Someone named on a plan record: a person on the case, or a member of staff."""

    member = models.ForeignKey(
        CaseMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=True) ^ Q(staff__isnull=True),
                name="%(class)s_by_one_person",
            )
        ]

    @property
    def who(self) -> str:
        if self.member is not None:
            return str(self.member)
        return self.staff.get_full_name() if self.staff else ""


class PlanAgreement(PersonOrStaff):
    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, related_name="agreements"
    )
    agreed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta(PersonOrStaff.Meta):
        ordering = ["agreed_on", "id"]

    def __str__(self) -> str:
        return f"{self.who} agreed on {self.agreed_on}"


class MonitoringCheck(PersonOrStaff):
    rule = models.ForeignKey(PlanRule, on_delete=models.PROTECT, related_name="checks")
    checked_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=CheckOutcome.choices)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta(PersonOrStaff.Meta):
        ordering = ["-checked_on", "-created_at", "-id"]
        indexes = [models.Index(fields=["rule", "checked_on"])]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {self.checked_on}"
