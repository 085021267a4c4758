"""The plain-language checker: one pure function, `check`, that every page, the API and the
command use (through `selectors.check_text`, which supplies the council's glossary and the
audience's target).

It finds three things in a text a family or child will read:

- glossary terms (labels and jargon): whole words, any case, across spaces or hyphens
  ("non engagement" = "non-engagement"), with simple plural, -ing and -ed forms of the last
  word ("placements", "neglecting"). A form written in capitals ("LAC") matches only in
  capitals, so "LAC" is not found in "lac";
- abbreviations: two or more capital letters ("MASH", "CPs") or a section number ("s47",
  "s.20"), each counted and marked explained or not. An abbreviation is explained when the
  words come first and their initials spell it ("multi-agency safeguarding hub (MASH)";
  "of", "the", "and" may be skipped), when words in brackets follow it ("MASH (the team
  that first hears about worries)"), or, for a section number, when "section 47" is written
  out. Once explained, every later use is fine;
- readability (textstat, offline): a reading age (Flesch–Kincaid grade + 5, from 10 words
  up), words per sentence, and the sentences longer than the audience's limit.

Audiences decide what is a finding:
- parent and child: labels, jargon and unexplained abbreviations;
- professional: labels (a label hides what happened from any reader) and unexplained
  abbreviations; professional jargon ("placement", "contact") is accepted between
  professionals, and an explained abbreviation is fine for everyone.
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import textstat
from django.db import models


class Kind(models.TextChoices):
    JARGON = "jargon", "Jargon"
    LABEL = "label", "Label"
    ACRONYM = "acronym", "Abbreviation"


class Audience(models.TextChoices):
    PARENT = "parent", "Parents and carers"
    CHILD = "child", "Children and young people"
    PROFESSIONAL = "professional", "Professionals"


READERS = {
    Audience.PARENT: "parents",
    Audience.CHILD: "children",
    Audience.PROFESSIONAL: "professionals",
}
FLAGGED_KINDS = {
    Audience.PARENT: frozenset({Kind.LABEL, Kind.JARGON}),
    Audience.CHILD: frozenset({Kind.LABEL, Kind.JARGON}),
    Audience.PROFESSIONAL: frozenset({Kind.LABEL}),
}

# Abbreviations every family knows: never a finding unless the council's glossary lists them.
WELL_KNOWN_ACRONYMS = frozenset({"GP", "NHS", "UK", "TV", "OK", "ID", "PE", "DVD", "PC", "IT"})
# The longest text checked at once (a page of a family's documents is far shorter).
MAX_TEXT_LENGTH = 20_000
# Below this many words a reading age says nothing useful.
MIN_WORDS_FOR_READING_AGE = 10
# Flesch–Kincaid gives US school grades; a child in grade 1 is about 6.
GRADE_TO_AGE = 5
YOUNGEST_READING_AGE = 5


@dataclass(frozen=True)
class Target:
    """What a text for one audience should need: at most this reading age, and no sentence
    longer than `sentence_words` words."""

    audience: Audience
    reading_age: int
    sentence_words: int


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    kind: Kind
    suggestion: str
    explanation: str = ""
    variants: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.variants)


@dataclass(frozen=True)
class Finding:
    term: str  # the glossary term, or the abbreviation
    text: str  # the words exactly as written: text[start:end]
    start: int
    end: int
    kind: Kind
    suggestion: str
    explanation: str
    message: str


@dataclass(frozen=True)
class AcronymUse:
    acronym: str
    count: int
    explained: bool
    suggestion: str


@dataclass(frozen=True)
class LongSentence:
    start: int
    end: int
    words: int
    text: str


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    words_per_sentence: float
    grade: float | None
    reading_age: int | None
    long_sentences: tuple[LongSentence, ...]
    target: Target
    above_target: bool
    message: str


@dataclass(frozen=True)
class CheckResult:
    audience: Audience
    findings: tuple[Finding, ...]
    acronyms: tuple[AcronymUse, ...]
    readability: Readability

    @property
    def grouped_findings(self) -> list[tuple[Finding, int]]:
        """Each term once (where it is first used) with how many times it is used: what a
        page shows, where the API lists every use."""
        groups: dict[tuple[str, str], list[Finding]] = {}
        for finding in self.findings:
            groups.setdefault((finding.term, finding.text.lower()), []).append(finding)
        return [(uses[0], len(uses)) for uses in groups.values()]

    @property
    def things_to_look_at(self) -> int:
        """Terms found, plus one for a reading age above target, plus one per long sentence."""
        return (
            len(self.grouped_findings)
            + int(self.readability.above_target)
            + len(self.readability.long_sentences)
        )


# --- Glossary matching -----------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
JOINER = re.compile(r"[\s\-–]+")  # what may come between the words of a term


def _is_capitals(form: str) -> bool:
    letters = [char for char in form if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _words(form: str) -> tuple[str, ...]:
    return tuple(match.group() for match in WORD.finditer(form))


def _stems(word: str) -> Iterator[str]:
    """The word itself and what it may be a simple plural, -ing or -ed form of."""
    yield word
    word = re.sub(r"['’]s$", "", word)
    yield word
    for suffix, replacements in (
        ("ies", ("y",)),
        ("es", ("", "e")),
        ("s", ("",)),
        ("ing", ("", "e")),
        ("ied", ("y",)),
        ("ed", ("", "e")),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            for replacement in replacements:
                yield word[: -len(suffix)] + replacement


@dataclass(frozen=True)
class CompiledGlossary:
    """Terms keyed by their words: lower case, or exactly as written for capitals."""

    phrases: dict[tuple[str, ...], GlossaryEntry]
    capitals: dict[tuple[str, ...], GlossaryEntry]
    acronyms: dict[str, GlossaryEntry]  # abbreviation-kind entries, by their letters
    longest: int


@functools.lru_cache(maxsize=8)
def compile_glossary(entries: tuple[GlossaryEntry, ...]) -> CompiledGlossary:
    phrases: dict[tuple[str, ...], GlossaryEntry] = {}
    capitals: dict[tuple[str, ...], GlossaryEntry] = {}
    acronyms: dict[str, GlossaryEntry] = {}
    for entry in entries:
        for form in entry.forms:
            words = _words(form)
            if not words:
                continue
            if entry.kind == Kind.ACRONYM:
                acronyms[acronym_key(form)] = entry
            elif _is_capitals(form):
                capitals[words] = entry
            else:
                phrases[tuple(word.lower() for word in words)] = entry
    longest = max((len(key) for key in (*phrases, *capitals)), default=1)
    return CompiledGlossary(phrases, capitals, acronyms, longest)


def _term_at(
    glossary: CompiledGlossary, tokens: list[re.Match[str]], text: str, index: int
) -> tuple[int, GlossaryEntry] | None:
    """The longest glossary term starting at tokens[index]: (number of words, entry)."""
    for length in range(min(glossary.longest, len(tokens) - index), 0, -1):
        run = tokens[index : index + length]
        gaps = (text[a.end() : b.start()] for a, b in itertools.pairwise(run))
        if not all(JOINER.fullmatch(gap) for gap in gaps):
            continue
        words = [token.group() for token in run]
        for last in (words[-1], words[-1].removesuffix("s")):
            capital_entry = glossary.capitals.get((*words[:-1], last))
            if capital_entry is not None:
                return length, capital_entry
        lower = [word.lower() for word in words]
        for stem in _stems(lower[-1]):
            entry = glossary.phrases.get((*lower[:-1], stem))
            if entry is not None:
                return length, entry
    return None


def _glossary_matches(
    text: str, glossary: CompiledGlossary
) -> Iterator[tuple[int, int, GlossaryEntry]]:
    tokens = list(WORD.finditer(text))
    index = 0
    while index < len(tokens):
        found = _term_at(glossary, tokens, text, index)
        if found is None:
            index += 1
            continue
        length, entry = found
        yield tokens[index].start(), tokens[index + length - 1].end(), entry
        index += length


# --- Abbreviations ---------------------------------------------------------------------------

ACRONYM = re.compile(r"(?<![\w&])(?:[A-Z]{2,}(?:s(?![\w]))?|[sS]\.?\d{1,3})(?![\w&])")
SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "a", "an", "with", "at"})
EXPLAINING_WORDS = 2  # words in brackets after an abbreviation that count as explaining it


def acronym_key(written: str) -> str:
    """'CPs' -> 'CP', 's.47' -> 'S47': one key however it is written."""
    written = written.replace(".", "").strip()
    if re.fullmatch(r"[sS]\d+", written):
        return written.upper()
    return written[:-1] if written.endswith("s") and written[:-1].isupper() else written


def _initials(words: Iterable[str]) -> str:
    return "".join(word[0] for word in words).lower()


def _spelt_out_before(text: str, key: str) -> bool:
    """'... words whose initials spell it (KEY)'."""
    for match in re.finditer(rf"\(\s*{re.escape(key)}s?\s*\)", text):
        words = [
            word
            for word in re.split(r"[\s\-–,]+", text[: match.start()])
            if word and word[0].isalnum()
        ][-(len(key) + 4) :]
        for start in range(len(words)):
            tail = words[start:]
            if key.lower() in (
                _initials(tail),
                _initials(word for word in tail if word.lower() not in SMALL_WORDS),
            ):
                return True
    return False


def _explained_after(text: str, key: str) -> bool:
    """'KEY (words that say what it is)'."""
    for match in re.finditer(rf"(?<!\w){re.escape(key)}s?\s*\(([^)]*)\)", text):
        if len(_words(match.group(1))) >= EXPLAINING_WORDS:
            return True
    return False


def is_explained(text: str, key: str) -> bool:
    section = re.fullmatch(r"S(\d+)", key)
    if section:
        return re.search(rf"\bsection\s+{section.group(1)}\b", text, re.IGNORECASE) is not None
    return _spelt_out_before(text, key) or _explained_after(text, key)


# --- Readability -----------------------------------------------------------------------------

SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def _sentences(text: str) -> Iterator[LongSentence]:
    """Each sentence (a line break ends one too) with its span and number of words."""
    for match in SENTENCE.finditer(text):
        stripped = match.group().strip()
        words = len(_words(stripped))
        if words:
            start = match.start() + (len(match.group()) - len(match.group().lstrip()))
            yield LongSentence(start, start + len(stripped), words, stripped)


def _reading_age_message(age: int | None, target: Target, long: int) -> str:
    readers = READERS[target.audience]
    parts = []
    if age is None:
        parts.append("Too short to give a reading age.")
    elif age > target.reading_age:
        parts.append(
            f"Reading age about {age}: above the target of {target.reading_age} for "
            f"{readers}. Use shorter sentences and everyday words."
        )
    else:
        parts.append(
            f"Reading age about {age}: within the target of {target.reading_age} for {readers}."
        )
    if long:
        parts.append(
            f"{long} sentence{'s are' if long > 1 else ' is'} longer than "
            f"{target.sentence_words} words."
        )
    return " ".join(parts)


def readability(text: str, target: Target) -> Readability:
    sentences = list(_sentences(text))
    words = sum(sentence.words for sentence in sentences)
    grade: float | None = None
    age: int | None = None
    if words >= MIN_WORDS_FOR_READING_AGE:
        # textstat ends sentences only at . ! ?; give it the same sentences as ours.
        joined = " ".join(s.text if s.text[-1] in ".!?" else f"{s.text}." for s in sentences)
        grade = round(float(textstat.flesch_kincaid_grade(joined)), 1)
        age = max(YOUNGEST_READING_AGE, round(grade + GRADE_TO_AGE))
    long = tuple(sentence for sentence in sentences if sentence.words > target.sentence_words)
    return Readability(
        words=words,
        sentences=len(sentences),
        words_per_sentence=round(words / len(sentences), 1) if sentences else 0.0,
        grade=grade,
        reading_age=age,
        long_sentences=long,
        target=target,
        above_target=age is not None and age > target.reading_age,
        message=_reading_age_message(age, target, len(long)),
    )


_warming = threading.Lock()


def warm_up() -> None:
    """Load textstat's pronouncing dictionary in the background, once per process.

    The first reading age a process works out takes seconds (textstat loads cmudict); a
    page with a checked textarea calls this, so that by the time the worker has typed
    something the first live check is as quick as the rest."""
    if _warming.acquire(blocking=False):  # never released: one warm-up per process
        threading.Thread(
            target=textstat.flesch_kincaid_grade, args=("Warm up now.",), daemon=True
        ).start()


# --- The check -------------------------------------------------------------------------------


def _sentence_end(suggestion: str) -> str:
    suggestion = suggestion.strip()
    return (
        suggestion if suggestion.endswith((".", "!", "?", "’", "'", '"', "”")) else f"{suggestion}."
    )


def finding_message(kind: Kind, written: str, suggestion: str) -> str:
    if kind == Kind.LABEL:
        opening = f"'{written}' is a label. Say what happened instead"
        return (
            f"{opening}, for example: {_sentence_end(suggestion)}" if suggestion else f"{opening}."
        )
    if kind == Kind.JARGON:
        opening = f"'{written}' is professional jargon"
        return (
            f"{opening}. Instead, try: {_sentence_end(suggestion)}" if suggestion else f"{opening}."
        )
    opening = f"'{written}' is an abbreviation that is not explained"
    if suggestion:
        return f"{opening}. Write it in words, for example: {_sentence_end(suggestion)}"
    return (
        f"{opening}. Use the words instead, or write them in full the first time with the "
        "letters after them in brackets."
    )


def _term_findings(
    matches: list[tuple[int, int, GlossaryEntry]], text: str, audience: Audience
) -> list[Finding]:
    flagged = FLAGGED_KINDS[audience]
    return [
        Finding(
            term=entry.term,
            text=text[start:end],
            start=start,
            end=end,
            kind=entry.kind,
            suggestion=entry.suggestion,
            explanation=entry.explanation,
            message=finding_message(entry.kind, text[start:end], entry.suggestion),
        )
        for start, end, entry in matches
        if entry.kind in flagged
    ]


def _acronym_uses(
    text: str, glossary: CompiledGlossary, taken: list[tuple[int, int, GlossaryEntry]]
) -> tuple[list[Finding], list[AcronymUse]]:
    """Findings for each use of an unexplained abbreviation, and every abbreviation counted."""
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    explained: dict[str, bool] = {}
    for match in ACRONYM.finditer(text):
        if any(start <= match.start() < end for start, end, _ in taken):
            continue  # already found as a glossary term (for example "LAC", a label)
        key = acronym_key(match.group())
        entry = glossary.acronyms.get(key)
        if entry is None and key in WELL_KNOWN_ACRONYMS:
            continue
        counts[key] = counts.get(key, 0) + 1
        if key not in explained:
            explained[key] = is_explained(text, key)
        if explained[key]:
            continue
        suggestion = entry.suggestion if entry else ""
        findings.append(
            Finding(
                term=entry.term if entry else key,
                text=match.group(),
                start=match.start(),
                end=match.end(),
                kind=Kind.ACRONYM,
                suggestion=suggestion,
                explanation=entry.explanation if entry else "",
                message=finding_message(Kind.ACRONYM, match.group(), suggestion),
            )
        )
    uses = [
        AcronymUse(
            acronym=key,
            count=count,
            explained=explained[key],
            suggestion=glossary.acronyms[key].suggestion if key in glossary.acronyms else "",
        )
        for key, count in counts.items()
    ]
    return findings, uses


def check(text: str, *, glossary: Iterable[GlossaryEntry], target: Target) -> CheckResult:
    """Everything the checker finds in `text` for `target.audience`. Pure: no database."""
    compiled = compile_glossary(tuple(glossary))
    matches = list(_glossary_matches(text, compiled))
    terms = _term_findings(matches, text, target.audience)
    acronym_findings, uses = _acronym_uses(text, compiled, matches)
    return CheckResult(
        audience=target.audience,
        findings=tuple(sorted([*terms, *acronym_findings], key=lambda f: f.start)),
        acronyms=tuple(uses),
        readability=readability(text, target),
    )
