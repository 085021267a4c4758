"""The relationships implementation and meetings add to a case: practice leads on group
supervision, conference chairs. Read-only, limited, and agreed by policy and query."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from safetymap.accounts.models import Role
from safetymap.cases.policies import Basis, access_basis, can_edit_case
from safetymap.cases.selectors import cases_visible_to
from safetymap.cases.tests.test_policies import (
    WORLD,
    _restrict,
    assert_policy_and_query_agree,
    build_random_world,
)
from safetymap.implementation.models import GroupSupervision
from safetymap.meetings.access import chairs_meeting
from safetymap.meetings.models import MeetingStatus, MeetingType
from tests.factories import CaseFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_practice_lead_named_on_group_supervision_reads_the_case(case, lead, other_lead, group):
    assert access_basis(lead, case) == Basis.GROUP_SUPERVISION
    assert list(cases_visible_to(lead)) == [case]
    assert not can_edit_case(lead, case)
    # Another practice lead, and the same lead's view of other cases: nothing.
    assert access_basis(other_lead, case) is None
    assert access_basis(lead, CaseFactory()) is None


def test_participating_practice_leads_count_but_not_other_roles(case, other_lead, record_group):
    colleague_elsewhere = UserFactory(role=Role.PRACTITIONER)
    record_group(case, participants=[other_lead, colleague_elsewhere])
    assert access_basis(other_lead, case) == Basis.GROUP_SUPERVISION
    assert access_basis(colleague_elsewhere, case) is None


@override_settings(SAFETYMAP_PRACTICE_LEAD_ACCESS_DAYS=90)
def test_a_practice_leads_access_runs_out_after_the_set_days(case, lead, record_group):
    group = record_group(case, advisor=lead, days_ago=90)
    assert access_basis(lead, case) == Basis.GROUP_SUPERVISION
    GroupSupervision.objects.filter(pk=group.pk).update(
        held_on=timezone.localdate() - datetime.timedelta(days=91)
    )
    assert access_basis(lead, case) is None
    assert not cases_visible_to(lead).exists()


def test_removed_group_supervision_gives_no_access(case, lead, group):
    GroupSupervision.objects.filter(pk=group.pk).update(removed_at=timezone.now())
    assert access_basis(lead, case) is None


def test_no_basis_opens_a_restricted_record(case, lead, group):
    chair = UserFactory(role=Role.CONFERENCE_CHAIR)
    MeetingFactory(case=case, chair=chair, kind=MeetingType.INITIAL_CONFERENCE)
    _restrict(case, UserFactory())
    assert access_basis(lead, case) is None and access_basis(chair, case) is None
    assert not cases_visible_to(lead).exists() and not cases_visible_to(chair).exists()


def test_the_chair_of_a_conference_reads_only_that_childs_case(case):
    chair = UserFactory(role=Role.CONFERENCE_CHAIR)
    other = CaseFactory()
    meeting = MeetingFactory(case=case, chair=chair, kind=MeetingType.REVIEW_CONFERENCE)
    assert access_basis(chair, case) == Basis.CONFERENCE_CHAIR
    assert list(cases_visible_to(chair)) == [case]
    assert access_basis(chair, other) is None
    assert not can_edit_case(chair, case)
    assert chairs_meeting(chair, meeting)


@pytest.mark.parametrize(
    ("kind", "status", "role"),
    [
        (MeetingType.CORE_GROUP, MeetingStatus.PLANNED, Role.CONFERENCE_CHAIR),
        (MeetingType.INITIAL_CONFERENCE, MeetingStatus.CANCELLED, Role.CONFERENCE_CHAIR),
        (MeetingType.INITIAL_CONFERENCE, MeetingStatus.PLANNED, Role.PRACTICE_LEAD),
    ],
)
def test_no_chair_basis_for_other_meetings_cancelled_ones_or_other_roles(case, kind, status, role):
    chair = UserFactory(role=role)
    meeting = MeetingFactory(case=case, chair=chair, kind=kind, status=status)
    assert access_basis(chair, case) is None
    assert not chairs_meeting(chair, meeting)


# The random world of the cases' property test, with group supervision and conferences.
EXTRA = {
    "roles": st.lists(
        st.sampled_from([Role.PRACTICE_LEAD, Role.CONFERENCE_CHAIR, *Role]), min_size=1, max_size=5
    ),
    # (case, days ago, removed?, how the user is named, user)
    "supervisions": st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from([0, 30, 90, 91, 400]),
            st.booleans(),
            st.sampled_from(["advisor", "facilitator", "participant"]),
            st.integers(0, 4),
        ),
        max_size=4,
    ),
    # (chair, case, kind, status)
    "meetings": st.lists(
        st.tuples(
            st.integers(0, 4),
            st.integers(0, 3),
            st.sampled_from(list(MeetingType)),
            st.sampled_from(list(MeetingStatus)),
        ),
        max_size=4,
    ),
}


class PolicyAndQueryAgreeWithEveryBasis(TestCase):
    """The cases' property test, with practice leads and conference chairs added."""

    @settings(max_examples=40, deadline=None)
    @given(**{**WORLD, **EXTRA})
    def test_agree(self, supervisions, meetings, **drawn):
        users, cases, restrictions = build_random_world(**drawn)
        today = timezone.localdate()
        for case_index, days_ago, removed, named_as, user_index in supervisions:
            if user_index >= len(users):
                continue
            named = users[user_index]
            group = GroupSupervision.objects.create(
                case=cases[case_index],
                held_on=today - datetime.timedelta(days=days_ago),
                presenting_worker=users[0],
                facilitator=named if named_as == "facilitator" else users[0],
                advisor=named if named_as == "advisor" else None,
                question="Weekends",
                recorded_by=users[0],
                removed_at=timezone.now() if removed else None,
            )
            if named_as == "participant":
                group.participants.add(named)
        for user_index, case_index, kind, status in meetings:
            if user_index < len(users):
                MeetingFactory(
                    case=cases[case_index], chair=users[user_index], kind=kind, status=status
                )
        assert_policy_and_query_agree(users, cases, restrictions)
