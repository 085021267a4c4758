"""Pages about who may open a child's record.

- Find a child's record, and emergency ("break-glass") access for a worker with no
  relationship to the child; managers review every use of it.
- Restricted records: only the people on the allow-list may open them. Team managers of
  the case's team (and above) and council administrators manage restrictions, after
  confirming it's them (`accounts.reauth`).
- Sharing a record, read-only, with partner professionals (what each one sees is chosen
  item by item in views_sharing.py).

Reads go through `selectors`, writes through `services`, and every child shown is recorded
as an access event.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from safetymap.accounts import twofactor
from safetymap.accounts.models import Role, User
from safetymap.accounts.reauth import has_recent_auth, reauth_url, recent_auth_required
from safetymap.cases import policies, selectors, services
from safetymap.cases.access import case_page, render_case
from safetymap.cases.forms_access import (
    AllowListAddForm,
    BreakGlassForm,
    BreakGlassReviewForm,
    ConfirmForm,
    FindForRestrictionForm,
    FindRecordForm,
    RestrictForm,
    RestrictionChangeForm,
    ShareForm,
)
from safetymap.cases.models import Case, CaseRestriction
from safetymap.core.versioning import StaleEditError
from safetymap.govuk.formatting import govuk_datetime

PER_PAGE = 25


def _user(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    return user


def _case_url(case: Case) -> str:
    return reverse("cases:case", kwargs={"case_uuid": case.uuid})


def _unique(cases: list[Case]) -> list[Case]:
    return list({case.pk: case for case in cases}.values())


# --- Find a child's record ---------------------------------------------------------------------


@login_required
def find_record(request: HttpRequest) -> HttpResponse:
    """Search every record that is not restricted, by name or reference. Shows only the
    child's name, date of birth and reference, each recorded as seen on the basis "search"."""
    user = _user(request)
    if not policies.can_use_break_glass(user):
        raise PermissionDenied("Your role cannot search for records outside your own.")
    form = FindRecordForm(request.GET if "q" in request.GET else None)
    results: list[dict[str, Any]] = []
    too_many = False
    searched = form.is_bound and form.is_valid()
    if searched:
        found = selectors.find_cases(form.cleaned_data["q"])
        if len(found) > selectors.SEARCH_LIMIT:
            too_many = True
        else:
            services.search_record_view(
                actor=user, cases=found, what="Find a child's record: search results"
            )
            bases = policies.access_bases(user, found)
            results = [{"case": case, "can_open": case.pk in bases} for case in found]
    return render(
        request,
        "cases/access/find_record.html",
        {
            "form": form,
            "searched": searched,
            "results": results,
            "too_many": too_many,
            "limit": selectors.SEARCH_LIMIT,
        },
    )


@login_required
def break_glass_request(request: HttpRequest, case_uuid: uuid.UUID) -> HttpResponse:
    """Ask for emergency access: a reason, the user's password and a current code (or a
    recovery code). Single sign-on users without a password give the code; those with
    neither confirm by signing in with single sign-on again first ("Confirm it's you")."""
    user = _user(request)
    if not policies.can_use_break_glass(user):
        raise PermissionDenied("Your role cannot use emergency access.")
    case = selectors.get_case_for_break_glass(case_uuid)  # 404 for restricted records
    if policies.access_basis(user, case) is not None:
        messages.info(request, "You can already open this record.")
        return redirect(_case_url(case))
    form = BreakGlassForm(request.POST or None, user=user, request=request)
    if form.needs_recent_sign_in and not has_recent_auth(request):
        return redirect(reauth_url(request.path))
    services.search_record_view(actor=user, cases=[case], what="Request emergency access")
    if request.method == "POST":
        if form.is_valid():
            try:
                grant = services.break_glass_request(
                    actor=user, case=case, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    "You can read this record until "
                    f"{govuk_datetime(grant.expires_at)}. The team's managers have been told.",
                )
                if form.used_recovery_code:
                    _recovery_code_used(request, user)
                return redirect(_case_url(case))
        elif form.refused_because:
            services.break_glass_refused(actor=user, case=case, why=form.refused_because)
    return render(
        request,
        "cases/access/break_glass_request.html",
        {"form": form, "case": case, "hours": services.break_glass_hours()},
    )


def _recovery_code_used(request: HttpRequest, user: User) -> None:
    left = twofactor.recovery_codes_left(user)
    messages.warning(
        request,
        f"You used a recovery code. You have {left} recovery code{'s' if left != 1 else ''} "
        "left. Get new recovery codes from Your account.",
    )


