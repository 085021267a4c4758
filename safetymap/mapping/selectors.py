"""Every read of the map. Callers have already fetched the case through
`cases.selectors.get_visible_case`, so everything here is scoped to one visible case."""

from __future__ import annotations

import datetime
import uuid
from typing import Any, TypeVar

from django.db.models import Count, DateTimeField, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from safetymap.cases.models import Case, ServiceLevel, SharedKind
from safetymap.cases.registry import ShareChoices, ShareOption
from safetymap.cases.selectors import PartnerView
from safetymap.core.models import RemovableModel
from safetymap.mapping.labels import merge_labels
from safetymap.mapping.models import (
    CaseMap,
    DangerStatement,
    MapItem,
    MapLabelSet,
    MapVersion,
    NextStep,
    RaterRole,
    SafetyGoal,
    ScaleRating,
)
from safetymap.mapping.picture import Picture, build_picture
from safetymap.mapping.snapshot import build_snapshot

R = TypeVar("R", bound=RemovableModel)

# How soon a next step counts as "due" on case lists.
DUE_SOON_DAYS = 7


def labels_for(service_level: str) -> dict[str, str]:
    label_set = MapLabelSet.objects.filter(service_level=service_level).first()
    return merge_labels(service_level, label_set.labels if label_set else {})


def label_sets() -> list[tuple[str, str, MapLabelSet | None]]:
    """Every service level with its council wording row (None while only defaults apply)."""
    saved = {label_set.service_level: label_set for label_set in MapLabelSet.objects.all()}
    return [(level, label, saved.get(level)) for level, label in ServiceLevel.choices]


def live_picture(case: Case, shared: PartnerView | None = None) -> Picture:
    """The map now; for a partner professional (`shared`), only what is shared with them,
    each row carrying `shared_item` (who shared it, and when)."""
    snapshot = build_snapshot(case)
    if shared is not None:
        snapshot = shared_snapshot(snapshot, shared, notes=True)
    return build_picture(snapshot, labels_for(case.service_level))


# --- What a partner professional sees ---------------------------------------------------------

# Each collection of a snapshot, and the kind of shared item that lets a partner see a row.
SHARED_KINDS = {
    "items": SharedKind.MAP_ITEM,
    "danger_statements": SharedKind.DANGER_STATEMENT,
    "goals": SharedKind.SAFETY_GOAL,
    "next_steps": SharedKind.NEXT_STEP,
}


def shared_snapshot(
    snapshot: dict[str, Any], shared: PartnerView, *, notes: bool = False
) -> dict[str, Any]:
    """A snapshot cut down to what is shared: items, statements, goals and next steps one by
    one; the scales only if they are shared, and then only the overall scale and the scales
    of shared statements. With `notes`, each row kept carries its `shared_item`."""
    kept: dict[str, Any] = {**snapshot}
    for collection, kind in SHARED_KINDS.items():
        kept[collection] = [
            {**row, "shared_item": shared.item(kind, row["uuid"])} if notes else row
            for row in snapshot[collection]
            if shared.item(kind, row["uuid"]) is not None
        ]
    statements = {row["uuid"] for row in kept["danger_statements"]}
    kept["ratings"] = [
        row
        for row in snapshot["ratings"]
        if SharedKind.SCALES in shared.kinds
        and (not row["danger_statement"] or row["danger_statement"] in statements)
    ]
    return kept


def _options(rows: list[dict[str, Any]], text: str) -> list[ShareOption]:
    return [ShareOption(uuid.UUID(str(row["uuid"])), str(row[text])) for row in rows]


def shareable_map(case: Case) -> list[ShareChoices]:
    """Everything on the map that can be shared, grouped by the column it sits in, worded
    for the case's service level (six queries)."""
    picture = live_picture(case)
    labels = picture.labels
    worried, working, needs = (
        labels["worried_column"],
        labels["working_well_column"],
        labels["needs_to_happen_column"],
    )
    goals = [
        ShareOption(
            uuid.UUID(str(goal["uuid"])),
            f"For {labels['danger_statement'].lower()} {statement['number']}: {goal['statement']}",
        )
        for statement in picture.statements
        for goal in statement["goals"]
    ]
    steps = [
        ShareOption(uuid.UUID(str(step["uuid"])), f"{step['action']} ({step['owner']})")
        for step in picture.next_steps
    ]
    # One choice for every scale, now and later.
    scales = [
        ShareOption(
            case.uuid,
            "Every scale: the overall scale, and the scale of each danger statement you share",
        )
    ]
    return [
        ShareChoices(worried, labels["harm"], SharedKind.MAP_ITEM, _options(picture.harm, "text")),
        ShareChoices(
            worried,
            labels["danger_statements"],
            SharedKind.DANGER_STATEMENT,
            [
                ShareOption(
                    uuid.UUID(str(row["uuid"])),
                    f"{labels['danger_statement']} {row['number']}: {row['statement']}",
                )
                for row in picture.statements
            ],
        ),
        ShareChoices(
            worried,
            labels["complicating"],
            SharedKind.MAP_ITEM,
            _options(picture.complicating, "text"),
        ),
        ShareChoices(
            working, labels["strengths"], SharedKind.MAP_ITEM, _options(picture.strengths, "text")
        ),
        ShareChoices(
            working, labels["safety"], SharedKind.MAP_ITEM, _options(picture.safety, "text")
        ),
        ShareChoices(needs, labels["goals"], SharedKind.SAFETY_GOAL, goals),
        ShareChoices(
            needs,
            labels["bottom_lines"],
            SharedKind.MAP_ITEM,
            _options(picture.bottom_lines, "text"),
        ),
        ShareChoices(needs, labels["next_steps"], SharedKind.NEXT_STEP, steps),
        ShareChoices(
            labels["unsure"],
            labels["unsure"],
            SharedKind.MAP_ITEM,
            _options(picture.unsure, "text"),
        ),
        ShareChoices(
            labels["scale_name"],
            labels["scale_name"],
            SharedKind.SCALES,
            scales,
        ),
    ]


