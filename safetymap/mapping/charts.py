"""Pictures of the scales, drawn on the server as accessible SVG.

`build_scale_chart` turns every rating on one scale into the numbers a template needs to
draw a line chart: one line per person, dates along the bottom, 0 to 10 up the side. Each
person gets their own colour *and* their own marker shape and line pattern, so colour is
never the only way to tell two people apart. `scale_sections` gathers, for the overall
scale and each danger statement, what the scales page shows: the question, the spread of
everyone's latest number and the chart.

Nothing here touches the database: it all works from a `Picture` (live or a saved version).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from safetymap.govuk.formatting import govuk_date
from safetymap.mapping.models import RaterRole
from safetymap.mapping.picture import Picture, Spread

# Colour-blind-safe colours (Okabe and Ito, darkened where needed), each at least 3:1
# against white as WCAG 2.2 asks of the parts of a chart people need to see.
PALETTE: tuple[str, ...] = (
    "#0072b2",  # blue
    "#d55e00",  # vermilion
    "#009e73",  # bluish green
    "#cc79a7",  # reddish purple
    "#0b0c0c",  # black
    "#8a5a00",  # brown
    "#4c2c92",  # purple
    "#505a5f",  # dark grey
)
# Shapes and line patterns cycle at different lengths from the colours, so the first
# 7 x 8 = 56 people all look different even without colour.
MARKERS: tuple[str, ...] = (
    "circle",
    "square",
    "triangle",
    "diamond",
    "triangle-down",
    "plus",
    "star",
)
DASHES: tuple[str, ...] = ("", "8 4", "2 4", "10 4 2 4")
DASH_NAMES = {
    "": "solid line",
    "8 4": "dashed line",
    "2 4": "dotted line",
    "10 4 2 4": "dash-dot line",
}

WIDTH = 760
HEIGHT = 400
MARGIN_LEFT = 44
MARGIN_RIGHT = 24
MARGIN_TOP = 36
MARGIN_BOTTOM = 76
# Keep the first and last points clear of the axes.
INSET = 20
MARKER_SIZE = 5.5
MAX_X_TICKS = 6
ANCHOR_CHARS = 100

ROLE_ORDER = {role: index for index, (role, _) in enumerate(RaterRole.choices)}
ROLE_LABELS = dict(RaterRole.choices)


def score_text(score: Decimal | float | int | None) -> str:
    """4 for 4.0, 4.5 for 4.5: how a score is written everywhere."""
    if score is None:
        return ""
    return f"{Decimal(str(score)).normalize():f}"


def _short(text: str, limit: int = ANCHOR_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip(" ,.;:") + "…"


def _num(value: float) -> str:
    """SVG coordinates with at most one decimal place."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# --- Coordinates ---------------------------------------------------------------------------


def scale_y(score: Decimal | float | int, *, top: float, bottom: float) -> float:
    """Where a score sits: 0 on the bottom line, 10 on the top line."""
    fraction = float(score) / 10.0
    return bottom - fraction * (bottom - top)


def scale_x(
    day: datetime.date, *, start: datetime.date, end: datetime.date, left: float, right: float
) -> float:
    """Where a date sits between the first and last date; a single date sits in the middle."""
    span = (end - start).days
    if span <= 0:
        return (left + right) / 2
    return left + (day - start).days / span * (right - left)


def marker_path(shape: str, cx: float, cy: float, size: float = MARKER_SIZE) -> str:
    """An SVG path for one marker centred on (cx, cy)."""
    r = size
    if shape == "square":
        s = r * 0.9
        return f"M{_num(cx - s)} {_num(cy - s)}h{_num(2 * s)}v{_num(2 * s)}h{_num(-2 * s)}Z"
    if shape == "triangle":
        return (
            f"M{_num(cx)} {_num(cy - r * 1.25)}L{_num(cx + r * 1.15)} {_num(cy + r * 0.85)}"
            f"L{_num(cx - r * 1.15)} {_num(cy + r * 0.85)}Z"
        )
    if shape == "triangle-down":
        return (
            f"M{_num(cx)} {_num(cy + r * 1.25)}L{_num(cx + r * 1.15)} {_num(cy - r * 0.85)}"
            f"L{_num(cx - r * 1.15)} {_num(cy - r * 0.85)}Z"
        )
    if shape == "diamond":
        d = r * 1.3
        return (
            f"M{_num(cx)} {_num(cy - d)}L{_num(cx + d)} {_num(cy)}"
            f"L{_num(cx)} {_num(cy + d)}L{_num(cx - d)} {_num(cy)}Z"
        )
    if shape == "plus":
        a, b = r * 0.45, r * 1.2
        points = [
            (-a, -b), (a, -b), (a, -a), (b, -a), (b, a), (a, a),
            (a, b), (-a, b), (-a, a), (-b, a), (-b, -a), (-a, -a),
        ]  # fmt: skip
        return "M" + "L".join(f"{_num(cx + x)} {_num(cy + y)}" for x, y in points) + "Z"
    if shape == "star":
        outer, inner = r * 1.35, r * 0.6
        points = []
        for index in range(10):
            radius = outer if index % 2 == 0 else inner
            angle = math.pi / 5 * index - math.pi / 2
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
        return "M" + "L".join(f"{_num(x)} {_num(y)}" for x, y in points) + "Z"
    # circle
    return (
        f"M{_num(cx - r)} {_num(cy)}a{_num(r)} {_num(r)} 0 1 0 {_num(2 * r)} 0"
        f"a{_num(r)} {_num(r)} 0 1 0 {_num(-2 * r)} 0Z"
    )


