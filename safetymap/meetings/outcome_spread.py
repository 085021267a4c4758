"""The revealed scales as a dot plot: one 0 to 10 line per role (family, health, police...),
each attendee a marker on it. Roles differ by shape as well as colour, people with the same
number are stacked, and the SVG's title and description say in words what it shows (the
page also has the same numbers as a table).

Uses the map's chart palette and markers, so a scale looks the same wherever it is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from safetymap.mapping.charts import MARKERS, PALETTE, SpreadStrip, XTick, marker_path
from safetymap.meetings.models import RoleGroup
from safetymap.meetings.outcomes import SpreadLine

WIDTH = 720
LEFT = 190  # room for the role names
RIGHT = 700
TOP = 10
STEP = 20  # between people with the same number in one role
ROW_GAP = 14
MARKER = 6.0
AXIS_SPACE = 30


@dataclass(frozen=True)
class Dot:
    marker: str
    colour: str
    tooltip: str


@dataclass(frozen=True)
class RoleRow:
    label: str
    line_y: float
    label_y: float
    marker: str  # the role's marker, for the key beside its name
    colour: str
    dots: list[Dot]


@dataclass
class SpreadPlot(SpreadStrip):
    """The map's spread strip (same axis and ticks), with a line per role instead of one."""

    rows: list[RoleRow] = field(default_factory=list)


def _x(score: int) -> float:
    return round(LEFT + score / 10 * (RIGHT - LEFT), 1)


def _look(group: str) -> tuple[str, str]:
    index = list(RoleGroup.values).index(group)
    return MARKERS[index % len(MARKERS)], PALETTE[index % len(PALETTE)]


def describe(line: SpreadLine) -> str:
    """The plot in words: lowest and highest with who gave them, and each role's numbers."""
    if not line.dots:
        return f"{line.title}: nobody gave a scale."
    lowest, highest = line.lowest, line.highest
    names = {
        score: ", ".join(d.attendee.name for d in line.dots if d.scale.score == score)
        for score in (lowest, highest)
    }
    if lowest == highest:
        where = f"everyone gave {lowest} ({names[lowest]})"
    else:
        where = (
            f"lowest {lowest} ({names[lowest]}), highest {highest} ({names[highest]}), "
            f"{highest - lowest} points apart"  # type: ignore[operator]
        )
    roles = "; ".join(
        f"{role}: {', '.join(str(d.scale.score) for d in dots)}" for role, dots in line.by_role
    )
    count = len(line.dots)
    return (
        f"{line.title}: {count} {'scale' if count == 1 else 'scales'}, {where}. By role: {roles}."
    )


def build_plot(line: SpreadLine) -> SpreadPlot | None:
    """The dot plot for one line of the spread, or None when nobody scaled it."""
    if not line.dots:
        return None
    rows: list[RoleRow] = []
    y = float(TOP)
    groups = {d.attendee.role_group for d in line.dots}
    for group in (g for g in RoleGroup.values if g in groups):
        dots = sorted(
            (d for d in line.dots if d.attendee.role_group == group),
            key=lambda d: (d.scale.score, d.attendee.name),
        )
        stacks: dict[int, int] = {}
        for dot in dots:
            stacks[dot.scale.score] = stacks.get(dot.scale.score, 0) + 1
        line_y = y + max(stacks.values()) * STEP
        shape, colour = _look(group)
        placed: dict[int, int] = {}
        drawn = []
        for dot in dots:
            level = placed.get(dot.scale.score, 0)
            placed[dot.scale.score] = level + 1
            cy = line_y - STEP / 2 - level * STEP
            drawn.append(
                Dot(
                    marker_path(shape, _x(dot.scale.score), cy, MARKER),
                    colour,
                    f"{dot.attendee.name} ({dot.attendee.role}): {dot.scale.score}",
                )
            )
        label_y = line_y - STEP / 2 + 5
        rows.append(
            RoleRow(
                RoleGroup(group).label,
                line_y,
                label_y,
                marker_path(shape, LEFT - 14, line_y - STEP / 2, MARKER - 1),
                colour,
                drawn,
            )
        )
        y = line_y + ROW_GAP
    axis_y = y
    return SpreadPlot(
        key=line.key,
        title=f"{line.title}: everyone's scale by role, on a line from 0 to 10",
        desc=describe(line),
        dots=[],
        ticks=[XTick(_x(score), str(score)) for score in range(11)],
        axis_y=axis_y,
        height=axis_y + AXIS_SPACE,
        width=WIDTH,
        left=LEFT,
        right=RIGHT,
        rows=rows,
    )
