"""The demo council's safety networks: built through the services, varied, with gaps."""

from __future__ import annotations

import pytest

from safetymap.cases.models import Case
from safetymap.demo.generator import seed
from safetymap.demo.networks import NO_NETWORK_EVERY, add_networks
from safetymap.networks import selectors
from safetymap.networks.models import NetworkMember

pytestmark = pytest.mark.django_db


def test_most_cases_get_a_varied_network_and_some_have_gaps() -> None:
    result = seed(families=16, seed_value=7)
    built = add_networks(result.cases, seed_value=7)
    cases = Case.objects.all()
    with_network = selectors.annotate_network(cases).filter(network_size__gt=0)  # type: ignore[misc]
    assert built == with_network.count()
    assert len(result.cases) // NO_NETWORK_EVERY <= cases.count() - built  # some have none
    assert built >= len(result.cases) // 2
    members = NetworkMember.objects.select_related("case_member")
    assert all(member.case_member.case_id == member.case_id for member in members)
    assert {member.knowledge for member in members} == {"everything", "some", "nothing"}
    assert selectors.cases_with_uninformed_network(cases).exists()
    glances = [selectors.network_glance(case) for case in with_network]
    assert any(glance.unfilled_roles for glance in glances)
    # Some members are up to date with the danger statements as they are now.
    assert any(
        member.statements_seen_version and member not in glance.not_up_to_date
        for glance in glances
        for member in glance.members
    )
