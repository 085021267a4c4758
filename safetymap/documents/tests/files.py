"""Real files made by the tests: photos with camera and GPS details, PDFs, and fakes."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

# EXIF tags (see the EXIF 2.3 standard).
MAKE, MODEL, ORIENTATION, DATETIME, GPS_IFD = 0x010F, 0x0110, 0x0112, 0x0132, 0x8825


def camera_exif(*, orientation: int = 1) -> Image.Exif:
    """What a phone writes into a photo: its make and model, the time, and where it was."""
    exif = Image.Exif()
    exif[MAKE] = "Examplephone"
    exif[MODEL] = "Examplephone 12 Pro"
    exif[DATETIME] = "2026:03:14 16:05:00"
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 26.0)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 39.0)
    return exif


def jpeg_with_gps(*, size=(40, 20), orientation: int = 1) -> bytes:
    """A real JPEG (a red and blue picture) carrying camera and GPS EXIF and a comment."""
    image = Image.new("RGB", size, "red")
    image.paste("blue", (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    image.save(
        out,
        format="JPEG",
        exif=camera_exif(orientation=orientation),
        comment=b"Taken outside 12 Example Road",
    )
    return out.getvalue()


def image_bytes(image_format: str, *, exif: bool = True, **options) -> bytes:
    image = Image.new("RGBA" if image_format in ("PNG", "WEBP") else "RGB", (30, 30), "green")
    out = io.BytesIO()
    if exif:
        options["exif"] = camera_exif()
    image.save(out, format=image_format, **options)
    return out.getvalue()


def pdf_bytes(*, password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Letter from the school"})
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
