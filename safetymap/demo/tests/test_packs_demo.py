"""The demo council's documents: family packs carrying the safety plan on many cases, and
child packs with the children's Words and Pictures stories."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from safetymap.packs.models import FamilyPack
from safetymap.words_pictures.tests.conftest import media_root  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("media_root")


@pytest.mark.django_db
def test_demo_cases_have_family_packs_with_plans_and_child_packs() -> None:
    call_command("seed_demo", families=16, stdout=io.StringIO())
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
