"""Writing the safety network: members, roles, seen statements, agreements, checks, meetings."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safetymap.audit.models import AuditEvent
from safetymap.cases.models import CaseMember
from safetymap.core.versioning import StaleEditError
from safetymap.mapping.models import MapVersion
from safetymap.networks import selectors, services
from safetymap.networks.models import NetworkMember, NetworkRole, VersionStatement
from tests.factories import CaseFactory, CaseMemberFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_adding_someone_already_on_the_case_records_who_did_it(case, worker, add_member):
    member = add_member(case, roles=["safe_adult", "daily_check"])
    assert member.case_member.case == case
    assert {r.role for r in selectors.member_roles(member)} == {"safe_adult", "daily_check"}
    summaries = set(
        AuditEvent.objects.filter(case_uuid=case.uuid).values_list("summary", flat=True)
    )
    assert f"{member.person.full_name} added to the safety network" in summaries
    assert AuditEvent.objects.filter(object_type="networks.networkrole", actor=worker).count() == 2


def test_adding_someone_new_adds_them_to_the_case_too(case, worker):
    member = services.network_member_add(
        actor=worker,
        case=case,
        case_member=None,
        new_person={
            "person": {"first_name": "Denise", "last_name": "Okafor"},
            "membership": {"relationship": "neighbour", "relationship_detail": "Next door"},
        },
        values={"knowledge": "some"},
        roles=["emergency_contact"],
    )
    on_case = CaseMember.objects.get(case=case, person__first_name="Denise")
    assert member.case_member == on_case
    assert on_case.relationship == "neighbour"


def test_someone_is_in_the_network_once(case, add_member):
    member = add_member(case)
    with pytest.raises(ValidationError, match="already in the safety network"):
        services.network_member_add(
            actor=member.case.allocations.get().worker,
            case=case,
            case_member=member.case_member,
            values={"knowledge": "some"},
        )


def test_a_person_from_another_case_is_refused(case, worker):
    elsewhere = CaseMemberFactory(case=CaseFactory())
    with pytest.raises(ValidationError, match="not on this case"):
        services.network_member_add(
            actor=worker, case=case, case_member=elsewhere, values={"knowledge": "some"}
        )
    assert not NetworkMember.objects.exists()


def test_other_role_needs_a_description_and_nothing_is_saved(case, worker):
    person = CaseMemberFactory(case=case)
    with pytest.raises(ValidationError, match="Describe the other role"):
        services.network_member_add(
            actor=worker, case=case, case_member=person, values={"knowledge": "some"},
            roles=["other"],
        )  # fmt: skip
    assert not NetworkMember.objects.exists()


def test_changing_roles_adds_removes_and_rewords(case, worker, add_member):
    member = add_member(case, roles=["safe_adult", "other"], other_role="Football on Saturdays")
    updated = services.network_member_update(
        actor=worker,
        member=member,
        expected_version=member.version,
        values={"knowledge": "everything"},
        roles=["transport", "other"],
        other_role="Swimming on Fridays",
    )
    roles = {r.role: r.label for r in selectors.member_roles(updated)}
    assert roles == {"transport": "Transport", "other": "Swimming on Fridays"}
    assert NetworkRole.objects.filter(role="safe_adult", removed_at__isnull=False).exists()
    # Only roles changed, yet the version moved on, so a second stale form is refused.
    assert updated.version == member.version + 1
    with pytest.raises(StaleEditError):
        services.network_member_update(
            actor=worker, member=member, expected_version=member.version,
            values={"knowledge": "nothing"}, roles=[],
        )  # fmt: skip


def test_recording_seen_statements_indexes_the_version_once(
    case, worker, add_member, add_statement, save_version
):
    add_statement(case)
    version = save_version(case)
    member = add_member(case)
    for _ in range(2):
        member = services.network_member_record_seen(
            actor=worker, member=member, expected_version=member.version, version=version,
            seen_on=TODAY(),
        )  # fmt: skip
    assert member.statements_seen_version == version
    assert VersionStatement.objects.filter(map_version=version).count() == 1


def test_seen_refuses_a_version_of_another_case_and_future_dates(
    case, worker, add_member, save_version
):
    member = add_member(case)
    other = save_version(CaseFactory())
    with pytest.raises(ValidationError, match="not this child's"):
        services.network_member_record_seen(
            actor=worker, member=member, expected_version=None, version=other, seen_on=TODAY()
        )
    mine = save_version(case)
    with pytest.raises(ValidationError, match="today or in the past"):
        services.network_member_record_seen(
            actor=worker, member=member, expected_version=None, version=mine,
            seen_on=TODAY() + datetime.timedelta(days=1),
        )  # fmt: skip


def test_statements_version_now_reuses_a_matching_version_or_saves_one(
    case, worker, add_statement, save_version
):
    with pytest.raises(ValidationError, match="no danger statements"):
        services.statements_version_now(actor=worker, case=case)
    add_statement(case)
    first = services.statements_version_now(actor=worker, case=case)
    assert first.number == 1 and first.note == services.SAVED_FOR_NETWORK
    save_version(case)  # version 2, same statements
    assert services.statements_version_now(actor=worker, case=case).number == 2
    add_statement(case, "Mum leaves Kian alone at night")
    assert services.statements_version_now(actor=worker, case=case).number == 3
    assert MapVersion.objects.filter(case=case).count() == 3


def test_agreement_and_its_stale_edit(case, worker, add_member):
    member = add_member(case)
    agreed = services.network_member_record_agreement(
        actor=worker, member=member, expected_version=member.version, agreed_on=TODAY()
    )
    assert agreed.agreed_on == TODAY()
    with pytest.raises(StaleEditError):
        services.network_member_record_agreement(
            actor=worker, member=member, expected_version=member.version, agreed_on=TODAY()
        )


def test_checks_must_be_ones_the_council_asks_for(case, worker, add_member, settings):
    settings.SAFETYMAP_NETWORK_ROLE_CHECKS = {"transport": ["Driving licence seen"]}
    member = add_member(case, roles=["transport"])
    with pytest.raises(ValidationError, match="not a check the council asks for"):
        services.network_check_add(
            actor=worker, member=member, check_type="DBS check", checked_on=TODAY(),
            outcome="clear", checked_by="Sam",
        )  # fmt: skip
    check = services.network_check_add(
        actor=worker, member=member, check_type="Driving licence seen", checked_on=TODAY(),
        outcome="clear", checked_by=" Sam Patel ", notes="Insured for business use",
    )  # fmt: skip
    assert check.checked_by == "Sam Patel" and check.recorded_by == worker


def test_meeting_that_went_through_statements_updates_who_came(
    case, worker, add_member, add_statement
):
    add_statement(case)
    came = add_member(case, first_name="Maureen")
    stayed_away = add_member(case, first_name="Tony")
    meeting = services.network_meeting_add(
        actor=worker,
        case=case,
        held_on=TODAY(),
        attendees=[came],
        staff=[worker],
        agreed="Maureen will pick Kian up from school every weekday.",
        saw_statements=True,
    )
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert came.statements_seen_version == meeting.statements_version
    assert came.statements_seen_on == TODAY()
    assert stayed_away.statements_seen_version is None
    assert list(meeting.staff.all()) == [worker]
    assert AuditEvent.objects.filter(object_uuid=meeting.uuid).count() == 2


def test_an_older_meeting_does_not_undo_a_later_seen_date(
    case, worker, add_member, add_statement, save_version
):
    add_statement(case)
    version = save_version(case)
    member = add_member(case)
    member = services.network_member_record_seen(
        actor=worker, member=member, expected_version=None, version=version, seen_on=TODAY()
    )
    services.network_meeting_add(
        actor=worker, case=case, held_on=TODAY() - datetime.timedelta(days=30),
        attendees=[member], staff=[], agreed="Sunday visits stay at Gran's.", saw_statements=True,
    )  # fmt: skip
    member.refresh_from_db()
    assert member.statements_seen_on == TODAY()


def test_meeting_refuses_people_from_another_network(case, worker, add_member):
    elsewhere = add_member(CaseFactory())
    with pytest.raises(ValidationError, match="Only people in this child's safety network"):
        services.network_meeting_add(
            actor=worker, case=case, held_on=TODAY(), attendees=[elsewhere], staff=[],
            agreed="Agreed",
        )  # fmt: skip
