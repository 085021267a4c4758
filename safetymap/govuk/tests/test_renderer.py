"""The GOV.UK form renderer draws standard Django forms as GOV.UK markup."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.template import engines

from safetymap.govuk.boundfield import GovukBoundField
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.renderers import GovukFormRenderer, govuk_template_name
from safetymap.govuk.widgets import GovukCheckboxSelectMultiple, GovukRadioSelect

from .htmltree import Element, parse

CONTACT_CHOICES = [
    ("", "---------"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("visit", "Home visit"),
]
CONCERN_CHOICES = [
    ("neglect", "Neglect"),
    ("emotional", "Emotional harm"),
    ("none", "None of these"),
]


class EveryWidgetForm(forms.Form):
    name = forms.CharField(
        label="Child's full name",
        help_text="As it appears on their birth certificate",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    email = forms.EmailField(label="Parent's email address", required=False)
    siblings = forms.IntegerField(label="Number of siblings")
    password = forms.CharField(label="Password", widget=forms.PasswordInput)
    summary = forms.CharField(label="Summary of concerns", widget=forms.Textarea(attrs={"rows": 5}))
    team = forms.ChoiceField(
        label="Team", choices=[("", "Choose a team"), ("north", "North"), ("south", "South")]
    )
    contact = forms.ChoiceField(
        label="How should we contact the family?",
        help_text="Choose one",
        choices=CONTACT_CHOICES,
        widget=GovukRadioSelect(hints={"visit": "A practitioner visits the home"}),
    )
    worker_type = forms.ChoiceField(
        label="Worker type",
        choices=[("social_worker", "Social worker"), ("family_support", "Family support")],
        widget=forms.RadioSelect,
    )
    concerns = forms.MultipleChoiceField(
        label="Concerns",
        choices=CONCERN_CHOICES,
        widget=GovukCheckboxSelectMultiple(exclusive="none", dividers={"none": "or"}),
    )
    consent = forms.BooleanField(label="The family agrees to the referral")
    date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 2015")
    version = forms.IntegerField(widget=forms.HiddenInput, initial=3)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") == "blocked@example.com":
            raise forms.ValidationError("This family cannot be contacted by email")
        return cleaned


BAD_DATA = {
    "name": "",
    "email": "blocked@example.com",
    "siblings": "two",
    "password": "",
    "summary": "",
    "team": "",
    "contact": "",
    "worker_type": "",
    "concerns": [],
    "date_of_birth_day": "12",
    "date_of_birth_month": "",
    "date_of_birth_year": "2015",
    "version": "3",
}


def render(form: forms.BaseForm) -> Element:
    return parse(str(form))


def group_of(page: Element, control_id: str) -> Element:
    """The outermost govuk-form-group holding the control with this id."""
    for group in page.find_all("div", cls="govuk-form-group"):
        if control_id in group.ids():
            return group
    raise AssertionError(f"no form group holds #{control_id}")


def test_the_project_renderer_is_in_use():
    form = EveryWidgetForm()
    assert isinstance(form.renderer, GovukFormRenderer)
    assert isinstance(form["name"], GovukBoundField)


def test_text_input_with_label_hint_and_width():
    page = render(EveryWidgetForm())
    group = group_of(page, "id_name")
    label = group.find("label")
    assert label.classes == ["govuk-label"]
    assert label.attrs["for"] == "id_name"
    assert label.all_text == "Child's full name"
    hint = group.by_id("id_name-hint")
    assert hint.has_class("govuk-hint")
    assert hint.all_text == "As it appears on their birth certificate"
    control = group.by_id("id_name")
    assert control.tag == "input"
    assert control.classes == ["govuk-input", "govuk-input--width-20"]
    assert control.attrs["aria-describedby"] == "id_name-hint"
    # Server-side validation only: no browser error bubbles.
    assert "required" not in control.attrs


def test_email_number_and_password_inputs():
    page = render(EveryWidgetForm())
    email = page.by_id("id_email")
    assert email.attrs["type"] == "email"
    assert email.has_class("govuk-input")
    assert "aria-describedby" not in email.attrs
    assert group_of(page, "id_email").find("label").all_text == "Parent's email address (optional)"

    number = page.by_id("id_siblings")
    assert number.has_class("govuk-input")
    # GOV.UK advises text inputs with a numeric keyboard, not type="number".
    assert number.attrs["type"] == "text"
    assert number.attrs["inputmode"] == "numeric"

    password_group = group_of(page, "id_password")
    assert password_group.has_class("govuk-password-input")
    assert password_group.attrs["data-module"] == "govuk-password-input"
    password = page.by_id("id_password")
    assert password.attrs["type"] == "password"
    assert {"govuk-input", "govuk-password-input__input"} <= set(password.classes)
    assert password.attrs["autocomplete"] == "current-password"
    toggle = password_group.find("button")
    assert toggle.attrs["aria-controls"] == "id_password"
    assert "hidden" in toggle.attrs  # shown by GOV.UK Frontend's JavaScript only


def test_textarea_and_select():
    page = render(EveryWidgetForm())
    textarea = page.by_id("id_summary")
    assert textarea.tag == "textarea"
    assert textarea.classes == ["govuk-textarea"]
    assert textarea.attrs["rows"] == "5"
    select = page.by_id("id_team")
    assert select.tag == "select"
    assert select.classes == ["govuk-select"]
    assert [o.all_text for o in select.find_all("option")] == ["Choose a team", "North", "South"]


def test_radios_in_a_fieldset_with_legend_hint_and_item_hints():
    page = render(EveryWidgetForm())
    group = group_of(page, "id_contact_1")
    fieldset = group.find("fieldset")
    assert fieldset.has_class("govuk-fieldset")
    assert fieldset.attrs["aria-describedby"] == "id_contact-hint"
    legend = fieldset.find("legend")
    assert legend.has_class("govuk-fieldset__legend")
    assert legend.all_text == "How should we contact the family?"
    assert fieldset.by_id("id_contact-hint").has_class("govuk-hint")
    radios = fieldset.find("div", cls="govuk-radios")
    assert radios.attrs["data-module"] == "govuk-radios"
    inputs = radios.find_all("input")
    # Django's "---------" choice is not a radio.
    assert [i.attrs["value"] for i in inputs] == ["phone", "email", "visit"]
    assert all(i.classes == ["govuk-radios__input"] and i.attrs["type"] == "radio" for i in inputs)
    labels = radios.find_all("label")
    assert [lab.attrs["for"] for lab in labels] == [i.attrs["id"] for i in inputs]
    assert all(lab.classes == ["govuk-label", "govuk-radios__label"] for lab in labels)
    visit = page.by_id("id_contact_3")
    assert visit.attrs["aria-describedby"] == "id_contact_3-item-hint"
    assert page.by_id("id_contact_3-item-hint").classes == ["govuk-hint", "govuk-radios__hint"]


def test_plain_django_radio_select_and_inline_option():
    page = render(EveryWidgetForm())
    radios = group_of(page, "id_worker_type_0").find("div", cls="govuk-radios")
    assert len(radios.find_all("input", cls="govuk-radios__input")) == 2

    class InlineForm(forms.Form):
        answer = forms.ChoiceField(
            choices=[("yes", "Yes"), ("no", "No")], widget=GovukRadioSelect(inline=True, small=True)
        )

    radios = render(InlineForm()).find("div", cls="govuk-radios")
    assert {"govuk-radios--inline", "govuk-radios--small"} <= set(radios.classes)
    # The wrapper's classes are not copied onto each radio.
    assert radios.find("input").classes == ["govuk-radios__input"]


def test_checkboxes_with_divider_and_exclusive_option():
    page = render(EveryWidgetForm())
    group = group_of(page, "id_concerns_0")
    assert group.find("legend").all_text == "Concerns"
    boxes = group.find("div", cls="govuk-checkboxes")
    assert boxes.attrs["data-module"] == "govuk-checkboxes"
    inputs = boxes.find_all("input")
    assert all(i.classes == ["govuk-checkboxes__input"] for i in inputs)
    assert [i.attrs["type"] for i in inputs] == ["checkbox"] * 3
    assert boxes.find("div", cls="govuk-checkboxes__divider").all_text == "or"
    assert page.by_id("id_concerns_2").attrs["data-behaviour"] == "exclusive"


def test_single_checkbox_has_its_label_beside_it():
    page = render(EveryWidgetForm())
    group = group_of(page, "id_consent")
    assert not group.find_all("fieldset")
    item = group.find("div", cls="govuk-checkboxes__item")
    checkbox = item.find("input")
    assert checkbox.classes == ["govuk-checkboxes__input"]
    assert checkbox.attrs["type"] == "checkbox"
    label = item.find("label")
    assert label.classes == ["govuk-label", "govuk-checkboxes__label"]
    assert label.attrs["for"] == "id_consent"
    assert label.all_text == "The family agrees to the referral"


def test_date_input():
    page = render(EveryWidgetForm())
    group = group_of(page, "id_date_of_birth_day")
    fieldset = group.find("fieldset")
    assert fieldset.attrs["role"] == "group"
    assert fieldset.attrs["aria-describedby"] == "id_date_of_birth-hint"
    assert fieldset.find("legend").all_text == "Date of birth"
    date_input = fieldset.find("div", cls="govuk-date-input")
    assert date_input.attrs["id"] == "id_date_of_birth"
    items = date_input.find_all("div", cls="govuk-date-input__item")
    assert [i.find("label").all_text for i in items] == ["Day", "Month", "Year"]
    inputs = date_input.find_all("input")
    assert [i.attrs["name"] for i in inputs] == [
        "date_of_birth_day",
        "date_of_birth_month",
        "date_of_birth_year",
    ]
    assert [i.attrs["id"] for i in inputs] == [
        "id_date_of_birth_day",
        "id_date_of_birth_month",
        "id_date_of_birth_year",
    ]
    widths = [[c for c in i.classes if c.startswith("govuk-input--width")] for i in inputs]
    assert widths == [["govuk-input--width-2"], ["govuk-input--width-2"], ["govuk-input--width-4"]]
    assert all({"govuk-input", "govuk-date-input__input"} <= set(i.classes) for i in inputs)
    assert all(i.attrs["inputmode"] == "numeric" for i in inputs)
    assert [lab.attrs["for"] for lab in date_input.find_all("label")] == [
        i.attrs["id"] for i in inputs
    ]


def test_date_input_shows_initial_date():
    form = EveryWidgetForm(initial={"date_of_birth": datetime.date(2015, 3, 27)})
    page = render(form)
    assert page.by_id("id_date_of_birth_day").attrs["value"] == "27"
    assert page.by_id("id_date_of_birth_month").attrs["value"] == "3"
    assert page.by_id("id_date_of_birth_year").attrs["value"] == "2015"


def test_hidden_field_has_no_wrapper():
    page = render(EveryWidgetForm())
    hidden = page.by_id("id_version")
    assert hidden.attrs["type"] == "hidden"
    assert hidden.attrs["value"] == "3"
    for group in page.find_all("div", cls="govuk-form-group"):
        assert "id_version" not in group.ids()


def test_no_errors_means_no_error_markup():
    html = str(EveryWidgetForm())
    assert "govuk-error-message" not in html
    assert "--error" not in html
    assert "aria-invalid" not in html


# With errors ---------------------------------------------------------------------------


@pytest.fixture
def bad_form() -> EveryWidgetForm:
    form = EveryWidgetForm(data=BAD_DATA)
    assert not form.is_valid()
    return form


def assert_error_message(group: Element, error_id: str, text: str) -> None:
    message = group.by_id(error_id)
    assert message.tag == "p"
    assert message.classes == ["govuk-error-message"]
    hidden = message.find("span", cls="govuk-visually-hidden")
    assert hidden.all_text == "Error:"
    assert text in message.all_text


def test_text_input_error(bad_form):
    page = render(bad_form)
    group = group_of(page, "id_name")
    assert group.has_class("govuk-form-group--error")
    assert_error_message(group, "id_name-error", "This field is required.")
    control = page.by_id("id_name")
    assert control.classes == ["govuk-input", "govuk-input--width-20", "govuk-input--error"]
    assert control.attrs["aria-describedby"] == "id_name-hint id_name-error"
    assert control.attrs["aria-invalid"] == "true"
    # The hint comes before the error message, both before the control.
    ids = group.ids()
    assert ids.index("id_name-hint") < ids.index("id_name-error") < ids.index("id_name")


def test_other_controls_get_their_error_classes(bad_form):
    page = render(bad_form)
    assert "govuk-input--error" in page.by_id("id_siblings").classes
    assert page.by_id("id_siblings").attrs["aria-describedby"] == "id_siblings-error"
    assert "govuk-input--error" in page.by_id("id_password").classes
    assert "govuk-textarea--error" in page.by_id("id_summary").classes
    assert "govuk-select--error" in page.by_id("id_team").classes
    # A valid optional field stays as it was.
    assert page.by_id("id_email").classes == ["govuk-input"]
    assert not group_of(page, "id_email").has_class("govuk-form-group--error")


def test_fieldset_errors_are_described_on_the_fieldset(bad_form):
    page = render(bad_form)
    group = group_of(page, "id_contact_1")
    assert group.has_class("govuk-form-group--error")
    assert group.find("fieldset").attrs["aria-describedby"] == "id_contact-hint id_contact-error"
    assert_error_message(group, "id_contact-error", "This field is required.")
    assert "aria-describedby" not in page.by_id("id_contact_1").attrs

    concerns = group_of(page, "id_concerns_0")
    assert concerns.find("fieldset").attrs["aria-describedby"] == "id_concerns-error"


def test_date_error_marks_only_the_missing_part(bad_form):
    page = render(bad_form)
    group = group_of(page, "id_date_of_birth_day")
    assert group.has_class("govuk-form-group--error")
    assert_error_message(group, "id_date_of_birth-error", "Date of birth must include a month")
    fieldset = group.find("fieldset")
    assert fieldset.attrs["aria-describedby"] == "id_date_of_birth-hint id_date_of_birth-error"
    assert "govuk-input--error" in page.by_id("id_date_of_birth_month").classes
    assert "govuk-input--error" not in page.by_id("id_date_of_birth_day").classes
    assert "govuk-input--error" not in page.by_id("id_date_of_birth_year").classes
    # What the user typed is kept.
    assert page.by_id("id_date_of_birth_day").attrs["value"] == "12"
    assert page.by_id("id_date_of_birth_year").attrs["value"] == "2015"


def test_single_checkbox_error(bad_form):
    page = render(bad_form)
    group = group_of(page, "id_consent")
    assert group.has_class("govuk-form-group--error")
    assert page.by_id("id_consent").attrs["aria-describedby"] == "id_consent-error"


def test_non_field_errors_are_shown_before_the_fields(bad_form):
    page = render(bad_form)
    first_group = page.find("div", cls="govuk-form-group")
    assert first_group.attrs["id"] == "non-field-errors"
    assert "This family cannot be contacted by email" in first_group.all_text


def render_template(source: str, **context) -> Element:
    return parse(engines["django"].from_string(source).render(context))


def test_error_summary_links_each_error_to_its_control(bad_form):
    page = render_template(
        '{% include "govuk/components/error_summary.html" with form=form %}', form=bad_form
    )
    summary = page.find("div", cls="govuk-error-summary")
    assert summary.attrs["data-module"] == "govuk-error-summary"
    assert summary.find("div").attrs["role"] == "alert"
    assert summary.find("h2").all_text == "There is a problem"
    links = {a.all_text: a.attrs["href"] for a in summary.find_all("a")}
    assert links["This family cannot be contacted by email"] == "#id_name"
    assert links["Enter a whole number."] == "#id_siblings"
    assert links["Date of birth must include a month"] == "#id_date_of_birth_day"
    hrefs = [a.attrs["href"] for a in summary.find_all("a")]
    # Radios and checkboxes link to their first option (the blank choice is not shown).
    assert "#id_contact_1" in hrefs
    assert "#id_worker_type_0" in hrefs
    assert "#id_concerns_0" in hrefs
    assert "#id_consent" in hrefs
    # Every link points at something on the page.
    rendered = set(render(bad_form).ids())
    assert {h[1:] for h in hrefs} <= rendered


def test_error_summary_is_empty_for_a_valid_or_unbound_form():
    assert "govuk-error-summary" not in str(
        render_template(
            '{% include "govuk/components/error_summary.html" %}', form=EveryWidgetForm()
        )
    )
    assert render_template('{% include "govuk/components/error_summary.html" %}').all_text == ""


def test_error_summary_for_a_formset():
    class PersonForm(forms.Form):
        name = forms.CharField()

    PeopleFormSet = forms.formset_factory(PersonForm, extra=0, min_num=1)
    formset = PeopleFormSet(
        data={
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "0",
            "form-0-name": "",
        }
    )
    assert not formset.is_valid()
    page = render_template(
        '{% include "govuk/components/error_summary.html" with formset=formset %}',
        formset=formset,
    )
    assert page.find("a").attrs["href"] == "#id_form-0-name"
    # The formset renders its management form and GOV.UK fields.
    rendered = parse(str(formset))
    assert rendered.by_id("id_form-TOTAL_FORMS").attrs["type"] == "hidden"
    assert group_of(rendered, "id_form-0-name").has_class("govuk-form-group--error")


# Sizes, headings and the govuk_field tag ---------------------------------------------------


class QuestionForm(GovukForm):
    govuk_page_heading = "decision"
    govuk_label_sizes = {"reason": "m"}

    decision = forms.ChoiceField(
        label="What is the decision?",
        choices=[("close", "Close"), ("keep", "Keep open")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea)
    note = forms.CharField(label="Note", required=False)


def test_page_heading_and_label_sizes_from_the_form():
    page = render(QuestionForm())
    legend = group_of(page, "id_decision_0").find("legend")
    assert legend.classes == ["govuk-fieldset__legend", "govuk-fieldset__legend--l"]
    heading = legend.find("h1")
    assert heading.classes == ["govuk-fieldset__heading"]
    assert heading.all_text == "What is the decision?"
    label = group_of(page, "id_reason").find("label")
    assert label.classes == ["govuk-label", "govuk-label--m"]
    assert not group_of(page, "id_reason").find_all("h1")


def test_govuk_field_tag_and_as_field_group():
    form = QuestionForm()
    page = render_template(
        "{% load govuk %}{% govuk_field form.reason label_size='s' page_heading=True %}", form=form
    )
    wrapper = page.find("h1")
    assert wrapper.classes == ["govuk-label-wrapper"]
    assert wrapper.find("label").classes == ["govuk-label", "govuk-label--s"]

    page = render_template("{{ form.note.as_field_group }}", form=form)
    assert page.find("div", cls="govuk-form-group").find("label").all_text == "Note (optional)"

    # A widget on its own is GOV.UK markup too.
    page = render_template("{{ form.note }}", form=form)
    assert page.find("input").classes == ["govuk-input"]


def test_govuk_form_uses_govuk_wording_and_date_inputs():
    class MeetingForm(GovukForm):
        held_on = forms.DateField(label="Date of the meeting")
        chair = forms.CharField(label="Chair's name")
        outcome = forms.ChoiceField(label="Outcome", choices=[("a", "A")], widget=forms.RadioSelect)
        native = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)

    form = MeetingForm(data={})
    assert isinstance(form.fields["held_on"], GovukDateField)
    assert not isinstance(form.fields["native"], GovukDateField)
    assert form.label_suffix == ""
    assert not form.is_valid()
    assert form.errors["held_on"] == ["Enter date of the meeting"]
    assert form.errors["chair"] == ["Enter chair's name"]
    assert form.errors["outcome"] == ["Select outcome"]

    form = MeetingForm(
        data={
            "held_on_day": "3",
            "held_on_month": "3",
            "held_on_year": "2026",
            "chair": "Amira Khan",
            "outcome": "a",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["held_on"] == datetime.date(2026, 3, 3)


def test_optional_marker_can_be_turned_off():
    class FilterForm(forms.Form):
        govuk_mark_optional = False
        search = forms.CharField(label="Search", required=False)

    assert render(FilterForm()).find("label").all_text == "Search"


def test_file_select_multiple_and_other_widgets():
    class UploadForm(forms.Form):
        document = forms.FileField(label="Document")
        tags = forms.MultipleChoiceField(
            label="Tags", choices=[("a", "A"), ("b", "B")], widget=forms.SelectMultiple
        )
        website = forms.URLField(label="Website", assume_scheme="https")
        when = forms.SplitDateTimeField(label="When")

    page = render(UploadForm())
    assert page.by_id("id_document").classes == ["govuk-file-upload"]
    assert page.by_id("id_tags").classes == ["govuk-select"]
    assert "multiple" in page.by_id("id_tags").attrs
    assert page.by_id("id_website").attrs["type"] == "url"
    assert page.by_id("id_when_0").has_class("govuk-input")
    assert page.by_id("id_when_1").has_class("govuk-input")
    assert group_of(page, "id_when_0").find("fieldset").attrs["role"] == "group"


def test_only_django_widget_templates_are_replaced():
    assert govuk_template_name("django/forms/widgets/select.html") == "govuk/widgets/select.html"
    assert govuk_template_name("admin/widgets/foreign_key_raw_id.html") == (
        "admin/widgets/foreign_key_raw_id.html"
    )
    assert govuk_template_name("django/forms/widgets/hidden.html") == (
        "django/forms/widgets/hidden.html"
    )
