"""The demo council's safety plans (safetymap/demo/safety_plans.py): realistic plans on many
cases, tied to each case's own danger statements and people, tested over weeks."""

from __future__ import annotations

import pytest

from safetymap.cases.models import Case
from safetymap.demo.safety_plan_words import FALLBACK
from safetymap.demo.safety_plans import theme_for
from safetymap.mapping.models import DangerStatement
from safetymap.safety_plans import selectors
from safetymap.safety_plans.models import MonitoringCheck, PlanRule, PlanStatus, PlanVersion

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_council")]


def test_the_demo_has_plans_tested_over_weeks(demo_council: str) -> None:
    cases_with_plans = Case.objects.filter(safety_plans__isnull=False).distinct()
    assert cases_with_plans.count() >= 6

    statuses = set(PlanVersion.objects.values_list("status", flat=True))
    assert {PlanStatus.DRAFT, PlanStatus.AGREED, PlanStatus.TESTING} <= statuses

    for rule in PlanRule.objects.select_related("plan_version__plan", "danger_statement"):
        case_id = rule.plan_version.plan.case_id
        assert rule.danger_statement.case_id == case_id
        assert (
            rule.child_words and rule.adult_words and "{" not in rule.adult_words + rule.child_words
        )
        assert all(m.case_id == case_id for m in rule.responsible_members.all())
        assert rule.responsible_members.exists() or rule.responsible_staff.exists()

    weeks = MonitoringCheck.objects.values("rule").distinct().count()
    assert weeks > 5 and MonitoringCheck.objects.values("checked_on").distinct().count() >= 3
    flagged = selectors.annotate_plans_needing_attention(Case.objects.all())
    assert any(case.plans_needing_attention for case in flagged)  # type: ignore[attr-defined]


def test_every_demo_worry_has_its_own_rules(demo_council: str) -> None:
    for statement in DangerStatement.objects.filter(removed_at__isnull=True):
        assert theme_for(statement) is not FALLBACK, statement.statement
