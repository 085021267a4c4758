"""Every write of family packs: the redaction review, generating a pack, regenerating it,
and recording each download. Each writes its audit event (and, for anything that hands a
child's record out, an access event) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import dateformat, timezone

from safetymap.accounts.models import User
from safetymap.audit.services import access_record, audit_creation, audit_record
from safetymap.cases.models import Case, Person
from safetymap.cases.pack_registry import CHILD, FAMILY, pack_sections
from safetymap.cases.policies import can_edit_case
from safetymap.packs.models import Decision, FamilyPack, RedactionReview
from safetymap.packs.redaction import Detail, find_details, fingerprint, redact
from safetymap.packs.selectors import map_version_of

# What the access log says when a pack leaves the record (a print or an export).
GENERATED_WHAT = "Family pack: generated for printing (print)"
DOWNLOADED_WHAT = "Family pack: PDF downloaded (export)"
REVIEW_CHANGED = "What the pack would contain has changed since the review. Review the list again."
PACK_FIELDS = (
    "case",
    "for_person",
    "audience",
    "large_print",
    "generated_by",
    "review",
    "map_version",
    "map_changed_since_version",
    "section_versions",
    "regenerated_from",
)


def _require_editor(actor: User, case: Case) -> None:
    if not can_edit_case(actor, case):
        raise PermissionDenied("You can read this case but not change it.")


def pack_draft(*, case: Case, for_person: Person, audience: str = FAMILY) -> dict[str, Any]:
    """Everything the pack would say now, before other people's details are held back."""
    sections = []
    for section in pack_sections(audience):
        built = section.context(case, for_person)
        if built is not None:
            sections.append(
                {
                    "key": section.key,
                    "title": section.title,
                    "template": section.template,
                    "version": built.version,
                    "data": built.data,
                }
            )
    header = {
        "council": settings.SAFETYMAP_COUNCIL_NAME,
        "child": case.child.name_used,
        "child_full_name": case.child.full_name,
        "for": for_person.full_name,
        "reference": case.reference,
        "date": dateformat.format(timezone.localdate(), "j F Y"),
        "audience": audience,
    }
    return {"header": header, "sections": sections}


def details_to_review(
    *, case: Case, for_person: Person, audience: str = FAMILY
) -> tuple[list[Detail], str]:
    """Other people's details the pack would contain now, and a fingerprint of the list."""
    draft = pack_draft(case=case, for_person=for_person, audience=audience)
    details = find_details(case, for_person, draft)
    return details, fingerprint(details)


def _decision_rows(
    details: list[Detail], decisions: Mapping[str, tuple[str, str]]
) -> list[dict[str, Any]]:
    rows = []
    for detail in details:
        decision, reason = decisions.get(detail.id, ("", ""))
        if decision not in Decision.values:
            raise ValidationError(f"Say whether to hold back or release: {detail.label}")
        if decision == Decision.RELEASE and not reason.strip():
            raise ValidationError(f"Say why it is safe to release: {detail.label}")
        rows.append(
            {
                "id": detail.id,
                "kind": detail.kind,
                "text": detail.text,
                "whose": detail.whose,
                "found_in": list(detail.found_in),
                "decision": decision,
                "reason": reason.strip(),
            }
        )
    return rows


@transaction.atomic
def redaction_review_record(
    *,
    actor: User,
    case: Case,
    for_person: Person,
    found: str,
    decisions: Mapping[str, tuple[str, str]],
    audience: str = FAMILY,
) -> RedactionReview:
    """Record a worker's decision (hold back or release, with a reason to release) on every
    detail found. `found` is the fingerprint of the list the worker saw: if the pack's
    content has changed since, nothing is recorded."""
    _require_editor(actor, case)
    details, now_found = details_to_review(case=case, for_person=for_person, audience=audience)
    if now_found != found:
        raise ValidationError(REVIEW_CHANGED)
    review = RedactionReview.objects.create(
        case=case,
        for_person=for_person,
        reviewed_by=actor,
        found=found,
        decisions=_decision_rows(details, decisions),
    )
    held = sum(1 for row in review.decisions if row["decision"] == Decision.HOLD_BACK)
    audit_creation(
        actor=actor,
        target=review,
        fields=("case", "for_person", "reviewed_by", "decisions"),
        case_uuid=case.uuid,
        summary=(
            f"Family pack redaction reviewed: {held} of {len(review.decisions)} details held back"
        ),
    )
    return review


