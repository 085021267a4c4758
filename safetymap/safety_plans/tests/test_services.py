"""Plans through their statuses: drafting, agreement, testing, new versions, checks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from safetymap.audit.models import AuditEvent
from safetymap.core.versioning import StaleEditError
from safetymap.safety_plans import selectors, services
from safetymap.safety_plans.models import CheckOutcome, PlanAgreement, PlanRule, PlanStatus
from safetymap.safety_plans.services import Agreer, repeatedly_not_followed
from safetymap.safety_plans.tests.conftest import TODAY, rule_values
from tests.factories import CaseMemberFactory, DangerStatementFactory

pytestmark = pytest.mark.django_db

F, P, N = CheckOutcome.FOLLOWED, CheckOutcome.PARTLY, CheckOutcome.NOT_FOLLOWED


def check(worker, rule, outcome, days_ago=0):
    return services.monitoring_check_record(
        actor=worker,
        rule=rule,
        checked_by=Agreer(staff=worker),
        checked_on=TODAY - datetime.timedelta(days=days_ago),
        outcome=outcome,
        notes="Gran rang at 7pm.",
    )


def test_a_new_plan_is_a_numbered_draft_and_audited(case, worker):
    first = services.safety_plan_create(actor=worker, case=case, kind="immediate", title="Now")
    second = services.safety_plan_create(actor=worker, case=case, kind="long_term", title="Later")
    assert (first.plan.number, second.plan.number) == (1, 2)
    assert first.status == PlanStatus.DRAFT and first.number == 1
    assert (
        AuditEvent.objects.filter(
            case_uuid=case.uuid, object_type="safety_plans.safetyplan"
        ).count()
        == 2
    )


def test_rules_are_added_in_order_and_moved(draft, worker, statement):
    services.plan_line_add(
        actor=worker,
        plan_version=draft,
        kind="rules",
        values=rule_values(statement, adult_words="Second"),
    )
    second = PlanRule.objects.get(plan_version=draft, adult_words="Second")
    services.plan_line_move(actor=worker, line=second, up=True)
    assert PlanRule.objects.filter(plan_version=draft).order_by("position").first() == second
    services.plan_line_move(actor=worker, line=second, up=True)  # already first: no change
    assert PlanRule.objects.filter(plan_version=draft).order_by("position").first() == second


def test_a_rule_must_use_this_cases_danger_statement(draft, worker):
    elsewhere = DangerStatementFactory()
    with pytest.raises(ValidationError):
        services.plan_line_add(
            actor=worker, plan_version=draft, kind="rules", values=rule_values(elsewhere)
        )


def test_people_responsible_must_be_on_the_case(draft, worker, statement):
    outsider = CaseMemberFactory()
    with pytest.raises(ValidationError):
        services.plan_line_add(
            actor=worker, plan_version=draft, kind="rules", values=rule_values(statement, outsider)
        )


def test_a_stale_rule_edit_is_refused(draft, worker):
    rule = PlanRule.objects.get(plan_version=draft)
    services.plan_line_update(
        actor=worker, line=rule, expected_version=rule.version, values={"how_often": "Twice a day"}
    )
    with pytest.raises(StaleEditError):
        services.plan_line_update(
            actor=worker, line=rule, expected_version=rule.version, values={"how_often": "Weekly"}
        )
    rule.refresh_from_db()
    assert rule.how_often == "Twice a day"


def test_a_plan_needs_a_rule_and_a_person_to_be_agreed(case, worker, gran):
    empty = services.safety_plan_create(actor=worker, case=case, kind="immediate", title="Empty")
    with pytest.raises(ValidationError, match="at least one rule"):
        services.plan_agree(
            actor=worker, plan_version=empty, expected_version=empty.version,
            agreers=[Agreer(member=gran)], agreed_on=TODAY,
        )  # fmt: skip


def test_agreeing_records_each_person_with_a_date(draft, worker, gran):
    agreed = services.plan_agree(
        actor=worker,
        plan_version=draft,
        expected_version=draft.version,
        agreers=[Agreer(member=gran), Agreer(staff=worker)],
        agreed_on=TODAY,
    )
    assert agreed.status == PlanStatus.AGREED and agreed.agreed_on == TODAY
    later = TODAY + datetime.timedelta(days=1)
    mum = CaseMemberFactory(case=draft.plan.case, relationship="mother")
    services.plan_agree(
        actor=worker, plan_version=agreed, expected_version=agreed.version,
        agreers=[Agreer(member=mum), Agreer(member=gran)], agreed_on=later,
    )  # fmt: skip
    dates = {a.who: a.agreed_on for a in PlanAgreement.objects.filter(plan_version=draft)}
    assert len(dates) == 3 and dates[str(mum)] == later and dates[str(gran)] == TODAY


def test_a_draft_cannot_be_agreed_from_a_stale_page(draft, worker, gran):
    with pytest.raises(StaleEditError):
        services.plan_agree(
            actor=worker, plan_version=draft, expected_version=draft.version - 1 or 99,
            agreers=[Agreer(member=gran)], agreed_on=TODAY,
        )  # fmt: skip
    assert not PlanAgreement.objects.exists()


def test_changing_an_agreed_plan_starts_a_new_draft_that_replaces_it_when_agreed(
    testing, worker, gran, statement
):
    old_rule = PlanRule.objects.get(plan_version=testing)
    new = services.plan_new_draft(actor=worker, plan_version=testing)
    assert new.number == 2 and new.based_on == testing and new.status == PlanStatus.DRAFT
    copied = PlanRule.objects.get(plan_version=new)
    assert copied.lineage == old_rule.lineage and list(copied.responsible_members.all()) == [gran]
    with pytest.raises(ValidationError):  # only one draft at a time
        services.plan_new_draft(actor=worker, plan_version=testing)
    testing.refresh_from_db()
    assert testing.status == PlanStatus.TESTING  # still in force while the draft is worked on
    with pytest.raises(ValidationError):  # the agreed version itself is frozen
        services.plan_line_update(
            actor=worker,
            line=old_rule,
            expected_version=old_rule.version,
            values={"how_often": "x"},
        )
    services.plan_agree(
        actor=worker, plan_version=new, expected_version=new.version,
        agreers=[Agreer(member=gran)], agreed_on=TODAY,
    )  # fmt: skip
    testing.refresh_from_db()
    assert testing.status == PlanStatus.REPLACED and testing.replaced_on == TODAY
    assert selectors.current_plan(testing.plan.case).number == 2


def test_testing_and_completion_follow_the_statuses(draft, worker, gran):
    with pytest.raises(ValidationError):
        services.plan_start_testing(
            actor=worker, plan_version=draft, expected_version=draft.version,
            started_on=TODAY, testing_until=None,
        )  # fmt: skip
    agreed = services.plan_agree(
        actor=worker, plan_version=draft, expected_version=draft.version,
        agreers=[Agreer(member=gran)], agreed_on=TODAY,
    )  # fmt: skip
    tested = services.plan_start_testing(
        actor=worker, plan_version=agreed, expected_version=agreed.version,
        started_on=TODAY, testing_until=None,
    )  # fmt: skip
    done = services.plan_complete(
        actor=worker, plan_version=tested, expected_version=tested.version, completed_on=TODAY
    )
    assert done.status == PlanStatus.COMPLETED
    assert selectors.current_plan(draft.plan.case) is None


def test_checks_only_while_testing(draft, worker):
    rule = PlanRule.objects.get(plan_version=draft)
    with pytest.raises(ValidationError, match="being tested"):
        check(worker, rule, F)


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ([N, N], True),
        ([N, F, N], True),
        ([F, N, N], True),
        ([N, F, F, N], False),  # only the last three count
        ([P, P, P], False),  # partly followed is not "not followed"
        ([N], False),
        ([], False),
    ],
)
def test_repeatedly_not_followed(outcomes, expected):
    assert repeatedly_not_followed(outcomes) is expected


@override_settings(
    SAFETYMAP_SAFETY_PLAN_NOT_FOLLOWED_LIMIT=3, SAFETYMAP_SAFETY_PLAN_CHECKS_CONSIDERED=4
)
def test_the_rule_is_a_setting():
    assert repeatedly_not_followed([N, N, F, F]) is False
    assert repeatedly_not_followed([N, N, F, N]) is True


def test_a_rule_not_followed_prompts_a_meeting_without_changing_the_plan(testing, worker):
    rule = PlanRule.objects.get(plan_version=testing)
    check(worker, rule, N, days_ago=14)
    check(worker, rule, F, days_ago=7)
    rule.refresh_from_db()
    assert not rule.needs_network_meeting
    check(worker, rule, N, days_ago=0)
    rule.refresh_from_db()
    assert rule.needs_network_meeting and rule.last_checked_on == TODAY
    testing.refresh_from_db()
    assert testing.status == PlanStatus.TESTING  # a prompt, never an escalation
    (summary,) = selectors.plan_summaries(testing.plan.case)
    assert summary.rules_needing_meeting == [rule] and summary.needs_attention
    check(worker, rule, F)
    check(worker, rule, F)
    rule.refresh_from_db()
    assert not rule.needs_network_meeting


def test_dashboard_annotation_counts_plans_needing_attention(testing, worker, case):
    from safetymap.cases.models import Case

    def count():
        return (
            selectors.annotate_plans_needing_attention(Case.objects.filter(pk=case.pk))
            .get()
            .plans_needing_attention
        )

    assert count() == 0
    services.plan_new_draft(actor=worker, plan_version=testing)  # a draft does not count
    testing.refresh_from_db()
    testing.review_on = TODAY - datetime.timedelta(days=1)
    testing.save()
    assert count() == 1
    rule = PlanRule.objects.get(plan_version=testing)
    check(worker, rule, N)
    check(worker, rule, N)
    assert count() == 1  # one plan, whatever the reasons


def test_current_plan_has_its_rules(testing):
    current = selectors.current_plan(testing.plan.case)
    assert current == testing
    (rule,) = current.live_rules
    assert rule.child_words and rule.danger_statement_id


def test_removed_rules_stay_out_of_the_draft_and_new_versions(draft, worker):
    rule = PlanRule.objects.get(plan_version=draft)
    services.plan_line_remove(actor=worker, line=rule, expected_version=rule.version)
    assert PlanRule.objects.get(pk=rule.pk).is_removed
    assert selectors.get_version(draft.plan, 1).live_rules == []
