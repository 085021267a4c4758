"""Every read of a case's documents. Callers have already checked the user may see the case
(the `@case_page` decorator), so these are scoped to that one case."""

from __future__ import annotations

import uuid
from typing import IO

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import Http404

from safetymap.cases.models import Case, SharedKind
from safetymap.cases.registry import ShareChoices, ShareOption
from safetymap.cases.selectors import PartnerView
from safetymap.documents.models import CaseDocument
from safetymap.govuk.formatting import govuk_date


def case_documents(case: Case, shared: PartnerView | None = None) -> QuerySet[CaseDocument]:
    """The documents on this case that have not been removed, newest first; for a partner
    professional (`shared`), only those shared with them."""
    documents = CaseDocument.objects.filter(case=case, removed_at__isnull=True)
    if shared is not None:
        documents = documents.filter(uuid__in=shared.uuids(SharedKind.DOCUMENT))
    return documents.select_related("uploaded_by").order_by("-created_at", "-id")


def get_case_document(
    case: Case, document_uuid: uuid.UUID, shared: PartnerView | None = None
) -> CaseDocument:
    """A document on this case, or 404 (another case's document, a removed one, none, or
    for a partner professional one not shared with them)."""
    document = (
        case_documents(case, shared).filter(uuid=document_uuid).select_related("case").first()
    )
    if document is None:
        raise Http404("No such document on this case")
    return document


def shareable_documents(case: Case) -> list[ShareChoices]:
    """Every document on the case, as choices on "Choose what to share" (one query)."""
    options = [
        ShareOption(
            document.uuid,
            f"{document.title} ({document.get_kind_display().lower()}, "
            f"added {govuk_date(document.created_at)})",
        )
        for document in case_documents(case)
    ]
    return [ShareChoices("Documents", "Documents", SharedKind.DOCUMENT, options)]


def open_document(document: CaseDocument) -> IO[bytes]:
    """The stored file, opened for reading through Django's storage API."""
    if not document.file.name:
        raise Http404("This document has no stored file")
    stored: IO[bytes] = default_storage.open(document.file.name, "rb")
    return stored
