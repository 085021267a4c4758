"""Meetings about a child, worked through in the three columns of the map.

A meeting opens the case's current map; what the meeting changes is saved as a new map
version linked back to it. Statutory outcomes (strategy, conference) are kept as codes
because they feed statutory returns, even though family-facing text avoids the labels.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safetymap.cases.models import Case, Person, ServiceLevel, ServiceLevelChange
from safetymap.core.models import PublicModel, RemovableModel, VersionedModel
from safetymap.mapping.models import DangerStatement, MapVersion, NextStep


class MeetingType(models.TextChoices):
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    INITIAL_CONFERENCE = "initial_conference", "Initial child protection conference"
    REVIEW_CONFERENCE = "review_conference", "Review child protection conference"
    CORE_GROUP = "core_group", "Core group meeting"
    CHILD_IN_NEED_REVIEW = "child_in_need_review", "Child in need review"
    EARLY_HELP = "early_help", "Early help (team around the family) meeting"
    FAMILY_NETWORK = "family_network", "Family network meeting"
    LOOKED_AFTER_REVIEW = "looked_after_review", "Looked-after review"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    FINISHED = "finished", "Finished"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(VersionedModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=30, choices=MeetingType.choices)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    held_on = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    online = models.BooleanField(default=False)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_chaired",
    )
    minute_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_minuted",
    )
    childs_views = models.TextField(blank=True)
    # The map the meeting opened, and the version it saved when it changed the map.
    opened_map_version = models.ForeignKey(
        MapVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    saved_map_version = models.ForeignKey(
        MapVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    next_meeting_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["case", "kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d %B %Y}"


class Attendance(models.TextChoices):
    PRESENT = "present", "Present"
    ONLINE = "online", "Joined online"
    APOLOGIES = "apologies", "Sent apologies"


class RoleGroup(models.TextChoices):
    """Who an attendee speaks for, so independent scales can be shown as a spread by role."""

    FAMILY = "family", "Family"
    NETWORK = "network", "Safety network"
    CHILD = "child", "The child or young person"
    SOCIAL_CARE = "social_care", "Children's social care"
    HEALTH = "health", "Health"
    EDUCATION = "education", "School or nursery"
    POLICE = "police", "Police"
    OTHER = "other", "Other agency"


class MeetingAttendee(RemovableModel):
    """Someone invited to a meeting: a person on the case, a member of staff, or someone
    from another agency known only by name."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendees")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_attendances",
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    role_group = models.CharField(max_length=20, choices=RoleGroup.choices)
    agency = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    attendance = models.CharField(max_length=20, choices=Attendance.choices, blank=True)
    report_received = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


# --- records (mtg-a) ---------------------------------------------------------------------


class MeetingProgress(models.Model):
    """When a meeting was started, finished or cancelled, and why it was cancelled: kept
    beside the meeting (one row each) so the skeleton's table stays as it is."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="progress")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Progress of {self.meeting}"


class MeetingAction(PublicModel):
    """An action agreed in a meeting: it lives on the case map as a next step."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    next_step = models.OneToOneField(NextStep, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Action from {self.meeting}"


class MeetingInvitation(PublicModel):
    """One invitation email sent to one attendee: to which address, by whom, and which
    version of the meeting's details it carried."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="invitations")
    attendee = models.ForeignKey(
        MeetingAttendee, on_delete=models.PROTECT, related_name="invitations"
    )
    sent_to = models.EmailField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    meeting_version = models.PositiveIntegerField()

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return f"Invitation to {self.sent_to}"


# --- outcomes (mtg-b) -----------------------------------------------------------------------
# Independent scaling (each attendee's scale, hidden until the chair reveals them all) and
# the decisions a meeting makes, with the statutory categories kept as codes.


class ScalesReveal(PublicModel):
    """The moment the chair showed everyone's scales. Until it exists nobody sees anyone
    else's numbers or reasons, only how many are in and whose."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="reveal")
    revealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )


class AttendeeScale(VersionedModel):
    """One attendee's scale for the meeting: overall (no danger statement) or for one
    danger statement, 0 to 10, with their reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="scales")
    attendee = models.ForeignKey(MeetingAttendee, on_delete=models.PROTECT, related_name="scales")
    danger_statement = models.ForeignKey(
        DangerStatement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField()
    reason = models.TextField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["attendee", "danger_statement"], name="one_scale_per_statement"
            ),
            models.UniqueConstraint(
                fields=["attendee"],
                condition=models.Q(danger_statement__isnull=True),
                name="one_overall_scale",
            ),
            models.CheckConstraint(condition=models.Q(score__lte=10), name="scale_0_to_10"),
        ]


class ScaleChange(PublicModel):
    """A scale changed after the scales were shown: kept next to the scale, never silent."""

    scale = models.ForeignKey(AttendeeScale, on_delete=models.PROTECT, related_name="changes")
    old_score = models.PositiveSmallIntegerField()
    new_score = models.PositiveSmallIntegerField()
    old_reason = models.TextField()
    new_reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]


class DecisionKind(models.TextChoices):
    STRATEGY = "strategy", "Strategy discussion outcome"
    CONFERENCE = "conference", "Conference decision"
    REVIEW = "review", "Review conference decision"
    SERVICE_LEVEL = "service_level", "Decision on the level of support"


class StrategyOutcome(models.TextChoices):
    """Statutory-return codes: the family-facing text does not use these labels."""

    ASSESSMENT = "child_family_assessment", "Child and family assessment"
    SECTION_47 = "section_47_enquiry", "Section 47 enquiry"
    POLICE = "police_investigation", "Police investigation"
    REFERRAL_ELSEWHERE = "referral_elsewhere", "Referral elsewhere"
    FURTHER_STRATEGY = "further_strategy", "Further strategy discussion"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


class PlanCategory(models.TextChoices):
    PHYSICAL = "physical_abuse", "Physical abuse"
    EMOTIONAL = "emotional_abuse", "Emotional abuse"
    SEXUAL = "sexual_abuse", "Sexual abuse"
    NEGLECT = "neglect", "Neglect"


class Decision(PublicModel):
    """What a meeting decided. Recorded once per meeting; a correction is a new decision
    that names the one it replaces, so what was first recorded is never lost."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=20, choices=DecisionKind.choices)
    # Conferences: whether the child needs a child protection plan, and its category.
    plan_needed = models.BooleanField(null=True, blank=True)
    category = models.CharField(max_length=20, choices=PlanCategory.choices, blank=True)
    # Review conferences: whether the plan continues.
    plan_continues = models.BooleanField(null=True, blank=True)
    # A step up or down the decision makes (blank: the level stays as it is).
    step_to = models.CharField(max_length=30, choices=ServiceLevel.choices, blank=True)
    rationale = models.TextField()
    decided_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    correction_reason = models.TextField(blank=True)
    level_change = models.ForeignKey(
        ServiceLevelChange, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(replaces__isnull=True),
                name="one_first_decision_per_meeting",
            )
        ]


class DecisionOutcome(models.Model):
    """One statutory outcome of a strategy discussion (several may apply)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="outcomes")
    code = models.CharField(max_length=30, choices=StrategyOutcome.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "code"], name="one_of_each_outcome")
        ]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return self.get_code_display()


class DecisionView(PublicModel):
    """One attendee's view of the decision, in their words; dissent is kept and shown."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="views")
    attendee = models.ForeignKey(MeetingAttendee, on_delete=models.PROTECT, related_name="+")
    agrees = models.BooleanField()
    words = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "attendee"], name="one_view_per_attendee")
        ]
