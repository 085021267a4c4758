"""Forms for every kind of record on the map. Field labels use the case's own wording."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from safetymap.cases.models import Case
from safetymap.core.forms import VersionedForm
from safetymap.govuk.fields import GovukDateField
from safetymap.mapping.models import FamilyView, GoalKind, GoalStatus, HowWeKnow, Part, RaterRole
from safetymap.mapping.selectors import current_goals, current_statements
from safetymap.plain_language.checker import Audience
from safetymap.plain_language.widgets import attach_plain_language

TEXTAREA = forms.Textarea(attrs={"rows": 3})
SHORT_TEXTAREA = forms.Textarea(attrs={"rows": 2})


class FamilyViewFields(forms.Form):
    family_view = forms.ChoiceField(
        label="What does the family think about this?",
        choices=FamilyView.choices,
        initial=FamilyView.NOT_ASKED,
        widget=forms.RadioSelect,
    )
    family_words = forms.CharField(
        label="The family's words (optional)",
        help_text="Write what they said in their own words.",
        required=False,
        widget=SHORT_TEXTAREA,
    )


def shared_with_family_field() -> forms.TypedChoiceField:
    """Values are "True"/"False" so a record's own value selects the right radio on edit."""
    return forms.TypedChoiceField(
        label="Is this shared with the family?",
        help_text="The map is built with the family. Say no only for what they must not be given.",
        choices=[
            ("True", "Yes, it goes in the family's documents"),
            ("False", "No, keep it out of the family's documents"),
        ],
        coerce=lambda value: value == "True",
        # Left unanswered (an older form, an API-style post), it keeps the default: shared.
        required=False,
        empty_value=True,  # type: ignore[arg-type]
        initial="True",
        widget=forms.RadioSelect,
    )


SAID_BY = forms.CharField(
    label="Who said this?",
    help_text="For example: Mum, the health visitor, Kian",
    required=False,
    max_length=200,
)


