"""PDFs drawn from Django templates with WeasyPrint, fetching nothing from anywhere.

The template is plain HTML; its stylesheet is a template too (so it can use the council's
brand colour). core.pdf refuses every URL the document mentions.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from safetymap.core.pdf import html_to_pdf


def render_pdf(template: str, stylesheet: str, context: dict[str, Any]) -> bytes:
    """The template rendered with `context` (plus the council's name) as PDF bytes."""
    context = {
        "council_name": settings.SAFETYMAP_COUNCIL_NAME,
        "service_name": settings.SAFETYMAP_SERVICE_NAME,
        "brand_colour": settings.SAFETYMAP_BRAND_COLOUR,
        **context,
    }
    return html_to_pdf(render_to_string(template, context), render_to_string(stylesheet, context))
