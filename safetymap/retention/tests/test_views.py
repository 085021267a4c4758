"""The retention pages: council administrators only; the schedule is edited with optimistic
locking and audited; holds are placed and lifted; lists are proposed, approved by someone
else, destroyed and cancelled; every child shown is recorded as an access event."""

from __future__ import annotations

import html
import uuid

import pytest
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases.models import Case, CaseRestriction, RestrictionAllowedUser
from safetymap.core.versioning import STALE_MESSAGE
from safetymap.retention import services
from safetymap.retention.models import (
    BatchStatus,
    DestructionBatch,
    DestructionRecord,
    LegalHold,
    RetentionRule,
)
from tests.factories import CaseFactory, UserFactory

from .conftest import closed_case, fill_case

pytestmark = pytest.mark.django_db


def rule(record_type="child_protection"):
    return RetentionRule.objects.get(record_type=record_type)


def page_urls():
    batch_uuid = uuid.uuid4()
    return [
        reverse("retention:overview"),
        reverse("retention:rules"),
        reverse("retention:rule_edit", kwargs={"rule_uuid": rule().uuid}),
        reverse("retention:due"),
        reverse("retention:holds"),
        reverse("retention:hold_lift", kwargs={"hold_uuid": uuid.uuid4()}),
        reverse("retention:batches"),
        reverse("retention:batch", kwargs={"batch_uuid": batch_uuid}),
        reverse("retention:batch_cancel", kwargs={"batch_uuid": batch_uuid}),
        reverse("retention:records"),
    ]


def post_urls():
    batch_uuid = uuid.uuid4()
    return [
        reverse("retention:rule_edit", kwargs={"rule_uuid": rule().uuid}),
        reverse("retention:holds"),
        reverse("retention:propose"),
        reverse("retention:batch_approve", kwargs={"batch_uuid": batch_uuid}),
        reverse("retention:batch_destroy", kwargs={"batch_uuid": batch_uuid}),
        reverse("retention:batch_cancel", kwargs={"batch_uuid": batch_uuid}),
    ]


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for address in page_urls():
        response = client.get(address)
        assert response.status_code == 302, address
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    "role",
    [
        Role.PRACTITIONER,
        Role.TEAM_MANAGER,
        Role.BUSINESS_SUPPORT,
        Role.CONFERENCE_CHAIR,
        Role.PRACTICE_LEAD,
        Role.PARTNER_PROFESSIONAL,
    ],
)
def test_only_council_administrators_may_use_the_pages(client, role):
    closed_case(closed_years_ago=40, levels=("child_protection",))
    client.force_login(UserFactory(role=role))
    for address in page_urls():
        assert client.get(address).status_code == 403, address
    for address in post_urls():
        assert client.post(address, {"years": "1", "version": "1"}).status_code == 403, address
    assert not DestructionBatch.objects.exists() and not LegalHold.objects.exists()
    assert rule().version == 1
    assert not AccessEvent.objects.exists()


def test_overview_links_to_every_part(client, admin):
    client.force_login(admin)
    page = client.get(reverse("retention:overview")).content.decode()
    for name in ("rules", "due", "holds", "batches", "records"):
        assert reverse(f"retention:{name}") in page


# --- The schedule -----------------------------------------------------------------------


def test_the_schedule_lists_every_rule_in_plain_words(client, admin):
    client.force_login(admin)
    page = html.unescape(client.get(reverse("retention:rules")).content.decode())
    assert "Kept until the child's 75th birthday" in page
    assert "Kept 35 years after the case closed" in page
    assert "Kept 25 years after the child's 18th birthday" in page
    assert "Kept 7 years after the event" in page
    assert page.count(">Change<") == len(RetentionRule.objects.all())


