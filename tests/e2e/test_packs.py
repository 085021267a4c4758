"""A worker makes a family pack for Kian's dad: checks other people's details (Mum's new
address is held back), makes the pack, prints it and downloads the PDF — and the pages pass
axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from safetymap.packs.models import FamilyPack
from safetymap.packs.tests.conftest import SHARED_STRENGTH, Family, family  # noqa: F401
from safetymap.packs.tests.pdftext import pdf_text
from tests.e2e.test_map_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_reviews_redactions_and_makes_a_family_pack(
    page: Page,
    family: Family,  # noqa: F811  (the packs tests' family, imported above)
    assert_accessible: Callable[..., Any],
) -> None:
    sign_in(page, family.worker.username)
    page.goto(f"/cases/{family.case.uuid}/")
    page.get_by_role("link", name="Family documents").click()
    expect(page.get_by_role("heading", name="Family documents")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Create a family pack").click()
    page.get_by_label("Darren Cole (Father)").check()
    page.get_by_label("No, standard size").check()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    # The list of other people's details, each with a suggestion already chosen.
    expect(page.get_by_role("heading", name="Check other people's details")).to_be_visible()
    address = page.get_by_role("group", name=re.compile("Address of Kian Hughes"))
    expect(address.get_by_label("Hold back")).to_be_checked()
    joan = page.get_by_role("group", name=re.compile("Name of Joan Pike"))
    expect(joan).to_contain_text("asked not to be named")
    assert_accessible(page)

    # Releasing an address needs a reason.
    address.get_by_label("Release").check()
    page.get_by_role("button", name="Save the review and make the pack").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why it is safe to release")
    assert not FamilyPack.objects.exists()
    page.get_by_role("group", name=re.compile("Address of Kian Hughes")).get_by_label(
        "Hold back"
    ).check()
    page.get_by_role("button", name="Save the review and make the pack").click()

    # The printable page: the shared map, nothing held back.
    expect(
        page.get_by_role("heading", name="Information for Darren Cole about Kian")
    ).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text(SHARED_STRENGTH)
    expect(main).not_to_contain_text("Birch Road")
    expect(main).to_contain_text("[held back]")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a PDF").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF") and "Birch Road" not in pdf_text(pdf)

    page.get_by_role("link", name="Back to family documents").click()
    expect(page.get_by_role("table")).to_contain_text("Darren Cole")
    page.get_by_role("button", name=re.compile("Make again")).click()
    expect(
        page.get_by_role("heading", name="Information for Darren Cole about Kian")
    ).to_be_visible()
    assert FamilyPack.objects.count() == 2


def test_a_worker_sees_plain_language_advice_and_makes_a_child_pack(
    page: Page,
    family: Family,  # noqa: F811  (the packs tests' family, imported above)
    assert_accessible: Callable[..., Any],
) -> None:
    from safetymap.packs.tests import practice
    from safetymap.plain_language.tests.conftest import load_starter_glossary
    from safetymap.words_pictures.models import StoryKind

    load_starter_glossary()  # a transactional test empties the data migration's rows
    practice.add_story(family, StoryKind.EXPLANATION, practice.STORY_WORDS)
    practice.add_story(family, StoryKind.SAFETY_PLAN, "Mum will ring the LADO if dad comes.")
    sign_in(page, family.worker.username)
    page.goto(f"/cases/{family.case.uuid}/family-documents/")
    page.get_by_role("link", name="Create a child pack").click()
    expect(page.get_by_role("heading", name="Create a child pack")).to_be_visible()
    page.get_by_label("No, standard size").check()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    # Before the pack is made: what the checker found, by section, as advice only.
    advice = page.locator(".app-pack-plain-language")
    expect(advice.get_by_role("heading", name="Plain language")).to_be_visible()
    expect(advice.get_by_role("heading", name="My safety plan")).to_be_visible()
    expect(advice).to_contain_text("LADO")
    assert_accessible(page)
    for group in page.get_by_role("group").all():
        release = group.get_by_label("Release")
        if release.count():
            release.check()
    for reason in page.get_by_label(re.compile("Why is it safe to release")).all():
        reason.fill("Kian knows everyone named in his story")
    page.get_by_role("button", name="Save the review and make the pack").click()

    # The child's book: the story with its picture, and nothing from the map.
    expect(page.get_by_role("heading", name="A book for Kian")).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text(practice.STORY_WORDS)
    expect(
        main.get_by_role("img", name="Kian and his mum outside their house").first
    ).to_be_visible()
    expect(main).not_to_contain_text(SHARED_STRENGTH)
    assert_accessible(page)
    pack = FamilyPack.objects.get()
    assert pack.audience == "child"

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a PDF").click()
    text = pdf_text(download.value.path().read_bytes())
    assert practice.STORY_WORDS in text and SHARED_STRENGTH not in text
