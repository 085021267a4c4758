"""Contacts and referrals that opened no case: kept under the schedule's rule for "Contact
or referral with no further action", then destroyed in an approved batch.

A referral recorded on a case is destroyed with its case (collect.py finds it). One with
no case is counted from its decision (the rule's "date the case closed": the contact
closed when it was decided), or from the child's birth or 18th birthday as the rule says;
a contact still waiting for a decision, or whose child's date of birth is not known under
a birthday rule, is never due.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from safetymap.accounts.models import User
from safetymap.audit.append_only import audit_deletion_allowed
from safetymap.audit.models import AuditEvent
from safetymap.referrals.models import Referral
from safetymap.retention.models import (
    DestructionBatch,
    DestructionRecord,
    RecordType,
    RetentionRule,
    Trigger,
)
from safetymap.retention.records import record_destruction
from safetymap.retention.selectors import add_years


def _rule() -> RetentionRule | None:
    return RetentionRule.objects.filter(record_type=RecordType.CONTACT_NO_FURTHER_ACTION).first()


def _due_rule(rule: RetentionRule, today: datetime.date) -> Q:
    if rule.trigger == Trigger.BIRTH:
        return Q(child_date_of_birth__lte=add_years(today, -rule.years))
    if rule.trigger == Trigger.EIGHTEENTH_BIRTHDAY:
        return Q(child_date_of_birth__lte=add_years(today, -(18 + rule.years)))
    return Q(decided_at__date__lte=add_years(today, -rule.years))


def contacts_due(*, today: datetime.date) -> QuerySet[Referral]:
    """Decided contacts with no case that the rule makes due by `today`."""
    rule = _rule()
    if rule is None:
        return Referral.objects.none()
    return Referral.objects.filter(
        _due_rule(rule, today), case__isnull=True, decided_at__isnull=False
    )


@transaction.atomic
def destroy_contacts(
    *, batch: DestructionBatch, actor: User | None, today: datetime.date
) -> DestructionRecord | None:
    """Destroy the contacts due both when the batch was proposed and today (so a rule
    lengthened since keeps them), with their change history; record that it was done."""
    rule = _rule()
    due = contacts_due(today=min(today, batch.proposed_on)) & contacts_due(today=today)
    uuids = list(due.values_list("uuid", flat=True))
    if rule is None or not uuids:
        return None
    using = connection.alias
    with audit_deletion_allowed(reason="retention: contacts due", using=using):
        history = AuditEvent.objects.filter(Q(object_uuid__in=uuids) | Q(case_uuid__in=uuids))
        events = int(history._raw_delete(using))
    contacts = Referral.objects.filter(uuid__in=uuids).delete()[0]
    return record_destruction(
        batch=batch,
        rule=rule,
        rule_applied=f"{rule.get_record_type_display()}, with no case: kept {rule.period}",
        counts={"referrals.referral": contacts, "audit.auditevent": events},
        actor=actor,
        summary=f"{contacts} contact{'s' if contacts != 1 else ''} with no case destroyed "
        "under the retention schedule",
    )
