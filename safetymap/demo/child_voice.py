"""The children's own words in the demo council: Three Houses, Fairy / Wizard and Safety House
sessions on many open cases, through the child's voice services (so the audit trail and
the stored drawings are what the product would have made).

The words are written the way children say them: short, unpunctuated, sometimes spelled
as a child spells. Some were written by the child, some written down by the worker. Each
child decided differently who may see their work. A few sessions have drawings, made here
with Pillow from simple shapes (a house, a sun, people) — no real images. Some children
have not been seen for more than three months, so the case page says so.
"""

from __future__ import annotations

import datetime
import io
import random
from collections.abc import Sequence

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from safetymap.accounts.models import User
from safetymap.cases import selectors as case_selectors
from safetymap.cases.models import Case
from safetymap.cases.policies import can_edit_case
from safetymap.child_voice import services
from safetymap.child_voice.models import Audience, House, Session, SessionKind

SEED = 4242
# Of the open cases with a child old enough, how many have the child's words.
SHARE_OF_CASES = 0.7

WORRIES = [
    "when dad shouts at mum i go under my bed",
    "mum was asleep on the sofa and I couldnt wake her up",
    "there is no food in the cubord sometimes",
    "I dont like it when Steve comes round he is loud",
    "people fighting at night",
    "I worry about my little brother when im at school",
    "Dad hit the door and it broke",
    "the police came and I was scared",
    "I get hungry at school",
    "nobody picks me up from club",
    "mum drinks the special drink and goes funny",
    "I dont want to go to dads on saturday",
]
GOOD_THINGS = [
    "Nan makes pancakes on Saturdays",
    "my dog Biscuit",
    "football with my friends",
    "Miss Hart my teacher is kind",
    "when mum reads me a story",
    "going to the park with Auntie Jo",
    "my bedroom is pink and I have a nightlight",
    "Dad takes me swimming",
    "I got a star for reading",
    "playing minecraft with my cousin",
    "Grandad picks me up from school",
]
DREAMS = [
    "no more shouting",
    "everyone is kind at home",
    "I want to live with mum and Nan",
    "a puppy",
    "for dad to stop drinking",
    "to see my big sister every week",
    "be a vet when I grow up",
    "mum and dad being friends",
    "that mum isnt sad anymore",
]
INSIDE = ["Me", "Mum", "my baby sister", "Nan", "Biscuit the dog"]
RULES = [
    "no shouting",
    "no hitting anyone",
    "grown ups dont drink beer when we are there",
    "always food in the fridge",
    "someone takes me to school every day",
    "Mum answers the phone when Nan rings",
]
HELPERS = ["Nan", "Miss Hart", "Auntie Jo", "the lady from the council", "Grandad"]
OUTSIDE = [
    ("Steve", "only if he says sorry and stops shouting"),
    ("Dad", "when he stops drinking and Nan is there"),
    ("Uncle Rob", "never"),
]
CONSENT_WORDS = [
    "Nan can see it but not Dad",
    "mum can see it",
    "only you",
    "the meeting people can see it",
    "",
]
PLACES = ["at school", "at home", "at Nan's house", "in the car", "at the family centre"]


def _pick(rng: random.Random, words: Sequence[str], count: int) -> list[str]:
    return rng.sample(list(words), min(count, len(words)))


