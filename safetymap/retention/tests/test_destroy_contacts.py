"""Contacts and referrals that opened no case follow the schedule's rule for "Contact or
referral with no further action", counted from the decision; those on a case go with it."""

from __future__ import annotations

import datetime
from typing import cast

import pytest
from django.utils import timezone

from safetymap.accounts.models import Role, User
from safetymap.audit.models import AuditEvent
from safetymap.referrals import services as referral_services
from safetymap.referrals.models import Referral
from safetymap.retention import contacts, services
from safetymap.retention.models import DestructionRecord, RecordType, RetentionRule, Trigger
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def decided_contact(*, years_ago: int, decision: str = "no_further_action") -> Referral:
    worker = cast(User, UserFactory(role=Role.PRACTITIONER))
    (contact,) = referral_services.referral_record(
        actor=worker,
        values={
            "method": "phone",
            "referrer_relationship": "neighbour_or_friend",
            "child_first_name": "Lacey",
            "worries": "The baby cries for hours and nobody comes.",
        },
    )
    contact = referral_services.referral_link_child(
        actor=worker, referral=contact, expected_version=None, person=None
    )
    decided_at = timezone.now() - datetime.timedelta(days=365 * years_ago + 10)
    return referral_services.referral_decide(
        actor=worker, referral=contact, expected_version=None, decision=decision,
        reason="Checked with the health visitor: no worries.", decided_at=decided_at,
    )  # fmt: skip


def test_a_contact_with_no_case_is_due_by_the_rule_from_its_decision():
    rule = RetentionRule.objects.get(record_type=RecordType.CONTACT_NO_FURTHER_ACTION)
    old = decided_contact(years_ago=rule.years)
    decided_contact(years_ago=rule.years - 1)
    worker = UserFactory(role=Role.PRACTITIONER)
    referral_services.referral_record(  # waiting for a decision: never due
        actor=worker,
        values={"method": "email", "referrer_relationship": "school",
                "child_first_name": "Tom", "worries": "Not in school for a week."},
    )  # fmt: skip
    assert list(contacts.contacts_due(today=timezone.localdate())) == [old]


def test_a_birthday_rule_counts_from_the_childs_date_of_birth():
    RetentionRule.objects.filter(record_type=RecordType.CONTACT_NO_FURTHER_ACTION).update(
        trigger=Trigger.EIGHTEENTH_BIRTHDAY, years=1
    )
    contact = decided_contact(years_ago=0)
    assert not contacts.contacts_due(today=timezone.localdate()).exists()  # no date of birth
    Referral.objects.filter(pk=contact.pk).update(child_date_of_birth=datetime.date(2000, 1, 1))
    assert list(contacts.contacts_due(today=timezone.localdate())) == [contact]


def test_an_approved_batch_destroys_due_contacts_and_their_history(admin, second_admin):
    rule = RetentionRule.objects.get(record_type=RecordType.CONTACT_NO_FURTHER_ACTION)
    old = decided_contact(years_ago=rule.years + 1)
    kept = decided_contact(years_ago=1)
    batch = services.batch_propose(actor=admin)
    assert batch is not None
    batch = services.batch_approve(actor=second_admin, batch=batch, expected_version=None)
    outcome = services.batch_destroy(batch=batch, actor=second_admin)

    assert list(Referral.objects.all()) == [kept]
    assert not AuditEvent.objects.filter(object_uuid=old.uuid).exists()
    record = outcome.contacts_record
    assert record == DestructionRecord.objects.get(record_type=RecordType.CONTACT_NO_FURTHER_ACTION)
    assert record.counts["referrals.referral"] == 1 and record.approver_name
