"""The gap: open cases on a plan whose child has not been given Words and Pictures, as a
selector, as a case-list annotation and on the case overview's panel."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from safetymap.cases.models import Case, ServiceLevel
from safetymap.words_pictures import selectors, services
from safetymap.words_pictures.models import StoryKind
from tests.factories import CaseFactory

from .conftest import give

pytestmark = pytest.mark.django_db


def given_story(worker: Any, case: Case, kind: str = StoryKind.EXPLANATION) -> None:
    story = services.story_start(actor=worker, case=case, kind=kind)
    give(worker, story.versions.get())


@pytest.fixture
def cases(worker: Any, case: Case) -> dict[str, Case]:
    """One case of each kind, all in the worker's team."""
    made: dict[str, Any] = {
        "given": case,
        "draft only": CaseFactory(team=case.team, service_level=ServiceLevel.CHILD_IN_NEED),
        "none": CaseFactory(team=case.team, service_level=ServiceLevel.CHILD_PROTECTION),
        "plan story only": CaseFactory(team=case.team),
        "early help": CaseFactory(team=case.team, service_level=ServiceLevel.EARLY_HELP),
        "closed": CaseFactory(team=case.team, closed_on=timezone.localdate()),
    }
    given_story(worker, made["given"])
    services.story_start(actor=worker, case=made["draft only"], kind=StoryKind.EXPLANATION)
    given_story(worker, made["plan story only"], kind=StoryKind.SAFETY_PLAN)
    return made


def test_cases_missing_words_and_pictures(cases: dict[str, Case]) -> None:
    every = Case.objects.filter(pk__in=[c.pk for c in cases.values()])
    missing = set(selectors.cases_missing_words_and_pictures(every))
    assert missing == {cases["draft only"], cases["none"], cases["plan story only"]}


def test_the_expected_levels_are_a_setting(cases: dict[str, Case], settings: Any) -> None:
    settings.SAFETYMAP_WORDS_AND_PICTURES_EXPECTED_LEVELS = [ServiceLevel.EARLY_HELP]
    every = Case.objects.filter(pk__in=[c.pk for c in cases.values()])
    assert list(selectors.cases_missing_words_and_pictures(every)) == [cases["early help"]]


def test_case_list_annotation(cases: dict[str, Case], django_assert_num_queries: Any) -> None:
    every = Case.objects.filter(pk__in=[c.pk for c in cases.values()])
    with django_assert_num_queries(1):
        rows: dict[int, Any] = {c.pk: c for c in selectors.annotate_words_and_pictures(every)}
    for name, case in cases.items():
        row = rows[case.pk]
        assert row.words_pictures_missing == (name in ("draft only", "none", "plan story only")), (
            name
        )
        assert (row.words_pictures_given_on is not None) == (name == "given"), name


def test_case_story_state(cases: dict[str, Case], django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(2):
        state = selectors.case_story_state(cases["draft only"])
    assert state.missing and state.draft is not None and state.given is None
    given = selectors.case_story_state(cases["given"])
    assert not given.missing and given.given is not None and given.given.number == 1
    quiet = selectors.case_story_state(cases["early help"])
    assert not quiet.expected and not quiet.missing and quiet.stories == 0
