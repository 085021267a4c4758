"""The front door for the demo council, written through the referrals services.

- The contact that opened many of the demo cases: received a day or two before the case
  opened, decided on the day it opened, and recorded on the case.
- Re-referrals: two children whose early help closed a few months ago are referred again
  (one decided, opening a new case; one waiting for a decision).
- Contacts that opened no case (advice and information, no further action) and some still
  waiting for a decision, about children not known to the council.

Every referrer is fictional and speaks in their own words. Dates are relative to today.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from safetymap.accounts.models import Role, Team, User
from safetymap.audit.services import audited_update
from safetymap.cases.models import Case, ServiceLevel
from safetymap.cases.selectors import unrestricted_cases
from safetymap.referrals import services
from safetymap.referrals.models import Decision, Referral

# The people who contact the front door, in their own words. {child} is the child's name.
OPENING_CONTACTS: list[dict[str, Any]] = [
    {
        "method": "phone",
        "referrer_relationship": "school",
        "referrer_name": "Mrs Helen Achebe",
        "referrer_role": "Designated safeguarding lead, Brookside Primary School",
        "referrer_contact": "01632 960 402",
        "worries": "{child} told his teaching assistant that Mum and her boyfriend were "
        "'fighting loud' again and he hid under the bed. He has been tired and not eating "
        "his lunch.",
        "going_well": "Mum always answers when we ring and {child} is never late.",
        "needs_to_happen": "Knowing there is a plan so {child} is not there when the "
        "fighting starts.",
        "referrer_scale": 4,
    },
    {
        "method": "online_form",
        "referrer_relationship": "health",
        "referrer_name": "Jo Pemberton",
        "referrer_role": "Health visitor, Eastbrook 0-19 team",
        "referrer_contact": "jo.pemberton@example.nhs.uk",
        "worries": "Baby {child} has missed two weighing appointments and was under the "
        "line when I saw her. The flat was cold and there was no formula in the cupboard.",
        "going_well": "Mum let me in and asked me how to make the bottles up.",
        "needs_to_happen": "{child} putting weight on and Mum having someone to help her.",
        "referrer_scale": 3,
    },
    {
        "method": "police_notification",
        "referrer_relationship": "police",
        "referrer_name": "PC 4471 Daniel Roper",
        "referrer_role": "Eastbrook Police, domestic abuse unit",
        "referrer_contact": "Public protection unit, 01632 960 999",
        "worries": "Police called to the home at 23:40 after neighbours heard screaming. "
        "{child} was awake and crying on the stairs. Dad arrested for assault on Mum.",
        "going_well": "Mum's sister came straight away and took the children to hers.",
        "needs_to_happen": "",
        "referrer_scale": None,
    },
    {
        "method": "phone",
        "referrer_relationship": "neighbour_or_friend",
        "referrer_name": "",
        "referrer_role": "Neighbour (did not want to give her name)",
        "referrer_contact": "",
        "worries": "I don't want to cause trouble but the little one, {child}, is out on "
        "the landing on his own at all hours, and I can hear shouting through the wall.",
        "going_well": "His nan comes on a Sunday and takes him to the park.",
        "needs_to_happen": "Someone checking he's alright, that's all.",
        "referrer_scale": 5,
    },
    {
        "method": "in_person",
        "referrer_relationship": "parent",
        "referrer_name": "",
        "referrer_role": "{child}'s mum",
        "referrer_contact": "",
        "worries": "I can't cope with {child} anymore. He punched a hole in the door and "
        "I'm scared of what he'll do to his little sister. I need help before it gets worse.",
        "going_well": "He's brilliant with his grandad and he loves football.",
        "needs_to_happen": "Him going back to school and us not shouting every night.",
        "referrer_scale": 4,
    },
]
OPEN_EVERY = 2  # about half the demo cases have the contact that opened them


@dataclass(frozen=True)
class Story:
    """A contact about a child the council does not know yet (or knew before)."""

    child: dict[str, Any]
    contact: dict[str, Any]
    days_ago: int
    decision: str = ""
    reason: str = ""


NEW_CHILDREN = [
    Story(
        child={
            "child_first_name": "Tayla",
            "child_last_name": "Brennan",
            "child_age_years": 9,
            "child_address": "27 Foundry Street, Eastbrook EB3 2LW",
        },
        contact={
            "method": "email",
            "referrer_relationship": "school",
            "referrer_name": "Mr Owen Pryce",
            "referrer_role": "Head of year 5, St Anne's Primary",
            "referrer_contact": "o.pryce@example.sch.uk",
            "worries": "Tayla's attendance has dropped to 81% and she says she has to stay "
            "home to help Mum, who has been poorly.",
            "going_well": "Tayla is kind and her reading is well above her age.",
            "needs_to_happen": "Mum getting some help so Tayla can come to school.",
            "referrer_scale": 7,
        },
        days_ago=20,
        decision=Decision.ADVICE,
        reason="No worry about harm. School given advice on a young carers assessment and "
        "the attendance team; Mum agreed to the referral to the young carers service.",
    ),
    Story(
        child={
            "child_first_name": "Mason",
            "child_last_name": "Whitfield",
            "child_age_years": 12,
            "child_address": "4 Orchard Mews, Eastbrook EB6 9DN",
        },
        contact={
            "method": "phone",
            "referrer_relationship": "relative",
            "referrer_name": "Pauline Whitfield",
            "referrer_role": "Paternal grandmother",
            "referrer_contact": "07700 900 512",
            "worries": "His mum won't let me see him since the separation and I think "
            "she's turning him against his dad.",
            "going_well": "He's doing well at school, his dad says.",
            "needs_to_happen": "Me seeing my grandson again.",
            "referrer_scale": 8,
        },
        days_ago=34,
        decision=Decision.NO_FURTHER_ACTION,
        reason="A disagreement about contact after separation, with no worry about harm "
        "to Mason. Grandmother told about family mediation and the family court.",
    ),
    Story(
        child={
            "child_first_name": "Aleksander",
            "child_last_name": "Nowak",
            "child_age_years": 3,
            "child_address": "Flat 9, Kestrel House, Eastbrook EB1 4TP",
        },
        contact={
            "method": "police_notification",
            "referrer_relationship": "police",
            "referrer_name": "DC Sarah Lowther",
            "referrer_role": "Eastbrook Police, CID",
            "referrer_contact": "Public protection unit, 01632 960 999",
            "worries": "Officers attended a report of a man shouting in the stairwell. "
            "Aleksander was in the flat with his dad, who was very drunk. Mum was at work.",
            "going_well": "Mum came home within 20 minutes and the flat was clean and "
            "warm with food in.",
            "needs_to_happen": "",
            "referrer_scale": None,
        },
        days_ago=1,
    ),
    Story(
        child={
            "child_first_name": "Ruby",
            "child_last_name": "Okonjo-Hale",
            "child_age_years": 15,
            "child_address": "",
        },
        contact={
            "method": "online_form",
            "referrer_relationship": "health",
            "referrer_name": "Dr Imran Siddiqui",
            "referrer_role": "GP, Mill Lane Surgery",
            "referrer_contact": "01632 960 640",
            "worries": "Ruby came to the surgery with cuts on her forearms. She said "
            "there is no point telling anyone because 'nothing changes at home'.",
            "going_well": "She came on her own and let me dress the cuts.",
            "needs_to_happen": "Ruby having an adult she trusts, and CAMHS seeing her.",
            "referrer_scale": 3,
        },
        days_ago=0,
    ),
]

# Children whose early help closed a few months ago, referred again.
RE_REFERRED = [
    Story(
        child={
            "child_first_name": "Kacey",
            "child_last_name": "Dunmore",
            "child_age_years": 7,
            "child_address": "11 Weaver Close, Eastbrook EB5 3HA",
        },
        contact={
            "method": "phone",
            "referrer_relationship": "school",
            "referrer_name": "Ms Lorna Baptiste",
            "referrer_role": "Designated safeguarding lead, Hillcrest Infants",
            "referrer_contact": "01632 960 233",
            "worries": "Kacey came in with the same bruising on her upper arms as last "
            "year. She said Mum's new partner 'grabs when he's cross'.",
            "going_well": "Mum came in when we asked and was upset.",
            "needs_to_happen": "Knowing who the partner is and that Kacey is safe with him.",
            "referrer_scale": 2,
        },
        days_ago=6,
        decision=Decision.ASSESSMENT,
        reason="Second time of bruising from an adult in the home within a year of early "
        "help closing. Child and family assessment needed; strategy discussion if the "
        "bruising is explained as non-accidental.",
    ),
    Story(
        child={
            "child_first_name": "Jayden",
            "child_last_name": "Farrow",
            "child_age_years": 10,
            "child_address": "2 Canal Row, Eastbrook EB2 8QS",
        },
        contact={
            "method": "in_person",
            "referrer_relationship": "parent",
            "referrer_name": "Shannon Farrow",
            "referrer_role": "Jayden's mum",
            "referrer_contact": "07700 900 771",
            "worries": "It's started again. He's not sleeping and he smashed his brother's "
            "tablet. I stopped going to the group when early help finished.",
            "going_well": "The bedtime chart worked last time, for months.",
            "needs_to_happen": "The group again, and someone I can ring.",
            "referrer_scale": 5,
        },
        days_ago=2,
    ),
]


def _born(rng: random.Random, years: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=years * 365 + rng.randint(10, 300))


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 15)))


def _recorder(team: Team) -> User | None:
    return (
        User.objects.filter(team=team, is_active=True, role__in=[Role.PRACTITIONER])
        .order_by("id")
        .first()
    )


def _record(actor: User, team: Team, values: dict[str, Any]) -> Referral:
    (referral,) = services.referral_record(actor=actor, team=team, values=values)
    return referral


def _decide(
    actor: User, referral: Referral, decision: str, reason: str, at: datetime.datetime
) -> Referral:
    return services.referral_decide(
        actor=actor, referral=referral, expected_version=None, decision=decision,
        reason=reason, decided_at=at,
    )  # fmt: skip


def _opening_contact(case: Case, rng: random.Random) -> None:
    """The contact that opened this case, decided on the day it opened."""
    actor = _recorder(case.team)
    if actor is None:
        return
    words = rng.choice(OPENING_CONTACTS)
    child = case.child
    name = child.known_as or child.first_name
    received = case.opened_on - datetime.timedelta(days=rng.randint(1, 3))
    referral = _record(actor, case.team, {
        **{key: value.format(child=name) if isinstance(value, str) else value
           for key, value in words.items()},
        "received_at": _at(received, rng.randint(9, 16)),
        "child_first_name": child.first_name, "child_last_name": child.last_name,
        "child_date_of_birth": child.date_of_birth, "child_address": child.address,
    })  # fmt: skip
    referral = services.referral_link_child(
        actor=actor, referral=referral, expected_version=None, person=child
    )
    early_help = case.service_level == ServiceLevel.EARLY_HELP
    _decide(
        actor, referral,
        Decision.EARLY_HELP if early_help else Decision.ASSESSMENT,
        "Worries about the child's safety at home that the family agree need looking at."
        if not early_help else "The family want help and there is no worry about harm.",
        _at(case.opened_on, 17),
    )  # fmt: skip


def _child_values(story: Story, rng: random.Random) -> dict[str, Any]:
    values = dict(story.child)
    values["child_date_of_birth"] = _born(rng, values.pop("child_age_years"))
    return values


def _new_child_contact(actor: User, team: Team, story: Story, rng: random.Random) -> None:
    received = timezone.localdate() - datetime.timedelta(days=story.days_ago)
    referral = _record(actor, team, {
        **story.contact, **_child_values(story, rng),
        "received_at": _at(received, 10 if story.days_ago else 8),
    })  # fmt: skip
    if story.decision:
        referral = services.referral_link_child(
            actor=actor, referral=referral, expected_version=None, person=None
        )
        _decide(actor, referral, story.decision, story.reason, _at(received, 16))


def _closed_early_help(actor: User, team: Team, story: Story, rng: random.Random) -> None:
    """Early help opened by a contact 15 months ago, closed four to seven months ago, then
    a new contact: a re-referral."""
    child = _child_values(story, rng)
    opened = timezone.localdate() - datetime.timedelta(days=450)
    first = _record(actor, team, {
        **child, "method": "phone", "referrer_relationship": "school",
        "referrer_name": "School office", "referrer_role": "Family support worker",
        "worries": "Mum is struggling with the children's behaviour and asked school for help.",
        "going_well": "Mum is open with school and wants things to be better.",
        "received_at": _at(opened - datetime.timedelta(days=2), 11),
    })  # fmt: skip
    first = services.referral_link_child(
        actor=actor, referral=first, expected_version=None, person=None
    )
    case = _decide(
        actor, first, Decision.EARLY_HELP, "Family asked for help; no worry about harm.",
        _at(opened, 15),
    ).case  # fmt: skip
    assert case is not None
    closed_on = timezone.localdate() - datetime.timedelta(days=rng.randint(120, 210))
    audited_update(
        actor=actor, instance=case, expected_version=None, changes={"closed_on": closed_on},
        case_uuid=case.uuid, summary="Case closed",
    )  # fmt: skip
    received = timezone.localdate() - datetime.timedelta(days=story.days_ago)
    again = _record(actor, team, {**story.contact, **child, "received_at": _at(received, 9)})
    again = services.referral_link_child(
        actor=actor, referral=again, expected_version=None, person=case.child
    )
    if story.decision:
        _decide(actor, again, story.decision, story.reason, _at(received, 14))


def add_referrals(cases: list[Case], seed_value: int = 0) -> None:
    """The front door's contacts for the demo council's cases (see the module docstring)."""
    rng = random.Random(seed_value)
    restricted = set(Case.objects.exclude(pk__in=unrestricted_cases()).values_list("pk", flat=True))
    open_cases = [case for case in cases if case.closed_on is None and case.pk not in restricted]
    for case in open_cases[::OPEN_EVERY]:
        _opening_contact(case, rng)
    front_door = User.objects.filter(username="practitioner").select_related("team").first()
    if front_door is None or front_door.team is None:
        return
    for story in NEW_CHILDREN:
        _new_child_contact(front_door, front_door.team, story, rng)
    for story in RE_REFERRED:
        _closed_early_help(front_door, front_door.team, story, rng)
