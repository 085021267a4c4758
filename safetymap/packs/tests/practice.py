"""The practice records a pack draws on, added to the pack tests' family: an agreed safety
plan, a Three Houses session (some words shared with the parents, some not, one shared
without the child's agreement), and Words and Pictures stories for Kian."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from safetymap.child_voice import services as voice
from safetymap.safety_plans import services as plans
from safetymap.safety_plans.models import PlanVersion
from safetymap.words_pictures import services as stories
from safetymap.words_pictures.models import StoryVersion
from safetymap.words_pictures.tests.conftest import give, picture

from .conftest import Family

RULE = "Darren will not come to the house or wait outside school."
RULE_FOR_KIAN = "Dad will not come to our house."
WHO_CHECKS = "Kian's teacher tells the social worker every Friday."
SIGN = "Darren's car is parked near the school gates."
WHAT_TO_DO = "Leanne rings the police on 999 and tells the school."
WORKING = "Kian sleeps through the night and tells his teacher he feels safe."
NOT_WORKING = "We will meet together within a week to change the plan."
SHARED_WORDS = "I like it when mum reads to me at bedtime."
PRIVATE_WORDS = "I hide under the bed when dad comes."
OVERRIDDEN_WORDS = "Dad said he would take me away."
OVERRIDE_REASON = "Leanne must know so she can keep Kian safe at school pick-up."
STORY_WORDS = "Kian lives with his mum Leanne. Some grown-ups were worried about shouting."
PLAN_STORY_WORDS = "Dad will not come to our house. Mum will keep her phone on."


def add_plan(family: Family, *, rule: str = RULE) -> PlanVersion:
    """An immediate plan, agreed by Leanne and the worker, with a rule, a warning sign and
    someone to call."""
    worker, case = family.worker, family.case
    version = plans.safety_plan_create(
        actor=worker, case=case, kind="immediate", title="Safe at home"
    )
    mum = case.members.get(person=family.mum)
    plans.plan_line_add(
        actor=worker,
        plan_version=version,
        kind="rules",
        values={
            "adult_words": rule,
            "child_words": RULE_FOR_KIAN,
            "danger_statement": case.danger_statements.get(),
            "how_checked": WHO_CHECKS,
            "how_often": "Every Friday",
            "responsible_members": [mum],
            "responsible_staff": [worker],
        },
    )
    plans.plan_line_add(
        actor=worker,
        plan_version=version,
        kind="warning-signs",
        values={"sign": SIGN, "what_to_do": WHAT_TO_DO},
    )
    plans.plan_line_add(
        actor=worker,
        plan_version=version,
        kind="contacts",
        values={
            "name": "Eastbrook children's services",
            "number": "01632 960 999",
            "when": "Any time",
        },
    )
    version.refresh_from_db()
    plans.plan_version_update(
        actor=worker,
        plan_version=version,
        expected_version=version.version,
        values={
            "how_we_know_working": WORKING,
            "if_not_working": NOT_WORKING,
            "review_on": timezone.localdate() + datetime.timedelta(days=28),
        },
    )
    version.refresh_from_db()
    return plans.plan_agree(
        actor=worker,
        plan_version=version,
        expected_version=version.version,
        agreers=[plans.Agreer(member=mum), plans.Agreer(staff=worker)],
        agreed_on=timezone.localdate(),
    )


def add_voice(family: Family) -> dict[str, Any]:
    """A Three Houses session Kian agreed to share with his parents, a drawing in it, a worry
    he asked to keep to himself, and one the worker shared anyway with a reason."""
    worker, case = family.worker, family.case
    shared = voice.session_record(
        actor=worker, case=case, kind="three_houses", values={"place": "At school"}
    )
    voice.session_consent_set(
        actor=worker,
        session=shared,
        expected_version=shared.version,
        audiences=["parents"],
        consent_words="Mum can see",
    )
    voice.entry_add(
        actor=worker,
        session=shared,
        values={"house": "good", "words": SHARED_WORDS, "written_by": "child"},
    )
    voice.drawing_add(
        actor=worker,
        session=shared,
        uploaded_file=picture(),
        caption="Kian's drawing of his house",
    )
    private = voice.session_record(
        actor=worker, case=case, kind="three_houses", values={"place": "At home"}
    )
    voice.entry_add(
        actor=worker,
        session=private,
        values={"house": "worries", "words": PRIVATE_WORDS, "written_by": "child"},
    )
    overridden = voice.entry_add(
        actor=worker,
        session=private,
        values={"house": "worries", "words": OVERRIDDEN_WORDS, "written_by": "worker"},
    )
    voice.consent_override_add(
        actor=worker, session=private, audience="parents", reason=OVERRIDE_REASON, entry=overridden
    )
    return {"shared": shared, "private": private}


def add_story(family: Family, kind: str, words: str, *, with_picture: bool = True) -> StoryVersion:
    """A story of this kind whose first panel says `words` (with a picture), agreed by the
    parents and given to Kian today."""
    worker = family.worker
    story = stories.story_start(actor=worker, case=family.case, kind=kind)
    version = story.versions.get()
    first = version.panels.order_by("position").first()
    assert first is not None
    stories.story_version_edit(
        actor=worker,
        version=version,
        expected_version=version.version,
        panels=[stories.PanelWords(panel=first.uuid, text=words)],
        authors=stories.Authors(members=[], staff=[worker]),
    )
    if with_picture:
        first.refresh_from_db()
        version.refresh_from_db()
        stories.story_panel_picture_set(
            actor=worker,
            panel=first,
            expected_version=version.version,
            uploaded_file=picture(),
            description="Kian and his mum outside their house",
        )
    version.refresh_from_db()
    stories.story_parents_record(
        actor=worker,
        version=version,
        expected_version=version.version,
        agree="yes",
        words="",
        asked_on=timezone.localdate(),
    )
    version.refresh_from_db()
    return give(worker, version, reaction_words="worker", child_reaction="He smiled")
