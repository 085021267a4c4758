"""Proposal, named approval and destruction: exactly the right rows go, people on other
cases stay, a destruction record with no personal data is left, and nothing is destroyed
without approval or while on hold."""

from __future__ import annotations

import datetime
import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction
from django.forms.models import model_to_dict

from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases.models import Case, CaseMember, Person
from safetymap.retention import services
from safetymap.retention.models import (
    BatchStatus,
    DestructionBatchItem,
    DestructionRecord,
    ItemOutcome,
    LegalHold,
    RetentionRule,
)
from safetymap.retention.selectors import add_years
from tests.factories import CaseFactory, CaseMemberFactory, PersonFactory, UserFactory

from .conftest import TODAY, closed_case, fill_case, level_history, table_counts

pytestmark = pytest.mark.django_db

# Rows a filled case holds (see conftest.fill_case), by table.
FILLED_CASE_ROWS = {
    "cases.case": 1,
    "cases.person": 3,  # the child, the mother, the grandad
    "cases.casemember": 2,
    "cases.allocation": 1,
    "cases.servicelevelchange": 1,
    "mapping.casemap": 1,
    "mapping.mapitem": 2,
    "mapping.dangerstatement": 1,
    "mapping.safetygoal": 1,
    "mapping.nextstep": 1,
    "mapping.scalerating": 1,
    "mapping.mapversion": 1,
}


def approved(batch, approver):
    return services.batch_approve(actor=approver, batch=batch, expected_version=batch.version)


def removed(before, after, *, ignore=("audit.", "retention.")):
    return {
        table: before[table] - after.get(table, 0)
        for table in before
        if before[table] != after.get(table, 0) and not table.startswith(ignore)
    }


def test_destroying_an_approved_batch_removes_exactly_the_due_cases_rows(admin):
    due = closed_case(closed_years_ago=40, levels=("child_protection",))
    due_people = fill_case(due)
    kept = closed_case(closed_years_ago=10, levels=("child_protection",))
    fill_case(kept)
    due_uuid, child = due.uuid, due.child
    # The audit tables refuse deletion outside the retention process's own door.
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(case_uuid=due_uuid)._raw_delete("default")
    before = table_counts()

    batch = services.batch_propose(actor=None)
    assert batch.status == BatchStatus.PROPOSED and batch.proposed_by is None
    assert [item.case for item in batch.items.all()] == [due]
    batch = approved(batch, admin)
    outcome = services.batch_destroy(batch=batch, actor=None)

    assert removed(before, table_counts()) == FILLED_CASE_ROWS
    assert not Case.objects.filter(uuid=due_uuid).exists()
    assert not Person.objects.filter(pk=child.pk).exists()
    assert not Person.objects.filter(pk=due_people["grandad"].person_id).exists()
    assert Case.objects.filter(pk=kept.pk).exists()
    assert kept.map_items.count() == 2 and kept.members.count() == 2

    # The case's change history went with it (the child's own record too, whose event was
    # recorded before the case existed); the record of who viewed it is kept for its own rule.
    assert not AuditEvent.objects.filter(case_uuid=due_uuid).exists()
    assert not AuditEvent.objects.filter(object_uuid=child.uuid).exists()
    assert AuditEvent.objects.filter(case_uuid=kept.uuid).exists()
    assert AccessEvent.objects.filter(case_uuid=due_uuid).count() == 1

    (record,) = outcome.destroyed
    assert record == DestructionRecord.objects.get()
    assert record.counts == {**FILLED_CASE_ROWS, "audit.auditevent": 2}
    assert record.case_reference == due.reference
    assert record.case_hash == hashlib.sha256(f"safetymap-case:{due_uuid}".encode()).hexdigest()
    assert record.record_type == "child_protection"
    assert record.rule == RetentionRule.objects.get(record_type="child_protection")
    assert record.rule_applied == "Child protection case: kept 35 years after the case closed"
    assert record.approved_by == admin and record.approver_name == "Nadia Okafor"
    assert record.destroyed_by is None and record.batch == batch

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DESTROYED and batch.completed_at is not None
    item = batch.items.get()
    assert (item.outcome, item.case, item.due_on, item.why) == (
        ItemOutcome.DESTROYED,
        None,
        None,
        "",
    )
    assert item.case_reference == due.reference and item.record == record
    # The destruction is itself in the audit trail, without personal details.
    event = AuditEvent.objects.get(object_uuid=record.uuid)
    assert event.summary == f"Case {due.reference} destroyed under the retention schedule"


