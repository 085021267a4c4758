"""The glossary: seeded by migration, changed only by council administrators through audited
services, and every change is what the checker uses next."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from safetymap.audit.models import AuditEvent
from safetymap.core.versioning import StaleEditError
from safetymap.plain_language import services
from safetymap.plain_language.checker import Audience, Kind
from safetymap.plain_language.models import GlossaryTerm
from safetymap.plain_language.selectors import check_text, current_terms, target_for
from safetymap.plain_language.services import values_of

pytestmark = pytest.mark.django_db

PRACTICE_GUIDE_TERMS = [
    "neglect",
    "domestic violence",
    "domestic abuse",
    "substance misuse",
    "non-engagement",
    "hard to reach",
    "disguised compliance",
    "chaotic",
    "inappropriate",
    "presenting as",
    "good enough parenting",
    "significant harm",
    "LAC",
    "contact",
    "placement",
    "MASH",
    "ICPC",
    "RCPC",
    "CIN",
    "CP",
    "TAF",
    "s47",
    "PLO",
]


def terms_found(text, audience=Audience.PARENT):
    return [finding.term for finding in check_text(text, audience=audience).findings]


def add(actor, **values):
    defaults = {
        "term": "service user",
        "variants": "service users",
        "kind": Kind.LABEL,
        "suggestion": "Mum, or the person's name",
        "explanation": "People are not users of a service.",
    }
    return services.glossary_term_add(actor=actor, values={**defaults, **values})


def test_the_starter_glossary_holds_every_term_in_the_practice_guide():
    forms = {form.lower() for term in current_terms() for form in (term.term, *term.variant_list)}
    assert {term.lower() for term in PRACTICE_GUIDE_TERMS} <= forms
    assert current_terms().count() >= 45
    for term in PRACTICE_GUIDE_TERMS:
        assert terms_found(f"We talked about {term} today.") != [], term


def test_the_starter_terms_each_suggest_something_and_say_why():
    for term in current_terms():
        assert term.suggestion.strip() and term.explanation.strip(), term.term


def test_an_added_term_is_found_at_once_and_the_addition_is_audited(admin):
    assert terms_found("Mum is a service user.") == []
    term = add(admin)
    assert terms_found("Mum is a service user. They are service users.") == [
        "service user",
        "service user",
    ]
    event = AuditEvent.objects.get(object_uuid=term.uuid)
    assert event.action == "create" and event.actor == admin
    assert event.changes["term"] == {"old": None, "new": "service user"}


def test_a_changed_term_changes_the_findings_and_records_old_and_new(admin):
    term = GlossaryTerm.objects.get(term="contact")
    services.glossary_term_update(
        actor=admin,
        glossary_term=term,
        expected_version=term.version,
        values={
            "term": "contact",
            "variants": "",
            "kind": Kind.JARGON,
            "suggestion": "time together",
            "explanation": "",
        },
    )
    [finding] = check_text("Contact is on Sunday.", audience=Audience.PARENT).findings
    assert finding.suggestion == "time together"
    assert finding.message == "'Contact' is professional jargon. Instead, try: time together."
    event = AuditEvent.objects.get(object_uuid=term.uuid, action="update")
    assert event.changes["suggestion"]["new"] == "time together"
    assert "contact arrangements" in event.changes["variants"]["old"]


def test_a_retired_term_is_not_looked_for_and_can_be_brought_back(admin):
    term = GlossaryTerm.objects.get(term="chaotic")
    retired = services.glossary_term_retire(
        actor=admin, glossary_term=term, expected_version=term.version
    )
    assert terms_found("Mornings are chaotic.") == []
    assert GlossaryTerm.objects.filter(pk=term.pk).exists()  # retired, never deleted
    services.glossary_term_restore(
        actor=admin, glossary_term=retired, expected_version=retired.version
    )
    assert terms_found("Mornings are chaotic.") == ["chaotic"]
    actions = list(
        AuditEvent.objects.filter(object_uuid=term.uuid).values_list("action", flat=True)
    )
    assert sorted(actions) == ["remove", "update"]


def test_a_term_cannot_be_brought_back_when_its_words_were_added_since(admin):
    term = GlossaryTerm.objects.get(term="chaotic")
    retired = services.glossary_term_retire(actor=admin, glossary_term=term, expected_version=1)
    add(admin, term="Chaotic", variants="", kind=Kind.LABEL)
    with pytest.raises(ValidationError, match="already in the glossary"):
        services.glossary_term_restore(
            actor=admin, glossary_term=retired, expected_version=retired.version
        )


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"term": "Neglect"}, "term", "'Neglect' is already in the glossary, under 'neglect'"),
        ({"variants": "domestic-abuse"}, "variants", "under 'domestic violence'"),
        ({"variants": "people\nPeople"}, "variants", "'People' is listed twice"),
        ({"term": " - "}, "term", "Enter the term"),
        ({"suggestion": "  "}, "suggestion", "Enter what to say instead"),
        ({"kind": "slang"}, "kind", "Select what kind of term this is"),
    ],
)
def test_bad_terms_are_refused_with_nothing_saved(admin, values, field, message):
    before = GlossaryTerm.objects.count()
    with pytest.raises(ValidationError) as refused:
        add(admin, **values)
    assert message in " ".join(refused.value.message_dict[field])
    assert GlossaryTerm.objects.count() == before
    assert not AuditEvent.objects.filter(object_type="plain_language.glossaryterm").exists()


def test_only_council_administrators_may_change_the_glossary(worker):
    term = GlossaryTerm.objects.get(term="neglect")
    with pytest.raises(PermissionDenied):
        add(worker)
    with pytest.raises(PermissionDenied):
        services.glossary_term_retire(actor=worker, glossary_term=term, expected_version=1)
    with pytest.raises(PermissionDenied):
        services.glossary_term_update(
            actor=worker, glossary_term=term, expected_version=1, values=values_of(term)
        )
    assert terms_found("neglect") == ["neglect"]


def test_a_stale_change_is_refused(admin):
    term = GlossaryTerm.objects.get(term="placement")
    services.glossary_term_update(
        actor=admin,
        glossary_term=term,
        expected_version=1,
        values={**values_of(term), "suggestion": "home"},
    )
    with pytest.raises(StaleEditError):
        services.glossary_term_update(
            actor=admin,
            glossary_term=term,
            expected_version=1,
            values={**values_of(term), "suggestion": "house"},
        )
    term.refresh_from_db()
    assert term.suggestion == "home" and term.version == 2


def test_the_database_holds_one_current_term_per_name_in_any_case(admin):
    with pytest.raises(IntegrityError), transaction.atomic():
        GlossaryTerm.objects.create(term="NEGLECT", kind=Kind.LABEL, suggestion="x")
    retired = GlossaryTerm.objects.get(term="neglect")
    services.glossary_term_retire(actor=admin, glossary_term=retired, expected_version=1)
    GlossaryTerm.objects.create(term="Neglect", kind=Kind.LABEL, suggestion="y")


def test_targets_come_from_settings(settings):
    settings.SAFETYMAP_PLAIN_LANGUAGE_TARGETS = {
        **settings.SAFETYMAP_PLAIN_LANGUAGE_TARGETS,
        "parent": {"reading_age": 9, "sentence_words": 15},
    }
    target = target_for("parent")
    assert (target.reading_age, target.sentence_words) == (9, 15)
    assert target_for(Audience.CHILD).reading_age == 8
    assert target_for(Audience.PROFESSIONAL).reading_age == 16
