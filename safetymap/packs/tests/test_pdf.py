"""The PDF a family is given, read back as text."""

from __future__ import annotations

import pytest

from safetymap.mapping import services as map_services
from safetymap.mapping.models import Part
from safetymap.packs import services
from safetymap.packs.rendering import render_pack_pdf

from .conftest import GOAL, NOT_SHARED, SHARED_STRENGTH, STATEMENT, STEP, Family, make_pack
from .pdftext import pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


def test_the_pdf_has_the_shared_map_and_nothing_held_back(family: Family) -> None:
    text = pdf_text(render_pack_pdf(make_pack(family, family.dad)))
    for shared in ("walks Kian to school every morning", STATEMENT.replace("Leanne", "[held back]"),
                   GOAL, STEP.replace("Leanne", "[held back]"), "Who to contact", "01632 960 999",
                   "Information for Darren Cole about Kian"):  # fmt: skip
        assert shared in text
    for absent in (NOT_SHARED, "Birch Road", "EB4 2QT", "Joan", "Pike", "Leanne"):
        assert absent not in text
    assert "[held back]" in text


def test_unshared_statements_take_their_goals_with_them(family: Family) -> None:
    statement = family.case.danger_statements.get()
    map_services.danger_statement_update(
        actor=family.worker, statement=statement, expected_version=statement.version,
        values={"shared_with_family": False},
    )  # fmt: skip
    text = pdf_text(render_pack_pdf(make_pack(family, family.mum, release=("name",))))
    assert SHARED_STRENGTH in text
    assert "shouts" not in text and GOAL not in text


def test_large_print_is_bigger(family: Family) -> None:
    standard = render_pack_pdf(make_pack(family, family.dad))
    large = render_pack_pdf(make_pack(family, family.dad, large_print=True))
    assert len(pdf_pages(large)) > len(pdf_pages(standard))
    assert "Large print" in pdf_text(large) and "Large print" not in pdf_text(standard)
    assert "walks Kian to school every morning" in pdf_text(large)


def test_making_again_gives_the_same_text_after_the_map_changed(family: Family) -> None:
    pack = make_pack(family, family.dad)
    first = pdf_text(render_pack_pdf(pack))
    map_services.map_item_add(
        actor=family.worker, case=family.case, part=Part.STRENGTH,
        values={"text": "Kian has started swimming lessons."},
    )  # fmt: skip
    again = services.family_pack_regenerate(actor=family.worker, pack=pack, basis="team")
    assert pdf_text(render_pack_pdf(again)) == first
    assert "swimming" not in first
