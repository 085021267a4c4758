"""Template context every page needs: the council's name, service name and brand colour,
and the service's phase ("Beta") if settings give one (SAFETYMAP_SERVICE_PHASE)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def council(request: HttpRequest) -> dict[str, Any]:
    return {
        "council_name": settings.SAFETYMAP_COUNCIL_NAME,
        "service_name": settings.SAFETYMAP_SERVICE_NAME,
        "brand_colour": settings.SAFETYMAP_BRAND_COLOUR,
        "service_phase": getattr(settings, "SAFETYMAP_SERVICE_PHASE", ""),
    }
