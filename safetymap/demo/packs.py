"""Family and child packs in the demo council, made through the real services: on many
cases with a map, a worker checked other people's details (taking the suggested decision)
and made a pack for a parent or carer, some in large print. Cases with a safety plan in
force come first, so many packs carry the plan. On some, a complicating factor the family
has not yet been told about is kept out of their documents first. Children given (or about
to be given) a Words and Pictures story have a child pack too.

Only the stored content is made here; PDFs are drawn when someone downloads them, which
keeps seeding quick.
"""

from __future__ import annotations

from django.db import transaction

from safetymap.cases.models import Case, Person
from safetymap.cases.pack_registry import CHILD, FAMILY
from safetymap.mapping import services as map_services
from safetymap.mapping.models import Part
from safetymap.packs import selectors, services
from safetymap.packs.models import Decision, FamilyPack
from safetymap.packs.practice_sections import story_to_give
from safetymap.safety_plans.selectors import current_plan
from safetymap.words_pictures.models import StoryKind

EVERY = 2  # a pack on every other case that has a map
LARGE_PRINT_EVERY = 4
HOLD_BACK_A_FACTOR_EVERY = 3


def _keep_a_factor_back(case: Case) -> None:
    item = case.map_items.filter(part=Part.COMPLICATING, removed_at__isnull=True).first()
    worker = selectors.current_worker(case)
    if item is not None and worker is not None:
        map_services.map_item_update(
            actor=worker, item=item, expected_version=item.version,
            values={"shared_with_family": False},
        )  # fmt: skip


def make_pack(case: Case, *, large_print: bool, audience: str = FAMILY) -> FamilyPack | None:
    """A pack for the first parent or carer (or, for a child pack, the child), after a
    review taking every suggestion."""
    worker = selectors.current_worker(case)
    readers = selectors.readers(case)
    if worker is None or (audience == FAMILY and not readers):
        return None
    person: Person = case.child if audience == CHILD else readers[0].person
    details, found = services.details_to_review(case=case, for_person=person, audience=audience)
    review = services.redaction_review_record(
        actor=worker,
        case=case,
        for_person=person,
        found=found,
        decisions={
            detail.id: (
                detail.suggested,
                detail.why if detail.suggested == Decision.RELEASE else "",
            )
            for detail in details
        },
        audience=audience,
    )
    return services.family_pack_generate(
        actor=worker, case=case, for_person=person, large_print=large_print, review=review,
        basis="team", audience=audience,
    )  # fmt: skip


def _has_a_story(case: Case) -> bool:
    return story_to_give(case, StoryKind.EXPLANATION) is not None


@transaction.atomic
def add_family_packs(cases: list[Case]) -> int:
    mapped = [
        case for case in cases if case.danger_statements.filter(removed_at__isnull=True).exists()
    ]
    # Cases with a plan in force first, so many packs carry the plan (sorted() is stable).
    mapped = sorted(mapped, key=lambda case: current_plan(case) is None)
    made = 0
    for number, case in enumerate(mapped[::EVERY]):
        if number % HOLD_BACK_A_FACTOR_EVERY == 0:
            _keep_a_factor_back(case)
        if make_pack(case, large_print=number % LARGE_PRINT_EVERY == 1) is not None:
            made += 1
    for case in filter(_has_a_story, cases):
        if make_pack(case, large_print=False, audience=CHILD) is not None:
            made += 1
    return made
