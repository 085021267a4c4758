"""Words and Pictures for the demo council: gentle stories, in words a child would
understand, for the children on a plan (child in need or child protection).

Most of those children were given their story (some a second version after things
changed, some a safety plan story too); some stories are still drafts being written with
the parents; and some children deliberately have none, so the gap shows on their case.
Pictures are simple drawings made with Pillow and uploaded through the documents check,
like a scan of a child's drawing would be. Everything goes through the services, with the
allocated worker as the actor.
"""

from __future__ import annotations

import datetime
import io
import itertools
import random
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from safetymap.accounts.models import User
from safetymap.cases.models import Case, CaseMember, Relationship
from safetymap.words_pictures import services
from safetymap.words_pictures.models import StoryKind, StoryVersion
from safetymap.words_pictures.selectors import expected_levels
from safetymap.words_pictures.services import Authors, PanelWords

# What each child's story is about, found from the words of their case (the reason it
# opened and its danger statements), with the story told for a child.
THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("drugs", ("heroin", "methadone", "crack", "after using")),
    ("hurt", ("grip-mark", "bruises to", "bruise on")),
    ("violence", ("pushed", "hit her", "is angry he shouts")),
    ("drink", ("drunk", "drinking", "drinks")),
    ("hungry", ("hungry", "nappy", "food in the house")),
    ("low", ("very low", "cries all day", "stays in bed")),
    ("missing", ("missing", "men in their twenties")),
    ("rows", ("cuts herself", "rows at home", "grabbed her arm")),
    ("caring", ("caring", "ms is bad")),
    ("school", ("stopped going to school", "will not leave")),
)

