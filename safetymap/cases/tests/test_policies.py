"""Who may see a case: the policy and the list query must always agree."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from safetymap.accounts.models import Role
from safetymap.cases.models import (
    BreakGlassGrant,
    CaseRestriction,
    CaseShare,
    RestrictionAllowedUser,
)
from safetymap.cases.policies import (
    EDITING_BASES,
    Basis,
    access_bases,
    access_basis,
    can_edit_case,
    can_view_case,
)
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


def _restrict(case, *allowed, active=True):
    restriction = CaseRestriction.objects.create(
        case=case,
        active=active,
        reason="The child's mother works in children's services",
        review_on=timezone.localdate() + datetime.timedelta(days=90),
        set_by=UserFactory(role=Role.COUNCIL_ADMINISTRATOR),
    )
    for user in allowed:
        RestrictionAllowedUser.objects.create(
            restriction=restriction, user=user, added_by=restriction.set_by
        )
    return restriction


def test_a_restricted_record_opens_only_for_its_allow_list():
    parent = TeamFactory()
    case = CaseFactory(team=TeamFactory(parent=parent))
    worker = AllocationFactory(case=case, worker__team=case.team).worker
    manager = UserFactory(team=case.team, role=Role.TEAM_MANAGER)
    head = UserFactory(team=parent, role=Role.TEAM_MANAGER)
    colleague = UserFactory(team=case.team)
    specialist = UserFactory()  # no ordinary relationship at all
    _restrict(case, worker, head, specialist)
    assert access_basis(worker, case) == Basis.RESTRICTED_ALLOW_LIST
    assert access_basis(head, case) == Basis.RESTRICTED_ALLOW_LIST
    # The allow-list alone is enough: no ordinary relationship is needed.
    assert access_basis(specialist, case) == Basis.RESTRICTED_ALLOW_LIST
    assert can_edit_case(specialist, case)
    for outsider in (manager, colleague):
        assert access_basis(outsider, case) is None
        assert not cases_visible_to(outsider).filter(pk=case.pk).exists()
    assert set(cases_visible_to(specialist)) == {case}


def test_a_lifted_restriction_or_a_removed_allowance_counts_for_nothing():
    case = CaseFactory()
    colleague = UserFactory(team=case.team)
    stranger = UserFactory()
    restriction = _restrict(case, stranger, active=False)
    assert access_basis(colleague, case) == Basis.TEAM
    assert access_basis(stranger, case) is None  # the allow-list only matters while restricted
    restriction.active = True
    restriction.save()
    assert access_basis(stranger, case) == Basis.RESTRICTED_ALLOW_LIST
    RestrictionAllowedUser.objects.filter(user=stranger).update(removed_at=timezone.now())
    assert access_basis(stranger, case) is None


def test_emergency_access_is_read_only_and_runs_out():
    case = CaseFactory()
    duty = UserFactory()
    now = timezone.now()
    grant = BreakGlassGrant.objects.create(
        case=case,
        user=duty,
        reason="Police called",
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=8),
    )
    assert access_basis(duty, case) == Basis.BREAK_GLASS
    assert list(cases_visible_to(duty)) == [case]
    assert not can_edit_case(duty, case)
    grant.expires_at = now - datetime.timedelta(seconds=1)
    grant.save()
    assert access_basis(duty, case) is None
    assert not cases_visible_to(duty).exists()


def test_no_emergency_access_or_share_into_a_restricted_record():
    case = CaseFactory()
    duty = UserFactory()
    partner = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)
    now = timezone.now()
    BreakGlassGrant.objects.create(
        case=case, user=duty, reason="x", expires_at=now + datetime.timedelta(hours=1)
    )
    CaseShare.objects.create(case=case, partner=partner, shared_by=duty)
    _restrict(case, UserFactory())
    assert access_basis(duty, case) is None and access_basis(partner, case) is None


def test_a_share_gives_partners_read_only_access_until_it_ends():
    case = CaseFactory()
    partner = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)
    share = CaseShare.objects.create(case=case, partner=partner, shared_by=UserFactory())
    assert access_basis(partner, case) == Basis.SHARED
    assert not can_edit_case(partner, case)
    share.ended_at = timezone.now()
    share.save()
    assert access_basis(partner, case) is None


# The random world of the property test: other apps' tests reuse it with their own
# relationships added (for instance safetymap/implementation/tests/test_access.py).
WORLD = {
    "roles": st.lists(st.sampled_from(list(Role)), min_size=1, max_size=5),
    "team_of_user": st.lists(st.integers(0, 2), min_size=5, max_size=5),
    "team_of_case": st.lists(st.integers(0, 2), min_size=4, max_size=4),
    "allocations": st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 3), st.booleans()), max_size=6
    ),
    "parent_of_team_2": st.sampled_from([None, 0, 1]),
    # (case, still restricted?)
    "restrictions": st.lists(st.tuples(st.integers(0, 3), st.booleans()), max_size=3),
    # (user, case, taken off the list since?)
    "allow_list": st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 3), st.booleans()), max_size=5
    ),
    # (user, case, "running" | "run out" | "ended")
    "grants": st.lists(
        st.tuples(
            st.integers(0, 4), st.integers(0, 3), st.sampled_from(["running", "out", "ended"])
        ),
        max_size=4,
    ),
    # (user, case, ended?)
    "shares": st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3), st.booleans()), max_size=4),
}


def build_random_world(
    *,
    roles,
    team_of_user,
    team_of_case,
    allocations,
    parent_of_team_2,
    restrictions,
    allow_list,
    grants,
    shares,
):
    """Users, cases and the restriction rows (by case index) of one drawn world."""
    teams = [TeamFactory(), TeamFactory()]
    teams.append(
        TeamFactory(parent=teams[parent_of_team_2] if parent_of_team_2 is not None else None)
    )
    users = [UserFactory(role=role, team=teams[team_of_user[i]]) for i, role in enumerate(roles)]
    cases = [CaseFactory(team=teams[t]) for t in team_of_case]
    for user_index, case_index, ended in allocations:
        if user_index < len(users):
            allocation = AllocationFactory(worker=users[user_index], case=cases[case_index])
            if ended:
                allocation.ended_on = allocation.started_on
                allocation.save()
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    restriction_rows = {}
    for case_index, active in restrictions:
        if case_index not in restriction_rows:
            restriction_rows[case_index] = CaseRestriction.objects.create(
                case=cases[case_index],
                active=active,
                reason="Staff member's family",
                review_on=now.date() + datetime.timedelta(days=90),
                set_by=users[0],
            )
    allowed_now: set[tuple[int, int]] = set()  # one current allowance per user and case
    for user_index, case_index, removed in allow_list:
        restriction = restriction_rows.get(case_index)
        if not removed and (user_index, case_index) in allowed_now:
            continue
        if not removed:
            allowed_now.add((user_index, case_index))
        if user_index < len(users) and restriction is not None:
            RestrictionAllowedUser.objects.create(
                restriction=restriction,
                user=users[user_index],
                added_by=users[0],
                removed_at=now if removed else None,
            )
    for user_index, case_index, state in grants:
        if user_index < len(users):
            BreakGlassGrant.objects.create(
                case=cases[case_index],
                user=users[user_index],
                reason="Police called out of hours",
                granted_at=now - 9 * hour if state == "out" else now - hour,
                expires_at=now - hour if state == "out" else now + 7 * hour,
                ended_at=now - hour / 2 if state == "ended" else None,
            )
    for user_index, case_index, ended in shares:
        if (
            user_index < len(users)
            and not CaseShare.objects.filter(
                case=cases[case_index], partner=users[user_index], ended_at__isnull=True
            ).exists()
        ):
            CaseShare.objects.create(
                case=cases[case_index],
                partner=users[user_index],
                shared_by=users[0],
                ended_at=now if ended else None,
            )
    return users, cases, restriction_rows


def assert_policy_and_query_agree(users, cases, restriction_rows):
    for user in users:
        visible = set(cases_visible_to(user).values_list("pk", flat=True))
        bases = access_bases(user, cases)
        for case in cases:
            assert (case.pk in visible) == can_view_case(user, case), (user.role, case.pk)
            assert (case.pk in visible) == (case.pk in bases)
            if case.pk in bases and can_edit_case(user, case):
                assert bases[case.pk] in EDITING_BASES
            restriction = restriction_rows.get(cases.index(case))
            if restriction is not None and restriction.active and case.pk in bases:
                assert bases[case.pk] == Basis.RESTRICTED_ALLOW_LIST


class PolicyAndQueryAgree(TestCase):
    """Random teams, roles, allocations, restrictions and their allow-lists, emergency access
    (running, run out and ended) and shares: the queryset and the policy never disagree."""

    @settings(max_examples=40, deadline=None)
    @given(**WORLD)
    def test_agree(self, **drawn):
        assert_policy_and_query_agree(*build_random_world(**drawn))
