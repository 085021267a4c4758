"""Worries inside the home: basic care, a parent's drinking, violence between parents, and
a parent's mental health."""

from __future__ import annotations

from safetymap.cases.models import Relationship as R
from safetymap.cases.models import ServiceLevel as L
from safetymap.demo.scenarios.base import (
    Change,
    Danger,
    Goal,
    Item,
    Member,
    Remove,
    Scenario,
    Stage,
    Step,
    years,
)
from safetymap.mapping.models import FamilyView as V
from safetymap.mapping.models import GoalKind as GK
from safetymap.mapping.models import GoalStatus as GS
from safetymap.mapping.models import HowWeKnow as K
from safetymap.mapping.models import Occasion as O
from safetymap.mapping.models import Part as P

BASIC_CARE = Scenario(
    key="basic_care",
    about="Neglect of basic care: no food, a baby not gaining weight; CIN -> CP -> CIN.",
    child_sex="any",
    child_age_months=(26, 40),
    picks={
        "n_days": ("three", "four", "five"),
        "hungry_words": (
            "my tummy's hurting, I'm hungry",
            "no breakfast at my house",
            "I want toast. There's no toast at home",
        ),
    },
    members=(
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(19, 27),
            lives_with_child=True,
            parental_responsibility=True,
        ),
        Member(
            "sib",
            R.SIBLING,
            "baby brother or sister",
            sex="any",
            age_months=(5, 9),
            lives_with_child=True,
            generation="child",
        ),
        Member(
            "dad",
            R.FATHER,
            sex="m",
            age_months=years(21, 32),
            parental_responsibility=True,
            surname="own",
            notes="Sees {child} every other Saturday.",
        ),
        Member(
            "gran",
            R.GRANDPARENT,
            "maternal grandmother",
            sex="f",
            age_months=years(44, 58),
            generation="grandparent",
        ),
        Member(
            "friend",
            R.FAMILY_FRIEND,
            "{mum}'s friend from the flats",
            sex="f",
            age_months=years(20, 35),
            surname="own",
        ),
        Member(
            "hv",
            R.PROFESSIONAL,
            "health visitor",
            sex="f",
            surname="own",
            organisation="Eastbrook Community Health",
        ),
        Member(
            "keyworker",
            R.PROFESSIONAL,
            "nursery key worker",
            sex="f",
            surname="own",
            organisation="{nursery}",
        ),
    ),
    levels=(
        (
            0,
            L.CHILD_IN_NEED,
            "{nursery} rang us: {child} had come in hungry on {n_days} mornings and in the same "
            "clothes all week. A child and family assessment started.",
        ),
        (
            5,
            L.CHILD_PROTECTION,
            "At the first child protection conference everyone agreed the children needed a plan: "
            "there was still no food on two visits without warning and {sib} had lost weight.",
        ),
        (
            26,
            L.CHILD_IN_NEED,
            "The review conference agreed the children no longer need a child protection plan. "
            "There has been food in the house at every visit for four months, {sib} is back on "
            "{sib_his} weight line and {child} comes to nursery fed and clean. Support carries on "
            "as a child in need plan.",
        ),
    ),
    stages=(
        Stage(
            week=1,
            occasion=O.ASSESSMENT,
            note="First map, made with {mum} at home during the assessment.",
            ops=(
                Item(
                    "h_food",
                    P.HARM,
                    "There was no food in the house on three of my four visits in {open_month}. "
                    "The fridge was switched off and the cupboards had a bag of rice and some "
                    "sugar in them.",
                    said_by="{worker_label}",
                    when="{open_month}",
                    how_often="Three of four visits",
                    effect="{child} and {sib} had nothing to eat until {gran} brought shopping "
                    "round in the evening.",
                    how=K.SEEN,
                    view=V.PARTLY,
                    words="There was food, just not much. I was waiting for my money to go in.",
                ),
                Item(
                    "h_hungry",
                    P.HARM,
                    "{child} told nursery staff \u201c{hungry_words}\u201d on {n_days} mornings "
                    "in {before_month}, and ate three bowls of cereal at breakfast each time.",
                    said_by="{keyworker_label}",
                    when="{before_month}",
                    how_often="{n_days} mornings",
                    effect="{child} was tired and tearful until {he} had eaten and could not "
                    "settle to play.",
                    how=K.TOLD_BY_CHILD,
                    view=V.DISAGREES,
                    words="{He} always says {he}'s hungry. All kids do.",
                ),
                Item(
                    "h_nappy",
                    P.HARM,
                    "When the health visitor called in {open_month}, {sib} had a nappy rash that "
                    "was bleeding and had been in the same nappy since the night before.",
                    said_by="{hv_label}",
                    when="{open_month}",
                    how_often="Once seen",
                    effect="{sib} was sore and crying and needed cream from the GP.",
                    how=K.SEEN,
                    view=V.AGREES,
                    words="I'd run out of nappies. I know it was bad.",
                ),
                Item(
                    "c_money",
                    P.COMPLICATING,
                    "{mum}'s money was stopped for five weeks after a change to her benefits, "
                    "and she owes money on the electricity meter, so the power keeps running "
                    "out.",
                    said_by="{mum_label}",
                    view=V.AGREES,
                ),
                Item(
                    "c_alone",
                    P.COMPLICATING,
                    "{mum} fell out with {gran} last year and has had little help since. She "
                    "says she hardly goes out apart from taking {child} to nursery.",
                    said_by="{worker_label}",
                ),
                Item(
                    "c_dad",
                    P.COMPLICATING,
                    "{dad} and {mum} only talk by text, so {dad} does not know when there is no "
                    "food in the house.",
                    said_by="{dad_label}",
                    chance=0.7,
                ),
                Item(
                    "s_love",
                    P.STRENGTH,
                    "{mum} loves the children and they go to her for cuddles. {child} is chatty "
                    "and plays well with {sib}.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                    words="They're my world.",
                ),
                Item(
                    "s_jabs",
                    P.STRENGTH,
                    "{mum} has taken {sib} to all {sib_his} injections and went to the GP about "
                    "the rash the same day the health visitor asked.",
                    said_by="{hv_label}",
                ),
                Item(
                    "s_dad",
                    P.STRENGTH,
                    "{dad} has {child} every other Saturday and always brings food and nappies "
                    "when he collects {him}.",
                    said_by="{dad_label}",
                    chance=0.8,
                ),
                Item(
                    "sa_warm",
                    P.SAFETY,
                    "When the electricity ran out on a cold night in {open_month}, {mum} took "
                    "both children to {friend}'s flat so they were warm and had their tea there.",
                    said_by="{mum_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Item(
                    "sa_cot",
                    P.SAFETY,
                    "{mum} always puts {sib} down to sleep on {sib_his} back in {sib_his} own cot.",
                    said_by="{hv_label}",
                    danger_present=False,
                ),
                Item(
                    "u_low",
                    P.UNSURE,
                    "Why {mum} has stopped going out much: whether she is feeling low and "
                    "needs to see her GP.",
                    said_by="{worker_label}",
                ),
                Item(
                    "u_weight",
                    P.UNSURE,
                    "Whether {sib}'s slow weight gain is about feeding or a health problem. "
                    "The GP is checking.",
                    said_by="{hv_label}",
                ),
                Danger(
                    "d_food",
                    who="{worker}, the nursery and the health visitor",
                    behaviour="{mum} often does not have food in the house, leaves {sib} in "
                    "the same nappy for most of the day, and {child} goes to nursery hungry "
                    "and in the same clothes for days",
                    fear="{child} and {sib} will go hungry, {sib} will not grow as "
                    "{sib_he} should, and both children will get sore and poorly",
                    view=V.PARTLY,
                    words="I know I've struggled for money but my kids aren't starving.",
                ),
                Goal(
                    "g_food",
                    "d_food",
                    adults="{mum} will have food in the house every day and give the children "
                    "breakfast, lunch and tea, with {gran} and {dad} stepping in when money runs "
                    "out",
                    child="{child} and {sib} will be fed, clean and warm every day, and {sib} "
                    "will keep putting on weight",
                    who="The nursery, the health visitor, {gran} and {worker_first}",
                    how_long="six months",
                ),
                Step(
                    "n_foodbank",
                    "Give {mum} a food bank voucher and book her in with the "
                    "council's money advice service",
                    "{worker}",
                    due=5,
                    goal="g_food",
                    done=3,
                ),
                Step("n_weigh", "Weigh {sib} at the clinic", "{hv_full}", due=7, done=7),
                Step(
                    "n_gran",
                    "Ask {mum} whether {gran} can come to a family meeting",
                    "{worker}",
                    due=10,
                    done=12,
                ),
                Step(
                    "n_meter",
                    "Ring the electricity company about the meter debt",
                    "{mum}",
                    due=14,
                    done=30,
                ),
            ),
            scores={
                "worker": (
                    3,
                    "There was no food on three visits and {child} keeps telling nursery "
                    "{he} is hungry. It isn't lower because {mum} lets me in every time, "
                    "she is warm with the children and she took {sib} to the GP when asked.",
                    "Food in the cupboards at my next two visits without warning, and "
                    "{sib}'s weight going up at clinic.",
                ),
                "mum": (
                    6,
                    "My kids are never without for long. It was a bad few weeks because my "
                    "money got stopped, that's all.",
                    "Getting my money back on and the electric sorted so I'm not always "
                    "worrying about the meter.",
                ),
                "hv": (
                    3,
                    "{sib} has dropped down the weight chart and had a rash that bled. {mum} "
                    "did what I asked straight away, which is why it's not lower.",
                    "{sib} putting on weight two weeks running and a clean nappy when I call.",
                ),
                "keyworker": (
                    4,
                    "{child} comes in hungry a lot and some days in yesterday's clothes. "
                    "{He} is always happy to see {mum} at home time.",
                    "{child} coming in having had breakfast most days of the week.",
                ),
                "manager": (
                    3,
                    "I agree with {worker_first}: the food and {sib}'s weight are real "
                    "worries, but {mum} is working with us and there is some help "
                    "around her.",
                    "{mum} agreeing a plan for the days the money runs out, with family in it.",
                ),
            },
            danger_scores={
                "d_food": {
                    "worker": (
                        3,
                        "No food on three visits in one month.",
                        "Two visits in a row with food in the house.",
                    ),
                    "mum": (
                        6,
                        "I always make sure they have something.",
                        "My money going back in.",
                    ),
                },
            },
        ),
        Stage(
            week=5,
            occasion=O.MEETING,
            note="Map updated at the first child protection conference.",
            ops=(
                Item(
                    "h_milk",
                    P.HARM,
                    "On a visit without warning in {m1} there was no milk for {sib}, who had "
                    "last had a bottle at ten the night before. {mum} was asleep at 11am and "
                    "{child} was eating dry cereal from the box.",
                    said_by="{worker_label}",
                    when="{m1}",
                    how_often="Once",
                    effect="{sib} was hungry and screaming. {child} had not had a drink all "
                    "morning.",
                    how=K.SEEN,
                    view=V.PARTLY,
                    words="I'd been up all night with the baby and fell back asleep. It "
                    "happened once.",
                ),
                Change(
                    "d_food",
                    {
                        "who_is_worried": "The nursery, the health visitor and {worker}",
                        "statement": "The nursery, the health visitor and {worker} are "
                        "worried that {mum} often has no food or milk in the house, leaves "
                        "{sib} in the same nappy for most of the day, and sends {child} to "
                        "nursery hungry. If nothing changes, they worry that {child} and {sib} "
                        "will go hungry, {sib} will not grow as {sib_he} should, and both "
                        "children will get poorly.",
                    },
                ),
                Change("g_food", {"status": GS.AGREED}),
                Item(
                    "s_gran",
                    P.STRENGTH,
                    "{gran} has come back into the children's lives. She comes round on "
                    "Tuesdays and Fridays and does a food shop with {mum}.",
                    said_by="{gran_label}",
                    view=V.AGREES,
                    words="It's good having my mum back. I missed her.",
                ),
                Item(
                    "b_food",
                    P.BOTTOM_LINE,
                    "The children never go a day without food or milk. If there is no food, "
                    "{mum} rings {gran} or {worker_first} that same day.",
                    reason="Babies and toddlers become ill quickly without food and milk. This "
                    "cannot wait for a meeting.",
                    said_by="{manager_label}",
                    view=V.AGREES,
                    words="Fair enough. I'd rather ring than have them go without.",
                ),
                Step(
                    "n_weekly",
                    "Weigh {sib} at the clinic every week and tell {worker_first}",
                    "{hv_full}",
                    due=7,
                    goal="g_food",
                    done=7,
                ),
                Step(
                    "n_gp",
                    "See the GP about feeling low and not sleeping",
                    "{mum}",
                    due=14,
                    done=20,
                ),
                Step(
                    "n_list",
                    "Write down who in the family can help when the money runs out",
                    "{mum} and {gran}",
                    due=21,
                    goal="g_food",
                    done=25,
                ),
            ),
            scores={
                "worker": (
                    2,
                    "There was no milk for {sib} on my last visit and {sib_he} is still "
                    "not gaining weight. It's not lower because {gran} is back helping and "
                    "{mum} rang me herself when the power went.",
                    "Two weeks of food in at every visit and {sib} gaining weight.",
                ),
                "mum": (
                    5,
                    "I know it looked bad that morning. But I've got my mum back now and "
                    "she's helping.",
                    "My money going in properly so I can do a big shop.",
                ),
                "gran": (
                    4,
                    "I didn't know how bad it had got. I'm round twice a week now and I'll "
                    "make sure there's food.",
                    "{mum} ringing me before it runs out, not after.",
                ),
                "dad": (
                    5,
                    "{child} is fine with me every other week. I didn't know about the food.",
                    "{mum} telling me when she's short so I can bring stuff round.",
                ),
                "hv": (
                    2,
                    "{sib} is still under {sib_his} line and there was no milk in the house.",
                    "Two weighings in a row going up.",
                ),
                "manager": (
                    2,
                    "Things got worse before the conference, but there is now family "
                    "help that wasn't there a month ago.",
                    "The family plan for the end of the month actually used.",
                ),
            },
            danger_scores={
                "d_food": {
                    "worker": (
                        2,
                        "No milk for a baby on a visit without warning.",
                        "Food and milk in at every visit for two weeks.",
                    ),
                    "mum": (5, "It was one morning.", "Mum coming round more."),
                    "gran": (4, "I'm keeping an eye now.", "Me not having to check."),
                },
            },
        ),
        Stage(
            week=14,
            occasion=O.MEETING,
            note="Core group: what has changed since the conference.",
            ops=(
                Item(
                    "s_visits",
                    P.STRENGTH,
                    "There has been food in the house at seven of eight visits since {m1}, "
                    "including four visits without warning.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                    words="See, I told you I could do it.",
                ),
                Item(
                    "s_weight",
                    P.STRENGTH,
                    "{sib} has put on weight at every clinic since {m1} and is back near "
                    "{sib_his} line.",
                    said_by="{hv_label}",
                ),
                Change(
                    "c_money",
                    {
                        "text": "{mum}'s money is back on and the meter debt is being paid off at "
                        "£5 a week, but money is still tight in the last week of the month.",
                    },
                ),
                Remove("u_low"),
                Item(
                    "s_group",
                    P.STRENGTH,
                    "{mum} has seen her GP about feeling low and goes to a mums' group at the "
                    "family hub on Wednesdays.",
                    said_by="{mum_label}",
                    view=V.AGREES,
                ),
                Item(
                    "sa_payday",
                    P.SAFETY,
                    "In {m2}, when the money ran out before payday, {mum} rang {gran}, who "
                    "brought food round the same evening.",
                    said_by="{gran_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Step(
                    "n_month",
                    "Make a plan with {mum} and {gran} for the last week of the "
                    "month, when money is short",
                    "{worker}",
                    due=14,
                    goal="g_food",
                    done=10,
                ),
                Step(
                    "n_place",
                    "Ask the family hub about a funded nursery place for {sib}",
                    "{worker}",
                    due=30,
                    done=21,
                ),
            ),
            scores={
                "worker": (
                    5,
                    "Food at seven of eight visits and {sib} gaining weight. It's not "
                    "higher yet because it has only been two months and the end of the "
                    "month is still hard.",
                    "The end-of-month plan working two months running.",
                ),
                "mum": (
                    8,
                    "There's food, the baby's putting weight on, and I'm going out again.",
                    "You lot trusting me and not turning up without ringing.",
                ),
                "gran": (
                    6,
                    "It's a lot better. She rang me when she ran out, which she'd never "
                    "have done before.",
                    "Seeing it keep going when I'm not round as much.",
                ),
                "dad": (
                    7,
                    "{child} seems happier and {he}'s eating well at mine too.",
                    "Me having {child} an extra night in the week.",
                ),
                "hv": (
                    5,
                    "{sib} is putting on weight every week now.",
                    "{sib} back on {sib_his} line and staying there.",
                ),
                "keyworker": (
                    6,
                    "{child} has had breakfast most days and has clean clothes on.",
                    "A whole month without {child} coming in hungry.",
                ),
                "manager": (5, "Real change, but early days.", "Another two months like this one."),
            },
            danger_scores={
                "d_food": {
                    "worker": (
                        5,
                        "Food at seven of eight visits.",
                        "The end-of-month plan used without being asked.",
                    ),
                    "mum": (8, "There's always food now.", "Nobody checking the fridge."),
                },
            },
        ),
        Stage(
            week=26,
            occasion=O.MEETING,
            note="Review conference: the children's plan ends and support carries on.",
            ops=(
                Change(
                    "d_food",
                    {
                        "family_view": V.AGREES,
                        "family_words": "I didn't want to hear it at first, but I "
                        "know it got bad. It's not like that now.",
                    },
                ),
                Goal(
                    "g_keep",
                    "d_food",
                    adults="{mum} will keep the routine going with {gran} as back-up, and will "
                    "tell {worker_first} straight away if her money stops again",
                    child="{child} and {sib} will keep having regular meals, clean clothes and "
                    "a warm home",
                    who="{gran}, the nursery and the health visitor",
                    how_long="three more months",
                    status=GS.AGREED,
                ),
                Step(
                    "n_review",
                    "Hold the child in need review with the family and nursery",
                    "{worker}",
                    due=84,
                    goal="g_keep",
                    done=84,
                ),
            ),
            scores={
                "worker": (
                    7,
                    "Four months of food at every visit, {sib} on {sib_his} line and a "
                    "family plan {mum} has used twice.",
                    "The same for another three months with fewer visits from me.",
                ),
                "mum": (
                    9,
                    "We're doing well. I know who to ring now.",
                    "Not having social services any more.",
                ),
                "gran": (
                    8,
                    "I'm proud of her. She's doing it herself.",
                    "Keep going like this over Christmas, when money is tight.",
                ),
                "hv": (7, "{sib} is thriving.", "Normal checks only."),
                "keyworker": (8, "{child} comes in fed, clean and happy.", "Same again next term."),
                "manager": (
                    7,
                    "The plan has done what it needed to.",
                    "Three months with lighter support.",
                ),
            },
            danger_scores={
                "d_food": {
                    "worker": (
                        7,
                        "Food at every visit for four months.",
                        "Three more months the same.",
                    ),
                    "mum": (9, "It's sorted.", "Closing the case."),
                },
            },
        ),
        Stage(
            week=38,
            occasion=O.MEETING,
            note="Child in need review: planning to close.",
            ops=(
                Change("g_food", {"status": GS.MET}),
                Item(
                    "s_stay",
                    P.STRENGTH,
                    "{gran} takes {child} to stay-and-play at the family hub on Mondays, and "
                    "{mum} has made two friends at the mums' group.",
                    said_by="{gran_label}",
                    view=V.AGREES,
                ),
                Step(
                    "n_close",
                    "Close the case if everyone still agrees at the next review",
                    "{worker}",
                    due=40,
                    goal="g_keep",
                ),
            ),
            scores={
                "worker": (
                    8,
                    "Everything in the goal has been seen for six months.",
                    "Closing with the family's own plan in place.",
                ),
                "mum": (9, "We're fine. I'll ring my mum if anything goes wrong.", "Case closed."),
                "gran": (9, "I'm not worried any more.", "Nothing more I'd need."),
                "hv": (8, "{sib} is doing well.", "Nothing more from me."),
                "manager": (8, "Ready to close at the next review.", "The review agreeing it."),
            },
        ),
    ),
)


