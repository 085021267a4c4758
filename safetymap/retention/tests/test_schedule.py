"""Which rule applies to a case, and when it is due: the most protective rule across the
case's whole service-level history; only closed cases; the date maths."""

from __future__ import annotations

import datetime

import pytest

from safetymap.retention import selectors
from safetymap.retention.models import LegalHold, RecordType, RetentionRule, Trigger
from safetymap.retention.selectors import State, add_years
from tests.factories import CaseFactory, PersonFactory

from .conftest import TODAY, closed_case, level_history, years_ago

pytestmark = pytest.mark.django_db


def assess(case, today=TODAY):
    return selectors.assess_one(case, today=today)


def test_the_default_schedule_is_loaded_by_migration():
    rules = {rule.record_type: rule for rule in RetentionRule.objects.all()}
    assert set(rules) == set(RecordType.values)
    expected = {
        "looked_after": ("birth", 75),
        "care_leaver": ("birth", 75),
        "child_protection": ("closure", 35),
        "child_in_need": ("eighteenth_birthday", 25),
        "early_help": ("closure", 6),
        "contact_no_further_action": ("closure", 6),
        "audit_and_access_events": ("event", 7),
    }
    assert {key: (r.trigger, r.years) for key, r in rules.items()} == expected
    for rule in rules.values():
        assert "common practice in English councils; check your own schedule" in rule.description
    assert "15 years after their death" in rules["looked_after"].description
    assert rules["child_protection"].period == "35 years after the case closed"
    assert rules["looked_after"].period == "until the child's 75th birthday"
    assert rules["child_in_need"].period == "25 years after the child's 18th birthday"


def test_adding_years_keeps_the_day_and_moves_29_february_to_1_march():
    assert add_years(datetime.date(2010, 6, 15), 35) == datetime.date(2045, 6, 15)
    assert add_years(datetime.date(2012, 2, 29), 75) == datetime.date(2087, 3, 1)
    assert add_years(datetime.date(2012, 2, 29), 4) == datetime.date(2016, 2, 29)
    assert add_years(datetime.date(2020, 5, 1), -7) == datetime.date(2013, 5, 1)


def test_early_help_then_child_protection_then_closed_uses_the_35_year_rule():
    case = CaseFactory(
        child=PersonFactory(date_of_birth=datetime.date(2000, 1, 1)),
        opened_on=datetime.date(2010, 1, 1),
        closed_on=datetime.date(2012, 3, 4),
    )
    level_history(case, "early_help", "child_protection", "early_help")
    result = assess(case, today=datetime.date(2030, 1, 1))
    assert result.rule.record_type == RecordType.CHILD_PROTECTION
    assert result.due_on == datetime.date(2047, 3, 4)  # 35 years after closure
    assert result.state == State.NOT_DUE
    assert "once a child protection case" in result.why
    # The early help rule alone (6 years) would have made it due in 2018.
    assert assess(case, today=datetime.date(2047, 3, 3)).state == State.NOT_DUE
    assert assess(case, today=datetime.date(2047, 3, 4)).state == State.DUE


def test_a_case_ever_looked_after_is_kept_until_the_75th_birthday():
    case = CaseFactory(
        child=PersonFactory(date_of_birth=datetime.date(2005, 7, 9)),
        opened_on=datetime.date(2008, 1, 1),
        closed_on=datetime.date(2015, 1, 1),
    )
    level_history(case, "child_protection", "looked_after", "child_in_need")
    result = assess(case, today=datetime.date(2080, 7, 8))
    assert result.rule.record_type == RecordType.LOOKED_AFTER
    assert result.due_on == datetime.date(2080, 7, 9)
    assert result.state == State.NOT_DUE
    assert assess(case, today=datetime.date(2080, 7, 9)).state == State.DUE


def test_child_in_need_is_kept_25_years_after_the_18th_birthday():
    case = CaseFactory(
        child=PersonFactory(date_of_birth=datetime.date(2001, 11, 30)),
        opened_on=datetime.date(2010, 1, 1),
        closed_on=datetime.date(2011, 1, 1),
    )
    level_history(case, "early_help", "child_in_need")
    result = assess(case, today=datetime.date(2060, 1, 1))
    assert result.rule.record_type == RecordType.CHILD_IN_NEED
    assert result.due_on == datetime.date(2044, 11, 30)  # 18 + 25 = 43rd birthday
    assert result.is_due