def test_the_destruction_record_holds_no_personal_data(admin):
    child = PersonFactory(first_name="Marisol", last_name="Vanterpool",
                          date_of_birth=datetime.date(1975, 4, 17))  # fmt: skip
    case = CaseFactory(child=child, opened_on=datetime.date(1980, 1, 1),
                       closed_on=datetime.date(1981, 2, 2))  # fmt: skip
    level_history(case, "child_protection")
    mother = PersonFactory(first_name="Philippa", last_name="Quennell", date_of_birth=None)
    fill_case(case, mother=mother)
    batch = approved(services.batch_propose(actor=None), admin)
    services.batch_destroy(batch=batch, actor=None)

    record = DestructionRecord.objects.get()
    text = json.dumps(model_to_dict(record), default=str) + str(record.counts)
    for personal in ("Marisol", "Vanterpool", "1975-04-17", "17 April 1975",
                     mother.first_name, mother.last_name, "Bruise", str(case.uuid)):  # fmt: skip
        assert personal not in text
    item = DestructionBatchItem.objects.get()
    assert "1981" not in item.why and item.due_on is None
    audit_text = " ".join(
        json.dumps([e.summary, e.changes], default=str) for e in AuditEvent.objects.all()
    )
    assert "Marisol" not in audit_text and "Vanterpool" not in audit_text


def test_a_person_on_another_case_is_kept(admin):
    mother = PersonFactory(first_name="Ruth", date_of_birth=None)
    due = closed_case(closed_years_ago=40, levels=("child_protection",))
    people = fill_case(due, mother=mother)
    sibling = CaseFactory(team=due.team)
    CaseMemberFactory(case=sibling, person=mother)
    # The due case's child is also a brother on someone else's case: kept too.
    cousin_case = CaseFactory(team=due.team)
    CaseMemberFactory(case=cousin_case, person=due.child, relationship="cousin")

    batch = approved(services.batch_propose(actor=None), admin)
    services.batch_destroy(batch=batch, actor=None)

    assert Person.objects.filter(pk=mother.pk).exists()
    assert Person.objects.filter(pk=due.child_id).exists()
    assert not Person.objects.filter(pk=people["grandad"].person_id).exists()
    assert CaseMember.objects.filter(case=sibling, person=mother).exists()
    assert CaseMember.objects.filter(case=cousin_case, person_id=due.child_id).exists()
    assert not CaseMember.objects.filter(person=mother).exclude(case=sibling).exists()
    record = DestructionRecord.objects.get()
    assert record.counts["cases.person"] == 1  # only the grandad


def test_an_unapproved_batch_cannot_be_destroyed(admin):
    case = closed_case(closed_years_ago=40, levels=("child_protection",))
    fill_case(case)
    batch = services.batch_propose(actor=None)
    before = table_counts()
    with pytest.raises(services.NotApprovedError):
        services.batch_destroy(batch=batch, actor=None)
    with pytest.raises(CommandError, match="only an approved list can be destroyed"):
        call_command("retention_destroy", batch=str(batch.uuid))
    assert table_counts() == before
    services.batch_cancel(
        actor=admin, batch=batch, expected_version=batch.version, reason="Wrong list"
    )
    before = table_counts()
    with pytest.raises(services.NotApprovedError):
        services.batch_destroy(batch=batch, actor=None)
    assert table_counts() == before
    assert Case.objects.filter(pk=case.pk).exists()
    assert not DestructionRecord.objects.exists()


def test_the_approver_is_recorded_and_may_not_be_the_proposer(admin, second_admin):
    closed_case(closed_years_ago=40, levels=("child_protection",))
    batch = services.batch_propose(actor=admin)
    assert batch.proposed_by == admin
    with pytest.raises(PermissionDenied, match="someone else must approve"):
        approved(batch, admin)
    with pytest.raises(PermissionDenied):
        approved(batch, UserFactory(role="team_manager"))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PROPOSED and batch.approved_by is None
    batch = approved(batch, second_admin)
    assert (batch.status, batch.approved_by, batch.approver_name) == (
        BatchStatus.APPROVED, second_admin, "Tom Reyes",
    )  # fmt: skip
    assert batch.approved_at is not None
    event = AuditEvent.objects.get(object_uuid=batch.uuid, action="update")
    assert event.actor == second_admin and event.changes["status"]["new"] == "approved"


