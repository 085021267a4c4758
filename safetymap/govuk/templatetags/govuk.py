"""GOV.UK template tags and filters. `{% load govuk %}`.

Tags
    {% nav_url "cases:my_cases" as url %}      reverse() that gives "" if the name is unknown
    {% govuk_field form.name %}                 a field's form group (label, hint, error, control)
    {% govuk_field form.name label_size="m" page_heading=True %}
    {% govuk_tag "Open" "green" %}              <strong class="govuk-tag govuk-tag--green">
    {% govuk_error_summary_items form as items %}  [{"text", "href"}] for the error summary
    {% govuk_page_url 3 %}                      ?page=3 keeping the other query parameters

Filters
    {{ value|govuk_date }}            3 March 2026
    {{ value|govuk_date:"weekday" }}  Tuesday 3 March 2026
    {{ value|govuk_time }}            2:15pm / 10am / midday / midnight
    {{ value|govuk_datetime }}        3 March 2026 at 2:15pm
    {{ paginator|govuk_page_range:page_obj.number }}  used by the pagination component
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms.boundfield import BoundField
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .. import formatting
from ..renderers import govuk_template_name

register = template.Library()

TAG_COLOURS = {
    "",
    "grey",
    "green",
    "teal",
    "blue",
    "purple",
    "magenta",
    "red",
    "orange",
    "yellow",
}


@register.simple_tag
def nav_url(viewname: str, *args: Any, **kwargs: Any) -> str:
    """The URL for a named route, or "" when the name does not (yet) exist."""
    try:
        return reverse(viewname, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


@register.simple_tag
def govuk_field(
    field: BoundField,
    label_size: str = "",
    page_heading: bool = False,
) -> SafeString:
    """Render one field's GOV.UK form group, optionally with a bigger label or as the
    page heading (then the label or legend is the page's <h1>, size l unless given)."""
    if page_heading and not label_size:
        label_size = "l"
    context = {"field": field, "label_size": label_size, "page_heading": page_heading}
    return field.render(context=context)


@register.simple_tag
def govuk_tag(text: Any, colour: str = "") -> SafeString:
    """A GOV.UK tag. Colours: grey, green, teal, blue, purple, magenta, red, orange,
    yellow (blank is the default blue)."""
    colour = (colour or "").strip().lower()
    if colour not in TAG_COLOURS:
        raise template.TemplateSyntaxError(f"govuk_tag: unknown colour {colour!r}")
    classes = "govuk-tag" + (f" govuk-tag--{colour}" if colour else "")
    return format_html('<strong class="{}">{}</strong>', classes, text)


def _form_error_items(form: Any) -> list[dict[str, str]]:
    items: list[dict[str, str]] = []
    visible = [bf for bf in form if not bf.is_hidden]

    def target(bf: BoundField) -> str:
        target_id = getattr(bf, "govuk_error_target_id", None) or bf.id_for_label or bf.auto_id
        return f"#{target_id}" if target_id else ""

    first_href = target(visible[0]) if visible else ""
    for error in form.non_field_errors():
        items.append({"text": str(error), "href": first_href})
    for bf in form:
        for error in bf.errors:
            if bf.is_hidden:
                items.append({"text": str(error), "href": ""})
            else:
                items.append({"text": str(error), "href": target(bf)})
    return items


@register.simple_tag
def govuk_error_summary_items(*forms: Any) -> list[dict[str, str]]:
    """Every error of the given forms (or formsets) in page order, each with the link
    to the control it is about. Non-field errors link to the form's first field."""
    items: list[dict[str, str]] = []
    for form in forms:
        if form is None or form == "":
            continue
        if hasattr(form, "management_form"):  # a formset
            for error in form.non_form_errors():
                items.append({"text": str(error), "href": ""})
            for subform in form.forms:
                items.extend(_form_error_items(subform))
        else:
            items.extend(_form_error_items(form))
    return items


@register.filter
def govuk_date(value: Any, arg: str = "") -> str:
    if not value:
        return ""
    if isinstance(value, str):
        return value
    return formatting.govuk_date(value, weekday=arg == "weekday")


@register.filter
def govuk_time(value: Any) -> str:
    if not value or isinstance(value, str):
        return value or ""
    return formatting.govuk_time(value)


@register.filter
def govuk_datetime(value: Any) -> str:
    if not value or isinstance(value, str):
        return value or ""
    return formatting.govuk_datetime(value)


@register.simple_tag(takes_context=True)
def govuk_page_url(context: template.Context, number: int) -> str:
    """`?page=<number>` keeping the request's other query parameters (filters, sort)."""
    request = getattr(context, "request", None) or context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    params["page"] = str(number)
    return "?" + params.urlencode()


@register.filter
def govuk_page_range(paginator: Any, number: int) -> list[Any]:
    """Page numbers around `number`, with the paginator's ELLIPSIS between gaps:
    1 … 4 5 6 … 20, as the GOV.UK pagination component shows them."""
    return list(paginator.get_elided_page_range(number, on_each_side=1, on_ends=1))


@register.filter
def govuk_widget_template(template_name: str) -> str:
    """Used by the multi-widget template to draw each part with GOV.UK markup."""
    return govuk_template_name(template_name)
