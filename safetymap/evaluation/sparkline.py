"""A tiny line of a case's overall scales for the dashboard: SVG drawn on the server (no
script, no inline style), with words for people who cannot see it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, PAD = 80, 28, 3
TOP_SCORE = 10


@dataclass(frozen=True)
class Sparkline:
    points: str  # the polyline's points
    last_x: float
    last_y: float
    label: str
    width: int = WIDTH
    height: int = HEIGHT


def _y(score: Decimal) -> float:
    return round(HEIGHT - PAD - float(score) / TOP_SCORE * (HEIGHT - 2 * PAD), 1)


def sparkline(scores: list[Decimal]) -> Sparkline | None:
    """None for fewer than two scales: there is no line to draw."""
    if len(scores) < 2:
        return None
    step = (WIDTH - 2 * PAD) / (len(scores) - 1)
    coords = [(round(PAD + index * step, 1), _y(score)) for index, score in enumerate(scores)]
    spoken = ", ".join(f"{score.normalize():f}" for score in scores)
    return Sparkline(
        points=" ".join(f"{x},{y}" for x, y in coords),
        last_x=coords[-1][0],
        last_y=coords[-1][1],
        label=f"Overall scale at the last {len(scores)} ratings, oldest first: {spoken}",
    )
