"""A partner professional sees only the documents shared with them: in the list, and to
download; any other document is 404, and with none shared the documents tab is 404 too."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.cases import services as case_services
from safetymap.cases.models import SharedKind
from safetymap.documents.models import DocumentKind
from safetymap.documents.services import document_remove, document_upload
from tests.factories import UserFactory

from .files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _document(worker, case, title):
    return document_upload(
        actor=worker,
        case=case,
        title=title,
        kind=DocumentKind.REPORT,
        uploaded_file=upload("report.pdf", pdf_bytes()),
    )


def _partner_with(worker, case, *documents):
    partner = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)
    share = case_services.case_share_add(actor=worker, case=case, partner=partner)
    case_services.shared_items_choose(
        actor=worker,
        share=share,
        chosen={(SharedKind.DOCUMENT, document.uuid) for document in documents},
        expected_version=share.version,
    )
    client = Client()
    client.force_login(partner)
    return client


def _download(case, document):
    return reverse(
        "documents:download", kwargs={"case_uuid": case.uuid, "document_uuid": document.uuid}
    )


def test_only_shared_documents_are_listed_and_downloaded(case, worker):
    school = _document(worker, case, "School report, spring term")
    health = _document(worker, case, "Health visitor's notes")
    client = _partner_with(worker, case, school)
    listing = client.get(reverse("documents:list", kwargs={"case_uuid": case.uuid}))
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "School report, spring term" in html and "Health visitor" not in html
    assert f"Shared with you by {worker.display_name} on" in html
    assert "Upload a document" not in html and "Remove" not in html
    assert client.get(_download(case, school)).status_code == 200
    assert client.get(_download(case, health)).status_code == 404
    # Staff still see every document.
    staff = Client()
    staff.force_login(worker)
    staff_html = staff.get(reverse("documents:list", kwargs={"case_uuid": case.uuid})).content
    assert b"Health visitor" in staff_html


def test_with_no_document_shared_the_documents_pages_are_404(case, worker):
    document = _document(worker, case, "School report, spring term")
    client = _partner_with(worker, case)
    assert client.get(reverse("documents:list", kwargs={"case_uuid": case.uuid})).status_code == 404
    assert client.get(_download(case, document)).status_code == 404


def test_a_shared_document_that_is_removed_is_gone(case, worker):

    document = _document(worker, case, "School report, spring term")
    client = _partner_with(worker, case, document)
    document_remove(actor=worker, document=document, expected_version=document.version)
    assert client.get(_download(case, document)).status_code == 404
