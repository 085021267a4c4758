"""The documents pages: list (a case tab), upload, download and remove — for the allocated
worker, a read-only colleague and a stranger."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.documents.models import CaseDocument, DocumentKind
from safetymap.documents.services import document_upload
from tests.factories import CaseFactory

from .files import GPS_IFD, jpeg_with_gps, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def list_url(case):
    return reverse("documents:list", kwargs={"case_uuid": case.uuid})


def upload_url(case):
    return reverse("documents:upload", kwargs={"case_uuid": case.uuid})


def download_url(document, case=None):
    return reverse(
        "documents:download",
        kwargs={"case_uuid": (case or document.case).uuid, "document_uuid": document.uuid},
    )


def remove_url(document):
    return reverse(
        "documents:remove",
        kwargs={"case_uuid": document.case.uuid, "document_uuid": document.uuid},
    )


def make_document(worker, case, *, title="Letter from the school", content=None, name="a.pdf"):
    return document_upload(
        actor=worker,
        case=case,
        title=title,
        kind=DocumentKind.LETTER,
        uploaded_file=upload(name, content if content is not None else pdf_bytes()),
    )


def post_upload(client, case, name, content, **data):
    return client.post(
        upload_url(case),
        {
            "title": "Kian's drawing of home",
            "kind": "drawing",
            **data,
            "file": upload(name, content),
        },
    )


# --- The list, as a case tab ----------------------------------------------------------------


def test_case_pages_show_a_documents_tab(client, worker, case):
    client.force_login(worker)
    page = client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).content.decode()
    assert f'href="{list_url(case)}"' in page
    assert ">Documents</a>" in page


def test_list_shows_the_cases_documents_and_records_the_view(client, worker, case):
    make_document(worker, case, title="Letter from the school")
    removed = make_document(worker, case, title="Old report")
    CaseDocument.objects.filter(pk=removed.pk).update(removed_at=removed.created_at)
    make_document(worker, CaseFactory(team=case.team), title="Someone else's letter")
    client.force_login(worker)

    response = client.get(list_url(case))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Letter from the school" in page
    assert "Old report" not in page
    assert "Someone else" not in page
    assert "Upload a document" in page
    assert AccessEvent.objects.filter(actor=worker, case_uuid=case.uuid, what="Documents").exists()


def test_list_escapes_titles_and_file_names(client, worker, case):
    make_document(
        worker, case, title="<script>alert(1)</script>", name="<img src=x onerror=alert(1)>.pdf"
    )
    client.force_login(worker)
    page = client.get(list_url(case)).content.decode()
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_list_for_a_reader_has_no_upload_or_remove(client, worker, reader, case):
    make_document(worker, case)
    client.force_login(reader)
    page = client.get(list_url(case)).content.decode()
    assert "Download" in page
    assert "Upload a document" not in page
    assert ">Remove<" not in page


def test_list_is_not_found_for_a_stranger(client, stranger, case):
    client.force_login(stranger)
    assert client.get(list_url(case)).status_code == 404


def test_list_needs_sign_in(client, case):
    response = client.get(list_url(case))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_list_makes_the_same_number_of_queries_for_few_and_many(client, worker, case):
    client.force_login(worker)
    make_document(worker, case)
    with CaptureQueriesContext(connection) as few:
        client.get(list_url(case))
    for number in range(30):
        make_document(worker, case, title=f"Report {number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(list_url(case))
    assert len(many) == len(few)
    assert 'class="govuk-pagination"' in response.content.decode()


# --- Upload -----------------------------------------------------------------------------


def test_upload_page_is_a_gov_uk_file_upload(client, worker, case):
    client.force_login(worker)
    page = client.get(upload_url(case)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'class="govuk-file-upload"' in page
    assert 'type="file"' in page
    assert "smaller than 10MB" in page


def test_worker_uploads_a_photo_and_its_location_is_gone(client, worker, case):
    client.force_login(worker)

    response = post_upload(client, case, "IMG_0042.jpg", jpeg_with_gps(), kind="photo")

    assert response.status_code == 302
    assert response["Location"] == list_url(case)
    document = CaseDocument.objects.get()
    assert document.kind == "photo"
    assert document.title == "Kian's drawing of home"
    assert document.uploaded_by == worker
    with document.file.open("rb") as stored, Image.open(io.BytesIO(stored.read())) as image:
        assert len(image.getexif()) == 0
        assert not image.getexif().get_ifd(GPS_IFD)
    assert AuditEvent.objects.filter(object_uuid=document.uuid, action="create").exists()
    page = client.get(list_url(case)).content.decode()
    assert "added" in page
    assert "IMG_0042.jpg" in page


def test_fake_picture_is_refused_with_a_gov_uk_error(client, worker, case):
    client.force_login(worker)

    response = post_upload(client, case, "drawing.png", b"MZ this is really a program")

    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "The selected file must be a PDF, JPG, PNG, GIF or WebP" in page
    assert 'href="#id_file"' in page
    assert "<title>Error:" in page
    assert not CaseDocument.objects.exists()


def test_too_large_upload_is_refused(client, worker, case, settings):
    settings.SAFETYMAP_UPLOAD_MAX_BYTES = 1024
    client.force_login(worker)
    response = post_upload(client, case, "letter.pdf", pdf_bytes() + b"%" * 2048)
    assert response.status_code == 400
    assert "The selected file must be smaller than 1KB" in response.content.decode()
    assert not CaseDocument.objects.exists()


def test_upload_without_a_file_asks_for_one(client, worker, case):
    client.force_login(worker)
    response = client.post(upload_url(case), {"title": "Letter", "kind": "letter"})
    assert response.status_code == 400
    assert "Select a file" in response.content.decode()


def test_upload_is_forbidden_for_a_reader(client, reader, case):
    client.force_login(reader)
    assert client.get(upload_url(case)).status_code == 403
    assert post_upload(client, case, "letter.pdf", pdf_bytes()).status_code == 403
    assert not CaseDocument.objects.exists()


def test_upload_is_not_found_for_a_stranger(client, stranger, case):
    client.force_login(stranger)
    assert client.get(upload_url(case)).status_code == 404
    assert post_upload(client, case, "letter.pdf", pdf_bytes()).status_code == 404
    assert not CaseDocument.objects.exists()


def test_upload_to_a_closed_case_is_forbidden(client, worker, case):
    case.closed_on = case.opened_on
    case.save()
    client.force_login(worker)
    assert post_upload(client, case, "letter.pdf", pdf_bytes()).status_code == 403


# --- Download -----------------------------------------------------------------------------


def test_download_is_an_attachment_that_cannot_run_in_the_sites_origin(client, worker, case):
    content = pdf_bytes()
    document = make_document(worker, case, title="Letter: from the school?", content=content)
    client.force_login(worker)

    response = client.get(download_url(document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Letter from the school.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "sandbox" in csp
    assert "default-src 'none'" in csp
    assert response["Cache-Control"] == "no-store"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_download_uses_the_type_found_in_the_file_not_its_name(client, worker, case):
    document = make_document(worker, case, title="Scan", content=pdf_bytes(), name="scan.html")
    client.force_login(worker)
    response = client.get(download_url(document))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="Scan.pdf"' in response["Content-Disposition"]


def test_every_download_is_recorded(client, worker, reader, case):
    document = make_document(worker, case, title="Letter from Kian's school")
    client.force_login(reader)
    assert client.get(download_url(document)).status_code == 200
    assert client.get(download_url(document)).status_code == 200
    downloads = AccessEvent.objects.filter(
        actor=reader, case_uuid=case.uuid, what="Document download: Letter from Kian's school"
    )
    assert downloads.count() == 2


def test_a_download_event_names_a_long_title_cut_to_fit(client, worker, reader, case):
    document = make_document(worker, case, title="A" * 200)
    client.force_login(reader)
    assert client.get(download_url(document)).status_code == 200
    event = AccessEvent.objects.get(actor=reader, what__startswith="Document download: ")
    assert event.what == ("Document download: " + "A" * 200)[:120]


def test_a_document_not_on_the_case_is_404_and_not_recorded(client, worker, reader, case):
    other = make_document(worker, CaseFactory(team=case.team))
    client.force_login(reader)
    assert client.get(download_url(other, case)).status_code == 404
    assert not AccessEvent.objects.filter(actor=reader).exists()


def test_download_is_not_found_for_a_stranger(client, worker, stranger, case):
    document = make_document(worker, case)
    client.force_login(stranger)
    assert client.get(download_url(document)).status_code == 404
    assert not AccessEvent.objects.filter(actor=stranger).exists()


def test_download_through_another_case_is_not_found(client, worker, case):
    """A worker allocated to two cases cannot fetch case A's document through case B's URL."""
    document = make_document(worker, case)
    other = CaseFactory(team=case.team)
    client.force_login(worker)
    assert client.get(download_url(document, case=other)).status_code == 404


def test_removed_document_cannot_be_downloaded(client, worker, case):
    document = make_document(worker, case)
    CaseDocument.objects.filter(pk=document.pk).update(removed_at=document.created_at)
    client.force_login(worker)
    assert client.get(download_url(document)).status_code == 404


def test_stored_files_have_no_public_url(client, worker, case, settings):
    document = make_document(worker, case)
    client.force_login(worker)
    for prefix in ("/media/", "/", settings.MEDIA_URL or "/"):
        assert client.get(f"{prefix}{document.file.name}").status_code == 404


# --- Remove -------------------------------------------------------------------------------


def test_worker_removes_a_document(client, worker, case):
    document = make_document(worker, case)
    client.force_login(worker)
    assert "Remove this document?" in client.get(remove_url(document)).content.decode()

    response = client.post(remove_url(document), {"version": document.version})

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.removed_at is not None
    assert AuditEvent.objects.filter(object_uuid=document.uuid, action="remove").exists()
    page = client.get(list_url(case)).content.decode()
    assert "‘Letter from the school’ removed from the case." in page
    assert "No documents have been added to this case yet." in page


def test_remove_from_an_out_of_date_page_is_refused(client, worker, case):
    document = make_document(worker, case)
    client.force_login(worker)
    response = client.post(remove_url(document), {"version": document.version + 1})
    assert response.status_code == 400
    assert "Someone else changed this" in response.content.decode()
    document.refresh_from_db()
    assert document.removed_at is None


def test_remove_is_forbidden_for_a_reader(client, worker, reader, case):
    document = make_document(worker, case)
    client.force_login(reader)
    assert client.get(remove_url(document)).status_code == 403
    assert client.post(remove_url(document), {"version": 1}).status_code == 403
    document.refresh_from_db()
    assert document.removed_at is None


def test_remove_is_not_found_for_a_stranger(client, worker, stranger, case):
    document = make_document(worker, case)
    client.force_login(stranger)
    assert client.post(remove_url(document), {"version": 1}).status_code == 404
