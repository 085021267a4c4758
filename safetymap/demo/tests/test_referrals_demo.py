"""The demo council's front door: opening contacts on cases, re-referrals, contacts with no
case, and some waiting for a decision, all through the referrals services."""

from __future__ import annotations

import pytest

from safetymap.accounts.models import User
from safetymap.demo.generator import seed
from safetymap.demo.referrals import NEW_CHILDREN, RE_REFERRED, add_referrals
from safetymap.referrals import selectors
from safetymap.referrals.models import Decision, Referral

pytestmark = pytest.mark.django_db


def test_the_demo_front_door_has_every_kind_of_contact() -> None:
    result = seed(families=8, seed_value=3)
    add_referrals(result.cases, seed_value=3)

    opening = Referral.objects.filter(case__in=result.cases)
    assert opening.count() == len(result.cases[::2])
    for referral in opening.select_related("case"):
        assert referral.case is not None and referral.decided_at is not None
        assert referral.decided_at.date() == referral.case.opened_on
        assert referral.child == referral.case.child

    again = Referral.objects.filter(is_re_referral=True)
    assert again.count() == len(RE_REFERRED)
    assert again.filter(decision=Decision.ASSESSMENT, case__service_level="child_in_need").exists()
    assert again.filter(decided_at__isnull=True).exists()

    no_case = Referral.objects.filter(case__isnull=True, decided_at__isnull=False)
    assert set(no_case.values_list("decision", flat=True)) == {"advice", "no_further_action"}
    practitioner = User.objects.get(username="practitioner")
    waiting = selectors.awaiting_decision(practitioner)
    assert waiting.count() == sum(1 for s in NEW_CHILDREN + RE_REFERRED if not s.decision)
    assert all("{child}" not in r.worries for r in Referral.objects.all())
