"""Every read of the map. Callers have already fetched the case through
`cases.selectors.get_visible_case`, so everything here is scoped to one visible case."""

from __future__ import annotations

import datetime
import uuid
from typing import TypeVar

from django.db.models import Count, DateTimeField, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from safetymap.cases.models import Case, ServiceLevel
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


def live_picture(case: Case) -> Picture:
    return build_picture(build_snapshot(case), labels_for(case.service_level))


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


def annotate_case_list(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Latest overall scale and trend, next steps due and overdue, when the map changed."""
    today = timezone.localdate()
    open_steps = Q(next_steps__removed_at__isnull=True, next_steps__done_on__isnull=True)
    return cases.annotate(
        latest_overall=_overall_scores(0),
        previous_overall=_overall_scores(1),
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
