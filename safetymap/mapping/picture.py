"""Turn a map snapshot (live or saved) into what the pages show: columns, statements with
their goals, next steps with overdue flags, the spread of scales, and the changes
between two versions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from safetymap.mapping.models import FamilyView, GoalKind, GoalStatus, HowWeKnow, Part, RaterRole
from safetymap.mapping.snapshot import COLLECTIONS, LATER_FIELD_DEFAULTS

DATE_KEYS = ("due_on", "done_on", "rated_on")
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "family_view": dict(FamilyView.choices),
    "how_we_know": dict(HowWeKnow.choices),
    "kind": dict(GoalKind.choices),
    "status": dict(GoalStatus.choices),
    "rater_role": dict(RaterRole.choices),
    "part": dict(Part.choices),
}


def _parse(row: dict[str, Any]) -> dict[str, Any]:
    """A snapshot row with dates as dates and scores as numbers, for templates."""
    shown = {**LATER_FIELD_DEFAULTS, **row}
    for key in DATE_KEYS:
        if shown.get(key):
            shown[key] = datetime.date.fromisoformat(str(shown[key]))
    if shown.get("score") is not None:
        shown["score"] = Decimal(str(shown["score"]))
    for key, labels in CHOICE_LABELS.items():
        if key in shown:
            shown[f"{key}_label"] = labels.get(shown[key], "")
    return shown


@dataclass
class Spread:
    """Where everyone's latest number stands on one scale: lowest, highest and by role."""

    latest: list[dict[str, Any]]

    @property
    def lowest(self) -> Decimal | None:
        return min((r["score"] for r in self.latest), default=None)

    @property
    def highest(self) -> Decimal | None:
        return max((r["score"] for r in self.latest), default=None)

    @property
    def by_role(self) -> list[tuple[str, list[dict[str, Any]]]]:
        roles = [role for role, _ in RaterRole.choices]
        grouped = {role: [r for r in self.latest if r["rater_role"] == role] for role in roles}
        return [(dict(RaterRole.choices)[role], rows) for role, rows in grouped.items() if rows]


