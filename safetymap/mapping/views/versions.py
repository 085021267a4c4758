"""Saved versions of the map: the list, saving a new one, reading one back exactly as the
map looked, and what changed between two versions (or between a version and the map now)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from safetymap.cases.access import case_page, render_case
from safetymap.cases.models import Case, ServiceLevel
from safetymap.mapping import charts, selectors, services
from safetymap.mapping.forms_versions import CURRENT, CompareForm, VersionSaveForm
from safetymap.mapping.models import MapVersion
from safetymap.mapping.picture import compare_snapshots
from safetymap.mapping.registry import attach_sources
from safetymap.mapping.snapshot import build_snapshot

VERSIONS_PER_PAGE = 20


# --- Small reads this module needs (not in mapping.selectors) -------------------------------


def version_numbers(case: Case) -> list[int]:
    """Every saved version's number, newest first (one query, no snapshots)."""
    return list(selectors.map_versions(case).values_list("number", flat=True))


def neighbours(case: Case, number: int) -> tuple[int | None, int | None]:
    """The versions saved just before and just after this one, in one query."""
    found = case.map_versions.aggregate(
        previous=Max("number", filter=Q(number__lt=number)),
        next=Min("number", filter=Q(number__gt=number)),
    )
    return found["previous"], found["next"]


def default_pair(numbers: list[int]) -> dict[str, str]:
    """The last two versions; with only one, that version against the map now."""
    if len(numbers) >= 2:
        return {"from": str(numbers[1]), "to": str(numbers[0])}
    if numbers:
        return {"from": str(numbers[0]), "to": CURRENT}
    return {}


def _level_label(level: str) -> str:
    return str(dict(ServiceLevel.choices).get(level, level))


# --- Pages ---------------------------------------------------------------------------------


@case_page("Map versions")
@require_safe
def versions_list(request: HttpRequest, case: Case) -> HttpResponse:
    page = Paginator(selectors.map_versions(case), VERSIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    numbers = version_numbers(case)
    compare_form = CompareForm(initial=default_pair(numbers), numbers=numbers)
    return render_case(
        request,
        case,
        "mapping/versions.html",
        {"page_obj": page, "versions": page.object_list, "compare_form": compare_form},
        tab="versions",
    )


@case_page("Save a map version", edit=True)
def version_save(request: HttpRequest, case: Case) -> HttpResponse:
    form = VersionSaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = services.map_version_save(
            actor=request.user,  # type: ignore[arg-type]
            case=case,
            occasion=form.cleaned_data["occasion"],
            note=form.cleaned_data["note"],
            saved_on=form.cleaned_data["saved_on"],
        )
        messages.success(request, f"Version {version.number} of the map saved.")
        return redirect("mapping:version", case_uuid=case.uuid, number=version.number)
    numbers = version_numbers(case)
    return render_case(
        request,
        case,
        "mapping/version_save.html",
        {"form": form, "last_number": numbers[0] if numbers else None},
        tab="versions",
        status=400 if form.is_bound else 200,
    )


@case_page("Map version")
@require_safe
def version_detail(request: HttpRequest, case: Case, number: int) -> HttpResponse:
    version = selectors.get_map_version(case, number)
    picture = selectors.version_picture(version)
    attach_sources(request, case, picture.records)
    previous, following = neighbours(case, number)
    return render_case(
        request,
        case,
        "mapping/version.html",
        {
            "version": version,
            "picture": picture,
            "labels": picture.labels,
            "sections": charts.scale_sections(picture),
            "previous_number": previous,
            "next_number": following,
            "other_level": version.service_level != case.service_level,
        },
        tab="versions",
    )


def _comparison(case: Case, old_number: int, to: str) -> dict[str, Any]:
    """What changed from one saved version to another (or to the map now)."""
    wanted = [old_number] + ([] if to == CURRENT else [int(to)])
    found = {
        v.number: v for v in case.map_versions.select_related("saved_by").filter(number__in=wanted)
    }
    old: MapVersion = found[old_number]
    new: MapVersion | None = None if to == CURRENT else found[int(to)]
    new_snapshot = build_snapshot(case) if new is None else new.snapshot
    changes = compare_snapshots(old.snapshot, new_snapshot)
    old_level = old.snapshot.get("service_level", old.service_level)
    new_level = new_snapshot.get("service_level", case.service_level)
    return {
        "old": old,
        "new": new,
        "changes": changes,
        "any_changes": any(c.any for c in changes) or old_level != new_level,
        "level_change": (
            (_level_label(old_level), _level_label(new_level)) if old_level != new_level else None
        ),
    }


@case_page("Map versions compared")
@require_safe
def version_compare(request: HttpRequest, case: Case) -> HttpResponse:
    numbers = version_numbers(case)
    context: dict[str, Any] = {"numbers": numbers}
    status = 200
    if not numbers:
        form = CompareForm(numbers=numbers)
    else:
        form = CompareForm({**default_pair(numbers), **request.GET.dict()}, numbers=numbers)
        if form.is_valid():
            context.update(
                _comparison(case, int(form.cleaned_data["from"]), form.cleaned_data["to"])
            )
        else:
            status = 400
    context["form"] = form
    return render_case(
        request, case, "mapping/version_compare.html", context, tab="versions", status=status
    )
