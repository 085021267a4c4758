"""The "Family documents" tab: the packs made for a family, making a new one (who it is
for, large print, then the review of other people's details), the printable page, the PDF,
and making the same document again."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from safetymap.accounts.models import User
from safetymap.cases.access import case_page, render_case
from safetymap.cases.models import Case, Person
from safetymap.cases.pack_registry import CHILD, FAMILY
from safetymap.packs import selectors, services
from safetymap.packs.forms import PackOptionsForm, RedactionReviewForm
from safetymap.packs.plain_check import check_draft, checker_audience
from safetymap.packs.rendering import pack_context, pdf_filename, render_pack_pdf, stylesheet


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _basis(request: HttpRequest) -> str:
    return str(request.case_access_basis)  # type: ignore[attr-defined]


def _audience(request: HttpRequest) -> str:
    """Which document is being made: `?pack=child` for the child's, else the family's."""
    return CHILD if request.GET.get("pack") == CHILD else FAMILY


@case_page("Family documents")
def pack_list(request: HttpRequest, case: Case) -> HttpResponse:
    page = Paginator(selectors.packs_of(case), selectors.PACKS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render_case(
        request,
        case,
        "packs/list.html",
        {"page_obj": page, "packs": page.object_list},
        tab="packs",
    )


@case_page("Family pack: choose who it is for", edit=True)
def pack_create(request: HttpRequest, case: Case) -> HttpResponse:
    audience = _audience(request)
    readers = selectors.readers(case)
    form = PackOptionsForm(_posted(request), readers=readers, for_child=audience == CHILD)
    if request.method == "POST" and form.is_valid():
        chosen = case.child.uuid if audience == CHILD else form.cleaned_data["for_person"]
        options = {"for": chosen, "large_print": form.cleaned_data["large_print"]}
        query = urlencode({**options, "pack": CHILD} if audience == CHILD else options)
        return redirect(f"{reverse('packs:review', kwargs={'case_uuid': case.uuid})}?{query}")
    return render_case(
        request,
        case,
        "packs/create.html",
        {"form": form, "readers": readers, "for_child": audience == CHILD},
        tab="packs",
    )


def _review_page(
    request: HttpRequest, case: Case, person: Person, options: dict[str, Any], form: Any
) -> HttpResponse:
    draft = services.pack_draft(case=case, for_person=person, audience=options["audience"])
    return render_case(
        request,
        case,
        "packs/review.html",
        {
            "form": form,
            "for_person": person,
            "plain_language": check_draft(draft, options["audience"]),
            "checked_for": checker_audience(options["audience"]),
            **options,
        },
        tab="packs",
    )


def _reader(case: Case, audience: str, chosen: str) -> Person:
    if audience == CHILD:
        return case.child
    return selectors.get_reader(case, chosen)


@case_page("Family pack: review other people's details", edit=True)
def pack_review(request: HttpRequest, case: Case) -> HttpResponse:
    chosen = request.GET.get("for")
    audience = _audience(request)
    if not chosen:
        create = reverse("packs:create", kwargs={"case_uuid": case.uuid})
        return redirect(f"{create}?pack={CHILD}" if audience == CHILD else create)
    person = _reader(case, audience, chosen)
    options: dict[str, Any] = {
        "audience": audience,
        "large_print": request.GET.get("large_print") == "yes",
        "for_child": audience == CHILD,
    }
    details, found = services.details_to_review(case=case, for_person=person, audience=audience)
    form = RedactionReviewForm(_posted(request), details=details, found=found)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.redaction_review_record(
                actor=_actor(request),
                case=case,
                for_person=person,
                found=form.cleaned_data["found"],
                decisions=form.decisions(),
                audience=audience,
            )
            pack = services.family_pack_generate(
                actor=_actor(request),
                case=case,
                for_person=person,
                large_print=options["large_print"],
                review=review,
                basis=_basis(request),
                audience=audience,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            fresh = RedactionReviewForm(details=details, found=found)
            return _review_page(request, case, person, options, fresh)
        messages.success(request, f"{pack.kind_label} made for {person.full_name}.")
        return redirect("packs:detail", case_uuid=case.uuid, pack_uuid=pack.uuid)
    return _review_page(request, case, person, options, form)


@case_page("Family pack")
def pack_detail(request: HttpRequest, case: Case, pack_uuid: uuid.UUID) -> HttpResponse:
    pack = selectors.get_pack(case, pack_uuid)
    links = {
        "list_url": reverse("packs:list", kwargs={"case_uuid": case.uuid}),
        "pdf_url": reverse("packs:pdf", kwargs={"case_uuid": case.uuid, "pack_uuid": pack.uuid}),
    }
    return render(request, "packs/pack.html", pack_context(pack, for_pdf=False, **links))


@case_page("Family pack: PDF")
def pack_pdf(request: HttpRequest, case: Case, pack_uuid: uuid.UUID) -> HttpResponse:
    pack = selectors.get_pack(case, pack_uuid)
    pdf = render_pack_pdf(pack)
    services.family_pack_download_record(actor=_actor(request), pack=pack, basis=_basis(request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(pack)}"'
    return response


@case_page("Family pack: make again", edit=True)
@require_POST
def pack_regenerate(request: HttpRequest, case: Case, pack_uuid: uuid.UUID) -> HttpResponse:
    pack = selectors.get_pack(case, pack_uuid)
    again = services.family_pack_regenerate(actor=_actor(request), pack=pack, basis=_basis(request))
    messages.success(
        request,
        f"The {pack.kind_label.lower()} for {pack.for_person.full_name} was made again, unchanged.",
    )
    return redirect("packs:detail", case_uuid=case.uuid, pack_uuid=again.uuid)


def pack_stylesheet(request: HttpRequest) -> HttpResponse:
    """The pack's stylesheet for the printable page (the PDF is given the same one)."""
    return HttpResponse(stylesheet(), content_type="text/css")
