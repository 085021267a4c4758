"""Words and Pictures pages: the case tab (a list of stories), starting a story, a story's
versions, reading a version (as a record, and as the book the child is given), editing a
draft, its pictures, the parents' view, giving it to the child, and comparing versions.

Every page goes through `@case_page`: unrelated users (and partners, whose share does not
cover these pages) get 404, read-only users 403 on any change, and every request is
recorded as an access event.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from safetymap.accounts.models import User
from safetymap.cases.access import case_page, render_case
from safetymap.cases.models import Case
from safetymap.cases.policies import Basis
from safetymap.core.versioning import StaleEditError
from safetymap.words_pictures import selectors, services
from safetymap.words_pictures.forms import (
    CompareForm,
    GivenForm,
    ParentsForm,
    PictureForm,
    StoryStartForm,
    VersionEditForm,
    panel_uuid,
    person_key,
)
from safetymap.words_pictures.models import (
    ParentsAgree,
    Story,
    StoryKind,
    StoryPanel,
    StoryVersion,
    VersionStatus,
)

TAB = "words_pictures"


def _actor(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    return user


def _story_url(story: Story) -> str:
    return reverse(
        "words_pictures:story", kwargs={"case_uuid": story.case.uuid, "story_uuid": story.uuid}
    )


def version_url(version: StoryVersion, name: str = "version") -> str:
    story = version.story
    return reverse(
        f"words_pictures:{name}",
        kwargs={"case_uuid": story.case.uuid, "story_uuid": story.uuid, "number": version.number},
    )


def _render(
    request: HttpRequest, case: Case, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render_case(request, case, f"words_pictures/{template}", context, tab=TAB, status=status)


def _story_and_version(case: Case, story_uuid: uuid.UUID, number: int) -> StoryVersion:
    return selectors.get_version(selectors.get_story(case, story_uuid), number)


def _refuse(form: Any, error: ValidationError, *, default: str | None = None) -> None:
    """A service's refusal, next to the box it is about (or `default`, or the top)."""
    code = getattr(error, "code", None)
    for message in error.messages:
        form.add_error(code if code in form.fields else default, message)


def _stale(form: Any, error: StaleEditError, version: StoryVersion, **kwargs: Any) -> Any:
    """Keep what the person typed, say nothing was saved, and let them save again on
    purpose against the version now saved."""
    version.refresh_from_db(fields=["version"])
    return form.at_version(version.version, error.message, **kwargs)


# --- The case tab: every story on the case -------------------------------------------------


@case_page("Words and Pictures")
@require_safe
def story_list(request: HttpRequest, case: Case) -> HttpResponse:
    return _render(
        request,
        case,
        "story_list.html",
        {"summaries": selectors.case_stories(case), "state": selectors.case_story_state(case)},
    )


@case_page("Words and Pictures: start a story", edit=True)
def story_start(request: HttpRequest, case: Case) -> HttpResponse:
    form = StoryStartForm(request.POST or None, initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_start(
                actor=_actor(request), case=case, kind=form.cleaned_data["kind"]
            )
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(
                request, f"{story.get_kind_display()} started. Write it with the family."
            )
            first = story.versions.get(number=1)
            first.story = story
            return redirect(version_url(first, "edit"))
    return _render(
        request, case, "story_start.html", {"form": form}, status=400 if form.errors else 200
    )


# --- One story, its versions ---------------------------------------------------------------


@case_page("Words and Pictures story")
@require_safe
def story_detail(request: HttpRequest, case: Case, story_uuid: uuid.UUID) -> HttpResponse:
    story = selectors.get_story(case, story_uuid)
    versions = selectors.story_versions(story)
    numbers = [v.number for v in reversed(versions)]
    compare = CompareForm(
        initial={"from": numbers[1], "to": numbers[0]} if len(numbers) > 1 else {},
        numbers=numbers,
    )
    return _render(
        request,
        case,
        "story_detail.html",
        {
            "story": story,
            "versions": list(reversed(versions)),
            "latest": versions[-1],
            "title": selectors.version_title(versions[-1]),
            "compare_form": compare,
        },
    )


@case_page("Words and Pictures: start a new version", edit=True)
def version_start(request: HttpRequest, case: Case, story_uuid: uuid.UUID) -> HttpResponse:
    story = selectors.get_story(case, story_uuid)
    versions = selectors.story_versions(story)
    errors: list[str] = []
    if request.method == "POST":
        try:
            version = services.story_version_start(actor=_actor(request), story=story)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request, f"Version {version.number} started from version {version.number - 1}."
            )
            return redirect(version_url(version, "edit"))
    return _render(
        request,
        case,
        "version_start.html",
        {"story": story, "latest": versions[-1], "errors": errors},
        status=400 if errors else 200,
    )


