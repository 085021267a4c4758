"""The child's voice, read-only: a case's sessions and, for one session, the child's words,
drawings and who may see them.

The same rules as the pages: a case you have no relationship to is 404, and so is the
child's voice of a case only shared with you (a share opens the overview and the map).
Pass `audience` to get only what that audience may see, exactly as the product shows it
to them (`child_voice.selectors.entries_for_audience`): nothing the child did not agree to
share, unless a worker recorded an override, which is marked as one.
"""

import datetime
from typing import Any, Literal
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router
from ninja.pagination import paginate

from safetymap.api.access import Pages, user_of
from safetymap.api.errors import READ_ERRORS
from safetymap.api.schemas import Output, UserOut
from safetymap.cases.models import Case
from safetymap.cases.policies import access_basis
from safetymap.cases.selectors import get_visible_case
from safetymap.cases.services import case_record_view
from safetymap.child_voice import selectors
from safetymap.child_voice.models import (
    Audience,
    ConsentOverride,
    Drawing,
    Entry,
    House,
    Session,
    SessionKind,
    WrittenBy,
)
from safetymap.child_voice.policies import can_view_voice_pages

# The audiences the child decides about (child_voice.models.Audience), inline in the schema:
# the plain-language checker has its own "Audience" (who reads a text), and two enums of one
# name would share one schema component.
ConsentAudience = Literal["parents", "network", "conference", "professionals"]

router = Router(tags=["Child's voice"])

AUDIENCE_DESCRIPTION = (
    "Only what this audience may see: what the child agreed to share with them, and what a "
    "worker shared with a recorded reason (marked `via_override`). Leave out for everything "
    "(what the team working with the child sees)."
)


class SessionOut(Output):
    uuid: UUID
    version: int
    kind: SessionKind
    kind_label: str
    held_on: datetime.date
    worker: UserOut
    place: str
    parent_told: str
    parent_told_on: datetime.date | None
    house_names: dict[str, str]
    path_position: int | None
    path_words: str
    shared_with: list[ConsentAudience]
    consent_words: str

    @staticmethod
    def resolve_kind_label(session: Session) -> str:
        return session.get_kind_display()

    @staticmethod
    def resolve_house_names(session: Session) -> dict[str, str]:
        return {part: session.house_name(part) for part in session.parts}

    @staticmethod
    def resolve_shared_with(session: Session) -> list[str]:
        return [a for a in Audience.values if session.shares_with(a)]


class EntryOut(Output):
    uuid: UUID
    version: int
    house: House
    house_name: str
    words: str
    written_by: WrittenBy
    terms: str
    position: int
    shared_with: list[ConsentAudience]
    via_override: bool
    override_reason: str | None
    on_map: bool


class DrawingOut(Output):
    uuid: UUID
    house: str
    caption: str
    content_type: str
    image_url: str


class OverrideOut(Output):
    uuid: UUID
    audience: ConsentAudience
    entry_uuid: UUID | None
    reason: str
    decided_by: UserOut
    decided_at: datetime.datetime


class SessionDetailOut(SessionOut):
    entries: list[EntryOut]
    drawings: list[DrawingOut]
    overrides: list[OverrideOut]


class SessionWith:
    """A session with its entries, drawings and overrides as the response gives them (the
    session's own related managers have those names)."""

    def __init__(self, session: Session, **parts: Any) -> None:
        self._session = session
        self.__dict__.update(parts)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


def case_for_voice(request: HttpRequest, case_uuid: UUID, what: str) -> Case:
    """The case, with this read recorded; 404 if the user has no relationship to it or it
    is only shared with them."""
    user = user_of(request)
    case = get_visible_case(user, case_uuid)
    basis = access_basis(user, case)
    if not can_view_voice_pages(basis):
        raise Http404("No case found")
    case_record_view(actor=user, case=case, what=f"API: {what}", basis=basis)
    return case


def entry_data(session: Session, entry: Entry) -> dict[str, Any]:
    entry.session = session
    return {
        **{name: getattr(entry, name) for name in ("uuid", "version", "house", "words",
                                                    "written_by", "terms", "position")},
        "house_name": session.house_name(entry.house),
        "shared_with": [a for a in Audience.values if entry.shares_with(a)],
        "via_override": bool(getattr(entry, "via_override", False)),
        "override_reason": getattr(entry, "override_reason", None),
        "on_map": entry.on_map,
    }  # fmt: skip


def drawing_data(case: Case, session: Session, drawing: Drawing) -> dict[str, Any]:
    return {
        "uuid": drawing.uuid,
        "house": drawing.house,
        "caption": drawing.caption,
        "content_type": drawing.document.content_type,
        "image_url": reverse(
            "child_voice:drawing_image",
            kwargs={"case_uuid": case.uuid, "session_uuid": session.uuid,
                    "drawing_uuid": drawing.uuid},
        ),
    }  # fmt: skip


def override_data(override: ConsentOverride) -> dict[str, Any]:
    return {
        "uuid": override.uuid,
        "audience": override.audience,
        "entry_uuid": override.entry.uuid if override.entry else None,
        "reason": override.reason,
        "decided_by": override.decided_by,
        "decided_at": override.created_at,
    }


@router.get(
    "/cases/{case_uuid}/child-voice/sessions",
    response={200: list[SessionOut], **READ_ERRORS},
    summary="The child's sessions on a case, newest first",
)
@paginate(Pages)
def list_voice_sessions(request: HttpRequest, case_uuid: UUID) -> QuerySet[Session]:
    case = case_for_voice(request, case_uuid, "child's voice sessions")
    return selectors.sessions_for_case(case)


@router.get(
    "/cases/{case_uuid}/child-voice/sessions/{session_uuid}",
    response={200: SessionDetailOut, **READ_ERRORS},
    summary="One session: the child's words, drawings and who may see them",
)
def get_voice_session(
    request: HttpRequest,
    case_uuid: UUID,
    session_uuid: UUID,
    audience: ConsentAudience | None = Query(None, description=AUDIENCE_DESCRIPTION),
) -> SessionWith:
    case = case_for_voice(request, case_uuid, "child's voice session")
    session = selectors.get_session(case, session_uuid)
    if audience is None:
        entries = selectors.session_entries(session)
        drawings = selectors.session_drawings(session)
    else:
        entries = selectors.entries_for_audience(case, audience).filter(session=session)
        drawings = selectors.drawings_for_audience(case, audience).filter(session=session)
    return SessionWith(
        session,
        entries=[entry_data(session, entry) for entry in entries],
        drawings=[drawing_data(case, session, drawing) for drawing in drawings],
        overrides=[override_data(o) for o in selectors.session_overrides(session)],
    )
