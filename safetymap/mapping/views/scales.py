"""The scales page: for the overall scale and each danger statement, where everyone stands
now (the spread, never only an average) and every rating over time, as a chart and as a
table with the same data."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from safetymap.cases.access import case_page, partner_view_of, render_case
from safetymap.cases.models import Case
from safetymap.mapping import charts, selectors


@case_page("Scales")
@require_safe
def scales_page(request: HttpRequest, case: Case) -> HttpResponse:
    picture = selectors.live_picture(case, partner_view_of(request))
    return render_case(
        request,
        case,
        "mapping/scales.html",
        {
            "picture": picture,
            "labels": picture.labels,
            "sections": charts.scale_sections(picture),
        },
        tab="scales",
    )
