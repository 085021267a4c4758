"""The textarea that checks its own wording as the worker types (see the app's docstring)."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.urls import reverse

from safetymap.plain_language.checker import Audience, warm_up
from safetymap.plain_language.selectors import check_text

# What htmx sends: the text (under the field's own name), which field that is, and the audience.
FIELD_PARAM = "field"
AUDIENCE_PARAM = "audience"
LINK_PARAM = "link"  # "1": the findings link to the checker page


def findings_id(widget_id: str) -> str:
    return f"{widget_id}-plain-language"


class PlainLanguageTextarea(forms.Textarea):
    """A GOV.UK textarea with the checker's findings under it.

    As the worker types (htmx: a pause of 600 ms after a key, or leaving the box), the text is
    posted to `plain_language:live`, which answers with the findings partial. The findings for
    the text already in the box are drawn with the page, so they show without JavaScript too
    (on an edit page, or after a form is sent back with errors). It never blocks saving.

    `audience=None` takes the audience from a field called `audience` in the same form (the
    checker page's radios). Under the findings is a link to the checker page, which works
    without JavaScript; the checker page itself leaves it out (`link_to_checker=False`).
    """

    template_name = "plain_language/widgets/textarea.html"

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        *,
        audience: Audience | str | None,
        link_to_checker: bool = True,
    ) -> None:
        super().__init__(attrs)
        self.audience = Audience(audience) if audience else None
        self.link_to_checker = link_to_checker

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        target = findings_id(widget["attrs"].get("id") or f"id_{name}")
        values = {FIELD_PARAM: name}
        if self.audience:
            values[AUDIENCE_PARAM] = self.audience.value
        if self.link_to_checker:
            values[LINK_PARAM] = "1"
        widget["attrs"].update(
            {
                "hx-post": reverse("plain_language:live"),
                "hx-trigger": "keyup changed delay:600ms, change",
                "hx-target": f"#{target}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
                "hx-vals": json.dumps(values),
                "hx-params": ",".join((name, FIELD_PARAM, AUDIENCE_PARAM, LINK_PARAM)),
            }
        )
        text = str(value or "")
        widget["findings_id"] = target
        widget["result"] = None
        if text.strip():
            widget["result"] = check_text(text, audience=self.audience or Audience.PARENT)
        else:
            warm_up()  # nothing to check yet: get textstat ready for the first live check
        widget["checker_url"] = reverse("plain_language:check") if self.link_to_checker else ""
        return context


def attach_plain_language(form: forms.Form, *names: str, audience: Audience | str) -> None:
    """Check these textareas of `form` as the worker types, for `audience`. Call it at the end
    of the form's __init__; the fields keep their other settings (rows, classes)."""
    for name in names:
        field = form.fields[name]
        field.widget = PlainLanguageTextarea(attrs=dict(field.widget.attrs), audience=audience)
