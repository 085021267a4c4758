"""A case with something in every app, for tests that must reach all of a case: destroying
it, or finding everything held about one person on it.

It is the authorization matrix's filled case (tests/authz/world.py) plus the records that
world has no page for: a check and a meeting in the safety network, a safety plan in
testing with a check of its rule by the parent, a correction of the chronology entry that
names the parent, a closure the team manager reopened, and an action and invitations from
the case's meeting, and a strategy discussion's outcomes.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from safetymap.accounts.models import Role, User
from safetymap.cases import services as case_services
from safetymap.cases.models import Case, ChronologyEntry
from safetymap.meetings import outcomes as outcome_services
from safetymap.meetings import services as meeting_services
from safetymap.meetings.models import Meeting
from safetymap.networks import selectors as network_selectors
from safetymap.networks import services as network_services
from safetymap.networks.models import NetworkMember
from safetymap.referrals import services as referral_services
from safetymap.safety_plans import services as plan_services
from safetymap.safety_plans.models import SafetyPlan
from tests.authz.world import _fill, make_meeting, make_user


def populate_case(case: Case, worker: User) -> dict[str, Any]:
    """Fill every app for `case`; the values name what was made. `member` is the parent in
    the network the family pack was made for."""
    values = _fill(case, worker)
    today = timezone.localdate()
    in_network = NetworkMember.objects.get(uuid=values["network_member_uuid"])
    network_services.network_check_add(
        actor=worker, member=in_network, check_type=network_selectors.check_types()[0],
        checked_on=today, outcome="clear", checked_by="Police national computer team",
    )  # fmt: skip
    network_services.network_meeting_add(
        actor=worker, case=case, held_on=today, attendees=[in_network], staff=[worker],
        agreed="Nan collects Kian from school every day",
    )  # fmt: skip
    agreed = SafetyPlan.objects.get(uuid=values["plan_uuid"]).versions.get(number=1)
    testing = plan_services.plan_start_testing(
        actor=worker, plan_version=agreed, expected_version=None, started_on=today,
        testing_until=None,
    )  # fmt: skip
    plan_services.monitoring_check_record(
        actor=worker,
        rule=testing.rules.get(),
        checked_by=plan_services.Agreer(member=in_network.case_member),
        checked_on=today,
        outcome="followed",
    )
    parent = in_network.case_member.person.full_name
    case_services.chronology_entry_correct(
        actor=worker, entry=ChronologyEntry.objects.get(uuid=values["chronology_entry_uuid"]),
        happened_on=today, category="home_visit",
        what_happened=f"Saw Kian at home with {parent}", significance="Kian was calm and well fed",
        correction_reason="The entry did not say who was there",
    )  # fmt: skip
    _close_and_reopen(case, worker)
    meeting = Meeting.objects.get(uuid=values["meeting_uuid"])
    meeting_services.meeting_action_add(
        actor=worker, meeting=meeting,
        values={"action": "Mum to book the GP appointment", "owner": "Mum", "due_on": today},
    )  # fmt: skip
    meeting_services.meeting_invitations_send(actor=worker, meeting=meeting)
    strategy = make_meeting(case=case, kind="strategy_discussion", status="finished")
    outcome_services.decision_record(
        actor=worker,
        meeting=strategy,
        given=outcome_services.DecisionInput(
            rationale="Kian told his teacher Dad hit him with a belt", decided_on=today,
            outcomes=["section_47_enquiry", "police_investigation"],
        ),
    )  # fmt: skip
    referral = add_referral(case, worker)
    return {
        **values,
        "member": in_network.case_member,
        "network_member": in_network,
        "referral": referral,
    }


def _close_and_reopen(case: Case, worker: User) -> None:
    manager = make_user(team=case.team, role=Role.TEAM_MANAGER)
    today = timezone.localdate()
    closed = case_services.case_close(
        actor=manager, case=case, expected_version=None, closed_on=today, reason="needs_met",
        reason_words="The safety plan held for six months",
    )  # fmt: skip
    case_services.case_reopen(
        actor=manager, case=closed, expected_version=None, reopened_on=today,
        reason="School rang about a bruise", workers=[worker],
    )  # fmt: skip
    case.refresh_from_db()


def add_referral(case: Case, worker: User) -> Any:
    """A school's contact about the child, decided and recorded on the case."""
    child = case.child
    (referral,) = referral_services.referral_record(
        actor=worker,
        team=case.team,
        values={
            "method": "phone",
            "referrer_name": "Priya Lal",
            "referrer_role": "Designated safeguarding lead, Oakfield Primary",
            "referrer_relationship": "school",
            "referrer_contact": "01632 960111",
            "child_first_name": child.first_name,
            "child_last_name": child.last_name,
            "child_date_of_birth": child.date_of_birth,
            "worries": "He said Dad threw the remote at Mum and it hit him on the arm.",
            "going_well": "Mum brings him every day and talks to us.",
            "needs_to_happen": "Dad not at home until the police have spoken to him.",
            "referrer_scale": 3,
        },
    )
    referral = referral_services.referral_link_child(
        actor=worker, referral=referral, expected_version=None, person=child
    )
    return referral_services.referral_decide(
        actor=worker, referral=referral, expected_version=None,
        decision="assessment", reason="An injury from violence at home needs assessing.",
    )  # fmt: skip