def test_a_batch_the_job_proposed_may_be_approved_by_any_administrator(admin):
    closed_case(closed_years_ago=40, levels=("child_protection",))
    batch = approved(services.batch_propose(actor=None), admin)
    assert batch.approved_by == admin
    with pytest.raises(PermissionDenied, match="not waiting for approval"):
        approved(batch, admin)


def test_destroy_skips_a_case_that_came_under_hold_after_approval(admin):
    held = closed_case(closed_years_ago=40, levels=("child_protection",))
    fill_case(held)
    other = closed_case(closed_years_ago=40, levels=("child_protection",))
    batch = approved(services.batch_propose(actor=None), admin)
    hold = services.legal_hold_place(actor=admin, case=held, reason="Claim against the council")

    outcome = services.batch_destroy(batch=batch, actor=None)

    assert [record.case_reference for record in outcome.destroyed] == [other.reference]
    assert outcome.skipped == [(held.reference, "Kept: the case is on legal hold.")]
    assert Case.objects.filter(pk=held.pk).exists()
    assert held.map_items.count() == 2 and AuditEvent.objects.filter(case_uuid=held.uuid).exists()
    assert not Case.objects.filter(pk=other.pk).exists()
    item = batch.items.get(case_reference=held.reference)
    assert item.outcome == ItemOutcome.SKIPPED and item.case == held
    assert item.outcome_note == "Kept: the case is on legal hold."
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DESTROYED
    # Lifting the hold makes it due again: the next list picks it up.
    services.legal_hold_lift(
        actor=admin, hold=hold, expected_version=hold.version, reason="Settled"
    )
    assert [i.case for i in services.batch_propose(actor=None).items.all()] == [held]


def test_destroy_keeps_a_reopened_case_and_one_no_longer_due(admin):
    reopened = closed_case(closed_years_ago=40, levels=("child_protection",))
    longer = closed_case(closed_years_ago=10, levels=("early_help",))
    batch = approved(services.batch_propose(actor=None), admin)
    assert batch.items.count() == 2
    Case.objects.filter(pk=reopened.pk).update(closed_on=None)
    RetentionRule.objects.filter(record_type="early_help").update(years=20)

    outcome = services.batch_destroy(batch=batch, actor=None)

    assert outcome.destroyed == []
    notes = dict(outcome.skipped)
    assert notes[reopened.reference] == "Kept: the case has been reopened."
    assert notes[longer.reference].startswith("Kept: not due under the schedule now in force.")
    assert Case.objects.filter(pk__in=[reopened.pk, longer.pk]).count() == 2


def test_each_case_is_destroyed_in_its_own_transaction(admin, monkeypatch):
    first = closed_case(closed_years_ago=41, levels=("child_protection",))
    second = closed_case(closed_years_ago=40, levels=("child_protection",))
    fill_case(first)
    fill_case(second)
    batch = approved(services.batch_propose(actor=None), admin)
    real_create = DestructionRecord.objects.create
    calls = []

    def fail_on_second(**fields):
        calls.append(fields["case_reference"])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_create(**fields)

    monkeypatch.setattr(DestructionRecord.objects, "create", fail_on_second)
    cases_before = Case.objects.count()
    with pytest.raises(RuntimeError):
        services.batch_destroy(batch=batch, actor=None)
    failed = Case.objects.get(reference=calls[1])
    assert failed.map_items.count() == 2 and failed.members.count() == 2
    assert AuditEvent.objects.filter(case_uuid=failed.uuid).exists()
    assert DestructionRecord.objects.count() == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.APPROVED
    assert batch.items.filter(outcome=ItemOutcome.PENDING).count() == 1

    monkeypatch.setattr(DestructionRecord.objects, "create", real_create)
    call_command("retention_destroy", batch=str(batch.uuid))
    assert not Case.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert DestructionRecord.objects.count() == 2
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DESTROYED
    assert Case.objects.count() == cases_before - 2


