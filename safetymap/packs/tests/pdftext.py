"""The text of a PDF, as a reader's screen reader or a search would get it."""

from __future__ import annotations

import io

import pypdf


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    """All pages' text with line breaks as spaces (PDF lines break wherever the page does)."""
    return " ".join(" ".join(pdf_pages(pdf)).split())
