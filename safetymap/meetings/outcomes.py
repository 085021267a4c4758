"""What a meeting concludes: each attendee's independent scale, and the decisions.

Independent scaling: every attendee's scale (overall and per danger statement) is entered
separately and stays hidden, from the chair too, until the chair reveals them all; until
then every page says only how many are in and whose. A scale changed after the reveal is
kept as a change next to it.

Decisions are recorded once per meeting; a correction is a new decision naming the one it
replaces. A decision that moves the case to another service level does it through the
cases service that records every step up and down, in the same transaction.

Services (writes, each audited) and selectors (reads) for both live here.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.audit.services import audit_record, audited_create, audited_update
from safetymap.cases.models import Case, ServiceLevel
from safetymap.cases.registry import ChronologyEvent, ChronologySource
from safetymap.cases.services import case_change_service_level
from safetymap.govuk.formatting import govuk_date
from safetymap.mapping.models import DangerStatement
from safetymap.meetings.models import (
    Attendance,
    AttendeeScale,
    Decision,
    DecisionKind,
    DecisionOutcome,
    DecisionView,
    Meeting,
    MeetingAttendee,
    MeetingStatus,
    MeetingType,
    PlanCategory,
    RoleGroup,
    ScaleChange,
    ScalesReveal,
    StrategyOutcome,
)

SCALE_MIN, SCALE_MAX = 0, 10

DECISION_KIND_FOR = {
    MeetingType.STRATEGY_DISCUSSION: DecisionKind.STRATEGY,
    MeetingType.INITIAL_CONFERENCE: DecisionKind.CONFERENCE,
    MeetingType.REVIEW_CONFERENCE: DecisionKind.REVIEW,
}


def decision_kind_for(meeting: Meeting) -> str:
    return DECISION_KIND_FOR.get(MeetingType(meeting.kind), DecisionKind.SERVICE_LEVEL)


# --- Who may do what (to be folded into the meeting policies) --------------------------------


def may_run_meeting(user: User, meeting: Meeting, *, can_edit: bool) -> bool:
    """People who may edit the case, and the meeting's chair and minute taker, enter scales
    for attendees and record decisions. `can_edit` is the page's answer for the case."""
    return can_edit or user.pk in (meeting.chair_id, meeting.minute_taker_id)


def may_reveal_scales(user: User, meeting: Meeting, *, can_edit: bool) -> bool:
    """The chair reveals; a meeting with no chair recorded is run by whoever may run it."""
    if meeting.chair_id is not None:
        return bool(user.pk == meeting.chair_id)
    return may_run_meeting(user, meeting, can_edit=can_edit)


def may_enter_scale(user: User, attendee: MeetingAttendee, *, can_edit: bool) -> bool:
    return attendee.user_id == user.pk or may_run_meeting(user, attendee.meeting, can_edit=can_edit)


# --- Reads -----------------------------------------------------------------------------------


def get_meeting(case: Case, meeting_uuid: uuid.UUID) -> Meeting:
    meeting = (
        Meeting.objects.select_related("case", "chair", "minute_taker", "opened_map_version")
        .filter(case=case, uuid=meeting_uuid)
        .first()
    )
    if meeting is None:
        raise Http404("No meeting found")
    return meeting


def expected_attendees(meeting: Meeting) -> list[MeetingAttendee]:
    """Everyone who may give a scale: the attendees who did not send apologies."""
    return list(
        meeting.attendees.filter(removed_at__isnull=True)
        .exclude(attendance=Attendance.APOLOGIES)
        .select_related("user")
        .order_by("created_at", "id")
    )


def get_attendee(meeting: Meeting, attendee_uuid: uuid.UUID) -> MeetingAttendee:
    for attendee in expected_attendees(meeting):
        if attendee.uuid == attendee_uuid:
            attendee.meeting = meeting
            return attendee
    raise Http404("No attendee found")


def meeting_statements(meeting: Meeting) -> list[DangerStatement]:
    """The danger statements of the map the meeting opened (the case's current ones when it
    opened none)."""
    if meeting.opened_map_version is not None:
        uuids = [row["uuid"] for row in meeting.opened_map_version.snapshot["danger_statements"]]
        found = {s.uuid: s for s in DangerStatement.objects.filter(uuid__in=uuids)}
        return [found[u] for u in map(uuid.UUID, uuids) if u in found]
    return list(
        meeting.case.danger_statements.filter(removed_at__isnull=True).order_by("created_at", "id")
    )


@dataclass
class ScaleDot:
    """One attendee's number on one line of the spread."""

    attendee: MeetingAttendee
    scale: AttendeeScale
    changes: list[ScaleChange]


