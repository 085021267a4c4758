"""A case's family packs, their redaction reviews and packs made again from them are
destroyed with the case."""

from __future__ import annotations

import pytest

from safetymap.packs.models import FamilyPack, RedactionReview
from safetymap.retention import services

from .conftest import closed_case, fill_case, table_counts

pytestmark = pytest.mark.django_db


def test_family_packs_go_with_their_case(admin):
    case = closed_case(closed_years_ago=40, levels=("child_protection",))
    people = fill_case(case)
    worker, mother = people["worker"], people["member"].person
    review = RedactionReview.objects.create(
        case=case, for_person=mother, reviewed_by=worker, found="0" * 64, decisions=[]
    )
    first = FamilyPack.objects.create(
        case=case, for_person=mother, generated_by=worker, review=review, content={}
    )
    FamilyPack.objects.create(
        case=case, for_person=mother, generated_by=worker, review=review, content={},
        regenerated_from=first,
    )  # fmt: skip
    before = table_counts()
    batch = services.batch_propose(actor=None)
    batch = services.batch_approve(actor=admin, batch=batch, expected_version=batch.version)
    services.batch_destroy(batch=batch, actor=None)
    after = table_counts()
    assert before["packs.familypack"] - after["packs.familypack"] == 2
    assert before["packs.redactionreview"] - after["packs.redactionreview"] == 1
    assert not FamilyPack.objects.exists()
