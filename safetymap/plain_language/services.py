"""Every change to the glossary. Each is atomic, refused unless the actor is a council
administrator, checked against the version the administrator saw, and audited."""

from __future__ import annotations

from typing import TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from safetymap.accounts.models import User
from safetymap.audit.services import audited_create, audited_remove, audited_update
from safetymap.plain_language.checker import Kind
from safetymap.plain_language.models import GlossaryTerm, split_variants
from safetymap.plain_language.policies import can_manage_glossary
from safetymap.plain_language.selectors import current_terms

NOT_ALLOWED = "Only a council administrator can change the plain-language glossary."


def _require_administrator(actor: User) -> None:
    if not can_manage_glossary(actor):
        raise PermissionDenied(NOT_ALLOWED)


def _key(form: str) -> str:
    """How two forms are compared: words only, any case, spaces and hyphens alike."""
    return " ".join(form.replace("-", " ").lower().split())


class TermValues(TypedDict):
    term: str
    variants: str
    kind: str
    suggestion: str
    explanation: str


def values_of(glossary_term: GlossaryTerm) -> TermValues:
    return {
        "term": glossary_term.term,
        "variants": glossary_term.variants,
        "kind": glossary_term.kind,
        "suggestion": glossary_term.suggestion,
        "explanation": glossary_term.explanation,
    }


def _clean_values(values: TermValues, *, keep: int | None) -> TermValues:
    """The values to save, or a ValidationError saying which field is wrong and why.
    No form (the term or a variant) may already be a form of another current term."""
    term = " ".join(values["term"].split())
    forms = [term, *split_variants(values["variants"])]
    errors: dict[str, str] = {}
    if not any(char.isalnum() for char in term):
        errors["term"] = "Enter the term"
    if values["kind"] not in Kind.values:
        errors["kind"] = "Select what kind of term this is"
    if not values["suggestion"].strip():
        errors["suggestion"] = "Enter what to say instead"
    others = current_terms() if keep is None else current_terms().exclude(pk=keep)
    taken = {
        _key(form): other.term for other in others for form in (other.term, *other.variant_list)
    }
    seen: set[str] = set()
    for index, form in enumerate(forms):
        field = "term" if index == 0 else "variants"
        if _key(form) in taken and field not in errors:
            errors[field] = f"'{form}' is already in the glossary, under '{taken[_key(form)]}'"
        elif _key(form) in seen and field not in errors:
            errors[field] = f"'{form}' is listed twice"
        seen.add(_key(form))
    if errors:
        raise ValidationError(errors)
    return {
        "term": term,
        "variants": "\n".join(forms[1:]),
        "kind": values["kind"],
        "suggestion": values["suggestion"].strip(),
        "explanation": values["explanation"].strip(),
    }


@transaction.atomic
def glossary_term_add(*, actor: User, values: TermValues) -> GlossaryTerm:
    _require_administrator(actor)
    cleaned = _clean_values(values, keep=None)
    return audited_create(
        actor=actor,
        model=GlossaryTerm,
        case_uuid=None,
        summary=f"Glossary term '{cleaned['term']}' added",
        fields=cleaned,
    )


@transaction.atomic
def glossary_term_update(
    *,
    actor: User,
    glossary_term: GlossaryTerm,
    expected_version: int | None,
    values: TermValues,
) -> GlossaryTerm:
    _require_administrator(actor)
    return audited_update(
        actor=actor,
        instance=glossary_term,
        expected_version=expected_version,
        changes=_clean_values(values, keep=glossary_term.pk),
        case_uuid=None,
        summary=f"Glossary term '{glossary_term.term}' changed",
    )


@transaction.atomic
def glossary_term_retire(
    *, actor: User, glossary_term: GlossaryTerm, expected_version: int | None
) -> GlossaryTerm:
    """Stop looking for the term. It stays in the list of retired terms, and in the history."""
    _require_administrator(actor)
    return audited_remove(
        actor=actor,
        instance=glossary_term,
        expected_version=expected_version,
        case_uuid=None,
        summary=f"Glossary term '{glossary_term.term}' retired",
    )


@transaction.atomic
def glossary_term_restore(
    *, actor: User, glossary_term: GlossaryTerm, expected_version: int | None
) -> GlossaryTerm:
    """Look for a retired term again, unless one of its forms has been added since."""
    _require_administrator(actor)
    _clean_values(values_of(glossary_term), keep=glossary_term.pk)
    return audited_update(
        actor=actor,
        instance=glossary_term,
        expected_version=expected_version,
        changes={"removed_at": None},
        case_uuid=None,
        summary=f"Glossary term '{glossary_term.term}' brought back",
    )
