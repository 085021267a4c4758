"""The shape of a hand-written casework scenario, from which demo families are generated.

A scenario is one family's story told as the map changed over the months: who is in the
family, when the case stepped up or down, and a list of stages. Each stage happens some
weeks after the case opened; at each one the worker changes the map (`ops`), everyone
present gives their scale, and a map version is saved.

Every string is a template filled in per family with `str.format_map`:

- the child: `{child}` (first name), `{child_full}`, `{age}` (years at opening),
  `{age_months}`, pronouns `{he} {him} {his} {himself} {He} {His}`, `{son}` (son or
  daughter), `{boy}` (boy or girl);
- each member by key, e.g. `{mum}` (first name), `{mum_full}`, `{mum_label}` (name with
  how they relate to the child, for "said by"), pronouns `{mum_he} {mum_him} {mum_his}
  {mum_He} {mum_His}`, and `{hv_org}` for a professional's organisation;
- staff: `{worker}` (full name), `{worker_first}`, `{worker_title}` (e.g. "social
  worker"), `{worker_label}`, and the same for `{manager}`;
- dates: `{open_month}` (month the case opened), `{before_month}` (the month before),
  `{m0}`...`{m7}` (the month of each stage), `{year}`;
- places: `{school}`, `{secondary}`, `{nursery}`, `{college}`, `{town}`, `{estate}`;
- anything in the scenario's `picks`, one choice per family (e.g. `{n_visits}`).

Reasons for scores may use `{score}`. Scores are whole numbers 0–10; each family's raters
lean a point up or down from the template so no two families scale identically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from safetymap.mapping.models import GoalKind, GoalStatus

# (score, why this number and not lower, what one point higher would look like)
Score = tuple[int, str, str]


def years(low: int, high: int) -> tuple[int, int]:
    """An age range in months from whole years (inclusive)."""
    return (low * 12, high * 12 + 11)


@dataclass(frozen=True)
class Member:
    """Someone around the child. Professionals have no date of birth."""

    key: str
    relationship: str
    detail: str = ""
    sex: str = "f"  # "f", "m" or "any"
    age_months: tuple[int, int] | None = None
    lives_with_child: bool = False
    parental_responsibility: bool = False
    surname: str = "family"  # "family" shares the child's surname; "own" gets another one
    organisation: str = ""
    notes: str = ""
    generation: str = "parent"  # "child", "parent" or "grandparent": which first names fit


@dataclass(frozen=True)
class Item:
    """Harm, a complicating factor, a strength, safety, "not sure yet" or a bottom line."""

    key: str
    part: str
    text: str
    said_by: str = ""
    when: str = ""
    how_often: str = ""
    effect: str = ""
    how: str = ""
    danger_present: bool | None = None
    reason: str = ""
    view: str = ""
    words: str = ""
    chance: float = 1.0  # below 1, only some families have it


@dataclass(frozen=True)
class Danger:
    key: str
    who: str
    behaviour: str
    fear: str
    statement: str = ""  # blank: composed from the three parts by the service
    view: str = ""
    words: str = ""
    dispute: str = ""


@dataclass(frozen=True)
class Goal:
    key: str
    danger: str
    adults: str
    child: str
    who: str
    how_long: str
    kind: str = GoalKind.FAMILY
    status: str = GoalStatus.DRAFT


@dataclass(frozen=True)
class Step:
    """A next step; `due` and `done` are days after the stage.

    With done=None the step slips: most families catch up on it, late, by the next stage;
    the rest leave it overdue. `stays_open` keeps it open whatever happens (the story
    depends on it).
    """

    key: str
    action: str
    owner: str
    due: int
    goal: str = ""
    done: int | None = None
    stays_open: bool = False


@dataclass(frozen=True)
class Change:
    """Change fields of an earlier item, danger statement or goal (by key)."""

    key: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Remove:
    key: str


Op = Item | Danger | Goal | Step | Change | Remove


@dataclass(frozen=True)
class Stage:
    week: int
    occasion: str
    note: str
    ops: tuple[Op, ...] = ()
    # rater key ("worker", "manager", "child" or a member key) -> overall score
    scores: dict[str, Score] = field(default_factory=dict)
    # danger statement key -> rater key -> score for that statement
    danger_scores: dict[str, dict[str, Score]] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    key: str
    about: str  # for developers only; never shown
    child_sex: str  # "f", "m" or "any"
    child_age_months: tuple[int, int]
    members: tuple[Member, ...]
    # (week after opening, level, reason); the first is the level the case opened at
    levels: tuple[tuple[int, str, str], ...]
    stages: tuple[Stage, ...]
    picks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Care leavers: the child turns 18 in this week (their date of birth follows from it).
    eighteen_at_week: int | None = None
    # Cases are cut off after a random stage (a younger case); never before this many.
    min_stages: int = 3
