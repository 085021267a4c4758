"""A case's documents: the list (a case tab), upload, download and remove.

Every page goes through `@case_page`, so an unrelated user gets 404, a read-only user 403
on any change, and every request (each download included) is recorded as an access event.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from safetymap.cases.access import case_page, partner_view_of, render_case
from safetymap.cases.models import Case, SharedKind
from safetymap.core.forms import VersionedForm
from safetymap.core.versioning import StaleEditError
from safetymap.documents import selectors, services
from safetymap.documents.forms import DocumentUploadForm
from safetymap.documents.responses import document_response

DOCUMENTS_PER_PAGE = 25


def _list_url(case: Case) -> str:
    return reverse("documents:list", kwargs={"case_uuid": case.uuid})


@case_page("Documents")
def document_list(request: HttpRequest, case: Case) -> HttpResponse:
    shared = partner_view_of(request)
    page = Paginator(selectors.case_documents(case, shared), DOCUMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    documents = list(page.object_list)
    if shared is not None:  # who shared each one with the partner professional, and when
        for document in documents:
            document.shared_item = shared.item(SharedKind.DOCUMENT, document.uuid)  # type: ignore[attr-defined]
    return render_case(
        request,
        case,
        "documents/document_list.html",
        {"page_obj": page, "documents": documents},
        tab="documents",
    )


@case_page("Documents: upload", edit=True)
def document_upload(request: HttpRequest, case: Case) -> HttpResponse:
    if request.method == "POST":
        form = DocumentUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                document = services.document_upload(
                    actor=request.user,  # type: ignore[arg-type]
                    case=case,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    uploaded_file=form.cleaned_data["file"],
                )
            except ValidationError as error:
                code = getattr(error, "code", None)
                field = code if code in ("title", "kind") else "file"
                for message in error.messages:
                    form.add_error(field, message)
            else:
                messages.success(request, f"‘{document.title}’ added.")
                return redirect(_list_url(case))
    else:
        form = DocumentUploadForm()
    return render_case(
        request,
        case,
        "documents/document_upload.html",
        {"form": form, "back_url": _list_url(case)},
        tab="documents",
        status=400 if form.errors else 200,
    )


# AccessEvent.what holds 120 characters; a long title is cut short.
DOWNLOAD_EVENT_LENGTH = 120


def _download_event(case: Case, document_uuid: uuid.UUID) -> str:
    """The access event names the document (404 for one not on this case: nothing sent)."""
    title = selectors.get_case_document(case, document_uuid).title
    return f"Document download: {title}"[:DOWNLOAD_EVENT_LENGTH]


@case_page(_download_event)
def document_download(request: HttpRequest, case: Case, document_uuid: uuid.UUID) -> HttpResponse:
    document = selectors.get_case_document(case, document_uuid, partner_view_of(request))
    # A streamed file, not an HttpResponse: case_page passes it through unchanged.
    return document_response(document)  # type: ignore[return-value]


@case_page("Documents: remove", edit=True)
def document_remove(request: HttpRequest, case: Case, document_uuid: uuid.UUID) -> HttpResponse:
    document = selectors.get_case_document(case, document_uuid)
    form = VersionedForm(request.POST or None, initial={"version": document.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.document_remove(
                actor=request.user,  # type: ignore[arg-type]
                document=document,
                expected_version=form.expected_version,
            )
        except StaleEditError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"‘{document.title}’ removed from the case.")
            return redirect(_list_url(case))
    return render_case(
        request,
        case,
        "documents/document_remove.html",
        {"form": form, "document": document, "back_url": _list_url(case)},
        tab="documents",
        status=400 if form.errors else 200,
    )
