"""Forms for safety plans. People are chosen from the case (people on it) and from staff
(the allocated workers, the team's managers and the person filling in the form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases.models import Case, CaseMember
from safetymap.core.forms import VersionedForm
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukCheckboxSelectMultiple, GovukRadioSelect
from safetymap.mapping.selectors import current_statements
from safetymap.networks.models import NetworkRoleKind
from safetymap.plain_language.widgets import attach_plain_language
from safetymap.safety_plans import selectors
from safetymap.safety_plans.models import CheckOutcome, PlanKind, PlanRule, PlanVersion
from safetymap.safety_plans.services import Agreer

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _member_label(member: CaseMember) -> str:
    return f"{member.person.full_name} ({member.get_relationship_display()})"


def _staff_label(user: User) -> str:
    return f"{user.get_full_name()} ({user.job_title or user.get_role_display()})"


class PeopleChoices:
    """People on the case and staff offered as one list of choices: "member:<uuid>" and
    "staff:<uuid>", turned back into `Agreer`s."""

    def __init__(self, case: Case, actor: User) -> None:
        self.members = {str(m.uuid): m for m in selectors.people_on_case(case)}
        self.staff = {str(u.uuid): u for u in selectors.staff_for(case, actor)}

    def choices(self) -> list[tuple[str, str]]:
        return [(f"member:{key}", _member_label(m)) for key, m in self.members.items()] + [
            (f"staff:{key}", _staff_label(u)) for key, u in self.staff.items()
        ]

    def agreer(self, value: str) -> Agreer:
        kind, _, key = value.partition(":")
        if kind == "member":
            return Agreer(member=self.members[key])
        return Agreer(staff=self.staff[key])


class PeopleMixin:
    """A form offering people on the case and staff in the field named `people_field`."""

    people_field: str
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, case: Case, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = PeopleChoices(case, actor)
        self.fields[self.people_field].choices = self.people.choices()  # type: ignore[attr-defined]


class PlanCreateForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of plan is this?",
        choices=PlanKind.choices,
        widget=GovukRadioSelect(
            hints={
                PlanKind.IMMEDIATE: "What will keep the child safe now, while the work goes on.",
                PlanKind.LONG_TERM: "The family's own rules, tested over time, for when "
                "professionals step back.",
            }
        ),
    )
    title = forms.CharField(
        label="Name of the plan",
        help_text="For example: Plan for when Dad comes home",
        max_length=200,
    )


class PlanDetailsForm(VersionedForm):
    how_we_know_working = forms.CharField(
        label="How will everyone know the plan is working?",
        help_text="What will people see, hear or be told? Who will notice?",
        required=False,
        widget=TEXTAREA,
    )
    if_not_working = forms.CharField(
        label="What will happen if the plan is not working?",
        required=False,
        widget=TEXTAREA,
    )
    review_on = forms.DateField(label="When will the plan be reviewed?", required=False)
    testing_until = forms.DateField(
        label="When will the testing period end?",
        help_text="Usually a few weeks to a few months after the plan is agreed.",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attach_plain_language(self, "how_we_know_working", "if_not_working", audience="parent")


class RuleForm(PeopleMixin, VersionedForm):
    people_field = "responsible"

    adult_words = forms.CharField(
        label="The rule, in the adults' words",
        help_text="Say exactly what will happen. For example: Mum will not drink when the "
        "children are at home.",
        widget=TEXTAREA,
    )
    child_words = forms.CharField(
        label="The rule, in words the child will understand",
        help_text="For example: Mummy won't have any beer or wine when I'm at home.",
        widget=TEXTAREA,
    )
    danger_statement: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label="Which worry does this rule keep the child safe from?",
        queryset=None,  # set per case
        widget=forms.RadioSelect,
    )
    responsible = forms.MultipleChoiceField(
        label="Who will make sure this happens?",
        help_text="Select everyone responsible: people in the family and network, and staff.",
        widget=GovukCheckboxSelectMultiple,
    )
    how_checked = forms.CharField(label="How will it be checked?", widget=TEXTAREA)
    how_often = forms.CharField(
        label="How often will it be checked?",
        help_text="For example: every evening, at each family time",
        max_length=200,
    )
    network_role = forms.ChoiceField(
        label="Which role in the safety network does this rule need? (optional)",
        help_text="The network page shows when no one has taken this role on.",
        choices=[("", "No particular role"), *NetworkRoleKind.choices],
        required=False,
    )

    def __init__(self, *args: Any, case: Case, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, case=case, actor=actor, **kwargs)
        self.fields["danger_statement"].queryset = current_statements(case)  # type: ignore[attr-defined]
        self.fields["danger_statement"].label_from_instance = lambda s: s.statement  # type: ignore[attr-defined]
        attach_plain_language(self, "adult_words", audience="parent")
        attach_plain_language(self, "child_words", audience="child")

    def service_values(self) -> dict[str, Any]:
        values = super().service_values()
        agreers = [self.people.agreer(value) for value in values.pop("responsible")]
        values["responsible_members"] = [a.member for a in agreers if a.member]
        values["responsible_staff"] = [a.staff for a in agreers if a.staff]
        return values

    @staticmethod
    def initial_for(rule: PlanRule) -> dict[str, Any]:
        responsible = [f"member:{m.uuid}" for m in rule.responsible_members.all()] + [
            f"staff:{u.uuid}" for u in rule.responsible_staff.all()
        ]
        return {
            "adult_words": rule.adult_words,
            "child_words": rule.child_words,
            "danger_statement": rule.danger_statement_id,
            "responsible": responsible,
            "how_checked": rule.how_checked,
            "how_often": rule.how_often,
            "network_role": rule.network_role,
            "version": rule.version,
        }


class WarningSignForm(VersionedForm):
    sign = forms.CharField(
        label="The warning sign",
        help_text="What would tell people the danger is coming back? For example: Dad not "
        "answering his phone on a Friday night.",
        widget=TEXTAREA,
    )
    what_to_do = forms.CharField(label="What will people do if they see it?", widget=TEXTAREA)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attach_plain_language(self, "sign", "what_to_do", audience="parent")


class ContactForm(VersionedForm):
    name = forms.CharField(label="Who to call", max_length=200)
    number = forms.CharField(label="Phone number", max_length=60)
    when = forms.CharField(
        label="When to call them",
        help_text="For example: if Mum has been drinking and the children are at home",
        max_length=300,
    )


LINE_FORMS: dict[str, type[VersionedForm]] = {
    "rules": RuleForm,
    "warning-signs": WarningSignForm,
    "contacts": ContactForm,
}


class AgreeForm(PeopleMixin, VersionedForm):
    people_field = "agreers"

    agreers = forms.MultipleChoiceField(
        label="Who agreed the plan?",
        help_text="Select everyone who agreed it on this date. You can add people who agree later.",
        widget=GovukCheckboxSelectMultiple,
    )
    agreed_on = forms.DateField(label="When did they agree it?")

    def clean_agreed_on(self) -> Any:
        agreed_on = self.cleaned_data["agreed_on"]
        if agreed_on > timezone.localdate():
            raise forms.ValidationError("The date they agreed must be today or in the past")
        return agreed_on

    def chosen(self) -> list[Agreer]:
        return [self.people.agreer(value) for value in self.cleaned_data["agreers"]]


class StartTestingForm(VersionedForm):
    started_on = forms.DateField(label="When does testing start?")
    testing_until = forms.DateField(label="When does the testing period end?", required=False)


class CompleteForm(VersionedForm):
    completed_on = forms.DateField(label="When was the plan completed?")


class CheckForm(GovukForm):
    rule = forms.ChoiceField(label="Which rule was checked?", widget=forms.RadioSelect)
    checked_on = forms.DateField(label="When was it checked?")
    checked_by = forms.ChoiceField(label="Who checked?")
    outcome = forms.ChoiceField(
        label="Was the rule followed?", choices=CheckOutcome.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label="Notes",
        help_text="What happened, in the words of the people who told you.",
        required=False,
        widget=TEXTAREA,
    )

    def __init__(self, *args: Any, version: PlanVersion, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = PeopleChoices(version.plan.case, actor)
        self.rules = {str(rule.uuid): rule for rule in version.live_rules}  # type: ignore[attr-defined]
        self.fields["rule"].choices = [  # type: ignore[attr-defined]
            (key, rule.adult_words) for key, rule in self.rules.items()
        ]
        self.fields["checked_by"].choices = [  # type: ignore[attr-defined]
            ("", "Choose a person"),
            *self.people.choices(),
        ]

    def clean_checked_on(self) -> Any:
        checked_on = self.cleaned_data["checked_on"]
        if checked_on > timezone.localdate():
            raise forms.ValidationError("The date of the check must be today or in the past")
        return checked_on

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "rule": self.rules[data["rule"]],
            "checked_by": self.people.agreer(data["checked_by"]),
            "checked_on": data["checked_on"],
            "outcome": data["outcome"],
            "notes": data["notes"],
        }


class CompareForm(GovukForm):
    from_ = forms.TypedChoiceField(label="From version", coerce=int)
    to = forms.TypedChoiceField(label="To version", coerce=int)

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(n), f"Version {n}") for n in numbers]
        self.fields["from_"].choices = choices  # type: ignore[attr-defined]
        self.fields["to"].choices = choices  # type: ignore[attr-defined]
