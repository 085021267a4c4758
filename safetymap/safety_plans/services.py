"""Every write to safety plans. Each runs in one transaction with its audit event, checks
the version the user saw, and keeps the plan's statuses moving only the ways the practice
allows: draft -> agreed -> being tested -> completed, with a changed plan starting a new
draft that replaces the old version only when it is agreed.

A rule that is repeatedly not followed is flagged for a network meeting; that is a prompt
for people, never a change of status or an escalation.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max

from safetymap.accounts.models import User
from safetymap.audit.services import (
    audit_record,
    audited_create,
    audited_remove,
    audited_update,
    changed_fields,
    field_values,
)
from safetymap.cases.models import Case, CaseMember
from safetymap.child_voice.models import House
from safetymap.core.versioning import lock_for_edit, save_new_version
from safetymap.safety_plans.child_version import child_version_texts
from safetymap.safety_plans.models import (
    IN_FORCE,
    CheckOutcome,
    MonitoringCheck,
    PlanAgreement,
    PlanContact,
    PlanKind,
    PlanLine,
    PlanRule,
    PlanStatus,
    PlanVersion,
    SafetyPlan,
    WarningSign,
)
from safetymap.words_pictures.models import StoryKind, StoryVersion
from safetymap.words_pictures.services import story_panels_fill, story_start, story_version_start

PLAN_FIELDS = ("how_we_know_working", "if_not_working", "review_on", "testing_until")

NOT_A_DRAFT = "This version has been agreed, so it cannot be changed. Start a new version."


@dataclass(frozen=True)
class LineKind:
    """What a rule, a warning sign and someone to call have in common for editing."""

    slug: str  # in URLs
    name: str  # "rule"
    model: type[PlanLine]
    fields: tuple[str, ...]
    people: tuple[str, ...] = ()  # many-to-many fields naming people
    optional: tuple[str, ...] = ()  # fields that may be left blank


LINE_KINDS: dict[str, LineKind] = {
    kind.slug: kind
    for kind in (
        LineKind(
            "rules",
            "rule",
            PlanRule,
            (
                "adult_words",
                "child_words",
                "danger_statement",
                "how_checked",
                "how_often",
                "network_role",
                "safety_house_entry",
            ),
            people=("responsible_members", "responsible_staff"),
            optional=("network_role", "safety_house_entry"),
        ),
        LineKind("warning-signs", "warning sign", WarningSign, ("sign", "what_to_do")),
        LineKind("contacts", "person to call", PlanContact, ("name", "number", "when")),
    )
}


def line_kind_of(line: PlanLine) -> LineKind:
    return next(kind for kind in LINE_KINDS.values() if isinstance(line, kind.model))


def not_followed_rule() -> tuple[int, int]:
    """(how many "not followed", out of how many of the latest checks) prompts a meeting."""
    return (
        settings.SAFETYMAP_SAFETY_PLAN_NOT_FOLLOWED_LIMIT,
        settings.SAFETYMAP_SAFETY_PLAN_CHECKS_CONSIDERED,
    )


def repeatedly_not_followed(outcomes_newest_first: Sequence[str]) -> bool:
    limit, considered = not_followed_rule()
    latest = outcomes_newest_first[:considered]
    return sum(1 for outcome in latest if outcome == CheckOutcome.NOT_FOLLOWED) >= limit


# --- Plans and versions -------------------------------------------------------------------


def _case_of(version: PlanVersion) -> Case:
    return version.plan.case


def _require_draft(version: PlanVersion) -> None:
    if not version.is_draft:
        raise ValidationError(NOT_A_DRAFT)


@transaction.atomic
def safety_plan_create(*, actor: User, case: Case, kind: str, title: str) -> PlanVersion:
    """A new plan, numbered within the case, with an empty first draft."""
    if kind not in PlanKind.values:
        raise ValidationError("Choose the kind of plan.")
    if not title.strip():
        raise ValidationError("Enter a name for the plan.")
    locked = Case.objects.select_for_update().get(pk=case.pk)
    last = locked.safety_plans.aggregate(last=Max("number"))["last"] or 0
    plan = audited_create(
        actor=actor,
        model=SafetyPlan,
        case_uuid=case.uuid,
        summary=f"Safety plan {last + 1} started: {title.strip()}",
        fields={
            "case": locked,
            "number": last + 1,
            "kind": kind,
            "title": title.strip(),
            "created_by": actor,
        },
    )
    return audited_create(
        actor=actor,
        model=PlanVersion,
        case_uuid=case.uuid,
        summary=f"{plan.title}: version 1 drafted",
        fields={"plan": plan, "number": 1, "created_by": actor},
    )


@transaction.atomic
def plan_version_update(
    *,
    actor: User,
    plan_version: PlanVersion,
    expected_version: int | None,
    values: dict[str, Any],
) -> PlanVersion:
    _require_draft(plan_version)
    return audited_update(
        actor=actor,
        instance=plan_version,
        expected_version=expected_version,
        changes={name: values[name] for name in PLAN_FIELDS if name in values},
        case_uuid=_case_of(plan_version).uuid,
        summary=f"{plan_version} changed",
    )


@transaction.atomic
def plan_new_draft(*, actor: User, plan_version: PlanVersion) -> PlanVersion:
    """Start the next version from an agreed or tested one, copying everything in it.

    The version it starts from stays in force until the new draft is agreed.
    """
    source = lock_for_edit(plan_version, expected_version=None)
    if source.status not in IN_FORCE:
        raise ValidationError("Only an agreed plan, or one being tested, can be changed.")
    if source.plan.versions.filter(status=PlanStatus.DRAFT).exists():
        raise ValidationError("This plan already has a draft of its next version.")
    number = (source.plan.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    draft = audited_create(
        actor=actor,
        model=PlanVersion,
        case_uuid=_case_of(source).uuid,
        summary=f"{source.plan.title}: version {number} drafted from version {source.number}",
        fields={
            "plan": source.plan,
            "number": number,
            "based_on": source,
            "created_by": actor,
            **{name: getattr(source, name) for name in PLAN_FIELDS},
        },
    )
    for kind in LINE_KINDS.values():
        for line in _live_lines(source, kind):
            _copy_line(line, kind, draft)
    return draft


def lines_of(kind: LineKind) -> Any:
    """The manager of a kind of line (each concrete kind has its own `plan_version`)."""
    return kind.model._default_manager


def _live_lines(version: PlanVersion, kind: LineKind) -> models.QuerySet[Any]:
    lines: models.QuerySet[Any] = lines_of(kind).filter(
        plan_version=version, removed_at__isnull=True
    )
    return lines.order_by("position", "id")


def _copy_line(line: PlanLine, kind: LineKind, draft: PlanVersion) -> None:
    values = {name: getattr(line, name) for name in kind.fields}
    extra = {"lineage": line.lineage} if isinstance(line, PlanRule) else {}
    copy = lines_of(kind).create(plan_version=draft, position=line.position, **values, **extra)
    for name in kind.people:
        getattr(copy, name).set(getattr(line, name).all())


# --- Rules, warning signs and people to call ------------------------------------------------


def _line_values(line: PlanLine, kind: LineKind) -> dict[str, Any]:
    values = field_values(line, kind.fields)
    for name in kind.people:
        values[name] = sorted(str(person.uuid) for person in getattr(line, name).all())
    return values


def _check_line_values(version: PlanVersion, kind: LineKind, values: dict[str, Any]) -> None:
    case = _case_of(version)
    statement = values.get("danger_statement")
    if statement is not None and (statement.case_id != case.pk or statement.is_removed):
        raise ValidationError("Choose a danger statement from this child's map.")
    entry = values.get("safety_house_entry")
    if entry is not None and (entry.session.case_id != case.pk or entry.house != House.RULES):
        raise ValidationError("Choose a rule from this child's Safety House.")
    for member in values.get("responsible_members", ()):
        if member.case_id != case.pk:
            raise ValidationError("Choose people who are on this child's case.")
    missing = [
        name
        for name in kind.fields
        if name in values and name not in kind.optional and values[name] in ("", None)
    ]
    if missing:
        raise ValidationError(f"Fill in every part of the {kind.name}.")


def _set_people(line: PlanLine, kind: LineKind, values: dict[str, Any]) -> None:
    for name in kind.people:
        if name in values:
            getattr(line, name).set(values[name])


@transaction.atomic
def plan_line_add(
    *, actor: User, plan_version: PlanVersion, kind: str, values: dict[str, Any]
) -> PlanLine:
    line_kind = LINE_KINDS[kind]
    version = lock_for_edit(plan_version, expected_version=None)
    _require_draft(version)
    _check_line_values(version, line_kind, values)
    last = _live_lines(version, line_kind).aggregate(last=Max("position"))["last"]
    line: PlanLine = lines_of(line_kind).create(
        plan_version=version,
        position=0 if last is None else last + 1,
        **{name: values[name] for name in line_kind.fields if name in values},
    )
    _set_people(line, line_kind, values)
    audit_record(
        actor=actor,
        action="create",
        target=line,
        changes={
            name: {"old": None, "new": value}
            for name, value in _line_values(line, line_kind).items()
        },
        case_uuid=_case_of(version).uuid,
        summary=f"{line_kind.name.capitalize()} added to {version}",
    )
    return line


@transaction.atomic
def plan_line_update(
    *, actor: User, line: PlanLine, expected_version: int | None, values: dict[str, Any]
) -> PlanLine:
    line_kind = line_kind_of(line)
    fresh = lock_for_edit(line, expected_version=expected_version)
    version: PlanVersion = fresh.plan_version  # type: ignore[attr-defined]
    _require_draft(version)
    _check_line_values(version, line_kind, values)
    before = _line_values(fresh, line_kind)
    for name in line_kind.fields:
        if name in values:
            setattr(fresh, name, values[name])
    _set_people(fresh, line_kind, values)
    diff = changed_fields(before, _line_values(fresh, line_kind))
    if diff:
        save_new_version(fresh)
        audit_record(
            actor=actor,
            action="update",
            target=fresh,
            changes=diff,
            case_uuid=_case_of(version).uuid,
            summary=f"{line_kind.name.capitalize()} changed in {version}",
        )
    return fresh


@transaction.atomic
def plan_line_remove(*, actor: User, line: PlanLine, expected_version: int | None) -> None:
    version: PlanVersion = line.plan_version  # type: ignore[attr-defined]
    _require_draft(version)
    audited_remove(
        actor=actor,
        instance=line,
        expected_version=expected_version,
        case_uuid=_case_of(version).uuid,
        summary=f"{line_kind_of(line).name.capitalize()} removed from {version}",
    )


@transaction.atomic
def plan_line_move(*, actor: User, line: PlanLine, up: bool) -> None:
    """Swap a line with the one before (or after) it; at either end nothing changes."""
    version: PlanVersion = lock_for_edit(
        line.plan_version,  # type: ignore[attr-defined]
        expected_version=None,
    )
    _require_draft(version)
    line_kind = line_kind_of(line)
    lines = list(_live_lines(version, line_kind))
    index = next(i for i, row in enumerate(lines) if row.pk == line.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(lines):
        return
    lines[index], lines[other] = lines[other], lines[index]
    for position, row in enumerate(lines):
        if row.position != position:
            audited_update(
                actor=actor,
                instance=row,
                expected_version=None,
                changes={"position": position},
                case_uuid=_case_of(version).uuid,
                summary=f"{line_kind.name.capitalize()} moved in {version}",
            )


# --- Agreement, testing, completion -------------------------------------------------------


@dataclass(frozen=True)
class Agreer:
    """Someone who agreed the plan: a person on the case or a member of staff."""

    member: CaseMember | None = None
    staff: User | None = None


def _already_agreed(version: PlanVersion) -> set[tuple[int | None, int | None]]:
    return set(version.agreements.values_list("member_id", "staff_id"))


@transaction.atomic
def plan_agree(
    *,
    actor: User,
    plan_version: PlanVersion,
    expected_version: int | None,
    agreers: Iterable[Agreer],
    agreed_on: datetime.date,
) -> PlanVersion:
    """Record who agreed the plan. Agreeing a draft puts it in force and replaces the
    version it came from; on a plan already in force it adds to who has agreed."""
    version = lock_for_edit(plan_version, expected_version=expected_version)
    case = _case_of(version)
    if version.status not in (PlanStatus.DRAFT, *IN_FORCE):
        raise ValidationError("Only a draft, or a plan in force, can be agreed.")
    agreers = list(agreers)
    if not agreers:
        raise ValidationError("Select who agreed the plan.")
    if version.is_draft and not _live_lines(version, LINE_KINDS["rules"]).exists():
        raise ValidationError("Add at least one rule before the plan is agreed.")
    if any(a.member is not None and a.member.case_id != case.pk for a in agreers):
        raise ValidationError("Choose people who are on this child's case.")
    known = _already_agreed(version)
    for agreer in agreers:
        key = (
            agreer.member.pk if agreer.member else None,
            agreer.staff.pk if agreer.staff else None,
        )
        if key in known:
            continue
        known.add(key)
        audited_create(
            actor=actor,
            model=PlanAgreement,
            case_uuid=case.uuid,
            summary=f"Agreement to {version} recorded",
            fields={
                "plan_version": version,
                "member": agreer.member,
                "staff": agreer.staff,
                "agreed_on": agreed_on,
                "recorded_by": actor,
            },
        )
    if not version.is_draft:
        return version
    for older in version.plan.versions.filter(status__in=IN_FORCE).exclude(pk=version.pk):
        _set_status(actor, older, PlanStatus.REPLACED, replaced_on=agreed_on)
    return _set_status(
        actor, version, PlanStatus.AGREED, agreed_on=agreed_on, expected_version=version.version
    )


def _set_status(
    actor: User,
    version: PlanVersion,
    status: str,
    *,
    expected_version: int | None = None,
    **dates: datetime.date | None,
) -> PlanVersion:
    return audited_update(
        actor=actor,
        instance=version,
        expected_version=expected_version,
        changes={"status": status, **dates},
        case_uuid=_case_of(version).uuid,
        summary=f"{version}: {PlanStatus(status).label.lower()}",
    )


@transaction.atomic
def plan_start_testing(
    *,
    actor: User,
    plan_version: PlanVersion,
    expected_version: int | None,
    started_on: datetime.date,
    testing_until: datetime.date | None,
) -> PlanVersion:
    version = lock_for_edit(plan_version, expected_version=expected_version)
    if version.status != PlanStatus.AGREED:
        raise ValidationError("Only an agreed plan can start being tested.")
    if testing_until is not None and testing_until < started_on:
        raise ValidationError("The end of the testing period must be after it starts.")
    return _set_status(
        actor,
        version,
        PlanStatus.TESTING,
        expected_version=version.version,
        testing_started_on=started_on,
        testing_until=testing_until or version.testing_until,
    )


@transaction.atomic
def plan_complete(
    *,
    actor: User,
    plan_version: PlanVersion,
    expected_version: int | None,
    completed_on: datetime.date,
) -> PlanVersion:
    version = lock_for_edit(plan_version, expected_version=expected_version)
    if version.status not in IN_FORCE:
        raise ValidationError("Only an agreed plan, or one being tested, can be completed.")
    return _set_status(
        actor,
        version,
        PlanStatus.COMPLETED,
        expected_version=version.version,
        completed_on=completed_on,
    )


# --- Monitoring checks -------------------------------------------------------------------


@transaction.atomic
def monitoring_check_record(
    *,
    actor: User,
    rule: PlanRule,
    checked_by: Agreer,
    checked_on: datetime.date,
    outcome: str,
    notes: str = "",
) -> MonitoringCheck:
    """Record one check of one rule, and whether the rule now needs a network meeting."""
    fresh = lock_for_edit(rule, expected_version=None)
    version = fresh.plan_version
    case = _case_of(version)
    if version.status != PlanStatus.TESTING:
        raise ValidationError("Checks are recorded while the plan is being tested.")
    if fresh.is_removed:
        raise ValidationError("That rule is no longer in the plan.")
    if outcome not in CheckOutcome.values:
        raise ValidationError("Choose whether the rule was followed.")
    if (checked_by.member is None) == (checked_by.staff is None):
        raise ValidationError("Choose who checked.")
    if checked_by.member is not None and checked_by.member.case_id != case.pk:
        raise ValidationError("Choose someone on this child's case.")
    check = audited_create(
        actor=actor,
        model=MonitoringCheck,
        case_uuid=case.uuid,
        summary=f"Check of a rule in {version} recorded",
        fields={
            "rule": fresh,
            "member": checked_by.member,
            "staff": checked_by.staff,
            "checked_on": checked_on,
            "outcome": outcome,
            "notes": notes,
            "recorded_by": actor,
        },
    )
    _refresh_rule_state(actor, fresh)
    return check


def _refresh_rule_state(actor: User, rule: PlanRule) -> None:
    outcomes = list(rule.checks.values_list("outcome", flat=True))  # newest first
    rule_state = {
        "last_checked_on": rule.checks.aggregate(last=Max("checked_on"))["last"],
        "needs_network_meeting": repeatedly_not_followed(outcomes),
    }
    audited_update(
        actor=actor,
        instance=rule,
        expected_version=None,
        changes=rule_state,
        case_uuid=_case_of(rule.plan_version).uuid,
        summary=(
            "Rule repeatedly not followed: consider calling a network meeting"
            if rule_state["needs_network_meeting"] and not rule.needs_network_meeting
            else "Rule's checks updated"
        ),
    )


# --- The child's version (Words and Pictures) -------------------------------------------------


def _child_story_of(actor: User, plan: SafetyPlan) -> StoryVersion:
    """The story version to fill for a plan version: version 1 of a new safety plan story,
    the story's draft if it has one, or a new version of it."""
    if plan.child_story is None:
        story = story_start(actor=actor, case=plan.case, kind=StoryKind.SAFETY_PLAN)
        plan.child_story = story
        plan.save(update_fields=["child_story", "updated_at"])
        audit_record(
            actor=actor,
            action="update",
            target=plan,
            changes={"child_story": {"old": None, "new": str(story.uuid)}},
            case_uuid=plan.case.uuid,
            summary=f"Child's version of {plan} started as Words and Pictures",
        )
        return story.versions.get()
    last = plan.child_story.versions.order_by("-number").first()
    if last is not None and last.is_draft:
        return last
    return story_version_start(actor=actor, story=plan.child_story)


@transaction.atomic
def plan_child_version_make(*, actor: User, plan_version: PlanVersion) -> StoryVersion:
    """Start (or open, if this plan version already has one) the child's version of the plan:
    a Words and Pictures safety plan story whose panels start with the plan's words."""
    version = lock_for_edit(plan_version, expected_version=None)
    if version.child_story_version is not None:
        return version.child_story_version
    if version.status == PlanStatus.REPLACED:
        raise ValidationError("This version has been replaced. Use the newer version.")
    plan = (
        SafetyPlan.objects.select_for_update().select_related("case__child").get(pk=version.plan_id)
    )
    story_version = _child_story_of(actor, plan)
    story_panels_fill(actor=actor, version=story_version, texts=child_version_texts(version))
    return audited_update(
        actor=actor,
        instance=version,
        expected_version=None,
        changes={"child_story_version": story_version},
        case_uuid=plan.case.uuid,
        summary=f"Child's version of {version}: Words and Pictures version {story_version.number}",
    ).child_story_version  # type: ignore[return-value]