DRINKING = Scenario(
    key="drinking",
    about="A parent's drinking: a child left to look after a drunk parent; relapse; CIN -> CP.",
    child_sex="any",
    child_age_months=years(7, 9),
    picks={
        "drink": ("a bottle of vodka", "two bottles of wine", "eight cans of strong lager"),
        "n_missed": ("three", "four", "five"),
    },
    members=(
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(28, 40),
            lives_with_child=True,
            parental_responsibility=True,
        ),
        Member(
            "dad",
            R.FATHER,
            sex="m",
            age_months=years(30, 44),
            parental_responsibility=True,
            surname="own",
            notes="Lives in another town; rings {child} on Sundays.",
        ),
        Member(
            "grandad",
            R.GRANDPARENT,
            "maternal grandfather",
            sex="m",
            age_months=years(58, 70),
            generation="grandparent",
        ),
        Member(
            "neighbour",
            R.NEIGHBOUR,
            "neighbour across the landing",
            sex="f",
            age_months=years(40, 65),
            surname="own",
        ),
        Member(
            "teacher",
            R.PROFESSIONAL,
            "class teacher",
            sex="any",
            surname="own",
            organisation="{school}",
        ),
        Member(
            "recovery",
            R.PROFESSIONAL,
            "recovery worker",
            sex="any",
            surname="own",
            organisation="Eastbrook Recovery Service",
        ),
    ),
    levels=(
        (
            0,
            L.CHILD_IN_NEED,
            "Police were called by a neighbour in {open_month}: {mum} was on the stairs of the "
            "flats at 9pm, too drunk to stand, and {child} was trying to get her up. The "
            "assessment found the drinking had been going on for months.",
        ),
        (
            18,
            L.CHILD_PROTECTION,
            "Stepped up at a child protection conference: {mum} was drunk when collecting {child} "
            "from school twice in {m2}, and {child} was found on {his} own at home at night.",
        ),
    ),
    stages=(
        Stage(
            week=2,
            occasion=O.ASSESSMENT,
            note="First map with {mum}, {grandad} and the school.",
            ops=(
                Item(
                    "h_stairs",
                    P.HARM,
                    "On a Friday night in {open_month}, {mum} had drunk {drink} and fell on the "
                    "stairs outside the flat. {child} was trying to lift her up and was crying "
                    "when the police came.",
                    said_by="Police report",
                    when="{open_month}",
                    how_often="Once that we know",
                    effect="{child} was frightened and did not sleep. {He} told {his} teacher "
                    "\u201cI thought mummy was dead\u201d.",
                    how=K.AGENCY_REPORT,
                    view=V.AGREES,
                    words="I'm ashamed of that night. It won't happen again.",
                ),
                Item(
                    "h_tea",
                    P.HARM,
                    "{child} told {his} teacher {he} makes {his} own tea \u201cwhen mummy is "
                    "poorly\u201d, which {he} says is most weekends. {He} has come to school "
                    "tired and without a packed lunch {n_missed} times this half term.",
                    said_by="{teacher_label}",
                    when="This half term",
                    how_often="Most weekends, {child} says",
                    effect="{child} is tired in class and worries about {his} mum during the day.",
                    how=K.TOLD_BY_CHILD,
                    view=V.PARTLY,
                    words="{He} can make toast, that's all. I'm not poorly every weekend.",
                ),
                Item(
                    "c_dad",
                    P.COMPLICATING,
                    "{dad} lives two hours away and has not seen {child} for a year.",
                    said_by="{mum_label}",
                ),
                Item(
                    "c_tried",
                    P.COMPLICATING,
                    "{mum} has stopped drinking twice before, for a few months each time, and "
                    "started again after her mum died.",
                    said_by="{mum_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_school",
                    P.STRENGTH,
                    "{child} gets to school every day and is doing well at reading.",
                    said_by="{teacher_label}",
                ),
                Item(
                    "s_grandad",
                    P.STRENGTH,
                    "{grandad} lives ten minutes away, sees {child} most days and knows about "
                    "the drinking.",
                    said_by="{grandad_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_honest",
                    P.STRENGTH,
                    "{mum} has been honest about how much she drinks and wants help.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                    words="I want to stop. I want to be a proper mum for {him}.",
                ),
                Item(
                    "sa_neighbour",
                    P.SAFETY,
                    "On the night {mum} fell, {neighbour} brought {child} into her flat, gave "
                    "{him} a drink and stayed with {him} until {grandad} came.",
                    said_by="{neighbour_label}",
                    danger_present=True,
                ),
                Item(
                    "u_how_much",
                    P.UNSURE,
                    "How much {mum} drinks in the week, when {child} is at school.",
                    said_by="{recovery_label}",
                    chance=0.7,
                ),
                Danger(
                    "d_drink",
                    who="{teacher_full}, {grandad} and {worker}",
                    behaviour="when {mum} drinks she falls asleep or cannot stand, and "
                    "{child} is left to look after {himself} and {his} mum, sometimes late "
                    "at night",
                    fear="{child} will be hurt or frightened at home with no adult able to "
                    "help {him}, and will grow up feeling it is {his} job to look after "
                    "{his} mum",
                    view=V.AGREES,
                    words="I know it's not fair on {him}.",
                ),
                Goal(
                    "g_sober",
                    "d_drink",
                    adults="{mum} will not drink when she is looking after {child}, and "
                    "{grandad} will look after {child} if she has had a drink",
                    child="{child} will always have a sober adult with {him} who makes {his} "
                    "tea and puts {him} to bed",
                    who="{grandad}, the school and {worker_first}",
                    how_long="six months",
                    status=GS.AGREED,
                ),
                Step(
                    "n_recovery",
                    "Go to the first appointment at Eastbrook Recovery Service",
                    "{mum}",
                    due=7,
                    goal="g_sober",
                    done=5,
                ),
                Step(
                    "n_words",
                    "Talk to {child} about why {worker_first} is visiting, using "
                    "words and pictures",
                    "{worker}",
                    due=21,
                    done=20,
                ),
                Step(
                    "n_plan",
                    "Agree with {grandad} which nights he will be on call",
                    "{mum} and {grandad}",
                    due=10,
                    goal="g_sober",
                    done=9,
                ),
            ),
            scores={
                "worker": (
                    3,
                    "{child} has been left to cope with {mum} drunk more than once. It's "
                    "not lower because {mum} is honest about it and {grandad} is close by.",
                    "{mum} going to the recovery service every week and {grandad} "
                    "having a plan for weekends.",
                ),
                "mum": (
                    6,
                    "I love {him} and {he} never goes without. I'm getting help now.",
                    "A month without a drink.",
                ),
                "grandad": (
                    4,
                    "I'm worried sick about the pair of them. I'm there most days but "
                    "not at night.",
                    "Knowing she'll ring me if she's had a drink.",
                ),
                "teacher": (
                    4,
                    "{child} is tired and worried but always in school.",
                    "{child} coming in rested with a lunch every day.",
                ),
                "child": (
                    5,
                    "Mummy is nice when she's not poorly. When she's poorly I have to make my tea.",
                    "Mummy not being poorly at the weekend.",
                ),
                "manager": (
                    3,
                    "Worrying, but there is a grandparent and a mum who wants help.",
                    "A weekend plan with {grandad} that works.",
                ),
            },
            danger_scores={
                "d_drink": {
                    "worker": (
                        3,
                        "{child} has looked after {mum} on {his} own.",
                        "A month with no drinking when {child} is home.",
                    ),
                    "mum": (6, "It's not every weekend.", "Getting help."),
                },
            },
        ),
        Stage(
            week=9,
            occasion=O.MEETING,
            note="Child in need review: a good start.",
            ops=(
                Item(
                    "s_weeks",
                    P.STRENGTH,
                    "{mum} has been to every appointment at the recovery service since {m0} and "
                    "says she has not had a drink for five weeks.",
                    said_by="{recovery_label}",
                    view=V.AGREES,
                ),
                Item(
                    "sa_rang",
                    P.SAFETY,
                    "In {m1}, {mum} felt like drinking on a Saturday and rang {grandad}, who "
                    "took {child} to his for the night.",
                    said_by="{grandad_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Change(
                    "h_tea",
                    {
                        "family_view": V.AGREES,
                        "family_words": "I didn't want to admit it, but yes, {he} did.",
                    },
                ),
                Step(
                    "n_group",
                    "Start the Tuesday group at the recovery service",
                    "{mum}",
                    due=14,
                    goal="g_sober",
                    done=10,
                ),
            ),
            scores={
                "worker": (
                    5,
                    "Five weeks without drinking and {mum} used the plan when it was "
                    "hard. It's early days.",
                    "Three months without drinking, checked by the recovery service.",
                ),
                "mum": (8, "I'm doing it. I feel so much better.", "Getting to Christmas sober."),
                "grandad": (
                    6,
                    "She rang me. That's the first time ever.",
                    "Keep it going through the summer.",
                ),
                "teacher": (
                    6,
                    "{child} is brighter and has a lunch every day.",
                    "A whole term like this.",
                ),
                "recovery": (
                    5,
                    "Doing well; relapse is common in the first three months.",
                    "Three months of clear breath tests.",
                ),
                "child": (8, "Mummy plays games with me now.", "Mummy never being poorly."),
                "manager": (5, "Good progress, and the plan was used.", "The next three months."),
            },
        ),
        Stage(
            week=18,
            occasion=O.MEETING,
            note="Child protection conference after {mum} started drinking again.",
            ops=(
                Item(
                    "h_school_run",
                    P.HARM,
                    "{mum} was drunk when she came to collect {child} from school twice in "
                    "{m2}. Staff kept {child} in school and rang {grandad}.",
                    said_by="{teacher_label}",
                    when="{m2}",
                    how_often="Twice",
                    effect="{child} cried and said \u201cI knew she would\u201d.",
                    how=K.SEEN,
                    view=V.AGREES,
                    words="I let everyone down.",
                ),
                Item(
                    "h_alone",
                    P.HARM,
                    "On a Saturday night in {m2} the police found {child} on {his} own in the "
                    "flat at 11pm. {mum} had gone to the shop for more drink and not come back "
                    "for two hours.",
                    said_by="Police report",
                    when="{m2}",
                    how_often="Once that we know",
                    effect="{child} had hidden under {his} bed and would not come out until "
                    "{grandad} arrived.",
                    how=K.AGENCY_REPORT,
                    view=V.PARTLY,
                    words="I was only meant to be five minutes. I met a friend.",
                ),
                Remove("s_weeks"),
                Danger(
                    "d_car",
                    who="The school, the police and {worker}",
                    behaviour="{mum} has tried to drive {child} home after drinking, and "
                    "leaves {him} alone at night to buy more drink",
                    fear="{child} will be hurt in a crash, or hurt or scared at home with "
                    "nobody there",
                    view=V.AGREES,
                    words="I'd never have driven. I'd have walked.",
                ),
                Goal(
                    "g_car",
                    "d_car",
                    adults="{mum} will never drive or collect {child} after drinking; "
                    "{grandad} or {neighbour} will collect {child} if she has had a drink",
                    child="{child} will always be collected by a sober adult and never be left "
                    "at home on {his} own",
                    who="The school, {grandad} and {worker_first}",
                    how_long="six months",
                    status=GS.AGREED,
                ),
                Item(
                    "b_drive",
                    P.BOTTOM_LINE,
                    "{mum} does not drive with {child}, collect {him}, or look after {him} "
                    "alone after drinking. If she has had a drink, {grandad} looks after "
                    "{child}.",
                    reason="{child} has already been left alone at night and driven by {his} "
                    "mum after she had been drinking.",
                    said_by="{manager_label}",
                    view=V.AGREES,
                ),
                Step(
                    "n_detox",
                    "Ask the recovery service about a home detox",
                    "{recovery_full}",
                    due=14,
                    goal="g_sober",
                    done=12,
                ),
                Step(
                    "n_keys",
                    "Leave the car keys with {grandad}",
                    "{mum}",
                    due=2,
                    goal="g_car",
                    done=1,
                ),
                Step(
                    "n_network",
                    "Invite {neighbour} and {grandad} to a family network meeting",
                    "{worker}",
                    due=14,
                    stays_open=True,
                ),
            ),
            scores={
                "worker": (
                    2,
                    "{child} was alone at night and {mum} was drunk at the school gate "
                    "twice. It's not lower because {mum} told us the truth and gave "
                    "{grandad} her car keys.",
                    "{mum} starting the detox and the school run plan working for a month.",
                ),
                "mum": (
                    5,
                    "I slipped. I'm back at the service and I'll do the detox.",
                    "Getting through the detox.",
                ),
                "grandad": (
                    3,
                    "I'm not sleeping for worrying.",
                    "{child} staying with me at weekends until she's better.",
                ),
                "teacher": (
                    3,
                    "{child} is anxious every afternoon about who is collecting {him}.",
                    "{child} knowing who's picking {him} up every day.",
                ),
                "recovery": (
                    3,
                    "Relapse, but she came back to us herself.",
                    "Two weeks sober after the detox.",
                ),
                "child": (
                    4,
                    "Mummy was poorly again. Grandad came.",
                    "Mummy being better for ever.",
                ),
                "manager": (
                    2,
                    "The worries are back and there's been a night alone.",
                    "The new plan holding for a month.",
                ),
            },
            danger_scores={
                "d_drink": {
                    "worker": (2, "Drunk looking after {child} again.", "The detox done."),
                    "mum": (5, "I've slipped once.", "The detox."),
                },
                "d_car": {
                    "worker": (
                        4,
                        "The keys are with {grandad} now.",
                        "A month of collections by a sober adult.",
                    ),
                    "grandad": (5, "I've got the keys.", "Her not asking for them back."),
                },
            },
        ),
        Stage(
            week=26,
            occasion=O.MEETING,
            note="Core group: after the detox.",
            ops=(
                Item(
                    "s_detox",
                    P.STRENGTH,
                    "{mum} finished a home detox in {m3} with {grandad} staying with her, and "
                    "goes to the Tuesday group and a support meeting on Sundays.",
                    said_by="{recovery_label}",
                    view=V.AGREES,
                ),
                Item(
                    "c_friend",
                    P.COMPLICATING,
                    "The friend {mum} met at the shop in {m2} still comes round, and drinks.",
                    said_by="{grandad_label}",
                    view=V.DISAGREES,
                    words="She's my friend. She doesn't drink at mine any more.",
                ),
                Change("n_network", {"owner": "{worker} and {mum}"}),
                Step(
                    "n_weekend",
                    "Write the weekend plan down so {child} knows it too",
                    "{mum}, {grandad} and {worker_first}",
                    due=14,
                    goal="g_sober",
                ),
            ),
            scores={
                "worker": (
                    3,
                    "The detox is done and {mum} is going to every group. But this is "
                    "where things went wrong last time, and the network meeting still "
                    "hasn't happened.",
                    "The network meeting held, and a month with no drinking.",
                ),
                "mum": (6, "I've done the hardest bit.", "Six months sober."),
                "grandad": (
                    5,
                    "Better than it was. I'm still checking on her.",
                    "That friend staying away.",
                ),
                "teacher": (
                    5,
                    "{child} is calmer since {grandad} does the school run.",
                    "{mum} doing the school run sober again.",
                ),
                "child": (
                    6,
                    "Mummy isn't poorly now. I stay at grandad's on Saturday.",
                    "Mummy taking me to school again.",
                ),
                "manager": (
                    3,
                    "Not yet back to where it was before the relapse.",
                    "The network meeting done and the plan written for {child}.",
                ),
            },
            danger_scores={
                "d_drink": {
                    "worker": (
                        3,
                        "The detox is done, but this is where it went wrong before.",
                        "A month with no drinking.",
                    ),
                    "mum": (6, "I've not had a drink since the detox.", "Six months sober."),
                },
                "d_car": {
                    "worker": (
                        5,
                        "{grandad} still has the keys and does every school run.",
                        "{mum} collecting sober, checked by school.",
                    ),
                    "grandad": (
                        6,
                        "She's not asked for the keys back.",
                        "Me not needing to hold them.",
                    ),
                },
            },
        ),
    ),
)


