"""Children, the people around them, and the case that follows a child across services."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from safetymap.accounts.models import Team
from safetymap.core.models import PublicModel, RemovableModel, VersionedModel


class ServiceLevel(models.TextChoices):
    EARLY_HELP = "early_help", "Early help"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CHILD_PROTECTION = "child_protection", "Child protection"
    LOOKED_AFTER = "looked_after", "Looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"


# Order of intensity, so a change can be described as a step up or a step down.
SERVICE_LEVEL_ORDER = [
    ServiceLevel.EARLY_HELP,
    ServiceLevel.CHILD_IN_NEED,
    ServiceLevel.CHILD_PROTECTION,
    ServiceLevel.LOOKED_AFTER,
    ServiceLevel.CARE_LEAVER,
]


class Person(VersionedModel):
    """Anyone who appears in a child's record: the child, family, network, professionals."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    known_as = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    organisation = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def name_used(self) -> str:
        return self.known_as or self.first_name

    def age_on(self, day: datetime.date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())


class Case(VersionedModel):
    """One child's involvement with children's services, across every service level."""

    reference = models.CharField(max_length=20, unique=True)
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    service_level = models.CharField(max_length=30, choices=ServiceLevel.choices)
    opened_on = models.DateField(default=timezone.localdate)
    closed_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["child__last_name", "child__first_name"]
        indexes = [models.Index(fields=["team", "closed_on"])]

    def __str__(self) -> str:
        return f"{self.child.full_name} ({self.reference})"


class Allocation(PublicModel):
    """A worker allocated to a case for a period. `ended_on` is set when they hand over."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations"
    )
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started_on"]
        indexes = [models.Index(fields=["worker", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.worker} on {self.case.reference}"


class Relationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    PARENTS_PARTNER = "parents_partner", "Parent's partner"
    FOSTER_CARER = "foster_carer", "Foster carer"
    KINSHIP_CARER = "kinship_carer", "Kinship carer"
    SIBLING = "sibling", "Brother or sister"
    HALF_SIBLING = "half_sibling", "Half-brother or half-sister"
    GRANDPARENT = "grandparent", "Grandparent"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    COUSIN = "cousin", "Cousin"
    OTHER_RELATIVE = "other_relative", "Other relative"
    FAMILY_FRIEND = "family_friend", "Family friend"
    NEIGHBOUR = "neighbour", "Neighbour"
    PROFESSIONAL = "professional", "Professional"
    OTHER = "other", "Other"


class RelationshipGroup(models.TextChoices):
    PARENTS_AND_CARERS = "parents_and_carers", "Parents and carers"
    SIBLINGS = "siblings", "Brothers and sisters"
    RELATIVES = "relatives", "Relatives"
    FRIENDS = "friends", "Friends and neighbours"
    PROFESSIONALS = "professionals", "Professionals"
    OTHER = "other", "Others"


RELATIONSHIP_GROUPS: dict[str, str] = {
    Relationship.MOTHER: RelationshipGroup.PARENTS_AND_CARERS,
    Relationship.FATHER: RelationshipGroup.PARENTS_AND_CARERS,
    Relationship.STEP_PARENT: RelationshipGroup.PARENTS_AND_CARERS,
    Relationship.PARENTS_PARTNER: RelationshipGroup.PARENTS_AND_CARERS,
    Relationship.FOSTER_CARER: RelationshipGroup.PARENTS_AND_CARERS,
    Relationship.KINSHIP_CARER: RelationshipGroup.PARENTS_AND_CARERS,
    Relationship.SIBLING: RelationshipGroup.SIBLINGS,
    Relationship.HALF_SIBLING: RelationshipGroup.SIBLINGS,
    Relationship.GRANDPARENT: RelationshipGroup.RELATIVES,
    Relationship.AUNT_UNCLE: RelationshipGroup.RELATIVES,
    Relationship.COUSIN: RelationshipGroup.RELATIVES,
    Relationship.OTHER_RELATIVE: RelationshipGroup.RELATIVES,
    Relationship.FAMILY_FRIEND: RelationshipGroup.FRIENDS,
    Relationship.NEIGHBOUR: RelationshipGroup.FRIENDS,
    Relationship.PROFESSIONAL: RelationshipGroup.PROFESSIONALS,
    Relationship.OTHER: RelationshipGroup.OTHER,
}


class CaseMember(RemovableModel):
    """A person around the child on this case, and how they relate to the child."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    relationship = models.CharField(max_length=30, choices=Relationship.choices)
    relationship_detail = models.CharField(
        max_length=120, blank=True, help_text="For example: maternal grandmother, health visitor"
    )
    lives_with_child = models.BooleanField(default=False)
    parental_responsibility = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person"],
                condition=models.Q(removed_at__isnull=True),
                name="one_current_membership_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()})"

    @property
    def group(self) -> str:
        return RELATIONSHIP_GROUPS.get(self.relationship, RelationshipGroup.OTHER)

    @property
    def description(self) -> str:
        return self.relationship_detail or self.get_relationship_display()


