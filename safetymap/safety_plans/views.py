"""Safety plan pages. Reads are open to everyone who may read the case (not to partner
professionals, whose shares cover only the overview and the map); every write needs edit
rights (`case_page(..., edit=True)` answers 403 otherwise)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from safetymap.accounts.models import User
from safetymap.cases.access import case_page, render_case
from safetymap.cases.models import Case
from safetymap.child_voice.selectors import safety_house_rules
from safetymap.core.forms import VersionedForm, save_through
from safetymap.core.versioning import STALE_MESSAGE
from safetymap.govuk.forms import GovukForm
from safetymap.networks.selectors import role_holders
from safetymap.safety_plans import selectors, services
from safetymap.safety_plans.compare import compare_versions
from safetymap.safety_plans.forms import (
    LINE_FORMS,
    AgreeForm,
    CheckForm,
    CompareForm,
    CompleteForm,
    PlanCreateForm,
    PlanDetailsForm,
    RuleForm,
    StartTestingForm,
)
from safetymap.safety_plans.models import PlanLine, PlanStatus, PlanVersion, SafetyPlan
from safetymap.safety_plans.services import LINE_KINDS, not_followed_rule

TAB = "safety_plan"


# --- Helpers ------------------------------------------------------------------------------


def _actor(request: HttpRequest) -> User:
    """The signed-in user (`case_page` has already required a sign-in)."""
    user: User = request.user  # type: ignore[assignment]
    return user


def _plan_url(plan: SafetyPlan, name: str = "plan", **kwargs: Any) -> str:
    return reverse(
        f"safety_plans:{name}",
        kwargs={"case_uuid": plan.case.uuid, "plan_uuid": plan.uuid, **kwargs},
    )


def _version_url(version: PlanVersion) -> str:
    return _plan_url(version.plan, "version", number=version.number)


def _form_page(
    request: HttpRequest,
    case: Case,
    form: GovukForm,
    *,
    title: str,
    back_url: str,
    submit: str,
    **extra: Any,
) -> HttpResponse:
    """Every one-form page of a plan: heading, errors, the form, Save and Cancel."""
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "title": title, "back_url": back_url, "submit": submit, **extra}
    return render_case(
        request, case, "safety_plans/form_page.html", context, tab=TAB, status=status
    )


def _prompt(rule: Any) -> str:
    limit, considered = not_followed_rule()
    return (
        f"This rule was not followed in {limit} or more of its last {considered} checks. "
        f"{selectors.NETWORK_MEETING_PROMPT} to talk about what is getting in the way."
    )


# --- Reading --------------------------------------------------------------------------------


@case_page("Safety plans")
@require_safe
def plans(request: HttpRequest, case: Case) -> HttpResponse:
    return render_case(
        request,
        case,
        "safety_plans/plans.html",
        {"summaries": selectors.plan_summaries(case)},
        tab=TAB,
    )


def _render_version(request: HttpRequest, case: Case, version: PlanVersion) -> HttpResponse:
    plan = version.plan
    history = selectors.checks_by_rule(version)
    _show_role_holders(case, version)
    rules = [
        {
            "rule": rule,
            "checks": history.get(rule.pk, []),
            "prompt": _prompt(rule) if rule.needs_network_meeting and version.in_force else "",
        }
        for rule in version.live_rules  # type: ignore[attr-defined]
    ]
    numbers = selectors.version_numbers(plan)
    draft_number = next(
        (v.number for v in plan.versions.all() if v.status == PlanStatus.DRAFT), None
    )
    return render_case(
        request,
        case,
        "safety_plans/version.html",
        {
            "plan": plan,
            "version": version,
            "rules": rules,
            "numbers": numbers,
            "draft_number": draft_number,
            "compare_form": CompareForm(
                initial={"from_": numbers[1], "to": numbers[0]} if len(numbers) > 1 else {},
                numbers=numbers,
            ),
        },
        tab=TAB,
    )


@case_page("Safety plan")
@require_safe
def plan(request: HttpRequest, case: Case, plan_uuid: uuid.UUID) -> HttpResponse:
    found = selectors.get_plan(case, plan_uuid)
    shown = next(s.shown for s in selectors.plan_summaries(case) if s.plan.pk == found.pk)
    return _render_version(request, case, selectors.get_version(found, shown.number))


@case_page("Safety plan version")
@require_safe
def version(request: HttpRequest, case: Case, plan_uuid: uuid.UUID, number: int) -> HttpResponse:
    found = selectors.get_plan(case, plan_uuid)
    return _render_version(request, case, selectors.get_version(found, number))


@case_page("Compare safety plan versions")
@require_safe
def compare(request: HttpRequest, case: Case, plan_uuid: uuid.UUID) -> HttpResponse:
    found = selectors.get_plan(case, plan_uuid)
    numbers = selectors.version_numbers(found)
    form = CompareForm(request.GET or None, numbers=numbers)
    changes = None
    old = new = None
    if form.is_bound and form.is_valid():
        old = selectors.get_version(found, form.cleaned_data["from_"])
        new = selectors.get_version(found, form.cleaned_data["to"])
        changes = compare_versions(old, new)
    return render_case(
        request,
        case,
        "safety_plans/compare.html",
        {"plan": found, "form": form, "old": old, "new": new, "changes": changes},
        tab=TAB,
        status=400 if form.is_bound and form.errors else 200,
    )


# --- Creating and drafting ------------------------------------------------------------------


@case_page("Start a safety plan", edit=True)
def plan_create(request: HttpRequest, case: Case) -> HttpResponse:
    form = PlanCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created: list[PlanVersion] = []
        if save_through(
            form,
            lambda: created.append(
                services.safety_plan_create(actor=_actor(request), case=case, **form.cleaned_data)  # type: ignore[arg-type]
            ),
        ):
            messages.success(request, "Plan started. Add its rules, then record who agreed it.")
            return redirect(_plan_url(created[0].plan, "draft"))
    return _form_page(
        request,
        case,
        form,
        title="Start a safety plan",
        back_url=reverse("safety_plans:plans", kwargs={"case_uuid": case.uuid}),
        submit="Start the plan",
    )


SECTIONS = (
    ("rules", "Rules", "live_rules"),
    ("warning-signs", "Warning signs and what to do", "live_warning_signs"),
    ("contacts", "Who to call", "live_contacts"),
)


def _show_role_holders(case: Case, version: PlanVersion) -> None:
    """Set `role_holders` on each rule: who in the network holds the role it needs."""
    holders = role_holders(case)
    for rule in version.live_rules:  # type: ignore[attr-defined]
        rule.role_holders = holders.get(rule.network_role, [])


def _sections(version: PlanVersion) -> list[dict[str, Any]]:
    return [
        {
            "kind": kind,
            "heading": heading,
            "name": LINE_KINDS[kind].name,
            "lines": getattr(version, attr),
        }
        for kind, heading, attr in SECTIONS
    ]


@case_page("Edit a draft safety plan", edit=True)
def draft(request: HttpRequest, case: Case, plan_uuid: uuid.UUID) -> HttpResponse:
    found = selectors.get_plan(case, plan_uuid)
    current = selectors.draft_of(found)
    initial = {name: getattr(current, name) for name in services.PLAN_FIELDS}
    form: VersionedForm = PlanDetailsForm(
        request.POST or None, initial={**initial, "version": current.version}
    )
    _show_role_holders(case, current)
    if request.method == "POST" and form.is_valid():
        if save_through(
            form,
            lambda: services.plan_version_update(
                actor=_actor(request),
                plan_version=current,
                expected_version=form.expected_version,
                values=form.service_values(),
            ),
        ):
            messages.success(request, "Plan saved.")
            return redirect(_plan_url(found, "draft"))
        if getattr(form, "stale", False):
            form = form.at_version(current.version, STALE_MESSAGE)
    return render_case(
        request,
        case,
        "safety_plans/draft.html",
        {
            "plan": found,
            "version": current,
            "form": form,
            "sections": _sections(current),
            "has_safety_house": safety_house_rules(case).exists(),
        },
        tab=TAB,
        status=400 if form.errors else 200,
    )


@case_page("Start a new version of a safety plan", edit=True)
@require_POST
def new_version(request: HttpRequest, case: Case, plan_uuid: uuid.UUID) -> HttpResponse:
    found = selectors.get_plan(case, plan_uuid)
    if found.versions.filter(status=PlanStatus.DRAFT).exists():
        messages.info(request, "This plan already has a draft of its next version.")
        return redirect(_plan_url(found, "draft"))
    try:
        services.plan_new_draft(
            actor=_actor(request), plan_version=selectors.in_force_version(found)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_plan_url(found))
    messages.success(
        request,
        "New draft started from the agreed plan. The agreed plan stays in force until the "
        "new version is agreed.",
    )
    return redirect(_plan_url(found, "draft"))


def _line_form(kind: str, *args: Any, case: Case, request: HttpRequest, **kwargs: Any) -> Any:
    form_class = LINE_FORMS[kind]
    if form_class is RuleForm:
        kwargs.update(case=case, actor=_actor(request))
    return form_class(*args, **kwargs)


def _line_initial(line: PlanLine, kind: str) -> dict[str, Any]:
    if kind == "rules":
        return RuleForm.initial_for(line)  # type: ignore[arg-type]
    values = {name: getattr(line, name) for name in LINE_KINDS[kind].fields}
    return {**values, "version": line.version}


def _draft_and_kind(case: Case, plan_uuid: uuid.UUID, part: str) -> tuple[PlanVersion, str]:
    if part not in LINE_KINDS:
        raise Http404("No such part of a plan")
    return selectors.draft_of(selectors.get_plan(case, plan_uuid)), part


def _add_line(
    request: HttpRequest,
    case: Case,
    current: PlanVersion,
    kind: str,
    *,
    initial: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
    **page: Any,
) -> HttpResponse:
    """The add form for a line of a draft; `extra` values are saved with what was typed."""
    form = _line_form(
        kind, request.POST or None, case=case, request=request, versioned=False, initial=initial
    )
    back = _plan_url(current.plan, "draft") + f"#{kind}"
    if (
        request.method == "POST"
        and form.is_valid()
        and save_through(
            form,
            lambda: services.plan_line_add(
                actor=_actor(request),
                plan_version=current,
                kind=kind,
                values={**form.service_values(), **(extra or {})},
            ),
        )
    ):
        messages.success(request, f"{LINE_KINDS[kind].name.capitalize()} added.")
        return redirect(back)
    name = LINE_KINDS[kind].name
    return _form_page(
        request,
        case,
        form,
        **{"title": f"Add a {name}", "submit": f"Add the {name}", **page},
        back_url=back,
        no_statements=kind == "rules" and not form.fields["danger_statement"].queryset.exists(),
    )


@case_page("Add to a draft safety plan", edit=True)
def line_add(request: HttpRequest, case: Case, plan_uuid: uuid.UUID, part: str) -> HttpResponse:
    current, kind = _draft_and_kind(case, plan_uuid, part)
    return _add_line(request, case, current, kind)


@case_page("Safety House rules for a safety plan", edit=True)
@require_safe
def safety_house(request: HttpRequest, case: Case, plan_uuid: uuid.UUID) -> HttpResponse:
    """The rules the child put in their Safety House, each offered as a rule of the draft."""
    current = selectors.draft_of(selectors.get_plan(case, plan_uuid))
    used = {rule.safety_house_entry_id for rule in current.live_rules}  # type: ignore[attr-defined]
    return render_case(
        request,
        case,
        "safety_plans/safety_house.html",
        {
            "plan": current.plan,
            "version": current,
            "entries": safety_house_rules(case),
            "used": used,
        },
        tab=TAB,
    )


@case_page("Add a rule from the child's Safety House", edit=True)
def safety_house_rule_add(
    request: HttpRequest, case: Case, plan_uuid: uuid.UUID, house_rule_uuid: uuid.UUID
) -> HttpResponse:
    current = selectors.draft_of(selectors.get_plan(case, plan_uuid))
    entry = safety_house_rules(case).filter(uuid=house_rule_uuid).first()
    if entry is None:
        raise Http404("No such rule in the child's Safety House")
    child = case.child.name_used
    return _add_line(
        request,
        case,
        current,
        "rules",
        initial={"child_words": entry.words},
        extra={"safety_house_entry": entry},
        title=f"Add {child}'s Safety House rule to the plan",
        intro=f"{child} said: “{entry.words}” ({entry.session.held_on:%-d %B %Y}). Their words "
        "are the rule in words the child will understand. Write the rule in the adults' words "
        "and choose the worry it keeps them safe from.",
    )


@case_page("Change a draft safety plan", edit=True)
def line_edit(
    request: HttpRequest, case: Case, plan_uuid: uuid.UUID, part: str, line_uuid: uuid.UUID
) -> HttpResponse:
    current, kind = _draft_and_kind(case, plan_uuid, part)
    line = selectors.get_line(current, kind, line_uuid)
    back = _plan_url(current.plan, "draft") + f"#{kind}"
    if request.method == "POST":
        form = _line_form(kind, request.POST, case=case, request=request)
        if form.is_valid() and save_through(
            form,
            lambda: services.plan_line_update(
                actor=_actor(request),
                line=line,
                expected_version=form.expected_version,
                values=form.service_values(),
            ),
        ):
            messages.success(request, f"{LINE_KINDS[kind].name.capitalize()} saved.")
            return redirect(back)
        if getattr(form, "stale", False):
            form = form.at_version(
                line.version,
                STALE_MESSAGE,
                lambda *a, **k: _line_form(kind, *a, case=case, request=request, **k),
            )
    else:
        form = _line_form(kind, initial=_line_initial(line, kind), case=case, request=request)
    name = LINE_KINDS[kind].name
    return _form_page(
        request,
        case,
        form,
        title=f"Change a {name}",
        back_url=back,
        submit="Save",
        saved_now=str(line) if form.errors else "",
    )


@case_page("Remove from a draft safety plan", edit=True)
def line_remove(
    request: HttpRequest, case: Case, plan_uuid: uuid.UUID, part: str, line_uuid: uuid.UUID
) -> HttpResponse:
    current, kind = _draft_and_kind(case, plan_uuid, part)
    line = selectors.get_line(current, kind, line_uuid)
    back = _plan_url(current.plan, "draft") + f"#{kind}"
    form = VersionedForm(request.POST or None, initial={"version": line.version})
    if (
        request.method == "POST"
        and form.is_valid()
        and save_through(
            form,
            lambda: services.plan_line_remove(
                actor=_actor(request), line=line, expected_version=form.expected_version
            ),
        )
    ):
        messages.success(request, f"{LINE_KINDS[kind].name.capitalize()} removed.")
        return redirect(back)
    return _form_page(
        request,
        case,
        form,
        title=f"Remove this {LINE_KINDS[kind].name}?",
        back_url=back,
        submit="Remove it",
        removing=str(line),
    )


@case_page("Reorder a draft safety plan", edit=True)
@require_POST
def line_move(
    request: HttpRequest, case: Case, plan_uuid: uuid.UUID, part: str, line_uuid: uuid.UUID
) -> HttpResponse:
    current, kind = _draft_and_kind(case, plan_uuid, part)
    line = selectors.get_line(current, kind, line_uuid)
    services.plan_line_move(actor=_actor(request), line=line, up=request.POST.get("move") == "up")
    return redirect(_plan_url(current.plan, "draft") + f"#{kind}-{line.uuid}")


# --- Agreeing, testing, checking, completing -----------------------------------------------


def _version_action(
    request: HttpRequest,
    case: Case,
    plan_uuid: uuid.UUID,
    number: int,
    *,
    make_form: Callable[..., VersionedForm],
    act: Callable[[PlanVersion, VersionedForm], Any],
    title: str,
    submit: str,
    done: str,
    initial: dict[str, Any] | None = None,
    **extra: Any,
) -> HttpResponse:
    """A form that moves one version on (agree, start testing, complete), refusing a stale
    save so two people cannot agree or complete different pictures of the plan."""
    current = selectors.get_version(selectors.get_plan(case, plan_uuid), number)
    form = make_form(request.POST or None, initial={"version": current.version, **(initial or {})})
    if request.method == "POST" and form.is_valid():
        if save_through(form, lambda: act(current, form)):
            messages.success(request, done)
            return redirect(_version_url(current))
        if getattr(form, "stale", False):
            form = form.at_version(current.version, STALE_MESSAGE, make_form)
    return _form_page(
        request,
        case,
        form,
        title=title,
        back_url=_version_url(current),
        submit=submit,
        version=current,
        **extra,
    )


@case_page("Record agreement to a safety plan", edit=True)
def agree(request: HttpRequest, case: Case, plan_uuid: uuid.UUID, number: int) -> HttpResponse:
    def make_form(*args: Any, **kwargs: Any) -> AgreeForm:
        return AgreeForm(*args, case=case, actor=_actor(request), **kwargs)  # type: ignore[arg-type]

    return _version_action(
        request,
        case,
        plan_uuid,
        number,
        make_form=make_form,
        act=lambda current, form: services.plan_agree(
            actor=_actor(request),
            plan_version=current,
            expected_version=form.expected_version,
            agreers=form.chosen(),  # type: ignore[attr-defined]
            agreed_on=form.cleaned_data["agreed_on"],
        ),
        title="Record who agreed the plan",
        submit="Record agreement",
        done="Agreement recorded.",
        show_agreements=True,
    )


@case_page("Start testing a safety plan", edit=True)
def start_testing(
    request: HttpRequest, case: Case, plan_uuid: uuid.UUID, number: int
) -> HttpResponse:
    return _version_action(
        request,
        case,
        plan_uuid,
        number,
        make_form=StartTestingForm,
        act=lambda current, form: services.plan_start_testing(
            actor=_actor(request),
            plan_version=current,
            expected_version=form.expected_version,
            started_on=form.cleaned_data["started_on"],
            testing_until=form.cleaned_data["testing_until"],
        ),
        title="Start testing the plan",
        submit="Start testing",
        done="Testing started. Record each check of the rules as it happens.",
        intro="While the plan is tested, the people responsible check each rule and you "
        "record what they found.",
    )


@case_page("Complete a safety plan", edit=True)
def complete(request: HttpRequest, case: Case, plan_uuid: uuid.UUID, number: int) -> HttpResponse:
    return _version_action(
        request,
        case,
        plan_uuid,
        number,
        make_form=CompleteForm,
        act=lambda current, form: services.plan_complete(
            actor=_actor(request),
            plan_version=current,
            expected_version=form.expected_version,
            completed_on=form.cleaned_data["completed_on"],
        ),
        title="Complete the plan",
        submit="Complete the plan",
        done="Plan completed.",
        intro="Complete the plan when the family and network have shown it works over time, "
        "or it is no longer needed. It stays on the record.",
    )


@case_page("Record a safety plan check", edit=True)
def check_add(request: HttpRequest, case: Case, plan_uuid: uuid.UUID, number: int) -> HttpResponse:
    current = selectors.get_version(selectors.get_plan(case, plan_uuid), number)
    form = CheckForm(
        request.POST or None,
        version=current,
        actor=_actor(request),
        initial={"rule": request.GET.get("rule")},
    )
    record = lambda: services.monitoring_check_record(  # noqa: E731
        actor=_actor(request),
        **form.service_values(),
    )
    if request.method == "POST" and form.is_valid() and save_through(form, record):
        messages.success(request, "Check recorded.")
        return redirect(_version_url(current) + "#rules")
    return _form_page(
        request,
        case,
        form,
        title="Record a check",
        back_url=_version_url(current),
        submit="Record the check",
        version=current,
        not_testing=current.status != PlanStatus.TESTING,
    )


# --- The child's version (Words and Pictures) -----------------------------------------------


@case_page("Make the child's version of a safety plan", edit=True)
@require_POST
def child_version(
    request: HttpRequest, case: Case, plan_uuid: uuid.UUID, number: int
) -> HttpResponse:
    """Start, update or open the child's version, then go to it (its edit page if a draft)."""
    current = selectors.get_version(selectors.get_plan(case, plan_uuid), number)
    try:
        story_version = services.plan_child_version_make(
            actor=_actor(request), plan_version=current
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_version_url(current))
    name = "words_pictures:edit" if story_version.is_draft else "words_pictures:version"
    return redirect(
        reverse(
            name,
            kwargs={
                "case_uuid": case.uuid,
                "story_uuid": story_version.story.uuid,
                "number": story_version.number,
            },
        )
    )
