"""What an uploaded file really is, decided by reading it, and a clean copy to keep.

The name a file arrives with and the type the browser claims are ignored: `drawing.png`
that is really a program is refused. Accepted:

- PDF: starts with `%PDF-` and pypdf can read its pages (password-protected PDFs are refused,
  as nobody could read them later, including for a subject access request);
- JPEG, PNG, GIF and WebP images: Pillow opens and verifies them, then they are drawn
  again into a fresh file, upright (the camera's orientation applied) and with nothing but
  the picture: no EXIF (location, camera, date), XMP, comments or colour profile. The copy
  is checked for metadata before it is kept.

Anything else is refused with a message for the person uploading it.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError
from pypdf import PdfReader

ACCEPTED_DESCRIPTION = "a PDF, JPG, PNG, GIF or WebP"
ACCEPTED_PICTURES = "a JPG, PNG, GIF or WebP picture"
# Bigger pictures are refused before they are decoded (a small file can unpack to gigabytes).
MAX_IMAGE_PIXELS = 50_000_000
MAX_FRAMES = 300

IMAGE_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
# What a re-encoded image may still say about itself: how to show it, nothing about where,
# when or with what it was taken.
HARMLESS_INFO = frozenset(
    {
        "jfif",
        "jfif_version",
        "jfif_unit",
        "jfif_density",
        "dpi",
        "progressive",
        "progression",
        "adobe",
        "adobe_transform",
        "transparency",
        "background",
        "duration",
        "loop",
        "disposal",
        "version",
        "extension",
        "gamma",
        "aspect",
        "timestamp",  # WebP frame timing, not a date
        "interlace",
        "srgb",
        "chromaticity",
    }
)


class MetadataLeftError(RuntimeError):
    """The re-encoded image still carries metadata: a bug, never shown to a user as 'fine'."""


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str


def human_size(size: int) -> str:
    """10485760 -> "10MB", 512000 -> "500KB" (GOV.UK writes sizes without a space)."""
    mb = 1024 * 1024
    if size >= mb:
        value = size / mb
        return f"{value:.0f}MB" if value == int(value) else f"{value:.1f}MB"
    return f"{max(1, round(size / 1024))}KB"


def unsupported() -> ValidationError:
    return ValidationError(
        f"The selected file must be {ACCEPTED_DESCRIPTION}", code="unsupported_type"
    )


def inspect_and_clean(data: bytes, *, pictures_only: bool = False) -> CleanFile:
    """The file to keep, or ValidationError saying why it cannot be uploaded.

    `pictures_only` refuses PDFs, for uploads shown as a picture on a page."""
    if not data:
        raise ValidationError("The selected file is empty", code="empty")
    if pictures_only:
        try:
            return _clean_image(data)
        except ValidationError as error:
            if error.code != "unsupported_type":
                raise
            raise ValidationError(
                f"The selected file must be {ACCEPTED_PICTURES}", code="unsupported_type"
            ) from error
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return CleanFile(content=data, content_type="application/pdf")
    return _clean_image(data)


# --- PDF ---------------------------------------------------------------------------------


def _check_pdf(data: bytes) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        # Reading every page's size makes pypdf parse the page tree, not just the header.
        pages = 0 if encrypted else sum(1 for page in reader.pages if page.mediabox)
    except Exception as error:
        raise ValidationError(
            "The selected file is not a PDF that can be opened. It may be damaged",
            code="invalid_pdf",
        ) from error
    if encrypted:
        raise ValidationError(
            "The selected PDF is protected with a password. Save a copy without a password "
            "and upload that",
            code="encrypted_pdf",
        )
    if pages < 1:
        raise ValidationError("The selected PDF has no pages", code="invalid_pdf")


# --- Images ------------------------------------------------------------------------------


def _open(data: bytes) -> Image.Image:
    """Open, refusing anything Pillow does not recognise as one of the four formats."""
    try:
        image = Image.open(io.BytesIO(data), formats=list(IMAGE_TYPES))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise unsupported() from error
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            "The selected image is too big. Make it smaller than 50 megapixels and try again",
            code="image_too_big",
        )
    return image


def _clean_image(data: bytes) -> CleanFile:
    with warnings.catch_warnings():
        # A decompression bomb is a refusal, not a warning.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = _open(data)
            image_format = probe.format or ""
            probe.verify()
            image = _open(data)
            frames = getattr(image, "n_frames", 1)
            if frames > MAX_FRAMES:
                raise ValidationError(
                    "The selected image has too many frames", code="image_too_many_frames"
                )
            image.load()
            content = _reencode(image, image_format, animated=frames > 1)
        except ValidationError:
            raise
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as error:
            raise ValidationError(
                "The selected image cannot be opened. It may be damaged", code="invalid_image"
            ) from error
        except Image.DecompressionBombWarning as error:
            raise ValidationError(
                "The selected image is too big. Make it smaller than 50 megapixels and try again",
                code="image_too_big",
            ) from error
    assert_no_metadata(content)
    return CleanFile(content=content, content_type=IMAGE_TYPES[image_format])


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert a photo with a colour profile (e.g. a phone's Display P3) to plain sRGB, so it
    looks the same without the profile. A profile that cannot be read is simply dropped."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "L", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=output_mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted if converted is not None else image


def _pixels_only(image: Image.Image) -> Image.Image:
    """A copy with the picture (and palette) and none of the file's metadata."""
    fresh = image.copy()
    fresh.info = {key: value for key, value in image.info.items() if key == "transparency"}
    return fresh


def _save_options(image_format: str) -> dict[str, Any]:
    if image_format == "JPEG":
        return {"quality": 90, "optimize": True}
    if image_format == "WEBP":
        return {"quality": 90, "method": 4}
    if image_format == "PNG":
        return {"optimize": False}
    return {}


def _mode_for(image: Image.Image, image_format: str) -> Image.Image:
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        return image.convert("RGB")
    if image_format == "WEBP" and image.mode not in ("RGB", "RGBA"):
        return image.convert("RGBA" if "A" in image.getbands() else "RGB")
    if image_format == "PNG" and image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I"):
        return image.convert("RGBA")
    return image


def _reencode(image: Image.Image, image_format: str, *, animated: bool) -> bytes:
    out = io.BytesIO()
    if animated:
        frames, durations = [], []
        for frame in ImageSequence.Iterator(image):
            durations.append(int(frame.info.get("duration", 100)))
            frames.append(_pixels_only(frame.convert("RGBA")))
        first, rest = frames[0], frames[1:]
        options: dict[str, Any] = {
            "save_all": True,
            "append_images": rest,
            "duration": durations,
            "loop": int(image.info.get("loop", 0)),
        }
        if image_format == "GIF":
            options["disposal"] = 2
        first.save(out, format=image_format, **options, **_save_options(image_format))
        return out.getvalue()
    upright = ImageOps.exif_transpose(image)
    clean = _pixels_only(_mode_for(_to_srgb(upright), image_format))
    clean.save(out, format=image_format, **_save_options(image_format))
    return out.getvalue()


def assert_no_metadata(content: bytes) -> None:
    """Raise MetadataLeftError if the image still says anything about where, when or with
    what it was taken."""
    with Image.open(io.BytesIO(content)) as image:
        left = sorted(set(image.info) - HARMLESS_INFO)
        if len(image.getexif()) or left:
            raise MetadataLeftError(f"Metadata left in the stored image: {left or 'EXIF'}")
