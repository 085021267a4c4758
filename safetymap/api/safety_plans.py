"""Safety plans of a case, read-only: every plan with its versions, and the plan in force
now. Changes are made in the pages (the same services); the API reads through the same
selectors and the same door to the case as the pages."""

import datetime
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Router
from pydantic import Field

from safetymap.api.access import case_to_read, user_of
from safetymap.api.errors import READ_ERRORS
from safetymap.api.schemas import Output
from safetymap.cases.models import Case
from safetymap.cases.policies import Basis, access_basis
from safetymap.cases.selectors import get_visible_case
from safetymap.safety_plans import selectors
from safetymap.safety_plans.models import CheckOutcome, PlanKind, PlanStatus, PlanVersion

router = Router(tags=["Safety plans"])


class NamedOut(Output):
    """A person on the case (`member_uuid`) or a member of staff (`staff_uuid`)."""

    name: str
    member_uuid: UUID | None = None
    staff_uuid: UUID | None = None


class CheckOut(Output):
    uuid: UUID
    checked_on: datetime.date
    checked_by: NamedOut
    outcome: CheckOutcome
    notes: str


class RuleOut(Output):
    uuid: UUID
    lineage: UUID = Field(description="The same rule carried from version to version")
    position: int
    adult_words: str
    child_words: str
    danger_statement_uuid: UUID
    danger_statement: str
    responsible: list[NamedOut]
    how_checked: str
    how_often: str
    last_checked_on: datetime.date | None
    needs_network_meeting: bool = Field(
        description="Not followed in too many recent checks: consider a network meeting"
    )
    checks: list[CheckOut]


class WarningSignOut(Output):
    sign: str
    what_to_do: str


class ContactOut(Output):
    name: str
    number: str
    when: str


class AgreementOut(Output):
    agreed_by: NamedOut
    agreed_on: datetime.date


class PlanVersionOut(Output):
    uuid: UUID
    number: int
    status: PlanStatus
    agreed_on: datetime.date | None
    testing_started_on: datetime.date | None
    testing_until: datetime.date | None
    review_on: datetime.date | None
    completed_on: datetime.date | None
    replaced_on: datetime.date | None
    how_we_know_working: str
    if_not_working: str
    rules: list[RuleOut]
    warning_signs: list[WarningSignOut]
    contacts: list[ContactOut]
    agreements: list[AgreementOut]


class PlanSummaryOut(Output):
    uuid: UUID
    number: int
    kind: PlanKind
    title: str
    status: PlanStatus = Field(description="Of the version in force, or else the newest")
    version_number: int
    rules_count: int
    last_checked_on: datetime.date | None
    review_on: datetime.date | None
    review_overdue: bool
    needs_attention: bool


class PlanOut(PlanSummaryOut):
    versions: list[PlanVersionOut]


def _named(row: Any) -> dict[str, Any]:
    return {
        "name": row.who,
        "member_uuid": row.member.uuid if row.member else None,
        "staff_uuid": row.staff.uuid if row.staff else None,
    }


def _responsible(rule: Any) -> list[dict[str, Any]]:
    return [
        {"name": m.person.full_name, "member_uuid": m.uuid} for m in rule.responsible_members.all()
    ] + [{"name": u.get_full_name(), "staff_uuid": u.uuid} for u in rule.responsible_staff.all()]


def _fields(row: Any, schema: type[Output]) -> dict[str, Any]:
    """The row's own attributes the schema names (the rest are filled in by the caller)."""
    return {name: getattr(row, name) for name in schema.model_fields if hasattr(row, name)}


def _check_out(check: Any) -> dict[str, Any]:
    return {**_fields(check, CheckOut), "checked_by": _named(check)}


def _rule_out(rule: Any, checks: list[Any]) -> dict[str, Any]:
    return {
        **_fields(rule, RuleOut),
        "danger_statement_uuid": rule.danger_statement.uuid,
        "danger_statement": rule.danger_statement.statement,
        "responsible": _responsible(rule),
        "checks": [_check_out(check) for check in checks],
    }


def version_out(version: PlanVersion, history: dict[int, list[Any]]) -> dict[str, Any]:
    """A version read through the selectors (lines prefetched), with its rules' checks."""
    return {
        **_fields(version, PlanVersionOut),
        "rules": [
            _rule_out(rule, history.get(rule.pk, []))
            for rule in version.live_rules  # type: ignore[attr-defined]
        ],
        "warning_signs": version.live_warning_signs,  # type: ignore[attr-defined]
        "contacts": version.live_contacts,  # type: ignore[attr-defined]
        "agreements": [
            {"agreed_by": _named(a), "agreed_on": a.agreed_on} for a in version.agreements.all()
        ],
    }


def summary_out(summary: selectors.PlanSummary) -> dict[str, Any]:
    plan, shown = summary.plan, summary.shown
    return {
        "uuid": plan.uuid,
        "number": plan.number,
        "kind": plan.kind,
        "title": plan.title,
        "status": shown.status,
        "version_number": shown.number,
        "rules_count": summary.rules_count,
        "last_checked_on": summary.last_checked_on,
        "review_on": shown.review_on,
        "review_overdue": summary.review_overdue,
        "needs_attention": summary.needs_attention,
    }


def plan_case_to_read(request: HttpRequest, case_uuid: UUID, what: str) -> Case:
    """As for the pages, a partner professional's share does not cover safety plans: 404."""
    if access_basis(user_of(request), get_visible_case(user_of(request), case_uuid)) == (
        Basis.SHARED
    ):
        raise Http404("No case found")
    return case_to_read(request, case_uuid, what)


@router.get(
    "/cases/{case_uuid}/safety-plans",
    response={200: list[PlanSummaryOut], **READ_ERRORS},
    summary="The case's safety plans, newest first, each as it stands now",
)
def list_safety_plans(request: HttpRequest, case_uuid: UUID) -> list[dict[str, Any]]:
    case = plan_case_to_read(request, case_uuid, "safety plans")
    return [summary_out(summary) for summary in selectors.plan_summaries(case)]


@router.get(
    "/cases/{case_uuid}/safety-plans/current",
    response={200: PlanVersionOut, **READ_ERRORS},
    summary="The plan the family lives by now (agreed or being tested); 404 if none",
)
def get_current_safety_plan(request: HttpRequest, case_uuid: UUID) -> dict[str, Any]:
    case = plan_case_to_read(request, case_uuid, "current safety plan")
    current = selectors.current_plan(case)
    if current is None:
        raise Http404("This case has no safety plan in force")
    return version_out(current, selectors.checks_by_rule(current))


@router.get(
    "/cases/{case_uuid}/safety-plans/{number}",
    response={200: PlanOut, **READ_ERRORS},
    summary="One safety plan with every version, newest first, and each rule's checks",
)
def get_safety_plan(request: HttpRequest, case_uuid: UUID, number: int) -> dict[str, Any]:
    case = plan_case_to_read(request, case_uuid, f"safety plan {number}")
    summary = next((s for s in selectors.plan_summaries(case) if s.plan.number == number), None)
    if summary is None:
        raise Http404("No such safety plan on this case")
    versions = selectors.all_versions(summary.plan)
    history = selectors.checks_by_rule(*versions)
    return {**summary_out(summary), "versions": [version_out(v, history) for v in versions]}