STORIES: dict[str, dict[str, str]] = {
    "drugs": {
        "title": "Why {child} lives with {carer} for now",
        "who_is_worried": "The doctors and nurses at the hospital, {worker}, who is a social "
        "worker, and {mum} and {dad} too.",
        "worried_about": "{mum} and {dad} have been taking drugs. Drugs can make grown-ups too "
        "sleepy to look after a baby, even when they love them very much.",
        "what_happened": "When {child} was born, {child} was poorly because of the drugs and "
        "had to stay in hospital for a while. Everyone agreed {child} would be safest with "
        "{carer} while {mum} and {dad} get well.",
        "what_everyone_is_doing": "{mum} and {dad} go to a clinic every week to help them stop "
        "using drugs. They see {child} at {carer}'s house. {worker} visits to check everyone "
        "is OK. None of this is {child}'s fault.",
    },
    "hurt": {
        "title": "A story for {child} about when {child} was little",
        "who_is_worried": "The doctor at the hospital, {worker}, who is a social worker, and "
        "the police.",
        "worried_about": "When {child} was a baby, {child} had bruises on {his} arm and cheek. "
        "The doctors think a grown-up held {child} too hard. Babies need to be held gently.",
        "what_happened": "Nobody has been able to say how the bruises happened. So the grown-ups "
        "made a plan to make sure {child} is always with someone safe.",
        "what_everyone_is_doing": "{carer} helps look after {child} every day. {mum} is "
        "learning about what babies need when they cry. {worker} visits to see {child} "
        "growing up. It was not {child}'s fault.",
    },
    "violence": {
        "title": "Why {worker} comes to our house",
        "who_is_worried": "Your teacher, the police and {worker}, who is a social worker. "
        "{worker}'s job is to help make sure children are safe at home.",
        "worried_about": "When {dad} gets angry he shouts at {mum} and has hurt her. Children "
        "who hear shouting and hurting can feel very scared, and could get hurt too.",
        "what_happened": "One night the police came because {dad} pushed {mum} while you were "
        "in the room. You were very brave. It was not your fault.",
        "what_everyone_is_doing": "{dad} is going to a group to learn how to stay calm. {dad} "
        "does not stay at the house for now. {mum} has a phone she can use to call for help, "
        "and {carer} is always there if you need someone.",
    },
    "drink": {
        "title": "{child}'s story about {mum} and the drink",
        "who_is_worried": "Your teacher, the police who came that night, {worker} (a social "
        "worker), and {carer}.",
        "worried_about": "Sometimes {mum} drinks too much alcohol. Then she falls asleep or "
        "cannot stand up, and there is no grown-up awake to look after you.",
        "what_happened": "One evening {mum} had drunk so much she could not get up the stairs, "
        "and you were trying to help her. A neighbour rang the police. You should never have "
        "to look after a grown-up like that.",
        "what_everyone_is_doing": "{mum} is seeing a worker who helps people stop drinking. "
        "If {mum} has been drinking, {carer} comes to stay or you go to {carer}'s. You can "
        "always ring {carer} if you are worried. It is not your fault.",
    },
    "hungry": {
        "title": "Why {worker} helps our family",
        "who_is_worried": "The people at your nursery and {worker}, who is a social worker.",
        "worried_about": "Children need food every day, clean clothes and a clean bath. "
        "Sometimes there has not been enough food at home, and {mum} has found it hard to "
        "keep on top of everything.",
        "what_happened": "You came to nursery hungry on lots of mornings, and in the same "
        "clothes. Nursery told {worker} because they wanted to help.",
        "what_everyone_is_doing": "{mum} has help to plan the shopping and the money. {carer} "
        "comes round at teatime on busy days. Nursery gives you breakfast. {worker} visits "
        "to see how everyone is getting on. It is not your fault.",
    },
    "low": {
        "title": "When {mum} feels poorly inside",
        "who_is_worried": "Your teacher, the doctor and {worker}, who is a social worker.",
        "worried_about": "Sometimes {mum} feels very sad and tired inside. It is an illness. "
        "On those days she finds it hard to get up and look after you, and you miss school.",
        "what_happened": "You told your teacher ‘mummy cries all day’. That was the right "
        "thing to do. Your teacher wanted to help, so she asked {worker} to come.",
        "what_everyone_is_doing": "{mum} is seeing a doctor who helps people who feel like "
        "this. {dad} and {carer} make sure you get to school. It is not your job to make "
        "{mum} better, and it is not your fault.",
    },
    "missing": {
        "title": "{child}, this is why we are worried",
        "who_is_worried": "{mum}, the police, your school and {worker}, a social worker.",
        "worried_about": "Some older men have been buying you things and taking you to places "
        "far away. We think they want you to do things for them that could get you hurt or in "
        "trouble.",
        "what_happened": "You were missing for a few nights, and the police found you in "
        "another town with two men. Everyone was scared for you.",
        "what_everyone_is_doing": "{mum} and {carer} always want to know where you are, and "
        "you agreed to text {mum} at 9pm. {worker} meets you every week. You are not in "
        "trouble. The people using you are the ones doing wrong.",
    },
    "rows": {
        "title": "{child}'s story: things at home",
        "who_is_worried": "The school nurse, {worker} (a social worker), and {mum}.",
        "worried_about": "There have been a lot of rows at home. Someone grabbed your arm hard "
        "enough to bruise it. After rows you have hurt yourself to cope.",
        "what_happened": "You showed the school nurse the cuts on your arm and told her about "
        "the rows. That was brave and it was the right thing to do.",
        "what_everyone_is_doing": "Nobody is allowed to grab you. {mum} is learning new ways "
        "to sort out arguments. You can go to {carer}'s when home feels too much, and you "
        "can talk to the school nurse any day.",
    },
    "caring": {
        "title": "{child} helps {mum}: who helps {child}?",
        "who_is_worried": "Your form tutor and {worker}, who is a social worker.",
        "worried_about": "{mum} has an illness that makes her very tired and stiff. On bad "
        "days you do a lot of looking after, and you are tired at school.",
        "what_happened": "You fell asleep in lessons and told your tutor you help {mum} get "
        "up before school. You have been doing a grown-up's job.",
        "what_everyone_is_doing": "A carer now comes in the mornings to help {mum}. {carer} "
        "does the big shop. You go to a young carers club on Thursdays. You can still help, "
        "but you can be a child too.",
    },
    "school": {
        "title": "Why everyone wants to help {child}",
        "who_is_worried": "{mum}, your school and {worker}, a social worker.",
        "worried_about": "You have stopped going to school and spend most days in your room. "
        "We are worried you feel very alone and that you are missing out.",
        "what_happened": "Since last term you have not been able to go to school, and nothing "
        "the grown-ups have tried has helped yet.",
        "what_everyone_is_doing": "School is making a plan for you to start with one lesson a "
        "day. {worker} will come for a walk with you each week. {mum} and {carer} are trying "
        "to understand what makes school so hard.",
    },
    "other": {
        "title": "Why {worker} comes to see us",
        "who_is_worried": "{worker}, who is a social worker, and the people at your school.",
        "worried_about": "Some things at home have made it hard for the grown-ups to keep you "
        "safe and well every day.",
        "what_happened": "People who know you noticed things were not OK and wanted to help.",
        "what_everyone_is_doing": "{mum}, {carer} and {worker} have made a plan together so "
        "you are safe. It is not your fault.",
    },
}

