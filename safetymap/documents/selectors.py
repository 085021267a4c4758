"""Every read of a case's documents. Callers have already checked the user may see the case
(the `@case_page` decorator), so these are scoped to that one case."""

from __future__ import annotations

import uuid
from typing import IO

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import Http404

from safetymap.cases.models import Case
from safetymap.documents.models import CaseDocument


def case_documents(case: Case) -> QuerySet[CaseDocument]:
    """The documents on this case that have not been removed, newest first."""
    return (
        CaseDocument.objects.filter(case=case, removed_at__isnull=True)
        .select_related("uploaded_by")
        .order_by("-created_at", "-id")
    )


def get_case_document(case: Case, document_uuid: uuid.UUID) -> CaseDocument:
    """A document on this case, or 404 (another case's document, a removed one, or none)."""
    document = (
        CaseDocument.objects.filter(case=case, uuid=document_uuid, removed_at__isnull=True)
        .select_related("uploaded_by", "case")
        .first()
    )
    if document is None:
        raise Http404("No such document on this case")
    return document


def open_document(document: CaseDocument) -> IO[bytes]:
    """The stored file, opened for reading through Django's storage API."""
    if not document.file.name:
        raise Http404("This document has no stored file")
    stored: IO[bytes] = default_storage.open(document.file.name, "rb")
    return stored
