"""Documents kept on a child's case: drawings, letters, reports and photos.

The file itself is kept through Django's storage API under a random name with no extension
(never the name the user gave it), in a folder that is not served at any URL. It is only
ever sent by the case's download page, which checks access and records the view.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from safetymap.cases.models import Case
from safetymap.core.models import RemovableModel


class DocumentKind(models.TextChoices):
    DRAWING = "drawing", "Drawing"
    LETTER = "letter", "Letter"
    REPORT = "report", "Report"
    PHOTO = "photo", "Photo"
    OTHER = "other", "Other"


def stored_name(instance: CaseDocument | None, filename: str) -> str:
    """Where the file is kept: a random name, nothing taken from the user's file name."""
    return f"documents/{uuid.uuid4().hex}"


class CaseDocument(RemovableModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    # The name of the file on the uploader's computer, shown to people only, never used to
    # store or serve the file.
    original_filename = models.CharField(max_length=255, blank=True)
    file = models.FileField(upload_to=stored_name, max_length=200)
    # Found by reading the file, not from its name or the browser's claim.
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    # Of the stored copy, so a later check can show the file has not been altered.
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "removed_at", "created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.content_type, "File")

    @property
    def size_label(self) -> str:
        from safetymap.documents.inspection import human_size

        return human_size(self.size)

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.content_type, "bin")


# The types SafetyMap accepts, as the content check finds them.
TYPE_LABELS = {
    "application/pdf": "PDF",
    "image/jpeg": "JPG image",
    "image/png": "PNG image",
    "image/gif": "GIF image",
    "image/webp": "WebP image",
}
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
}
