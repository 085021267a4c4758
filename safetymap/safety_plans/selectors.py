"""Reads of safety plans. The case has already been found through `get_visible_case` (or
`cases_visible_to`) for the user, so everything here is scoped to a case the user may see.

For other apps: `current_plan(case)` (the plan the family lives by now, with its rules, for
family packs and the child's version) and `annotate_plans_needing_attention(cases)`.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases.models import Case, CaseMember
from safetymap.cases.selectors import case_members, current_workers, team_managers
from safetymap.safety_plans.models import (
    IN_FORCE,
    MonitoringCheck,
    PlanAgreement,
    PlanContact,
    PlanLine,
    PlanRule,
    PlanStatus,
    PlanVersion,
    SafetyPlan,
    WarningSign,
)
from safetymap.safety_plans.services import LINE_KINDS, lines_of

NETWORK_MEETING_PROMPT = "Consider calling a network meeting"


def _rules() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        "rules",
        queryset=PlanRule.objects.filter(removed_at__isnull=True)
        .select_related("danger_statement", "safety_house_entry__session")
        .prefetch_related("responsible_members__person", "responsible_staff")
        .order_by("position", "id"),
        to_attr="live_rules",
    )


def _full(versions: QuerySet[PlanVersion]) -> QuerySet[PlanVersion]:
    """A version with everything its page shows, in a fixed number of queries."""
    return versions.select_related(
        "plan", "plan__case", "based_on", "child_story_version__story"
    ).prefetch_related(
        _rules(),
        Prefetch(
            "warning_signs",
            queryset=WarningSign.objects.filter(removed_at__isnull=True),
            to_attr="live_warning_signs",
        ),
        Prefetch(
            "contacts",
            queryset=PlanContact.objects.filter(removed_at__isnull=True),
            to_attr="live_contacts",
        ),
        Prefetch(
            "agreements",
            queryset=PlanAgreement.objects.select_related("member__person", "staff"),
        ),
    )


# --- Plans of a case ----------------------------------------------------------------------


@dataclass
class PlanSummary:
    """A plan as lists and the case overview show it: the version that matters now."""

    plan: SafetyPlan
    shown: PlanVersion  # in force if there is one, else the newest
    draft: PlanVersion | None
    versions: list[PlanVersion] = field(default_factory=list)
    rules_count: int = 0
    last_checked_on: datetime.date | None = None
    rules_needing_meeting: list[PlanRule] = field(default_factory=list)

    @property
    def review_overdue(self) -> bool:
        review_on = self.shown.review_on
        return self.shown.in_force and review_on is not None and review_on < timezone.localdate()

    @property
    def needs_attention(self) -> bool:
        return self.review_overdue or bool(self.rules_needing_meeting)


def plan_summaries(case: Case) -> list[PlanSummary]:
    """Every plan on the case, newest first, in a fixed number of queries."""
    plans = list(
        case.safety_plans.order_by("-number").prefetch_related(
            Prefetch(
                "versions",
                queryset=PlanVersion.objects.order_by("-number").prefetch_related(_rules()),
            )
        )
    )
    return [_summary(plan) for plan in plans]


def _summary(plan: SafetyPlan) -> PlanSummary:
    versions = list(plan.versions.all())
    in_force = next((v for v in versions if v.in_force), None)
    shown = in_force or versions[0]
    rules = shown.live_rules  # type: ignore[attr-defined]
    checked = [rule.last_checked_on for rule in rules if rule.last_checked_on]
    return PlanSummary(
        plan=plan,
        shown=shown,
        draft=next((v for v in versions if v.is_draft), None),
        versions=versions,
        rules_count=len(rules),
        last_checked_on=max(checked, default=None),
        rules_needing_meeting=[
            rule for rule in rules if rule.needs_network_meeting and shown.in_force
        ],
    )


def get_plan(case: Case, plan_uuid: uuid.UUID) -> SafetyPlan:
    plan = case.safety_plans.filter(uuid=plan_uuid).first()
    if plan is None:
        raise Http404("No such safety plan on this case")
    return plan


def get_version(plan: SafetyPlan, number: int) -> PlanVersion:
    version = _full(PlanVersion.objects.filter(plan=plan, number=number)).first()
    if version is None:
        raise Http404("No such version of this plan")
    return version


def all_versions(plan: SafetyPlan) -> list[PlanVersion]:
    """Every version of the plan in full, newest first, in a fixed number of queries."""
    return list(_full(PlanVersion.objects.filter(plan=plan).order_by("-number")))


def draft_of(plan: SafetyPlan) -> PlanVersion:
    draft = _full(PlanVersion.objects.filter(plan=plan, status=PlanStatus.DRAFT)).first()
    if draft is None:
        raise Http404("This plan has no draft")
    return draft


def in_force_version(plan: SafetyPlan) -> PlanVersion:
    version = _full(PlanVersion.objects.filter(plan=plan, status__in=IN_FORCE)).first()
    if version is None:
        raise Http404("This plan is not in force")
    return version


def version_numbers(plan: SafetyPlan) -> list[int]:
    return list(
        PlanVersion.objects.filter(plan=plan).order_by("-number").values_list("number", flat=True)
    )


def get_line(version: PlanVersion, kind: str, line_uuid: uuid.UUID) -> PlanLine:
    if kind not in LINE_KINDS:
        raise Http404("No such part of a plan")
    lines = lines_of(LINE_KINDS[kind])
    line: PlanLine | None = lines.filter(
        plan_version=version, uuid=line_uuid, removed_at__isnull=True
    ).first()
    if line is None:
        raise Http404("Not found in this version of the plan")
    return line


def checks_by_rule(*versions: PlanVersion) -> dict[int, list[MonitoringCheck]]:
    """Every rule's check history in these versions, newest first, in one query."""
    history: dict[int, list[MonitoringCheck]] = {}
    checks = MonitoringCheck.objects.filter(rule__plan_version__in=versions).select_related(
        "member__person", "staff"
    )
    for check in checks:
        history.setdefault(check.rule_id, []).append(check)
    return history


