"""Supervision of casework: individual case supervision and group supervision.

Group supervision follows the Signs of Safety group process: a presenting worker brings a
case, a facilitator keeps the process, a practice lead advises, and the group maps the
case and scales it. The group's map is its own (it never changes the case's map); the
group offers ideas only, and only the accountable manager (a team manager for the case)
makes decisions. A short summary goes on the child's chronology.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safetymap.cases.models import Case
from safetymap.core.models import RemovableModel
from safetymap.mapping.models import NextStep


class CaseSupervision(RemovableModel):
    """One individual supervision session about one case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="supervisions")
    held_on = models.DateField()
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions_given"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions_received"
    )
    discussion = models.TextField()
    worker_score = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    worker_reason = models.TextField(blank=True)
    supervisor_score = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    supervisor_reason = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    # Actions for the case, made as next steps on its map.
    actions = models.ManyToManyField(NextStep, blank=True, related_name="+")
    next_supervision_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["case", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(worker_score__gte=0) & models.Q(worker_score__lte=10))
                | models.Q(worker_score__isnull=True),
                name="supervision_worker_score_0_to_10",
            ),
            models.CheckConstraint(
                condition=(models.Q(supervisor_score__gte=0) & models.Q(supervisor_score__lte=10))
                | models.Q(supervisor_score__isnull=True),
                name="supervision_supervisor_score_0_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"Case supervision on {self.held_on:%d %B %Y}"


class GroupSupervision(RemovableModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="group_supervisions")
    held_on = models.DateField()
    presenting_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="group_supervisions_advised",
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="group_supervisions_joined"
    )
    # What the presenting worker wants the group's help with.
    question = models.TextField()
    # The short summary written to the child's chronology (not the group's discussion).
    summary = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["case", "held_on"]), models.Index(fields=["held_on"])]

    def __str__(self) -> str:
        return f"Group supervision on {self.held_on:%d %B %Y}"


class GroupEntryKind(models.TextChoices):
    WORRY = "worry", "What we are worried about"
    WORKING_WELL = "working_well", "What is working well"
    NEEDS_TO_HAPPEN = "needs_to_happen", "What needs to happen"
    IDEA = "idea", "An idea from the group"


class GroupEntry(RemovableModel):
    """One line of the group's own map, or one of its ideas."""

    group_supervision = models.ForeignKey(
        GroupSupervision, on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(max_length=20, choices=GroupEntryKind.choices)
    text = models.TextField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class GroupScale(RemovableModel):
    """One participant's judgement on the scale, with their reason."""

    group_supervision = models.ForeignKey(
        GroupSupervision, on_delete=models.PROTECT, related_name="scales"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(max_digits=3, decimal_places=1)
    reason = models.TextField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=10),
                name="group_scale_between_0_and_10",
            )
        ]

    def __str__(self) -> str:
        return f"{self.score}"


class GroupDecision(RemovableModel):
    """A decision of the accountable manager, kept apart from the group's ideas."""

    group_supervision = models.ForeignKey(
        GroupSupervision, on_delete=models.PROTECT, related_name="decisions"
    )
    decision = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The next step on the case's map that carries the decision out, when there is one.
    next_step = models.ForeignKey(
        NextStep, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.decision[:60]
