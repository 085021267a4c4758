"""Mass assignment: no form or API call sets a field the user may not set.

Every URL in the URL configuration is classified here (a new URL fails
`test_every_url_is_classified` until it is):

- WRITES: pages that change something. Each is opened as someone allowed to use it, its
  form is read from the page (html.parser), blank required fields are filled plausibly,
  every privileged field name the form does not offer is added with a hostile value, and
  the form is posted. The save must SUCCEED (its usual answer, e.g. the redirect after a
  save), so what is proved is that the extra fields were ignored by a real save.
- READS: pages that change nothing. The hostile fields are posted to them too.

Every API write operation in the OpenAPI document gets its valid body plus each privileged
field: refused with 422, while the same body without it succeeds.

After every request: nobody's role, team or flags changed, no allocation, restriction,
allow-list, share or emergency access changed except what the form was for, and every
audit and access event written names the person who made the request.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from safetymap.accounts import sessions
from safetymap.accounts.models import Role, User
from safetymap.accounts.reauth import REAUTH_SESSION_KEY
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases import services as case_services
from safetymap.cases.models import (
    Allocation,
    BreakGlassGrant,
    Case,
    CaseRestriction,
    CaseShare,
    RestrictionAllowedUser,
)
from safetymap.mapping import services as map_services
from safetymap.meetings import services as meeting_services
from safetymap.meetings.models import Meeting
from safetymap.meetings.outcomes import ScaleEntry, scales_enter
from safetymap.notifications.models import Notification
from safetymap.packs import selectors as pack_selectors
from safetymap.plain_language import services as plain_services
from safetymap.plain_language.models import GlossaryTerm
from safetymap.referrals import services as referral_services
from safetymap.retention import services as retention
from safetymap.retention.demo import add_retention_stories
from safetymap.retention.models import LegalHold, RetentionRule
from safetymap.safety_plans import services as plan_services
from safetymap.safety_plans.models import SafetyPlan
from safetymap.words_pictures import services as story_services
from safetymap.words_pictures.models import Story
from tests.authz.test_matrix import _walk, api_body, api_operations
from tests.authz.world import (
    TINY_PNG,
    World,
    build_world,
    make_attendee,
    make_meeting,
    make_team,
    make_user,
)
from tests.built_once import built_once_per_module, fresh
from tests.factories import PASSWORD

HOSTILE_SUBJECT = "hostile-subject"
HOSTILE_TEXT = "HOSTILE-VALUE"


# --- The world, and who is hostile to whom -----------------------------------------------


@dataclass
class Ctx:
    world: World
    victim: User  # someone else entirely: their id is what an attacker would send
    other_case: Case  # a case the poster has nothing to do with
    admin: User
    second_admin: User
    objects: dict[str, Any] = field(default_factory=dict)

    @property
    def case(self) -> Case:
        return self.world.case

    def values(self, case: Case | None = None) -> dict[str, Any]:
        return self.world.kwargs[str((case or self.case).uuid)]

    def user(self, who: str) -> User | None:
        if who == "admin":
            return self.admin
        return self.world.users[who]


def build_ctx() -> Ctx:
    world = build_world()
    victim = make_user(
        team=make_team(), username="zz.victim", first_name="Zachary", last_name="Zwolinski"
    )
    from tests.authz.world import make_case  # the same factories the world uses

    return Ctx(
        world=world,
        victim=victim,
        other_case=make_case(team=victim.team),
        admin=world.users["information_governance"],  # type: ignore[arg-type]
        second_admin=make_user(team=None, role=Role.COUNCIL_ADMINISTRATOR, username="ig.two"),
    )


def hostile_fields(ctx: Ctx) -> dict[str, str]:
    """Every privileged field name, with a value that would help an attacker."""
    victim, other = ctx.victim, ctx.other_case
    team = str(victim.team_id)
    return {
        "role": Role.COUNCIL_ADMINISTRATOR,
        "team": team,
        "team_id": team,
        "is_staff": "on",
        "is_superuser": "on",
        "is_active": "false",
        "is_demo": "on",
        "allocated_to": str(victim.pk),
        "allocation": str(victim.pk),
        "allocations": str(victim.pk),
        "worker": str(victim.pk),
        "workers": str(victim.pk),
        "restricted": "on",
        "restriction": "",
        "allowed_users": str(victim.pk),
        "shared_by": str(victim.pk),
        "partner": str(victim.pk),
        "created_by": str(victim.pk),
        "changed_by": str(victim.pk),
        "set_by": str(victim.pk),
        "saved_by": str(victim.pk),
        "uploaded_by": str(victim.pk),
        "reviewed_by": str(victim.pk),
        "approved_by": str(victim.pk),
        "actor": str(victim.pk),
        "user": str(victim.pk),
        "user_id": str(victim.pk),
        "owner_user": str(victim.uuid),
        "case": str(other.pk),
        "case_id": str(other.pk),
        "case_uuid": str(other.uuid),
        "child": str(victim.pk),
        "uuid": str(uuid.uuid4()),
        "id": "999999",
        "pk": "999999",
        "version": "999999",
        "oidc_subject": HOSTILE_SUBJECT,
        "password": HOSTILE_TEXT,
        "username": "zz.victim",
        "reference": HOSTILE_TEXT,
        "status": "met",
        "outcome": "appropriate",
        "active": "false",
        "removed_at": "2000-01-01T00:00:00Z",
        "ended_at": "2000-01-01T00:00:00Z",
        "ended_on": "2000-01-01",
        "expires_at": "2999-01-01T00:00:00Z",
        "granted_at": "2000-01-01T00:00:00Z",
        "closed_on": "2000-01-01",
        "opened_on": "2000-01-01",
        "occurred_at": "2000-01-01T00:00:00Z",
        "basis": "manager",
        "scope": "full",
    }


# --- What must not change -----------------------------------------------------------------


def snapshot(ctx: Ctx) -> dict[str, Any]:
    """The privileged state of the world, by kind."""
    return {
        "users": sorted(
            User.objects.values_list(
                "id",
                "username",
                "role",
                "team_id",
                "is_staff",
                "is_superuser",
                "is_active",
                "is_demo",
                "oidc_subject",
                "password",
                "first_name",
                "last_name",
            )
        ),
        "cases": sorted(
            Case.objects.values_list("id", "uuid", "team_id", "reference", "child_id", "opened_on")
        ),
        "service_levels": sorted(Case.objects.values_list("id", "service_level", "closed_on")),
        "allocations": sorted(
            Allocation.objects.values_list("case_id", "worker_id", "started_on", "ended_on")
        ),
        "restrictions": sorted(
            CaseRestriction.objects.values_list("case_id", "active", "set_by_id")
        ),
        "allow_lists": sorted(
            RestrictionAllowedUser.objects.filter(removed_at__isnull=True).values_list(
                "restriction_id", "user_id"
            )
        ),
        "shares": sorted(
            CaseShare.objects.filter(ended_at__isnull=True).values_list(
                "case_id", "partner_id", "shared_by_id"
            )
        ),
        "grants": sorted(
            BreakGlassGrant.objects.filter(ended_at__isnull=True).values_list(
                "case_id", "user_id", "reviewed_by_id"
            )
        ),
        "other_case": list(
            AuditEvent.objects.filter(case_uuid=ctx.other_case.uuid).values_list("id")
        ),
    }


def assert_nothing_privileged_changed(
    ctx: Ctx,
    before: dict[str, Any],
    poster: User | None,
    events_before: tuple[int, int],
    may_change: frozenset[str],
) -> None:
    after = snapshot(ctx)
    for kind, rows in before.items():
        if kind not in may_change:
            assert after[kind] == rows, f"{kind} changed"
    # Whatever a form may change, it never hands anything to the victim.
    victim = ctx.victim.pk
    assert not [
        row for row in after["allocations"] if row[1] == victim and row not in before["allocations"]
    ]
    assert not [row for row in after["allow_lists"] if row[1] == victim]
    assert not [row for row in after["shares"] if victim in row[1:]]
    assert not [row for row in after["grants"] if victim in row[1:]]
    # Every event written names the person who asked, and none carries a hostile value.
    last_audit, last_access = events_before
    for event in AuditEvent.objects.filter(id__gt=last_audit):
        assert event.actor_id in (poster.pk if poster else None, None), event.summary
        assert event.case_uuid != ctx.other_case.uuid, event.summary
        written = json.dumps(event.changes, default=str)
        assert HOSTILE_SUBJECT not in written and HOSTILE_TEXT not in written, written
    for access in AccessEvent.objects.filter(id__gt=last_access):
        assert poster is not None and access.actor_id == poster.pk
        assert access.case_uuid != ctx.other_case.uuid


def event_marks() -> tuple[int, int]:
    last_audit = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    last_access = AccessEvent.objects.order_by("-id").values_list("id", flat=True).first()
    return last_audit or 0, last_access or 0


# --- Reading and filling a form -------------------------------------------------------------


@dataclass
class Control:
    tag: str
    name: str
    kind: str = "text"
    value: str = ""
    checked: bool = False
    options: list[tuple[str, bool]] = field(default_factory=list)


@dataclass
class Form:
    action: str
    controls: list[Control] = field(default_factory=list)


class FormReader(HTMLParser):
    """Every <form method="post"> on a page, with its controls."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Control | None = None
        self._textarea: Control | None = None
        self._option: tuple[str, bool] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = Form(action=a.get("action", ""))
            self.forms.append(self._form)
        if self._form is None or tag not in ("input", "select", "textarea", "option", "button"):
            return
        if tag == "option" and self._select is not None:
            self._select.options.append((a.get("value", ""), "selected" in a))
        elif tag in ("input", "button") and a.get("name"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            self._form.controls.append(
                Control(tag, a["name"], kind, a.get("value", ""), "checked" in a)
            )
        elif tag == "select" and a.get("name"):
            self._select = Control(tag, a["name"], "select")
            self._form.controls.append(self._select)
        elif tag == "textarea" and a.get("name"):
            self._textarea = Control(tag, a["name"], "textarea")
            self._form.controls.append(self._textarea)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_form(html: str, url: str) -> Form:
    reader = FormReader()
    reader.feed(html)
    mine = [form for form in reader.forms if form.action in ("", url)]
    assert mine, f"no form posting to {url}"
    return mine[0]


def plausible(control: Control, day: datetime.date) -> str:
    name = control.name
    if name.endswith("_day"):
        return str(day.day)
    if name.endswith("_month"):
        return str(day.month)
    if name.endswith("_year"):
        return str(day.year)
    if control.kind == "password":
        return PASSWORD
    if control.kind == "number":
        return "5"
    if control.kind == "email":
        return "someone@example.org"
    return "Nan stays over"  # short enough for every text field


def fill(form: Form, *, day: datetime.date, overrides: dict[str, Any]) -> dict[str, Any]:
    """What a person would submit: what the page offers, blank fields filled in."""
    data: dict[str, Any] = {}
    for control in form.controls:
        name = control.name
        if control.kind in ("submit", "file"):
            continue
        if control.kind == "radio":
            if control.checked or name not in data:
                data[name] = control.value
        elif control.kind == "checkbox":
            if control.checked:
                data.setdefault(name, []).append(control.value or "on")
        elif control.kind == "select":
            chosen = [value for value, selected in control.options if selected and value]
            offered = [value for value, _ in control.options if value]
            data[name] = chosen[0] if chosen else (offered[0] if offered else "")
        else:
            data[name] = control.value.strip() or plausible(control, day)
    data.update(overrides)
    return data


# --- The write pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class Write:
    who: str  # a scenario of the world, or "admin"
    kwargs: Callable[[Ctx], dict[str, Any]] = lambda ctx: {}
    setup: Callable[[Ctx], None] | None = None
    data: Callable[[Ctx], dict[str, Any]] = lambda ctx: {}
    may_change: frozenset[str] = frozenset()
    expect: int = 302
    read_form: bool = True  # False: a button-only POST (no form page to read)
    day: int = -30  # days from today for date fields (future for review dates)
    files: Callable[[Ctx], dict[str, Any]] | None = None
    query: str = ""  # a page reached with a query string, e.g. "?for=..."


def case_kw(ctx: Ctx) -> dict[str, Any]:
    return {"case_uuid": ctx.case.uuid}


def restricted_kw(ctx: Ctx) -> dict[str, Any]:
    return {"case_uuid": ctx.world.restricted.uuid}


def kind_kw(kind: str) -> Callable[[Ctx], dict[str, Any]]:
    return lambda ctx: {**case_kw(ctx), "kind": kind}


def row_kw(kind: str, record: str) -> Callable[[Ctx], dict[str, Any]]:
    return lambda ctx: {
        "case_uuid": ctx.case.uuid,
        "kind": kind,
        "row_uuid": ctx.values()["api_records"][record],
    }


def a_partner_to_share_with(ctx: Ctx) -> None:
    make_user(team=None, role=Role.PARTNER_PROFESSIONAL, username="aa.partner", first_name="Aaron")


def retention_stories(ctx: Ctx) -> None:
    add_retention_stories(team=ctx.case.team, worker=ctx.world.users["allocated"])  # type: ignore[arg-type]


def make_batch(ctx: Ctx, *, approved: bool = False) -> None:
    retention_stories(ctx)
    batch = retention.batch_propose(actor=ctx.second_admin)
    assert batch is not None
    if approved:
        batch = retention.batch_approve(actor=ctx.admin, batch=batch, expected_version=None)
    ctx.objects["batch"] = batch


def grant_to_review(ctx: Ctx) -> None:
    ctx.objects["grant"] = BreakGlassGrant.objects.get(user=ctx.world.users["break_glass_after"])


def manager_notification(ctx: Ctx) -> Notification:
    shown = Notification.objects.filter(
        recipient=ctx.world.users["manager"], show_from__lte=timezone.now()
    )
    return shown.first()  # type: ignore[return-value]


# The map's kinds of record (mapping.views.records.KINDS) and, for those the world has a
# row of, which row: the world's item is a strength.
ITEM_KINDS = ("harm", "complicating", "strength", "safety", "unsure", "bottom-line")
RECORD_ROWS = {
    "strength": "items",
    "statements": "danger-statements",
    "goals": "goals",
    "next-steps": "next-steps",
    "scales": "scales",
}

WRITES: dict[str, Write] = {
    "cases:child_edit": Write("allocated", case_kw),
    "cases:member_add": Write("allocated", case_kw),
    "cases:member_edit": Write(
        "allocated", lambda ctx: {**case_kw(ctx), "member_uuid": ctx.values()["member_uuid"]}
    ),
    "cases:member_remove": Write(
        "allocated", lambda ctx: {**case_kw(ctx), "member_uuid": ctx.values()["member_uuid"]}
    ),
    "cases:service_level": Write(
        "allocated",
        case_kw,
        data=lambda ctx: {"to_level": "child_in_need"},
        may_change=frozenset({"service_levels"}),
    ),
    "cases:break_glass_request": Write(
        "break_glass_before", case_kw, may_change=frozenset({"grants"})
    ),
    "cases:break_glass_finish": Write(
        "break_glass_after", case_kw, read_form=False, may_change=frozenset({"grants"})
    ),
    "cases:break_glass_review": Write(
        "manager",
        lambda ctx: {"grant_uuid": ctx.objects["grant"].uuid},
        setup=grant_to_review,
        may_change=frozenset({"grants"}),
    ),
    "cases:restricted_records": Write(
        "manager", data=lambda ctx: {"reference": ctx.case.reference}
    ),
    "cases:restriction": Write(
        # Restricting a record ends its shares and emergency access: neither reaches a
        # restricted record.
        "manager",
        case_kw,
        day=90,
        may_change=frozenset({"restrictions", "allow_lists", "shares", "grants"}),
    ),
    "cases:restriction_change": Write("manager", restricted_kw, day=120),
    "cases:restriction_lift": Write(
        "manager", restricted_kw, may_change=frozenset({"restrictions", "allow_lists"})
    ),
    "cases:restriction_allow_add": Write(
        "manager", restricted_kw, may_change=frozenset({"allow_lists"})
    ),
    "cases:restriction_allow_remove": Write(
        "manager",
        lambda ctx: {
            **restricted_kw(ctx),
            "allowance_uuid": ctx.values(ctx.world.restricted)["allowance_uuid"],
        },
        may_change=frozenset({"allow_lists"}),
    ),
    "cases:sharing": Write(
        "allocated",
        case_kw,
        setup=a_partner_to_share_with,
        may_change=frozenset({"shares"}),
    ),
    "cases:share_end": Write(
        "allocated",
        lambda ctx: {**case_kw(ctx), "share_uuid": ctx.values()["share_uuid"]},
        may_change=frozenset({"shares"}),
    ),
    "mapping:compose_statement": Write("allocated", read_form=False, expect=200),
    "mapping:compose_goal": Write("allocated", read_form=False, expect=200),
    "mapping:step_done": Write(
        "allocated",
        lambda ctx: {**case_kw(ctx), "row_uuid": ctx.values()["step_uuid"]},
        read_form=False,
        data=lambda ctx: {"done": "1", "version": "1"},
    ),
    "mapping:version_save": Write("allocated", case_kw),
    "mapping:label_set_edit": Write("admin", lambda ctx: {"service_level": "child_in_need"}),
    "accounts:login": Write(
        "signed_out", data=lambda ctx: {"username": "allocated", "password": PASSWORD}
    ),
    "accounts:logout": Write("allocated", read_form=False),
    "accounts:reauth": Write("allocated"),
    "accounts:recovery_codes": Write("allocated"),
    "accounts:session": Write("allocated", read_form=False, expect=200),
    "accounts:sso_link": Write(
        "admin",
        lambda ctx: {"user_uuid": ctx.world.users["same_team"].uuid},  # type: ignore[union-attr]
        data=lambda ctx: {"subject": "entra-colleague"},
        may_change=frozenset({"users"}),
    ),
    "notifications:read_all": Write("manager", read_form=False),
    "notifications:open": Write(
        "manager",
        lambda ctx: {"notification_uuid": manager_notification(ctx).uuid},
        read_form=False,
    ),
    "notifications:read": Write(
        "manager",
        lambda ctx: {"notification_uuid": manager_notification(ctx).uuid},
        read_form=False,
    ),
    "documents:upload": Write(
        "allocated",
        case_kw,
        files=lambda ctx: {"file": SimpleUploadedFile("drawing.png", TINY_PNG, "image/png")},
        data=lambda ctx: {"kind": "drawing"},
    ),
    "documents:remove": Write(
        "allocated", lambda ctx: {**case_kw(ctx), "document_uuid": ctx.values()["document_uuid"]}
    ),
    "governance:subject_access_person": Write(
        "admin", lambda ctx: {"person_uuid": ctx.case.child.uuid}, expect=200
    ),
    "retention:rule_edit": Write(
        "admin",
        lambda ctx: {"rule_uuid": RetentionRule.objects.order_by("id").first().uuid},  # type: ignore[union-attr]
    ),
    "retention:holds": Write("admin", data=lambda ctx: {"case_reference": ctx.case.reference}),
    "retention:hold_lift": Write(
        "admin",
        lambda ctx: {"hold_uuid": LegalHold.objects.get(lifted_at__isnull=True).uuid},
        setup=retention_stories,
    ),
    "retention:propose": Write(
        "admin",
        read_form=False,
        setup=retention_stories,
    ),
    "retention:batch_approve": Write(
        "admin",
        lambda ctx: {"batch_uuid": ctx.objects["batch"].uuid},
        setup=make_batch,
        data=lambda ctx: {"confirm": "on", "version": str(ctx.objects["batch"].version)},
        read_form=False,
    ),
    "retention:batch_destroy": Write(
        "admin",
        lambda ctx: {"batch_uuid": ctx.objects["batch"].uuid},
        setup=lambda ctx: make_batch(ctx, approved=True),
        data=lambda ctx: {"confirm": "on", "version": str(ctx.objects["batch"].version)},
        read_form=False,
        may_change=frozenset({"cases", "service_levels", "allocations"}),
    ),
    "retention:batch_cancel": Write(
        "admin", lambda ctx: {"batch_uuid": ctx.objects["batch"].uuid}, setup=make_batch
    ),
}
# The map's records, every kind: add, change, remove.
NOT_DONE = {"done_on_day": "", "done_on_month": "", "done_on_year": ""}


def dates_for(slug: str) -> dict[str, Any]:
    """A next step is due in the future and not done yet; other dates are in the past."""
    return {"day": 3, "data": lambda ctx: NOT_DONE} if slug == "next-steps" else {"day": -3}


def statement_without_goals(ctx: Ctx) -> None:
    """A statement can be removed only once no goal is paired with it."""
    ctx.objects["statement"] = map_services.danger_statement_add(
        actor=ctx.world.users["allocated"],  # type: ignore[arg-type]
        case=ctx.case,
        values={"who_is_worried": "Nan", "adult_behaviour": "Dad shouts",
                "feared_for_child": "Kian is scared"},
    )  # fmt: skip


for _slug in (*ITEM_KINDS, *list(RECORD_ROWS)[1:]):
    WRITES[f"mapping:record_add/{_slug}"] = Write("allocated", kind_kw(_slug), **dates_for(_slug))
for _slug, _record in RECORD_ROWS.items():
    WRITES[f"mapping:record_edit/{_slug}"] = Write(
        "allocated", row_kw(_slug, _record), **dates_for(_slug)
    )
    WRITES[f"mapping:record_remove/{_slug}"] = Write("allocated", row_kw(_slug, _record))
WRITES["mapping:record_remove/statements"] = Write(
    "allocated",
    lambda ctx: {**case_kw(ctx), "kind": "statements", "row_uuid": ctx.objects["statement"].uuid},
    setup=statement_without_goals,
)


# --- The issue-4 apps: most pages are the allocated worker's, on the world's own records.


def on_case(*keys: str, url: dict[str, Any] | None = None, **options: Any) -> Write:
    """The allocated worker writes to the case and the world's objects named by `keys`
    (values from `ctx.values()`), with any fixed route values in `url`."""
    return Write(
        "allocated",
        lambda ctx: {**case_kw(ctx), **{key: ctx.values()[key] for key in keys}, **(url or {})},
        **options,
    )


def staff_chosen(field_name: str) -> Callable[[Ctx], dict[str, Any]]:
    """Ticks the allocated worker in a plan's list of people."""
    return lambda ctx: {field_name: f"staff:{ctx.world.users['allocated'].uuid}"}  # type: ignore[union-attr]


def plan_version(ctx: Ctx, number: int) -> Any:
    return SafetyPlan.objects.get(uuid=ctx.values()["plan_uuid"]).versions.get(number=number)


def plan_without_draft(ctx: Ctx) -> None:
    """A new version starts only when no draft is open: the world's draft is agreed."""
    worker = ctx.world.users["allocated"]
    plan_services.plan_agree(
        actor=worker,  # type: ignore[arg-type]
        plan_version=plan_version(ctx, 2),
        expected_version=None,
        agreers=[plan_services.Agreer(staff=worker)],
        agreed_on=timezone.localdate(),
    )


def plan_in_testing(ctx: Ctx) -> None:
    plan_services.plan_start_testing(
        actor=ctx.world.users["allocated"],  # type: ignore[arg-type]
        plan_version=plan_version(ctx, 1),
        expected_version=None,
        started_on=timezone.localdate(),
        testing_until=None,
    )


def story_agreed(ctx: Ctx) -> None:
    version = Story.objects.get(uuid=ctx.values()["story_uuid"]).versions.get(number=1)
    story_services.story_parents_record(
        actor=ctx.world.users["allocated"],  # type: ignore[arg-type]
        version=version,
        expected_version=None,
        agree="yes",
        words="",
        asked_on=timezone.localdate(),
    )


def closed_case(ctx: Ctx) -> None:
    """Reopening needs a closed case: the manager closes the world's case first."""
    case_services.case_close(
        actor=ctx.world.users["manager"],  # type: ignore[arg-type]
        case=ctx.case,
        expected_version=None,
        closed_on=timezone.localdate(),
        reason="needs_met",
        reason_words="The plan held for six months",
    )
    ctx.case.refresh_from_db()


def pack_reader(ctx: Ctx) -> None:
    ctx.objects["reader"] = pack_selectors.readers(ctx.case)[0].person.uuid


def glossary_term(ctx: Ctx, *, retired: bool = False) -> dict[str, Any]:
    term = GlossaryTerm.objects.filter(removed_at__isnull=True).order_by("id").first()
    assert term is not None
    if retired:
        term = plain_services.glossary_term_retire(
            actor=ctx.admin, glossary_term=term, expected_version=None
        )
    ctx.objects["term"] = term
    return {"term_uuid": term.uuid}


def a_contact(ctx: Ctx, *, child_looked_for: bool = False) -> dict[str, Any]:
    """A contact received by the allocated worker's team (about a child no one else has)."""
    worker = ctx.world.users["allocated"]
    (contact,) = referral_services.referral_record(
        actor=worker,  # type: ignore[arg-type]
        values={
            "method": "phone",
            "referrer_relationship": "neighbour_or_friend",
            "child_first_name": "Zebedee",
            "child_last_name": "Quartermaine",
            "worries": "I hear shouting through the wall every night.",
        },
    )
    if child_looked_for:
        contact = referral_services.referral_link_child(
            actor=worker,  # type: ignore[arg-type]
            referral=contact,
            expected_version=None,
            person=None,
        )
    return {"referral_uuid": contact.uuid}


def supervision_people(ctx: Ctx) -> dict[str, Any]:
    """Two different people, and no next supervision or actions (their dates are future)."""
    users = ctx.world.users
    no_dates = {
        f"{name}_{part}": ""
        for name in ("next_supervision_on", "due_1", "due_2", "due_3")
        for part in ("day", "month", "year")
    }
    no_actions = {f"{name}_{row}": "" for name in ("action", "owner") for row in (1, 2, 3)}
    return {
        "worker": str(users["allocated"].uuid),  # type: ignore[union-attr]
        "supervisor": str(users["manager"].uuid),  # type: ignore[union-attr]
        **no_dates,
        **no_actions,
    }


def fresh_meeting(ctx: Ctx, *, scaled: bool = False) -> None:
    """A review conference with no decision yet (and, if `scaled`, one hidden scale)."""
    meeting = make_meeting(case=ctx.case, kind="review_conference", status="finished")
    attendee = make_attendee(meeting=meeting, name="Grace Okafor")
    if scaled:
        scales_enter(
            actor=ctx.world.users["allocated"],  # type: ignore[arg-type]
            attendee=attendee,
            entries=[ScaleEntry(None, 4, "Kian was at school every day this term")],
        )
    ctx.objects["meeting"] = meeting


def fresh_meeting_kw(ctx: Ctx) -> dict[str, Any]:
    return {**case_kw(ctx), "meeting_uuid": ctx.objects["meeting"].uuid}


SESSION, PLAN_LINE = ("session_uuid",), ("plan_uuid", "part", "line_uuid")
WRITES.update({
    "cases:share_choose": on_case("share_uuid"),
    "networks:member_add": on_case(),
    "networks:member_edit": on_case("network_member_uuid"),
    "networks:member_seen": on_case("network_member_uuid"),
    "networks:member_agreed": on_case("network_member_uuid"),
    "networks:check_add": on_case("network_member_uuid"),
    "networks:member_remove": on_case("network_member_uuid"),
    "networks:meeting_add": on_case(),
    "networks:member_story_seen": on_case("network_member_uuid", setup=story_agreed),
    "words_pictures:start": on_case(),
    "words_pictures:version_start": on_case("story_uuid", setup=story_agreed),
    "words_pictures:edit": on_case("story_uuid", url={"number": 1}),
    "words_pictures:picture": on_case(
        "story_uuid", "panel_uuid", url={"number": 1},
        files=lambda ctx: {"picture": SimpleUploadedFile("p.png", TINY_PNG, "image/png")},
    ),
    "words_pictures:parents": on_case("story_uuid", url={"number": 1}),
    "words_pictures:given": on_case("story_uuid", url={"number": 1}),
    "safety_plans:plan_create": on_case(),
    "safety_plans:new_version": on_case("plan_uuid", read_form=False, setup=plan_without_draft),
    "safety_plans:draft": on_case("plan_uuid"),
    "safety_plans:line_add": on_case("plan_uuid", "part", data=staff_chosen("responsible")),
    "safety_plans:line_edit": on_case(*PLAN_LINE, data=staff_chosen("responsible")),
    "safety_plans:line_remove": on_case(*PLAN_LINE),
    "safety_plans:line_move": on_case(*PLAN_LINE, read_form=False, data=lambda ctx: {"move": "up"}),
    "safety_plans:agree": on_case("plan_uuid", url={"number": 2}, data=staff_chosen("agreers")),
    "safety_plans:start_testing": on_case("plan_uuid", url={"number": 1}),
    "safety_plans:check_add": on_case("plan_uuid", url={"number": 1}, setup=plan_in_testing),
    "safety_plans:complete": on_case("plan_uuid", url={"number": 1}),
    "safety_plans:safety_house_rule_add": on_case(
        "plan_uuid", "house_rule_uuid", data=staff_chosen("responsible")
    ),
    "safety_plans:child_version": on_case("plan_uuid", url={"number": 1}, read_form=False),
    "packs:create": on_case(),
    "packs:review": on_case(setup=pack_reader, query="?for={reader}"),
    "packs:regenerate": on_case("pack_uuid", read_form=False),
    "child_voice:session_new": on_case("tool"),
    "child_voice:session_edit": on_case(*SESSION),
    "child_voice:consent": on_case(*SESSION),
    "child_voice:override_add": on_case(*SESSION),
    "child_voice:override_withdraw": on_case(*SESSION, "override_uuid"),
    "child_voice:entry_add": on_case(*SESSION),
    "child_voice:entry_edit": on_case(*SESSION, "entry_uuid"),
    "child_voice:entry_carry": on_case(*SESSION, "entry_uuid"),
    "child_voice:drawing_add": on_case(
        *SESSION,
        files=lambda ctx: {"file": SimpleUploadedFile("d.png", TINY_PNG, "image/png")},
    ),
    "referrals:record": Write("allocated"),
    "referrals:find_child": Write("allocated", a_contact),
    "referrals:decide": Write("allocated", lambda ctx: a_contact(ctx, child_looked_for=True)),
    "cases:chronology_add": on_case(),
    "cases:chronology_correct": on_case("chronology_entry_uuid"),
    "cases:case_close": Write(
        "manager", case_kw, day=0, may_change=frozenset({"service_levels", "allocations"})
    ),
    "cases:case_reopen": Write(
        "manager",
        case_kw,
        setup=closed_case,
        day=0,
        data=lambda ctx: {"workers": str(ctx.world.users["same_team"].uuid)},  # type: ignore[union-attr]
        may_change=frozenset({"service_levels", "allocations"}),
    ),
    "implementation:supervision_add": on_case(data=lambda ctx: supervision_people(ctx)),
    "implementation:group_add": on_case(),
    "implementation:group_entry_add": on_case("group_uuid", "entry_kind"),
    "implementation:group_scale_add": on_case("group_uuid"),
    "implementation:group_decision_add": Write(
        "manager", lambda ctx: {**case_kw(ctx), "group_uuid": ctx.values()["group_uuid"]}, day=3
    ),
    "implementation:group_summary": on_case("group_uuid"),
    "meeting_outcomes:scale_enter": Write(
        "allocated",
        lambda ctx: {
            **case_kw(ctx),
            "meeting_uuid": ctx.values()["decided_meeting_uuid"],
            "attendee_uuid": ctx.values()["decided_attendee_uuid"],
        },
    ),
    "meeting_outcomes:reveal": Write(
        "allocated", fresh_meeting_kw, setup=lambda ctx: fresh_meeting(ctx, scaled=True)
    ),
    "meeting_outcomes:decision": Write("allocated", fresh_meeting_kw, setup=fresh_meeting),
    "meeting_outcomes:decision_correct": Write(
        "allocated",
        lambda ctx: {**case_kw(ctx), "meeting_uuid": ctx.values()["decided_meeting_uuid"]},
    ),
    "plain_language:term_add": Write("admin", data=lambda ctx: {"variants": ""}),
    "plain_language:term_edit": Write("admin", glossary_term),
    "plain_language:term_retire": Write("admin", glossary_term),
    "plain_language:term_restore": Write(
        "admin",
        lambda ctx: glossary_term(ctx, retired=True),
        read_form=False,
        data=lambda ctx: {"version": str(ctx.objects["term"].version)},
    ),
})  # fmt: skip


def meeting_started(ctx: Ctx) -> None:
    meeting = Meeting.objects.get(uuid=ctx.values()["meeting_uuid"])
    meeting_services.meeting_start(
        actor=ctx.world.users["allocated"],  # type: ignore[arg-type]
        meeting=meeting,
        expected_version=None,
    )


# A start time, and no next meeting (it would fall on the meeting's own date).
NO_NEXT_MEETING = {
    "starts_at": "10:00",
    **{f"next_meeting_on_{part}": "" for part in ("day", "month", "year")},
}
MEETING = ("meeting_uuid",)
WRITES.update({
    "meetings:plan": on_case(data=lambda ctx: NO_NEXT_MEETING),
    "meetings:edit": on_case(*MEETING, data=lambda ctx: NO_NEXT_MEETING),
    "meetings:cancel": on_case(*MEETING),
    "meetings:start": on_case(*MEETING),
    "meetings:finish": on_case(*MEETING, setup=meeting_started, day=30),
    "meetings:next_date": on_case(*MEETING, day=30),
    "meetings:childs_views": on_case(*MEETING),
    "meetings:attendee_add": on_case(*MEETING),
    "meetings:attendee_edit": on_case(*MEETING, "attendee_uuid"),
    "meetings:attendee_remove": on_case(*MEETING, "attendee_uuid"),
    "meetings:action_add": on_case(*MEETING),
    "meetings:invite": on_case(*MEETING),
})  # fmt: skip


# Pages that change nothing (a POST is refused, ignored, or only shows the page again).
READS = {
    "cases:my_cases", "cases:team_cases", "cases:case", "cases:find_record",
    "cases:break_glass_reviews", "cases:shared_with_me", "mapping:map", "mapping:scales",
    "mapping:versions", "mapping:version_compare", "mapping:version", "mapping:label_sets",
    "accounts:account", "accounts:two_factor", "accounts:two_factor_set_up",
    "accounts:sso_links", "accounts:oidc_start", "accounts:oidc_callback",
    "notifications:list", "documents:list", "documents:download",
    "governance:case_access_log", "governance:case_access_log_export", "governance:case_print",
    "governance:index", "governance:access_log_lookup", "governance:access_log",
    "governance:access_log_export", "governance:subject_access_search",
    "retention:overview", "retention:rules", "retention:due", "retention:batches",
    "retention:batch", "retention:records",
    "networks:network", "networks:meetings", "words_pictures:list", "words_pictures:story",
    "words_pictures:compare", "words_pictures:version", "words_pictures:book",
    "safety_plans:plans", "safety_plans:plan", "safety_plans:compare", "safety_plans:version",
    "packs:list", "packs:detail", "packs:pdf", "packs:stylesheet", "child_voice:list",
    "child_voice:session", "child_voice:drawing_image", "plain_language:check",
    "plain_language:live", "plain_language:glossary", "plain_language:glossary_retired",
    "safety_plans:safety_house", "referrals:front_door", "referrals:referral",
    "evaluation:home", "evaluation:dashboard", "evaluation:figure",
    "cases:chronology", "cases:chronology_entry",
    "cases:chronology_export", "cases:chronology_print",
    "implementation:list", "implementation:supervision",
    "implementation:group", "implementation:mine",
    "meetings:list", "meetings:meeting", "meetings:calendar", "meetings:record",
    "meetings:pdf", "meetings:stylesheet", "meetings:live", "meetings:live_fragment",
    "meeting_outcomes:scales",
}  # fmt: skip


def all_url_names() -> set[str]:
    return {
        name
        for name, _ in _walk(get_resolver().url_patterns)
        if not name.startswith(("admin:", "api:"))
    }


def test_every_url_is_classified() -> None:
    writes = {name.split("/")[0] for name in WRITES}
    assert not writes & READS
    missing = all_url_names() - writes - READS
    assert not missing, f"Add these to WRITES or READS in {__name__}: {sorted(missing)}"
    assert writes | READS <= all_url_names()


def client_for(ctx: Ctx, who: str) -> tuple[Client, User | None]:
    user = ctx.user(who)
    client = Client()
    if user is not None:
        client.force_login(user)
        session = client.session
        session[REAUTH_SESSION_KEY] = sessions.now()  # "Confirm it's you" a moment ago
        session.save()
    return client, user


shared_ctx = built_once_per_module(build_ctx)
# The tests sharing it run together on one worker.
pytestmark = pytest.mark.xdist_group("mass_assignment_world")


@pytest.fixture
def ctx(shared_ctx: Ctx, db: Any) -> Ctx:
    return fresh(shared_ctx)


@pytest.mark.parametrize("key", sorted(WRITES))
def test_a_successful_save_ignores_privileged_fields(key: str, ctx: Ctx) -> None:
    name = key.split("/")[0]
    write = WRITES[key]
    if write.setup:
        write.setup(ctx)
    url = reverse(name, kwargs=write.kwargs(ctx)) + write.query.format(**ctx.objects)
    client, user = client_for(ctx, write.who)
    day = timezone.localdate() + datetime.timedelta(days=write.day)
    if write.read_form:
        page = client.get(url)
        assert page.status_code == 200, (key, page.status_code)
        data = fill(page_form(page.content.decode(), url), day=day, overrides=write.data(ctx))
    else:
        data = write.data(ctx)
    posted = {**hostile_fields(ctx), **data}  # the form's own fields keep their values
    if write.files:
        posted.update(write.files(ctx))
    before, marks = snapshot(ctx), event_marks()

    response = client.post(url, posted)

    assert response.status_code == write.expect, (key, response.status_code, _errors(response))
    assert_nothing_privileged_changed(ctx, before, user, marks, write.may_change)


def _errors(response: Any) -> Any:
    form = (response.context or {}).get("form") if hasattr(response, "context") else None
    return getattr(form, "errors", None)


@pytest.mark.parametrize("name", sorted(READS))
def test_pages_that_change_nothing_ignore_privileged_fields(name: str, ctx: Ctx) -> None:
    make_batch(ctx)
    route_values = {
        **ctx.values(),
        "grant_uuid": BreakGlassGrant.objects.first().uuid,  # type: ignore[union-attr]
        "batch_uuid": ctx.objects["batch"].uuid,
        "number": 1,
        "team_uuid": ctx.case.team.uuid,
        "figure_key": "next-steps-overdue",
    }
    if name == "referrals:referral":
        route_values.update(a_contact(ctx))
    pattern = dict(_walk(get_resolver().url_patterns))[name]
    needed = re.findall(r"<\w+:(\w+)>", pattern)
    url = reverse(name, kwargs={key: route_values[key] for key in needed})
    who = (
        "admin"
        if name.startswith(("retention:", "governance:")) and "case_" not in name
        else "manager"
    )
    client, user = client_for(ctx, who)
    before, marks = snapshot(ctx), event_marks()
    response = client.post(url, hostile_fields(ctx))
    assert response.status_code < 500
    assert_nothing_privileged_changed(ctx, before, user, marks, frozenset())


# --- The API --------------------------------------------------------------------------------

API_WRITES = [(method, path) for method, path in api_operations() if method in ("POST", "PATCH")]


def api_url(ctx: Ctx, path: str) -> str:
    values = ctx.values()
    kind = path.split("/map/")[1].split("/")[0] if "/map/" in path else ""
    return path.format(
        case_uuid=values["case_uuid"],
        member_uuid=values["member_uuid"],
        record_uuid=values["api_records"].get(kind, ""),
        number=values["number"],
    )


API_HOSTILE = ("role", "team", "case", "uuid", "id", "created_by", "changed_by", "actor",
               "user", "removed_at", "saved_by", "allocated_to", "restricted")  # fmt: skip


@pytest.mark.parametrize(("method", "path"), API_WRITES)
def test_api_refuses_privileged_fields_and_accepts_the_body_without_them(
    method: str, path: str, ctx: Ctx
) -> None:
    client, user = client_for(ctx, "allocated")
    url = api_url(ctx, path)
    body = api_body(method, path, ctx.values())
    for name in API_HOSTILE:
        if name in body:
            continue
        before, marks = snapshot(ctx), event_marks()
        hostile = {**body, name: str(ctx.victim.pk) if name != "case" else str(ctx.other_case.uuid)}
        response = client.generic(method, url, json.dumps(hostile), content_type="application/json")
        assert response.status_code == 422, (name, response.status_code)
        assert "cannot be set" in response.json()["detail"]
        assert_nothing_privileged_changed(ctx, before, user, marks, frozenset())
    ok = client.generic(method, url, json.dumps(body), content_type="application/json")
    assert ok.status_code in (200, 201), ok.content
