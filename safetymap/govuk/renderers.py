"""The project's one form renderer: every Django form renders as GOV.UK markup.

Settings name it as FORM_RENDERER. It does three things:

- `{{ form }}` renders through `govuk/forms/form.html` (non-field errors, then each
  field's group, then hidden fields) and `{{ form.field.as_field_group }}` through
  `govuk/forms/field.html` (label or legend, hint, error message, control);
- every form's bound fields are `GovukBoundField`s, which add GOV.UK ids, error classes
  and `aria-describedby` to the controls;
- Django's standard widget templates are swapped for GOV.UK ones, so `TextInput`,
  `Select`, `RadioSelect`, `CheckboxSelectMultiple` and the rest need no changes in the
  forms other developers write. Widgets with their own templates are left alone.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates

from .boundfield import GovukBoundField

_INPUT = "govuk/widgets/input.html"

# Django's widget template -> the GOV.UK template that replaces it.
WIDGET_TEMPLATES = {
    "django/forms/widgets/input.html": _INPUT,
    "django/forms/widgets/text.html": _INPUT,
    "django/forms/widgets/email.html": _INPUT,
    "django/forms/widgets/number.html": _INPUT,
    "django/forms/widgets/password.html": _INPUT,
    "django/forms/widgets/url.html": _INPUT,
    "django/forms/widgets/tel.html": _INPUT,
    "django/forms/widgets/search.html": _INPUT,
    "django/forms/widgets/date.html": _INPUT,
    "django/forms/widgets/datetime.html": _INPUT,
    "django/forms/widgets/time.html": _INPUT,
    "django/forms/widgets/color.html": _INPUT,
    "django/forms/widgets/textarea.html": "govuk/widgets/textarea.html",
    "django/forms/widgets/select.html": "govuk/widgets/select.html",
    "django/forms/widgets/radio.html": "govuk/widgets/radios.html",
    "django/forms/widgets/checkbox_select.html": "govuk/widgets/checkboxes.html",
    "django/forms/widgets/checkbox.html": "govuk/widgets/checkbox.html",
    "django/forms/widgets/file.html": "govuk/widgets/file.html",
    "django/forms/widgets/clearable_file_input.html": "govuk/widgets/clearable_file_input.html",
    "django/forms/widgets/multiwidget.html": "govuk/widgets/multiwidget.html",
    "django/forms/widgets/splitdatetime.html": "govuk/widgets/multiwidget.html",
    "django/forms/widgets/select_date.html": "govuk/widgets/multiwidget.html",
}


def govuk_template_name(template_name: str) -> str:
    """The GOV.UK template to use in place of `template_name` (itself if none)."""
    return WIDGET_TEMPLATES.get(template_name, template_name)


class GovukFormRenderer(DjangoTemplates):
    """Loads templates from Django's built-in form templates and every app's
    `templates/` folder (so `django.forms` need not be in INSTALLED_APPS)."""

    form_template_name = "govuk/forms/form.html"
    formset_template_name = "govuk/forms/formset.html"
    field_template_name = "govuk/forms/field.html"
    bound_field_class = GovukBoundField

    def get_template(self, template_name: str) -> Any:
        return super().get_template(govuk_template_name(template_name))
