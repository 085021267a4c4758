"""Reads: the glossary, the audiences' targets, and the check every caller uses.

The glossary and the targets belong to the council, not to a case, so every signed-in user
may read them; only council administrators change the glossary (see policies).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from safetymap.plain_language.checker import Audience, CheckResult, GlossaryEntry, Target, check
from safetymap.plain_language.models import GlossaryTerm


def current_terms() -> QuerySet[GlossaryTerm]:
    """Terms the checker looks for, A to Z."""
    return GlossaryTerm.objects.filter(removed_at__isnull=True)


def retired_terms() -> QuerySet[GlossaryTerm]:
    return GlossaryTerm.objects.filter(removed_at__isnull=False)


def get_term(term_uuid: uuid.UUID) -> GlossaryTerm:
    """A term, current or retired (404 if there is none)."""
    term: GlossaryTerm = get_object_or_404(GlossaryTerm, uuid=term_uuid)
    return term


def glossary_entries() -> tuple[GlossaryEntry, ...]:
    """The current glossary as the checker takes it, in one query."""
    return tuple(term.entry() for term in current_terms())


def target_for(audience: Audience | str) -> Target:
    """The council's target for an audience (settings.SAFETYMAP_PLAIN_LANGUAGE_TARGETS)."""
    audience = Audience(audience)
    values = settings.SAFETYMAP_PLAIN_LANGUAGE_TARGETS[audience.value]
    return Target(
        audience=audience,
        reading_age=int(values["reading_age"]),
        sentence_words=int(values["sentence_words"]),
    )


def check_text(text: str, *, audience: Audience | str) -> CheckResult:
    """The one way pages, the API and the command check a text: the council's glossary and
    the audience's target, handed to the pure checker."""
    return check(text, glossary=glossary_entries(), target=target_for(audience))