@dataclass
class SpreadLine:
    """The scales on one question (overall, or one danger statement), shown by role."""

    key: str
    title: str
    statement: DangerStatement | None
    dots: list[ScaleDot] = field(default_factory=list)

    @property
    def lowest(self) -> int | None:
        return min((d.scale.score for d in self.dots), default=None)

    @property
    def highest(self) -> int | None:
        return max((d.scale.score for d in self.dots), default=None)

    @property
    def by_role(self) -> list[tuple[str, list[ScaleDot]]]:
        groups: dict[str, list[ScaleDot]] = {}
        for dot in self.dots:
            groups.setdefault(dot.attendee.role_group, []).append(dot)
        return [
            (RoleGroup(group).label, sorted(dots, key=lambda d: d.scale.score))
            for group, dots in sorted(groups.items(), key=lambda g: RoleGroup.values.index(g[0]))
        ]


@dataclass
class ScalingState:
    """What one person may see of a meeting's scales right now."""

    meeting: Meeting
    attendees: list[MeetingAttendee]
    scaled: set[int]  # attendee ids with an overall scale in
    reveal: ScalesReveal | None
    lines: list[SpreadLine]  # empty until revealed
    own: list[AttendeeScale]  # the viewer's own scales (they may always see those)

    @property
    def revealed(self) -> bool:
        return self.reveal is not None

    @property
    def count_in(self) -> int:
        return len(self.scaled)

    @property
    def count_expected(self) -> int:
        return len(self.attendees)

    @property
    def whose_in(self) -> list[MeetingAttendee]:
        return [a for a in self.attendees if a.pk in self.scaled]

    @property
    def whose_not_in(self) -> list[MeetingAttendee]:
        return [a for a in self.attendees if a.pk not in self.scaled]


def scaling_state(meeting: Meeting, viewer: User) -> ScalingState:
    """The scales as `viewer` may see them, in a fixed number of queries."""
    attendees = expected_attendees(meeting)
    reveal = ScalesReveal.objects.select_related("revealed_by").filter(meeting=meeting).first()
    scales = list(
        AttendeeScale.objects.filter(meeting=meeting, attendee__in=attendees).prefetch_related(
            Prefetch("changes", queryset=ScaleChange.objects.select_related("changed_by"))
        )
    )
    by_id = {a.pk: a for a in attendees}
    scaled = {s.attendee_id for s in scales if s.danger_statement_id is None}
    own = [s for s in scales if by_id[s.attendee_id].user_id == viewer.pk]
    lines: list[SpreadLine] = []
    if reveal is not None:
        lines = _spread(meeting, scales, by_id)
    return ScalingState(meeting, attendees, scaled, reveal, lines, own)


def _spread(
    meeting: Meeting, scales: list[AttendeeScale], attendees: dict[int, MeetingAttendee]
) -> list[SpreadLine]:
    lines = [SpreadLine("overall", "Overall", None)]
    lines += [
        SpreadLine(f"statement-{n}", f"Danger statement {n}", statement)
        for n, statement in enumerate(meeting_statements(meeting), start=1)
    ]
    by_statement = {line.statement.pk if line.statement else None: line for line in lines}
    for scale in scales:
        line = by_statement.get(scale.danger_statement_id)
        if line is not None:
            line.dots.append(
                ScaleDot(attendees[scale.attendee_id], scale, list(scale.changes.all()))
            )
    for line in lines:
        line.dots.sort(key=lambda d: (d.scale.score, d.attendee.name))
    return lines


def current_decision(meeting: Meeting) -> Decision | None:
    """The decision that stands: the latest correction, or the first one recorded."""
    return (
        Decision.objects.filter(meeting=meeting, replaced_by__isnull=True)
        .select_related("recorded_by", "replaces", "level_change")
        .prefetch_related(
            "outcomes", Prefetch("views", DecisionView.objects.select_related("attendee"))
        )
        .first()
    )


def replaced_decisions(meeting: Meeting) -> list[Decision]:
    """Earlier decisions a correction replaced, newest first, as they were recorded."""
    return list(
        Decision.objects.filter(meeting=meeting, replaced_by__isnull=False)
        .select_related("recorded_by")
        .prefetch_related("outcomes")
        .order_by("-created_at", "-id")
    )


# --- Independent scales ----------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleEntry:
    """One number and its reason; `statement` None for the overall scale."""

    statement: DangerStatement | None
    score: int
    reason: str


