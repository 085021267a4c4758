"""Finding other people's details in a subject access export, for redaction review.

A subject access export gives a person what the council holds about them, but the record
also holds other people's details: the family around a child, the people who rated a
scale, staff named in what workers wrote. The law leaves the reviewer to decide what to
withhold; this module only points at what to look at.

Each other person becomes a *redaction candidate* ("R1", "R2", ...) with the patterns that
find them: their full name, the name they are known by, their first name, "Mr/Mrs/Ms/Miss/
Mx/Dr" with their last name, the first line of their address and their telephone number
(whatever spacing it was typed with). Single-word names only count when written with a
capital letter ("Will" the person, not "will" the verb); names the subject also goes by are
never patterns. `ThirdParties.scan` walks the export and records, as a JSON pointer (RFC
6901), every place a candidate appears; `ThirdParties.mark_html` highlights them in the PDF.

What it cannot find: people spelt differently, nicknames, people never recorded on the
case. The reviewer still reads every page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from safetymap.accounts.models import User
from safetymap.cases.models import Person

TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")

# Keys whose values are codes, dates, identifiers or staff in their professional role
# (who saved a version, who made a change): never scanned for other people's details.
SKIP_KEYS = frozenset(
    {
        "uuid",
        "version",
        "record_uuid",
        "case_uuid",
        "danger_statement",
        "goal",
        "reference",
        "case_reference",
        "part",
        "family_view",
        "how_we_know",
        "kind",
        "status",
        "rater_role",
        "service_level",
        "from_level",
        "to_level",
        "occasion",
        "relationship",
        "action",
        "record_type",
        "subject_is",
        "score",
        "danger_present",
        "matched_by",
        "by",
        "saved_by",
        "changed_by",
        "worker",
        "job_title",
        "team",
        "redaction_id",
        "mentions_third_parties",
        "third_party",
    }
)
SKIP_SUFFIXES = ("_on", "_at", "_label")
# Ratings given by staff in these roles: the rater's name is their professional role.
STAFF_RATER_ROLES = frozenset({"worker", "manager"})
# Parts of the export that are not scanned: the export's own details, the subject's own
# record, and the list of candidates itself.
SKIP_ROOTS = frozenset({"export", "subject", "redaction_candidates", "notes"})


class Kind:
    PERSON = "person on a case"
    RATER = "scale rater"
    STAFF = "staff member named in free text"


@dataclass
class Candidate:
    """Another person whose details appear in the export."""

    id: str
    name: str
    kind: str
    descriptions: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    appears_in: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "description": "; ".join(self.descriptions),
            "details_held": self.held,
            "appears_in": self.appears_in,
        }


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    ids: tuple[str, ...]


def _pointer(path: Iterable[str | int]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _phone_pattern(phone: str) -> str | None:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return None
    return r"(?<!\d)" + r"[\s().-]*".join(digits) + r"(?!\d)"


def _by_number(ids: Iterable[str]) -> tuple[str, ...]:
    """Candidate numbers in order: R2 before R10."""
    return tuple(sorted(ids, key=lambda candidate_id: int(candidate_id[1:])))


def _rated_by_staff(rating: dict[str, Any]) -> bool:
    """A rating (or an audit record of one, where the role is {"old": .., "new": ..})
    given by a worker or manager."""
    role = rating.get("rater_role")
    if isinstance(role, dict):
        role = role.get("new") or role.get("old")
    return isinstance(role, str) and role in STAFF_RATER_ROLES


def _renumber(node: Any, numbers: dict[str, str]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("redaction_id"), str) and node["redaction_id"]:
            node["redaction_id"] = numbers.get(node["redaction_id"], "")
        if isinstance(node.get("mentions_third_parties"), list):
            node["mentions_third_parties"] = [
                numbers[i] for i in node["mentions_third_parties"] if i in numbers
            ]
        for value in node.values():
            _renumber(value, numbers)
    elif isinstance(node, list):
        for value in node:
            _renumber(value, numbers)


def _first_line(address: str) -> str:
    return next((line.strip(" ,") for line in address.splitlines() if line.strip(" ,")), "")


class ThirdParties:
    """The other people of one export and where they appear in it."""

    def __init__(self, subject: Person) -> None:
        self.subject = subject
        self.candidates: list[Candidate] = []
        self._by_key: dict[str, Candidate] = {}
        # (compiled pattern, whether a one-word name that must start with a capital, ids)
        self._patterns: dict[str, tuple[re.Pattern[str], bool, set[str]]] = {}
        self._raters: dict[str, Candidate] = {}
        self._own_names = {
            name.casefold()
            for name in (subject.full_name, subject.first_name, subject.known_as)
            if name.strip()
        }
        if subject.known_as and subject.last_name:
            self._own_names.add(f"{subject.known_as} {subject.last_name}".casefold())
        self._own_address = _first_line(subject.address).casefold()
        self._own_phone = re.sub(r"\D", "", subject.phone)
        self._compiled: list[tuple[re.Pattern[str], bool, tuple[str, ...]]] | None = None

    # --- Who they are -----------------------------------------------------------------

    def _candidate(self, key: str, name: str, kind: str) -> Candidate:
        candidate = self._by_key.get(key)
        if candidate is None:
            candidate = Candidate(id=f"R{len(self.candidates) + 1}", name=name, kind=kind)
            self.candidates.append(candidate)
            self._by_key[key] = candidate
        return candidate

    def _add_pattern(self, text: str, candidate: Candidate, *, is_name: bool) -> None:
        text = " ".join(text.split())
        if len(text) < 2 or (is_name and text.casefold() in self._own_names):
            return
        one_word = is_name and " " not in text
        source = r"(?<!\w)" + re.escape(text).replace(r"\ ", r"\s+") + r"(?!\w)"
        self._add_regex(source, one_word, candidate)

    def _add_regex(self, source: str, one_word: bool, candidate: Candidate) -> None:
        key = f"{one_word}:{source.casefold()}"
        if key not in self._patterns:
            self._patterns[key] = (re.compile(source, re.IGNORECASE), one_word, set())
        self._patterns[key][2].add(candidate.id)
        self._compiled = None

    def add_person(self, person: Person, description: str) -> Candidate | None:
        """Someone recorded on one of the subject's cases (not the subject)."""
        if person.uuid == self.subject.uuid:
            return None
        candidate = self._candidate(f"person:{person.pk}", person.full_name, Kind.PERSON)
        if description not in candidate.descriptions:
            candidate.descriptions.append(description)
        held = ["name"]
        names = [person.full_name, person.first_name, person.known_as]
        if person.known_as and person.last_name:
            names.append(f"{person.known_as} {person.last_name}")
        if person.last_name and person.last_name.casefold() != self.subject.last_name.casefold():
            names.extend(f"{title} {person.last_name}" for title in TITLES)
        for name in names:
            if name:
                self._add_pattern(name, candidate, is_name=True)
        first_line = _first_line(person.address)
        if first_line:
            held.append("address")
            if len(first_line) >= 6 and first_line.casefold() != self._own_address:
                self._add_pattern(first_line, candidate, is_name=False)
        if person.phone:
            held.append("phone")
            phone = _phone_pattern(person.phone)
            if phone and re.sub(r"\D", "", person.phone) != self._own_phone:
                self._add_regex(phone, False, candidate)
        for detail in held:
            if detail not in candidate.held:
                candidate.held.append(detail)
        return candidate

    def add_staff(self, user: User) -> None:
        """A member of staff who worked on the cases: flagged only where free text names
        them (their name in "saved by" and similar fields is their professional role)."""
        name = user.get_full_name()
        if not name.strip():
            return
        candidate = self._candidate(f"staff:{user.pk}", name, Kind.STAFF)
        for part in (name, user.first_name):
            if part:
                self._add_pattern(part, candidate, is_name=True)
        if "name" not in candidate.held:
            candidate.held.append("name")

    def is_subject_name(self, name: str) -> bool:
        return " ".join(name.split()).casefold() in self._own_names

    def add_rater(self, name: str, description: str) -> Candidate | None:
        """Someone who gave a scale rating and is known only by the name typed with it."""
        name = " ".join(name.split())
        if not name or self.is_subject_name(name) or self.find(name):
            return None
        candidate = self._raters.get(name.casefold())
        if candidate is None:
            candidate = self._candidate(f"rater:{name.casefold()}", name, Kind.RATER)
            candidate.held.append("name")
            self._raters[name.casefold()] = candidate
        if description not in candidate.descriptions:
            candidate.descriptions.append(description)
        return candidate

    def rater(self, name: str) -> Candidate | None:
        return self._raters.get(" ".join(name.split()).casefold())

    # --- Where they appear --------------------------------------------------------------

    def _regexes(self) -> list[tuple[re.Pattern[str], bool, tuple[str, ...]]]:
        if self._compiled is None:
            self._compiled = [
                (pattern, one_word, _by_number(ids))
                for pattern, one_word, ids in self._patterns.values()
            ]
        return self._compiled

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, earliest first, the longest where two start together."""
        found: list[Match] = []
        for pattern, one_word, ids in self._regexes():
            for hit in pattern.finditer(text):
                if one_word and not hit.group(0)[:1].isupper():
                    continue
                found.append(Match(hit.start(), hit.end(), ids))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[Match] = []
        for candidate_match in found:
            if chosen and candidate_match.start < chosen[-1].end:
                last = chosen[-1]
                if (candidate_match.start, candidate_match.end) == (last.start, last.end):
                    merged = _by_number(set(last.ids) | set(candidate_match.ids))
                    chosen[-1] = Match(last.start, last.end, merged)
                continue
            chosen.append(candidate_match)
        return chosen

    def ids_in(self, text: str) -> list[str]:
        ids: dict[str, None] = {}
        for match in self.find(text):
            for candidate_id in match.ids:
                ids[candidate_id] = None
        return list(ids)

    def by_id(self, candidate_id: str) -> Candidate:
        return next(c for c in self.candidates if c.id == candidate_id)

    def note(self, candidate: Candidate, path: Iterable[str | int]) -> None:
        pointer = _pointer(path)
        if pointer not in candidate.appears_in:
            candidate.appears_in.append(pointer)

    def scan(self, data: dict[str, Any]) -> None:
        """Walk the export: record where each candidate appears, and mark each entry (an
        element of a list: a map item, an event, a person) that mentions someone with
        `mentions_third_parties`."""
        for key, value in list(data.items()):
            if key not in SKIP_ROOTS:
                self._walk(value, [key], None)

    def _walk(
        self,
        node: Any,
        path: list[str | int],
        entry: dict[str, Any] | None,
        rater_name: bool = False,
    ) -> None:
        if isinstance(node, dict):
            for key, value in list(node.items()):
                if key in SKIP_KEYS or key.endswith(SKIP_SUFFIXES):
                    continue
                if key == "rater_name" and _rated_by_staff(node):
                    continue
                self._walk(value, [*path, key], entry, rater_name or key == "rater_name")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                child_entry = value if isinstance(value, dict) else entry
                self._walk(value, [*path, index], child_entry, rater_name)
        elif isinstance(node, str) and node:
            found = self.ids_in(node)
            rater = self.rater(node) if rater_name else None
            if rater is not None:
                found.append(rater.id)
            for candidate_id in found:
                self.note(self.by_id(candidate_id), path)
                self._mention(entry, candidate_id)

    def number_those_found(self, data: dict[str, Any]) -> None:
        """Keep only the candidates found somewhere, numbered R1, R2, ... in order, and
        rewrite the numbers already written into `data` to match."""
        kept = [candidate for candidate in self.candidates if candidate.appears_in]
        numbers = {candidate.id: f"R{index}" for index, candidate in enumerate(kept, start=1)}
        for candidate in kept:
            candidate.id = numbers[candidate.id]
        self.candidates = kept
        self._by_key = {key: c for key, c in self._by_key.items() if c.appears_in}
        self._raters = {key: c for key, c in self._raters.items() if c.appears_in}
        patterns = {}
        for key, (pattern, one_word, ids) in self._patterns.items():
            if renumbered := {numbers[i] for i in ids if i in numbers}:
                patterns[key] = (pattern, one_word, renumbered)
        self._patterns = patterns
        self._compiled = None
        _renumber(data, numbers)

    @staticmethod
    def _mention(entry: dict[str, Any] | None, candidate_id: str) -> None:
        if entry is None or entry.get("redaction_id") == candidate_id:
            return
        mentions = entry.setdefault("mentions_third_parties", [])
        if candidate_id not in mentions:
            mentions.append(candidate_id)

    # --- The PDF -----------------------------------------------------------------------

    def mark_html(self, text: Any) -> SafeString:
        """The text, escaped, with each other person's details highlighted and labelled
        with their candidate number; line breaks kept."""
        text = "" if text is None else str(text)
        parts: list[str] = []
        position = 0
        for match in self.find(text):
            parts.append(str(conditional_escape(text[position : match.start])))
            label = ", ".join(match.ids)
            parts.append(
                '<mark class="third-party">'
                f"{conditional_escape(text[match.start : match.end])}"
                f'<span class="third-party__label"> [{label}]</span></mark>'
            )
            position = match.end
        parts.append(str(conditional_escape(text[position:])))
        return mark_safe("".join(parts).replace("\r\n", "\n").replace("\n", "<br>"))

    def mark_rater_html(self, name: Any) -> SafeString:
        """A rater's name: highlighted whole when the rater is a candidate of their own."""
        rater = self.rater(str(name or ""))
        if rater is None:
            return self.mark_html(name)
        return mark_safe(
            f'<mark class="third-party">{conditional_escape(name)}'
            f'<span class="third-party__label"> [{rater.id}]</span></mark>'
        )