def _create_pack(*, actor: User, basis: str, fields: dict[str, Any], summary: str) -> FamilyPack:
    pack = FamilyPack.objects.create(generated_by=actor, **fields)
    audit_creation(
        actor=actor, target=pack, fields=PACK_FIELDS, case_uuid=pack.case.uuid, summary=summary
    )
    access_record(actor=actor, case_uuid=pack.case.uuid, what=GENERATED_WHAT, basis=basis)
    return pack


@transaction.atomic
def family_pack_generate(
    *,
    actor: User,
    case: Case,
    for_person: Person,
    large_print: bool,
    review: RedactionReview,
    basis: str,
    audience: str = FAMILY,
) -> FamilyPack:
    """Make a pack from the map as it is now, holding back what the review held back.

    Refused unless `review` is a review, for this case and this person, of exactly the
    details the pack would now contain."""
    _require_editor(actor, case)
    if review.case_id != case.pk or review.for_person_id != for_person.pk:
        raise ValidationError("Review the other people's details for this pack first.")
    draft = pack_draft(case=case, for_person=for_person, audience=audience)
    details = find_details(case, for_person, draft)
    if fingerprint(details) != review.found:
        raise ValidationError(REVIEW_CHANGED)
    held_ids = {row["id"] for row in review.decisions if row["decision"] == Decision.HOLD_BACK}
    held = [detail for detail in details if detail.id in held_ids]
    content = {
        "header": redact(draft["header"], held),
        "sections": [
            {**section, "data": redact(section["data"], held)} for section in draft["sections"]
        ],
    }
    map_version, changed_since = map_version_of(case)
    return _create_pack(
        actor=actor,
        basis=basis,
        fields={
            "case": case,
            "for_person": for_person,
            "audience": audience,
            "large_print": large_print,
            "review": review,
            "map_version": map_version,
            "map_changed_since_version": changed_since,
            "section_versions": {s["key"]: s["version"] for s in content["sections"]},
            "content": content,
        },
        summary=f"{'Child' if audience == CHILD else 'Family'} pack generated for "
        f"{for_person.full_name}",
    )


@transaction.atomic
def family_pack_regenerate(*, actor: User, pack: FamilyPack, basis: str) -> FamilyPack:
    """The same document again, word for word, from what the first one stored."""
    _require_editor(actor, pack.case)
    original = pack.regenerated_from or pack
    return _create_pack(
        actor=actor,
        basis=basis,
        fields={
            "case": pack.case,
            "for_person": pack.for_person,
            "audience": pack.audience,
            "large_print": pack.large_print,
            "review": pack.review,
            "map_version": pack.map_version,
            "map_changed_since_version": pack.map_changed_since_version,
            "section_versions": pack.section_versions,
            "content": pack.content,
            "regenerated_from": original,
        },
        summary=f"{pack.kind_label} for {pack.for_person.full_name} regenerated",
    )


@transaction.atomic
def family_pack_download_record(*, actor: User, pack: FamilyPack, basis: str) -> None:
    """A PDF of the pack leaves the record: an access event and an audit event."""
    access_record(actor=actor, case_uuid=pack.case.uuid, what=DOWNLOADED_WHAT, basis=basis)
    audit_record(
        actor=actor,
        action="download",
        target=pack,
        changes={"format": "pdf", "large_print": pack.large_print},
        case_uuid=pack.case.uuid,
        summary=f"{pack.kind_label} for {pack.for_person.full_name} downloaded as PDF",
    )