class MapItemForm(VersionedForm, FamilyViewFields):
    """One form for harm, complicating factors, strengths, safety, 'not sure yet' and
    bottom lines: each part shows only the fields it needs (see PART_FIELDS)."""

    text = forms.CharField(widget=TEXTAREA)
    when_happened = forms.CharField(label="When did it happen?", required=False, max_length=200)
    how_often = forms.CharField(
        label="How often?",
        help_text="For example: once, most weekends",
        required=False,
        max_length=200,
    )
    effect_on_child = forms.CharField(
        label="What was the effect on the child?", required=False, widget=SHORT_TEXTAREA
    )
    how_we_know = forms.ChoiceField(
        label="How do we know?", choices=HowWeKnow.choices, required=False, widget=forms.RadioSelect
    )
    danger_present = forms.TypedChoiceField(
        label="Was the danger there at the time?",
        help_text=(
            "Existing safety is protection someone gave while the danger was there. "
            "If it was not, we will file this as a strength."
        ),
        choices=[("yes", "Yes, the danger was there"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Why is this a bottom line?", widget=SHORT_TEXTAREA)
    said_by = SAID_BY
    shared_with_family = shared_with_family_field()

    TEXT_LABELS = {
        Part.HARM: (
            "What happened to the child?",
            "Say what the adult did or did not do. Use plain words, not labels.",
        ),
        Part.COMPLICATING: ("What makes this harder to sort out?", ""),
        Part.STRENGTH: ("What is working well?", "Good things: love, routines, people, resources."),
        Part.SAFETY: ("What did someone do to keep the child safe?", ""),
        Part.UNSURE: ("What are we not sure about, or need to find out?", ""),
        Part.BOTTOM_LINE: (
            "What must happen, whatever else changes?",
            "Say it plainly, for example: Dad is not alone with the children until ...",
        ),
    }
    PART_FIELDS = {
        Part.HARM: (
            "text",
            "when_happened",
            "how_often",
            "effect_on_child",
            "how_we_know",
            "said_by",
        ),
        Part.COMPLICATING: ("text", "said_by"),
        Part.STRENGTH: ("text", "said_by"),
        Part.SAFETY: ("text", "danger_present", "said_by"),
        Part.UNSURE: ("text", "said_by"),
        Part.BOTTOM_LINE: ("text", "reason", "said_by"),
    }
    WITH_FAMILY_VIEW = (Part.HARM, Part.COMPLICATING, Part.STRENGTH, Part.SAFETY, Part.BOTTOM_LINE)

    def __init__(self, *args: Any, part: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = set(self.PART_FIELDS[Part(part)]) | {"version", "shared_with_family"}
        if part in self.WITH_FAMILY_VIEW:
            keep |= {"family_view", "family_words"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        label, hint = self.TEXT_LABELS[Part(part)]
        self.fields["text"].label = label
        self.fields["text"].help_text = hint


class DangerStatementForm(VersionedForm, FamilyViewFields):
    who_is_worried = forms.CharField(
        label="Who is worried?",
        help_text=(
            "Name the people or services, for example: Ms Hughes at school and the social worker"
        ),
        max_length=300,
    )
    adult_behaviour = forms.CharField(
        label="What is the adult doing (or not doing) that worries them?",
        help_text="Say what happens, not a label like 'neglect' or 'domestic abuse'.",
        widget=TEXTAREA,
    )
    feared_for_child = forms.CharField(
        label="What do they think could happen to the child if nothing changes?",
        widget=TEXTAREA,
    )
    statement = forms.CharField(
        label="The statement",
        help_text="We write this from the three answers as you type. You can change the wording.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    dispute = forms.CharField(
        label="What the family disagree with, if anything (optional)",
        required=False,
        widget=SHORT_TEXTAREA,
    )
    shared_with_family = shared_with_family_field()

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Shared with the family: check the wording as the worker types.
        attach_plain_language(
            self, "adult_behaviour", "feared_for_child", "statement", audience=Audience.PARENT
        )


class SafetyGoalForm(VersionedForm):
    danger_statement: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        queryset=None,  # type: ignore[arg-type]  # set per case in __init__
        to_field_name="uuid",
        label="Which statement is this goal for?",
        empty_label=None,
        widget=forms.RadioSelect,
    )
    adults_will = forms.CharField(
        label="What will the adults be doing?",
        help_text="Say what will be happening, not what will have stopped.",
        widget=TEXTAREA,
    )
    child_will_experience = forms.CharField(
        label="What will the child notice or feel?", widget=TEXTAREA
    )
    who_will_see = forms.CharField(label="Who will see it happening?", max_length=300)
    how_long = forms.CharField(
        label="For how long must it be seen?", help_text="For example: six months", max_length=200
    )
    statement = forms.CharField(
        label="The goal",
        help_text="We write this from your answers as you type. You can change the wording.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    kind = forms.ChoiceField(
        label="Whose goal is this?",
        choices=GoalKind.choices,
        initial=GoalKind.FAMILY,
        widget=forms.RadioSelect,
    )
    status = forms.ChoiceField(
        choices=GoalStatus.choices, initial=GoalStatus.DRAFT, widget=forms.RadioSelect
    )
    shared_with_family = shared_with_family_field()

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["danger_statement"]
        field.queryset = current_statements(case)  # type: ignore[attr-defined]
        field.label_from_instance = lambda statement: statement.statement  # type: ignore[attr-defined]
        statements = list(field.queryset)  # type: ignore[attr-defined]
        if len(statements) == 1 and not self.is_bound and not self.initial.get("danger_statement"):
            self.initial["danger_statement"] = statements[0]
        attach_plain_language(
            self, "adults_will", "child_will_experience", "statement", audience=Audience.PARENT
        )


class NextStepForm(VersionedForm):
    action = forms.CharField(label="What needs to happen?", widget=SHORT_TEXTAREA)
    owner = forms.CharField(label="Who will do it?", max_length=200)
    due_on = GovukDateField(label="By when?")
    goal: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        queryset=None,  # type: ignore[arg-type]
        to_field_name="uuid",
        label="Which goal does this help with? (optional)",
        required=False,
        empty_label="Not linked to a goal",
    )
    done_on = GovukDateField(label="Date it was done (leave blank if not done yet)", required=False)
    shared_with_family = shared_with_family_field()

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goal = self.fields["goal"]
        goal.queryset = current_goals(case)  # type: ignore[attr-defined]
        goal.label_from_instance = lambda g: g.statement  # type: ignore[attr-defined]

    def clean_done_on(self) -> Any:
        done_on = self.cleaned_data.get("done_on")
        if done_on and done_on > timezone.localdate():
            raise forms.ValidationError("The date it was done must be today or in the past.")
        return done_on


def score_choices() -> list[tuple[str, str]]:
    step = Decimal("0.5") if settings.SAFETYMAP_SCALE_HALF_POINTS else Decimal(1)
    values = []
    value = Decimal(0)
    while value <= 10:
        values.append((str(value.normalize()), str(value.normalize())))
        value += step
    return values


class ScaleRatingForm(VersionedForm):
    danger_statement: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        queryset=None,  # type: ignore[arg-type]
        to_field_name="uuid",
        label="What is this scale about?",
        required=False,
        empty_label="The whole case (overall)",
    )
    rater_name = forms.CharField(
        label="Whose number is this?",
        help_text="For example: Mum, Kian, Grandma Pat",
        max_length=200,
    )
    rater_role = forms.ChoiceField(
        label="Their role", choices=RaterRole.choices, widget=forms.RadioSelect
    )
    rated_on = GovukDateField(label="Date")
    score = forms.TypedChoiceField(
        label="Their number, from 0 to 10",
        choices=score_choices,
        coerce=Decimal,
        widget=forms.RadioSelect(attrs={"class": "app-scale-radios"}),
    )
    reason = forms.CharField(
        label="Why this number and not a lower one?", help_text="In their words.", widget=TEXTAREA
    )
    one_point_higher = forms.CharField(
        label="What would one point higher look like?", required=False, widget=SHORT_TEXTAREA
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        statement = self.fields["danger_statement"]
        statement.queryset = current_statements(case)  # type: ignore[attr-defined]
        statement.label_from_instance = lambda s: s.statement  # type: ignore[attr-defined]

    def clean_rated_on(self) -> Any:
        rated_on = self.cleaned_data.get("rated_on")
        if rated_on and rated_on > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past.")
        return rated_on
