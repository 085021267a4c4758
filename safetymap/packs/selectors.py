"""Every read of family packs. Callers have already fetched the case through
`cases.selectors.get_visible_case` (the @case_page door), so reads here are per case."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from safetymap.accounts.models import User
from safetymap.cases.models import Case, CaseMember, Person, RelationshipGroup
from safetymap.mapping.models import CaseMap
from safetymap.packs.models import FamilyPack

PACKS_PER_PAGE = 20


def packs_of(case: Case) -> QuerySet[FamilyPack]:
    return case.family_packs.select_related("for_person", "generated_by", "regenerated_from").defer(
        "content"
    )


def get_pack(case: Case, pack_uuid: uuid.UUID) -> FamilyPack:
    pack = (
        case.family_packs.select_related("for_person", "generated_by", "review")
        .filter(uuid=pack_uuid)
        .first()
    )
    if pack is None:
        raise Http404("No such family pack on this case")
    return pack


def readers(case: Case) -> list[CaseMember]:
    """The people on the case a pack may be made for: everyone but professionals, parents
    and carers first."""
    members = (
        case.members.filter(removed_at__isnull=True)
        .exclude(relationship="professional")
        .select_related("person")
    )
    return sorted(members, key=lambda m: m.group != RelationshipGroup.PARENTS_AND_CARERS)


def get_reader(case: Case, person_uuid: uuid.UUID | str | None) -> Person:
    for member in readers(case):
        if str(member.person.uuid) == str(person_uuid):
            return member.person
    raise Http404("That person is not on this case")


def current_worker(case: Case) -> User | None:
    allocation = (
        case.allocations.filter(ended_on__isnull=True)
        .select_related("worker")
        .order_by("-started_on", "-id")
        .first()
    )
    return allocation.worker if allocation else None


def map_version_of(case: Case) -> tuple[int | None, bool]:
    """The latest saved map version's number, and whether the map changed after it."""
    latest = case.map_versions.order_by("-number").values("number", "created_at").first()
    changed_at = CaseMap.objects.filter(case=case).values_list("last_changed_at", flat=True).first()
    if latest is None:
        return None, changed_at is not None
    return latest["number"], changed_at is not None and changed_at > latest["created_at"]
