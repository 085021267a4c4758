"""Uploading: size limit, type by content not name, metadata stripped, stored safely, audited."""

from __future__ import annotations

import io
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from safetymap.audit.models import AuditEvent
from safetymap.documents.inspection import (
    MetadataLeftError,
    assert_no_metadata,
    inspect_and_clean,
)
from safetymap.documents.models import CaseDocument, DocumentKind
from safetymap.documents.services import display_filename, document_remove, document_upload

from .files import GPS_IFD, camera_exif, image_bytes, jpeg_with_gps, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def add(worker, case, name, content, *, kind=DocumentKind.DRAWING, title="A drawing"):
    return document_upload(
        actor=worker, case=case, title=title, kind=kind, uploaded_file=upload(name, content)
    )


def stored_bytes(document: CaseDocument) -> bytes:
    with default_storage.open(str(document.file.name), "rb") as stored:
        return stored.read()


def stored_files(media_root) -> list[str]:
    return [
        os.path.relpath(os.path.join(folder, name), media_root)
        for folder, _, names in os.walk(media_root)
        for name in names
    ]


# --- Photos lose their location and camera details -----------------------------------------


def test_photo_with_gps_is_stored_without_any_exif(worker, case):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the test photo has GPS
    assert b"Examplephone" in original
    assert b"Example Road" in original

    document = add(worker, case, "IMG_0042.JPG", original, kind=DocumentKind.PHOTO)

    kept = stored_bytes(document)
    with Image.open(io.BytesIO(kept)) as image:
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
        assert "exif" not in image.info
        assert "comment" not in image.info
        assert image.size == (40, 20)
        # Still the same picture: blue on the left, red on the right.
        left, right = image.convert("RGB").getpixel((5, 10)), image.getpixel((35, 10))
        assert left[2] > 200 > left[0]
        assert right[0] > 200 > right[2]
    assert b"Examplephone" not in kept
    assert b"Example Road" not in kept
    assert document.content_type == "image/jpeg"
    assert document.size == len(kept)


def test_photo_is_turned_upright_before_its_exif_is_dropped(worker, case):
    """Orientation 6 means 'turn 90° clockwise to view': without applying it, dropping the
    EXIF would leave the photo on its side."""
    document = add(worker, case, "sideways.jpg", jpeg_with_gps(size=(40, 20), orientation=6))
    with Image.open(io.BytesIO(stored_bytes(document))) as image:
        assert image.size == (20, 40)


@pytest.mark.parametrize(
    ("image_format", "content_type"),
    [("PNG", "image/png"), ("WEBP", "image/webp"), ("JPEG", "image/jpeg")],
)
def test_every_image_format_is_re_encoded_without_metadata(image_format, content_type):
    original = image_bytes(image_format)
    assert Image.open(io.BytesIO(original)).getexif()  # the source carries EXIF

    clean = inspect_and_clean(original)

    assert clean.content_type == content_type
    with Image.open(io.BytesIO(clean.content)) as image:
        assert image.format == image_format
        assert len(image.getexif()) == 0
    assert b"Examplephone" not in clean.content


def test_png_text_and_colour_profile_are_dropped():
    from PIL import ImageCms, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Drawn at 12 Example Road")
    info.add_text("Author", "Kian Example")
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (10, 10), "yellow").save(out, format="PNG", pnginfo=info, icc_profile=profile)
    assert b"Example Road" in out.getvalue()

    clean = inspect_and_clean(out.getvalue())

    with Image.open(io.BytesIO(clean.content)) as image:
        assert not {"Comment", "Author", "icc_profile"} & set(image.info)
        assert image.convert("RGB").getpixel((5, 5)) == (255, 255, 0)
    assert b"Example Road" not in clean.content


def test_animated_gif_keeps_its_frames_and_loses_its_comment():
    frames = [Image.new("RGB", (12, 12), colour) for colour in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=200,
        loop=0,
        comment=b"Drawn at 12 Example Road",
    )
    assert b"Example Road" in out.getvalue()

    clean = inspect_and_clean(out.getvalue())

    with Image.open(io.BytesIO(clean.content)) as image:
        assert image.format == "GIF"
        assert image.n_frames == 3
        assert "comment" not in image.info
    assert b"Example Road" not in clean.content


def test_metadata_check_catches_what_it_is_for():
    with pytest.raises(MetadataLeftError):
        assert_no_metadata(jpeg_with_gps())
    assert_no_metadata(inspect_and_clean(jpeg_with_gps()).content)


# --- PDFs ----------------------------------------------------------------------------------


def test_pdf_is_accepted_and_kept_as_it_is(worker, case):
    original = pdf_bytes()
    document = add(worker, case, "letter.pdf", original, kind=DocumentKind.LETTER)
    assert document.content_type == "application/pdf"
    assert stored_bytes(document) == original


def test_pdf_is_recognised_by_content_whatever_its_name(worker, case):
    document = add(worker, case, "scan.png", pdf_bytes(), kind=DocumentKind.REPORT)
    assert document.content_type == "application/pdf"
    assert document.extension == "pdf"


def test_damaged_pdf_is_refused():
    with pytest.raises(ValidationError) as refused:
        inspect_and_clean(b"%PDF-1.7\nthis is not really a PDF at all\n%%EOF")
    assert refused.value.code == "invalid_pdf"


def test_password_protected_pdf_is_refused():
    with pytest.raises(ValidationError) as refused:
        inspect_and_clean(pdf_bytes(password="secret"))
    assert refused.value.code == "encrypted_pdf"
    assert "password" in refused.value.messages[0]


# --- Anything else is refused, whatever its name -------------------------------------------