SAFETY_PLAN_STORY = {
    "title": "{child}'s safety plan",
    "who_keeps_me_safe": "{mum}, {carer} and {worker}. They all know the plan.",
    "the_rules": "There is always a grown-up awake at home who can look after me. If the plan "
    "is not working, {carer} comes round.",
    "if_i_am_worried": "I can go to my room and ring {carer}. I can tell my teacher at school.",
    "who_i_can_call": "{carer}. {worker} at the office. If it is an emergency, 999.",
}

REACTIONS = (
    ("child", "Can I keep it in my room?"),
    ("child", "I didn't know that was why. Is {carer} in it?"),
    ("worker", "{child} listened quietly, then asked to read the page about {carer} again."),
    ("child", "I like the picture of our house."),
    ("worker", "{child} was upset at first and sat with {mum}. Later {child} drew a heart on "
     "the last page."),
)  # fmt: skip
PARTLY = (
    "I don't like the bit that says I shouted. We both shouted.",
    "I want it to say I love them. The rest is right.",
    "I'm not happy with the word drugs. Can it say medicine that made me poorly?",
)

PARENT_RELATIONSHIPS = (Relationship.MOTHER, Relationship.FATHER, Relationship.STEP_PARENT)
HELPER_RELATIONSHIPS = (
    Relationship.GRANDPARENT,
    Relationship.AUNT_UNCLE,
    Relationship.KINSHIP_CARER,
    Relationship.FOSTER_CARER,
    Relationship.FAMILY_FRIEND,
    Relationship.OTHER_RELATIVE,
)


@dataclass
class Household:
    case: Case
    worker: User
    mum: CaseMember | None
    dad: CaseMember | None
    carer: CaseMember | None
    theme: str

    def words(self) -> dict[str, str]:
        child = self.case.child
        female = child.gender.lower().startswith("f")
        return {
            "child": child.name_used,
            "his": "her" if female else "his",
            "worker": self.worker.first_name,
            "mum": _called(self.mum, "Mum"),
            "dad": _called(self.dad, "Dad"),
            "carer": _called(self.carer, "Nana"),
        }

    def fill(self, text: str) -> str:
        return text.format_map(self.words())


def _called(member: CaseMember | None, default: str) -> str:
    """What the child calls them: Mum and Dad for parents, a first name for everyone else."""
    if member is None:
        return default
    if member.relationship == Relationship.MOTHER:
        return "Mum"
    if member.relationship == Relationship.FATHER:
        return "Dad"
    if member.relationship == Relationship.GRANDPARENT:
        return ("Nana " if member.person.gender.lower().startswith("f") else "Grandad ") + (
            member.person.first_name
        )
    return member.person.first_name


def theme_of(case: Case) -> str:
    words = " ".join(
        [
            *case.level_changes.values_list("reason", flat=True),
            *case.danger_statements.values_list("adult_behaviour", flat=True),
        ]
    ).lower()
    for theme, clues in THEMES:
        if any(clue.lower() in words for clue in clues):
            return theme
    return "other"


def household(case: Case) -> Household | None:
    allocation = case.allocations.filter(ended_on__isnull=True).select_related("worker").first()
    if allocation is None:
        return None
    members = list(case.members.filter(removed_at__isnull=True).select_related("person"))

    def first(relationships: Iterable[str]) -> CaseMember | None:
        wanted = tuple(relationships)
        return next((m for m in members if m.relationship in wanted), None)

    return Household(
        case=case,
        worker=allocation.worker,
        mum=first([Relationship.MOTHER]) or first(PARENT_RELATIONSHIPS),
        dad=first([Relationship.FATHER, Relationship.STEP_PARENT]),
        carer=first(HELPER_RELATIONSHIPS),
        theme=theme_of(case),
    )