class ServiceLevelChange(PublicModel):
    """A step up or down between service levels (or the level a case opened at)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="level_changes")
    from_level = models.CharField(max_length=30, choices=ServiceLevel.choices, blank=True)
    to_level = models.CharField(max_length=30, choices=ServiceLevel.choices)
    changed_on = models.DateField()
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["changed_on", "created_at"]

    @property
    def direction(self) -> str:
        if not self.from_level:
            return "opened"
        step = SERVICE_LEVEL_ORDER.index(ServiceLevel(self.to_level)) - SERVICE_LEVEL_ORDER.index(
            ServiceLevel(self.from_level)
        )
        return "step up" if step > 0 else "step down"


# --- Who else may open a case: restrictions, emergency access, shares --------------------------


class CaseRestriction(VersionedModel):
    """A restricted record (for example the family of a staff member): only the named users on
    its allow-list may open the case. One row per case; lifting it clears `active` and keeps
    the row, so the restriction's history stays in the audit trail."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="restriction")
    active = models.BooleanField(default=True)
    reason = models.TextField()
    review_on = models.DateField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["active", "review_on"])]

    def __str__(self) -> str:
        return f"Restriction on {self.case.reference}"

    @property
    def review_due(self) -> bool:
        return self.active and self.review_on <= timezone.localdate()


class RestrictionAllowedUser(RemovableModel):
    """A named user on a restricted record's allow-list. Removing them hides the row."""

    restriction = models.ForeignKey(
        CaseRestriction, on_delete=models.PROTECT, related_name="allowed_users"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="restriction_allowances"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["restriction", "user"],
                condition=models.Q(removed_at__isnull=True),
                name="one_current_allowance_per_user",
            )
        ]
        indexes = [models.Index(fields=["user", "removed_at"])]

    def __str__(self) -> str:
        return f"{self.user} on the allow-list of {self.restriction.case.reference}"


class BreakGlassOutcome(models.TextChoices):
    APPROPRIATE = "appropriate", "Appropriate"
    NOT_APPROPRIATE = "not_appropriate", "Not appropriate"