# --- Reading a version ---------------------------------------------------------------------


def _pictures(version: StoryVersion) -> list[dict[str, Any]]:
    return [
        {"panel": panel, "show_picture": selectors.visible_picture(panel)}
        for panel in version.panels.all()
    ]


@case_page("Words and Pictures version")
@require_safe
def version_detail(
    request: HttpRequest, case: Case, story_uuid: uuid.UUID, number: int
) -> HttpResponse:
    version = _story_and_version(case, story_uuid, number)
    return _render(
        request,
        case,
        "version_detail.html",
        {"story": version.story, "version": version, "panels": _pictures(version)},
    )


@case_page("Words and Pictures: the story")
@require_safe
def version_book(
    request: HttpRequest, case: Case, story_uuid: uuid.UUID, number: int
) -> HttpResponse:
    """The version as the child reads it: large words, one panel after another with its
    picture. Prints as a booklet (the case header and buttons are left off the print)."""
    version = _story_and_version(case, story_uuid, number)
    panels = _pictures(version)
    return _render(
        request,
        case,
        "version_book.html",
        {
            "story": version.story,
            "version": version,
            "cover": panels[0] if panels and panels[0]["panel"].is_title else None,
            "pages": [p for p in panels if not p["panel"].is_title],
        },
    )


# --- Editing a draft -----------------------------------------------------------------------


def _edit_form(
    request: HttpRequest, version: StoryVersion, data: Any = None, **extra: Any
) -> VersionEditForm:
    case = version.story.case
    authors = list(version.authors.all())
    kwargs: dict[str, Any] = {
        "panels": list(version.panels.all()),
        "story_kind": version.story.kind,
        "members": selectors.members_to_choose(case),
        "staff": selectors.staff_to_choose(
            case, _actor(request), also=[a.staff for a in authors if a.staff]
        ),
    }
    if data is not None:
        return VersionEditForm(data, **kwargs, **extra)
    panels = kwargs["panels"]
    initial = VersionEditForm.initial_for(panels, authors, version.version)
    return VersionEditForm(initial=initial, **kwargs)


def _edit_kwargs(form: VersionEditForm) -> dict[str, Any]:
    return {
        "panels": form.panels,
        "story_kind": form.story_kind,
        "members": form.members,
        "staff": form.staff,
    }


def _after_save(request: HttpRequest, version: StoryVersion) -> str:
    """Do what the button pressed with the save asked for (add a panel, move one, or go to
    a panel's picture), and say where to go next."""
    actor = _actor(request)
    edit_page = version_url(version, "edit")
    if "add_panel" in request.POST:
        panel = services.story_panel_add(
            actor=actor, version=version, expected_version=version.version
        )
        messages.success(request, "Saved. A new panel has been added at the end.")
        return f"{edit_page}#panel-{panel.uuid}"
    chosen = panel_uuid(request.POST.get("picture", ""))
    if chosen is not None:
        return reverse(
            "words_pictures:picture",
            kwargs={
                "case_uuid": version.story.case.uuid,
                "story_uuid": version.story.uuid,
                "number": version.number,
                "panel_uuid": chosen,
            },
        )
    target, _, direction = request.POST.get("move", "").partition(":")
    moved = panel_uuid(target)
    if moved is not None:
        services.story_panel_move(
            actor=actor,
            version=version,
            expected_version=version.version,
            panel_uuid=moved,
            step=-1 if direction == "up" else 1,
        )
        messages.success(request, "Saved, and the panel has been moved.")
        return f"{edit_page}#panel-{moved}"
    messages.success(request, f"Version {version.number} saved.")
    return version_url(version)


@case_page("Words and Pictures: change a draft", edit=True)
def version_edit(
    request: HttpRequest, case: Case, story_uuid: uuid.UUID, number: int
) -> HttpResponse:
    version = _story_and_version(case, story_uuid, number)
    if version.status != VersionStatus.DRAFT:
        messages.info(request, services.NOT_A_DRAFT)
        return redirect(version_url(version))
    stale_rows = None
    if request.method == "POST":
        form = _edit_form(request, version, request.POST)
        if form.is_valid():
            try:
                saved = services.story_version_edit(
                    actor=_actor(request),
                    version=version,
                    expected_version=form.expected_version,
                    panels=form.panel_words(),
                    authors=form.authors(),
                )
                saved.story = version.story
                target = _after_save(request, saved)
            except StaleEditError as error:
                stale_rows = _saved_beside_typed(form)
                form = _stale(form, error, version, **_edit_kwargs(form))
            except ValidationError as error:
                _refuse(form, error)
            else:
                return redirect(target)
    else:
        form = _edit_form(request, version)
    return _render(
        request,
        case,
        "version_edit.html",
        {
            "story": version.story,
            "version": version,
            "form": form,
            "rows": form.panel_fields(),
            "stale_rows": stale_rows,
        },
        status=400 if form.errors else 200,
    )


