"""How a stored document is sent to the browser: as a file to save, or (images only) as a
picture shown in a page of this site, such as a child's drawing on their session.

Either way the browser may not guess another type, run anything in the file, or let another
site embed it; nothing is cached. Callers have checked access and recorded the view.
"""

from __future__ import annotations

from django.http import FileResponse

from safetymap.documents.models import CaseDocument
from safetymap.documents.selectors import open_document

# A download is a file to save, never a page of this site: the browser may not show it in
# place, guess another type, or run anything in it even if it is opened from the disk.
DOWNLOAD_CSP = "default-src 'none'; sandbox"
# The types shown in place: the images the content check re-encoded without metadata.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


def download_name(document: CaseDocument) -> str:
    """The title as a file name, with the extension of what the file really is."""
    stem = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in document.title)
    stem = " ".join(stem.split())[:100] or "document"
    return f"{stem}.{document.extension}"


def document_response(document: CaseDocument, *, inline: bool = False) -> FileResponse:
    """The stored file. `inline` shows an image in an <img> on this site; anything else is
    always a download."""
    response = FileResponse(
        open_document(document),
        as_attachment=not (inline and document.content_type in INLINE_TYPES),
        filename=download_name(document),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    return response