@login_required
@require_POST
def break_glass_finish(request: HttpRequest, case_uuid: uuid.UUID) -> HttpResponse:
    """End the user's own emergency access to this record now."""
    user = _user(request)
    case = selectors.get_case_for_break_glass(case_uuid)
    grant = selectors.active_break_glass_grant(user, case)
    if grant is None:
        raise Http404("No emergency access to finish")
    services.break_glass_finish(actor=user, grant=grant)
    messages.success(
        request,
        f"Your emergency access to {case.child.full_name}'s record has ended. A manager will "
        "review it.",
    )
    return redirect("cases:find_record")


# --- Reviewing emergency access ---------------------------------------------------------------


def _may_review(user: User) -> None:
    if user.role != Role.TEAM_MANAGER:
        raise PermissionDenied("Only team managers review emergency access.")


@login_required
def break_glass_reviews(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _may_review(user)
    page = Paginator(selectors.break_glass_grants_to_review(user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    grants = list(page.object_list)
    services.case_record_list_view(
        actor=user,
        cases=_unique([grant.case for grant in grants]),
        what="Emergency access to review",
    )
    opened = selectors.pages_opened(grants)
    return render(
        request,
        "cases/access/break_glass_reviews.html",
        {
            "page_obj": page,
            "rows": [{"grant": grant, "opened": opened[grant.pk]} for grant in grants],
            "waiting": selectors.break_glass_grants_to_review(user)
            .filter(reviewed_at__isnull=True)
            .count(),
        },
    )


@login_required
def break_glass_review(request: HttpRequest, grant_uuid: uuid.UUID) -> HttpResponse:
    user = _user(request)
    _may_review(user)
    grant = selectors.get_break_glass_grant(user, grant_uuid)
    services.case_record_view(actor=user, case=grant.case, what="Emergency access review")
    form: BreakGlassReviewForm | None = None
    if grant.is_reviewed and request.method == "POST":
        messages.info(
            request,
            f"{grant.reviewed_by.display_name if grant.reviewed_by else 'Someone else'} has "
            "already reviewed this. Nothing you entered has been saved.",
        )
        return redirect("cases:break_glass_review", grant_uuid=grant.uuid)
    if not grant.is_reviewed:
        if request.method == "POST":
            form = BreakGlassReviewForm(request.POST)
            if form.is_valid():
                try:
                    services.break_glass_review(
                        actor=user,
                        grant=grant,
                        expected_version=form.expected_version,
                        outcome=form.cleaned_data["outcome"],
                        note=form.cleaned_data["note"],
                    )
                except StaleEditError:
                    messages.info(
                        request,
                        "Someone else reviewed this while you were reading it. Nothing you "
                        "entered has been saved.",
                    )
                    return redirect("cases:break_glass_review", grant_uuid=grant.uuid)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, "Your review has been saved.")
                    return redirect("cases:break_glass_reviews")
        else:
            form = BreakGlassReviewForm(initial={"version": grant.version})
    return render(
        request,
        "cases/access/break_glass_review.html",
        {
            "grant": grant,
            "case": grant.case,
            "opened": selectors.pages_opened([grant])[grant.pk],
            "form": form,
            "active": grant.is_active(),
        },
    )


# --- Restricted records ----------------------------------------------------------------------


def _may_manage_restrictions(user: User) -> None:
    if not policies.may_manage_restrictions(user):
        raise PermissionDenied("Only team managers and council administrators manage this.")


@login_required
def restricted_records(request: HttpRequest) -> HttpResponse:
    """The restrictions this user manages, those due for review first; and a way to restrict
    another record by its reference (for administrators, who cannot open records)."""
    user = _user(request)
    _may_manage_restrictions(user)
    find = FindForRestrictionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and find.is_valid():
        case = selectors.find_case_for_restriction(user, find.cleaned_data["reference"])
        if case is not None:
            return redirect("cases:restriction", case_uuid=case.uuid)
        find.add_error(
            "reference", "There is no case with this reference whose access you can manage"
        )
    page = Paginator(selectors.restrictions_managed_by(user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    restrictions = list(page.object_list)
    services.restriction_record_view(
        actor=user,
        cases=[restriction.case for restriction in restrictions],
        what="Restricted records list",
    )
    return render(
        request,
        "cases/access/restricted_records.html",
        {"page_obj": page, "restrictions": restrictions, "form": find},
    )


def _restriction_page(
    request: HttpRequest, case_uuid: uuid.UUID, what: str
) -> tuple[User, Case, CaseRestriction | None]:
    """The case whose restriction the user manages (404 otherwise), with the view recorded."""
    user = _user(request)
    case = selectors.get_case_for_restriction(user, case_uuid)
    services.restriction_record_view(actor=user, cases=[case], what=what)
    restriction = selectors.restriction_of(case)
    if restriction is not None and not restriction.active:
        restriction = None
    return user, case, restriction


def _restriction_door(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Who may manage this record's restriction is checked first (404 for anyone else, as
    for every record), and only then is a recent "Confirm it's you" asked for."""

    @functools.wraps(view)
    def wrapped(
        request: HttpRequest, case_uuid: uuid.UUID, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        selectors.get_case_for_restriction(_user(request), case_uuid)
        confirmed_view = recent_auth_required()(view)
        return confirmed_view(request, case_uuid, *args, **kwargs)  # type: ignore[no-any-return]

    return wrapped


def _restriction_url(case: Case) -> str:
    return reverse("cases:restriction", kwargs={"case_uuid": case.uuid})


def _render_restriction(
    request: HttpRequest, case: Case, template: str, context: dict[str, Any]
) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        template,
        {
            "case": case,
            "can_open": policies.can_view_case(user, case),
            "restriction_url": _restriction_url(case),
            **context,
        },
    )


@login_required
@_restriction_door
def restriction(request: HttpRequest, case_uuid: uuid.UUID) -> HttpResponse:
    """Restrict a record, or see and manage its restriction."""
    user, case, current = _restriction_page(request, case_uuid, "Restriction")
    if current is not None:
        return _render_restriction(
            request,
            case,
            "cases/access/restriction.html",
            {"restriction": current, "allow_list": selectors.allow_list(current)},
        )
    suggestions = selectors.allow_list_suggestions(case)
    if request.method == "POST":
        form = RestrictForm(request.POST, suggestions=suggestions)
        if form.is_valid():
            try:
                services.case_restrict(
                    actor=user,
                    case=case,
                    reason=form.cleaned_data["reason"],
                    review_on=form.cleaned_data["review_on"],
                    allowed=list(form.cleaned_data["allowed"]),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"{case.child.full_name}'s record is restricted. Only the people on the "
                    "allow-list can open it now.",
                )
                return redirect(_restriction_url(case))
    else:
        form = RestrictForm(
            suggestions=suggestions,
            initial={"allowed": [w.pk for w in selectors.current_workers(case)]},
        )
    return _render_restriction(
        request,
        case,
        "cases/access/restrict.html",
        {"form": form, "user_suggested": any(s.pk == user.pk for s in suggestions)},
    )


def _current_restriction(
    request: HttpRequest, case_uuid: uuid.UUID, what: str
) -> tuple[User, Case, CaseRestriction] | HttpResponse:
    user, case, current = _restriction_page(request, case_uuid, what)
    if current is None:
        messages.info(request, "This record is not restricted.")
        return redirect(_restriction_url(case))
    return user, case, current


@login_required
@_restriction_door
def restriction_change(request: HttpRequest, case_uuid: uuid.UUID) -> HttpResponse:
    found = _current_restriction(request, case_uuid, "Change a restriction")
    if isinstance(found, HttpResponse):
        return found
    user, case, current = found
    if request.method == "POST":
        form = RestrictionChangeForm(request.POST)
        if form.is_valid():
            try:
                services.case_restriction_change(
                    actor=user,
                    restriction=current,
                    expected_version=form.expected_version,
                    reason=form.cleaned_data["reason"],
                    review_on=form.cleaned_data["review_on"],
                )
            except StaleEditError as error:
                current.refresh_from_db()
                data = request.POST.copy()
                data["version"] = str(current.version)
                form = RestrictionChangeForm(data)
                form.is_valid()
                form.add_error(None, error.message)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The restriction has been changed.")
                return redirect(_restriction_url(case))
    else:
        form = RestrictionChangeForm(
            initial={
                "reason": current.reason,
                "review_on": current.review_on,
                "version": current.version,
            }
        )
    return _render_restriction(
        request,
        case,
        "cases/access/restriction_change.html",
        {"form": form, "restriction": current},
    )


@login_required
@_restriction_door
def restriction_allow_add(request: HttpRequest, case_uuid: uuid.UUID) -> HttpResponse:
    found = _current_restriction(request, case_uuid, "Add to a restriction's allow-list")
    if isinstance(found, HttpResponse):
        return found
    user, case, current = found
    candidates = selectors.staff_for_allow_list(current)
    if request.method == "POST":
        form = AllowListAddForm(request.POST, candidates=candidates)
        if form.is_valid():
            person = form.cleaned_data["user"]
            try:
                services.restriction_allow_add(actor=user, restriction=current, user=person)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"{person.display_name} can now open this record.")
                return redirect(_restriction_url(case))
    else:
        form = AllowListAddForm(candidates=candidates)
    return _render_restriction(
        request,
        case,
        "cases/access/allow_list_add.html",
        {"form": form, "restriction": current},
    )


@login_required
@_restriction_door
def restriction_allow_remove(
    request: HttpRequest, case_uuid: uuid.UUID, allowance_uuid: uuid.UUID
) -> HttpResponse:
    found = _current_restriction(request, case_uuid, "Take someone off a restriction's allow-list")
    if isinstance(found, HttpResponse):
        return found
    user, case, current = found
    allowance = selectors.get_allowance(current, allowance_uuid)
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            try:
                services.restriction_allow_remove(
                    actor=user, allowance=allowance, expected_version=form.expected_version
                )
            except StaleEditError:
                messages.info(
                    request, "Someone else changed the allow-list meanwhile. Nothing was changed."
                )
                return redirect(_restriction_url(case))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, f"{allowance.user.display_name} can no longer open this record."
                )
                return redirect(_restriction_url(case))
    else:
        form = ConfirmForm(initial={"version": allowance.version})
    return _render_restriction(
        request,
        case,
        "cases/access/allow_list_remove.html",
        {"form": form, "allowance": allowance, "removing_self": allowance.user_id == user.pk},
    )


@login_required
@_restriction_door
def restriction_lift(request: HttpRequest, case_uuid: uuid.UUID) -> HttpResponse:
    found = _current_restriction(request, case_uuid, "Lift a restriction")
    if isinstance(found, HttpResponse):
        return found
    user, case, current = found
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            try:
                services.case_restriction_lift(
                    actor=user, restriction=current, expected_version=form.expected_version
                )
            except StaleEditError:
                messages.info(
                    request,
                    "Someone else changed the restriction meanwhile. Check it, then decide again.",
                )
                return redirect(_restriction_url(case))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"The restriction has been lifted. {case.child.full_name}'s record can be "
                    "opened by the allocated workers, the team and its managers again.",
                )
                return redirect(_restriction_url(case))
    else:
        form = ConfirmForm(initial={"version": current.version})
    return _render_restriction(
        request,
        case,
        "cases/access/restriction_lift.html",
        {"form": form, "restriction": current},
    )


# --- Sharing with partner professionals -------------------------------------------------------


@case_page("Sharing with partner professionals")
def sharing(request: HttpRequest, case: Case) -> HttpResponse:
    user = _user(request)
    can_share = policies.can_manage_shares(user, case, basis=request.case_access_basis)  # type: ignore[attr-defined]
    restricted = policies.is_restricted(case)
    form: ShareForm | None = None
    if can_share and not restricted:
        partners = selectors.partners_to_share_with(case)
        if request.method == "POST":
            form = ShareForm(request.POST, partners=partners)
            if form.is_valid():
                partner = form.cleaned_data["partner"]
                try:
                    share = services.case_share_add(
                        actor=user, case=case, partner=partner, reason=form.cleaned_data["reason"]
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(
                        request,
                        f"{case.child.name_used}'s record is shared with {partner.display_name}. "
                        "Now choose what they can see.",
                    )
                    return redirect(
                        "cases:share_choose", case_uuid=case.uuid, share_uuid=share.uuid
                    )
        else:
            form = ShareForm(partners=partners)
    return render_case(
        request,
        case,
        "cases/access/sharing.html",
        {
            "shares": selectors.current_shares(case),
            "form": form,
            "can_share": can_share,
            "restricted": restricted,
        },
        tab="overview",
    )


@case_page("Stop sharing with a partner professional", edit=True)
def share_end(request: HttpRequest, case: Case, share_uuid: uuid.UUID) -> HttpResponse:
    share = selectors.get_current_share(case, share_uuid)
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            try:
                services.case_share_end(
                    actor=_user(request), share=share, expected_version=form.expected_version
                )
            except (StaleEditError, ValidationError):
                messages.info(request, "Someone else changed this share meanwhile.")
            else:
                messages.success(
                    request, f"The record is no longer shared with {share.partner.display_name}."
                )
            return redirect("cases:sharing", case_uuid=case.uuid)
    else:
        form = ConfirmForm(initial={"version": share.version})
    return render_case(
        request,
        case,
        "cases/access/share_end.html",
        {"form": form, "share": share},
        tab="overview",
    )


@login_required
def shared_with_me(request: HttpRequest) -> HttpResponse:
    """The open records shared with a partner professional."""
    user = _user(request)
    page = Paginator(selectors.shared_with(user), PER_PAGE).get_page(request.GET.get("page"))
    cases = list(page.object_list)
    services.case_record_list_view(actor=user, cases=cases, what="Records shared with you")
    shares = {share.case_id: share for share in selectors.shares_for(user, cases)}
    return render(
        request,
        "cases/access/shared_with_me.html",
        {"page_obj": page, "rows": [{"case": c, "share": shares.get(c.pk)} for c in cases]},
    )
