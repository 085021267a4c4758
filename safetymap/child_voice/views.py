"""The child's voice pages: the sessions (a case tab), recording one, its words and drawings,
who may see them, and carrying words into the map.

Every page goes through `@case_page`: unrelated users get 404, read-only users 403 on any
change, and every request (each drawing shown included) is an access event. A share with a
partner professional does not open these pages (404): see policies.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from safetymap.cases.access import case_page, render_case
from safetymap.cases.models import Case
from safetymap.child_voice import selectors, services
from safetymap.child_voice.forms import (
    CarryForm,
    ConsentForm,
    DrawingForm,
    EntryForm,
    OverrideForm,
    SessionForm,
)
from safetymap.child_voice.models import Audience, Entry, Session, SessionKind
from safetymap.core.forms import VersionedForm
from safetymap.core.versioning import StaleEditError
from safetymap.documents.responses import document_response
from safetymap.mapping.selectors import current_statements

TAB = "child_voice"
SESSIONS_PER_PAGE = 20
# Tools in URLs, as words rather than stored values.
TOOLS = {
    "three-houses": SessionKind.THREE_HOUSES,
    "fairy-wizard": SessionKind.FAIRY_WIZARD,
    "safety-house": SessionKind.SAFETY_HOUSE,
}
TOOL_SLUGS = {kind: slug for slug, kind in TOOLS.items()}


def list_url(case: Case) -> str:
    return reverse("child_voice:list", kwargs={"case_uuid": case.uuid})


def session_url(session: Session, anchor: str = "") -> str:
    url = reverse(
        "child_voice:session",
        kwargs={"case_uuid": session.case.uuid, "session_uuid": session.uuid},
    )
    return f"{url}#{anchor}" if anchor else url


def _actor(request: HttpRequest) -> Any:
    return request.user


def _add_service_errors(form: Any, error: ValidationError, default_field: str | None) -> None:
    """Put a service's refusal on the form: on its fields when it names them."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            target = field if field in form.fields else default_field
            for message in field_messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(default_field, message)


