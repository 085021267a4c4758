"""The safety network pages of a case. Every page goes through `case_page` (404 for no
relationship, and for partners a case is shared with; 403 for writes by readers)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from safetymap.accounts.models import User
from safetymap.cases.access import case_page, render_case
from safetymap.cases.models import Case
from safetymap.core.forms import VersionedForm
from safetymap.core.versioning import StaleEditError
from safetymap.networks import selectors, services
from safetymap.networks.circles import safety_circles
from safetymap.networks.forms import (
    AgreementForm,
    CheckForm,
    MeetingForm,
    MemberForm,
    RemoveMemberForm,
    SeenForm,
    StorySeenForm,
)
from safetymap.networks.models import NetworkMember
from safetymap.networks.policies import can_see_contact_details, can_view_network
from safetymap.words_pictures.selectors import current_story_version, shown_story_versions

TAB = "network"


def _network_url(case: Case) -> str:
    return reverse("networks:network", kwargs={"case_uuid": case.uuid})


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _basis(request: HttpRequest) -> str | None:
    return getattr(request, "case_access_basis", None)


def glance_panel_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """The network at a glance on the case overview; left out for those who may not see it."""
    if not can_view_network(_basis(request)):
        return None
    return {"glance": selectors.network_glance(case), "network_url": _network_url(case)}


@case_page("Safety network")
def network_page(request: HttpRequest, case: Case) -> HttpResponse:
    members = selectors.network_members(case)
    glance = selectors.network_glance(case, members)
    checks_by_member: dict[int, list[selectors.CheckStatus]] = {}
    for status in glance.checks:
        checks_by_member.setdefault(status.member.pk, []).append(status)
    return render_case(
        request,
        case,
        "networks/network.html",
        {
            "glance": glance,
            "rings": safety_circles(members),
            "members": [(member, checks_by_member.get(member.pk, [])) for member in members],
            "show_contacts": can_see_contact_details(_basis(request)),
            "meeting_count": selectors.network_meetings(case).count(),
            "network_url": _network_url(case),
        },
        tab=TAB,
    )


def _render_form(
    request: HttpRequest,
    case: Case,
    form: Any,
    *,
    title: str,
    button: str,
    member: NetworkMember | None = None,
    template: str = "networks/form.html",
    **extra: Any,
) -> HttpResponse:
    return render_case(
        request,
        case,
        template,
        {
            "form": form,
            "title": title,
            "button": button,
            "member": member,
            "cancel_url": _network_url(case),
            **extra,
        },
        tab=TAB,
    )


def _saved(request: HttpRequest, case: Case, message: str, to: str | None = None) -> HttpResponse:
    messages.success(request, message)
    return redirect(to or _network_url(case))


def _create(
    request: HttpRequest,
    case: Case,
    form: Any,
    save: Callable[[], Any],
    done: Callable[[Any], str],
    to: str | None = None,
) -> HttpResponse | None:
    """On a valid post, save and go back with a message; None (with the form holding any
    error) when the page should be shown again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save()
    except ValidationError as error:
        form.add_error(None, error)
        return None
    return _saved(request, case, done(saved), to)


@case_page("Add someone to the safety network", edit=True)
def member_add(request: HttpRequest, case: Case) -> HttpResponse:
    people = selectors.people_not_in_network(case)
    form = MemberForm(request.POST or None, versioned=False, people=people)
    saved = _create(
        request,
        case,
        form,
        lambda: services.network_member_add(
            actor=_user(request),
            case=case,
            case_member=form.case_member(),
            new_person=form.new_person(),
            values=form.member_values(),
            roles=form.cleaned_data["roles"],
            other_role=form.cleaned_data["other_role"],
        ),
        lambda member: f"{member.person.full_name} has been added to the safety network.",
    )
    if saved is not None:
        return saved
    return _render_form(
        request,
        case,
        form,
        title=f"Add someone to {case.child.name_used}'s safety network",
        button="Add to the network",
        template="networks/member_form.html",
    )