def drawing_png(rng: random.Random) -> bytes:
    """A child's drawing made of simple shapes: a house with a roof and a door, a sun, and
    one to three stick people, in felt-tip colours."""
    image = Image.new("RGB", (480, 360), "white")
    draw = ImageDraw.Draw(image)
    pens = ["#d4351c", "#1d70b8", "#00703c", "#f47738", "#912b88", "#28a197"]
    left = rng.randint(40, 200)
    draw.rectangle((left, 170, left + 180, 320), outline=rng.choice(pens), width=5)
    draw.polygon([(left - 15, 170), (left + 90, 80), (left + 195, 170)], outline="#d4351c", width=5)
    draw.rectangle((left + 70, 250, left + 110, 320), fill=rng.choice(pens))
    draw.ellipse((390, 20, 450, 80), fill="#ffdd00")
    for number in range(rng.randint(1, 3)):
        x = 30 + number * 35 if left > 150 else 400 - number * 35
        pen = rng.choice(pens)
        draw.ellipse((x - 10, 230, x + 10, 250), outline=pen, width=3)
        draw.line((x, 250, x, 290), fill=pen, width=3)
        draw.line((x - 15, 265, x + 15, 265), fill=pen, width=3)
        draw.line((x, 290, x - 12, 320), fill=pen, width=3)
        draw.line((x, 290, x + 12, 320), fill=pen, width=3)
    draw.line((0, 322, 480, 322), fill="#00703c", width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _kind_for(age: int, rng: random.Random) -> str:
    if age <= 6:
        return rng.choice(
            [SessionKind.FAIRY_WIZARD, SessionKind.FAIRY_WIZARD, SessionKind.THREE_HOUSES]
        )
    return rng.choice(
        [SessionKind.THREE_HOUSES, SessionKind.THREE_HOUSES, SessionKind.SAFETY_HOUSE]
    )


def _held_on(case: Case, rng: random.Random, today: datetime.date) -> datetime.date:
    """Mostly in the last three months; one child in five not seen for longer."""
    start = max(case.opened_on, today - datetime.timedelta(days=300))
    if rng.random() < 0.2:
        latest = max(start, today - datetime.timedelta(days=100))
        return start + datetime.timedelta(days=rng.randint(0, max(0, (latest - start).days)))
    recent = max(start, today - datetime.timedelta(days=80))
    return recent + datetime.timedelta(days=rng.randint(0, max(0, (today - recent).days)))


def _consent(rng: random.Random) -> dict[str, bool]:
    agreed = {audience for audience in Audience.values if rng.random() < 0.5}
    return {f"share_{audience}": audience in agreed for audience in Audience.values}


def _add(worker: User, session: Session, house: str, words: str, rng: random.Random,
         terms: str = "") -> None:  # fmt: skip
    values: dict[str, object] = {
        "house": house,
        "words": words,
        "written_by": "child" if rng.random() < 0.6 else "worker",
        "terms": terms,
    }
    if rng.random() < 0.1:  # the child kept this one from their parents
        values["share_parents"] = False
    services.entry_add(actor=worker, session=session, values=values)


def _three_parts(worker: User, session: Session, rng: random.Random) -> None:
    houses = [
        (House.WORRIES, _pick(rng, WORRIES, rng.randint(1, 3))),
        (House.GOOD, _pick(rng, GOOD_THINGS, rng.randint(1, 4))),
        (House.DREAMS, _pick(rng, DREAMS, rng.randint(1, 2))),
    ]
    start = session.started_with or House.WORRIES
    houses.sort(key=lambda pair: pair[0] != start)
    for house, words in houses:
        for said in words:
            _add(worker, session, house, said, rng)


def _safety_house(worker: User, session: Session, rng: random.Random) -> None:
    for house, pool in ((House.INSIDE, INSIDE), (House.RULES, RULES), (House.HELPERS, HELPERS)):
        for said in _pick(rng, pool, rng.randint(2, 3)):
            _add(worker, session, house, said, rng)
    who, terms = rng.choice(OUTSIDE)
    _add(worker, session, House.OUTSIDE, who, rng, terms=terms)


def add_session(case: Case, worker: User, rng: random.Random, today: datetime.date) -> Session:
    age = case.child.age or 8
    kind = _kind_for(age, rng)
    values: dict[str, object] = {
        "held_on": _held_on(case, rng, today),
        "place": rng.choice(PLACES),
        "parent_told": rng.choice(["Mum", "Dad", "Nan (special guardian)", "Mum and Dad"]),
        "consent_words": rng.choice(CONSENT_WORDS),
        **_consent(rng),
    }
    values["parent_told_on"] = values["held_on"]
    if kind == SessionKind.THREE_HOUSES and rng.random() < 0.3:
        values["name_worries"] = rng.choice(["The sad house", "Worry castle", "The grumpy house"])
    if kind != SessionKind.SAFETY_HOUSE:
        values["started_with"] = rng.choice([House.WORRIES, House.GOOD, House.DREAMS])
    else:
        values["path_position"] = rng.randint(2, 9)
        values["path_words"] = rng.choice(["nearly there", "in the middle", "still far away", ""])
    session = services.session_record(actor=worker, case=case, kind=kind, values=values)
    if kind == SessionKind.SAFETY_HOUSE:
        _safety_house(worker, session, rng)
    else:
        _three_parts(worker, session, rng)
    if rng.random() < 0.35:
        services.drawing_add(
            actor=worker,
            session=session,
            uploaded_file=SimpleUploadedFile("drawing.png", drawing_png(rng), "image/png"),
            house=rng.choice(["", *session.parts]),
            caption=rng.choice(["that's me and Nan", "my house", "everyone at home", ""]),
        )
    return session


def _worker_for(case: Case) -> User | None:
    workers = [w for w in case_selectors.current_workers(case) if can_edit_case(w, case)]
    return workers[0] if workers else None


def add_child_voice(cases: Sequence[Case]) -> int:
    """Sessions on most open cases with a child aged 3 to 15; returns how many."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    added = 0
    for case in cases:
        age = case.child.age
        if case.closed_on is not None or age is None or not 3 <= age <= 15:
            continue
        if rng.random() > SHARE_OF_CASES:
            continue
        worker = _worker_for(case)
        if worker is None:
            continue
        with transaction.atomic():
            for _ in range(rng.choice([1, 1, 2])):
                add_session(case, worker, rng, today)
                added += 1
    return added
