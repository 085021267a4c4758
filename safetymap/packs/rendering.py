"""Drawing a pack from its stored content: the same template for the page and the PDF."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from safetymap.core.pdf import html_to_pdf
from safetymap.packs.models import FamilyPack

TEMPLATE = "packs/pack.html"
STYLESHEET = "packs/pack.css"


def stylesheet() -> str:
    return render_to_string(STYLESHEET, {"brand_colour": settings.SAFETYMAP_BRAND_COLOUR})


def pack_context(pack: FamilyPack, **extra: Any) -> dict[str, Any]:
    return {"pack": pack.content, "large_print": pack.large_print, **extra}


def render_pack_pdf(pack: FamilyPack) -> bytes:
    html = render_to_string(TEMPLATE, pack_context(pack, for_pdf=True))
    return html_to_pdf(html, stylesheet())


def pdf_filename(pack: FamilyPack) -> str:
    size = "-large-print" if pack.large_print else ""
    kind = "child-pack" if pack.audience == "child" else "family-pack"
    return f"{kind}-{pack.case.reference}-{pack.created_at:%Y-%m-%d}{size}.pdf"
