"""A case with something in every app, for tests that must reach all of a case: destroying
it, or finding everything held about one person on it.

It is the authorization matrix's filled case (tests/authz/world.py) plus the records that
world has no page for: a check and a meeting in the safety network, a safety plan in
testing with a check of its rule by the parent, and a strategy discussion's outcomes.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases.models import Case
from safetymap.meetings import outcomes as outcome_services
from safetymap.networks import selectors as network_selectors
from safetymap.networks import services as network_services
from safetymap.networks.models import NetworkMember
from safetymap.safety_plans import services as plan_services
from safetymap.safety_plans.models import SafetyPlan
from tests.authz.world import _fill, make_meeting


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
    strategy = make_meeting(case=case, kind="strategy_discussion", status="finished")
    outcome_services.decision_record(
        actor=worker,
        meeting=strategy,
        given=outcome_services.DecisionInput(
            rationale="Kian told his teacher Dad hit him with a belt", decided_on=today,
            outcomes=["section_47_enquiry", "police_investigation"],
        ),
    )  # fmt: skip
    return {**values, "member": in_network.case_member, "network_member": in_network}
