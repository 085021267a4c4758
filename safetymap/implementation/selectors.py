"""Reads of supervision records. Callers have already checked the user may see the case."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from safetymap.accounts.models import Role, Team, User
from safetymap.cases.models import Case
from safetymap.cases.registry import ChronologyEvent
from safetymap.cases.selectors import cases_visible_to
from safetymap.implementation.models import (
    CaseSupervision,
    GroupDecision,
    GroupEntry,
    GroupEntryKind,
    GroupScale,
    GroupSupervision,
)
from safetymap.mapping.models import NextStep

# The group's map, column by column; ideas are shown apart from it.
MAP_KINDS = (GroupEntryKind.WORRY, GroupEntryKind.WORKING_WELL, GroupEntryKind.NEEDS_TO_HAPPEN)


def case_supervisions(case: Case) -> QuerySet[CaseSupervision]:
    return (
        case.supervisions.filter(removed_at__isnull=True)
        .select_related("supervisor", "worker")
        .order_by("-held_on", "-created_at")
    )


def group_supervisions(case: Case) -> QuerySet[GroupSupervision]:
    return (
        case.group_supervisions.filter(removed_at__isnull=True)
        .select_related("presenting_worker__team", "facilitator__team", "advisor__team")
        .order_by("-held_on", "-created_at")
    )


def get_case_supervision(case: Case, supervision_uuid: uuid.UUID) -> CaseSupervision:
    supervision = (
        case_supervisions(case)
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=NextStep.objects.filter(removed_at__isnull=True).order_by("due_on", "id"),
            )
        )
        .filter(uuid=supervision_uuid)
        .first()
    )
    if supervision is None:
        raise Http404("No such supervision record")
    return supervision


def get_group_supervision(case: Case, group_uuid: uuid.UUID) -> GroupSupervision:
    group = (
        group_supervisions(case)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=User.objects.select_related("team").order_by(
                    "first_name", "last_name", "id"
                ),
            )
        )
        .filter(uuid=group_uuid)
        .first()
    )
    if group is None:
        raise Http404("No such group supervision")
    return group


@dataclass(frozen=True)
class GroupRecord:
    """Everything on a group supervision's page, each part kept apart."""

    group: GroupSupervision
    columns: list[tuple[str, str, list[GroupEntry]]]  # (kind, heading, entries)
    ideas: list[GroupEntry]
    scales: list[GroupScale]
    decisions: list[GroupDecision]


def group_record(group: GroupSupervision) -> GroupRecord:
    entries = list(
        group.entries.filter(removed_at__isnull=True)
        .select_related("added_by")
        .order_by("created_at", "id")
    )
    by_kind: dict[str, list[GroupEntry]] = {kind: [] for kind in GroupEntryKind.values}
    for entry in entries:
        by_kind[entry.kind].append(entry)
    return GroupRecord(
        group=group,
        columns=[(kind.value, kind.label, by_kind[kind]) for kind in MAP_KINDS],
        ideas=by_kind[GroupEntryKind.IDEA],
        scales=list(
            group.scales.filter(removed_at__isnull=True)
            .select_related("participant")
            .order_by("created_at", "id")
        ),
        decisions=list(
            group.decisions.filter(removed_at__isnull=True)
            .select_related("decided_by", "next_step")
            .order_by("created_at", "id")
        ),
    )


def group_supervisions_named(user: User) -> QuerySet[GroupSupervision]:
    """Group supervision this user was named on, of cases they can still open, newest first
    (for a practice lead: the cases they advise on, while their access lasts)."""
    named = Q(presenting_worker=user) | Q(facilitator=user) | Q(advisor=user) | Q(participants=user)
    ids = GroupSupervision.objects.filter(named).values("pk")
    return (
        GroupSupervision.objects.filter(
            pk__in=ids, removed_at__isnull=True, case__in=cases_visible_to(user)
        )
        .select_related("case__child", "presenting_worker", "advisor")
        .order_by("-held_on", "-created_at", "-id")
    )


def staff_for_supervision(case: Case) -> list[User]:
    """Who can be named on supervision of this case: the staff of its team and the teams
    above it, and every practice lead."""
    teams: set[int] = set()
    team: Team | None = case.team
    while team is not None and team.pk not in teams:
        teams.add(team.pk)
        team = team.parent
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(team_id__in=teams, role__in=(Role.PRACTITIONER, Role.TEAM_MANAGER))
            | Q(role=Role.PRACTICE_LEAD)
        )
        .select_related("team")
        .order_by("first_name", "last_name", "id")
    )


def chronology_events(
    case: Case,
    groups: Iterable[GroupSupervision] | None = None,
    supervisions: Iterable[CaseSupervision] | None = None,
) -> list[ChronologyEvent]:
    """Supervision on the child's chronology: for group supervision only its short summary,
    never the group's discussion; for case supervision, who supervised and the decisions.
    Pass the records already read to save the two queries."""
    if groups is None:
        groups = group_supervisions(case)
    if supervisions is None:
        supervisions = case_supervisions(case)
    events = [
        ChronologyEvent(
            happened_on=group.held_on,
            kind="supervision",
            summary="Group supervision",
            url=reverse(
                "implementation:group", kwargs={"case_uuid": case.uuid, "group_uuid": group.uuid}
            ),
            by=group.presenting_worker.display_name,
            detail=group.summary,
        )
        for group in groups
    ]
    events += [
        ChronologyEvent(
            happened_on=supervision.held_on,
            kind="supervision",
            summary=f"Case supervision with {supervision.supervisor.display_name}",
            url=reverse(
                "implementation:supervision",
                kwargs={"case_uuid": case.uuid, "supervision_uuid": supervision.uuid},
            ),
            by=supervision.supervisor.display_name,
            detail=supervision.decisions,
        )
        for supervision in supervisions
    ]
    return sorted(events, key=lambda event: event.happened_on, reverse=True)
