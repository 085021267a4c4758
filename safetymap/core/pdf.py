"""HTML to PDF with WeasyPrint, fetching nothing from anywhere.

Every URL a document mentions is refused, so a PDF never reaches out to another computer,
whatever text a record holds: images, fonts and stylesheets must all be inside it (a
picture as a data: URI, which is read from the document itself).
WeasyPrint is imported on the first PDF, not when URLs load: it is slow to import and most
requests never make a PDF.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from django.conf import settings

WHITE_SPACE = re.compile(r"\s+")


@functools.cache
def _no_fetching() -> Any:
    import weasyprint

    class NoFetching(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):  # inside the document: nothing is fetched
                return super().fetch(url, headers)
            raise ValueError(f"SafetyMap PDFs fetch nothing ({url[:60]})")

    return NoFetching()


def html_to_pdf(html: str, css: str) -> bytes:
    """PDF bytes of an HTML document with one stylesheet.

    Runs of white space are collapsed before layout (a long document lays out much faster
    without the template's indentation), so documents must not rely on `white-space: pre`.
    """
    import weasyprint

    fetcher = _no_fetching()
    document = weasyprint.HTML(
        string=WHITE_SPACE.sub(" ", html), base_url=str(settings.BASE_DIR), url_fetcher=fetcher
    )
    pdf: bytes = document.write_pdf(stylesheets=[weasyprint.CSS(string=css, url_fetcher=fetcher)])
    return pdf
