"""Every write to the child's voice. Each checks the actor may change the case and records an
audit event in the same transaction; changes check the version the user saw."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from safetymap.accounts.models import User
from safetymap.audit.services import audited_create, audited_remove, audited_update
from safetymap.cases.models import Case
from safetymap.cases.policies import can_edit_case
from safetymap.child_voice import selectors
from safetymap.child_voice.models import (
    SHARE_FIELDS,
    THREE_PARTS,
    Audience,
    ConsentOverride,
    Drawing,
    Entry,
    House,
    Session,
    SessionKind,
    WrittenBy,
)
from safetymap.documents.models import DocumentKind
from safetymap.documents.services import document_upload
from safetymap.mapping import services as map_services
from safetymap.mapping.models import HowWeKnow, Part

SESSION_FIELDS = (
    "held_on",
    "worker",
    "place",
    "parent_told",
    "parent_told_on",
    "name_worries",
    "name_good",
    "name_dreams",
    "started_with",
    "path_position",
    "path_words",
    "consent_words",
    *SHARE_FIELDS,
)
ENTRY_FIELDS = ("house", "words", "written_by", "terms", *SHARE_FIELDS)
DRAWING_FIELDS = ("house", "caption")

# What each house's words may become on the map.
CARRY_TARGETS: dict[str, tuple[str, ...]] = {
    House.WORRIES: ("harm", "complicating", "danger_statement"),
    House.GOOD: ("strength", "safety"),
    House.DREAMS: ("goal",),
}
TARGET_LABELS = {
    "harm": "Harm: what has happened",
    "complicating": "A complicating factor",
    "danger_statement": "A draft danger statement",
    "strength": "An existing strength",
    "safety": "Existing safety",
    "goal": "A safety goal",
}


def _only(values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if name in allowed}


def _require_editor(actor: User, case: Case) -> None:
    if not can_edit_case(actor, case):
        raise PermissionDenied("You can read this case but not change it.")


def _clean_session(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    if fields.get("path_position") is not None and not 0 <= int(fields["path_position"]) <= 10:
        raise ValidationError("The path goes from 0 to 10.")
    if kind != SessionKind.SAFETY_HOUSE:
        fields.pop("path_position", None)
        fields.pop("path_words", None)
    for house in THREE_PARTS:  # a blank name means the default name
        name = f"name_{house}"
        if name in fields:
            fields[name] = " ".join(str(fields[name] or "").split())
    return fields


# --- Sessions ---------------------------------------------------------------------------------


@transaction.atomic
def session_record(*, actor: User, case: Case, kind: str, values: dict[str, Any]) -> Session:
    """Record that a session took place. Entries and drawings are added one at a time."""
    _require_editor(actor, case)
    if kind not in SessionKind.values:
        raise ValidationError("Select which tool was used.")
    fields = _clean_session(kind, _only(values, SESSION_FIELDS))
    fields.setdefault("worker", actor)
    return audited_create(
        actor=actor,
        model=Session,
        case_uuid=case.uuid,
        summary=f"{SessionKind(kind).label} session recorded",
        fields={"case": case, "kind": kind, **fields},
    )


def session_update(
    *, actor: User, session: Session, expected_version: int | None, values: dict[str, Any]
) -> Session:
    _require_editor(actor, session.case)
    return audited_update(
        actor=actor,
        instance=session,
        expected_version=expected_version,
        changes=_clean_session(session.kind, _only(values, SESSION_FIELDS)),
        case_uuid=session.case.uuid,
        summary=f"{session.get_kind_display()} session changed",
    )


def session_consent_set(
    *,
    actor: User,
    session: Session,
    expected_version: int | None,
    audiences: list[str],
    consent_words: str,
) -> Session:
    """The child's decision for the whole session: the audiences who may see it."""
    unknown = set(audiences) - set(Audience.values)
    if unknown:
        raise ValidationError("Select who the child agreed may see this.")
    changes: dict[str, Any] = {f"share_{a}": a in audiences for a in Audience.values}
    changes["consent_words"] = consent_words
    _require_editor(actor, session.case)
    return audited_update(
        actor=actor,
        instance=session,
        expected_version=expected_version,
        changes=changes,
        case_uuid=session.case.uuid,
        summary="Who may see the child's words changed",
    )