VIOLENCE = Scenario(
    key="violence_at_home",
    about="Domestic abuse: dad hurts mum in front of the children; dad disputes; CP -> CIN.",
    child_sex="any",
    child_age_months=years(6, 9),
    picks={"n_callouts": ("three", "four"), "door": ("the kitchen door", "the fridge")},
    members=(
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(26, 38),
            lives_with_child=True,
            parental_responsibility=True,
        ),
        Member(
            "dad",
            R.FATHER,
            sex="m",
            age_months=years(28, 42),
            parental_responsibility=True,
            notes="Moved to his brother's flat after his arrest.",
        ),
        Member(
            "sib",
            R.SIBLING,
            "younger brother or sister",
            sex="any",
            age_months=years(3, 5),
            lives_with_child=True,
            generation="child",
        ),
        Member(
            "aunt", R.AUNT_UNCLE, "maternal aunt", sex="f", age_months=years(25, 45), surname="own"
        ),
        Member(
            "dsl",
            R.PROFESSIONAL,
            "designated safeguarding lead",
            sex="any",
            surname="own",
            organisation="{school}",
        ),
        Member(
            "outreach",
            R.PROFESSIONAL,
            "outreach worker",
            sex="f",
            surname="own",
            organisation="Eastbrook Women's Aid",
        ),
        Member(
            "police",
            R.PROFESSIONAL,
            "police officer, safeguarding team",
            sex="any",
            surname="own",
            organisation="Eastshire Police",
        ),
    ),
    levels=(
        (
            0,
            L.CHILD_PROTECTION,
            "Strategy discussion after police were called to the house {n_callouts} times this "
            "year. The last time, {dad} had pushed {mum} into {door} while the children were "
            "in the room. The child protection conference agreed a plan.",
        ),
        (
            32,
            L.CHILD_IN_NEED,
            "Stepped down at the review conference: {dad} has finished the first part of a "
            "programme for men who hurt their partners, family time at {aunt}'s has been safe for "
            "five months, and {mum} has a plan she has used.",
        ),
    ),
    stages=(
        Stage(
            week=2,
            occasion=O.MEETING,
            note="First map at the child protection conference.",
            ops=(
                Item(
                    "h_push",
                    P.HARM,
                    "On a Saturday evening in {open_month}, {dad} pushed {mum} into {door} "
                    "and shouted at her while {child} and {sib} were in the room. {mum} had a "
                    "cut above her eye.",
                    said_by="Police report",
                    when="{open_month}",
                    how_often="Once that night",
                    effect="{child} ran upstairs with {sib} and hid in the bathroom. {He} "
                    "told {his} teacher \u201cdaddy made mummy bleed\u201d.",
                    how=K.AGENCY_REPORT,
                    view=V.PARTLY,
                    words="{mum}: it was the worst it's been. {dad}: I never pushed her, she fell.",
                ),
                Item(
                    "h_before",
                    P.HARM,
                    "The police have been called to the house {n_callouts} times this year "
                    "after neighbours heard shouting and banging. Each time the children were "
                    "at home.",
                    said_by="{police_label}",
                    when="Since January",
                    how_often="{n_callouts} times",
                    effect="{child} wets the bed after nights with shouting and "
                    "watches the door when {dad} comes home.",
                    how=K.AGENCY_REPORT,
                    view=V.PARTLY,
                ),
                Item(
                    "h_sleep",
                    P.HARM,
                    "{child} has told {his} teacher {he} stays awake to listen in case "
                    "daddy gets angry.",
                    said_by="{dsl_label}",
                    when="This term",
                    how_often="Most nights, {child} says",
                    effect="{child} falls asleep in class and has stopped playing at break.",
                    how=K.TOLD_BY_CHILD,
                ),
                Item(
                    "c_dad_says",
                    P.COMPLICATING,
                    "{dad} says the police are exaggerating and that {mum} starts the rows.",
                    said_by="{dad_label}",
                    view=V.DISAGREES,
                    words="We argue like any couple. I'm not some monster.",
                ),
                Item(
                    "c_money",
                    P.COMPLICATING,
                    "The tenancy and the bank account are in {dad}'s name, so {mum} has no "
                    "money of her own.",
                    said_by="{outreach_label}",
                ),
                Item(
                    "s_mum",
                    P.STRENGTH,
                    "{mum} gets both children to school and nursery every day, and they are "
                    "clean, fed and happy to see her.",
                    said_by="{dsl_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_aunt",
                    P.STRENGTH,
                    "{aunt} lives on the next estate, knows what has been happening and has "
                    "said the children can stay with her any time.",
                    said_by="{aunt_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_dad_love",
                    P.STRENGTH,
                    "{dad} loves the children. He used to take {child} to football every "
                    "Saturday and {child} misses him.",
                    said_by="{dad_label}",
                    view=V.AGREES,
                ),
                Item(
                    "sa_upstairs",
                    P.SAFETY,
                    "When the shouting starts, {mum} sends the children upstairs with the "
                    "tablet and has twice taken them to {aunt}'s.",
                    said_by="{mum_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Item(
                    "u_drink",
                    P.UNSURE,
                    "Whether {dad}'s drinking at weekends is part of what happens.",
                    said_by="{worker_label}",
                    chance=0.6,
                ),
                Danger(
                    "d_hurt",
                    who="{mum}, the school, the police and {worker}",
                    behaviour="when {dad} is angry he shouts at {mum}, calls her names and "
                    "has pushed and hit her, with the children in the room or upstairs "
                    "listening",
                    fear="{child} and {sib} will be hurt if they get in the way, and will "
                    "keep being frightened at home, not sleeping and learning that this is "
                    "what happens in families",
                    view=V.PARTLY,
                    words="{mum}: yes. {dad}: I shout, I don't hit.",
                    dispute="{dad} says he has never hit {mum} and that she fell against the "
                    "door. He accepts he shouts and swears when they argue.",
                ),
                Goal(
                    "g_calm",
                    "d_hurt",
                    adults="{dad} will learn to manage his anger on a programme, and {mum} and "
                    "{dad} will sort out disagreements without shouting, threats or hurting, "
                    "away from the children",
                    child="{child} and {sib} will feel calm and safe at home, sleep through "
                    "the night and see their dad at times that feel safe to them",
                    who="{aunt}, the school and {worker_first}",
                    how_long="six months",
                ),
                Goal(
                    "g_agency",
                    "d_hurt",
                    adults="{dad} will finish the programme and there will be no police "
                    "call-outs to the family",
                    child="the children will not hear or see any more violence",
                    who="The police and {worker_first}",
                    how_long="six months",
                    kind=GK.AGENCY,
                    status=GS.AGREED,
                ),
                Item(
                    "b_home",
                    P.BOTTOM_LINE,
                    "{dad} does not live at the house or visit it. The children see him at "
                    "{aunt}'s, with {aunt} there the whole time.",
                    reason="{mum} has been hurt at home with the children there, and {dad} "
                    "does not yet accept what happened.",
                    said_by="{manager_label}",
                    view=V.PARTLY,
                    words="{dad}: I want to see my kids at home. {mum}: it's for the best.",
                ),
                Step(
                    "n_outreach",
                    "Meet the outreach worker about a safety plan and money of her own",
                    "{mum}",
                    due=7,
                    goal="g_calm",
                    done=6,
                ),
                Step(
                    "n_programme",
                    "Go to the assessment for the men's programme",
                    "{dad}",
                    due=21,
                    goal="g_agency",
                    done=28,
                ),
                Step(
                    "n_family_time",
                    "Agree days and times for family time at {aunt}'s",
                    "{worker}, {aunt} and {dad}",
                    due=10,
                    done=8,
                ),
            ),
            scores={
                "worker": (
                    2,
                    "{mum} has been hurt with the children there and {dad} doesn't see "
                    "it as his doing. It's not lower because {mum} has kept the children "
                    "out of the room and {aunt} is close.",
                    "{dad} starting the programme and family time at {aunt}'s going well.",
                ),
                "mum": (
                    5,
                    "It's better with him out of the house. I'm scared he'll come back.",
                    "Knowing he's doing the course and the police will come quickly.",
                ),
                "dad": (
                    8,
                    "My kids have never been in danger. This is all blown out of proportion.",
                    "Being allowed home to see my kids.",
                ),
                "aunt": (
                    4,
                    "I've seen her bruises before. I'm glad it's out in the open.",
                    "{dad} admitting what he's done.",
                ),
                "dsl": (
                    3,
                    "{child} is tired and frightened in school.",
                    "{child} sleeping and playing at break again.",
                ),
                "police": (
                    2,
                    "We have been called out {n_callouts} times this year and it is getting worse.",
                    "No more calls, and {dad} keeping away from the house.",
                ),
                "manager": (
                    2,
                    "Serious, and disputed by {dad}.",
                    "{dad} on the programme and family time safe.",
                ),
            },
            danger_scores={
                "d_hurt": {
                    "worker": (
                        2,
                        "{mum} has been hurt with the children there.",
                        "{dad} on the programme.",
                    ),
                    "mum": (5, "He's not in the house now.", "Him getting help."),
                    "dad": (8, "I've never hurt the kids.", "Going home."),
                },
            },
        ),
        Stage(
            week=12,
            occasion=O.MEETING,
            note="Core group: family time going well; {dad} started the programme.",
            ops=(
                Item(
                    "s_programme",
                    P.STRENGTH,
                    "{dad} started the programme in {m1} and has been to every session.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_family_time",
                    P.STRENGTH,
                    "Family time at {aunt}'s every Saturday has gone well. {child} says "
                    "\u201cdaddy was funny and we played Uno\u201d.",
                    said_by="{aunt_label}",
                    view=V.AGREES,
                ),
                Item(
                    "sa_order",
                    P.SAFETY,
                    "When {dad} turned up at the house angry in {m1}, {mum} did not open the "
                    "door, rang the police, and the children stayed upstairs.",
                    said_by="{mum_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Change("g_calm", {"status": GS.AGREED}),
                Step(
                    "n_money",
                    "Open a bank account in {mum}'s name and apply for benefits in her own name",
                    "{mum} and {outreach_full}",
                    due=21,
                    done=18,
                ),
                Step(
                    "n_words",
                    "Make a words and pictures story with {mum} for {child}",
                    "{worker}",
                    due=28,
                    done=None,
                ),
            ),
            scores={
                "worker": (
                    4,
                    "{dad} is on the programme and {mum} kept the children safe when he "
                    "came to the door. He still says he didn't push her.",
                    "{dad} being able to talk about what happened on the programme.",
                ),
                "mum": (
                    6,
                    "I feel safer and the kids are sleeping better.",
                    "My own money and my own tenancy.",
                ),
                "dad": (8, "I'm doing everything you've asked.", "Seeing the kids at home."),
                "aunt": (
                    6,
                    "Saturdays are lovely. The kids are happier.",
                    "{dad} being honest about it.",
                ),
                "dsl": (5, "{child} is less tired and playing again.", "A full term like this."),
                "child": (
                    6,
                    "There's no shouting now. I miss daddy at home.",
                    "Daddy coming to my football.",
                ),
                "manager": (4, "Progress on both sides.", "The programme feedback."),
            },
        ),
        Stage(
            week=22,
            occasion=O.MEETING,
            note="Review conference: the plan continues for three more months.",
            ops=(
                Change(
                    "d_hurt",
                    {
                        "dispute": "{dad} now says he did push {mum} that night but that he didn't "
                        "mean to hurt her. He still says he has never hit her before.",
                        "family_view": V.PARTLY,
                        "family_words": "{dad}: I pushed her. I'm not proud of it.",
                    },
                ),
                Item(
                    "s_own",
                    P.STRENGTH,
                    "{mum} has a tenancy in her own name and her own bank account.",
                    said_by="{outreach_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_dad_says",
                    P.STRENGTH,
                    "On the programme {dad} has talked about how the children felt when he "
                    "shouted.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                ),
                Step(
                    "n_football",
                    "Plan for {dad} to take {child} to football with {aunt} there",
                    "{worker}, {dad} and {aunt}",
                    due=14,
                    goal="g_calm",
                    done=12,
                ),
            ),
            scores={
                "worker": (
                    6,
                    "No call-outs for five months and {dad} accepts he pushed {mum}.",
                    "Another three months, with family time growing.",
                ),
                "mum": (7, "We're getting our lives back.", "The case stepping down."),
                "dad": (8, "I've done the work.", "Having the kids overnight."),
                "aunt": (7, "He's changed how he talks about her.", "Keep going."),
                "dsl": (7, "{child} is happier in school.", "Same next term."),
                "police": (6, "No calls since {open_month}.", "Six months clear."),
                "child": (8, "Daddy says sorry now.", "Daddy at my birthday."),
                "manager": (6, "Good progress.", "Three more months."),
            },
            danger_scores={
                "d_hurt": {
                    "worker": (6, "No violence for five months.", "Three more months."),
                    "mum": (7, "He's not come round angry since.", "Him finishing the course."),
                    "dad": (9, "I've changed.", "Nothing."),
                },
            },
        ),
        Stage(
            week=32,
            occasion=O.MEETING,
            note="Review conference: stepped down to a child in need plan.",
            ops=(
                Change("g_agency", {"status": GS.MET}),
                Change(
                    "b_home",
                    {
                        "text": "{dad} does not live at the house. Family time is at {aunt}'s or "
                        "out in the community, and {mum} decides whether he comes to the house.",
                        "reason": "{dad} has done well on the programme, but {mum} needs to decide "
                        "for herself whether and when he comes back into the home.",
                    },
                ),
                Step(
                    "n_cin",
                    "Hold the first child in need meeting",
                    "{worker}",
                    due=28,
                    goal="g_calm",
                ),
            ),
            scores={
                "worker": (
                    7,
                    "Six months with no violence and {dad} has finished the first "
                    "part of the programme.",
                    "The next three months the same.",
                ),
                "mum": (8, "We're all calmer.", "Closing."),
                "dad": (9, "I've done it.", "Seeing the kids more."),
                "aunt": (8, "The kids are happy.", "Nothing more."),
                "child": (9, "It's good now.", "Daddy at home again."),
                "manager": (7, "Right to step down.", "The child in need plan working."),
            },
            danger_scores={
                "d_hurt": {
                    "worker": (
                        7,
                        "Six months without violence or threats.",
                        "Family time growing safely.",
                    ),
                    "mum": (8, "I'm not scared of him now.", "Him keeping it up without a plan."),
                },
            },
        ),
    ),
)


LOW_MOOD = Scenario(
    key="mum_mental_health",
    about="A parent's mental health: mum very low, overdose; EH -> CIN, improving.",
    child_sex="any",
    child_age_months=years(6, 10),
    picks={"n_late": ("14", "17", "21")},
    members=(
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(30, 42),
            lives_with_child=True,
            parental_responsibility=True,
        ),
        Member(
            "dad",
            R.FATHER,
            sex="m",
            age_months=years(32, 45),
            lives_with_child=True,
            parental_responsibility=True,
            notes="Works nights at the distribution centre.",
        ),
        Member(
            "nan",
            R.GRANDPARENT,
            "paternal grandmother",
            sex="f",
            age_months=years(58, 72),
            generation="grandparent",
        ),
        Member(
            "teacher",
            R.PROFESSIONAL,
            "class teacher",
            sex="any",
            surname="own",
            organisation="{school}",
        ),
        Member(
            "nurse",
            R.PROFESSIONAL,
            "community mental health nurse",
            sex="any",
            surname="own",
            organisation="Eastbrook Community Mental Health Team",
        ),
    ),
    levels=(
        (
            0,
            L.EARLY_HELP,
            "{school} asked for early help: {child} had been late or absent {n_late} times since "
            "September and told {his} teacher \u201cmummy cries all day\u201d.",
        ),
        (
            8,
            L.CHILD_IN_NEED,
            "Stepped up to a child and family assessment after {mum} took too many of her tablets "
            "in {m1} while {child} was at home; {child} rang {dad} at work.",
        ),
    ),
    stages=(
        Stage(
            week=2,
            occasion=O.VISIT,
            note="First map at home with {mum} and {dad}.",
            ops=(
                Item(
                    "h_late",
                    P.HARM,
                    "{child} has been late or not in school {n_late} times since September. "
                    "On those days {mum} was in bed and could not get up.",
                    said_by="{teacher_label}",
                    when="Since September",
                    how_often="{n_late} times",
                    effect="{child} misses the start of lessons "
                    "and says {he} doesn't want to leave mummy.",
                    how=K.AGENCY_REPORT,
                    view=V.AGREES,
                ),
                Item(
                    "h_cries",
                    P.HARM,
                    "{child} told {his} teacher \u201cmummy cries all day and I make her "
                    "toast\u201d.",
                    said_by="{teacher_label}",
                    when="{before_month}",
                    how_often="Most days when dad is at work",
                    effect="{child} worries about {his} mum all day at school.",
                    how=K.TOLD_BY_CHILD,
                    view=V.AGREES,
                    words="I didn't know {he} noticed that much.",
                ),
                Item(
                    "c_nights",
                    P.COMPLICATING,
                    "{dad} works nights and sleeps in the day, so {mum} is on her own with "
                    "{child} in the mornings and evenings.",
                    said_by="{dad_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_loves",
                    P.STRENGTH,
                    "{mum} and {child} are close; they read together every night when {mum} "
                    "is well.",
                    said_by="{mum_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_dad",
                    P.STRENGTH,
                    "{dad} cooks the meals at the weekend and takes {child} swimming.",
                    said_by="{dad_label}",
                ),
                Danger(
                    "d_low",
                    who="{child}'s school and {worker}",
                    behaviour="when {mum} is very low she stays in bed for days and cannot "
                    "get {child} to school or make meals, and {dad} is at work",
                    fear="{child} will keep missing school, will feel it is {his} job to "
                    "look after {his} mum, and will be frightened and alone",
                    view=V.AGREES,
                    words="I hate that {he} sees me like this.",
                ),
                Goal(
                    "g_mornings",
                    "d_low",
                    adults="{mum} and {dad} will have a plan so that on bad days {nan} gets "
                    "{child} to school and gives {him} tea",
                    child="{child} will get to school on time and not have to look after {his} mum",
                    who="The school, {nan} and {worker_first}",
                    how_long="three months",
                ),
                Step(
                    "n_gp",
                    "Go to the GP with {dad} about how low {mum} feels",
                    "{mum}",
                    due=7,
                    done=6,
                ),
                Step(
                    "n_nan",
                    "Ask {nan} if she can do the school run on bad days",
                    "{dad}",
                    due=7,
                    goal="g_mornings",
                    done=4,
                ),
            ),
            scores={
                "worker": (
                    4,
                    "{child} is missing school and looking after {his} mum. It is not "
                    "lower because {mum} and {dad} both want help and {nan} is nearby.",
                    "{nan} doing the school run on bad days, and {mum} seeing her GP.",
                ),
                "mum": (5, "I'm trying. Some days I just can't.", "Feeling like myself again."),
                "dad": (
                    6,
                    "She's a brilliant mum when she's well.",
                    "Help for her, and me on days instead of nights.",
                ),
                "teacher": (
                    4,
                    "{child} is late and anxious a lot.",
                    "{child} on time for a whole week.",
                ),
                "manager": (4, "A family who wants help.", "The plan for bad days in place."),
            },
        ),
        Stage(
            week=8,
            occasion=O.ASSESSMENT,
            note="Assessment after {mum}'s overdose.",
            ops=(
                Item(
                    "h_overdose",
                    P.HARM,
                    "In {m1} {mum} took too many of her tablets while {child} was at home. "
                    "{child} found her asleep on the kitchen floor, could not wake her and "
                    "rang {dad} at work.",
                    said_by="{dad_label}",
                    when="{m1}",
                    how_often="Once",
                    effect="{child} was very frightened. {He} now checks on {his} mum in the "
                    "night and asks to stay off school.",
                    how=K.TOLD_BY_PARENT,
                    view=V.AGREES,
                    words="I never wanted {him} to see that.",
                ),
                Item(
                    "sa_rang",
                    P.SAFETY,
                    "{child} knew to ring {dad}, and {dad} called an ambulance and was home in "
                    "twenty minutes.",
                    said_by="{dad_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Change(
                    "d_low",
                    {
                        "who_is_worried": "{child}'s school, {mum}'s mental health nurse and "
                        "{worker}",
                        "behaviour": "when {mum} is very low she stays in bed for days, cannot get "
                        "{child} to school, and has taken too many tablets while {child} was at "
                        "home",
                        "fear": "{child} will find {his} mum hurt or worse, will be frightened and "
                        "alone, and will feel it is {his} job to keep {his} mum safe",
                        "statement": "",
                    },
                ),
                Goal(
                    "g_crisis",
                    "d_low",
                    adults="{mum} will tell {dad} or her nurse when she feels like hurting "
                    "herself, and {dad} will make sure {child} is not alone with {mum} on bad "
                    "days",
                    child="{child} will know what to do and who to ring if {his} mum is "
                    "unwell, and will not be the one looking after her",
                    who="{mum}'s nurse, {nan} and {worker_first}",
                    how_long="six months",
                    status=GS.AGREED,
                ),
                Change("g_mornings", {"status": GS.AGREED}),
                Item(
                    "b_alone",
                    P.BOTTOM_LINE,
                    "{child} is not left alone with {mum} on days when she is very low. {dad} "
                    "or {nan} is there.",
                    reason="{child} was alone with {mum} when she took an overdose.",
                    said_by="{manager_label}",
                    view=V.AGREES,
                ),
                Step(
                    "n_nurse",
                    "Start weekly visits from the mental health nurse",
                    "{nurse_full}",
                    due=7,
                    goal="g_crisis",
                    done=5,
                ),
                Step("n_days", "Ask work about moving to day shifts", "{dad}", due=21, done=30),
                Step(
                    "n_young",
                    "Refer {child} to the young carers' group",
                    "{worker}",
                    due=14,
                    done=10,
                ),
            ),
            scores={
                "worker": (
                    3,
                    "{child} found {mum} after an overdose. It's not lower because {dad} "
                    "acted fast and {mum} has a nurse now.",
                    "The bad-days plan working, with {child} never alone with {mum} "
                    "when she is low.",
                ),
                "mum": (5, "I'm getting proper help now.", "The tablets working."),
                "dad": (5, "That night scared all of us.", "Me on day shifts."),
                "nurse": (4, "{mum} is engaging well with treatment.", "Her mood lifting."),
                "teacher": (
                    4,
                    "{child} is anxious and asks to ring home.",
                    "{child} settled in class.",
                ),
                "child": (
                    4,
                    "I worry about mummy when I'm at school.",
                    "Mummy not being sad any more.",
                ),
                "manager": (
                    3,
                    "A frightening event; the family responded well.",
                    "The plan holding for a month.",
                ),
            },
            danger_scores={
                "d_low": {
                    "worker": (
                        3,
                        "{child} found {mum} after an overdose.",
                        "{child} never alone on bad days.",
                    ),
                    "nurse": (4, "Treatment started.", "A month of stable mood."),
                },
            },
        ),
        Stage(
            week=16,
            occasion=O.MEETING,
            note="Child in need review.",
            ops=(
                Item(
                    "s_days",
                    P.STRENGTH,
                    "{dad} moved to day shifts in {m2} and is home every evening.",
                    said_by="{dad_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_nurse",
                    P.STRENGTH,
                    "{mum} sees her nurse every week and says the new tablets help.",
                    said_by="{nurse_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_group",
                    P.STRENGTH,
                    "{child} goes to the young carers' group on Thursdays and has a friend there.",
                    said_by="{worker_label}",
                ),
                Item(
                    "u_house",
                    P.UNSURE,
                    "Whether {mum} would tell anyone if she started to feel like hurting "
                    "herself again.",
                    said_by="{nurse_label}",
                ),
                Step(
                    "n_plan_child",
                    "Write the bad-days plan in words and pictures with {child}",
                    "{worker}",
                    due=14,
                    goal="g_crisis",
                    done=14,
                ),
            ),
            scores={
                "worker": (
                    6,
                    "{child} is in school on time and {dad} is home in the evenings.",
                    "{mum} telling someone when she's struggling.",
                ),
                "mum": (7, "I've had more good days than bad.", "Going back to work."),
                "dad": (7, "Things feel normal again.", "Another few months like this."),
                "nan": (
                    7,
                    "I do the school run on Mondays. {child} is happier.",
                    "{mum} well enough to do it herself.",
                ),
                "teacher": (6, "{child} is on time and joining in.", "A whole term like this."),
                "child": (
                    7,
                    "Mummy gets up now. I like young carers.",
                    "Mummy taking me to school.",
                ),
                "manager": (6, "Good progress.", "Three months steady."),
            },
            danger_scores={
                "d_low": {
                    "worker": (
                        6,
                        "{dad} is home in the evenings and {mum} is seeing her nurse.",
                        "{mum} telling someone when she is struggling.",
                    ),
                    "mum": (7, "The tablets are helping.", "A whole month of good days."),
                    "nurse": (6, "Mood is lifting.", "Three months stable."),
                },
            },
        ),
        Stage(
            week=28,
            occasion=O.MEETING,
            note="Child in need review: thinking about stepping down to early help.",
            ops=(
                Change("g_mornings", {"status": GS.MET}),
                Remove("u_house"),
                Item(
                    "sa_told",
                    P.SAFETY,
                    "In {m3}, {mum} had a bad week and told her nurse and {dad} straight away. "
                    "{nan} did the school run and {child} stayed at hers for two nights.",
                    said_by="{nurse_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Step(
                    "n_step",
                    "Talk to the family about moving to early help support",
                    "{worker}",
                    due=21,
                ),
            ),
            scores={
                "worker": (
                    8,
                    "{mum} used the plan on a bad week and {child} was looked after.",
                    "The family running the plan without us.",
                ),
                "mum": (8, "I told people. That's new for me.", "Not needing a social worker."),
                "dad": (9, "We know what to do now.", "Closing."),
                "nurse": (7, "Mood is more stable.", "Another three months stable."),
                "child": (8, "When mummy is sad I go to nanny's. That's OK.", "Mummy never sad."),
                "manager": (8, "Ready to step down.", "The step-down plan agreed."),
            },
            danger_scores={
                "d_low": {
                    "worker": (
                        8,
                        "The plan worked on a bad week.",
                        "The family running it without us.",
                    ),
                    "mum": (8, "I asked for help.", "No more bad weeks."),
                    "nurse": (7, "She told us early.", "Three more months stable."),
                },
            },
        ),
    ),
)

SCENARIOS = (BASIC_CARE, DRINKING, VIOLENCE, LOW_MOOD)