def test_editing_a_rule_saves_it_with_an_audit_event(client, admin):
    client.force_login(admin)
    address = reverse("retention:rule_edit", kwargs={"rule_uuid": rule().uuid})
    page = client.get(address).content.decode()
    assert 'name="version" value="1"' in page and 'value="closure"' in page
    assert 'value="event"' not in page  # case rules count from case dates only
    response = client.post(
        address,
        {"trigger": "closure", "years": "40", "description": "Our schedule, 2026", "version": "1"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("retention:rules")
    saved = rule()
    assert (saved.years, saved.description, saved.version) == (40, "Our schedule, 2026", 2)
    event = AuditEvent.objects.get(object_uuid=saved.uuid)
    assert event.actor == admin and event.changes["years"] == {"old": 35, "new": 40}


def test_a_stale_rule_edit_is_refused_and_shows_what_was_typed(client, admin, second_admin):
    services.retention_rule_update(
        actor=second_admin, rule=rule(), expected_version=1, trigger="closure", years=50,
        description="Changed first",
    )  # fmt: skip
    client.force_login(admin)
    address = reverse("retention:rule_edit", kwargs={"rule_uuid": rule().uuid})
    response = client.post(
        address, {"trigger": "closure", "years": "20", "description": "Mine", "version": "1"}
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 409
    assert STALE_MESSAGE in page and "What you typed that was not saved" in page
    assert 'name="version" value="2"' in page and "Mine" in page
    assert rule().years == 50


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"trigger": "closure", "years": "0", "description": "x"}, "must be 1 or more"),
        ({"trigger": "closure", "years": "abc", "description": "x"}, "must be a whole number"),
        ({"trigger": "closure", "years": "151", "description": "x"}, "must be 150 or fewer"),
        ({"trigger": "event", "years": "5", "description": "x"}, "Select a valid choice"),
        ({"trigger": "closure", "years": "5", "description": ""}, "Enter a description"),
    ],
)
def test_rule_edit_errors(client, admin, data, message):
    client.force_login(admin)
    address = reverse("retention:rule_edit", kwargs={"rule_uuid": rule().uuid})
    response = client.post(address, {**data, "version": "1"})
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert rule().version == 1


# --- What is due and proposing ------------------------------------------------------------


def test_due_page_lists_due_cases_and_records_who_saw_them(client, admin):
    due = closed_case(closed_years_ago=40, levels=("child_protection", "early_help"))
    closed_case(closed_years_ago=3, levels=("child_protection",))
    client.force_login(admin)
    response = client.get(reverse("retention:due"))
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert due.reference in page and due.child.full_name in page
    assert "Child protection case" in page and "once a child protection case" in page
    assert "Put these on a list for approval" in page
    event = AccessEvent.objects.get()
    assert (event.actor, event.case_uuid, event.basis) == (admin, due.uuid, "retention")
    assert not DestructionBatch.objects.exists()


def test_a_restricted_childs_name_is_hidden_unless_on_the_allow_list(client, admin):
    due = closed_case(closed_years_ago=40, levels=("child_protection",))
    restriction = CaseRestriction.objects.create(
        case=due, reason="Staff member's family", review_on=due.closed_on, set_by=admin
    )
    client.force_login(admin)
    page = html.unescape(client.get(reverse("retention:due")).content.decode())
    assert due.reference in page and "Restricted record" in page
    assert due.child.full_name not in page
    RestrictionAllowedUser.objects.create(restriction=restriction, user=admin, added_by=admin)
    page = html.unescape(client.get(reverse("retention:due")).content.decode())
    assert due.child.full_name in page


def test_proposing_from_the_page_makes_a_list_by_that_administrator(client, admin):
    due = closed_case(closed_years_ago=40, levels=("child_protection",))
    client.force_login(admin)
    response = client.post(reverse("retention:propose"))
    batch = DestructionBatch.objects.get()
    assert response["Location"] == reverse("retention:batch", kwargs={"batch_uuid": batch.uuid})
    assert batch.proposed_by == admin and batch.items.get().case == due
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "You proposed this list, so someone else must approve it." in page
    assert (
        'action="' + reverse("retention:batch_approve", kwargs={"batch_uuid": batch.uuid})
        not in page
    )
    # Nothing more to propose: says so, makes no list.
    response = client.post(reverse("retention:propose"), follow=True)
    assert "Nothing is due for destruction" in html.unescape(response.content.decode())
    assert DestructionBatch.objects.count() == 1


# --- Approving, destroying and cancelling -------------------------------------------------


def make_batch(proposer=None):
    case = closed_case(closed_years_ago=40, levels=("child_protection",))
    fill_case(case)
    return case, services.batch_propose(actor=proposer)


