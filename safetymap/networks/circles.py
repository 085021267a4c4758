"""The safety circles: the child at the centre and the network in rings around them, the
people who know everything nearest. Worked out here as plain numbers, drawn by a template
as SVG (no inline styles: the look is in CSS classes), with the same facts as a list."""

from __future__ import annotations

import math
from dataclasses import dataclass

from safetymap.networks.models import Knowledge, NetworkMember

SIZE = 560
CENTRE = SIZE / 2
CHILD_RADIUS = 42
# Ring radius for each level of knowledge, nearest the child first.
RINGS = {Knowledge.EVERYTHING: 105, Knowledge.SOME: 170, Knowledge.NOTHING: 235}
DOT_RADIUS = 9


@dataclass(frozen=True)
class Dot:
    name: str
    description: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor for the name: start, middle or end
    not_up_to_date: bool


@dataclass(frozen=True)
class Ring:
    knowledge: str
    label: str
    radius: int
    label_y: float
    dots: list[Dot]


def _baseline_shift(dy: float) -> float:
    """How far below the dot's centre the name's baseline goes: above the dot at the top of a
    ring, below it at the bottom, level with it at the sides (names are about 16 units tall)."""
    return dy * (DOT_RADIUS + 6) + max(dy, 0) * 16 + 7 * (1 - abs(dy))


def _place(members: list[NetworkMember], radius: int, offset: float) -> list[Dot]:
    """Spread members evenly round the ring, starting at `offset` radians from the top."""
    dots = []
    for index, member in enumerate(members):
        angle = offset + 2 * math.pi * index / len(members)
        x = CENTRE + radius * math.sin(angle)
        y = CENTRE - radius * math.cos(angle)
        # Names sit outside the dot, on the side away from the centre.
        dx, dy = math.sin(angle), -math.cos(angle)
        anchor = "middle" if abs(dx) < 0.3 else ("start" if dx > 0 else "end")
        dots.append(
            Dot(
                name=member.person.name_used,
                description=member.case_member.description,
                x=round(x, 1),
                y=round(y, 1),
                label_x=round(x + dx * (DOT_RADIUS + 4), 1),
                label_y=round(y + _baseline_shift(dy), 1),
                anchor=anchor,
                not_up_to_date=bool(getattr(member, "not_up_to_date", False)),
            )
        )
    return dots


def safety_circles(members: list[NetworkMember]) -> list[Ring]:
    """The rings, nearest the child first, each with its members placed on it."""
    rings = []
    for step, (knowledge, radius) in enumerate(RINGS.items()):
        on_ring = [member for member in members if member.knowledge == knowledge]
        # Turn each ring a little so names on neighbouring rings do not line up.
        offset = math.pi / 6 * (step + 1)
        rings.append(
            Ring(
                knowledge=str(knowledge),
                label=Knowledge(knowledge).label,
                radius=radius,
                label_y=CENTRE - radius + 16,
                dots=_place(on_ring, radius, offset),
            )
        )
    return rings