# --- For other apps ------------------------------------------------------------------------


def current_plan(case: Case) -> PlanVersion | None:
    """The plan the family lives by now: the most recently agreed version in force, with
    its rules (`live_rules`, each with its danger statement and the people responsible),
    warning signs (`live_warning_signs`), people to call (`live_contacts`) and agreements."""
    versions = PlanVersion.objects.filter(plan__case=case, status__in=IN_FORCE)
    return _full(versions.order_by("-agreed_on", "-plan__number", "-number")).first()


def roles_needed(case: Case) -> list[str]:
    """The network roles the rules of the current plan name (registered with the network's
    expected roles, so an empty one shows on the network glance)."""
    plan = PlanVersion.objects.filter(plan__case=case, status__in=IN_FORCE).order_by(
        "-agreed_on", "-plan__number", "-number"
    )[:1]
    return list(
        PlanRule.objects.filter(plan_version__in=plan, removed_at__isnull=True)
        .exclude(network_role="")
        .order_by("position", "id")
        .values_list("network_role", flat=True)
        .distinct()
    )


def annotate_plans_needing_attention(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Adds `plans_needing_attention` to each case: how many of its plans in force are past
    their review date or have a rule repeatedly not followed (one query for the whole list)."""
    flagged_rule = PlanRule.objects.filter(
        plan_version=OuterRef("pk"), removed_at__isnull=True, needs_network_meeting=True
    )
    needing = (
        PlanVersion.objects.filter(plan__case=OuterRef("pk"), status__in=IN_FORCE)
        .filter(Q(review_on__lt=timezone.localdate()) | Exists(flagged_rule))
        .order_by()
        .values("plan__case")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return cases.annotate(
        plans_needing_attention=Coalesce(Subquery(needing, output_field=IntegerField()), 0)
    )


# --- Choices for forms ------------------------------------------------------------------------


def people_on_case(case: Case) -> list[CaseMember]:
    return case_members(case)


def staff_for(case: Case, actor: User) -> list[User]:
    """Staff who may be named on a plan: the allocated workers, the team's managers and the
    person filling in the form."""
    staff: dict[int, User] = {}
    for user in [*current_workers(case), *team_managers(case), actor]:
        staff.setdefault(user.pk, user)
    return list(staff.values())