def _saved_beside_typed(form: VersionEditForm) -> list[dict[str, str]]:
    """After a refused save: each panel whose saved words differ from what was typed."""
    saved = {
        panel.uuid: panel
        for panel in StoryPanel.objects.filter(uuid__in=[p.uuid for p in form.panels])
    }
    rows = []
    for words in form.panel_words():
        panel = saved.get(words.panel)
        now = panel.text if panel is not None else "(Taken out of the story)"
        if now != words.text.strip():
            label = panel.heading if panel is not None else "A panel"
            rows.append({"label": label, "saved": now, "yours": words.text})
    return rows


@dataclass(frozen=True)
class RecordPage:
    """A form that records something on one version: what to save, and where to go."""

    template: str
    save: Callable[[Any], Any]  # called with the valid form; raises what the services raise
    success: str
    done_url: str
    # For the documents upload: its refusals are about the file, whatever their code.
    refusal_field: str | None = None
    form_kwargs: dict[str, Any] = field(default_factory=dict)


def _record_page(
    request: HttpRequest, case: Case, version: StoryVersion, form: Any, page: RecordPage,
    context: dict[str, Any] | None = None,
) -> HttpResponse:  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            page.save(form)
        except StaleEditError as error:
            form = _stale(form, error, version, **page.form_kwargs)
        except ValidationError as error:
            _refuse(form, error, default=page.refusal_field)
        else:
            messages.success(request, page.success)
            return redirect(page.done_url)
    return _render(
        request,
        case,
        page.template,
        {"story": version.story, "version": version, "form": form, **(context or {})},
        status=400 if form.errors else 200,
    )


@case_page("Words and Pictures: add a picture", edit=True)
def panel_picture(
    request: HttpRequest, case: Case, story_uuid: uuid.UUID, number: int, panel_uuid: uuid.UUID
) -> HttpResponse:
    version = _story_and_version(case, story_uuid, number)
    panel: StoryPanel = selectors.get_panel(version, panel_uuid)
    if version.status != VersionStatus.DRAFT:
        messages.info(request, services.NOT_A_DRAFT)
        return redirect(version_url(version))
    if request.method == "POST":
        form = PictureForm(request.POST, request.FILES)
    else:
        form = PictureForm(
            initial={
                "version": version.version,
                "description": panel.picture_description,
                "kind": panel.picture.kind if panel.picture else "drawing",
            }
        )

    def save(form: PictureForm) -> None:
        services.story_panel_picture_set(
            actor=_actor(request),
            panel=panel,
            expected_version=form.expected_version,
            uploaded_file=form.cleaned_data["picture"],
            description=form.cleaned_data["description"],
            kind=form.cleaned_data["kind"],
        )

    page = RecordPage(
        template="panel_picture.html",
        save=save,
        success=f"Picture saved on ‘{panel.heading}’.",
        done_url=version_url(version, "edit") + f"#panel-{panel.uuid}",
        refusal_field="picture",
    )
    context = {"panel": panel, "show_picture": selectors.visible_picture(panel)}
    return _record_page(request, case, version, form, page, context)


# --- The parents' view, and giving it to the child -----------------------------------------


def _recordable(request: HttpRequest, version: StoryVersion) -> HttpResponse | None:
    if version.status == VersionStatus.REPLACED:
        messages.info(request, services.REPLACED)
        return redirect(version_url(version))
    return None


@case_page("Words and Pictures: the parents' view", edit=True)
def version_parents(
    request: HttpRequest, case: Case, story_uuid: uuid.UUID, number: int
) -> HttpResponse:
    version = _story_and_version(case, story_uuid, number)
    if (refused := _recordable(request, version)) is not None:
        return refused
    if request.method == "POST":
        form = ParentsForm(request.POST)
    else:
        initial: dict[str, Any] = {"version": version.version, "words": version.parents_words}
        if version.parents_agree != ParentsAgree.NOT_ASKED:
            initial.update(agree=version.parents_agree, asked_on=version.parents_asked_on)
        form = ParentsForm(initial=initial)

    def save(form: ParentsForm) -> None:
        services.story_parents_record(
            actor=_actor(request),
            version=version,
            expected_version=form.expected_version,
            **form.service_values(),  # agree, words, asked_on
        )

    page = RecordPage(
        template="version_parents.html",
        save=save,
        success="The parents' view has been recorded.",
        done_url=version_url(version),
    )
    return _record_page(request, case, version, form, page)


