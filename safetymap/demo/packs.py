"""Family packs in the demo council, made through the real services: on many cases with a
map, a worker checked other people's details (taking the suggested decision) and made a
pack for a parent or carer, some in large print. On some, a complicating factor the family
has not yet been told about is kept out of their documents first.

Only the stored content is made here; PDFs are drawn when someone downloads them, which
keeps seeding quick.
"""

from __future__ import annotations

from django.db import transaction

from safetymap.cases.models import Case
from safetymap.mapping import services as map_services
from safetymap.mapping.models import Part
from safetymap.packs import selectors, services
from safetymap.packs.models import Decision, FamilyPack

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


def make_pack(case: Case, *, large_print: bool) -> FamilyPack | None:
    """A pack for the first parent or carer, after a review taking every suggestion."""
    worker = selectors.current_worker(case)
    readers = selectors.readers(case)
    if worker is None or not readers:
        return None
    person = readers[0].person
    details, found = services.details_to_review(case=case, for_person=person)
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
    )
    return services.family_pack_generate(
        actor=worker, case=case, for_person=person, large_print=large_print, review=review,
        basis="team",
    )  # fmt: skip


@transaction.atomic
def add_family_packs(cases: list[Case]) -> int:
    mapped = [
        case for case in cases if case.danger_statements.filter(removed_at__isnull=True).exists()
    ]
    made = 0
    for number, case in enumerate(mapped[::EVERY]):
        if number % HOLD_BACK_A_FACTOR_EVERY == 0:
            _keep_a_factor_back(case)
        if make_pack(case, large_print=number % LARGE_PRINT_EVERY == 1) is not None:
            made += 1
    return made
