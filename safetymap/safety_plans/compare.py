"""What changed between two versions of a plan: the plan's own fields, rules matched by
lineage (so a reworded rule shows as changed, not removed and added), and the warning
signs and people to call as added or removed lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from safetymap.safety_plans.models import PlanRule, PlanVersion

PLAN_LABELS = {
    "how_we_know_working": "How everyone will know it is working",
    "if_not_working": "What happens if it is not working",
    "review_on": "Review date",
    "testing_until": "Testing period ends",
}
RULE_LABELS = {
    "adult_words": "In the adults' words",
    "child_words": "In the child's words",
    "danger_statement": "Worry it keeps the child safe from",
    "responsible": "Who makes sure it happens",
    "how_checked": "How it is checked",
    "how_often": "How often",
    "network_role": "Network role it needs",
}


@dataclass
class Difference:
    label: str
    before: str
    after: str


@dataclass
class ListChanges:
    name: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[Difference]]] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _text(value: Any) -> str:
    if value is None:
        return "Not set"
    if hasattr(value, "strftime"):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def rule_words(rule: PlanRule) -> dict[str, str]:
    people = [m.person.full_name for m in rule.responsible_members.all()] + [
        u.get_full_name() for u in rule.responsible_staff.all()
    ]
    return {
        "adult_words": rule.adult_words,
        "child_words": rule.child_words,
        "danger_statement": rule.danger_statement.statement,
        "responsible": ", ".join(sorted(people)),
        "how_checked": rule.how_checked,
        "how_often": rule.how_often,
        "network_role": rule.get_network_role_display() or "None in particular",
    }


def _differences(
    labels: dict[str, str], old: dict[str, Any], new: dict[str, Any]
) -> list[Difference]:
    return [
        Difference(label, _text(old[name]), _text(new[name]))
        for name, label in labels.items()
        if old[name] != new[name]
    ]


def compare_versions(old: PlanVersion, new: PlanVersion) -> dict[str, Any]:
    """Both versions must come from `selectors.get_version` (their lines prefetched)."""
    plan = _differences(
        PLAN_LABELS,
        {name: getattr(old, name) for name in PLAN_LABELS},
        {name: getattr(new, name) for name in PLAN_LABELS},
    )
    rules = ListChanges("Rules")
    old_rules = {rule.lineage: rule for rule in old.live_rules}  # type: ignore[attr-defined]
    new_rules = {rule.lineage: rule for rule in new.live_rules}  # type: ignore[attr-defined]
    for lineage, rule in new_rules.items():
        if lineage not in old_rules:
            rules.added.append(rule.adult_words)
        elif diff := _differences(RULE_LABELS, rule_words(old_rules[lineage]), rule_words(rule)):
            rules.changed.append((rule.adult_words, diff))
    rules.removed = [r.adult_words for k, r in old_rules.items() if k not in new_rules]
    lists = [rules]
    for name, attr, words in (
        ("Warning signs", "live_warning_signs", lambda s: f"{s.sign} – {s.what_to_do}"),
        ("Who to call", "live_contacts", lambda c: f"{c.name}, {c.number}: {c.when}"),
    ):
        before = [words(line) for line in getattr(old, attr)]
        after = [words(line) for line in getattr(new, attr)]
        lists.append(
            ListChanges(
                name,
                added=[text for text in after if text not in before],
                removed=[text for text in before if text not in after],
            )
        )
    return {"plan": plan, "lists": lists, "any": bool(plan) or any(c.any for c in lists)}
