"""Case services: opening, people, service levels — each audited, each checked."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases import services
from safetymap.cases.models import CaseMember, ServiceLevelChange
from safetymap.core.versioning import StaleEditError
from tests.factories import CaseFactory, CaseMemberFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_opening_a_case_records_child_level_and_allocation():
    team = TeamFactory()
    worker = UserFactory(team=team)
    case = services.case_open(
        actor=worker,
        child={
            "first_name": "Kian",
            "last_name": "Doyle",
            "date_of_birth": datetime.date(2022, 5, 1),
        },
        team=team,
        service_level="child_in_need",
        opened_on=TODAY,
        reason="Referral from nursery",
        workers=[worker],
    )
    assert case.child.full_name == "Kian Doyle" and case.reference.startswith("SM-")
    assert case.level_changes.get().direction == "opened"
    assert case.allocations.get().worker == worker
    assert AuditEvent.objects.filter(case_uuid=case.uuid).count() >= 2


def test_allocating_the_same_worker_twice_is_refused():
    case = CaseFactory()
    worker = UserFactory(team=case.team)
    services.allocation_add(actor=worker, case=case, worker=worker, started_on=TODAY)
    with pytest.raises(ValidationError):
        services.allocation_add(actor=worker, case=case, worker=worker, started_on=TODAY)


def test_stepping_up_records_the_change_and_keeps_history():
    case = CaseFactory(service_level="child_in_need")
    worker = UserFactory(team=case.team)
    updated = services.case_change_service_level(
        actor=worker, case=case, expected_version=1, to_level="child_protection",
        changed_on=TODAY, reason="Initial conference decided on a plan",
    )  # fmt: skip
    assert updated.service_level == "child_protection" and updated.version == 2
    change = ServiceLevelChange.objects.get(case=case)
    assert (change.from_level, change.to_level, change.direction) == (
        "child_in_need",
        "child_protection",
        "step up",
    )
    event = AuditEvent.objects.filter(object_uuid=case.uuid, action="update").get()
    assert event.changes["service_level"] == {"old": "child_in_need", "new": "child_protection"}


@pytest.mark.parametrize(
    ("to_level", "reason", "days", "message"),
    [
        ("child_in_need", "Same level", 0, "already at that service level"),
        ("early_help", "   ", 0, "Enter the reason"),
        ("early_help", "Too early", -400, "on or after the case opened"),
    ],
)
def test_bad_level_changes_change_nothing(to_level, reason, days, message):
    case = CaseFactory(service_level="child_in_need")
    with pytest.raises(ValidationError, match=message):
        services.case_change_service_level(
            actor=UserFactory(), case=case, expected_version=1, to_level=to_level,
            changed_on=TODAY + datetime.timedelta(days=days), reason=reason,
        )  # fmt: skip
    case.refresh_from_db()
    assert case.service_level == "child_in_need" and not case.level_changes.exists()


def test_stale_level_change_is_refused():
    case = CaseFactory(service_level="child_in_need", version=3)
    with pytest.raises(StaleEditError):
        services.case_change_service_level(
            actor=UserFactory(), case=case, expected_version=2, to_level="early_help",
            changed_on=TODAY, reason="Stepping down",
        )  # fmt: skip
    assert not case.level_changes.exists()


def test_people_are_added_changed_and_removed_with_audit():
    case = CaseFactory()
    worker = UserFactory(team=case.team)
    member = services.case_member_add(
        actor=worker,
        case=case,
        person={"first_name": "Pat", "last_name": "Doyle", "role": "hacker"},
        membership={"relationship": "grandparent", "lives_with_child": False, "removed_at": TODAY},
    )
    assert member.person.full_name == "Pat Doyle" and member.removed_at is None
    updated = services.case_member_update(
        actor=worker, member=member, expected_version=1,
        person={"phone": "07700 900123"}, membership={},
    )  # fmt: skip
    assert updated.version == 2 and updated.person.phone == "07700 900123"
    with pytest.raises(StaleEditError):
        services.case_member_update(
            actor=worker, member=member, expected_version=1, person={"phone": "0"}, membership={}
        )
    services.case_member_remove(actor=worker, member=updated, expected_version=2)
    assert CaseMember.objects.get(pk=member.pk).removed_at is not None
    actions = set(AuditEvent.objects.filter(case_uuid=case.uuid).values_list("action", flat=True))
    assert actions == {"create", "update", "remove"}


def test_child_details_change_with_version_check():
    case = CaseFactory()
    worker = UserFactory(team=case.team)
    services.child_update(actor=worker, case=case, expected_version=1, child={"known_as": "Kiki"})
    case.child.refresh_from_db()
    assert case.child.known_as == "Kiki"
    with pytest.raises(StaleEditError):
        services.child_update(actor=worker, case=case, expected_version=1, child={"known_as": "K"})


def test_recording_a_view_needs_a_relationship():
    member = CaseMemberFactory()
    case = member.case
    colleague = UserFactory(team=case.team)
    assert services.case_record_view(actor=colleague, case=case, what="Overview") == "team member"
    assert AccessEvent.objects.get(case_uuid=case.uuid).actor == colleague
    with pytest.raises(PermissionError):
        services.case_record_view(actor=UserFactory(), case=case, what="Overview")


def test_allocation_and_child_changes_are_audited():
    case = CaseFactory()
    worker = UserFactory(team=case.team)
    allocation = services.allocation_add(actor=worker, case=case, worker=worker, started_on=TODAY)
    event = AuditEvent.objects.get(object_uuid=allocation.uuid, action="create")
    assert event.actor == worker and event.case_uuid == case.uuid
    services.child_update(actor=worker, case=case, expected_version=1, child={"gender": "Male"})
    change = AuditEvent.objects.get(object_uuid=case.child.uuid, action="update")
    assert change.changes["gender"]["new"] == "Male" and change.case_uuid == case.uuid