# --- Entries ----------------------------------------------------------------------------------


def _clean_entry(session: Session, fields: dict[str, Any]) -> dict[str, Any]:
    if "house" in fields and fields["house"] not in session.parts:
        raise ValidationError("Select where the child put this.")
    if "words" in fields and not str(fields["words"]).strip():
        raise ValidationError("Enter the child's words.")
    if "written_by" in fields and fields["written_by"] not in WrittenBy.values:
        raise ValidationError("Select who wrote the words down.")
    return fields


@transaction.atomic
def entry_add(*, actor: User, session: Session, values: dict[str, Any]) -> Entry:
    """Add the child's words at the end of the session, keeping the order they chose."""
    _require_editor(actor, session.case)
    Session.objects.select_for_update().filter(pk=session.pk).first()
    fields = _clean_entry(session, _only(values, ENTRY_FIELDS))
    for name in ("house", "words", "written_by"):
        if name not in fields:
            raise ValidationError(f"An entry needs {name.replace('_', ' ')}.")
    last = session.entries.aggregate(last=Max("position"))["last"] or 0
    return audited_create(
        actor=actor,
        model=Entry,
        case_uuid=session.case.uuid,
        summary=f"The child's words added to {session.house_name(fields['house'])}",
        fields={"session": session, "position": last + 1, **fields},
    )


def entry_update(
    *, actor: User, entry: Entry, expected_version: int | None, values: dict[str, Any]
) -> Entry:
    """Change an entry. The earlier words stay in the audit event, and the version goes up,
    so the session shows that the words were changed."""
    session = entry.session
    _require_editor(actor, session.case)
    return audited_update(
        actor=actor,
        instance=entry,
        expected_version=expected_version,
        changes=_clean_entry(session, _only(values, ENTRY_FIELDS)),
        case_uuid=session.case.uuid,
        summary=f"The child's words changed in {session.house_name(entry.house)}",
    )


def entry_remove(*, actor: User, entry: Entry, expected_version: int | None) -> Entry:
    _require_editor(actor, entry.session.case)
    return audited_remove(
        actor=actor,
        instance=entry,
        expected_version=expected_version,
        case_uuid=entry.session.case.uuid,
        summary=f"The child's words removed from {entry.session.house_name(entry.house)}",
    )


# --- Drawings ---------------------------------------------------------------------------------


@transaction.atomic
def drawing_add(
    *,
    actor: User,
    session: Session,
    uploaded_file: UploadedFile[bytes],
    house: str = "",
    caption: str = "",
) -> Drawing:
    """Keep a photo or scan of the child's drawing through the documents app (the content
    check, the size limit and the removal of camera and location details), linked to the
    session."""
    case = session.case
    _require_editor(actor, case)
    if house and house not in session.parts:
        raise ValidationError("Select which part of the session the drawing belongs to.")
    where = session.house_name(house) if house else session.get_kind_display()
    document = document_upload(
        actor=actor,
        case=case,
        title=f"{case.child.name_used}'s drawing: {where}, {session.held_on:%-d %B %Y}",
        kind=DocumentKind.DRAWING,
        uploaded_file=uploaded_file,
    )
    return audited_create(
        actor=actor,
        model=Drawing,
        case_uuid=case.uuid,
        summary=f"Drawing added to the {session.get_kind_display()} session",
        fields={"session": session, "document": document, "house": house, "caption": caption},
    )


# --- Overrides of the child's decision --------------------------------------------------------


@transaction.atomic
def consent_override_add(
    *, actor: User, session: Session, audience: str, reason: str, entry: Entry | None = None
) -> ConsentOverride:
    """Show an audience what the child did not agree to share. Needs a reason."""
    _require_editor(actor, session.case)
    if audience not in Audience.values:
        raise ValidationError("Select who will see it.")
    if not reason.strip():
        raise ValidationError("Say why this must be shared without the child's agreement.")
    if entry is not None and entry.session_id != session.pk:
        raise ValidationError("That belongs to a different session.")
    what = "one entry" if entry else "the session"
    return audited_create(
        actor=actor,
        model=ConsentOverride,
        case_uuid=session.case.uuid,
        summary=(
            f"Shared {what} with {Audience(audience).label.lower()} without the child's agreement"
        ),
        fields={
            "session": session,
            "entry": entry,
            "audience": audience,
            "reason": reason.strip(),
            "decided_by": actor,
        },
    )