def test_the_proposer_cannot_approve_their_own_list_even_by_posting(client, admin):
    _, batch = make_batch(proposer=admin)
    client.force_login(admin)
    address = reverse("retention:batch_approve", kwargs={"batch_uuid": batch.uuid})
    response = client.post(address, {"confirm": "on", "version": batch.version})
    assert response.status_code == 403
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PROPOSED


def test_approving_needs_the_confirmation_and_records_the_approver(client, admin, second_admin):
    case, batch = make_batch(proposer=admin)
    client.force_login(second_admin)
    page_address = reverse("retention:batch", kwargs={"batch_uuid": batch.uuid})
    page = html.unescape(client.get(page_address).content.decode())
    assert case.reference in page and case.child.full_name in page
    assert "Approve destruction" in page
    assert AccessEvent.objects.filter(actor=second_admin, case_uuid=case.uuid).exists()

    address = reverse("retention:batch_approve", kwargs={"batch_uuid": batch.uuid})
    response = client.post(address, {"version": batch.version})
    assert response.status_code == 400
    assert "Confirm that you have checked the list" in response.content.decode()
    response = client.post(address, {"confirm": "on", "version": batch.version})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == BatchStatus.APPROVED and batch.approved_by == second_admin
    page = html.unescape(client.get(page_address).content.decode())
    assert "Tom Reyes" in page
    assert f"python manage.py retention_destroy --batch {batch.uuid}" in page
    assert "Destroy these records now" in page


def test_a_stale_approval_is_refused(client, admin):
    _, batch = make_batch()
    services.batch_cancel(actor=admin, batch=batch, expected_version=1, reason="Wrong")
    client.force_login(admin)
    address = reverse("retention:batch_approve", kwargs={"batch_uuid": batch.uuid})
    response = client.post(address, {"confirm": "on", "version": "1"})
    assert response.status_code == 409 and STALE_MESSAGE in html.unescape(response.content.decode())
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED


def test_destroying_a_small_list_from_the_page(client, admin):
    case, batch = make_batch()
    batch = services.batch_approve(actor=admin, batch=batch, expected_version=batch.version)
    client.force_login(admin)
    address = reverse("retention:batch_destroy", kwargs={"batch_uuid": batch.uuid})
    response = client.post(address, {"version": batch.version})
    assert response.status_code == 400 and Case.objects.filter(pk=case.pk).exists()
    response = client.post(address, {"confirm": "on", "version": batch.version}, follow=True)
    page = html.unescape(response.content.decode())
    assert "1 case record destroyed." in page
    assert not Case.objects.filter(pk=case.pk).exists()
    record = DestructionRecord.objects.get()
    assert record.destroyed_by == admin and record.approved_by == admin
    assert case.child.full_name not in page and case.reference in page
    page = html.unescape(client.get(reverse("retention:records")).content.decode())
    assert case.reference in page and "Nadia Okafor" in page
    assert "Child protection case: kept 35 years after the case closed" in page
    filtered = client.get(reverse("retention:records"), {"reference": "SM-NOPE"})
    assert "No record of destroying SM-NOPE" in filtered.content.decode()


def test_an_unapproved_list_cannot_be_destroyed_from_the_page(client, admin):
    case, batch = make_batch()
    client.force_login(admin)
    address = reverse("retention:batch_destroy", kwargs={"batch_uuid": batch.uuid})
    response = client.post(address, {"confirm": "on", "version": batch.version})
    assert response.status_code == 409
    assert "only an approved list can be destroyed" in response.content.decode()
    assert Case.objects.filter(pk=case.pk).exists() and not DestructionRecord.objects.exists()


def test_cancelling_a_list(client, admin):
    case, batch = make_batch()
    client.force_login(admin)
    address = reverse("retention:batch_cancel", kwargs={"batch_uuid": batch.uuid})
    assert client.get(address).status_code == 200
    response = client.post(address, {"reason": "", "version": batch.version})
    assert response.status_code == 400
    response = client.post(address, {"reason": "Checking with legal", "version": batch.version})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED and batch.cancelled_by == admin
    assert client.get(address).status_code == 404
    # The case can go on a new list.
    assert services.batch_propose(actor=None).items.get().case == case


