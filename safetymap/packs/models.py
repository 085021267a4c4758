"""Documents a family can read, and the review of other people's details before release.

A generated pack keeps the exact content it was drawn from (`content`, after redaction),
so it can be drawn again, as a page or a PDF, word for word, however the map has changed
since. The PDF itself is not stored: it is drawn from `content` when someone downloads it
(so seeding and generating stay quick, and there is no second copy of a child's record to
keep and destroy).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safetymap.cases.models import Case, Person
from safetymap.core.models import PublicModel


class Decision(models.TextChoices):
    HOLD_BACK = "hold_back", "Hold back"
    RELEASE = "release", "Release"


class RedactionReview(PublicModel):
    """A worker's decision on every other person's detail found in a pack, before release.

    `decisions` lists each detail found: {"id", "kind", "text", "whose", "found_in",
    "decision", "reason"}. `found` is a fingerprint of what was found, so a pack can only
    be made from a review of exactly what it would contain.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="redaction_reviews")
    for_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    found = models.CharField(max_length=64)
    decisions = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Redaction review for {self.case.reference}"


class FamilyPack(PublicModel):
    """One generated document: who made it, when, from which versions, and what it said."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="family_packs")
    for_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # Who reads it: the family (FAMILY) or the child (CHILD), as in cases.pack_registry.
    audience = models.CharField(max_length=10, default="family")
    large_print = models.BooleanField(default=False)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    review = models.ForeignKey(RedactionReview, on_delete=models.PROTECT, related_name="packs")
    # The map version the pack was drawn from (None if the map was never saved as a version),
    # and whether the map had changed since that version was saved.
    map_version = models.PositiveIntegerField(null=True, blank=True)
    map_changed_since_version = models.BooleanField(default=False)
    section_versions = models.JSONField(default=dict)  # {section key: version}
    # The exact content drawn, other people's held-back details already replaced.
    content = models.JSONField()
    # SET_NULL only so retention can destroy a case's packs in any order: users never delete.
    regenerated_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="regenerations"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind_label} for {self.case.reference}"

    @property
    def kind_label(self) -> str:
        return "Child pack" if self.audience == "child" else "Family pack"

    @property
    def held_back(self) -> list[dict[str, str]]:
        return [d for d in self.review.decisions if d["decision"] == Decision.HOLD_BACK]
