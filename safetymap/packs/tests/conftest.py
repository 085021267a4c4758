"""A family for the pack tests, the way a domestic abuse case reads: Kian lives with his
mum at a new address his dad must not be given; a neighbour asked not to be named."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import pytest
from django.utils import timezone

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Allocation, Case, CaseMember, Person, Relationship
from safetymap.mapping import services as map_services
from safetymap.mapping.models import Part
from safetymap.packs import services
from safetymap.packs.models import FamilyPack
from tests import factories

# The factories, typed as what they make.
make_case = cast(Callable[..., Case], factories.CaseFactory)
make_person = cast(Callable[..., Person], factories.PersonFactory)
make_member = cast(Callable[..., CaseMember], factories.CaseMemberFactory)
make_user = cast(Callable[..., User], factories.UserFactory)
make_allocation = cast(Callable[..., Allocation], factories.AllocationFactory)

MUMS_ADDRESS = "Flat 2, 14 Birch Road, Eastbrook EB4 2QT"
MUMS_PHONE = "07700 900456"
DADS_ADDRESS = "27 Mill Lane, Eastbrook EB2 7LP"
SHARED_STRENGTH = "Leanne walks Kian to school every morning and he is always on time."
NOT_SHARED = "Police are still looking into the call-out on 3 January."
STATEMENT = "Kian's teacher is worried that Darren shouts at Leanne and breaks things."
GOAL = "Kian will feel safe at home and say so to his teacher."
STEP = "Leanne will meet the Freedom Programme worker."


@dataclass
class Family:
    case: Case
    worker: User
    mum: Person
    dad: Person
    neighbour: Person


def _member(case: Case, relationship: str, **person: Any) -> Person:
    member = make_member(
        case=case, relationship=relationship, person=make_person(date_of_birth=None, **person)
    )
    return member.person


@pytest.fixture
def family(db) -> Family:
    child = make_person(first_name="Kian", last_name="Hughes", address=MUMS_ADDRESS)
    case = make_case(child=child)
    worker = make_allocation(
        case=case, worker__team=case.team, worker__job_title="Social worker"
    ).worker
    mum = _member(case, Relationship.MOTHER, first_name="Leanne", last_name="Hughes",
                  address=MUMS_ADDRESS, phone=MUMS_PHONE)  # fmt: skip
    dad = _member(case, Relationship.FATHER, first_name="Darren", last_name="Cole",
                  address=DADS_ADDRESS, phone="07700 900123")  # fmt: skip
    neighbour = make_member(
        case=case,
        relationship=Relationship.NEIGHBOUR,
        person=make_person(date_of_birth=None, first_name="Joan", last_name="Pike"),
        notes="Rang the police on 3 January. Asked not to be named.",
    ).person
    add = map_services.map_item_add
    add(actor=worker, case=case, part=Part.STRENGTH, values={"text": SHARED_STRENGTH})
    add(actor=worker, case=case, part=Part.STRENGTH, values={
        "text": "Leanne and Kian moved to 14 Birch Road (EB4 2QT) in February.",
        "said_by": "Leanne",
    })  # fmt: skip
    add(actor=worker, case=case, part=Part.HARM, values={
        "text": "Joan Pike heard shouting and glass breaking and rang the police.",
        "when_happened": "3 January", "how_we_know": "agency_report",
    })  # fmt: skip
    add(actor=worker, case=case, part=Part.COMPLICATING,
        values={"text": NOT_SHARED, "shared_with_family": False})  # fmt: skip
    statement = map_services.danger_statement_add(actor=worker, case=case, values={
        "who_is_worried": "Kian's teacher", "adult_behaviour": "Darren shouts at Leanne",
        "feared_for_child": "Kian will be hurt", "statement": STATEMENT,
    })  # fmt: skip
    map_services.safety_goal_add(actor=worker, case=case, values={
        "danger_statement": statement, "adults_will": "x", "child_will_experience": "y",
        "who_will_see": "His teacher", "how_long": "six months", "statement": GOAL,
    })  # fmt: skip
    fortnight = timezone.localdate() + datetime.timedelta(days=14)
    map_services.next_step_add(
        actor=worker, case=case, values={"action": STEP, "owner": "Leanne", "due_on": fortnight}
    )
    map_services.scale_rating_add(actor=worker, case=case, values={
        "rater_name": "Leanne", "rater_role": "parent", "score": 6,
        "reason": "Darren has not been round since February.",
    })  # fmt: skip
    map_services.map_version_save(
        actor=worker, case=case, occasion="visit", note="", saved_on=timezone.localdate()
    )
    return Family(case=case, worker=worker, mum=mum, dad=dad, neighbour=neighbour)


@pytest.fixture
def reader(family: Family) -> User:
    """Business support in the case's team: may read and download, may not make packs."""
    return make_user(team=family.case.team, role=Role.BUSINESS_SUPPORT)


@pytest.fixture
def stranger(db) -> User:
    return make_user()


def make_pack(
    family: Family,
    for_person: Person | None = None,
    *,
    large_print: bool = False,
    release: tuple[str, ...] = (),
    audience: str = "family",
) -> FamilyPack:
    """Review (holding back everything but the kinds in `release`) and make a pack: for the
    child when `audience` is "child"."""
    person = for_person or (family.case.child if audience == "child" else family.dad)
    details, found = services.details_to_review(
        case=family.case, for_person=person, audience=audience
    )
    decisions = {
        d.id: ("release", "Checked with the family") if d.kind in release else ("hold_back", "")
        for d in details
    }
    review = services.redaction_review_record(
        actor=family.worker, case=family.case, for_person=person, found=found,
        decisions=decisions, audience=audience,
    )  # fmt: skip
    return services.family_pack_generate(
        actor=family.worker,
        case=family.case,
        for_person=person,
        large_print=large_print,
        review=review,
        basis="team",
        audience=audience,
    )
