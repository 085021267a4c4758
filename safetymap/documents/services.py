"""Every write to a case's documents. Each records an audit event in the same transaction."""

from __future__ import annotations

import hashlib
import logging
import os
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from safetymap.accounts.models import User
from safetymap.audit.services import audit_creation, audited_remove
from safetymap.cases.models import Case
from safetymap.cases.policies import can_edit_case
from safetymap.documents.inspection import human_size, inspect_and_clean
from safetymap.documents.models import CaseDocument, DocumentKind, stored_name

logger = logging.getLogger(__name__)

# What the audit event records about a new document (never the file itself).
AUDITED_FIELDS = (
    "case",
    "uploaded_by",
    "title",
    "kind",
    "original_filename",
    "content_type",
    "size",
    "sha256",
)
TITLE_MAX_LENGTH = CaseDocument._meta.get_field("title").max_length or 200


def upload_max_bytes() -> int:
    return int(getattr(settings, "SAFETYMAP_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def display_filename(name: str | None) -> str:
    """The uploader's file name, for showing only: no folders, no control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:255]


def _read_within_limit(uploaded_file: UploadedFile[bytes], limit: int) -> bytes:
    too_large = ValidationError(
        f"The selected file must be smaller than {human_size(limit)}", code="too_large"
    )
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise too_large
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise too_large
    return bytes(data)


def document_upload(
    *,
    actor: User,
    case: Case,
    title: str,
    kind: str,
    uploaded_file: UploadedFile[bytes],
    pictures_only: bool = False,
) -> CaseDocument:
    """Check the file by its content, strip images of their metadata, keep it under a random
    name through Django's storage, and record who added it.

    Raises ValidationError (with a message for the person uploading) when the file is too
    large, empty, or not a PDF, JPG, PNG, GIF or WebP (with `pictures_only`, not a JPG, PNG,
    GIF or WebP: for pictures other apps show on their pages, such as a Words and Pictures
    story's drawings); PermissionDenied when the actor may not change this case.
    """
    if not can_edit_case(actor, case):
        raise PermissionDenied("You can read this case but not change it.")
    if kind not in DocumentKind.values:
        raise ValidationError("Select what kind of document this is", code="kind")
    original = display_filename(uploaded_file.name)
    title = (title or "").strip() or os.path.splitext(original)[0].strip()
    if not title:
        raise ValidationError("Enter a title for the document", code="title")
    clean = inspect_and_clean(
        _read_within_limit(uploaded_file, upload_max_bytes()), pictures_only=pictures_only
    )

    name = default_storage.save(stored_name(None, ""), ContentFile(clean.content))
    try:
        with transaction.atomic():
            document = CaseDocument.objects.create(
                case=case,
                uploaded_by=actor,
                title=title[:TITLE_MAX_LENGTH],
                kind=kind,
                original_filename=original,
                file=name,
                content_type=clean.content_type,
                size=len(clean.content),
                sha256=hashlib.sha256(clean.content).hexdigest(),
            )
            audit_creation(
                actor=actor,
                target=document,
                fields=AUDITED_FIELDS,
                case_uuid=case.uuid,
                summary=f"{DocumentKind(kind).label} added: {document.title}",
            )
    except BaseException:
        # Nothing refers to the stored copy: do not leave it behind.
        default_storage.delete(name)
        raise
    return document


@transaction.atomic
def document_remove(
    *, actor: User, document: CaseDocument, expected_version: int | None
) -> CaseDocument:
    """Hide a document from the case. The file and the row are kept (only the retention
    process destroys records); the audit trail shows who removed it and when."""
    if not can_edit_case(actor, document.case):
        raise PermissionDenied("You can read this case but not change it.")
    return audited_remove(
        actor=actor,
        instance=document,
        expected_version=expected_version,
        case_uuid=document.case.uuid,
        summary=f"Document removed: {document.title}",
    )
