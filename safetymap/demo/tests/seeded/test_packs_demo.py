"""The demo council's documents: family packs carrying the safety plan on many cases, and
child packs with the children's Words and Pictures stories."""

from __future__ import annotations

import pytest

from safetymap.packs.models import FamilyPack

pytestmark = pytest.mark.xdist_group("demo_council")


@pytest.mark.django_db
def test_demo_cases_have_family_packs_with_plans_and_child_packs(demo_council: str) -> None:
    family = FamilyPack.objects.filter(audience="family")
    child = FamilyPack.objects.filter(audience="child")
    with_plan = [pack for pack in family if "plan" in pack.section_versions]
    assert len(with_plan) >= 3
    assert child.count() >= 3
    for pack in child:
        assert pack.for_person == pack.case.child
        assert set(pack.section_versions) <= {"story", "child_plan"}
        assert "story" in pack.section_versions
    assert any("child_plan" in pack.section_versions for pack in child)
