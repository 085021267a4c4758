"""GovukDateField: Day, Month and Year boxes, cleaned to a date, with GOV.UK messages."""

from __future__ import annotations

import datetime

import pytest
from django import forms

from safetymap.govuk.boundfield import GovukBoundField
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.widgets import GovukDateInput


class BirthForm(forms.Form):
    date_of_birth = GovukDateField(
        label="Date of birth",
        allow_future=False,
        widget=GovukDateInput(autocomplete="bday"),
    )
    review_on = GovukDateField(required=False, min_value=datetime.date(2026, 1, 1))


def bind(day: str = "", month: str = "", year: str = "", **extra: str) -> BirthForm:
    return BirthForm(
        data={
            "date_of_birth_day": day,
            "date_of_birth_month": month,
            "date_of_birth_year": year,
            **extra,
        }
    )


def error_of(form: BirthForm, name: str = "date_of_birth") -> tuple[str, tuple[str, ...]]:
    assert not form.is_valid()
    bound = form[name]
    assert isinstance(bound, GovukBoundField)
    return str(form.errors[name][0]), bound.govuk_error_parts


def test_a_real_date_cleans_to_a_date():
    form = bind("27", "3", "2015")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == datetime.date(2015, 3, 27)
    assert form.cleaned_data["review_on"] is None


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        (" 07 ", "03", "2015"),
        ("7", "March", "2015"),
        ("7", "mar", "2015"),
        ("7", "3", "2015"),
    ],
)
def test_leading_zeros_spaces_and_month_names_are_fine(day, month, year):
    form = bind(day, month, year)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == datetime.date(2015, 3, 7)


def test_month_names_in_full_and_short():
    form = bind("1", "Sept", "2014")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == datetime.date(2014, 9, 1)


def test_nothing_entered():
    assert error_of(bind()) == ("Enter date of birth", ("day", "month", "year"))


@pytest.mark.parametrize(
    ("parts", "message", "marked"),
    [
        (("27", "3", ""), "Date of birth must include a year", ("year",)),
        (("", "3", "2015"), "Date of birth must include a day", ("day",)),
        (("27", "", "2015"), "Date of birth must include a month", ("month",)),
        (("", "", "2015"), "Date of birth must include a day and month", ("day", "month")),
        (("27", "", ""), "Date of birth must include a month and year", ("month", "year")),
    ],
)
def test_incomplete_dates_say_what_is_missing(parts, message, marked):
    assert error_of(bind(*parts)) == (message, marked)


@pytest.mark.parametrize(
    ("parts", "marked"),
    [
        (("31", "2", "2015"), ("day", "month", "year")),  # no 31 February
        (("29", "2", "2015"), ("day", "month", "year")),  # 2015 is not a leap year
        (("31", "4", "2015"), ("day", "month", "year")),
        (("32", "1", "2015"), ("day",)),
        (("0", "1", "2015"), ("day",)),
        (("1", "13", "2015"), ("month",)),
        (("1", "Smarch", "2015"), ("month",)),
        (("first", "1", "2015"), ("day",)),
        (("1", "1", "twenty"), ("year",)),
    ],
)
def test_impossible_dates_must_be_real(parts, marked):
    assert error_of(bind(*parts)) == ("Date of birth must be a real date", marked)


def test_leap_day_in_a_leap_year_is_real():
    form = bind("29", "2", "2016")
    assert form.is_valid(), form.errors


def test_year_must_have_four_numbers():
    assert error_of(bind("1", "1", "15")) == ("Year must include 4 numbers", ("year",))


def test_a_date_of_birth_cannot_be_in_the_future():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    form = bind(str(tomorrow.day), str(tomorrow.month), str(tomorrow.year))
    assert error_of(form)[0] == "Date of birth must be today or in the past"
    today = datetime.date.today()
    assert bind(str(today.day), str(today.month), str(today.year)).is_valid()


def test_earliest_date_and_name_from_the_field_when_there_is_no_label():
    form = bind("1", "1", "2015", review_on_day="31", review_on_month="12", review_on_year="2025")
    message, marked = error_of(form, "review_on")
    assert message == "Review on must be the same as or after 1 January 2026"
    assert marked == ("day", "month", "year")


def test_optional_date_left_blank_is_none_but_half_filled_is_an_error():
    form = bind("1", "1", "2015", review_on_day="3", review_on_month="", review_on_year="")
    assert error_of(form, "review_on")[0] == "Review on must include a month and year"


def test_future_only_and_custom_messages():
    class VisitForm(forms.Form):
        visit_on = GovukDateField(
            label="Date of the visit",
            error_subject="The visit date",
            allow_past=False,
            error_messages={"required": "Enter the date of the next visit"},
        )

    form = VisitForm(data={})
    assert form.errors["visit_on"] == ["Enter the date of the next visit"]
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    form = VisitForm(
        data={
            "visit_on_day": str(yesterday.day),
            "visit_on_month": str(yesterday.month),
            "visit_on_year": str(yesterday.year),
        }
    )
    assert form.errors["visit_on"] == ["The visit date must be today or in the future"]


def test_an_iso_date_posted_under_the_field_name_is_accepted():
    form = BirthForm(data={"date_of_birth": "2015-03-27"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == datetime.date(2015, 3, 27)
    form = BirthForm(data={"date_of_birth": "27/03/2015"})
    assert form.is_valid(), form.errors
    assert error_of(BirthForm(data={"date_of_birth": "soon"}))[0] == (
        "Date of birth must be a real date"
    )


def test_autocomplete_for_dates_of_birth():
    html = str(BirthForm()["date_of_birth"])
    assert 'autocomplete="bday-day"' in html
    assert 'autocomplete="bday-month"' in html
    assert 'autocomplete="bday-year"' in html


def test_has_changed():
    field = GovukDateField()
    assert not field.has_changed(datetime.date(2015, 3, 27), ["27", "3", "2015"])
    assert field.has_changed(datetime.date(2015, 3, 27), ["28", "3", "2015"])
    assert field.has_changed(None, ["28", "3", ""])
    assert not field.has_changed(None, ["", "", ""])
