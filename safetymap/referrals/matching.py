"""Is this the child we already know? Name, date of birth and address matching in Python.

The database only narrows the candidates (same date of birth or with day and month
swapped, the same postcode, or a surname or first name starting with a letter that sounds
alike); the scoring happens here, so SQLite and PostgreSQL give the same answer.

Names are compared three ways: the same once accents, apostrophes, hyphens and case are
set aside (Siân / Sian, O'Neill / ONeill); the same phonetic key (Aiden / Aidan / Ayden,
Mohammed / Muhammad, Katie / Caty); or spelt within a letter or two (difflib). A
double-barrelled surname matches either of its parts, and first and last names swapped
over are caught.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass, field

# Letters that start names which sound alike (Katie / Caty, Sian / Cian, Jorge / George):
# a candidate's name must start with one of the same group.
_LETTER_GROUPS = ["ckq", "sz", "aeiouy", "fp", "gj", "vw"]
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)
# Below this, a possible match is not worth showing.
SHOW_FROM = 40


def plain(text: str) -> str:
    """Lower case, no accents, letters and spaces only; hyphens become spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    letters = re.sub(r"[-‐–]", " ", letters)
    return " ".join(re.sub(r"[^a-z ]", "", letters).split())


_SOUNDS = [
    ("ph", "f"),
    ("ck", "k"),
    ("gh", ""),
    ("kn", "n"),
    ("sch", "sk"),
    ("sh", "s"),
    ("ch", "k"),
    ("c(?=[eiy])", "s"),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("z", "s"),
    ("v", "f"),
    ("y", "i"),
    ("(?<!^)h", ""),
]


def phonetic(word: str) -> str:
    """A key that is the same for names that sound the same: the first sound, then the
    consonants, with doubled letters collapsed."""
    word = plain(word).replace(" ", "")
    if not word:
        return ""
    for pattern, sound in _SOUNDS:
        word = re.sub(pattern, sound, word)
    if not word:
        return ""
    first = "a" if word[0] in "aeiou" else word[0]
    rest = re.sub(r"[aeiouw]", "", re.sub(r"(.)\1+", r"\1", word[1:]))
    return re.sub(r"(.)\1+", r"\1", first + rest)


def parts(name: str) -> list[str]:
    """The parts of a name: "Smith-Jones" is both "smith" and "jones", and the whole."""
    whole = plain(name)
    pieces = whole.split()
    return [whole.replace(" ", ""), *pieces] if len(pieces) > 1 else pieces


def letter_group(letter: str) -> str:
    for group in _LETTER_GROUPS:
        if letter in group:
            return group
    return letter


def first_letters(*names: str) -> set[str]:
    """Every first letter a matching name could start with, for narrowing the candidates."""
    letters: set[str] = set()
    for name in names:
        for part in parts(name):
            letters |= set(letter_group(part[0]))
    return letters


def swapped(day: datetime.date | None) -> datetime.date | None:
    """The date with day and month the other way round, if that is a real date."""
    if day is None or day.day > 12 or day.day == day.month:
        return None
    try:
        return day.replace(month=day.day, day=day.month)
    except ValueError:
        return None


def postcode(address: str) -> str:
    found = POSTCODE.search(address or "")
    return f"{found.group(1)} {found.group(2)}".upper() if found else ""


@dataclass(frozen=True)
class Described:
    """A child as described: by the referrer, or in a record."""

    first_name: str
    last_name: str
    date_of_birth: datetime.date | None
    address: str = ""
    known_as: str = ""


@dataclass
class Match:
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: int, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)


def _name_points(said: str, recorded: list[str]) -> tuple[int, str]:
    """How well one name as told matches a name on record (best of its parts)."""
    best = (0, "")
    for told in parts(said):
        for known in (p for name in recorded for p in parts(name)):
            if told == known:
                found = (30, "the same")
            elif phonetic(told) == phonetic(known):
                found = (22, f"sounds the same ({known.title()})")
            elif difflib.SequenceMatcher(None, told, known).ratio() >= 0.8:
                found = (15, f"spelt similarly ({known.title()})")
            else:
                continue
            best = max(best, found, key=lambda f: f[0])
    return best


def _names(said: Described, record: Described, match: Match) -> None:
    firsts = [record.first_name, record.known_as] if record.known_as else [record.first_name]
    first, first_why = _name_points(said.first_name, firsts)
    last, last_why = _name_points(said.last_name, [record.last_name]) if said.last_name else (0, "")
    across_first, _ = _name_points(said.first_name, [record.last_name])
    across_last, _ = (
        _name_points(said.last_name, [record.first_name]) if said.last_name else (0, "")
    )
    if across_first + across_last > first + last and across_first and across_last:
        match.add(across_first + across_last, "First and last names the other way round")
        return
    if first:
        match.add(first, f"First name {first_why}")
    if last:
        match.add(last, f"Last name {last_why}")


def _birth(said: Described, record: Described, match: Match) -> None:
    if said.date_of_birth is None or record.date_of_birth is None:
        return
    if said.date_of_birth == record.date_of_birth:
        match.add(40, "Date of birth the same")
    elif swapped(said.date_of_birth) == record.date_of_birth:
        match.add(25, "Date of birth with day and month swapped")


def _address(said: Described, record: Described, match: Match) -> None:
    code = postcode(said.address)
    if code and code == postcode(record.address):
        match.add(20, "Same postcode")
    elif said.address and plain(said.address) and plain(said.address) == plain(record.address):
        match.add(20, "Same address")


def score(said: Described, record: Described) -> Match:
    """How likely the record is the child the referrer told us about, and why."""
    match = Match()
    _names(said, record, match)
    _birth(said, record, match)
    _address(said, record, match)
    return match