FAKES = {
    "text called drawing.png": ("drawing.png", b"This is only text pretending to be a picture."),
    "program called drawing.png": ("drawing.png", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
    "web page called photo.jpg": ("photo.jpg", b"<html><script>alert(document.cookie)</script>"),
    "svg called drawing.png": (
        "drawing.png",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    ),
    "PNG header then rubbish": ("drawing.png", b"\x89PNG\r\n\x1a\n" + b"rubbish" * 20),
    "cut-off JPEG": ("photo.jpg", jpeg_with_gps()[:200]),
    "Word document called letter.pdf": ("letter.pdf", b"PK\x03\x04" + b"\x00" * 100),
}


@pytest.mark.parametrize("fake", FAKES, ids=list(FAKES))
def test_files_that_are_not_what_they_claim_are_refused(worker, case, media_root, fake):
    name, content = FAKES[fake]
    with pytest.raises(ValidationError) as refused:
        add(worker, case, name, content)
    assert refused.value.code in ("unsupported_type", "invalid_image", "invalid_pdf")
    assert not CaseDocument.objects.exists()
    assert not AuditEvent.objects.filter(object_type="documents.casedocument").exists()
    assert stored_files(media_root) == []


def test_refusal_message_names_the_accepted_types(worker, case):
    with pytest.raises(ValidationError) as refused:
        add(worker, case, "drawing.png", b"just text")
    assert refused.value.messages == ["The selected file must be a PDF, JPG, PNG, GIF or WebP"]


def test_too_large_is_refused_with_the_limit_in_the_message(worker, case, settings):
    settings.SAFETYMAP_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    big = pdf_bytes() + b"\n%" + b"x" * (2 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        add(worker, case, "big.pdf", big)
    assert refused.value.code == "too_large"
    assert refused.value.messages == ["The selected file must be smaller than 2MB"]
    assert not CaseDocument.objects.exists()


def test_default_limit_is_ten_megabytes(settings):
    from safetymap.documents.services import upload_max_bytes

    assert settings.SAFETYMAP_UPLOAD_MAX_BYTES == 10 * 1024 * 1024
    assert upload_max_bytes() == 10 * 1024 * 1024


def test_empty_file_is_refused(worker, case):
    with pytest.raises(ValidationError) as refused:
        add(worker, case, "empty.pdf", b"")
    assert refused.value.messages == ["The selected file is empty"]


def test_enormous_picture_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")  # 100 megapixels, a tiny file
    with pytest.raises(ValidationError) as refused:
        inspect_and_clean(out.getvalue())
    assert refused.value.code == "image_too_big"


# --- Stored safely and audited -------------------------------------------------------------


def test_stored_under_a_random_name_with_nothing_from_the_users_name(worker, case, media_root):
    document = add(worker, case, "../../etc/Kian's drawing.png", image_bytes("PNG"))
    (path,) = stored_files(media_root)
    assert path == document.file.name
    folder, name = path.split("/")
    assert folder == "documents"
    assert len(name) == 32 and all(ch in "0123456789abcdef" for ch in name)
    assert document.original_filename == "Kian's drawing.png"
    # Readable by the application's user and group only.
    assert os.stat(media_root / path).st_mode & 0o777 == 0o640
    assert os.stat(media_root / folder).st_mode & 0o777 == 0o750
    assert document.title == "A drawing"


def test_title_defaults_to_the_file_name(worker, case):
    document = add(worker, case, "Letter from school.pdf", pdf_bytes(), title="  ")
    assert document.title == "Letter from school"


def test_display_filename_keeps_only_a_printable_base_name():
    assert display_filename("C:\\Users\\sam\\Desktop\\drawing.png") == "drawing.png"
    assert display_filename("a\x00b\nc.pdf") == "abc.pdf"
    assert display_filename(None) == ""


def test_upload_is_audited_in_the_same_transaction(worker, case):
    document = add(worker, case, "letter.pdf", pdf_bytes(), kind=DocumentKind.LETTER)
    event = AuditEvent.objects.get(object_uuid=document.uuid)
    assert event.action == "create"
    assert event.actor == worker
    assert event.case_uuid == case.uuid
    assert event.changes["title"]["new"] == "A drawing"
    assert event.changes["content_type"]["new"] == "application/pdf"
    assert event.changes["sha256"]["new"] == document.sha256
    assert "file" not in event.changes


def test_failed_save_leaves_no_file_behind(worker, case, media_root, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("safetymap.documents.services.audit_creation", broken)
    with pytest.raises(RuntimeError):
        add(worker, case, "letter.pdf", pdf_bytes())
    assert not CaseDocument.objects.exists()
    assert stored_files(media_root) == []


def test_read_only_user_cannot_upload(reader, case):
    with pytest.raises(PermissionDenied):
        add(reader, case, "letter.pdf", pdf_bytes())


def test_unknown_kind_is_refused(worker, case):
    with pytest.raises(ValidationError):
        add(worker, case, "letter.pdf", pdf_bytes(), kind="executable")


def test_remove_hides_the_document_keeps_the_file_and_is_audited(worker, case):
    document = add(worker, case, "letter.pdf", pdf_bytes())
    removed = document_remove(actor=worker, document=document, expected_version=1)
    assert removed.removed_at is not None
    assert default_storage.exists(document.file.name)
    assert AuditEvent.objects.filter(object_uuid=document.uuid, action="remove").exists()


def test_camera_exif_helper_really_has_gps():
    """Guard for the tests above: the EXIF they strip is really there to begin with."""
    exif = camera_exif()
    assert exif.get_ifd(GPS_IFD)[1] == "N"