def test_rows_of_other_apps_that_belong_to_the_case_go_with_it(
    admin, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from safetymap.cases.models import (
        BreakGlassGrant,
        CaseRestriction,
        CaseShare,
        RestrictionAllowedUser,
    )
    from safetymap.documents.models import CaseDocument
    from safetymap.notifications.models import Notification

    settings.MEDIA_ROOT = tmp_path
    case = closed_case(closed_years_ago=40, levels=("looked_after",), born_years_ago=80)
    worker = fill_case(case)["worker"]
    document = CaseDocument(
        case=case, uploaded_by=worker, title="Drawing of home", kind="drawing",
        content_type="image/png", size=3, sha256="0" * 64,
    )  # fmt: skip
    document.file.save("x", ContentFile(b"png"), save=True)
    stored = tmp_path / document.file.name
    assert stored.exists()
    restriction = CaseRestriction.objects.create(
        case=case, reason="Staff member's family", review_on=TODAY, set_by=admin
    )
    RestrictionAllowedUser.objects.create(restriction=restriction, user=worker, added_by=admin)
    BreakGlassGrant.objects.create(
        case=case, user=UserFactory(), reason="Police call at night",
        expires_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
    )  # fmt: skip
    Notification.objects.create(
        recipient=worker, kind="shared", text=f"{case.child.full_name}'s record was shared",
        link=f"/cases/{case.uuid}/",
    )  # fmt: skip
    unrelated = Notification.objects.create(recipient=worker, kind="shared", text="Other")
    partner = UserFactory(role="partner_professional")
    ended = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    CaseShare.objects.create(case=case, partner=partner, shared_by=worker, ended_at=ended)
    hold = services.legal_hold_place(actor=admin, case=case, reason="Old claim")
    services.legal_hold_lift(actor=admin, hold=hold, expected_version=1, reason="Settled")

    batch = approved(services.batch_propose(actor=None), admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.batch_destroy(batch=batch, actor=None)

    assert not Case.objects.filter(pk=case.pk).exists()
    assert not CaseDocument.objects.exists() and not CaseRestriction.objects.exists()
    assert not RestrictionAllowedUser.objects.exists() and not BreakGlassGrant.objects.exists()
    assert list(Notification.objects.all()) == [unrelated]
    assert not stored.exists()
    counts = DestructionRecord.objects.get().counts
    assert counts["documents.casedocument"] == 1
    assert counts["cases.restrictionalloweduser"] == 1
    assert counts["notifications.notification"] == 1
    assert counts["cases.caseshare"] == 1 and counts["retention.legalhold"] == 1
    assert not LegalHold.objects.exists()
    assert DestructionRecord.objects.get().record_type == "looked_after"


def test_audit_and_access_events_follow_their_own_rule(admin, second_admin):
    gone = closed_case(closed_years_ago=40, levels=("child_protection",))
    fill_case(gone)
    still_open = CaseFactory()
    fill_case(still_open)
    gone_uuid = gone.uuid
    services.batch_destroy(batch=approved(services.batch_propose(actor=None), admin), actor=None)
    assert AccessEvent.objects.filter(case_uuid=gone_uuid).count() == 1

    # Today nothing is 7 years old, so nothing is due.
    assert services.batch_propose(actor=None) is None

    # Eight years on, the views of the destroyed case are due; the open case's are not,
    # however old: a record's history is kept as long as the record.
    later = add_years(TODAY, 8)
    batch = services.batch_propose(actor=None, today=later)
    assert batch.includes_events and batch.access_events_due == 1
    assert batch.items.count() == 0
    batch = approved(batch, second_admin)
    outcome = services.batch_destroy(batch=batch, actor=None, today=later)

    assert not AccessEvent.objects.filter(case_uuid=gone_uuid).exists()
    assert AccessEvent.objects.filter(case_uuid=still_open.uuid).count() == 1
    assert AuditEvent.objects.filter(case_uuid=still_open.uuid).exists()
    record = outcome.events_record
    assert record.record_type == "audit_and_access_events" and record.case_reference == ""
    assert record.counts["audit.accessevent"] == 1
    assert record.approved_by == second_admin
    # The destruction records and the batches' own history are kept.
    assert DestructionRecord.objects.count() == 2
    assert AuditEvent.objects.filter(object_uuid=record.uuid).exists()
