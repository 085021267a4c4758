import uuid

import pytest

from safetymap.audit.models import AccessEvent, AppendOnlyError, AuditEvent
from safetymap.audit.services import access_record, audit_record
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_audit_rows_cannot_be_changed_or_deleted():
    case = CaseFactory()
    event = audit_record(actor=None, action="create", target=case, changes={}, case_uuid=case.uuid)
    event.summary = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == ""


def test_access_rows_cannot_be_changed_or_deleted():
    event = access_record(
        actor=UserFactory(), case_uuid=uuid.uuid4(), what="Overview", basis="team member"
    )
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AccessEvent.objects.count() == 1
