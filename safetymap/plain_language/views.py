"""Plain-language pages: the checker (anyone signed in, with or without JavaScript), the
findings partial the live check asks for, and the glossary (council administrators)."""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from safetymap.accounts.models import User
from safetymap.core.forms import VersionedForm
from safetymap.core.versioning import STALE_MESSAGE, StaleEditError
from safetymap.plain_language import selectors, services
from safetymap.plain_language.checker import MAX_TEXT_LENGTH, Audience
from safetymap.plain_language.forms import CheckForm, GlossaryTermForm
from safetymap.plain_language.models import GlossaryTerm
from safetymap.plain_language.policies import can_manage_glossary
from safetymap.plain_language.widgets import AUDIENCE_PARAM, FIELD_PARAM, LINK_PARAM

View = Callable[..., HttpResponse]
PAGE_SIZE = 50
# The id of the findings box htmx swaps into (from its HX-Target header).
SAFE_ID = re.compile(r"[A-Za-z][\w-]{0,100}")


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def administrators_only(view: View) -> View:
    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage_glossary(request.user):
            raise PermissionDenied(services.NOT_ALLOWED)
        return view(request, *args, **kwargs)

    return wrapped


# --- Checking wording ------------------------------------------------------------------------


@login_required
def check_page(request: HttpRequest) -> HttpResponse:
    """Type or paste wording and press 'Check the wording': the findings show under the box."""
    form = CheckForm(request.POST or None)
    form.is_valid()
    return render(
        request,
        "plain_language/check.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def live_check(request: HttpRequest) -> HttpResponse:
    """The findings partial for the text a textarea sends as the worker types."""
    text = request.POST.get(request.POST.get(FIELD_PARAM, "text"), "")
    audience = request.POST.get(AUDIENCE_PARAM)
    target = getattr(request, "htmx", None) and request.htmx.target  # type: ignore[attr-defined]
    too_long = len(text) > MAX_TEXT_LENGTH
    result = None
    if text.strip() and not too_long:
        result = selectors.check_text(
            text, audience=audience if audience in Audience.values else Audience.PARENT
        )
    return render(
        request,
        "plain_language/partials/live.html",
        {
            "result": result,
            "too_long": too_long,
            "max_length": MAX_TEXT_LENGTH,
            "status_id": f"{target}-status" if target and SAFE_ID.fullmatch(target) else "",
            "checker_url": reverse("plain_language:check") if request.POST.get(LINK_PARAM) else "",
        },
    )


# --- The glossary ----------------------------------------------------------------------------


@administrators_only
def glossary(request: HttpRequest, *, retired: bool = False) -> HttpResponse:
    terms = selectors.retired_terms() if retired else selectors.current_terms()
    page = Paginator(terms, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "plain_language/glossary.html",
        {
            "page_obj": page,
            "retired": retired,
            "current_count": selectors.current_terms().count(),
            "retired_count": selectors.retired_terms().count(),
        },
    )


def _save_term(
    request: HttpRequest, form: GlossaryTermForm, term: GlossaryTerm | None
) -> GlossaryTerm | None:
    """Add or change the term; on refusal, say why on the form and return None."""
    values: services.TermValues = form.service_values()  # type: ignore[assignment]
    try:
        if term is None:
            return services.glossary_term_add(actor=_user(request), values=values)
        return services.glossary_term_update(
            actor=_user(request),
            glossary_term=term,
            expected_version=form.expected_version,
            values=values,
        )
    except ValidationError as error:
        form.add_error(None, error)
    return None


def _term_form_page(
    request: HttpRequest, form: GlossaryTermForm, term: GlossaryTerm | None, status: int
) -> HttpResponse:
    return render(
        request, "plain_language/term_form.html", {"form": form, "term": term}, status=status
    )


@administrators_only
def term_add(request: HttpRequest) -> HttpResponse:
    form = GlossaryTermForm(request.POST or None, versioned=False)
    if request.method == "POST" and form.is_valid():
        saved = _save_term(request, form, None)
        if saved:
            messages.success(request, f"‘{saved.term}’ added to the glossary.")
            return redirect("plain_language:glossary")
    return _term_form_page(request, form, None, 400 if form.errors else 200)


@administrators_only
def term_edit(request: HttpRequest, term_uuid: uuid.UUID) -> HttpResponse:
    term = selectors.get_term(term_uuid)
    form = GlossaryTermForm(request.POST or None, initial=GlossaryTermForm.initial_for(term))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = _save_term(request, form, term)
            except StaleEditError:
                term.refresh_from_db()
                form = form.at_version(term.version, STALE_MESSAGE)  # type: ignore[assignment]
                status = 409
            else:
                if saved:
                    messages.success(request, f"‘{saved.term}’ saved.")
                    return redirect("plain_language:glossary")
    return render(
        request,
        "plain_language/term_form.html",
        {"form": form, "term": term, "saved_now": term if status == 409 else None},
        status=status,
    )


@administrators_only
def term_retire(request: HttpRequest, term_uuid: uuid.UUID) -> HttpResponse:
    """Ask, then stop looking for the term (it can be brought back)."""
    term = selectors.get_term(term_uuid)
    form = VersionedForm(request.POST or None, initial={"version": term.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.glossary_term_retire(
                actor=_user(request), glossary_term=term, expected_version=form.expected_version
            )
        except StaleEditError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"‘{term.term}’ retired. The checker no longer looks for it.")
            return redirect("plain_language:glossary")
    return render(
        request,
        "plain_language/term_retire.html",
        {"form": form, "term": term},
        status=400 if form.errors else 200,
    )


@administrators_only
@require_POST
def term_restore(request: HttpRequest, term_uuid: uuid.UUID) -> HttpResponse:
    term = selectors.get_term(term_uuid)
    form = VersionedForm(request.POST)
    if form.is_valid():
        try:
            services.glossary_term_restore(
                actor=_user(request), glossary_term=term, expected_version=form.expected_version
            )
        except StaleEditError as error:
            messages.error(request, error.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"‘{term.term}’ brought back. The checker looks for it again."
            )
            return redirect("plain_language:glossary")
    else:
        messages.error(request, "This page is out of date. Nothing has been changed.")
    return redirect("plain_language:glossary_retired")