def test_unknown_lists_and_holds_are_not_found(client, admin):
    client.force_login(admin)
    assert (
        client.get(reverse("retention:batch", kwargs={"batch_uuid": uuid.uuid4()})).status_code
        == 404
    )
    assert (
        client.get(reverse("retention:hold_lift", kwargs={"hold_uuid": uuid.uuid4()})).status_code
        == 404
    )


# --- Legal holds --------------------------------------------------------------------------


def test_placing_a_hold_by_case_reference(client, admin):
    case = CaseFactory()
    client.force_login(admin)
    address = reverse("retention:holds")
    response = client.post(address, {"case_reference": "SM-NOPE", "reason": "Claim"})
    assert response.status_code == 400
    assert "There is no case with that reference" in response.content.decode()
    response = client.post(address, {"case_reference": case.reference.lower(), "reason": ""})
    assert (
        response.status_code == 400
        and "Enter why the record must be kept" in response.content.decode()
    )
    response = client.post(
        address, {"case_reference": f" {case.reference.lower()} ", "reason": "Court case"}
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.case, hold.reason, hold.placed_by, hold.is_active) == (
        case,
        "Court case",
        admin,
        True,
    )
    event = AuditEvent.objects.get(object_uuid=hold.uuid)
    assert event.case_uuid == case.uuid and event.actor == admin
    page = html.unescape(client.get(address).content.decode())
    assert case.reference in page and case.child.full_name in page and "Court case" in page
    assert AccessEvent.objects.filter(actor=admin, case_uuid=case.uuid, basis="retention").exists()


def test_lifting_a_hold(client, admin, second_admin):
    case = CaseFactory()
    hold = services.legal_hold_place(actor=admin, case=case, reason="Inquiry")
    client.force_login(second_admin)
    address = reverse("retention:hold_lift", kwargs={"hold_uuid": hold.uuid})
    assert client.get(address).status_code == 200
    response = client.post(address, {"reason": "", "version": hold.version})
    assert response.status_code == 400
    response = client.post(address, {"reason": "Inquiry finished", "version": hold.version})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert not hold.is_active and hold.lifted_by == second_admin
    assert hold.lift_reason == "Inquiry finished"
    assert AuditEvent.objects.filter(object_uuid=hold.uuid, action="update").exists()
    assert client.get(address).status_code == 404  # already lifted
    page = html.unescape(client.get(reverse("retention:holds")).content.decode())
    assert "Holds that have been lifted" in page and "Inquiry finished" in page


def test_a_stale_lift_is_refused(client, admin):
    hold = services.legal_hold_place(actor=admin, case=CaseFactory(), reason="Inquiry")
    LegalHold.objects.filter(pk=hold.pk).update(version=2)
    client.force_login(admin)
    address = reverse("retention:hold_lift", kwargs={"hold_uuid": hold.uuid})
    response = client.post(address, {"reason": "Done", "version": "1"})
    assert response.status_code == 409
    hold.refresh_from_db()
    assert hold.is_active


def test_pages_make_the_same_number_of_queries_however_many_cases(client, admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(address):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    client.force_login(admin)
    closed_case(closed_years_ago=40, levels=("child_protection",))
    batch = services.batch_propose(actor=None)
    hold = services.legal_hold_place(
        actor=admin, case=closed_case(closed_years_ago=40), reason="Claim"
    )
    lifted = services.legal_hold_place(actor=admin, case=CaseFactory(), reason="Claim")
    services.legal_hold_lift(actor=admin, hold=lifted, expected_version=1, reason="Done")
    addresses = [
        reverse("retention:due"),
        reverse("retention:holds"),
        reverse("retention:batch", kwargs={"batch_uuid": batch.uuid}),
    ]
    small = [queries(address) for address in addresses]
    for _ in range(5):
        case = closed_case(
            closed_years_ago=40, levels=("early_help", "looked_after"), born_years_ago=90
        )
        fill_case(case)
        services.legal_hold_place(actor=admin, case=closed_case(closed_years_ago=1), reason="Claim")
    services.legal_hold_lift(actor=admin, hold=hold, expected_version=hold.version, reason="Done")
    large_batch = services.batch_propose(actor=None)
    assert large_batch.items.count() == 6
    addresses[2] = reverse("retention:batch", kwargs={"batch_uuid": large_batch.uuid})
    assert [queries(address) for address in addresses] == small
