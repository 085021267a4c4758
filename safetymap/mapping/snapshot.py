"""The whole map of a case as plain data: what a saved version stores, and what every map
page (live or historic) is drawn from, so both look the same and can be compared."""

from __future__ import annotations

from typing import Any

from safetymap.cases.models import Case

# The fields kept for each kind of row, in the order a comparison lists them.
ITEM_KEYS = (
    "part", "text", "said_by", "family_view", "family_words", "when_happened", "how_often",
    "effect_on_child", "how_we_know", "danger_present", "reason", "shared_with_family",
)  # fmt: skip
STATEMENT_KEYS = (
    "statement", "who_is_worried", "adult_behaviour", "feared_for_child", "family_view",
    "family_words", "dispute", "shared_with_family",
)  # fmt: skip
GOAL_KEYS = (
    "danger_statement", "statement", "adults_will", "child_will_experience", "who_will_see",
    "how_long", "kind", "status", "shared_with_family",
)  # fmt: skip
STEP_KEYS = ("action", "owner", "due_on", "goal", "done_on", "shared_with_family")
RATING_KEYS = (
    "danger_statement", "rated_on", "rater_name", "rater_role", "score", "reason",
    "one_point_higher",
)  # fmt: skip

COLLECTIONS = ("items", "danger_statements", "goals", "next_steps", "ratings")
# What a field meant in versions saved before it existed.
LATER_FIELD_DEFAULTS = {"shared_with_family": True}


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    return str(value)


def _rows(queryset: Any, keys: tuple[str, ...], renames: dict[str, str]) -> list[dict[str, Any]]:
    """Rows as dicts with uuid and version; foreign keys are given as the related uuid."""
    fields = ["uuid", "version", *[renames.get(key, key) for key in keys]]
    return [
        {key: _plain(row[renames.get(key, key)]) for key in ("uuid", "version", *keys)}
        for row in queryset.values(*fields)
    ]


def build_snapshot(case: Case) -> dict[str, Any]:
    """Everything on the map now, in five queries whatever the size of the case."""
    current = {"removed_at__isnull": True}
    return {
        "service_level": case.service_level,
        "items": _rows(
            case.map_items.filter(**current).order_by("created_at", "id"), ITEM_KEYS, {}
        ),
        "danger_statements": _rows(
            case.danger_statements.filter(**current).order_by("created_at", "id"),
            STATEMENT_KEYS,
            {},
        ),
        "goals": _rows(
            case.safety_goals.filter(**current).order_by("created_at", "id"),
            GOAL_KEYS,
            {"danger_statement": "danger_statement__uuid"},
        ),
        "next_steps": _rows(
            case.next_steps.filter(**current).order_by("due_on", "id"),
            STEP_KEYS,
            {"goal": "goal__uuid"},
        ),
        "ratings": _rows(
            case.scale_ratings.filter(**current).order_by("rated_on", "created_at", "id"),
            RATING_KEYS,
            {"danger_statement": "danger_statement__uuid"},
        ),
    }