def version_picture(version: MapVersion, *, service_level: str | None = None) -> Picture:
    """A saved version, worded for its own service level unless another is asked for."""
    level = service_level or version.service_level
    return build_picture(version.snapshot, labels_for(level))


def map_versions(case: Case) -> QuerySet[MapVersion]:
    return case.map_versions.select_related("saved_by").defer("snapshot").order_by("-number")


def get_map_version(case: Case, number: int) -> MapVersion:
    version = case.map_versions.select_related("saved_by").filter(number=number).first()
    if version is None:
        raise Http404("No such version of the map")
    return version


def map_state(case: Case) -> CaseMap | None:
    return CaseMap.objects.filter(case=case).select_related("last_changed_by").first()


def _current_row(queryset: QuerySet[R], row_uuid: uuid.UUID) -> R:
    row = queryset.filter(uuid=row_uuid, removed_at__isnull=True).first()
    if row is None:
        raise Http404("Not found on this map")
    return row


def get_map_item(case: Case, item_uuid: uuid.UUID) -> MapItem:
    return _current_row(case.map_items.select_related("case"), item_uuid)


def get_danger_statement(case: Case, statement_uuid: uuid.UUID) -> DangerStatement:
    return _current_row(case.danger_statements.select_related("case"), statement_uuid)


def get_goal(case: Case, goal_uuid: uuid.UUID) -> SafetyGoal:
    return _current_row(case.safety_goals.select_related("case"), goal_uuid)


def get_next_step(case: Case, step_uuid: uuid.UUID) -> NextStep:
    return _current_row(case.next_steps.select_related("case"), step_uuid)


def get_rating(case: Case, rating_uuid: uuid.UUID) -> ScaleRating:
    return _current_row(case.scale_ratings.select_related("case"), rating_uuid)


def current_statements(case: Case) -> QuerySet[DangerStatement]:
    return case.danger_statements.filter(removed_at__isnull=True).order_by("created_at", "id")


def current_goals(case: Case) -> QuerySet[SafetyGoal]:
    return case.safety_goals.filter(removed_at__isnull=True).order_by("created_at", "id")


# --- Case list columns ----------------------------------------------------------------------


def _overall_scores(nth: int) -> Subquery:
    """The worker's nth most recent overall scale on each case (0 = latest)."""
    ratings = ScaleRating.objects.filter(
        case=OuterRef("pk"),
        danger_statement__isnull=True,
        removed_at__isnull=True,
        rater_role=RaterRole.WORKER,
    ).order_by("-rated_on", "-created_at", "-id")
    return Subquery(ratings.values("score")[nth : nth + 1])


def annotate_overall_scale(cases: QuerySet[Case]) -> QuerySet[Case]:
    """`latest_overall` and `previous_overall`: the worker's last two overall scales."""
    return cases.annotate(latest_overall=_overall_scores(0), previous_overall=_overall_scores(1))


def annotate_case_list(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Latest overall scale and trend, next steps due and overdue, when the map changed."""
    today = timezone.localdate()
    open_steps = Q(next_steps__removed_at__isnull=True, next_steps__done_on__isnull=True)
    return annotate_overall_scale(cases).annotate(
        steps_overdue=Count(
            "next_steps", filter=open_steps & Q(next_steps__due_on__lt=today), distinct=True
        ),
        steps_due=Count(
            "next_steps",
            filter=open_steps
            & Q(
                next_steps__due_on__gte=today,
                next_steps__due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
            ),
            distinct=True,
        ),
        map_changed_at=Subquery(
            CaseMap.objects.filter(case=OuterRef("pk")).values("last_changed_at")[:1],
            output_field=DateTimeField(),
        ),
    )