# --- Drawings ---------------------------------------------------------------------------------

SKIN = ("#f1c7a5", "#c68642", "#8d5524", "#e0ac69")
CLOTHES = ("#d4351c", "#1d70b8", "#00703c", "#912b88", "#f47738", "#28a197")


def _person(
    draw: ImageDraw.ImageDraw, x: int, ground: int, height: int, rng: random.Random
) -> None:
    """A child's drawing of a person: round head, triangle body, stick arms and legs."""
    head = height // 5
    top = ground - height
    draw.ellipse((x - head // 2, top, x + head // 2, top + head), fill=rng.choice(SKIN),
                 outline="black", width=2)  # fmt: skip
    body_top, body_bottom = top + head, ground - height // 3
    draw.polygon([(x, body_top), (x - head, body_bottom), (x + head, body_bottom)],
                 fill=rng.choice(CLOTHES), outline="black")  # fmt: skip
    draw.line((x - head, body_top + head // 2, x + head, body_top + head // 2), fill="black",
              width=3)  # fmt: skip
    draw.line((x - head // 3, body_bottom, x - head // 2, ground), fill="black", width=3)
    draw.line((x + head // 3, body_bottom, x + head // 2, ground), fill="black", width=3)
    draw.arc((x - head // 4, top + head // 2, x + head // 4, top + head * 3 // 4), 0, 180,
             fill="black", width=2)  # fmt: skip


def drawing(subject: str, rng: random.Random, *, people: int = 3) -> bytes:
    """A crayon-style picture: a house with the family, people holding hands, or a heart."""
    image = Image.new("RGB", (480, 360), "#fffdf5")
    draw = ImageDraw.Draw(image)
    ground = 320
    draw.rectangle((0, ground, 480, 360), fill="#8fd18f")
    draw.ellipse((395, 20, 455, 80), fill="#ffdd00", outline="#f47738", width=3)
    if subject == "house":
        draw.rectangle((40, 170, 200, ground), fill="#f3b3a6", outline="black", width=3)
        draw.polygon([(30, 172), (120, 95), (210, 172)], fill="#b1302a", outline="black")
        draw.rectangle((100, 250, 140, ground), fill="#6f3f1d")
        draw.rectangle((60, 195, 95, 225), fill="#bfe3ff", outline="black", width=2)
        draw.rectangle((150, 195, 185, 225), fill="#bfe3ff", outline="black", width=2)
        for index in range(people):
            _person(draw, 250 + index * 60, ground, rng.randint(90, 140), rng)
    elif subject == "heart":
        draw.polygon([(240, 300), (130, 170), (240, 200), (350, 170)], fill="#d4351c")
        draw.ellipse((125, 110, 245, 220), fill="#d4351c")
        draw.ellipse((235, 110, 355, 220), fill="#d4351c")
    else:  # helpers: people in a row, holding hands
        xs = [80 + index * (320 // max(1, people - 1)) for index in range(people)]
        for x in xs:
            _person(draw, x, ground, rng.randint(110, 170), rng)
        for left, right in itertools.pairwise(xs):
            draw.line((left + 20, ground - 90, right - 20, ground - 90), fill="black", width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# --- Writing the stories ----------------------------------------------------------------------


def _write(home: Household, version: StoryVersion, texts: dict[str, str]) -> StoryVersion:
    authors = Authors(
        members=[m for m in (home.mum, home.carer) if m is not None], staff=[home.worker]
    )
    return services.story_version_edit(
        actor=home.worker,
        version=version,
        expected_version=version.version,
        panels=[
            PanelWords(panel=panel.uuid, text=home.fill(texts.get(panel.key, panel.text)))
            for panel in version.panels.all()
        ],
        authors=authors,
    )


def _picture(home: Household, version: StoryVersion, key: str, subject: str, about: str,
             rng: random.Random) -> StoryVersion:  # fmt: skip
    panel = version.panels.get(key=key)
    services.story_panel_picture_set(
        actor=home.worker,
        panel=panel,
        expected_version=version.version,
        uploaded_file=SimpleUploadedFile(f"{subject}.png", drawing(subject, rng)),
        description=home.fill(about),
    )
    version.refresh_from_db()
    return version


def _day(case: Case, rng: random.Random, *, weeks: tuple[int, int]) -> datetime.date:
    today = timezone.localdate()
    day = case.opened_on + datetime.timedelta(days=rng.randint(weeks[0] * 7, weeks[1] * 7))
    return max(case.opened_on, min(day, today - datetime.timedelta(days=1)))


def _agree(home: Household, version: StoryVersion, rng: random.Random, on: datetime.date,
           *, partly: bool = False) -> StoryVersion:  # fmt: skip
    return services.story_parents_record(
        actor=home.worker,
        version=version,
        expected_version=version.version,
        agree="partly" if partly else "yes",
        words=rng.choice(PARTLY) if partly else "It's right. It says it how it is.",
        asked_on=on,
    )


def _give(home: Household, version: StoryVersion, rng: random.Random,
          on: datetime.date) -> StoryVersion:  # fmt: skip
    whose, words = rng.choice(REACTIONS)
    giver = home.mum if home.mum is not None and rng.random() < 0.4 else home.worker
    return services.story_given_record(
        actor=home.worker,
        version=version,
        expected_version=version.version,
        given_on=on,
        given_by=giver,
        child_reaction=home.fill(words),
        reaction_words=whose,
    )


def _explanation(home: Household, rng: random.Random, *, given: bool, second: bool) -> None:
    story = services.story_start(actor=home.worker, case=home.case, kind=StoryKind.EXPLANATION)
    version = _write(home, story.versions.get(), STORIES[home.theme])
    version = _picture(home, version, "title", "house", "{child}'s drawing of home", rng)
    version = _picture(home, version, "what_everyone_is_doing", "helpers",
                       "{child}, {mum} and {carer} holding hands", rng)  # fmt: skip
    if not given:
        if rng.random() < 0.5:  # the parents have seen the draft and want changes
            _agree(home, version, rng, _day(home.case, rng, weeks=(2, 6)), partly=True)
        return
    asked = _day(home.case, rng, weeks=(2, 5))
    version = _agree(home, version, rng, asked)
    first_given = min(asked + datetime.timedelta(days=rng.randint(1, 10)), timezone.localdate())
    _give(home, version, rng, first_given)
    if second:
        version = services.story_version_start(actor=home.worker, story=story)
        texts = dict(STORIES[home.theme])
        texts["what_everyone_is_doing"] += " Things are getting better, and the plan is working."
        version = _write(home, version, texts)
        if rng.random() < 0.5:
            later = min(first_given + datetime.timedelta(days=rng.randint(20, 60)),
                        timezone.localdate())  # fmt: skip
            version = _agree(home, version, rng, later)
            _give(home, version, rng, later)


def _safety_plan_story(home: Household, rng: random.Random) -> None:
    story = services.story_start(actor=home.worker, case=home.case, kind=StoryKind.SAFETY_PLAN)
    version = _write(home, story.versions.get(), SAFETY_PLAN_STORY)
    version = _picture(home, version, "who_keeps_me_safe", "helpers",
                       "The people who keep {child} safe", rng)  # fmt: skip
    version = _picture(home, version, "if_i_am_worried", "heart", "A big red heart", rng)
    _give(home, version, rng, _day(home.case, rng, weeks=(6, 10)))


def add_words_and_pictures(cases: Iterable[Case], *, seed_value: int = 0) -> int:
    """Stories for the demo's children on a plan. Of every five such cases (in order of
    reference): three were given their story, one has a draft, one has none. Returns how
    many stories were written."""
    on_a_plan = (
        Case.objects.filter(
            pk__in=[case.pk for case in cases],
            service_level__in=expected_levels(),
            closed_on__isnull=True,
        )
        .select_related("child")
        .order_by("reference")
    )
    written = 0
    for index, case in enumerate(on_a_plan):
        rng = random.Random(f"{seed_value}-{case.reference}")
        home = household(case)
        slot = index % 5
        if home is None or slot == 4:
            continue  # no story yet: the gap shows on this child's case
        with transaction.atomic():
            _explanation(home, rng, given=slot < 3, second=slot == 1)
            written += 1
            if slot == 0 and index % 10 == 0:
                _safety_plan_story(home, rng)
                written += 1
    return written