def consent_override_withdraw(
    *, actor: User, override: ConsentOverride, expected_version: int | None
) -> ConsentOverride:
    _require_editor(actor, override.session.case)
    return audited_remove(
        actor=actor,
        instance=override,
        expected_version=expected_version,
        case_uuid=override.session.case.uuid,
        summary="Sharing without the child's agreement withdrawn",
    )


# --- Carrying the child's words into the map --------------------------------------------------


def quoted(entry: Entry) -> str:
    return f"“{entry.words.strip()}”"


def carry_targets(entry: Entry) -> tuple[str, ...]:
    return CARRY_TARGETS.get(entry.house, ())


# What the worker must add to the child's words for each kind of map record.
REQUIRED_DETAILS: dict[str, dict[str, str]] = {
    "danger_statement": {
        "feared_for_child": "Say what we are worried could happen to the child",
    },
    "goal": {
        "danger_statement": "Select the danger statement this goal answers",
        "adults_will": "Say what the adults will be doing",
        "who_will_see": "Say who will see it",
        "how_long": "Say for how long",
    },
}


def _required_details(target: str, details: dict[str, Any]) -> dict[str, Any]:
    missing = {
        name: message
        for name, message in REQUIRED_DETAILS.get(target, {}).items()
        if not details.get(name) or not str(details[name]).strip()
    }
    if missing:
        raise ValidationError(missing)
    return details


def _parents_may_see(entry: Entry) -> bool:
    parents = selectors.entries_for_audience(entry.session.case, Audience.PARENTS)
    return parents.filter(pk=entry.pk).exists()


@transaction.atomic
def entry_carry_into_map(
    *, actor: User, entry: Entry, target: str, details: dict[str, Any] | None = None
) -> Entry:
    """Put the child's words on the map, quoted and said by the child, through the map's
    own services, and keep the link on the entry.

    `details` holds what the worker adds for a danger statement (`feared_for_child`) or a
    goal (`danger_statement`, `adults_will`, `who_will_see`, `how_long`).
    """
    session = entry.session
    case = session.case
    _require_editor(actor, case)
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    if locked.on_map:
        raise ValidationError("These words are already on the map.")
    if target not in carry_targets(locked):
        raise ValidationError("Select where on the map these words go.")
    details = _required_details(target, details or {})
    child = case.child.name_used
    # The family pack shows map records "shared with the family": the child's words go
    # there only if the child agreed their parents may see them (or a worker overrode it).
    for_family = {"shared_with_family": _parents_may_see(locked)}
    link: dict[str, Any] = {"map_item": None, "danger_statement": None, "safety_goal": None}
    if target == "danger_statement":
        link["danger_statement"] = map_services.danger_statement_add(
            actor=actor,
            case=case,
            values={
                "who_is_worried": child,
                "adult_behaviour": quoted(locked),
                "feared_for_child": details.get("feared_for_child", ""),
                **for_family,
            },
        )
    elif target == "goal":
        link["safety_goal"] = map_services.safety_goal_add(
            actor=actor,
            case=case,
            values={
                "danger_statement": details.get("danger_statement"),
                "adults_will": details.get("adults_will", ""),
                "child_will_experience": f"{child} said: {quoted(locked)}",
                "who_will_see": details.get("who_will_see", ""),
                "how_long": details.get("how_long", ""),
                **for_family,
            },
        )
    else:
        values: dict[str, Any] = {"text": quoted(locked), "said_by": child, **for_family}
        if target == "harm":
            values["how_we_know"] = HowWeKnow.TOLD_BY_CHILD
        if target == "safety":
            values["danger_present"] = True
        link["map_item"] = map_services.map_item_add(
            actor=actor, case=case, part=Part(target), values=values
        )
    return audited_update(
        actor=actor,
        instance=locked,
        expected_version=None,
        changes=link,
        case_uuid=case.uuid,
        summary=f"The child's words carried into the map as {TARGET_LABELS[target].lower()}",
    )
