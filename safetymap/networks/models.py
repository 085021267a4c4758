"""The safety network: the people around a child who stay after professionals leave.

A network member is a person already on the case (`cases.CaseMember`): their relationship
to the child lives there. Here we keep how much they know, the roles they have taken on,
when they saw the danger statements (which saved version of the map) and agreed to their
role, and the checks the council requires for some roles.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safetymap.cases.models import Case, CaseMember, Person
from safetymap.core.models import RemovableModel
from safetymap.mapping.models import MapVersion
from safetymap.words_pictures.models import StoryVersion


class Knowledge(models.TextChoices):
    EVERYTHING = "everything", "Knows everything"
    SOME = "some", "Knows some of it"
    NOTHING = "nothing", "Knows nothing yet"


class NetworkRoleKind(models.TextChoices):
    SUPERVISES_FAMILY_TIME = "supervises_family_time", "Supervises family time"
    SAFE_ADULT = "safe_adult", "Safe adult for the child"
    DAILY_CHECK = "daily_check", "Daily check"
    TRANSPORT = "transport", "Transport"
    SCHOOL_LINK = "school_link", "School link"
    EMERGENCY_CONTACT = "emergency_contact", "Emergency contact"
    OTHER = "other", "Other"


class CheckOutcome(models.TextChoices):
    CLEAR = "clear", "No concerns"
    CONCERNS = "concerns", "Concerns found"
    WAITING = "waiting", "Waiting for the result"


class NetworkMember(RemovableModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="network_members")
    case_member = models.ForeignKey(
        CaseMember, on_delete=models.PROTECT, related_name="network_memberships"
    )
    knowledge = models.CharField(max_length=20, choices=Knowledge.choices)
    availability = models.TextField(blank=True)
    contact_details = models.TextField(blank=True)
    # The saved version of the map whose danger statements they were shown, and when.
    statements_seen_version = models.ForeignKey(
        MapVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    statements_seen_on = models.DateField(null=True, blank=True)
    # The version of the child's Words and Pictures they saw, and when.
    story_seen_version = models.ForeignKey(
        StoryVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    story_seen_on = models.DateField(null=True, blank=True)
    agreed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "removed_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case_member"],
                condition=models.Q(removed_at__isnull=True),
                name="one_current_network_member_per_case_member",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_member.person} in the safety network"

    @property
    def person(self) -> Person:
        return self.case_member.person


class NetworkRole(RemovableModel):
    """One role a member has taken on; "other" carries its own description."""

    member = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="roles")
    role = models.CharField(max_length=30, choices=NetworkRoleKind.choices)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "role"],
                condition=models.Q(removed_at__isnull=True),
                name="one_current_role_of_a_kind_per_member",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.role == NetworkRoleKind.OTHER and self.description:
            return self.description
        return NetworkRoleKind(self.role).label


class NetworkCheck(RemovableModel):
    """A check the council requires for a role (for example a DBS check), and its outcome."""

    member = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="checks")
    check_type = models.CharField(max_length=100)
    checked_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=CheckOutcome.choices)
    checked_by = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["checked_on", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.check_type} on {self.checked_on}"


class NetworkMeeting(RemovableModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="network_meetings")
    held_on = models.DateField()
    attendees = models.ManyToManyField(NetworkMember, blank=True, related_name="meetings")
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    agreed = models.TextField()
    # Set when the danger statements were gone through at the meeting: the version shown.
    statements_version = models.ForeignKey(
        MapVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set when the child's Words and Pictures was gone through: the version shown.
    story_version = models.ForeignKey(
        StoryVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["case", "removed_at", "held_on"])]

    def __str__(self) -> str:
        return f"Network meeting on {self.held_on}"


class VersionStatement(models.Model):
    """The text of each danger statement in a saved map version, copied out of its snapshot
    so that "has this member seen the danger statements as they are now?" is one query
    (on case lists too). Derived data: written once per version, when a member is first
    recorded as having seen it."""

    map_version = models.ForeignKey(
        MapVersion, on_delete=models.PROTECT, related_name="network_statement_texts"
    )
    text = models.TextField()

    def __str__(self) -> str:
        return self.text[:60]
