"""The child's version of a safety plan, built as a Words and Pictures safety plan story: the
words each standard panel starts with, taken from one version of the plan. The worker (and
the parents) then make it the child's own on the story's edit page."""

from __future__ import annotations

from safetymap.safety_plans.models import PlanContact, PlanRule, PlanVersion


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(name for name in names if name))


def child_version_texts(version: PlanVersion) -> dict[str, str]:
    """Panel key -> starting words: who keeps me safe (the people responsible for the rules),
    the rules (each in the child's words) and who I can call. "What I can do if I am worried"
    is left for the worker to write with the child: the plan has no words for it."""
    child = version.plan.case.child
    rules = list(
        PlanRule.objects.filter(plan_version=version, removed_at__isnull=True)
        .prefetch_related("responsible_members__person", "responsible_staff")
        .order_by("position", "id")
    )
    people: list[str] = []
    for rule in rules:
        people.extend(member.person.full_name for member in rule.responsible_members.all())
        people.extend(user.get_full_name() for user in rule.responsible_staff.all())
    contacts = PlanContact.objects.filter(plan_version=version, removed_at__isnull=True)
    return {
        "title": f"How we keep {child.name_used} safe",
        "who_keeps_me_safe": "\n".join(_unique(people)),
        "the_rules": "\n".join(rule.child_words for rule in rules),
        "who_i_can_call": "\n".join(
            f"{contact.name}: {contact.number}" for contact in contacts.order_by("position", "id")
        ),
    }
