"""Who may see a case: the policy and the list query must always agree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from safetymap.accounts.models import Role
from safetymap.cases.policies import access_basis, can_edit_case, can_view_case
from safetymap.cases.selectors import cases_visible_to
from tests.factories import AllocationFactory, CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_allocated_worker_team_and_manager_can_see_others_cannot():
    parent = TeamFactory()
    team = TeamFactory(parent=parent)
    case = CaseFactory(team=team)
    worker = AllocationFactory(case=case, worker__team=TeamFactory()).worker
    colleague = UserFactory(team=team)
    manager = UserFactory(team=team, role=Role.TEAM_MANAGER)
    head_of_service = UserFactory(team=parent, role=Role.TEAM_MANAGER)
    stranger = UserFactory()
    assert access_basis(worker, case) == "allocated worker"
    assert access_basis(colleague, case) == "team member"
    assert access_basis(manager, case) == "manager"
    assert access_basis(head_of_service, case) == "manager"
    assert access_basis(stranger, case) is None
    assert not cases_visible_to(stranger).exists()


def test_business_support_reads_but_cannot_edit():
    case = CaseFactory()
    support = UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)
    assert can_view_case(support, case) and not can_edit_case(support, case)
    assert can_edit_case(UserFactory(team=case.team), case)


def test_ended_allocation_gives_no_access():
    allocation = AllocationFactory(worker__team=TeamFactory())
    allocation.ended_on = allocation.started_on
    allocation.save()
    assert not can_view_case(allocation.worker, allocation.case)


def test_roles_without_a_relationship_see_nothing():
    case = CaseFactory()
    for role in (
        Role.CONFERENCE_CHAIR,
        Role.PRACTICE_LEAD,
        Role.PARTNER_PROFESSIONAL,
        Role.COUNCIL_ADMINISTRATOR,
    ):
        assert not can_view_case(UserFactory(team=case.team, role=role), case)


class PolicyAndQueryAgree(TestCase):
    """Random teams, roles and allocations: the queryset and the policy never disagree."""

    @settings(max_examples=25)
    @given(
        roles=st.lists(st.sampled_from(list(Role)), min_size=1, max_size=5),
        team_of_user=st.lists(st.integers(0, 2), min_size=5, max_size=5),
        team_of_case=st.lists(st.integers(0, 2), min_size=4, max_size=4),
        allocations=st.lists(
            st.tuples(st.integers(0, 4), st.integers(0, 3), st.booleans()), max_size=6
        ),
        parent_of_team_2=st.sampled_from([None, 0, 1]),
    )
    def test_agree(self, roles, team_of_user, team_of_case, allocations, parent_of_team_2):
        teams = [TeamFactory(), TeamFactory()]
        teams.append(
            TeamFactory(parent=teams[parent_of_team_2] if parent_of_team_2 is not None else None)
        )
        users = [
            UserFactory(role=role, team=teams[team_of_user[i]]) for i, role in enumerate(roles)
        ]
        cases = [CaseFactory(team=teams[t]) for t in team_of_case]
        for user_index, case_index, ended in allocations:
            if user_index < len(users):
                allocation = AllocationFactory(worker=users[user_index], case=cases[case_index])
                if ended:
                    allocation.ended_on = allocation.started_on
                    allocation.save()
        for user in users:
            visible = set(cases_visible_to(user).values_list("pk", flat=True))
            for case in cases:
                assert (case.pk in visible) == can_view_case(user, case), (user.role, case.team_id)