def latest_per_rater(ratings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for rating in ratings:  # already in date order, so later ratings win
        latest[(rating["rater_name"], rating["rater_role"])] = rating
    return sorted(latest.values(), key=lambda r: (r["score"], r["rater_name"]))


@dataclass
class Picture:
    service_level: str
    labels: dict[str, str]
    parts: dict[str, list[dict[str, Any]]]
    statements: list[dict[str, Any]]
    next_steps: list[dict[str, Any]]
    overall_ratings: list[dict[str, Any]]
    ratings: list[dict[str, Any]] = field(default_factory=list)
    # Goals whose statement is not in the picture (shared with a partner without it).
    unpaired_goals: list[dict[str, Any]] = field(default_factory=list)

    @property
    def harm(self) -> list[dict[str, Any]]:
        return self.parts[Part.HARM]

    @property
    def complicating(self) -> list[dict[str, Any]]:
        return self.parts[Part.COMPLICATING]

    @property
    def strengths(self) -> list[dict[str, Any]]:
        return self.parts[Part.STRENGTH]

    @property
    def safety(self) -> list[dict[str, Any]]:
        return self.parts[Part.SAFETY]

    @property
    def unsure(self) -> list[dict[str, Any]]:
        return self.parts[Part.UNSURE]

    @property
    def bottom_lines(self) -> list[dict[str, Any]]:
        return self.parts[Part.BOTTOM_LINE]

    @property
    def goals(self) -> list[dict[str, Any]]:
        paired = [goal for statement in self.statements for goal in statement["goals"]]
        return paired + self.unpaired_goals

    @property
    def records(self) -> list[dict[str, Any]]:
        """The items, statements and goals: the records another app may have made."""
        return [row for rows in self.parts.values() for row in rows] + self.statements + self.goals

    @property
    def overall_spread(self) -> Spread:
        return Spread(latest_per_rater(self.overall_ratings))

    @property
    def overdue_steps(self) -> list[dict[str, Any]]:
        return [step for step in self.next_steps if step["is_overdue"]]

    @property
    def is_empty(self) -> bool:
        return not (
            any(self.parts.values())
            or self.statements
            or self.unpaired_goals
            or self.next_steps
            or self.ratings
        )


def build_picture(
    snapshot: dict[str, Any], labels: dict[str, str], today: datetime.date | None = None
) -> Picture:
    today = today or timezone.localdate()
    parts: dict[str, list[dict[str, Any]]] = {part: [] for part, _ in Part.choices}
    for item in snapshot["items"]:
        parts.setdefault(item["part"], []).append(_parse(item))

    ratings = [_parse(rating) for rating in snapshot["ratings"]]
    goals = [_parse(goal) for goal in snapshot["goals"]]
    goal_text = {goal["uuid"]: goal["statement"] for goal in goals}
    statements = []
    for number, statement in enumerate(snapshot["danger_statements"], start=1):
        shown = _parse(statement)
        own_ratings = [r for r in ratings if r["danger_statement"] == statement["uuid"]]
        shown.update(
            number=number,
            goals=[goal for goal in goals if goal["danger_statement"] == statement["uuid"]],
            ratings=own_ratings,
            spread=Spread(latest_per_rater(own_ratings)),
        )
        statements.append(shown)

    shown_statements = {statement["uuid"] for statement in statements}
    next_steps = []
    for step in snapshot["next_steps"]:
        shown = _parse(step)
        shown["goal_statement"] = goal_text.get(step["goal"] or "", "")
        shown["is_overdue"] = not shown.get("done_on") and shown["due_on"] < today
        next_steps.append(shown)

    return Picture(
        service_level=snapshot["service_level"],
        labels=labels,
        parts=parts,
        statements=statements,
        next_steps=next_steps,
        overall_ratings=[r for r in ratings if not r["danger_statement"]],
        ratings=ratings,
        unpaired_goals=[g for g in goals if g["danger_statement"] not in shown_statements],
    )


# --- Comparing two versions -----------------------------------------------------------------

FIELD_NAMES = {
    "part": "Part of the map",
    "text": "Text",
    "said_by": "Who said it",
    "family_view": "Family's view",
    "family_words": "Family's words",
    "when_happened": "When",
    "how_often": "How often",
    "effect_on_child": "Effect on the child",
    "how_we_know": "How we know",
    "danger_present": "Was the danger there at the time",
    "reason": "Reason",
    "statement": "Statement",
    "who_is_worried": "Who is worried",
    "adult_behaviour": "What the adult does",
    "feared_for_child": "What they fear for the child",
    "dispute": "What the family dispute",
    "danger_statement": "Paired statement",
    "adults_will": "What the adults will do",
    "child_will_experience": "What the child will experience",
    "who_will_see": "Who will see it",
    "how_long": "For how long",
    "kind": "Kind of goal",
    "status": "Status",
    "action": "What",
    "owner": "Who",
    "due_on": "By when",
    "goal": "Goal",
    "done_on": "Done on",
    "rated_on": "Date",
    "rater_name": "Name",
    "rater_role": "Role",
    "score": "Score",
    "one_point_higher": "One point higher would look like",
    "shared_with_family": "Shared with the family",
}

COLLECTION_NAMES = {
    "items": "Map items",
    "danger_statements": "Statements",
    "goals": "Goals",
    "next_steps": "Next steps",
    "ratings": "Scales",
}


def describe(collection: str, row: dict[str, Any]) -> str:
    """One line that identifies a row to a reader."""
    if collection == "items":
        return f"{CHOICE_LABELS['part'].get(row['part'], row['part'])}: {row['text']}"
    if collection == "ratings":
        about = "overall" if not row.get("danger_statement") else "a statement"
        return f"{row['rater_name']} scaled {about} at {row['score']} on {row['rated_on']}"
    if collection == "next_steps":
        return f"{row['action']} ({row['owner']}, by {row['due_on']})"
    return str(row.get("statement", ""))


def _shown_value(key: str, value: Any, names: dict[str, str]) -> str:
    if value in (None, ""):
        return "(blank)"
    if key in ("danger_statement", "goal"):
        return names.get(str(value), "(removed)")
    if key in CHOICE_LABELS:
        return CHOICE_LABELS[key].get(value, str(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


@dataclass
class RowChange:
    description: str
    fields: list[tuple[str, str, str]]  # (field name, old, new)


@dataclass
class CollectionChanges:
    name: str
    added: list[str]
    removed: list[str]
    changed: list[RowChange]

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def compare_snapshots(old: dict[str, Any], new: dict[str, Any]) -> list[CollectionChanges]:
    """What was added, removed and changed between two pictures of the map."""
    names = {
        row["uuid"]: row["statement"]
        for snap in (old, new)
        for key in ("danger_statements", "goals")
        for row in snap[key]
    }
    result = []
    for collection in COLLECTIONS:
        before = {row["uuid"]: row for row in old[collection]}
        after = {row["uuid"]: row for row in new[collection]}
        changed = []
        for key in after.keys() & before.keys():
            fields = [
                (FIELD_NAMES.get(name, name), _shown_value(name, was, names),
                 _shown_value(name, value, names))
                for name, value in after[key].items()
                if name not in ("uuid", "version")
                and (was := before[key].get(name, LATER_FIELD_DEFAULTS.get(name))) != value
            ]  # fmt: skip
            if fields:
                changed.append(RowChange(describe(collection, after[key]), fields))
        result.append(
            CollectionChanges(
                name=COLLECTION_NAMES[collection],
                added=[
                    describe(collection, row) for key, row in after.items() if key not in before
                ],
                removed=[
                    describe(collection, row) for key, row in before.items() if key not in after
                ],
                changed=changed,
            )
        )
    return result
