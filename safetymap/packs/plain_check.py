"""The plain-language checker run over the words a pack would contain, section by section,
for the worker to look at before making it. It never stops a pack being made."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from safetymap.cases.pack_registry import CHILD
from safetymap.plain_language.checker import MAX_TEXT_LENGTH, Finding, Readability
from safetymap.plain_language.selectors import check_text


@dataclass(frozen=True)
class SectionCheck:
    title: str
    advice: tuple[tuple[str, int], ...]  # each finding's message once, with how many times
    readability: Readability

    @property
    def has_anything(self) -> bool:
        return bool(self.advice or self.readability.above_target)


def _advice(findings: tuple[Finding, ...]) -> tuple[tuple[str, int], ...]:
    """The same word in every rule is one piece of advice, not ten."""
    counted = Counter(finding.message for finding in findings)
    return tuple(counted.items())


def words_in(data: Any) -> list[str]:
    """Every piece of text in a section's data that a reader reads (not pictures)."""
    if isinstance(data, dict):
        return [text for value in data.values() for text in words_in(value)]
    if isinstance(data, list):
        return [text for value in data for text in words_in(value)]
    if isinstance(data, str) and data.strip() and not data.startswith("data:"):
        return [data.strip()]
    return []


def checker_audience(pack_audience: str) -> str:
    return "child" if pack_audience == CHILD else "parent"


def check_draft(draft: dict[str, Any], pack_audience: str) -> list[SectionCheck]:
    """What the checker found in each section of a draft, for the pack's reader; sections
    with nothing to say are left out."""
    audience = checker_audience(pack_audience)
    checks = []
    for section in draft["sections"]:
        # One paragraph per piece of text, so sentences are counted as the reader meets them.
        text = "\n\n".join(dict.fromkeys(words_in(section["data"])))[:MAX_TEXT_LENGTH]
        if not text:
            continue
        result = check_text(text, audience=audience)
        check = SectionCheck(
            title=section["title"],
            advice=_advice(result.findings),
            readability=result.readability,
        )
        if check.has_anything:
            checks.append(check)
    return checks
