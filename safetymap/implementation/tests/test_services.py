"""Supervision services: what they save, what they refuse, and the audit trail."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AuditEvent
from safetymap.implementation import selectors, services
from safetymap.implementation.models import GroupEntryKind
from safetymap.implementation.services import Action
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def record_supervision(case, worker, manager, **overrides):
    values = {
        "held_on": TODAY,
        "supervisor": manager,
        "worker": worker,
        "discussion": "Dad's drinking at weekends; Nan now collects Leah on Fridays.",
        "worker_score": Decimal(4),
        "worker_reason": "Nan is there every Friday now",
        "supervisor_score": Decimal(3),
        "supervisor_reason": "Nothing tested at weekends yet",
        "decisions": "Keep at child protection; review at core group.",
        "actions": [Action("Ask the school what Leah says at breakfast club", "Priya", TODAY)],
        "next_supervision_on": TODAY + datetime.timedelta(days=28),
        **overrides,
    }
    return services.case_supervision_record(actor=manager, case=case, **values)


def test_case_supervision_saves_actions_as_next_steps_on_the_map(case, worker, manager):
    supervision = record_supervision(case, worker, manager)
    step = supervision.actions.get()
    assert step.case == case and step.owner == "Priya"
    assert case.next_steps.filter(removed_at__isnull=True).get() == step
    summaries = set(
        AuditEvent.objects.filter(case_uuid=case.uuid).values_list("summary", flat=True)
    )
    assert {"Case supervision recorded", "Next step added"} <= summaries
    assert AuditEvent.objects.get(object_uuid=supervision.uuid, action="create").actor == manager


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"held_on": TODAY + datetime.timedelta(days=1)}, "today or in the past"),
        ({"next_supervision_on": TODAY}, "after this one"),
        ({"worker_score": Decimal(11)}, "0 to 10"),
        ({"worker_reason": " "}, "Say why the worker"),
        ({"discussion": ""}, "what was discussed"),
    ],
)
def test_case_supervision_refuses_bad_input_and_saves_nothing(
    case, worker, manager, overrides, message
):
    with pytest.raises(ValidationError, match=message):
        record_supervision(case, worker, manager, **overrides)
    assert not case.supervisions.exists() and not case.next_steps.exists()


def test_supervisor_and_worker_must_differ(case, worker, manager):
    with pytest.raises(ValidationError, match="different people"):
        record_supervision(case, worker, manager, supervisor=worker)


def test_group_supervision_names_everyone_once(case, worker, manager, lead, record_group):
    colleague = UserFactory(team=case.team)
    group = record_group(case, advisor=lead, participants=[colleague, worker, lead])
    assert list(group.participants.all()) == [colleague]
    assert services.group_members(group) == [worker, manager, lead, colleague]


def test_the_advisor_must_be_a_practice_lead(case, worker, manager, record_group):
    with pytest.raises(ValidationError, match="practice lead"):
        record_group(case, advisor=manager)


def test_the_groups_map_does_not_change_the_cases_map(case, worker, group):
    for kind in GroupEntryKind.values:
        services.group_entry_add(actor=worker, group_supervision=group, kind=kind, text="Dad")
    record = selectors.group_record(group)
    assert [len(entries) for _, _, entries in record.columns] == [1, 1, 1]
    assert len(record.ideas) == 1
    assert not case.map_items.exists() and not case.next_steps.exists()
    with pytest.raises(ValidationError):
        services.group_entry_add(actor=worker, group_supervision=group, kind="decision", text="x")


def test_each_participant_scales_with_a_reason(worker, lead, group, stranger):
    scale = services.group_scale_add(
        actor=worker, group_supervision=group, participant=lead, score=Decimal(5), reason="Nan"
    )
    assert scale.participant == lead
    with pytest.raises(ValidationError, match="took part"):
        services.group_scale_add(
            actor=worker, group_supervision=group, participant=stranger, score=5, reason="x"
        )
    with pytest.raises(ValidationError, match="Say why"):
        services.group_scale_add(
            actor=worker, group_supervision=group, participant=lead, score=Decimal(5), reason=""
        )


def test_only_a_team_manager_for_the_case_decides(case, worker, manager, lead, group):
    for someone in (worker, lead, UserFactory(role=Role.TEAM_MANAGER)):
        with pytest.raises(PermissionDenied):
            services.group_decision_add(actor=someone, group_supervision=group, decision="Yes")
    decision = services.group_decision_add(
        actor=manager,
        group_supervision=group,
        decision="Ask Nan to join the next core group",
        action=Action("Invite Nan to core group", "Priya", TODAY + datetime.timedelta(days=7)),
    )
    assert decision.decided_by == manager
    assert decision.next_step.case == case and decision.next_step.owner == "Priya"


def test_the_chronology_shows_the_summary_not_the_discussion(case, worker, manager, group):
    services.group_entry_add(
        actor=worker, group_supervision=group, kind="worry", text="Dad drove with Leah after drink"
    )
    services.group_summary_update(
        actor=worker,
        group_supervision=group,
        expected_version=group.version,
        summary="Brought to group supervision about weekends. Manager agreed a Friday plan.",
    )
    record_supervision(case, worker, manager)
    events = selectors.chronology_events(case)
    assert [event.kind for event in events] == ["supervision", "supervision"]
    group_event = next(e for e in events if e.summary == "Group supervision")
    assert group_event.detail.startswith("Brought to group supervision")
    assert all("drove" not in event.detail for event in events)


def test_a_stale_summary_is_refused(worker, group):
    from safetymap.core.versioning import StaleEditError

    services.group_summary_update(
        actor=worker, group_supervision=group, expected_version=group.version, summary="First"
    )
    with pytest.raises(StaleEditError):
        services.group_summary_update(
            actor=worker, group_supervision=group, expected_version=group.version, summary="Mine"
        )