@case_page("Words and Pictures: given to the child", edit=True)
def version_given(
    request: HttpRequest, case: Case, story_uuid: uuid.UUID, number: int
) -> HttpResponse:
    version = _story_and_version(case, story_uuid, number)
    if (refused := _recordable(request, version)) is not None:
        return refused
    people: dict[str, Any] = {
        "members": selectors.members_to_choose(case),
        "staff": selectors.staff_to_choose(
            case, _actor(request), also=[version.given_by_staff] if version.given_by_staff else []
        ),
    }
    if request.method == "POST":
        form = GivenForm(request.POST, **people)
    else:
        giver = version.given_by_member or version.given_by_staff or _actor(request)
        initial: dict[str, Any] = {
            "version": version.version,
            "given_by": person_key(giver),
            "child_reaction": version.child_reaction,
            "reaction_words": version.reaction_words,
        }
        if version.given_on:
            initial["given_on"] = version.given_on
        form = GivenForm(initial=initial, **people)

    def save(form: GivenForm) -> None:
        services.story_given_record(
            actor=_actor(request),
            version=version,
            expected_version=form.expected_version,
            given_on=form.cleaned_data["given_on"],
            given_by=form.giver(),
            child_reaction=form.cleaned_data["child_reaction"],
            reaction_words=form.cleaned_data["reaction_words"],
        )

    page = RecordPage(
        template="version_given.html",
        save=save,
        success=f"Recorded: {case.child.name_used} was given version {version.number}.",
        done_url=version_url(version),
        form_kwargs=people,
    )
    return _record_page(request, case, version, form, page)


# --- Comparing two versions ----------------------------------------------------------------


def _align(old: StoryVersion, new: StoryVersion) -> list[dict[str, Any]]:
    """Panel beside panel: the standard panels by what they are, added ones in order."""
    rows: list[dict[str, Any]] = []
    old_panels, new_panels = list(old.panels.all()), list(new.panels.all())
    new_standard = {p.key: p for p in new_panels if p.key}
    for panel in old_panels:
        if panel.key:
            rows.append(_row(panel, new_standard.pop(panel.key, None)))
    rows += [_row(None, panel) for panel in new_standard.values()]
    old_extra = [p for p in old_panels if not p.key]
    new_extra = [p for p in new_panels if not p.key]
    rows += [_row(a, b) for a, b in zip_longest(old_extra, new_extra)]
    return rows


def _row(old: StoryPanel | None, new: StoryPanel | None) -> dict[str, Any]:
    def picture(panel: StoryPanel | None) -> str:
        return panel.picture_description if panel and panel.picture_id else ""

    heading = (new or old).heading  # type: ignore[union-attr]
    return {
        "heading": heading,
        "sides": (old, new),
        "text_changed": (old.text if old else None) != (new.text if new else None),
        "picture_changed": picture(old) != picture(new)
        or (old.picture_id if old else None) != (new.picture_id if new else None),
    }


@case_page("Words and Pictures: versions compared")
@require_safe
def version_compare(request: HttpRequest, case: Case, story_uuid: uuid.UUID) -> HttpResponse:
    story = selectors.get_story(case, story_uuid)
    numbers = [v.number for v in reversed(selectors.story_versions(story))]
    context: dict[str, Any] = {"story": story, "numbers": numbers}
    status = 200
    if len(numbers) < 2:  # nothing to compare: the page says so, with no form errors
        form = CompareForm(numbers=numbers)
    else:
        defaults = {"from": numbers[1], "to": numbers[0]}
        form = CompareForm({**defaults, **request.GET.dict()}, numbers=numbers)
    if form.is_bound and form.is_valid():
        old = selectors.get_version(story, form.cleaned_data["from"])
        new = selectors.get_version(story, form.cleaned_data["to"])
        rows = _align(old, new)
        context.update(
            old=old,
            new=new,
            rows=rows,
            any_changes=any(r["text_changed"] or r["picture_changed"] for r in rows),
        )
    elif form.is_bound:
        status = 400
    context["form"] = form
    return _render(request, case, "version_compare.html", context, status=status)


# --- The case overview panel ---------------------------------------------------------------


def overview_panel(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """The child's Words and Pictures on the case overview: the gap when a child on a plan
    has not been given one. Left out for people these pages are not open to (partners)."""
    if getattr(request, "case_access_basis", None) == Basis.SHARED:
        return None
    state = selectors.case_story_state(case)
    if not state.expected and not state.stories:
        return None
    return {
        "state": state,
        "can_edit": getattr(request, "can_edit", False),
        "explanation": StoryKind.EXPLANATION,
    }