def _saved(
    request: HttpRequest,
    form: Any,
    save: Callable[[], Any],
    *,
    error_field: str | None,
    success: Callable[[Any], str],
    next_url: Callable[[Any], str],
) -> HttpResponse | None:
    """For a valid posted form: run the service; on success say so and go on, on a refusal
    put its message on the form. None means "show the form (again)"."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save()
    except ValidationError as error:
        _add_service_errors(form, error, error_field)
        return None
    messages.success(request, success(saved))
    return redirect(next_url(saved))


def _render(
    request: HttpRequest, case: Case, template: str, context: dict[str, Any], form: Any = None
) -> HttpResponse:
    status = 400 if form is not None and form.errors else 200
    return render_case(request, case, template, context, tab=TAB, status=status)


# --- The sessions -----------------------------------------------------------------------------


@case_page("Child's voice")
def session_list(request: HttpRequest, case: Case) -> HttpResponse:
    page = Paginator(selectors.sessions_for_case(case), SESSIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return _render(
        request,
        case,
        "child_voice/session_list.html",
        {"page_obj": page, "sessions": page.object_list, "tools": TOOL_SLUGS},
    )


def _tool(tool: str) -> str:
    if tool not in TOOLS:
        raise Http404("No such tool")
    return TOOLS[tool]


@case_page("Child's voice: record a session", edit=True)
def session_new(request: HttpRequest, case: Case, tool: str) -> HttpResponse:
    kind = _tool(tool)
    form = SessionForm(
        request.POST or None,
        kind=kind,
        versioned=False,
        initial={"held_on": timezone.localdate()},
    )
    done = _saved(
        request,
        form,
        lambda: services.session_record(
            actor=_actor(request), case=case, kind=kind, values=form.service_values()
        ),
        error_field=None,
        success=lambda session: (
            f"{session.get_kind_display()} session recorded. Now add the child's words."
        ),
        next_url=session_url,
    )
    return done or _render(
        request,
        case,
        "child_voice/session_form.html",
        {"form": form, "kind_label": SessionKind(kind).label, "back_url": list_url(case)},
        form,
    )


def _houses(session: Session, entries: list[Entry], drawings: list[Any]) -> list[dict[str, Any]]:
    """Each house (or part of the Safety House) in the order the child chose, with its words
    and drawings."""
    return [
        {
            "key": part,
            "name": session.house_name(part),
            "entries": [entry for entry in entries if entry.house == part],
            "drawings": [drawing for drawing in drawings if drawing.house == part],
        }
        for part in session.parts
    ]


@case_page("Child's voice: session")
def session_detail(request: HttpRequest, case: Case, session_uuid: uuid.UUID) -> HttpResponse:
    session = selectors.get_session(case, session_uuid)
    entries = list(selectors.session_entries(session))
    drawings = list(selectors.session_drawings(session))
    return _render(
        request,
        case,
        "child_voice/session_detail.html",
        {
            "session": session,
            "houses": _houses(session, entries, drawings),
            "session_drawings": [drawing for drawing in drawings if not drawing.house],
            "consent": [(label, session.shares_with(value)) for value, label in Audience.choices],
            "overrides": list(selectors.session_overrides(session)),
            "carriable": tuple(services.CARRY_TARGETS),
            "back_url": list_url(case),
        },
    )


@case_page("Child's voice: change a session", edit=True)
def session_edit(request: HttpRequest, case: Case, session_uuid: uuid.UUID) -> HttpResponse:
    session = selectors.get_session(case, session_uuid)
    initial = {name: getattr(session, name) for name in services.SESSION_FIELDS}
    form = SessionForm(
        request.POST or None, kind=session.kind, initial={**initial, "version": session.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(
                actor=_actor(request),
                session=session,
                expected_version=form.expected_version,
                values=form.service_values(),
            )
        except StaleEditError as error:
            session.refresh_from_db()
            form = form.at_version(session.version, error.message, kind=session.kind)  # type: ignore[assignment]
        except ValidationError as error:
            _add_service_errors(form, error, None)
        else:
            messages.success(request, "Session details saved.")
            return redirect(session_url(session))
    return _render(
        request,
        case,
        "child_voice/session_form.html",
        {
            "form": form,
            "session": session,
            "kind_label": session.get_kind_display(),
            "back_url": session_url(session),
        },
        form,
    )


# --- The child's words ------------------------------------------------------------------------


@case_page("Child's voice: add the child's words", edit=True)
def entry_add(request: HttpRequest, case: Case, session_uuid: uuid.UUID) -> HttpResponse:
    session = selectors.get_session(case, session_uuid)
    house = request.GET.get("house", "")
    form = EntryForm(
        request.POST or None,
        session=session,
        versioned=False,
        initial={"house": house if house in session.parts else None, "written_by": "child"},
    )

    def after(entry: Entry) -> str:
        if "add_another" in request.POST:
            add = reverse(
                "child_voice:entry_add",
                kwargs={"case_uuid": case.uuid, "session_uuid": session.uuid},
            )
            return f"{add}?house={entry.house}"
        return session_url(session, f"house-{entry.house}")

    done = _saved(
        request,
        form,
        lambda: services.entry_add(
            actor=_actor(request), session=session, values=form.entry_values()
        ),
        error_field="words",
        success=lambda entry: f"Added to {session.house_name(entry.house)}.",
        next_url=after,
    )
    return done or _render(
        request,
        case,
        "child_voice/entry_form.html",
        {"form": form, "session": session, "adding": True, "back_url": session_url(session)},
        form,
    )


@case_page("Child's voice: change the child's words", edit=True)
def entry_edit(
    request: HttpRequest, case: Case, session_uuid: uuid.UUID, entry_uuid: uuid.UUID
) -> HttpResponse:
    session = selectors.get_session(case, session_uuid)
    entry = selectors.get_entry(session, entry_uuid)
    form = EntryForm(request.POST or None, session=session, initial=EntryForm.initial_for(entry))
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(
                actor=_actor(request),
                entry=entry,
                expected_version=form.expected_version,
                values=form.entry_values(),
            )
        except StaleEditError as error:
            entry.refresh_from_db()
            form = form.at_version(entry.version, error.message, session=session)  # type: ignore[assignment]
        except ValidationError as error:
            _add_service_errors(form, error, "words")
        else:
            messages.success(request, "The child's words were saved. The earlier words are kept.")
            return redirect(session_url(session, f"house-{entry.house}"))
    return _render(
        request,
        case,
        "child_voice/entry_form.html",
        {
            "form": form,
            "session": session,
            "entry": entry,
            "wordings": selectors.entry_wordings(entry),
            "back_url": session_url(session),
        },
        form,
    )


@case_page("Child's voice: carry into the map", edit=True)
def entry_carry(
    request: HttpRequest, case: Case, session_uuid: uuid.UUID, entry_uuid: uuid.UUID
) -> HttpResponse:
    session = selectors.get_session(case, session_uuid)
    entry = selectors.get_entry(session, entry_uuid)
    if not services.carry_targets(entry):
        raise Http404("These words cannot be carried into the map")
    already = entry.on_map
    form = CarryForm(request.POST or None, entry=entry, statements=current_statements(case))
    done = None
    if not already:
        done = _saved(
            request,
            form,
            lambda: services.entry_carry_into_map(
                actor=_actor(request),
                entry=entry,
                target=form.cleaned_data["target"],
                details=form.details(),
            ),
            error_field="target",
            success=lambda _: f"{case.child.name_used}’s words are now on the map.",
            next_url=lambda _: reverse("mapping:map", kwargs={"case_uuid": case.uuid}),
        )
    return done or _render(
        request,
        case,
        "child_voice/entry_carry.html",
        {
            "form": form,
            "session": session,
            "entry": entry,
            "already": already,
            "quoted": services.quoted(entry),
            "house_name": session.house_name(entry.house),
            "back_url": session_url(session),
        },
        form,
    )


# --- Who may see it ---------------------------------------------------------------------------


@case_page("Child's voice: who may see it", edit=True)
def session_consent(request: HttpRequest, case: Case, session_uuid: uuid.UUID) -> HttpResponse:
    session = selectors.get_session(case, session_uuid)
    form = ConsentForm(request.POST or None, initial=ConsentForm.initial_for(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_consent_set(
                actor=_actor(request),
                session=session,
                expected_version=form.expected_version,
                audiences=form.cleaned_data["audiences"],
                consent_words=form.cleaned_data["consent_words"],
            )
        except StaleEditError as error:
            session.refresh_from_db()
            form = form.at_version(session.version, error.message)  # type: ignore[assignment]
        else:
            messages.success(request, "Who may see it was saved.")
            return redirect(session_url(session, "consent"))
    return _render(
        request,
        case,
        "child_voice/consent_form.html",
        {
            "form": form,
            "session": session,
            "overrides": list(selectors.session_overrides(session)),
            "back_url": session_url(session),
        },
        form,
    )


@case_page("Child's voice: share without the child's agreement", edit=True)
def override_add(request: HttpRequest, case: Case, session_uuid: uuid.UUID) -> HttpResponse:
    session = selectors.get_session(case, session_uuid)
    form = OverrideForm(request.POST or None, entries=list(selectors.session_entries(session)))
    done = _saved(
        request,
        form,
        lambda: services.consent_override_add(
            actor=_actor(request),
            session=session,
            audience=form.cleaned_data["audience"],
            reason=form.cleaned_data["reason"],
            entry=form.chosen_entry,
        ),
        error_field="reason",
        success=lambda _: "Recorded. It will be shown as shared without agreement.",
        next_url=lambda _: session_url(session, "consent"),
    )
    return done or _render(
        request,
        case,
        "child_voice/override_form.html",
        {"form": form, "session": session, "back_url": session_url(session)},
        form,
    )


@case_page("Child's voice: withdraw sharing without agreement", edit=True)
def override_withdraw(
    request: HttpRequest, case: Case, session_uuid: uuid.UUID, override_uuid: uuid.UUID
) -> HttpResponse:
    session = selectors.get_session(case, session_uuid)
    override = selectors.get_override(session, override_uuid)
    form = VersionedForm(request.POST or None, initial={"version": override.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_override_withdraw(
                actor=_actor(request), override=override, expected_version=form.expected_version
            )
        except StaleEditError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Withdrawn. The child's own decision applies again.")
            return redirect(session_url(session, "consent"))
    return _render(
        request,
        case,
        "child_voice/override_withdraw.html",
        {"form": form, "session": session, "override": override, "back_url": session_url(session)},
        form,
    )


# --- Drawings ---------------------------------------------------------------------------------


@case_page("Child's voice: add a drawing", edit=True)
def drawing_add(request: HttpRequest, case: Case, session_uuid: uuid.UUID) -> HttpResponse:
    session = selectors.get_session(case, session_uuid)
    form = DrawingForm(request.POST or None, request.FILES or None, session=session)
    done = _saved(
        request,
        form,
        lambda: services.drawing_add(
            actor=_actor(request),
            session=session,
            uploaded_file=form.cleaned_data["file"],
            house=form.cleaned_data["house"],
            caption=form.cleaned_data["caption"],
        ),
        error_field="file",
        success=lambda _: "Drawing added.",
        next_url=lambda _: session_url(session, "drawings"),
    )
    return done or _render(
        request,
        case,
        "child_voice/drawing_form.html",
        {"form": form, "session": session, "back_url": session_url(session)},
        form,
    )


@case_page("Child's voice: drawing")
def drawing_image(
    request: HttpRequest, case: Case, session_uuid: uuid.UUID, drawing_uuid: uuid.UUID
) -> HttpResponse:
    """The drawing as a picture for this site's pages (a PDF scan is a download)."""
    session = selectors.get_session(case, session_uuid)
    drawing = selectors.get_drawing(session, drawing_uuid)
    # A streamed file, not an HttpResponse: case_page passes it through unchanged.
    return document_response(drawing.document, inline=True)  # type: ignore[return-value]
