"""The glossary form (council administrators) and the checker page's form (everyone)."""

from __future__ import annotations

from typing import Any

from django import forms

from safetymap.core.forms import VersionedForm
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukRadioSelect
from safetymap.plain_language.checker import MAX_TEXT_LENGTH, Audience, Kind
from safetymap.plain_language.models import (
    EXPLANATION_LENGTH,
    SUGGESTION_LENGTH,
    TERM_LENGTH,
    GlossaryTerm,
)
from safetymap.plain_language.services import values_of
from safetymap.plain_language.widgets import PlainLanguageTextarea


class GlossaryTermForm(VersionedForm):
    govuk_label_sizes = {"kind": "m"}

    term = forms.CharField(
        label="Term",
        help_text="As it is usually written. Write abbreviations in capitals, for example MASH.",
        max_length=TERM_LENGTH,
        error_messages={
            "required": "Enter the term",
            "max_length": f"The term must be {TERM_LENGTH} characters or fewer",
        },
    )
    variants = forms.CharField(
        label="Other forms of the term",
        help_text=(
            "One a line, for example ‘domestic abuse’ for ‘domestic violence’. Plurals and "
            "-ing and -ed forms are found without listing them."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(
        label="What kind of term is it?",
        choices=Kind.choices,
        widget=GovukRadioSelect(
            hints={
                Kind.LABEL: "A judgement that hides what happened, like ‘neglect’ or ‘chaotic’.",
                Kind.JARGON: "Words professionals use and families do not, like ‘placement’.",
                Kind.ACRONYM: "Letters that stand for words, like MASH. Explained ones are fine.",
            }
        ),
        error_messages={"required": "Select what kind of term this is"},
    )
    suggestion = forms.CharField(
        label="What to say instead",
        help_text=(
            "For a label, an example of saying what happened. For jargon, the everyday words. "
            "For an abbreviation, the words it stands for."
        ),
        max_length=SUGGESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter what to say instead",
            "max_length": f"What to say instead must be {SUGGESTION_LENGTH} characters or fewer",
        },
    )
    explanation = forms.CharField(
        label="Why",
        help_text="Shown to the worker with the finding.",
        required=False,
        max_length=EXPLANATION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": f"Why must be {EXPLANATION_LENGTH} characters or fewer",
        },
    )

    @staticmethod
    def initial_for(term: GlossaryTerm) -> dict[str, Any]:
        return {**values_of(term), "version": term.version}


class CheckForm(GovukForm):
    """Paste or type any wording and check it; works without JavaScript."""

    govuk_mark_optional = False

    audience = forms.ChoiceField(
        label="Who will read it?",
        choices=Audience.choices,
        initial=Audience.PARENT,
        widget=GovukRadioSelect(),
        error_messages={"required": "Select who will read it"},
    )

    text = forms.CharField(
        label="Wording to check",
        help_text="Paste or type what a family, a child or another professional will read.",
        max_length=MAX_TEXT_LENGTH,
        widget=PlainLanguageTextarea(attrs={"rows": 10}, audience=None, link_to_checker=False),
        error_messages={
            "required": "Enter the wording to check",
            "max_length": f"The wording must be {MAX_TEXT_LENGTH} characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Without JavaScript the findings under the box are drawn for the audience chosen.
        audience = self.data.get("audience") if self.is_bound else None
        widget = self.fields["text"].widget
        assert isinstance(widget, PlainLanguageTextarea)
        widget.audience = Audience(audience) if audience in Audience.values else None
