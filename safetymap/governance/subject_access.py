"""Everything SafetyMap holds about one person, as one JSON document (a subject access
request). The PDF is drawn from the same document, so the two always agree.

The document (format "safetymap-subject-access", version 1) has these keys; dates are ISO
8601 (`YYYY-MM-DD`), times ISO 8601 with their offset, codes have a `*_label` beside them:

    export      council, service, generated_at, generated_by {name, username},
                request_reference, format, format_version
    notes       plain-English notes on what is included and how things were matched
    subject     the person's own record: uuid, first_name, last_name, known_as,
                date_of_birth, gender, address, phone, organisation, created_at, updated_at
    cases       one entry per case the person is the child of or is recorded on:
                  uuid, reference, subject_is ("child" or "person on the case"),
                  service_level, team, opened_on, closed_on
                  if they are the child:
                    summary, people (everyone recorded on the case, each flagged
                    third_party with a redaction_id), workers (allocations),
                    service_level_history, map {items, danger_statements, goals,
                    next_steps, scale_ratings} as it stands, map_versions (saved
                    versions: number, saved_on, saved_by, occasion, service_level, note)
                  and what the child's voice, Words and Pictures, the safety network,
                  safety plans and family packs hold (see subject_access_apps)
                  if they are someone on the case:
                    child (the child, flagged third_party), relationship (their
                    relationship, details, notes, added_at, removed_at), and what
                    those apps record about them (see subject_access_apps)
    scale_ratings_given
                ratings they gave on any case, each with matched_by ("person record":
                linked to them; "rater name": the name typed matches theirs exactly)
    audit_events
                every recorded change to their records: their person record, their
                place on each case, the ratings they gave, and, for cases where they are
                the child, everything on the case. Each: occurred_at, by, action,
                record_type, record_uuid, case_reference, summary, changes. Changes to
                another person's record are flagged third_party with a redaction_id.
    redaction_candidates
                every other person found in the export (see `redaction`): id ("R1"),
                name, kind, description, details_held, appears_in (JSON pointers)

Any entry (an element of a list) whose text names another person carries
`mentions_third_parties: ["R1", ...]`.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.audit.models import AuditEvent
from safetymap.cases.models import (
    Allocation,
    Case,
    CaseMember,
    Person,
    Relationship,
    ServiceLevel,
    ServiceLevelChange,
)
from safetymap.governance import subject_access_apps as apps_held
from safetymap.governance.redaction import STAFF_RATER_ROLES, Candidate, ThirdParties
from safetymap.mapping.models import MapVersion, Occasion, Part, RaterRole, ScaleRating
from safetymap.mapping.picture import CHOICE_LABELS
from safetymap.mapping.snapshot import build_snapshot

FORMAT = "safetymap-subject-access"
FORMAT_VERSION = 1


NOTES = [
    "This export holds everything SafetyMap records about the person: their own record, "
    "every case they are the child of or are recorded on, the ratings they gave and "
    "every recorded change to those records.",
    "For cases where they are the child, the map is shown as it stands today. Saved "
    "versions of the map are listed; what earlier versions and removed entries said is in "
    "the audit trail, which records every entry as it was added, changed and removed.",
    "Scale ratings count as theirs when the rating is linked to their person record, or "
    "when the name typed for the rater is exactly their full name, first name or the name "
    "they are known by, on a case they are part of. Ratings typed under a role (for "
    "example 'Mum') are not matched: check the ratings on the cases listed.",
    "Other people's details are flagged for redaction review by matching the names, "
    "addresses and telephone numbers recorded for the other people on these cases, the "
    "names typed for other raters, and the names of staff who worked on the cases. Names "
    "spelt differently, nicknames and people never recorded on a case are not found: the "
    "reviewer must still read every page.",
    "Staff names in fields such as 'saved by' and 'changed by' record their professional "
    "role and are not flagged.",
    "For someone on a child's case, a child's voice session is listed when the record of "
    "which parent was told about it contains their name; the network, safety plan, Words "
    "and Pictures and family pack records are those linked to their place on the case.",
]

AUDITED_TYPES = {
    "cases.person": "Person",
    "cases.case": "Case",
    "cases.casemember": "Person on the case",
    "cases.allocation": "Allocation",
    "cases.servicelevelchange": "Service level change",
    "mapping.mapitem": "Map entry",
    "mapping.dangerstatement": "Danger statement",
    "mapping.safetygoal": "Safety goal",
    "mapping.nextstep": "Next step",
    "mapping.scalerating": "Scale rating",
    "mapping.mapversion": "Saved version of the map",
    **apps_held.AUDITED_TYPES,
}


@dataclass
class SubjectAccessExport:
    data: dict[str, Any]
    third_parties: ThirdParties
    case_uuids: list[uuid.UUID]


def _text(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _staff(user: User | None) -> str:
    return user.display_name if user is not None else ""


def _person(person: Person) -> dict[str, Any]:
    return {
        "uuid": str(person.uuid),
        "first_name": person.first_name,
        "last_name": person.last_name,
        "name": person.full_name,
        "known_as": person.known_as,
        "date_of_birth": _text(person.date_of_birth),
        "gender": person.gender,
        "address": person.address,
        "phone": person.phone,
        "organisation": person.organisation,
    }


def _labelled(row: dict[str, Any]) -> dict[str, Any]:
    shown = dict(row)
    for key, labels in CHOICE_LABELS.items():
        if key in shown:
            shown[f"{key}_label"] = labels.get(shown[key], "")
    return shown


def _map(case: Case) -> dict[str, Any]:
    snapshot = build_snapshot(case)
    return {
        "items": [_labelled(row) for row in snapshot["items"]],
        "danger_statements": [_labelled(row) for row in snapshot["danger_statements"]],
        "goals": [_labelled(row) for row in snapshot["goals"]],
        "next_steps": [_labelled(row) for row in snapshot["next_steps"]],
        "scale_ratings": [_labelled(row) for row in snapshot["ratings"]],
    }


def _subject_names(person: Person) -> list[str]:
    names = {person.full_name, person.first_name, person.known_as}
    if person.known_as and person.last_name:
        names.add(f"{person.known_as} {person.last_name}")
    return [name for name in names if name.strip()]


def build_subject_access_export(
    *, person: Person, actor: User, request_reference: str = ""
) -> SubjectAccessExport:
    """Everything held about `person` (fetched with its cases and memberships), ready to
    be written as JSON or drawn as a PDF. A fixed number of queries per case the person is
    the child of, and a fixed number for everything else."""
    child_cases = list(person.cases.all())
    memberships = list(person.memberships.all())
    member_cases = {m.case_id: m.case for m in memberships}
    all_cases = {case.pk: case for case in child_cases} | member_cases
    child_case_ids = [case.pk for case in child_cases]
    teams = dict(
        Case.objects.filter(pk__in=all_cases).values_list("pk", "team__name")
    )  # one query for every case's team name

    everyone_on_cases = list(
        CaseMember.objects.filter(case__in=list(all_cases))
        .select_related("person")
        .order_by("case_id", "created_at", "id")
    )
    allocations = list(
        Allocation.objects.filter(case__in=list(all_cases))
        .select_related("worker")
        .order_by("case_id", "started_on", "id")
    )
    level_changes = list(
        ServiceLevelChange.objects.filter(case__in=child_case_ids)
        .select_related("changed_by")
        .order_by("case_id", "changed_on", "created_at")
    )
    versions = list(
        MapVersion.objects.filter(case__in=child_case_ids)
        .select_related("saved_by")
        .defer("snapshot")
        .order_by("case_id", "number")
    )
    name_match = Q()
    for name in _subject_names(person):
        name_match |= Q(rater_name__iexact=name)
    ratings_given = list(
        ScaleRating.objects.filter(Q(person=person) | (Q(case__in=list(all_cases)) & name_match))
        .select_related("case", "danger_statement")
        .order_by("rated_on", "created_at", "id")
    )

    # Other people first, so their numbers come first; staff last, since only those named
    # in free text are listed.
    third_parties = ThirdParties(person)
    other_rows: dict[uuid.UUID, Candidate] = {}
    for member in everyone_on_cases:
        if member.person_id == person.pk:
            continue
        case = all_cases[member.case_id]
        candidate = third_parties.add_person(
            member.person, f"{member.get_relationship_display()} on case {case.reference}"
        )
        if candidate is not None:
            other_rows[member.person.uuid] = other_rows[member.uuid] = candidate
    for membership in memberships:
        case = membership.case
        candidate = third_parties.add_person(case.child, f"Child on case {case.reference}")
        if candidate is not None:
            other_rows[case.child.uuid] = candidate

    def flag(other: Person) -> dict[str, Any]:
        """Another person named in a record, flagged for redaction review."""
        if other.pk == person.pk:
            return {}
        candidate = third_parties.add_person(other, "Named in records on the case")
        return {"third_party": True, "redaction_id": candidate.id if candidate else ""}

    held = {case.pk: apps_held.child_sections(case, _text, flag) for case in child_cases}
    held_as_member = {
        m.pk: apps_held.member_sections(m, _subject_names(person), _text, flag) for m in memberships
    }
    named_in = set().union(*map(apps_held.record_uuids, held_as_member.values()))
    audit_events = list(
        AuditEvent.objects.filter(
            Q(case_uuid__in=[case.uuid for case in child_cases])
            | Q(
                object_uuid__in=[
                    person.uuid,
                    *[m.uuid for m in memberships],
                    *[r.uuid for r in ratings_given],
                    *named_in,
                ]
            )
        )
        .select_related("actor")
        .order_by("occurred_at", "id")
    )
    cases_data: list[dict[str, Any]] = []
    for case in child_cases:
        people = []
        for member in everyone_on_cases:
            if member.case_id != case.pk or member.person_id == person.pk:
                continue
            candidate = third_parties.add_person(
                member.person, f"{member.get_relationship_display()} on case {case.reference}"
            )
            people.append(
                {
                    **_person(member.person),
                    "relationship": member.relationship,
                    "relationship_label": member.get_relationship_display(),
                    "relationship_detail": member.relationship_detail,
                    "lives_with_child": member.lives_with_child,
                    "parental_responsibility": member.parental_responsibility,
                    "notes": member.notes,
                    "added_at": _text(member.created_at),
                    "removed_at": _text(member.removed_at),
                    "third_party": True,
                    "redaction_id": candidate.id if candidate else "",
                }
            )
        map_data = _map(case)
        for rating in map_data["scale_ratings"]:
            if rating["rater_role"] not in STAFF_RATER_ROLES:
                third_parties.add_rater(rating["rater_name"], f"Rater on case {case.reference}")
        cases_data.append(
            {
                "uuid": str(case.uuid),
                "reference": case.reference,
                "subject_is": "child",
                "service_level": case.service_level,
                "service_level_label": ServiceLevel(case.service_level).label,
                "team": teams.get(case.pk, ""),
                "opened_on": _text(case.opened_on),
                "closed_on": _text(case.closed_on),
                "summary": case.summary,
                "people": people,
                "workers": [
                    {
                        "worker": allocation.worker.display_name,
                        "job_title": allocation.worker.job_title,
                        "started_on": _text(allocation.started_on),
                        "ended_on": _text(allocation.ended_on),
                    }
                    for allocation in allocations
                    if allocation.case_id == case.pk
                ],
                "service_level_history": [
                    {
                        "changed_on": _text(change.changed_on),
                        "from_level": change.from_level,
                        "from_level_label": (
                            ServiceLevel(change.from_level).label if change.from_level else ""
                        ),
                        "to_level": change.to_level,
                        "to_level_label": ServiceLevel(change.to_level).label,
                        "reason": change.reason,
                        "changed_by": _staff(change.changed_by),
                    }
                    for change in level_changes
                    if change.case_id == case.pk
                ],
                "map": map_data,
                "map_versions": [
                    {
                        "uuid": str(version.uuid),
                        "number": version.number,
                        "saved_on": _text(version.saved_on),
                        "saved_by": _staff(version.saved_by),
                        "occasion": version.occasion,
                        "occasion_label": Occasion(version.occasion).label,
                        "service_level": version.service_level,
                        "service_level_label": ServiceLevel(version.service_level).label,
                        "note": version.note,
                    }
                    for version in versions
                    if version.case_id == case.pk
                ],
                **held[case.pk],
            }
        )
    for membership in memberships:
        case = membership.case
        candidate = third_parties.add_person(case.child, f"Child on case {case.reference}")
        cases_data.append(
            {
                "uuid": str(case.uuid),
                "reference": case.reference,
                "subject_is": "person on the case",
                "service_level": case.service_level,
                "service_level_label": ServiceLevel(case.service_level).label,
                "team": teams.get(case.pk, ""),
                "opened_on": _text(case.opened_on),
                "closed_on": _text(case.closed_on),
                "child": {
                    **_person(case.child),
                    "third_party": True,
                    "redaction_id": candidate.id if candidate else "",
                },
                "relationship": membership.relationship,
                "relationship_label": Relationship(membership.relationship).label,
                "relationship_detail": membership.relationship_detail,
                "lives_with_child": membership.lives_with_child,
                "parental_responsibility": membership.parental_responsibility,
                "notes": membership.notes,
                "added_at": _text(membership.created_at),
                "removed_at": _text(membership.removed_at),
                **held_as_member[membership.pk],
            }
        )

    staff: dict[int, User] = {}
    for allocation in allocations:
        staff[allocation.worker.pk] = allocation.worker
    for change in level_changes:
        if change.changed_by is not None:
            staff[change.changed_by.pk] = change.changed_by
    for version in versions:
        if version.saved_by is not None:
            staff[version.saved_by.pk] = version.saved_by
    for event in audit_events:
        if event.actor is not None:
            staff[event.actor.pk] = event.actor
    for user in sorted(staff.values(), key=lambda u: (u.last_name, u.first_name, u.pk)):
        third_parties.add_staff(user)

    ratings_data = []
    for rating in ratings_given:
        ratings_data.append(
            {
                "uuid": str(rating.uuid),
                "case_reference": rating.case.reference,
                "rated_on": _text(rating.rated_on),
                "about": (
                    rating.danger_statement.statement
                    if rating.danger_statement is not None
                    else "Overall"
                ),
                "rater_name": rating.rater_name,
                "rater_role": rating.rater_role,
                "rater_role_label": RaterRole(rating.rater_role).label,
                "score": _text(rating.score),
                "reason": rating.reason,
                "one_point_higher": rating.one_point_higher,
                "removed_at": _text(rating.removed_at),
                "matched_by": "person record" if rating.person_id == person.pk else "rater name",
            }
        )

    references = {case.uuid: case.reference for case in all_cases.values()}
    events_data = []
    for event in audit_events:
        entry: dict[str, Any] = {
            "occurred_at": _text(event.occurred_at),
            "by": _staff(event.actor),
            "action": event.action,
            "record_type": AUDITED_TYPES.get(event.object_type, event.object_type),
            "record_uuid": str(event.object_uuid),
            "case_reference": references.get(event.case_uuid, "") if event.case_uuid else "",
            "summary": event.summary,
            "changes": event.changes,
        }
        if event.object_uuid in other_rows:
            entry["third_party"] = True
            entry["redaction_id"] = other_rows[event.object_uuid].id
        events_data.append(entry)

    data: dict[str, Any] = {
        "export": {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "council": settings.SAFETYMAP_COUNCIL_NAME,
            "service": settings.SAFETYMAP_SERVICE_NAME,
            "generated_at": _text(timezone.now()),
            "generated_by": {"name": actor.display_name, "username": actor.get_username()},
            "request_reference": request_reference,
        },
        "notes": NOTES,
        "subject": {
            **_person(person),
            "created_at": _text(person.created_at),
            "updated_at": _text(person.updated_at),
        },
        "cases": cases_data,
        "scale_ratings_given": ratings_data,
        "audit_events": events_data,
    }
    third_parties.scan(data)
    for index, case_data in enumerate(cases_data):
        for position, entry in enumerate(case_data.get("people", [])):
            if entry["redaction_id"]:
                third_parties.note(
                    third_parties.by_id(entry["redaction_id"]), ["cases", index, "people", position]
                )
        child = case_data.get("child")
        if child and child["redaction_id"]:
            third_parties.note(
                third_parties.by_id(child["redaction_id"]), ["cases", index, "child"]
            )
    for index, case_data in enumerate(cases_data):
        for key in apps_held.SECTIONS:
            for path, record in apps_held.records(case_data.get(key), ["cases", index, key]):
                if record.get("redaction_id"):
                    third_parties.note(third_parties.by_id(record["redaction_id"]), path)
    for index, entry in enumerate(events_data):
        if entry.get("redaction_id"):
            third_parties.note(third_parties.by_id(entry["redaction_id"]), ["audit_events", index])
    third_parties.number_those_found(data)
    data["redaction_candidates"] = [candidate.as_json() for candidate in third_parties.candidates]
    return SubjectAccessExport(
        data=data, third_parties=third_parties, case_uuids=[c.uuid for c in all_cases.values()]
    )


# --- The PDF -------------------------------------------------------------------------------

SECTION_NAMES = {
    "people": "people on the case",
    "child": "the child",
    "summary": "case summary",
    "notes": "notes on their relationship",
    "relationship_detail": "their relationship",
    "workers": "workers",
    "service_level_history": "service level history",
    "map_versions": "saved versions of the map",
    "items": "the map",
    "danger_statements": "danger statements",
    "goals": "safety goals",
    "next_steps": "next steps",
    "scale_ratings": "scale ratings",
    **{key: heading.lower() for key, heading in apps_held.SECTIONS.items()},
}


def where_it_appears(data: dict[str, Any], pointers: list[str]) -> list[str]:
    """JSON pointers as places a reader can find in the PDF, with how many times each:
    "Case SM-123456: the map (3 places)"."""
    counts: dict[str, int] = {}
    for pointer in pointers:
        parts = pointer.strip("/").split("/")
        if parts[0] == "cases" and len(parts) > 2:
            case = data["cases"][int(parts[1])]
            section = parts[3] if parts[2] == "map" and len(parts) > 3 else parts[2]
            place = f"Case {case['reference']}: {SECTION_NAMES.get(section, 'case details')}"
        elif parts[0] == "scale_ratings_given":
            place = "Scale ratings they gave"
        elif parts[0] == "audit_events":
            place = "Changes recorded"
        else:
            place = "Other"
        counts[place] = counts.get(place, 0) + 1
    return [
        f"{place} ({count} place{'s' if count != 1 else ''})" for place, count in counts.items()
    ]


def pdf_context(export: SubjectAccessExport) -> dict[str, Any]:
    """What the PDF template draws: the export, with each map grouped as people read it."""
    data = export.data
    cases = []
    for case in data["cases"]:
        shown: dict[str, Any] = {"case": case}
        if case["subject_is"] == "child":
            the_map = case["map"]
            ratings = the_map["scale_ratings"]
            shown["parts"] = [
                {"label": label, "items": items}
                for value, label in Part.choices
                if (items := [item for item in the_map["items"] if item["part"] == value])
            ]
            shown["statements"] = [
                {
                    "statement": statement,
                    "goals": [
                        g for g in the_map["goals"] if g["danger_statement"] == statement["uuid"]
                    ],
                    "ratings": [r for r in ratings if r["danger_statement"] == statement["uuid"]],
                }
                for statement in the_map["danger_statements"]
            ]
            shown["overall_ratings"] = [r for r in ratings if not r["danger_statement"]]
        shown["held"] = apps_held.pdf_sections(case)
        cases.append(shown)
    return {
        "export": data["export"],
        "notes": data["notes"],
        "subject": data["subject"],
        "cases": cases,
        "ratings_given": data["scale_ratings_given"],
        "audit_events": data["audit_events"],
        "candidates": [
            {**candidate, "where": where_it_appears(data, candidate["appears_in"])}
            for candidate in data["redaction_candidates"]
        ],
        "marks": export.third_parties,
    }
