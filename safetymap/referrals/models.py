"""The front door: contacts and referrals about a child.

One `Referral` row is one contact about one child. When a caller tells us about brothers
and sisters, the contact is recorded for each child (the same words on each), because
each child's record is read, shared, exported and destroyed on its own.

The referrer is a third party to the child's family: their name and contact details are
flagged as such in a subject access export and never reach family documents.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from safetymap.accounts.models import Team
from safetymap.cases.models import Case, Person, ServiceLevel
from safetymap.core.models import VersionedModel


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    ONLINE_FORM = "online_form", "Online form"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    POLICE_NOTIFICATION = "police_notification", "Police notification"


class ReferrerRelationship(models.TextChoices):
    PARENT = "parent", "Parent or carer"
    RELATIVE = "relative", "Relative"
    NEIGHBOUR_OR_FRIEND = "neighbour_or_friend", "Neighbour or family friend"
    SCHOOL = "school", "School or nursery"
    HEALTH = "health", "Health (GP, health visitor, school nurse, hospital)"
    POLICE = "police", "Police"
    OTHER_PROFESSIONAL = "other_professional", "Other professional"
    CHILD = "child", "The child themself"
    ANONYMOUS = "anonymous", "Did not want to say"


class Decision(models.TextChoices):
    """What the front door decided, kept as codes for returns and counts."""

    ADVICE = "advice", "Advice and information"
    EARLY_HELP = "early_help", "Early help"
    ASSESSMENT = "assessment", "Child and family assessment"
    STRATEGY = "strategy_discussion", "Strategy discussion"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


# Decisions that bring the child into a service, and the service level a new case opens at.
OPENING_LEVELS: dict[str, str] = {
    Decision.EARLY_HELP: ServiceLevel.EARLY_HELP,
    Decision.ASSESSMENT: ServiceLevel.CHILD_IN_NEED,
    Decision.STRATEGY: ServiceLevel.CHILD_IN_NEED,
}
# A child already known within this long of their last case closing is a re-referral.
RE_REFERRAL_DAYS = 365


class Referral(VersionedModel):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="referrals")
    received_at = models.DateTimeField(default=timezone.now)
    method = models.CharField("How they contacted us", max_length=30, choices=ContactMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    # Who contacted us (a third party to the family, unless it is the parent themself).
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_role = models.CharField("Role or agency", max_length=200, blank=True)
    referrer_relationship = models.CharField(
        "Relationship to the child", max_length=30, choices=ReferrerRelationship.choices
    )
    referrer_contact = models.TextField("How to contact them", blank=True)

    # The child as the referrer described them; `child` once we know who they are.
    child_first_name = models.CharField(max_length=100)
    child_last_name = models.CharField(max_length=100, blank=True)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_address = models.TextField(blank=True)
    child = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    # Set once someone has looked for the child and found no record of them.
    child_is_new = models.BooleanField(default=False)

    # The referrer's answers to the three questions, in their words, and their scale.
    worries = models.TextField("What has happened that worries you?")
    going_well = models.TextField("What is going well?", blank=True)
    needs_to_happen = models.TextField(
        "What would need to happen for you to be satisfied the child is safe?", blank=True
    )
    referrer_scale = models.PositiveSmallIntegerField(null=True, blank=True)

    # A child whose last case closed within RE_REFERRAL_DAYS of this contact.
    is_re_referral = models.BooleanField(default=False)
    previous_case_closed_on = models.DateField(null=True, blank=True)

    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The case the referral is recorded on (opened by it, or already open).
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["team", "decided_at", "received_at"]),
            models.Index(fields=["team", "decision", "received_at"]),
            models.Index(fields=["case", "received_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(referrer_scale__isnull=True) | models.Q(referrer_scale__lte=10),
                name="referral_scale_0_to_10",
            )
        ]

    def __str__(self) -> str:
        return f"Contact about {self.child_name} on {self.received_at:%Y-%m-%d}"

    @property
    def child_name(self) -> str:
        return " ".join(p for p in (self.child_first_name, self.child_last_name) if p)

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)

    @property
    def child_found(self) -> bool:
        """Someone has looked for the child: linked to a record, or known to be new."""
        return self.child_id is not None or self.child_is_new

    @property
    def referrer_label(self) -> str:
        parts = [self.referrer_name or "Name not given", self.referrer_role]
        return ", ".join(p for p in parts if p)
