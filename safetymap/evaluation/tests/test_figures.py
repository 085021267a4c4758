"""Each of the dashboard's own figures on constructed cases: a case in, a case out, and the
edges (3 months to the day, a drop of exactly 2)."""

from __future__ import annotations

import datetime

import pytest

from safetymap.cases.models import Case, Relationship, ServiceLevel
from safetymap.cases.registry import TeamFigure, team_figures
from safetymap.child_voice.selectors import months_before
from safetymap.evaluation import figures
from safetymap.evaluation.selectors import describe
from safetymap.mapping import services as map_services
from safetymap.mapping.models import RaterRole
from safetymap.networks import services as network_services
from tests.factories import CaseMemberFactory, NextStepFactory, ScaleRatingFactory

pytestmark = pytest.mark.django_db


def names(cases):
    return sorted(case.child.first_name for case in cases.select_related("child"))


def days(n):
    return datetime.timedelta(days=n)


def test_overdue_next_steps_counts_open_steps_due_before_today(make_case, today):
    late = make_case("Late")
    NextStepFactory(case=make_case("Today"), due_on=today)
    NextStepFactory(case=late, due_on=today - days(1))
    NextStepFactory(case=make_case("Done"), due_on=today - days(9), done_on=today - days(2))
    removed = make_case("Removed")
    step = NextStepFactory(case=removed, due_on=today - days(3))
    step.removed_at = step.created_at
    step.save()
    make_case("Nothing")

    assert names(figures.overdue_next_steps(Case.objects.all(), today)) == ["Late"]


def test_not_heard_counts_children_with_no_session_in_the_last_3_months(make_case, hear, today):
    edge = months_before(today, 3)
    hear(make_case("Exactly"), edge)  # held 3 months ago to the day: still recent
    hear(make_case("DayBefore"), edge - days(1))
    hear(make_case("Recent"), today - days(10))
    make_case("Never")
    removed = hear(make_case("Removed"), today)
    removed.removed_at = removed.created_at
    removed.save()

    assert names(figures.not_heard_recently(Case.objects.all(), today)) == [
        "DayBefore",
        "Never",
        "Removed",
    ]


def test_no_words_and_pictures_counts_children_on_a_plan_without_a_story(make_case, today):
    make_case("Plan", service_level=ServiceLevel.CHILD_PROTECTION)
    make_case("EarlyHelp", service_level=ServiceLevel.EARLY_HELP)

    assert names(figures.no_words_and_pictures(Case.objects.all(), today)) == ["Plan"]


def test_network_not_told_counts_networks_that_have_not_seen_the_statements(
    make_case, worker, today
):
    told_nobody = make_case("Untold")
    no_network = make_case("NoNetwork")
    for case in (told_nobody, no_network):
        map_services.danger_statement_add(
            actor=worker,
            case=case,
            values={
                "who_is_worried": "The school",
                "adult_behaviour": "Dad shouts at Mum and has pushed her when he drinks",
                "feared_for_child": "the children will be hurt",
            },
        )
    network_services.network_member_add(
        actor=worker,
        case=told_nobody,
        case_member=CaseMemberFactory(
            case=told_nobody,
            relationship=Relationship.GRANDPARENT,
            lives_with_child=False,
            parental_responsibility=False,
        ),
        values={"knowledge": "everything", "availability": "", "contact_details": ""},
        roles=(),
    )

    assert names(figures.network_not_told(Case.objects.all(), today)) == ["Untold"]


def test_scale_dropped_counts_a_fall_of_2_or_more_in_the_workers_overall_scale(
    make_case, rate, today
):
    rate(make_case("ExactlyTwo"), 7, 6, 4)
    rate(make_case("ThreeAndAHalf"), 6.5, 3)
    rate(make_case("OneAndAHalf"), 6, 4.5)
    rate(make_case("Rose"), 4, 6)
    rate(make_case("OneScale"), 2)
    make_case("NotScaled")
    parent_fell = make_case("ParentFell")
    rate(parent_fell, 5, 5)
    ScaleRatingFactory(case=parent_fell, rater_role=RaterRole.PARENT, score=1, rated_on=today)

    assert names(figures.scale_dropped(Case.objects.all(), today)) == [
        "ExactlyTwo",
        "ThreeAndAHalf",
    ]


def test_every_own_figure_is_registered_with_the_others():
    registered = {figure.key for figure in team_figures()}
    assert {figure.key for figure in figures.FIGURES} <= registered


def test_figures_say_what_they_mean_in_words():
    not_heard = next(figure for figure in figures.FIGURES if figure.key == "not-heard")
    assert describe(not_heard, 3) == (
        "3 children have not had their words recorded in the last 3 months"
    )
    assert describe(not_heard, 1) == "1 child has not had their words recorded in the last 3 months"
    assert describe(not_heard, 0) == (
        "Every child has had their words recorded in the last 3 months"
    )


def test_a_figure_registered_without_words_is_described_from_its_label():
    plain = TeamFigure("meetings", "Meetings overdue or missing", lambda cases, day: cases, 20)
    assert describe(plain, 2) == "Meetings overdue or missing: 2 children"
    assert describe(plain, 0) == "Meetings overdue or missing: no children"