def _check_entries(meeting: Meeting, entries: Sequence[ScaleEntry]) -> None:
    allowed = {s.pk for s in meeting_statements(meeting)}
    if not any(e.statement is None for e in entries):
        raise ValidationError("Enter the overall scale and the reason for it.")
    for entry in entries:
        if not SCALE_MIN <= entry.score <= SCALE_MAX:
            raise ValidationError("A scale must be a whole number from 0 to 10.")
        if not entry.reason.strip():
            raise ValidationError("Give the reason for each number.")
        if entry.statement is not None and entry.statement.pk not in allowed:
            raise ValidationError("That danger statement is not on this meeting's map.")


@transaction.atomic
def scales_enter(
    *, actor: User, attendee: MeetingAttendee, entries: Sequence[ScaleEntry]
) -> list[AttendeeScale]:
    """Save an attendee's scales. Before the reveal a new number quietly replaces the old
    one (nobody has seen it); after the reveal each change is kept as a ScaleChange."""
    meeting = Meeting.objects.select_for_update().get(pk=attendee.meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled, so no scales can be entered.")
    _check_entries(meeting, entries)
    revealed = ScalesReveal.objects.filter(meeting=meeting).exists()
    existing = {s.danger_statement_id: s for s in AttendeeScale.objects.filter(attendee=attendee)}
    saved = []
    for entry in entries:
        statement_id = entry.statement.pk if entry.statement else None
        scale = existing.get(statement_id)
        if scale is None:
            saved.append(_scale_create(actor, meeting, attendee, entry))
        else:
            saved.append(_scale_change(actor, meeting, scale, entry, revealed=revealed))
    return saved


def _scale_summary(meeting: Meeting, attendee: MeetingAttendee, verb: str) -> str:
    return f"{verb} scale of {attendee.name} at the {meeting}"


def _scale_create(
    actor: User, meeting: Meeting, attendee: MeetingAttendee, entry: ScaleEntry
) -> AttendeeScale:
    return audited_create(
        actor=actor,
        model=AttendeeScale,
        case_uuid=meeting.case.uuid,
        summary=_scale_summary(meeting, attendee, "Entered the"),
        fields={
            "meeting": meeting,
            "attendee": attendee,
            "danger_statement": entry.statement,
            "score": entry.score,
            "reason": entry.reason.strip(),
            "entered_by": actor,
        },
    )


def _scale_change(
    actor: User, meeting: Meeting, scale: AttendeeScale, entry: ScaleEntry, *, revealed: bool
) -> AttendeeScale:
    reason = entry.reason.strip()
    if scale.score == entry.score and scale.reason == reason:
        return scale
    if revealed:
        audited_create(
            actor=actor,
            model=ScaleChange,
            case_uuid=meeting.case.uuid,
            summary=_scale_summary(meeting, scale.attendee, "Changed the shown"),
            fields={
                "scale": scale,
                "old_score": scale.score,
                "new_score": entry.score,
                "old_reason": scale.reason,
                "new_reason": reason,
                "changed_by": actor,
            },
        )
    return audited_update(
        actor=actor,
        instance=scale,
        expected_version=None,
        changes={"score": entry.score, "reason": reason, "entered_by": actor},
        case_uuid=meeting.case.uuid,
        summary=_scale_summary(meeting, scale.attendee, "Changed the"),
    )


@transaction.atomic
def scales_reveal(*, actor: User, meeting: Meeting) -> ScalesReveal:
    """Show everyone's scales. Once shown they stay shown."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if ScalesReveal.objects.filter(meeting=locked).exists():
        raise ValidationError("The scales have already been shown.")
    if not AttendeeScale.objects.filter(meeting=locked, danger_statement__isnull=True).exists():
        raise ValidationError("No scales are in yet, so there is nothing to show.")
    return audited_create(
        actor=actor,
        model=ScalesReveal,
        case_uuid=meeting.case.uuid,
        summary=f"Showed everyone's scales at the {meeting}",
        fields={"meeting": locked, "revealed_by": actor},
    )


# --- Decisions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ViewEntry:
    attendee: MeetingAttendee
    agrees: bool
    words: str


@dataclass(frozen=True)
class DecisionInput:
    """What the form says was decided. Only the parts for the meeting's kind are used."""

    rationale: str
    decided_on: datetime.date
    outcomes: Sequence[str] = ()
    plan_needed: bool | None = None
    category: str = ""
    plan_continues: bool | None = None
    step_to: str = ""
    views: Sequence[ViewEntry] = ()


def _decision_errors(kind: str, given: DecisionInput, case: Case) -> dict[str, list[str]]:
    """Every problem with what was given, keyed by form field."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not given.rationale.strip():
        add("rationale", "Enter the reasons for the decision")
    if kind == DecisionKind.STRATEGY:
        codes = set(given.outcomes)
        if not codes:
            add("outcomes", "Select at least one outcome of the strategy discussion")
        elif not codes <= set(StrategyOutcome.values):
            add("outcomes", "Select outcomes from the list")
        elif StrategyOutcome.NO_FURTHER_ACTION in codes and len(codes) > 1:
            add("outcomes", "No further action cannot be chosen with other outcomes")
    if kind == DecisionKind.CONFERENCE:
        if given.plan_needed is None:
            add("plan_needed", "Select whether the child needs a child protection plan")
        elif given.plan_needed and given.category not in PlanCategory.values:
            add("category", "Select the category of the plan")
    if kind == DecisionKind.REVIEW and given.plan_continues is None:
        add("plan_continues", "Select whether the child protection plan continues")
    if given.step_to:
        if given.step_to not in ServiceLevel.values:
            add("step_to", "Select a service level from the list")
        elif given.step_to == case.service_level:
            add("step_to", "The case is already at that level. Choose another or none")
        elif _plan_level(kind, given) is not None and given.step_to != _plan_level(kind, given):
            add("step_to", "A child protection plan means the case is at child protection")
    for view in given.views:
        if not view.agrees and not view.words.strip():
            add(f"words_{view.attendee.uuid}", f"Write why {view.attendee.name} disagrees")
    return errors


def _plan_level(kind: str, given: DecisionInput) -> str | None:
    """The level the plan decision itself sets, if it sets one."""
    if kind == DecisionKind.CONFERENCE and given.plan_needed:
        return ServiceLevel.CHILD_PROTECTION
    if kind == DecisionKind.REVIEW and given.plan_continues:
        return ServiceLevel.CHILD_PROTECTION
    return None


def decision_target_level(kind: str, given: DecisionInput) -> str:
    """The service level the decision puts the case at ("" when it leaves it alone): a plan
    means child protection; a plan ended steps down to child in need unless another step
    was chosen; otherwise the step chosen, if any."""
    if given.step_to:
        return given.step_to
    if kind == DecisionKind.CONFERENCE and given.plan_needed:
        return ServiceLevel.CHILD_PROTECTION
    if kind == DecisionKind.REVIEW and given.plan_continues is False:
        return ServiceLevel.CHILD_IN_NEED
    return ""


def decision_summary(decision: Decision) -> str:
    """The decision in one line, with the statutory labels (for staff, not families)."""
    if decision.kind == DecisionKind.STRATEGY:
        codes = sorted((o.code for o in decision.outcomes.all()), key=StrategyOutcome.values.index)
        labels = [StrategyOutcome(code).label for code in codes]
        return "Outcome: " + ", ".join(labels)
    if decision.kind == DecisionKind.CONFERENCE:
        if decision.plan_needed:
            return f"Child protection plan: yes, under {decision.get_category_display().lower()}"
        return "Child protection plan: no"
    if decision.kind == DecisionKind.REVIEW:
        return (
            "The child protection plan continues"
            if decision.plan_continues
            else "The child protection plan ends"
        )
    if decision.step_to:
        return f"Step to {decision.get_step_to_display().lower()}"
    return "The level of support stays the same"


@transaction.atomic
def decision_record(
    *,
    actor: User,
    meeting: Meeting,
    given: DecisionInput,
    replaces: Decision | None = None,
    correction_reason: str = "",
) -> Decision:
    """Record what the meeting decided, with each attendee's view, and make the step up or
    down it implies. A second decision for a meeting must say which one it corrects."""
    locked = Meeting.objects.select_for_update().select_related("case").get(pk=meeting.pk)
    _check_can_decide(locked, given, replaces, correction_reason)
    kind = decision_kind_for(locked)
    case = Case.objects.get(pk=locked.case_id)
    errors = _decision_errors(kind, given, case)
    if errors:
        raise ValidationError(errors)
    decision = _decision_create(actor, locked, kind, given, replaces, correction_reason)
    _outcomes_add(actor, decision, given.outcomes if kind == DecisionKind.STRATEGY else ())
    for view in given.views:
        _view_add(actor, decision, view)
    case = _apply_level(actor, decision, case, decision_target_level(kind, given))
    from safetymap.meetings.timescales import meeting_reminders_refresh

    meeting_reminders_refresh(actor=actor, case=case)
    return decision


def _check_can_decide(
    meeting: Meeting, given: DecisionInput, replaces: Decision | None, correction_reason: str
) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled, so it made no decision.")
    if given.decided_on > timezone.localdate():
        raise ValidationError(
            {"decided_on": ["The date of the decision must be today or in the past"]}
        )
    standing = Decision.objects.filter(meeting=meeting, replaced_by__isnull=True).first()
    if replaces is None and standing is not None:
        raise ValidationError(
            "A decision is already recorded for this meeting. Correct it instead."
        )
    if replaces is not None:
        if standing is None or replaces.pk != standing.pk:
            raise ValidationError(
                "This decision has already been corrected. Correct the latest one."
            )
        if not correction_reason.strip():
            raise ValidationError(
                {"correction_reason": ["Say what was wrong with the decision recorded before"]}
            )


def _decision_create(
    actor: User,
    meeting: Meeting,
    kind: str,
    given: DecisionInput,
    replaces: Decision | None,
    correction_reason: str,
) -> Decision:
    verb = "Corrected the decision" if replaces else "Recorded the decision"
    return audited_create(
        actor=actor,
        model=Decision,
        case_uuid=meeting.case.uuid,
        summary=f"{verb} of the {meeting}",
        fields={
            "meeting": meeting,
            "kind": kind,
            "plan_needed": given.plan_needed if kind == DecisionKind.CONFERENCE else None,
            "category": given.category
            if kind == DecisionKind.CONFERENCE and given.plan_needed
            else "",
            "plan_continues": given.plan_continues if kind == DecisionKind.REVIEW else None,
            "step_to": given.step_to,
            "rationale": given.rationale.strip(),
            "decided_on": given.decided_on,
            "recorded_by": actor,
            "replaces": replaces,
            "correction_reason": correction_reason.strip(),
        },
    )


def _outcomes_add(actor: User, decision: Decision, codes: Sequence[str]) -> None:
    if not codes:
        return
    ordered = [code for code in StrategyOutcome.values if code in set(codes)]
    DecisionOutcome.objects.bulk_create(
        [DecisionOutcome(decision=decision, code=code) for code in ordered]
    )
    audit_record(
        actor=actor,
        action="update",
        target=decision,
        changes={"outcomes": {"old": None, "new": ordered}},
        case_uuid=decision.meeting.case.uuid,
        summary="Strategy discussion outcomes recorded",
    )


def _view_add(actor: User, decision: Decision, view: ViewEntry) -> None:
    if view.attendee.meeting_id != decision.meeting_id:
        raise ValidationError("That person is not at this meeting.")
    audited_create(
        actor=actor,
        model=DecisionView,
        case_uuid=decision.meeting.case.uuid,
        summary=f"{view.attendee.name} {'agrees' if view.agrees else 'disagrees'}",
        fields={
            "decision": decision,
            "attendee": view.attendee,
            "agrees": view.agrees,
            "words": view.words.strip(),
        },
    )


def _apply_level(actor: User, decision: Decision, case: Case, target: str) -> Case:
    """Step the case to `target` once, through the service every step up and down uses;
    the case as it is now."""
    if not target or target == case.service_level:
        return case
    meeting = decision.meeting
    changed = case_change_service_level(
        actor=actor,
        case=case,
        expected_version=None,
        to_level=target,
        changed_on=max(decision.decided_on, case.opened_on),
        reason=f"Decided at the {meeting.get_kind_display().lower()} on "
        f"{govuk_date(meeting.held_on)}: {decision.rationale}",
    )
    level_change = changed.level_changes.order_by("-created_at", "-id").first()
    decision.level_change = level_change
    decision.save(update_fields=["level_change", "updated_at"])
    audit_record(
        actor=actor,
        action="update",
        target=decision,
        changes={
            "level_change": {"old": None, "new": str(level_change.uuid) if level_change else None}
        },
        case_uuid=case.uuid,
        summary=f"Decision stepped the case to {ServiceLevel(target).label}",
    )
    return changed


# --- The case chronology ---------------------------------------------------------------------


def decision_url(decision: Decision) -> str:
    meeting = decision.meeting
    return reverse(
        "meeting_outcomes:decision",
        kwargs={"case_uuid": meeting.case.uuid, "meeting_uuid": meeting.uuid},
    )


def _decision_events(case: Case) -> list[ChronologyEvent]:
    decisions = (
        Decision.objects.filter(meeting__case=case, replaced_by__isnull=True)
        .select_related("meeting__case", "recorded_by")
        .prefetch_related("outcomes")
    )
    return [
        ChronologyEvent(
            happened_on=d.decided_on,
            kind="meeting_decisions",
            summary=f"{d.meeting.get_kind_display()}: {decision_summary(d)}",
            url=decision_url(d),
            by=d.recorded_by.display_name if d.recorded_by else "",
            detail=d.rationale,
        )
        for d in decisions
    ]


decisions_chronology = ChronologySource(
    key="meeting_decisions", label="Meeting decisions", events=_decision_events, order=45
)
