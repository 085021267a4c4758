"""Finding other people's details in a pack, and holding them back."""

from __future__ import annotations

import pytest

from safetymap.packs.redaction import HELD_BACK, Kind, find_details, redact
from safetymap.packs.services import pack_draft

from .conftest import DADS_ADDRESS, MUMS_PHONE, Family

pytestmark = pytest.mark.django_db


def _found(family: Family, for_person):
    content = pack_draft(case=family.case, for_person=for_person)
    return content, find_details(family.case, for_person, content)


def test_a_pack_for_dad_lists_mums_address_found_by_street_and_postcode(family: Family) -> None:
    _, details = _found(family, family.dad)
    addresses = [d for d in details if d.kind == Kind.ADDRESS]
    assert len(addresses) == 1  # the child's and mum's address, listed once
    assert "Leanne Hughes (Mother)" in addresses[0].whose
    assert "Kian Hughes (the child)" in addresses[0].whose
    assert addresses[0].found_in == ("The map",)
    assert addresses[0].suggested == "hold_back"


def test_the_person_the_pack_is_for_keeps_their_own_details(family: Family) -> None:
    _, details = _found(family, family.mum)
    assert all("Leanne Hughes" not in d.whose for d in details)
    # Mum's pack does not mention dad's address, so there is nothing of his to review but his name.
    assert [d.kind for d in details if "Darren" in d.whose] == [Kind.NAME]


def test_someone_who_asked_not_to_be_named_is_suggested_for_holding_back(family: Family) -> None:
    _, details = _found(family, family.mum)
    joan = next(d for d in details if "Joan Pike" in d.whose)
    assert (joan.kind, joan.suggested) == (Kind.NAME, "hold_back")
    assert "asked not to be named" in joan.why
    darren = next(d for d in details if "Darren Cole" in d.whose)
    assert darren.suggested == "release"


def test_phone_numbers_are_found_however_they_are_spaced(family: Family) -> None:
    content = {"header": {}, "sections": [{"title": "Plan", "data": {"call": "Ring 077009 00456"}}]}
    details = find_details(family.case, family.dad, content)
    phone = next(d for d in details if d.kind == Kind.PHONE)
    assert phone.text == MUMS_PHONE
    assert redact(content, [phone])["sections"][0]["data"]["call"] == f"Ring {HELD_BACK}"


def test_details_not_in_the_pack_are_not_listed(family: Family) -> None:
    _, details = _found(family, family.mum)
    assert DADS_ADDRESS not in [d.text for d in details]
