"""Finding the child: a table of name variants, and the search over the records."""

from __future__ import annotations

import datetime

import pytest

from safetymap.cases.models import CaseRestriction
from safetymap.referrals import matching, selectors
from tests.factories import CaseFactory, PersonFactory, UserFactory

BORN = datetime.date(2017, 3, 4)

# (told by the referrer, on record): each pair must be recognised as the same name.
SAME_NAMES = [
    ("Aiden", "Aidan"),
    ("Aidan", "Ayden"),
    ("Ayden", "Aiden"),
    ("Mohammed", "Muhammad"),
    ("Mohamed", "Muhammad"),
    ("Katie", "Caty"),
    ("Caitlin", "Kaitlyn"),
    ("Sian", "Siân"),
    ("Zoe", "Zoë"),
    ("O'Neill", "ONeil"),
    ("Stephen", "Steven"),
    ("Jon", "John"),
    ("Sophie", "Sofia"),
    ("Leigh-Anne", "Leighanne"),
]
DIFFERENT_NAMES = [("Aiden", "Harry"), ("Katie", "Mohammed"), ("Sian", "Ellie"), ("Holly", "Ellie")]


def described(
    first: str, last: str = "Walsh", born: datetime.date | None = BORN, address: str = ""
):
    return matching.Described(first, last, born, address)


@pytest.mark.parametrize(("told", "recorded"), SAME_NAMES)
def test_a_spelling_variant_of_a_first_name_is_recognised(told, recorded):
    found = matching.score(described(told, born=None), described(recorded, born=None))
    assert found.score >= 30 + 15, found
    assert any(reason.startswith("First name") for reason in found.reasons)


@pytest.mark.parametrize(("told", "recorded"), SAME_NAMES)
def test_a_spelling_variant_of_a_last_name_is_recognised(told, recorded):
    found = matching.score(described("Amy", told, born=None), described("Amy", recorded, born=None))
    assert any(reason.startswith("Last name") for reason in found.reasons), found


@pytest.mark.parametrize(("told", "recorded"), DIFFERENT_NAMES)
def test_different_names_are_not_matched(told, recorded):
    found = matching.score(described(told, born=None), described(recorded, born=None))
    assert not any(reason.startswith("First name") for reason in found.reasons), found


def test_a_double_barrelled_surname_matches_either_part():
    for told in ("Smith", "Jones", "Smith Jones"):
        found = matching.score(described("Amy", told), described("Amy", "Smith-Jones"))
        assert "Last name the same" in found.reasons, told


def test_first_and_last_names_the_other_way_round_are_caught():
    found = matching.score(described("Walsh", "Aiden"), described("Aiden", "Walsh"))
    assert "First and last names the other way round" in found.reasons
    assert found.score >= matching.SHOW_FROM


def test_date_of_birth_with_day_and_month_swapped_is_caught():
    found = matching.score(
        described("Aiden", born=datetime.date(2017, 4, 3)), described("Aiden", born=BORN)
    )
    assert "Date of birth with day and month swapped" in found.reasons
    assert matching.swapped(datetime.date(2017, 3, 25)) is None  # no 25th month


def test_the_postcode_is_compared_however_it_is_written():
    found = matching.score(
        described("Amy", "Quinn", None, "14 mill lane eb47qt"),
        described("Aimee", "Quinn", None, "14 Mill Lane\nEastbrook EB4 7QT"),
    )
    assert "Same postcode" in found.reasons


# --- Over the records ----------------------------------------------------------------------


@pytest.mark.django_db
def test_possible_matches_rank_the_closest_first_with_why(record):
    exact = CaseFactory(
        child=PersonFactory(first_name="Aidan", last_name="Walsh", date_of_birth=BORN)
    )
    near = CaseFactory(
        child=PersonFactory(first_name="Ayden", last_name="Walshe", date_of_birth=None)
    )
    CaseFactory(
        child=PersonFactory(
            first_name="Harry", last_name="Brown", date_of_birth=BORN.replace(year=2012)
        )
    )
    found = selectors.possible_matches(record(child_first_name="Aiden", child_last_name="Walsh"))
    assert [m.case for m in found] == [exact, near]
    assert "Date of birth the same" in found[0].reasons
    assert "First name sounds the same (Aidan)" in found[0].reasons


@pytest.mark.django_db
def test_a_transposed_and_misspelt_name_is_still_found(record):
    case = CaseFactory(
        child=PersonFactory(first_name="Katie", last_name="Mahoney", date_of_birth=None)
    )
    referral = record(child_first_name="Mahony", child_last_name="Caty", child_date_of_birth=None)
    assert [m.case for m in selectors.possible_matches(referral)] == [case]


@pytest.mark.django_db
def test_a_child_found_by_date_of_birth_and_postcode_alone(record):
    case = CaseFactory(
        child=PersonFactory(
            first_name="Riley", last_name="Dunn", date_of_birth=BORN, address="2 Pit Row, EB4 7QT"
        )
    )
    referral = record(child_first_name="Aiden", child_last_name="Walsh")
    found = selectors.possible_matches(referral)
    assert [m.case for m in found] == [case]
    assert found[0].reasons == ["Date of birth the same", "Same postcode"]


@pytest.mark.django_db
def test_restricted_records_never_appear_among_the_matches(record):
    case = CaseFactory(
        child=PersonFactory(first_name="Aiden", last_name="Walsh", date_of_birth=BORN)
    )
    CaseRestriction.objects.create(
        case=case, reason="Staff member's family", review_on=BORN, set_by=UserFactory()
    )
    assert selectors.possible_matches(record()) == []


@pytest.mark.django_db
def test_each_child_is_shown_once_with_their_open_case(record):
    child = PersonFactory(first_name="Aiden", last_name="Walsh", date_of_birth=BORN)
    CaseFactory(child=child, closed_on=datetime.date(2023, 1, 1))
    open_case = CaseFactory(child=child)
    (match,) = selectors.possible_matches(record())
    assert match.case == open_case
