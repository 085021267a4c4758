"""One fictional case whose every free-text field holds hostile text from the XSS corpus.

The fields are found, not listed: every text field of every form in the map's record kinds
(`mapping.views.records.KINDS`), of the form for a person on the case and of the child's
form, and the note on a saved version. A new text field on any of those forms is filled
too, without this file changing.

Records are written through the same services the pages use (`KINDS[...].add`,
`case_member_add`, `child_update`, `map_version_save`), so what is stored is what a worker
typing into the forms would have stored. Payloads are spread over the fields (many to a
case, not a case per payload) until each has been used at least once.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases import services as case_services
from safetymap.cases.forms import ChildForm, MemberForm
from safetymap.cases.models import Case, CaseMember, Relationship
from safetymap.mapping import services as map_services
from safetymap.mapping.forms_versions import VersionSaveForm
from safetymap.mapping.models import MapVersion
from safetymap.mapping.views.records import KINDS
from tests.factories import AllocationFactory, CaseFactory, PersonFactory, TeamFactory, UserFactory
from tests.security.xss_payloads import PAYLOADS

# The map allows this many danger statements; each round of records adds one.
ROUNDS = 4


def text_fields(form: forms.Form) -> Iterator[tuple[str, int | None]]:
    """(name, max_length) of each free-text field of a form: its CharFields."""
    for name, form_field in form.fields.items():
        if isinstance(form_field, forms.CharField) and not isinstance(
            form_field.widget, forms.HiddenInput
        ):
            yield name, form_field.max_length


class PayloadPicker:
    """Hands out payloads: each unused one first (if it fits the field), then again."""

    def __init__(self, payloads: list[str]) -> None:
        self.unused = list(payloads)
        self.all = list(payloads)
        self.turn = 0

    def take(self, max_length: int | None) -> str:
        for index, payload in enumerate(self.unused):
            if max_length is None or len(payload) <= max_length:
                return self.unused.pop(index)
        for _ in range(len(self.all)):
            payload = self.all[self.turn % len(self.all)]
            self.turn += 1
            if max_length is None or len(payload) <= max_length:
                return payload
        raise AssertionError(f"No payload fits a field of {max_length} characters")


@dataclass
class Record:
    """One record on the case and the hostile text in each of its free-text fields now."""

    what: str  # a kind slug from records.KINDS, "member" or "child"
    row: Any
    edit_url: str
    texts: dict[str, str]


@dataclass
class XssCase:
    case: Case
    worker: User
    version: MapVersion
    records: list[Record]
    # Text a record held when the version was saved, before it was changed: shown on the
    # version page and in the comparison.
    replaced: list[str] = field(default_factory=list)

    @property
    def payloads(self) -> set[str]:
        """Every payload stored anywhere on the case (now or in the saved version)."""
        now = {value for record in self.records for value in record.texts.values()}
        return now | set(self.replaced) | {self.version.note}

    def edit_urls(self) -> list[str]:
        return [record.edit_url for record in self.records]

    def page_urls(self) -> dict[str, str]:
        """The pages that show the case's free text (not counting the edit forms)."""
        uuid = self.case.uuid
        compare = reverse("mapping:version_compare", kwargs={"case_uuid": uuid})
        return {
            "my cases": reverse("cases:my_cases"),
            "case overview": reverse("cases:case", kwargs={"case_uuid": uuid}),
            "map": reverse("mapping:map", kwargs={"case_uuid": uuid}),
            "scales": reverse("mapping:scales", kwargs={"case_uuid": uuid}),
            "versions": reverse("mapping:versions", kwargs={"case_uuid": uuid}),
            "version 1": reverse(
                "mapping:version", kwargs={"case_uuid": uuid, "number": self.version.number}
            ),
            "compare": f"{compare}?from={self.version.number}&to=current",
        }


