"""The council's glossary: the words the checker looks for, and what to say instead."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower

from safetymap.core.models import RemovableModel
from safetymap.plain_language.checker import GlossaryEntry, Kind

TERM_LENGTH = 100
SUGGESTION_LENGTH = 500
EXPLANATION_LENGTH = 1000


def split_variants(variants: str) -> tuple[str, ...]:
    """Other forms of a term, one a line, blank lines dropped."""
    return tuple(line.strip() for line in variants.splitlines() if line.strip())


class GlossaryTerm(RemovableModel):
    """One term. A retired term (`removed_at` set) is no longer looked for, and can be
    brought back."""

    term = models.CharField(max_length=TERM_LENGTH)
    variants = models.TextField(
        blank=True, help_text="Other forms of the term that mean the same, one a line."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    suggestion = models.TextField(max_length=SUGGESTION_LENGTH)
    explanation = models.TextField(max_length=EXPLANATION_LENGTH, blank=True)

    class Meta:
        ordering = [Lower("term")]
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                condition=models.Q(removed_at__isnull=True),
                name="plain_language_one_current_term",
            )
        ]

    def __str__(self) -> str:
        return self.term

    @property
    def variant_list(self) -> tuple[str, ...]:
        return split_variants(self.variants)

    def entry(self) -> GlossaryEntry:
        return GlossaryEntry(
            term=self.term,
            kind=Kind(self.kind),
            suggestion=self.suggestion,
            explanation=self.explanation,
            variants=self.variant_list,
        )
