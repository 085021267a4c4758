"""The council's own wording for the map, per service level. Council administrators only."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from safetymap.cases.models import ServiceLevel
from safetymap.core.versioning import StaleEditError
from safetymap.mapping import selectors, services
from safetymap.mapping.forms_labels import LabelSetForm, differing_labels
from safetymap.mapping.labels import LABEL_FIELDS
from safetymap.mapping.models import MapLabelSet

View = Callable[..., HttpResponse]


def council_administrators_only(view: View) -> View:
    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_council_administrator:  # type: ignore[union-attr]
            raise PermissionDenied("Only a council administrator can change the map's wording.")
        return view(request, *args, **kwargs)

    return wrapped


def _label_set(service_level: str) -> tuple[str, MapLabelSet | None]:
    """The service level's name and its saved wording (None while only defaults apply)."""
    for level, name, label_set in selectors.label_sets():
        if level == service_level:
            return name, label_set
    raise Http404("No such service level")


def _form_data(label_set: MapLabelSet | None) -> dict[str, Any]:
    # A level with no saved wording yet is created at version 1 when first saved.
    saved = label_set.labels if label_set else {}
    return {
        **{field.key: saved.get(field.key, "") for field in LABEL_FIELDS},
        "version": label_set.version if label_set else 1,
    }


@council_administrators_only
def label_sets_page(request: HttpRequest) -> HttpResponse:
    rows = [
        {
            "level": level,
            "name": name,
            "label_set": label_set,
            "differing": differing_labels(level, label_set.labels if label_set else {}),
        }
        for level, name, label_set in selectors.label_sets()
    ]
    return render(request, "mapping/label_sets.html", {"rows": rows})


@council_administrators_only
def label_set_edit(request: HttpRequest, service_level: str) -> HttpResponse:
    if service_level not in ServiceLevel.values:
        raise Http404("No such service level")
    name, label_set = _label_set(service_level)
    form = LabelSetForm(
        request.POST or None, initial=_form_data(label_set), service_level=service_level
    )
    unsaved: list[tuple[str, str]] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            typed = form.labels()
            try:
                services.label_set_update(
                    actor=request.user,  # type: ignore[arg-type]
                    service_level=service_level,
                    expected_version=form.expected_version,
                    labels=typed,
                )
            except StaleEditError as error:
                # Show what is saved now, with the newer version, and keep what they typed.
                _, label_set = _label_set(service_level)
                latest = _form_data(label_set)
                form = LabelSetForm(latest, service_level=service_level)
                form.is_valid()
                form.add_error(None, error.message)
                unsaved = [
                    (field.description, typed[field.key] or "(blank: use the default)")
                    for field in LABEL_FIELDS
                    if typed[field.key] != latest[field.key]
                ]
                status = 409
            else:
                messages.success(request, f"Map wording for {name.lower()} saved.")
                return redirect("mapping:label_sets")
    return render(
        request,
        "mapping/label_set_edit.html",
        {"form": form, "service_level": service_level, "level_name": name, "unsaved": unsaved},
        status=status,
    )
