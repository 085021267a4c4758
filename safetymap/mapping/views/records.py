"""Adding, changing and removing every kind of record on the map, through one set of views.

Each kind (a part of the map, statements, goals, next steps, scales) is described once in
KINDS: its form, how to find a row, and which services add, change and remove it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from safetymap.cases.access import case_page, render_case
from safetymap.cases.models import Case
from safetymap.core.forms import VersionedForm, save_through
from safetymap.core.versioning import STALE_MESSAGE
from safetymap.mapping import selectors, services
from safetymap.mapping.forms import (
    DangerStatementForm,
    MapItemForm,
    NextStepForm,
    SafetyGoalForm,
    ScaleRatingForm,
)
from safetymap.mapping.models import Part

Labels = dict[str, str]


@dataclass(frozen=True)
class RecordKind:
    slug: str
    name: Callable[[Labels], str]  # what one record is called, e.g. "danger statement"
    make_form: Callable[..., VersionedForm]
    get: Callable[[Case, uuid.UUID], Any]
    add: Callable[..., Any]
    update: Callable[..., Any]
    remove: Callable[..., None]
    initial: Callable[[Any], dict[str, Any]]
    text: Callable[[Any], str]  # the record in one line, for confirmation pages
    anchor: str  # where on the map (or scales page) to come back to
    tab: str = "map"


def _model_initial(fields: tuple[str, ...]) -> Callable[[models.Model], dict[str, Any]]:
    def initial(row: models.Model) -> dict[str, Any]:
        values = {name: getattr(row, name) for name in fields}
        values["version"] = row.version  # type: ignore[attr-defined]
        return values

    return initial


def _item_initial(item: Any) -> dict[str, Any]:
    values = _model_initial(services.MAP_ITEM_FIELDS)(item)
    values["danger_present"] = {True: "yes", False: "no"}.get(item.danger_present)
    return values


def _item_kind(slug: str, part: Part, label_key: str, anchor: str) -> RecordKind:
    def get(case: Case, row_uuid: uuid.UUID) -> Any:
        item = selectors.get_map_item(case, row_uuid)
        if item.part != part:
            raise Http404("Not found in this part of the map")
        return item

    return RecordKind(
        slug=slug,
        name=lambda labels: labels[label_key],
        make_form=lambda *args, case, **kwargs: MapItemForm(*args, part=part, **kwargs),
        get=get,
        add=lambda *, actor, case, values: services.map_item_add(
            actor=actor, case=case, part=part, values=values
        ),
        update=lambda *, actor, row, expected_version, values: services.map_item_update(
            actor=actor, item=row, expected_version=expected_version, values=values
        ),
        remove=lambda *, actor, row, expected_version: services.map_item_remove(
            actor=actor, item=row, expected_version=expected_version
        ),
        initial=_item_initial,
        text=lambda item: item.text,
        anchor=anchor,
    )


KINDS: dict[str, RecordKind] = {
    kind.slug: kind
    for kind in (
        _item_kind("harm", Part.HARM, "harm", "harm"),
        _item_kind("complicating", Part.COMPLICATING, "complicating", "complicating"),
        _item_kind("strength", Part.STRENGTH, "strengths", "strengths"),
        _item_kind("safety", Part.SAFETY, "safety", "safety"),
        _item_kind("unsure", Part.UNSURE, "unsure", "unsure"),
        _item_kind("bottom-line", Part.BOTTOM_LINE, "bottom_lines", "bottom-lines"),
        RecordKind(
            slug="statements",
            name=lambda labels: labels["danger_statement"],
            make_form=DangerStatementForm,
            get=selectors.get_danger_statement,
            add=services.danger_statement_add,
            update=lambda *, actor, row, expected_version, values: services.danger_statement_update(
                actor=actor, statement=row, expected_version=expected_version, values=values
            ),
            remove=lambda *, actor, row, expected_version: services.danger_statement_remove(
                actor=actor, statement=row, expected_version=expected_version
            ),
            initial=_model_initial(services.DANGER_STATEMENT_FIELDS),
            text=lambda statement: statement.statement,
            anchor="statements",
        ),
        RecordKind(
            slug="goals",
            name=lambda labels: labels["goal"],
            make_form=SafetyGoalForm,
            get=selectors.get_goal,
            add=services.safety_goal_add,
            update=lambda *, actor, row, expected_version, values: services.safety_goal_update(
                actor=actor, goal=row, expected_version=expected_version, values=values
            ),
            remove=lambda *, actor, row, expected_version: services.safety_goal_remove(
                actor=actor, goal=row, expected_version=expected_version
            ),
            initial=_model_initial(services.GOAL_FIELDS),
            text=lambda goal: goal.statement,
            anchor="goals",
        ),
        RecordKind(
            slug="next-steps",
            name=lambda labels: "Next step",
            make_form=NextStepForm,
            get=selectors.get_next_step,
            add=services.next_step_add,
            update=lambda *, actor, row, expected_version, values: services.next_step_update(
                actor=actor, step=row, expected_version=expected_version, values=values
            ),
            remove=lambda *, actor, row, expected_version: services.next_step_remove(
                actor=actor, step=row, expected_version=expected_version
            ),
            initial=_model_initial(services.NEXT_STEP_FIELDS),
            text=lambda step: f"{step.action} ({step.owner})",
            anchor="next-steps",
        ),
        RecordKind(
            slug="scales",
            name=lambda labels: "Scale",
            make_form=ScaleRatingForm,
            get=selectors.get_rating,
            add=services.scale_rating_add,
            update=lambda *, actor, row, expected_version, values: services.scale_rating_update(
                actor=actor, rating=row, expected_version=expected_version, values=values
            ),
            remove=lambda *, actor, row, expected_version: services.scale_rating_remove(
                actor=actor, rating=row, expected_version=expected_version
            ),
            initial=_model_initial(services.RATING_FIELDS),
            text=lambda rating: (
                f"{rating.rater_name}: {rating.score.normalize()} – {rating.reason}"
            ),
            anchor="scales",
            tab="scales",
        ),
    )
}


def _kind(slug: str) -> RecordKind:
    if slug not in KINDS:
        raise Http404("No such part of the map")
    return KINDS[slug]


def _back_url(case: Case, kind: RecordKind, request: HttpRequest) -> str:
    """Back to the map, or to another page of this case that sent the person here with
    `?next=` (a meeting being run, say)."""
    wanted = request.GET.get("next", "")
    if wanted.startswith(reverse("cases:case", kwargs={"case_uuid": case.uuid})):
        return wanted
    page = "mapping:scales" if kind.tab == "scales" else "mapping:map"
    return reverse(page, kwargs={"case_uuid": case.uuid}) + f"#{kind.anchor}"


def _initial_for_add(request: HttpRequest, case: Case, kind: RecordKind) -> dict[str, Any]:
    """Sensible starting values: today's date, and the statement or goal the link came from."""
    initial: dict[str, Any] = {"rated_on": timezone.localdate()}
    if kind.slug == "scales":
        initial.update(rater_name=request.user.get_full_name(), rater_role="worker")  # type: ignore[union-attr]
    for param in ("statement", "goal"):
        if request.GET.get(param):
            initial["danger_statement" if param == "statement" else "goal"] = request.GET[param]
    return initial


