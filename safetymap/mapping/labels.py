"""The words the map uses, per service level, with each council's own wording on top.

The seven parts of the map never change between service levels; only what they are
called does (early help: worry statements and wellbeing goals; in care: success goals).
"""

from __future__ import annotations

from dataclasses import dataclass

from safetymap.cases.models import ServiceLevel


@dataclass(frozen=True)
class LabelField:
    key: str
    description: str
    long: bool = False


LABEL_FIELDS: tuple[LabelField, ...] = (
    LabelField("worried_column", "First column heading"),
    LabelField("working_well_column", "Second column heading"),
    LabelField("needs_to_happen_column", "Third column heading"),
    LabelField("harm", "Harm: what has happened to the child"),
    LabelField("danger_statement", "One danger (or worry) statement"),
    LabelField("danger_statements", "Danger statements, plural"),
    LabelField("complicating", "Complicating factors"),
    LabelField("strengths", "Existing strengths"),
    LabelField("safety", "Existing safety"),
    LabelField("goal", "One safety (or wellbeing, or success) goal"),
    LabelField("goals", "Goals, plural"),
    LabelField("bottom_lines", "Bottom lines"),
    LabelField("next_steps", "Next steps"),
    LabelField("unsure", "Things we are not sure about yet"),
    LabelField("scale_name", "Name of the scale"),
    LabelField("scale_question", "The scaling question", long=True),
    LabelField("scale_anchor_0", "What 0 means", long=True),
    LabelField("scale_anchor_10", "What 10 means", long=True),
)
LABEL_KEYS = tuple(field.key for field in LABEL_FIELDS)

_COMMON = {
    "worried_column": "What are we worried about?",
    "working_well_column": "What's working well?",
    "needs_to_happen_column": "What needs to happen?",
    "harm": "Harm",
    "danger_statement": "Danger statement",
    "danger_statements": "Danger statements",
    "complicating": "Complicating factors",
    "strengths": "Existing strengths",
    "safety": "Existing safety",
    "goal": "Safety goal",
    "goals": "Safety goals",
    "bottom_lines": "Bottom lines",
    "next_steps": "Next steps",
    "unsure": "Not sure yet / need to find out",
    "scale_name": "Safety scale",
    "scale_question": (
        "On a scale of 0 to 10, where are things today? Everyone gives their own number "
        "and says why."
    ),
    "scale_anchor_0": "Things are so bad the child cannot live at home.",
    "scale_anchor_10": "Everyone agrees the child is safe enough for us to close the case.",
}

_WORRY_WORDS = {
    "danger_statement": "Worry statement",
    "danger_statements": "Worry statements",
}

DEFAULT_LABELS: dict[str, dict[str, str]] = {
    ServiceLevel.EARLY_HELP: {
        **_COMMON,
        **_WORRY_WORDS,
        "harm": "What has happened",
        "goal": "Wellbeing goal",
        "goals": "Wellbeing goals",
        "safety": "What is already helping",
        "scale_name": "Wellbeing scale",
        "scale_anchor_0": "Things are so worrying that a social worker needs to be involved.",
        "scale_anchor_10": "Everyone agrees the family are managing well enough for us to stop.",
    },
    ServiceLevel.CHILD_IN_NEED: dict(_COMMON),
    ServiceLevel.CHILD_PROTECTION: dict(_COMMON),
    ServiceLevel.LOOKED_AFTER: {
        **_COMMON,
        **_WORRY_WORDS,
        "goal": "Success goal",
        "goals": "Success goals",
        "scale_name": "Success scale",
        "scale_anchor_0": "Things are so hard that where the child lives may not last.",
        "scale_anchor_10": "The child is settled, feels they belong, and is doing well.",
    },
    ServiceLevel.CARE_LEAVER: {
        **_COMMON,
        **_WORRY_WORDS,
        "goal": "Success goal",
        "goals": "Success goals",
        "scale_name": "Success scale",
        "scale_anchor_0": "Things are so hard that the young person cannot manage safely.",
        "scale_anchor_10": "The young person is managing well and has people to turn to.",
    },
}


def merge_labels(service_level: str, overrides: dict[str, str]) -> dict[str, str]:
    """The defaults for a service level with a council's non-blank wording on top."""
    labels = dict(DEFAULT_LABELS[ServiceLevel(service_level)])
    labels.update(
        {key: value for key, value in overrides.items() if key in labels and value.strip()}
    )
    return labels
