"""The map's own sections of a family pack: the map as the family sees it, the worries and
goals, the scales, the next steps, and who to contact.

Only what is shared with the family goes in: a goal paired with a statement that is kept
back is kept back too, and so is a statement's own scale. Words come from the map's labels
for the case's service level, with the family's own wording where the council has given one
(a label `family_<key>`, e.g. `family_harm`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import dateformat, timezone

from safetymap.cases.models import Case, Person
from safetymap.cases.pack_registry import PackSection, PackSectionContent, register_pack_section
from safetymap.mapping.picture import Picture, build_picture, latest_per_rater
from safetymap.mapping.selectors import labels_for
from safetymap.mapping.snapshot import build_snapshot
from safetymap.packs.selectors import current_worker, map_version_of

FAMILY_LABEL_PREFIX = "family_"


def family_labels(service_level: str) -> dict[str, str]:
    labels = labels_for(service_level)
    return {
        key: labels.get(FAMILY_LABEL_PREFIX + key) or value
        for key, value in labels.items()
        if not key.startswith(FAMILY_LABEL_PREFIX)
    }


def _shared(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for row in rows if row.get("shared_with_family", True)]


def family_picture(case: Case) -> Picture:
    """The live map with everything not shared with the family taken out."""
    snapshot = build_snapshot(case)
    statements = _shared(snapshot["danger_statements"])
    statement_ids = {row["uuid"] for row in statements}
    goals = [row for row in _shared(snapshot["goals"]) if row["danger_statement"] in statement_ids]
    goal_ids = {row["uuid"] for row in goals}
    steps = [
        {**row, "goal": row["goal"] if row["goal"] in goal_ids else None}
        for row in _shared(snapshot["next_steps"])
    ]
    ratings = [
        row
        for row in snapshot["ratings"]
        if not row["danger_statement"] or row["danger_statement"] in statement_ids
    ]
    family_only = {
        **snapshot,
        "items": _shared(snapshot["items"]),
        "danger_statements": statements,
        "goals": goals,
        "next_steps": steps,
        "ratings": ratings,
    }
    return build_picture(family_only, family_labels(case.service_level))


def _day(value: datetime.date | None) -> str:
    return dateformat.format(value, "j F Y") if value else ""


def _score(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _map_version_text(case: Case) -> str:
    number, changed_since = map_version_of(case)
    if number is None:
        return "The map as it was on the day (not yet saved as a version)"
    return f"Map version {number}" + (" with changes made since" if changed_since else "")


def _item(row: dict[str, Any]) -> dict[str, Any]:
    asked = row["family_view"] != "not_asked"
    return {
        "text": row["text"],
        "said_by": row["said_by"],
        "when": row["when_happened"],
        "how_often": row["how_often"],
        "effect_on_child": row["effect_on_child"],
        "reason": row["reason"],
        "family_view": row["family_view_label"] if asked else "",
        "family_words": row["family_words"],
    }


def _part(title: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"title": title, "items": [_item(row) for row in rows]}


def map_section(case: Case, for_person: Person | None) -> PackSectionContent:
    picture = family_picture(case)
    labels = picture.labels
    columns = [
        {
            "title": labels["worried_column"],
            "parts": [
                _part(labels["harm"], picture.harm),
                _part(labels["complicating"], picture.complicating),
            ],
        },
        {
            "title": labels["working_well_column"],
            "parts": [
                _part(labels["strengths"], picture.strengths),
                _part(labels["safety"], picture.safety),
            ],
        },
        {
            "title": labels["needs_to_happen_column"],
            "parts": [_part(labels["bottom_lines"], picture.bottom_lines)],
        },
    ]
    unsure = _part(labels["unsure"], picture.unsure)
    return PackSectionContent(
        data={"columns": columns, "unsure": unsure}, version=_map_version_text(case)
    )


def statements_section(case: Case, for_person: Person | None) -> PackSectionContent:
    picture = family_picture(case)
    labels = picture.labels
    statements = [
        {
            "heading": f"{labels['danger_statement']} {row['number']}",
            "statement": row["statement"],
            "dispute": row["dispute"],
            "family_view": row["family_view_label"] if row["family_view"] != "not_asked" else "",
            "family_words": row["family_words"],
            "goals": [
                {
                    "statement": goal["statement"],
                    "who_will_see": goal["who_will_see"],
                    "how_long": goal["how_long"],
                    "status": goal["status_label"],
                }
                for goal in row["goals"]
            ],
        }
        for row in picture.statements
    ]
    return PackSectionContent(
        data={
            "statements": statements,
            "goals_title": labels["goals"],
            "empty": f"No {labels['danger_statements'].lower()} have been written yet.",
        },
        version=_map_version_text(case),
    )


def _ratings(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {
            "name": row["rater_name"],
            "role": row["rater_role_label"],
            "score": _score(row["score"]),
            "reason": row["reason"],
            "one_point_higher": row["one_point_higher"],
            "on": _day(row["rated_on"]),
        }
        for row in latest_per_rater(rows)
    ]


def scales_section(case: Case, for_person: Person | None) -> PackSectionContent:
    picture = family_picture(case)
    labels = picture.labels
    return PackSectionContent(
        data={
            "question": labels["scale_question"],
            "anchor_0": labels["scale_anchor_0"],
            "anchor_10": labels["scale_anchor_10"],
            "overall": _ratings(picture.overall_ratings),
            "statements": [
                {
                    "heading": f"{labels['danger_statement']} {row['number']}",
                    "ratings": _ratings(row["ratings"]),
                }
                for row in picture.statements
                if row["ratings"]
            ],
        },
        version=_map_version_text(case),
    )


def next_steps_section(case: Case, for_person: Person | None) -> PackSectionContent:
    picture = family_picture(case)
    return PackSectionContent(
        data={
            "steps": [
                {
                    "action": row["action"],
                    "owner": row["owner"],
                    "due": _day(row["due_on"]),
                    "done": _day(row.get("done_on")),
                }
                for row in picture.next_steps
            ]
        },
        version=_map_version_text(case),
    )


def contacts_section(case: Case, for_person: Person | None) -> PackSectionContent:
    worker = current_worker(case)
    council = settings.SAFETYMAP_COUNCIL_CONTACT
    return PackSectionContent(
        data={
            "worker": worker.display_name if worker else "",
            "worker_job": worker.job_title if worker else "",
            "team": case.team.name,
            "council": settings.SAFETYMAP_COUNCIL_NAME,
            "phone": council["phone"],
            "email": council["email"],
            "address": council["address"],
            "out_of_hours": council["out_of_hours"],
        },
        version=f"Contacts on {_day(timezone.localdate())}",
    )


def register_map_sections() -> None:
    for key, title, build, order in (
        ("map", "The map", map_section, 10),
        (
            "statements",
            "What we are worried about and what needs to happen",
            statements_section,
            20,
        ),
        ("scales", "Where everyone thinks things are", scales_section, 30),
        ("next_steps", "Next steps", next_steps_section, 40),
        ("contacts", "Who to contact", contacts_section, 90),
    ):
        register_pack_section(
            PackSection(
                key=key,
                title=title,
                template=f"packs/sections/{key}.html",
                context=build,
                order=order,
            )
        )