class BreakGlassGrant(VersionedModel):
    """Emergency ("break-glass") access: a worker with no relationship to a child opened the
    record for a stated reason, read-only, until `expires_at` (or until a reviewer ended it).
    Every grant waits for a manager of the case's team to review it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="break_glass_grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    reason = models.TextField()
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=BreakGlassOutcome.choices, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        indexes = [
            models.Index(fields=["user", "expires_at"]),
            models.Index(fields=["case", "granted_at"]),
            models.Index(fields=["reviewed_at", "granted_at"]),
        ]

    def __str__(self) -> str:
        return f"Emergency access for {self.user} to {self.case.reference}"

    @property
    def access_ends_at(self) -> datetime.datetime:
        """When the access stopped (or will stop): ended early by a reviewer, or expired."""
        if self.ended_at is not None and self.ended_at < self.expires_at:
            return self.ended_at
        return self.expires_at

    def is_active(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.ended_at is None and self.expires_at > now

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None


class ShareScope(models.TextChoices):
    # A share opens the child's basic details and exactly the items chosen for it
    # (`SharedItem`); the one scope is kept so older shares read the same.
    MAP = "map", "Chosen items from the map and documents, read-only"


class SharedUntilEnded(VersionedModel):
    """Something shared by a worker until someone ends it; the row is kept when it ends."""

    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class CaseShare(SharedUntilEnded):
    """A partner professional may read what is shared with them for this child, read-only,
    until the share is ended: the child's name and basic details, and only the items chosen
    for the share (`SharedItem`)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="shares")
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_shares"
    )
    scope = models.CharField(max_length=20, choices=ShareScope.choices, default=ShareScope.MAP)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "partner"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_share_per_partner",
            )
        ]
        indexes = [models.Index(fields=["partner", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.case.reference} shared with {self.partner}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None


class SharedKind(models.TextChoices):
    """What one shared item is. Map items (harm, complicating factors, strengths, existing
    safety, not sure yet, bottom lines) are one kind: their uuid says which item it is."""

    MAP_ITEM = "map_item", "Map item"
    DANGER_STATEMENT = "danger_statement", "Danger statement"
    SAFETY_GOAL = "safety_goal", "Safety goal"
    NEXT_STEP = "next_step", "Next step"
    # Every scale on the case, as one choice; its `object_uuid` is the case's uuid.
    SCALES = "scales", "The scales"
    DOCUMENT = "document", "Document"


class SharedItem(SharedUntilEnded):
    """One item a partner professional may read under a share. Stopping sharing it sets
    `ended_at` and keeps the row, so what was shared, by whom and when is never lost. An
    item counts only while its share is current too."""

    share = models.ForeignKey(CaseShare, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(max_length=20, choices=SharedKind.choices)
    object_uuid = models.UUIDField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["share", "kind", "object_uuid"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_shared_item_per_object",
            )
        ]
        indexes = [models.Index(fields=["share", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_uuid} under {self.share}"


# --- The case journey: closure and reopening, the chronology ---------------------------------


class ClosureReason(models.TextChoices):
    """Why a case closed, as the child in need census records it (its code in
    `CLOSURE_CENSUS_CODES`), in words a worker recognises."""

    NEEDS_MET = "needs_met", "Plan ended: the child's needs are met"
    NO_FURTHER_ACTION = "no_further_action", "No further action after assessment"
    EARLY_HELP = "early_help", "Referred to early help after assessment"
    MOVED_AWAY = "moved_away", "Moved to another council's area"
    ADULT_SERVICES = "adult_services", "Transferred to adult social care"
    TURNED_18 = "turned_18", "Turned 18, or care leaver support ended"
    ADOPTED = "adopted", "Adopted"
    SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship order made"
    CHILD_ARRANGEMENTS = "child_arrangements", "Child arrangements order made"
    DIED = "died", "The child died"
    OTHER = "other", "Other reason"


# The reason for closure ("RC") codes of the Department for Education's child in need census.
CLOSURE_CENSUS_CODES: dict[str, str] = {
    ClosureReason.ADOPTED: "RC1",
    ClosureReason.DIED: "RC2",
    ClosureReason.CHILD_ARRANGEMENTS: "RC3",
    ClosureReason.SPECIAL_GUARDIANSHIP: "RC4",
    ClosureReason.MOVED_AWAY: "RC5",
    ClosureReason.ADULT_SERVICES: "RC6",
    ClosureReason.NEEDS_MET: "RC7",
    ClosureReason.TURNED_18: "RC7",
    ClosureReason.OTHER: "RC7",
    ClosureReason.NO_FURTHER_ACTION: "RC8",
    ClosureReason.EARLY_HELP: "RC9",
}


class CaseClosure(VersionedModel):
    """One time a case was closed, and, if it was, when and why it was reopened. The rows
    are the case's closure history; `Case.closed_on` is the latest closure's date while the
    case stays closed (retention counts from it)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="closures")
    closed_on = models.DateField()
    reason = models.CharField(max_length=30, choices=ClosureReason.choices)
    reason_words = models.TextField()
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reopened_on = models.DateField(null=True, blank=True)
    reopen_reason = models.TextField(blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["closed_on", "created_at", "id"]
        indexes = [models.Index(fields=["case", "closed_on"])]

    def __str__(self) -> str:
        return f"{self.case.reference} closed on {self.closed_on}"

    @property
    def census_code(self) -> str:
        return CLOSURE_CENSUS_CODES[self.reason]


class EntryCategory(models.TextChoices):
    HOME_VISIT = "home_visit", "Home visit"
    CHILD_SEEN_ALONE = "child_seen_alone", "Child seen on their own"
    OFFICE_VISIT = "office_visit", "Visit to the office"
    SCHOOL_VISIT = "school_visit", "School or nursery visit"
    PHONE_CALL = "phone_call", "Phone call"
    MESSAGE = "message", "Email, letter or text message"
    AGENCY_INFORMATION = "agency_information", "Information from another agency"
    INCIDENT = "incident", "Incident"
    MEETING = "meeting", "Meeting"
    OTHER = "other", "Other"


class ChronologyEntry(PublicModel):
    """A significant event a worker adds to the child's chronology. It is never edited: a
    correction is a new entry that `corrects` this one, and both are kept."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="chronology_entries")
    happened_on = models.DateField()
    category = models.CharField(max_length=30, choices=EntryCategory.choices)
    what_happened = models.TextField()
    significance = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="correction"
    )
    correction_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["happened_on", "created_at", "id"]
        verbose_name_plural = "chronology entries"
        indexes = [models.Index(fields=["case", "happened_on"])]

    def __str__(self) -> str:
        return f"{self.get_category_display()} on {self.happened_on}"
