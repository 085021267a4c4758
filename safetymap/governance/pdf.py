"""PDFs drawn from Django templates with WeasyPrint, fetching nothing from anywhere.

The template is plain HTML; its stylesheet is a template too (so it can use the council's
brand colour). Every URL the document mentions is refused, so a PDF never reaches out to
another computer, whatever text a record holds.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

WHITE_SPACE = re.compile(r"\s+")


@functools.cache
def _no_fetching() -> Any:
    """A URL fetcher that refuses every URL: images, fonts and stylesheets must all be
    inside the document. WeasyPrint is imported here, on the first PDF, not when URLs load:
    it is slow to import and most requests never make a PDF."""
    import weasyprint

    class NoFetching(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"SafetyMap PDFs fetch nothing ({url[:60]})")

    return NoFetching()


def render_pdf(template: str, stylesheet: str, context: dict[str, Any]) -> bytes:
    """The template rendered with `context` (plus the council's name) as PDF bytes.

    Runs of white space are collapsed before layout (a long document lays out much faster
    without the template's indentation), so templates must not rely on `white-space: pre`.
    """
    context = {
        "council_name": settings.SAFETYMAP_COUNCIL_NAME,
        "service_name": settings.SAFETYMAP_SERVICE_NAME,
        "brand_colour": settings.SAFETYMAP_BRAND_COLOUR,
        **context,
    }
    import weasyprint

    fetcher = _no_fetching()
    html = weasyprint.HTML(
        string=WHITE_SPACE.sub(" ", render_to_string(template, context)),
        base_url=str(settings.BASE_DIR),
        url_fetcher=fetcher,
    )
    css = weasyprint.CSS(string=render_to_string(stylesheet, context), url_fetcher=fetcher)
    pdf: bytes = html.write_pdf(stylesheets=[css])
    return pdf