def _fixed_values(slug: str, round_rows: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    """The values that are not free text, chosen so every text field is shown."""
    values: dict[str, Any] = {}
    if slug in ("harm", "complicating", "strength", "safety", "bottom-line", "statements"):
        values["family_view"] = "partly"  # the family's words are shown only when asked
    if slug == "harm":
        values["how_we_know"] = "seen"
    if slug == "safety":
        values["danger_present"] = True
    if slug == "goals":
        values.update(danger_statement=round_rows["statements"], kind="family", status="agreed")
    if slug == "next-steps":
        values.update(due_on=today + datetime.timedelta(days=7), goal=round_rows["goals"])
    if slug == "scales":
        values.update(
            danger_statement=round_rows["statements"],
            rated_on=today,
            rater_role="parent",
            score=2 * len(round_rows) % 11,
        )
    return values


def _record_edit_url(case: Case, slug: str, row: Any) -> str:
    return reverse(
        "mapping:record_edit", kwargs={"case_uuid": case.uuid, "kind": slug, "row_uuid": row.uuid}
    )


def build_xss_case() -> XssCase:
    """The case, its allocated worker, and the hostile text in each of its records."""
    picker = PayloadPicker(PAYLOADS)
    team = TeamFactory(name="Westmoor Child Protection")
    worker: Any = UserFactory(team=team, first_name="Rowan", last_name="Ashby")
    case: Any = CaseFactory(team=team, child=PersonFactory(first_name="Tilly", last_name="Marsh"))
    AllocationFactory(case=case, worker=worker, started_on=case.opened_on)
    today = timezone.localdate()
    records: list[Record] = []

    def fill(form: forms.Form) -> dict[str, str]:
        return {name: picker.take(limit) for name, limit in text_fields(form)}

    # The child: their names are on every case page, in page titles and in "My cases".
    child_texts = fill(ChildForm())
    child = case_services.child_update(
        actor=worker, case=case, expected_version=case.child.version, child=child_texts
    )
    child_edit = reverse("cases:child_edit", kwargs={"case_uuid": case.uuid})
    records.append(Record("child", child, child_edit, child_texts))

    rounds = 0
    while rounds < ROUNDS and (rounds == 0 or picker.unused):
        rounds += 1
        round_rows: dict[str, Any] = {}
        for slug, kind in KINDS.items():
            texts = fill(kind.make_form(case=case, versioned=False))
            row = kind.add(
                actor=worker, case=case, values={**texts, **_fixed_values(slug, round_rows, today)}
            )
            round_rows[slug] = row
            records.append(Record(slug, row, _record_edit_url(case, slug, row), texts))

        member_texts = fill(MemberForm(versioned=False))
        member: CaseMember = case_services.case_member_add(
            actor=worker,
            case=case,
            person={k: v for k, v in member_texts.items() if k in case_services.PERSON_FIELDS},
            membership={
                **{k: v for k, v in member_texts.items() if k in case_services.MEMBERSHIP_FIELDS},
                "relationship": Relationship.PROFESSIONAL,  # organisation is shown for these
            },
        )
        member_edit = reverse(
            "cases:member_edit", kwargs={"case_uuid": case.uuid, "member_uuid": member.uuid}
        )
        records.append(Record("member", member, member_edit, member_texts))

    note_limit = dict(text_fields(VersionSaveForm()))["note"]
    version = map_services.map_version_save(
        actor=worker, case=case, occasion="visit", note=picker.take(note_limit), saved_on=today
    )
    assert not picker.unused, f"{len(picker.unused)} payloads found no field"

    # Change the first record of each map kind after the version, so the comparison shows
    # old and new hostile text side by side.
    xss_case = XssCase(case=case, worker=worker, version=version, records=records)
    for slug, kind in KINDS.items():
        record = next(record for record in records if record.what == slug)
        row = kind.get(case, record.row.uuid)
        name, limit = next(text_fields(kind.make_form(case=case)))
        value = picker.take(limit)
        xss_case.replaced.append(record.texts[name])
        record.row = kind.update(
            actor=worker, row=row, expected_version=row.version, values={name: value}
        )
        record.texts[name] = value
    return xss_case
