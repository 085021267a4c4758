"""Making family packs: the review comes first, held-back details never reach the pack,
every pack is recorded, and making one again gives exactly the same document."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.mapping import services as map_services
from safetymap.mapping.models import Part
from safetymap.packs import services
from safetymap.packs.models import FamilyPack
from safetymap.packs.redaction import HELD_BACK

from .conftest import NOT_SHARED, SHARED_STRENGTH, Family, make_pack

pytestmark = pytest.mark.django_db


def _text(pack: FamilyPack) -> str:
    return str(pack.content)


def test_a_pack_cannot_be_made_without_a_review_for_that_person(family: Family) -> None:
    review = make_pack(family, family.mum).review
    with pytest.raises(ValidationError, match="Review the other people's details"):
        services.family_pack_generate(
            actor=family.worker, case=family.case, for_person=family.dad,
            large_print=False, review=review, basis="team",
        )  # fmt: skip


def test_a_review_of_what_has_since_changed_is_refused(family: Family) -> None:
    details, found = services.details_to_review(case=family.case, for_person=family.mum)
    review = services.redaction_review_record(
        actor=family.worker, case=family.case, for_person=family.mum, found=found,
        decisions={d.id: ("hold_back", "") for d in details},
    )  # fmt: skip
    map_services.map_item_add(
        actor=family.worker, case=family.case, part=Part.COMPLICATING,
        values={"text": "Darren is staying at 27 Mill Lane, round the corner from school."},
    )  # fmt: skip
    with pytest.raises(ValidationError, match="changed since the review"):
        services.family_pack_generate(
            actor=family.worker, case=family.case, for_person=family.mum,
            large_print=False, review=review, basis="team",
        )  # fmt: skip
    assert not FamilyPack.objects.exists()


def test_every_detail_needs_a_decision_and_release_needs_a_reason(family: Family) -> None:
    details, found = services.details_to_review(case=family.case, for_person=family.dad)
    record = services.redaction_review_record
    with pytest.raises(ValidationError, match="Say whether to hold back or release"):
        record(actor=family.worker, case=family.case, for_person=family.dad, found=found,
               decisions={})  # fmt: skip
    with pytest.raises(ValidationError, match="Say why it is safe to release"):
        record(actor=family.worker, case=family.case, for_person=family.dad, found=found,
               decisions={d.id: ("release", " ") for d in details})  # fmt: skip


def test_held_back_details_are_replaced_and_only_shared_items_go_in(family: Family) -> None:
    pack = make_pack(family, family.dad)
    text = _text(pack)
    assert "walks Kian to school every morning" in text
    assert NOT_SHARED not in text
    assert "Birch Road" not in text and "EB4 2QT" not in text and "Joan" not in text
    assert HELD_BACK in text
    assert {d["decision"] for d in pack.review.decisions} == {"hold_back"}


def test_released_details_stay(family: Family) -> None:
    pack = make_pack(family, family.mum, release=("name",))
    assert "Joan Pike heard shouting" in _text(pack)
    assert SHARED_STRENGTH in _text(pack)


def test_a_pack_records_who_when_which_versions_and_what_it_said(family: Family) -> None:
    pack = make_pack(family, family.dad, large_print=True)
    assert (pack.generated_by, pack.for_person, pack.large_print) == (
        family.worker, family.dad, True,
    )  # fmt: skip
    assert (pack.map_version, pack.map_changed_since_version) == (1, False)
    assert pack.section_versions["map"] == "Map version 1"
    assert set(pack.section_versions) == {"map", "statements", "scales", "next_steps", "contacts"}
    assert pack.content["header"]["for"] == "Darren Cole"


def test_a_map_changed_since_its_last_version_is_recorded(family: Family) -> None:
    map_services.map_item_add(
        actor=family.worker, case=family.case, part=Part.STRENGTH, values={"text": "Kian swims."}
    )
    pack = make_pack(family, family.dad)
    assert (pack.map_version, pack.map_changed_since_version) == (1, True)
    assert pack.section_versions["map"] == "Map version 1 with changes made since"


def test_making_and_reviewing_are_audited_and_making_is_an_access_event(family: Family) -> None:
    pack = make_pack(family, family.dad)
    actions = set(
        AuditEvent.objects.filter(
            case_uuid=family.case.uuid, object_type__startswith="packs."
        ).values_list("object_type", "action")
    )
    assert actions == {("packs.redactionreview", "create"), ("packs.familypack", "create")}
    event = AccessEvent.objects.get(what=services.GENERATED_WHAT)
    assert (event.actor, event.case_uuid, event.basis) == (family.worker, pack.case.uuid, "team")


def test_making_again_copies_the_stored_content_even_after_the_map_changed(family: Family) -> None:
    pack = make_pack(family, family.dad)
    map_services.map_item_add(
        actor=family.worker, case=family.case, part=Part.STRENGTH, values={"text": "Kian swims."}
    )
    again = services.family_pack_regenerate(actor=family.worker, pack=pack, basis="team")
    assert again.content == pack.content and "Kian swims" not in _text(again)
    assert again.regenerated_from == pack
    assert (
        services.family_pack_regenerate(
            actor=family.worker, pack=again, basis="team"
        ).regenerated_from
        == pack
    )


def test_only_people_who_may_change_the_case_make_packs(family: Family, reader) -> None:
    _, found = services.details_to_review(case=family.case, for_person=family.dad)
    with pytest.raises(PermissionDenied):
        services.redaction_review_record(
            actor=reader, case=family.case, for_person=family.dad, found=found, decisions={}
        )
    pack = make_pack(family)
    with pytest.raises(PermissionDenied):
        services.family_pack_regenerate(actor=reader, pack=pack, basis="team")


def test_downloading_is_an_access_event_and_an_audit_event(family: Family, reader) -> None:
    pack = make_pack(family)
    services.family_pack_download_record(actor=reader, pack=pack, basis="team")
    assert AccessEvent.objects.filter(actor=reader, what=services.DOWNLOADED_WHAT).count() == 1
    assert AuditEvent.objects.get(actor=reader, action="download").object_uuid == pack.uuid