# --- The chart -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    marker: str  # SVG path
    tooltip: str
    rating: dict[str, Any]


@dataclass
class ChartSeries:
    name: str
    role: str
    role_label: str
    colour: str
    shape: str
    dash: str
    points: list[ChartPoint] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role_label})"

    @property
    def line(self) -> str:
        """The line through this person's ratings in date order ('' for a single rating)."""
        if len(self.points) < 2:
            return ""
        return "M" + "L".join(f"{_num(p.x)} {_num(p.y)}" for p in self.points)

    @property
    def look(self) -> str:
        """The shape and line pattern in words, for the legend."""
        return f"{self.shape.replace('-', ' ')} markers, {DASH_NAMES[self.dash]}"

    @property
    def swatch_line(self) -> str:
        return "M2 9H38"

    @property
    def swatch_marker(self) -> str:
        return marker_path(self.shape, 20, 9, 4.5)


@dataclass(frozen=True)
class YTick:
    y: float
    score: int
    is_anchor: bool


@dataclass(frozen=True)
class XTick:
    x: float
    label: str


@dataclass
class Chart:
    key: str
    title: str
    desc: str
    series: list[ChartSeries]
    y_ticks: list[YTick]
    x_ticks: list[XTick]
    anchor_0: str
    anchor_10: str
    # Every rating with the line it is drawn on, oldest first: the chart as a table.
    rows: list[tuple[dict[str, Any], ChartSeries]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: float = MARGIN_LEFT
    right: float = WIDTH - MARGIN_RIGHT
    top: float = MARGIN_TOP
    bottom: float = HEIGHT - MARGIN_BOTTOM

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def y_label_x(self) -> float:
        return self.left - 10

    @property
    def x_tick_end(self) -> float:
        return self.bottom + 6

    @property
    def x_label_y(self) -> float:
        return self.bottom + 22

    @property
    def anchor_10_y(self) -> float:
        return self.top - 12

    @property
    def anchor_0_y(self) -> float:
        return self.bottom + 52

    @property
    def point_count(self) -> int:
        return sum(len(s.points) for s in self.series)


def rater_key(rating: dict[str, Any]) -> tuple[str, str]:
    return (rating["rater_name"], rating["rater_role"])


def _role_label(rating: dict[str, Any]) -> str:
    return rating.get("rater_role_label") or ROLE_LABELS.get(
        rating["rater_role"], rating["rater_role"]
    )


def _date_range(first: datetime.date, last: datetime.date) -> str:
    if first == last:
        return f"on {govuk_date(first)}"
    if first.year == last.year:
        return f"between {first.day} {first:%B} and {govuk_date(last)}"
    return f"between {govuk_date(first)} and {govuk_date(last)}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _tick_label(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _x_ticks(start: datetime.date, end: datetime.date, left: float, right: float) -> list[XTick]:
    span = (end - start).days
    if span <= 0:
        return [XTick(round((left + right) / 2, 1), _tick_label(start))]
    count = min(MAX_X_TICKS, span + 1)
    days = sorted({round(span * index / (count - 1)) for index in range(count)})
    ticks = []
    for offset in days:
        day = start + datetime.timedelta(days=offset)
        ticks.append(
            XTick(scale_x(day, start=start, end=end, left=left, right=right), _tick_label(day))
        )
    return ticks


def summarise(subject: str, ratings: Sequence[dict[str, Any]]) -> str:
    """One sentence for the chart's description: how many ratings, from whom, when, and
    where everyone's latest number stands."""
    people = {rater_key(r) for r in ratings}
    dates = [r["rated_on"] for r in ratings]
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for rating in sorted(ratings, key=lambda r: r["rated_on"]):
        latest[rater_key(rating)] = rating
    scores = [r["score"] for r in latest.values()]
    low, high = min(scores), max(scores)
    if low == high:
        where = (
            f"latest {score_text(low)}"
            if len(people) == 1
            else f"everyone's latest is {score_text(low)}"
        )
    else:
        where = f"latest from {score_text(low)} to {score_text(high)}"
    how_many = _plural(len(ratings), "rating", "ratings")
    who = _plural(len(people), "person", "people")
    return f"{subject}, {how_many} from {who} {_date_range(min(dates), max(dates))}; {where}."


def build_scale_chart(
    ratings: Iterable[dict[str, Any]],
    *,
    key: str,
    subject: str,
    anchor_0: str = "",
    anchor_10: str = "",
) -> Chart | None:
    """Every rating on one scale as a line chart, one line per person. None if no ratings.

    `ratings` are Picture rows: `rated_on` a date, `score` a Decimal, `rater_name`,
    `rater_role` (and `rater_role_label`), `reason`.
    """
    rows = sorted(ratings, key=lambda r: r["rated_on"])
    if not rows:
        return None
    left, right = MARGIN_LEFT + INSET, WIDTH - MARGIN_RIGHT - INSET
    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    start, end = rows[0]["rated_on"], rows[-1]["rated_on"]

    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for rating in rows:
        grouped.setdefault(rater_key(rating), []).append(rating)
    ordered = sorted(grouped, key=lambda k: (ROLE_ORDER.get(k[1], len(ROLE_ORDER)), k[0].lower()))

    series = []
    by_person: dict[tuple[str, str], ChartSeries] = {}
    for index, person in enumerate(ordered):
        first = grouped[person][0]
        line = ChartSeries(
            name=person[0],
            role=person[1],
            role_label=_role_label(first),
            colour=PALETTE[index % len(PALETTE)],
            shape=MARKERS[index % len(MARKERS)],
            dash=DASHES[index % len(DASHES)],
        )
        for rating in grouped[person]:
            x = scale_x(rating["rated_on"], start=start, end=end, left=left, right=right)
            y = scale_y(rating["score"], top=top, bottom=bottom)
            tooltip = (
                f"{line.label}, {govuk_date(rating['rated_on'])}: {score_text(rating['score'])}"
                + (f". {_short(rating.get('reason') or '', 160)}" if rating.get("reason") else "")
            )
            line.points.append(
                ChartPoint(round(x, 1), round(y, 1), marker_path(line.shape, x, y), tooltip, rating)
            )
        series.append(line)
        by_person[person] = line

    y_ticks = [
        YTick(round(scale_y(score, top=top, bottom=bottom), 1), score, score in (0, 10))
        for score in range(11)
    ]
    return Chart(
        key=key,
        title=f"{subject}: every rating over time",
        desc=summarise(subject, rows),
        series=series,
        y_ticks=y_ticks,
        x_ticks=_x_ticks(start, end, left, right),
        anchor_0=_short(f"0: {anchor_0}") if anchor_0 else "",
        anchor_10=_short(f"10: {anchor_10}") if anchor_10 else "",
        rows=[(rating, by_person[rater_key(rating)]) for rating in rows],
    )


# --- The spread as a picture: everyone's latest number on one line ---------------------------

STRIP_LEFT = 24
STRIP_RIGHT = WIDTH - 24
STRIP_STEP = 22  # how far apart people with the same number are stacked
STRIP_TOP = 14
STRIP_MARKER_SIZE = 7.5


@dataclass(frozen=True)
class StripDot:
    x: float
    y: float
    marker: str
    colour: str
    tooltip: str


@dataclass
class SpreadStrip:
    key: str
    title: str
    desc: str
    dots: list[StripDot]
    ticks: list[XTick]
    axis_y: float
    height: float
    width: int = WIDTH
    left: float = STRIP_LEFT
    right: float = STRIP_RIGHT

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {_num(self.height)}"

    @property
    def tick_end(self) -> float:
        return self.axis_y + 6

    @property
    def label_y(self) -> float:
        return self.axis_y + 22


def build_spread_strip(
    latest: Sequence[dict[str, Any]], chart: Chart, *, subject: str
) -> SpreadStrip | None:
    """Everyone's latest number as markers on a 0 to 10 line, each person drawn as on the
    chart; people with the same number are stacked. None if no one has scaled."""
    if not latest:
        return None
    looks = {(line.name, line.role): line for line in chart.series}
    stacks: dict[Decimal, int] = {}
    for rating in latest:
        stacks[rating["score"]] = stacks.get(rating["score"], 0) + 1
    tallest = max(stacks.values())
    axis_y = STRIP_TOP + tallest * STRIP_STEP
    placed: dict[Decimal, int] = {}
    dots = []
    for rating in sorted(latest, key=lambda r: (r["score"], r["rater_name"].lower())):
        look = looks[rater_key(rating)]
        level = placed.get(rating["score"], 0)
        placed[rating["score"]] = level + 1
        x = STRIP_LEFT + float(rating["score"]) / 10 * (STRIP_RIGHT - STRIP_LEFT)
        y = axis_y - STRIP_STEP / 2 - level * STRIP_STEP
        tooltip = f"{look.label}: {score_text(rating['score'])} on {govuk_date(rating['rated_on'])}"
        dots.append(
            StripDot(round(x, 1), round(y, 1), marker_path(look.shape, x, y), look.colour, tooltip)
        )
    lowest = min(r["score"] for r in latest)
    highest = max(r["score"] for r in latest)
    names = {
        score: ", ".join(r["rater_name"] for r in latest if r["score"] == score)
        for score in (lowest, highest)
    }
    if len(latest) == 1:
        where = f"only {names[lowest]} has scaled, at {score_text(lowest)}"
    elif lowest == highest:
        where = f"everyone is at {score_text(lowest)} ({names[lowest]})"
    else:
        where = (
            f"lowest {score_text(lowest)} ({names[lowest]}), highest {score_text(highest)} "
            f"({names[highest]}), {score_text(highest - lowest)} points apart"
        )
    ticks = [
        XTick(round(STRIP_LEFT + score / 10 * (STRIP_RIGHT - STRIP_LEFT), 1), str(score))
        for score in range(11)
    ]
    return SpreadStrip(
        key=chart.key,
        title=f"{subject}: everyone's latest number",
        desc=f"{_plural(len(latest), 'person', 'people')} on the {subject.lower()}: {where}.",
        dots=dots,
        ticks=ticks,
        axis_y=axis_y,
        height=axis_y + 32,
    )


# --- What the scales page shows for each scale ---------------------------------------------


@dataclass
class ScaleSection:
    key: str  # "overall", or the danger statement's uuid
    heading: str
    subject: str  # the scale's name in a sentence: "Overall safety scale"
    statement: dict[str, Any] | None
    ratings: list[dict[str, Any]]  # every rating, oldest first
    spread: Spread
    chart: Chart | None

    @cached_property
    def strip(self) -> SpreadStrip | None:
        if self.chart is None:
            return None
        return build_spread_strip(self.spread.latest, self.chart, subject=self.subject)

    @property
    def by_role(self) -> list[tuple[str, list[tuple[dict[str, Any], ChartSeries]]]]:
        """The spread by role, each latest rating with the line it is drawn on in the chart."""
        if self.chart is None:
            return []
        looks = {(line.name, line.role): line for line in self.chart.series}
        return [
            (role, [(rating, looks[rater_key(rating)]) for rating in rows])
            for role, rows in self.spread.by_role
        ]

    @property
    def statement_uuid(self) -> str:
        return str(self.statement["uuid"]) if self.statement else ""

    @property
    def people_count(self) -> int:
        return len(self.spread.latest)

    @property
    def lowest_by(self) -> list[dict[str, Any]]:
        return [r for r in self.spread.latest if r["score"] == self.spread.lowest]

    @property
    def highest_by(self) -> list[dict[str, Any]]:
        return [r for r in self.spread.latest if r["score"] == self.spread.highest]

    @property
    def gap(self) -> str:
        if self.spread.lowest is None or self.spread.highest is None:
            return ""
        return score_text(self.spread.highest - self.spread.lowest)


def scale_sections(picture: Picture) -> list[ScaleSection]:
    """The overall scale, then one scale per danger statement, ready for the page."""
    labels = picture.labels
    scale_name = labels["scale_name"]
    anchors = {"anchor_0": labels["scale_anchor_0"], "anchor_10": labels["scale_anchor_10"]}
    overall_subject = f"Overall {scale_name[:1].lower()}{scale_name[1:]}"
    sections = [
        ScaleSection(
            key="overall",
            heading=f"Overall {scale_name[:1].lower()}{scale_name[1:]}",
            subject=overall_subject,
            statement=None,
            ratings=list(picture.overall_ratings),
            spread=picture.overall_spread,
            chart=build_scale_chart(
                picture.overall_ratings, key="overall", subject=overall_subject, **anchors
            ),
        )
    ]
    for statement in picture.statements:
        subject = f"{scale_name} for {labels['danger_statement'].lower()} {statement['number']}"
        key = f"statement-{statement['number']}"
        sections.append(
            ScaleSection(
                key=key,
                heading=f"{labels['danger_statement']} {statement['number']}",
                subject=subject,
                statement=statement,
                ratings=list(statement["ratings"]),
                spread=statement["spread"],
                chart=build_scale_chart(statement["ratings"], key=key, subject=subject, **anchors),
            )
        )
    return sections
