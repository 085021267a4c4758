"""Other people's details in a family pack, found before it is released.

A pack is for one person on the case. Everyone else's address and telephone number, and
the names of people other than the child, are looked for in the pack's text (the people
come from the case's people records). Each one found is listed for a worker to hold back or
release; held-back details are replaced by "[held back]" everywhere in the pack.

Addresses are matched by their first line and their postcode; telephone numbers by their
digits, however they were spaced; names by full name, the name the person is known by, and
their first name written with a capital letter. People spelt differently or never recorded
on the case cannot be found: the worker still reads the pack.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from safetymap.cases.models import Case, Person, RelationshipGroup
from safetymap.packs.models import Decision

HELD_BACK = "[held back]"
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
# Their notes say they asked not to be named (a referrer, a neighbour).
NOT_NAMED = re.compile(r"not (?:want )?to be named|not be named|anonymous", re.IGNORECASE)
# People whose names families already know; others are suggested for holding back.
KNOWN_TO_FAMILY = (
    RelationshipGroup.PARENTS_AND_CARERS,
    RelationshipGroup.SIBLINGS,
    RelationshipGroup.RELATIVES,
    RelationshipGroup.PROFESSIONALS,
)


class Kind:
    ADDRESS = "address"
    PHONE = "phone"
    NAME = "name"


KIND_LABELS = {Kind.ADDRESS: "Address", Kind.PHONE: "Phone number", Kind.NAME: "Name"}


@dataclass(frozen=True)
class Detail:
    """One other person's detail found in the pack."""

    id: str
    kind: str
    text: str
    whose: str
    patterns: tuple[str, ...]
    found_in: tuple[str, ...]
    suggested: str
    why: str

    @property
    def label(self) -> str:
        return f"{KIND_LABELS[self.kind]} of {self.whose}: {self.text}"


@dataclass(frozen=True)
class Owner:
    person: Person
    description: str  # "Grandmother", "the child"
    group: str
    notes: str


def _phrase(text: str) -> str:
    """A pattern for a phrase, whatever white space it is written with."""
    return r"\s+".join(re.escape(word) for word in text.split())


def _address_patterns(address: str) -> tuple[str, ...]:
    """The postcode, every line with a number in it ("Flat 2", "14 Birch Road"), and the
    street without its number ("Birch Road")."""
    patterns = []
    postcode = POSTCODE.search(address)
    if postcode:
        compact = postcode.group(0).replace(" ", "")
        patterns.append(r"(?i:\b" + re.escape(compact[:-3]) + r"\s*" + compact[-3:] + r"\b)")
    for line in re.split(r"[\n,]", POSTCODE.sub("", address)):
        words = line.split()
        if any(char.isdigit() for char in line) and len(line.strip()) >= 5:
            patterns.append(r"(?i:\b" + _phrase(line) + r"\b)")
            street = [word for word in words if not any(char.isdigit() for char in word)]
            if len(street) >= 2 and words[0][0].isdigit():
                patterns.append(r"\b" + _phrase(" ".join(street)) + r"\b")
    return tuple(patterns)


def _phone_patterns(phone: str) -> tuple[str, ...]:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return ()
    return (r"(?<!\d)" + r"[\s().-]*".join(digits) + r"(?!\d)",)


def _name_patterns(person: Person) -> tuple[str, ...]:
    names = {person.full_name, person.first_name}
    if person.known_as:
        names |= {f"{person.known_as} {person.last_name}".strip(), person.known_as}
    # Longest first, so a full name is replaced whole, not first name then surname.
    usable = sorted((n for n in names if len(n.strip()) >= 2), key=len, reverse=True)
    return tuple(r"\b" + _phrase(name) + r"\b" for name in usable)


def _owners(case: Case, for_person: Person) -> list[Owner]:
    owners = [Owner(case.child, "the child", "", "")]
    members = case.members.filter(removed_at__isnull=True).select_related("person")
    owners += [
        Owner(member.person, member.description, member.group, member.notes)
        for member in members
        if member.person_id != case.child_id
    ]
    return [owner for owner in owners if owner.person.pk != for_person.pk]


def texts(content: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every piece of text in a pack's content, with the title of the section it is in."""
    if isinstance(content, str):
        yield where, content
    elif isinstance(content, dict):
        here = str(content.get("title", where)) if "data" in content else where
        for value in content.values():
            yield from texts(value, here)
    elif isinstance(content, list):
        for value in content:
            yield from texts(value, where)


def _found_in(patterns: tuple[str, ...], pieces: list[tuple[str, str]]) -> tuple[str, ...]:
    found = [
        where or "The front page"
        for where, text in pieces
        if any(re.search(pattern, text) for pattern in patterns)
    ]
    return tuple(dict.fromkeys(found))


def _suggest_name(owner: Owner) -> tuple[str, str]:
    if NOT_NAMED.search(owner.notes):
        return Decision.HOLD_BACK, "Their notes say they asked not to be named."
    if owner.group in KNOWN_TO_FAMILY:
        return Decision.RELEASE, "Family, or a professional working with the family."
    return Decision.HOLD_BACK, "Not family: check they agreed to be named."


def _candidates(owner: Owner) -> Iterator[tuple[str, str, tuple[str, ...], str, str]]:
    """(kind, text, patterns, suggestion, why) for each detail held about one person."""
    person = owner.person
    hold = Decision.HOLD_BACK
    if person.address.strip():
        where = " ".join(person.address.split())
        yield Kind.ADDRESS, where, _address_patterns(person.address), hold, "Where someone lives."
    if person.phone.strip():
        yield Kind.PHONE, person.phone, _phone_patterns(person.phone), hold, "A way to reach them."
    if owner.description != "the child":
        yield Kind.NAME, person.full_name, _name_patterns(person), *_suggest_name(owner)


def find_details(case: Case, for_person: Person, content: dict[str, Any]) -> list[Detail]:
    """Other people's details that appear in the pack, in the order people are on the case.
    A detail two people share (the child's address is their mum's) is listed once."""
    pieces = list(texts(content))
    details: dict[tuple[str, str], Detail] = {}
    for owner in _owners(case, for_person):
        for kind, text, patterns, suggested, why in _candidates(owner):
            whose = f"{owner.person.full_name} ({owner.description})"
            same = details.get((kind, text.lower()))
            if same is not None:
                details[(kind, text.lower())] = replace(same, whose=f"{same.whose}, {whose}")
                continue
            found_in = _found_in(patterns, pieces) if patterns else ()
            if found_in:
                details[(kind, text.lower())] = Detail(
                    id=f"{kind}-{owner.person.uuid}",
                    kind=kind,
                    text=text,
                    whose=whose,
                    patterns=patterns,
                    found_in=found_in,
                    suggested=suggested,
                    why=why,
                )
    return list(details.values())


def fingerprint(details: list[Detail]) -> str:
    """What was found, so a review can be matched to exactly the pack it was made for."""
    listed = [(d.id, d.text, d.found_in) for d in details]
    return hashlib.sha256(json.dumps(listed).encode()).hexdigest()


def redact(content: Any, held_back: list[Detail]) -> Any:
    """A copy of the content with every held-back detail replaced by "[held back]"."""
    patterns = [re.compile(p) for d in held_back for p in d.patterns]

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            for pattern in patterns:
                value = pattern.sub(HELD_BACK, value)
            return value
        if isinstance(value, dict):
            return {key: walk(inner) for key, inner in value.items()}
        if isinstance(value, list):
            return [walk(inner) for inner in value]
        return value

    return walk(content)