def test_the_level_a_case_is_at_counts_even_without_history():
    case = CaseFactory(
        service_level="child_protection",
        child=PersonFactory(date_of_birth=datetime.date(2000, 1, 1)),
        closed_on=datetime.date(2001, 1, 1),
    )
    assert assess(case).rule.record_type == RecordType.CHILD_PROTECTION


def test_open_cases_are_never_due_however_old():
    case = CaseFactory(child=PersonFactory(date_of_birth=datetime.date(1900, 1, 1)))
    level_history(case, "early_help")
    case.opened_on = datetime.date(1950, 1, 1)
    case.save()
    result = assess(case, today=datetime.date(2200, 1, 1))
    assert result.state == State.OPEN and not result.is_due and result.due_on is None
    assert case.pk not in {a.case.pk for a in selectors.review(today=TODAY).due}


def test_a_missing_date_of_birth_means_never_due_and_says_why():
    case = CaseFactory(
        child=PersonFactory(date_of_birth=None),
        opened_on=datetime.date(1960, 1, 1),
        closed_on=datetime.date(1961, 1, 1),
    )
    level_history(case, "looked_after")
    result = assess(case, today=datetime.date(2200, 1, 1))
    assert result.state == State.UNKNOWN and not result.is_due
    assert "date of birth is not recorded" in result.why
    review = selectors.review(today=datetime.date(2200, 1, 1))
    assert [a.case for a in review.unknown] == [case]


def test_a_rule_that_keeps_a_lower_level_longer_wins():
    # Editable numbers: if a council keeps early help 100 years, that is the protective rule.
    RetentionRule.objects.filter(record_type="early_help").update(years=100)
    case = closed_case(closed_years_ago=40, levels=("early_help", "child_protection"))
    result = assess(case)
    assert result.rule.record_type == RecordType.EARLY_HELP
    assert result.state == State.NOT_DUE


def test_the_schedule_is_read_as_it_is_now():
    case = closed_case(closed_years_ago=10, levels=("early_help",))
    assert assess(case).is_due  # 6 years after closure
    RetentionRule.objects.filter(record_type="early_help").update(years=12, trigger=Trigger.CLOSURE)
    assert assess(case).state == State.NOT_DUE


def test_a_legal_hold_stops_a_due_case_being_due(admin):
    case = closed_case(closed_years_ago=40, levels=("child_protection",))
    assert assess(case).is_due
    hold = LegalHold.objects.create(case=case, reason="Civil claim", placed_by=admin)
    result = assess(case)
    assert result.state == State.HELD and not result.is_due
    review = selectors.review()
    assert [a.case for a in review.held] == [case] and review.due == []
    hold.lifted_at = hold.placed_at
    hold.save()
    assert assess(case).is_due


def test_review_lists_each_due_case_with_rule_date_and_reason():
    due = closed_case(closed_years_ago=40, levels=("child_protection",))
    not_yet = closed_case(closed_years_ago=20, levels=("child_protection",))
    review = selectors.review()
    assert [a.case for a in review.due] == [due]
    (assessment,) = review.due
    assert assessment.due_on == add_years(due.closed_on, 35)
    assert assessment.why == "A child protection case: kept 35 years after the case closed."
    assert not_yet.pk not in {a.case.pk for a in review.due}


def test_birth_rules_work_for_a_case_closed_recently():
    # Closed last year, but the child would now be 80: the looked-after rule is met.
    case = closed_case(closed_years_ago=1, born_years_ago=80, levels=("looked_after",))
    result = assess(case)
    assert result.is_due and result.due_on == years_ago(5)
    assert [a.case for a in selectors.review().due] == [case]


def test_the_review_leaves_out_cases_no_rule_could_make_due():
    # A child protection case closed 5 years ago, the child now 12: no rule is anywhere near.
    closed_case(closed_years_ago=5, born_years_ago=12, levels=("child_protection",))
    in_need = closed_case(closed_years_ago=5, born_years_ago=44, levels=("child_in_need",))
    review = selectors.review()
    assert [a.case for a in review.due] == [in_need]
    assert review.held == [] and review.unknown == []