def _statement_limit_context(case: Case, kind: RecordKind) -> dict[str, Any]:
    if kind.slug != "statements":
        return {}
    count = services.danger_statement_count(case)
    soft, hard = services.danger_statement_limits()
    return {
        "statement_count": count,
        "soft_limit": soft,
        "hard_limit": hard,
        "over_soft": count >= soft,
        "at_hard": count >= hard,
    }


def _render_form(
    request: HttpRequest, case: Case, kind: RecordKind, form: VersionedForm, *, row: Any = None
) -> HttpResponse:
    labels = selectors.labels_for(case.service_level)
    name = kind.name(labels)
    context = {
        "form": form,
        "kind": kind,
        "row": row,
        "labels": labels,
        "record_name": name,
        "title": f"Change: {name}" if row else f"Add: {name}",
        "back_url": _back_url(case, kind, request),
        "latest_text": kind.text(row) if row is not None and form.errors else "",
        **_statement_limit_context(case, kind),
    }
    status = 200 if not form.is_bound or form.is_valid() else 400
    return render_case(
        request, case, "mapping/record_form.html", context, tab=kind.tab, status=status
    )


@case_page("Map: add a record", edit=True)
def record_add(request: HttpRequest, case: Case, kind: str) -> HttpResponse:
    spec = _kind(kind)
    if request.method == "POST":
        form = spec.make_form(request.POST, case=case, versioned=False)
        if form.is_valid() and save_through(
            form, lambda: spec.add(actor=request.user, case=case, values=form.service_values())
        ):
            messages.success(
                request, f"{spec.name(selectors.labels_for(case.service_level))} added."
            )
            return redirect(_back_url(case, spec, request))
    else:
        form = spec.make_form(
            initial=_initial_for_add(request, case, spec), case=case, versioned=False
        )
    return _render_form(request, case, spec, form)


@case_page("Map: change a record", edit=True)
def record_edit(request: HttpRequest, case: Case, kind: str, row_uuid: uuid.UUID) -> HttpResponse:
    spec = _kind(kind)
    row = spec.get(case, row_uuid)
    if request.method == "POST":
        form = spec.make_form(request.POST, case=case)
        if form.is_valid() and save_through(
            form,
            lambda: spec.update(
                actor=request.user,
                row=row,
                expected_version=form.expected_version,
                values=form.service_values(),
            ),
        ):
            messages.success(
                request, f"{spec.name(selectors.labels_for(case.service_level))} saved."
            )
            return redirect(_back_url(case, spec, request))
        if getattr(form, "stale", False):
            form = form.at_version(row.version, STALE_MESSAGE, spec.make_form, case=case)
    else:
        form = spec.make_form(initial=spec.initial(row), case=case)
    return _render_form(request, case, spec, form, row=row)


@case_page("Map: remove a record", edit=True)
def record_remove(request: HttpRequest, case: Case, kind: str, row_uuid: uuid.UUID) -> HttpResponse:
    spec = _kind(kind)
    row = spec.get(case, row_uuid)
    form = VersionedForm(request.POST or None, initial={"version": row.version})
    if (
        request.method == "POST"
        and form.is_valid()
        and save_through(
            form,
            lambda: spec.remove(
                actor=request.user, row=row, expected_version=form.expected_version
            ),
        )
    ):
        messages.success(
            request, f"{spec.name(selectors.labels_for(case.service_level))} removed from the map."
        )
        return redirect(_back_url(case, spec, request))
    labels = selectors.labels_for(case.service_level)
    return render_case(
        request,
        case,
        "mapping/record_remove.html",
        {
            "form": form,
            "kind": spec,
            "record_name": spec.name(labels),
            "record_text": spec.text(row),
            "back_url": _back_url(case, spec, request),
        },
        tab=spec.tab,
        status=400 if form.errors else 200,
    )
