"""The demo council's supervision: case supervision on many cases, group supervision on
several with the demo practice lead advising, each part written through the services."""

from __future__ import annotations

import pytest

from safetymap.accounts.models import Role
from safetymap.cases.policies import Basis, access_basis
from safetymap.demo.generator import seed
from safetymap.demo.supervision import GROUP_CASES, add_supervision
from safetymap.implementation import selectors
from safetymap.implementation.models import CaseSupervision, GroupSupervision

pytestmark = pytest.mark.django_db


def test_cases_get_supervision_and_the_practice_lead_advises_group_supervision() -> None:
    result = seed(families=16, seed_value=7)
    supervised = add_supervision(result.cases, seed_value=7)
    assert supervised >= len(result.cases) // 2
    assert CaseSupervision.objects.count() >= len(result.cases) // 3
    groups = list(GroupSupervision.objects.select_related("advisor", "case"))
    assert 1 <= len(groups) <= GROUP_CASES
    for group in groups:
        lead = group.advisor
        assert lead is not None and lead.role == Role.PRACTICE_LEAD
        assert access_basis(lead, group.case) == Basis.GROUP_SUPERVISION
        record = selectors.group_record(group)
        assert all(entries for _, _, entries in record.columns)
        assert record.ideas and record.scales and record.decisions
        assert group.summary.startswith("Brought to group supervision")
        assert record.decisions[0].decided_by.role == Role.TEAM_MANAGER
