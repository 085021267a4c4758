"""The safety plan and the child's words in a family pack; the child pack (the Words and
Pictures story and the child's version of the plan), read back from the PDF."""

from __future__ import annotations

import io

import pypdf
import pytest

from safetymap.packs import services
from safetymap.packs.models import FamilyPack
from safetymap.packs.rendering import render_pack_pdf
from safetymap.safety_plans import services as plans
from safetymap.words_pictures import services as stories
from safetymap.words_pictures.models import StoryKind

from . import practice
from .conftest import NOT_SHARED, SHARED_STRENGTH, STATEMENT, Family, make_pack
from .pdftext import pdf_text

pytestmark = pytest.mark.django_db


def make_child_pack(family: Family) -> FamilyPack:
    return make_pack(family, audience="child")


def test_the_family_pack_has_the_plan_in_adult_words(family: Family) -> None:
    version = practice.add_plan(family)
    pack = make_pack(family, family.mum, release=("name",))
    text = pdf_text(render_pack_pdf(pack))
    for present in (
        "Our safety plan",
        practice.RULE,
        practice.WHO_CHECKS,
        "Every Friday",
        "Leanne Hughes",
        family.worker.display_name,
        practice.SIGN,
        practice.WHAT_TO_DO,
        practice.WORKING,
        practice.NOT_WORKING,
        "Who agreed the plan",
        "We will look at the plan again together on",
    ):
        assert present in text
    assert practice.RULE_FOR_KIAN not in text  # the child's words are for the child's pack
    expected = f"Plan {version.plan.number}, version {version.number} (Agreed)"
    assert pack.section_versions["plan"] == expected


def test_a_case_without_a_plan_in_force_has_no_plan_section(family: Family) -> None:
    plans.safety_plan_create(actor=family.worker, case=family.case, kind="immediate", title="Draft")
    pack = make_pack(family, family.mum, release=("name",))
    assert "plan" not in pack.section_versions


def test_making_again_keeps_the_plan_as_it_was(family: Family) -> None:
    practice.add_plan(family)
    pack = make_pack(family, family.mum, release=("name",))
    first = pdf_text(render_pack_pdf(pack))
    practice.add_plan(family, rule="Leanne will change the locks this week.")
    again = services.family_pack_regenerate(actor=family.worker, pack=pack, basis="team")
    assert pdf_text(render_pack_pdf(again)) == first
    assert again.section_versions == pack.section_versions
    fresh = make_pack(family, family.mum, release=("name",))
    assert "change the locks" in pdf_text(render_pack_pdf(fresh))


def test_other_peoples_details_in_the_plan_are_held_back(family: Family) -> None:
    practice.add_plan(family, rule="Darren will not ring 07700 900123 from a new number.")
    pack = make_pack(family, family.mum, release=("name",))
    held = [row for row in pack.held_back if row["kind"] == "phone"]
    assert any("Our safety plan" in row["found_in"] for row in held)
    assert "900123" not in pdf_text(render_pack_pdf(pack))


def test_only_the_words_the_child_shared_with_parents_and_overrides_marked(family: Family) -> None:
    practice.add_voice(family)
    pack = make_pack(family, family.mum, release=("name",))
    text = pdf_text(render_pack_pdf(pack))
    assert practice.SHARED_WORDS in text
    assert practice.PRIVATE_WORDS not in text
    assert practice.OVERRIDDEN_WORDS in text
    assert "Kian did not agree to share this" in text and practice.OVERRIDE_REASON in text
    section = next(s for s in pack.content["sections"] if s["key"] == "child_words")
    assert section["data"]["drawings"][0]["picture"].startswith("data:image/jpeg;base64,")
    assert pack.section_versions["child_words"].startswith("Sessions: Three Houses")


def test_the_child_pack_has_the_story_and_the_childs_plan_and_nothing_else(family: Family) -> None:
    practice.add_plan(family)
    practice.add_voice(family)
    practice.add_story(family, StoryKind.EXPLANATION, practice.STORY_WORDS)
    practice.add_story(family, StoryKind.SAFETY_PLAN, practice.PLAN_STORY_WORDS)
    pack = make_child_pack(family)
    text = pdf_text(render_pack_pdf(pack))
    assert "A book for Kian" in text
    for present in ("My story", "My safety plan", practice.PLAN_STORY_WORDS):
        assert present in text
    # Everything found was held back, the mother's name too.
    assert practice.STORY_WORDS.replace("Leanne", "[held back]") in text
    for absent in (
        NOT_SHARED,
        SHARED_STRENGTH,
        STATEMENT,
        practice.RULE,
        practice.SHARED_WORDS,
        practice.PRIVATE_WORDS,
        "Who to contact",
    ):
        assert absent not in text
    assert pack.audience == "child" and str(pack).startswith("Child pack")
    assert set(pack.section_versions) == {"story", "child_plan"}
    assert pack.section_versions["story"] == "Explanation story, version 1"


def test_the_child_pack_carries_the_pictures(family: Family) -> None:
    practice.add_story(family, StoryKind.EXPLANATION, practice.STORY_WORDS)
    pack = make_child_pack(family)
    panel = pack.content["sections"][0]["data"]["panels"][0]
    assert panel["picture"].startswith("data:image/jpeg;base64,")
    assert panel["picture_description"] == "Kian and his mum outside their house"
    reader = pypdf.PdfReader(io.BytesIO(render_pack_pdf(pack)))
    assert sum(len(page.images) for page in reader.pages) == 1


def test_a_draft_story_is_not_given_to_the_child(family: Family) -> None:
    stories.story_start(actor=family.worker, case=family.case, kind=StoryKind.EXPLANATION)
    pack = make_child_pack(family)
    assert pack.content["sections"] == []
