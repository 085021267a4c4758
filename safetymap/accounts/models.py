"""People who use SafetyMap: council staff and partner professionals, in teams."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models

from safetymap.core.models import PublicModel


class ServiceArea(models.TextChoices):
    EARLY_HELP = "early_help", "Early help"
    ASSESSMENT = "assessment", "Assessment"
    CHILD_PROTECTION = "child_protection", "Child protection"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    QUALITY_ASSURANCE = "quality_assurance", "Quality assurance"
    BUSINESS_SUPPORT = "business_support", "Business support"
    PARTNERS = "partners", "Partner agencies"


class Team(PublicModel):
    name = models.CharField(max_length=120, unique=True)
    service_area = models.CharField(max_length=40, choices=ServiceArea.choices)
    # Managers of a parent team oversee every team below it.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    CONFERENCE_CHAIR = "conference_chair", "Conference chair"
    PRACTICE_LEAD = "practice_lead", "Practice lead"
    BUSINESS_SUPPORT = "business_support", "Business support"
    PARTNER_PROFESSIONAL = "partner_professional", "Partner professional"
    COUNCIL_ADMINISTRATOR = "council_administrator", "Council administrator"


class User(AbstractUser):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(max_length=40, choices=Role.choices, default=Role.PRACTITIONER)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    job_title = models.CharField(max_length=120, blank=True)
    organisation = models.CharField(max_length=120, blank=True)
    # Demo users exist only in the demo database; `demo_logins` lists them.
    is_demo = models.BooleanField(default=False)
    # Single sign-on: the identity provider's subject (`sub`) for this person, linked by an
    # administrator (`manage.py sso_link`). People are matched on it, never on email.
    oidc_subject = models.CharField(
        "single sign-on subject", max_length=255, unique=True, null=True, blank=True
    )

    class Meta:
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_team_manager(self) -> bool:
        return self.role == Role.TEAM_MANAGER

    @property
    def is_council_administrator(self) -> bool:
        return self.role == Role.COUNCIL_ADMINISTRATOR