def _versioned_edit(
    request: HttpRequest,
    case: Case,
    member_uuid: uuid.UUID,
    *,
    make_form: Callable[..., VersionedForm],
    initial: Callable[[NetworkMember], dict[str, Any]],
    save: Callable[[NetworkMember, VersionedForm], Any],
    done: str,
    title: str,
    button: str,
    template: str = "networks/form.html",
) -> HttpResponse:
    """One member's edit page: a stale save is refused and the form is offered again,
    holding what was typed, at the version now saved."""
    member = selectors.get_network_member(case, member_uuid)
    if request.method == "POST":
        form = make_form(request.POST)
        if form.is_valid():
            try:
                save(member, form)
            except StaleEditError as error:
                fresh = selectors.get_network_member(case, member_uuid)
                form = form.at_version(fresh.version, error.message, make=make_form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return _saved(request, case, done.format(name=member.person.full_name))
    else:
        form = make_form(initial=initial(member))
    name = member.person.full_name
    return _render_form(
        request,
        case,
        form,
        title=title.format(name=name),
        button=button,
        member=member,
        template=template,
    )


@case_page("Change someone in the safety network", edit=True)
def member_edit(request: HttpRequest, case: Case, network_member_uuid: uuid.UUID) -> HttpResponse:
    def save(member: NetworkMember, form: VersionedForm) -> Any:
        assert isinstance(form, MemberForm)
        return services.network_member_update(
            actor=_user(request),
            member=member,
            expected_version=form.expected_version,
            values=form.member_values(),
            roles=form.cleaned_data["roles"],
            other_role=form.cleaned_data["other_role"],
        )

    return _versioned_edit(
        request,
        case,
        network_member_uuid,
        make_form=MemberForm,
        initial=lambda m: MemberForm.initial_for(m, selectors.member_roles(m)),
        save=save,
        done="{name}'s part in the safety network has been saved.",
        title="Change {name}'s part in the network",
        button="Save changes",
        template="networks/member_form.html",
    )


@case_page("Record that someone saw the danger statements", edit=True)
def member_seen(request: HttpRequest, case: Case, network_member_uuid: uuid.UUID) -> HttpResponse:
    versions = list(case.map_versions.order_by("-number"))
    now_texts = selectors.statement_texts_now(case)
    form_kwargs: dict[str, Any] = {
        "versions": versions,
        "now_version": selectors.version_matching_now(case),
        "now_texts": now_texts,
    }

    def make_form(*args: Any, **kwargs: Any) -> VersionedForm:
        return SeenForm(*args, **form_kwargs, **kwargs)

    def save(member: NetworkMember, form: VersionedForm) -> Any:
        assert isinstance(form, SeenForm)
        version = form.chosen_version() or services.statements_version_now(
            actor=_user(request), case=case
        )
        return services.network_member_record_seen(
            actor=_user(request),
            member=member,
            expected_version=form.expected_version,
            version=version,
            seen_on=form.cleaned_data["seen_on"],
        )

    return _versioned_edit(
        request,
        case,
        network_member_uuid,
        make_form=make_form,
        initial=lambda m: {"version": m.version},
        save=save,
        done="Recorded that {name} has seen the danger statements.",
        title="Record that {name} saw the danger statements",
        button="Save",
        template="networks/seen_form.html"
        if now_texts or versions
        else "networks/no_statements.html",
    )


@case_page("Record that someone saw the Words and Pictures", edit=True)
def member_story_seen(
    request: HttpRequest, case: Case, network_member_uuid: uuid.UUID
) -> HttpResponse:
    versions = shown_story_versions(case)
    current = current_story_version(case)

    def make_form(*args: Any, **kwargs: Any) -> VersionedForm:
        return StorySeenForm(*args, versions=versions, current=current, **kwargs)

    def save(member: NetworkMember, form: VersionedForm) -> Any:
        assert isinstance(form, StorySeenForm)
        return services.network_member_record_story_seen(
            actor=_user(request),
            member=member,
            expected_version=form.expected_version,
            story_version=form.chosen_version(),
            seen_on=form.cleaned_data["seen_on"],
        )

    return _versioned_edit(
        request,
        case,
        network_member_uuid,
        make_form=make_form,
        initial=lambda m: {"version": m.version},
        save=save,
        done="Recorded that {name} has seen the Words and Pictures.",
        title="Record that {name} saw the Words and Pictures",
        button="Save",
        template="networks/form.html" if versions else "networks/no_story.html",
    )


@case_page("Record that someone agreed to their role", edit=True)
def member_agreed(request: HttpRequest, case: Case, network_member_uuid: uuid.UUID) -> HttpResponse:
    def save(member: NetworkMember, form: VersionedForm) -> Any:
        return services.network_member_record_agreement(
            actor=_user(request),
            member=member,
            expected_version=form.expected_version,
            agreed_on=form.cleaned_data["agreed_on"],
        )

    return _versioned_edit(
        request,
        case,
        network_member_uuid,
        make_form=AgreementForm,
        initial=lambda m: {
            "version": m.version,
            **({"agreed_on": m.agreed_on} if m.agreed_on else {}),
        },
        save=save,
        done="Recorded that {name} agreed to their role.",
        title="Record that {name} agreed to their role",
        button="Save",
    )


@case_page("Take someone out of the safety network", edit=True)
def member_remove(request: HttpRequest, case: Case, network_member_uuid: uuid.UUID) -> HttpResponse:
    def save(member: NetworkMember, form: VersionedForm) -> Any:
        return services.network_member_remove(
            actor=_user(request), member=member, expected_version=form.expected_version
        )

    return _versioned_edit(
        request,
        case,
        network_member_uuid,
        make_form=RemoveMemberForm,
        initial=lambda m: {"version": m.version},
        save=save,
        done="{name} has been taken out of the safety network.",
        title="Take {name} out of the safety network?",
        button="Take them out of the network",
        template="networks/remove.html",
    )


@case_page("Record a check on someone in the safety network", edit=True)
def check_add(request: HttpRequest, case: Case, network_member_uuid: uuid.UUID) -> HttpResponse:
    member = selectors.get_network_member(case, network_member_uuid)
    check_types = selectors.check_types()
    form = CheckForm(request.POST or None, check_types=check_types)
    saved = _create(
        request,
        case,
        form,
        lambda: services.network_check_add(
            actor=_user(request), member=member, **form.cleaned_data
        ),
        lambda _: f"The check on {member.person.full_name} has been recorded.",
    )
    if saved is not None:
        return saved
    return _render_form(
        request,
        case,
        form,
        title=f"Record a check on {member.person.full_name}",
        button="Save the check",
        member=member,
        template="networks/form.html" if check_types else "networks/no_checks.html",
    )


@case_page("Safety network meetings")
def meetings_page(request: HttpRequest, case: Case) -> HttpResponse:
    return render_case(
        request,
        case,
        "networks/meetings.html",
        {"meetings": list(selectors.network_meetings(case)), "network_url": _network_url(case)},
        tab=TAB,
    )


@case_page("Record a safety network meeting", edit=True)
def meeting_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = MeetingForm(
        request.POST or None,
        members=selectors.network_members(case),
        staff=list(selectors.staff_for_meetings(case)),
        has_statements=bool(selectors.statement_texts_now(case)),
        has_story=current_story_version(case) is not None,
    )
    meetings_url = reverse("networks:meetings", kwargs={"case_uuid": case.uuid})
    saved = _create(
        request,
        case,
        form,
        lambda: services.network_meeting_add(
            actor=_user(request),
            case=case,
            held_on=form.cleaned_data["held_on"],
            attendees=form.chosen_members(),
            staff=form.chosen_staff(),
            agreed=form.cleaned_data["agreed"],
            saw_statements=form.cleaned_data.get("saw_statements", False),
            saw_story=form.cleaned_data.get("saw_story", False),
        ),
        lambda _: "The network meeting has been recorded.",
        to=meetings_url,
    )
    if saved is not None:
        return saved
    return _render_form(
        request,
        case,
        form,
        title="Record a network meeting",
        button="Save the meeting",
        cancel_url=meetings_url,
    )
