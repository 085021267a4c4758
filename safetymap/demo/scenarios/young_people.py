"""Older children: exploitation outside the home, self-harm and family rows, a young carer,
and a child who has stopped going to school."""

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

EXPLOITATION = Scenario(
    key="exploitation",
    about="Criminal exploitation: a 15-year-old missing, found in another town, older men "
    "buying him things; the young person disputes; CIN -> CP; worse before better.",
    child_sex="m",
    child_age_months=(178, 186),
    picks={
        "n_missing": ("three", "four", "five"),
        "cash": ("£400", "£350", "£520"),
        "gift": (
            "new trainers and a phone",
            "a designer jacket and trainers",
            "a phone and a bike",
        ),
    },
    members=(
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(34, 46),
            lives_with_child=True,
            parental_responsibility=True,
        ),
        Member(
            "sis",
            R.SIBLING,
            "older sister",
            sex="f",
            age_months=years(18, 21),
            generation="child",
            notes="Lives with her boyfriend on the {estate} estate.",
        ),
        Member(
            "nan",
            R.GRANDPARENT,
            "maternal grandmother",
            sex="f",
            age_months=years(58, 70),
            generation="grandparent",
        ),
        Member(
            "hoy",
            R.PROFESSIONAL,
            "head of year",
            sex="any",
            surname="own",
            organisation="{secondary}",
        ),
        Member(
            "police",
            R.PROFESSIONAL,
            "missing persons officer",
            sex="any",
            surname="own",
            organisation="Eastshire Police",
        ),
        Member(
            "youth",
            R.PROFESSIONAL,
            "youth worker",
            sex="any",
            surname="own",
            organisation="Eastbrook Youth Service",
        ),
    ),
    levels=(
        (
            0,
            L.CHILD_IN_NEED,
            "Referred by the police after {child} was reported missing {n_missing} times in "
            "{before_month} and {open_month}. The last time he was found in {town} with two men "
            "in their twenties.",
        ),
        (
            9,
            L.CHILD_PROTECTION,
            "A strategy discussion and then a child protection conference agreed a plan after "
            "{child} was found in a flat in {town} with {cash} in cash and a second phone. The "
            "police believe older men are using him to carry drugs.",
        ),
    ),
    stages=(
        Stage(
            week=2,
            occasion=O.ASSESSMENT,
            note="First map with {mum} and {nan}; {child} came for the last ten minutes.",
            ops=(
                Item(
                    "h_missing",
                    P.HARM,
                    "{child} has been missing overnight {n_missing} times since {before_month}. "
                    "The last time, police found him two days later in {town}, forty miles "
                    "away, in a car with two men in their twenties.",
                    said_by="{police_label}",
                    when="{before_month} and {open_month}",
                    how_often="{n_missing} times",
                    effect="{child} came home tired, hungry and with no phone charge. He "
                    "would not say where he had slept.",
                    how=K.AGENCY_REPORT,
                    view=V.PARTLY,
                    words="{child}: I was at my mate's. Nobody kidnapped me.",
                ),
                Item(
                    "h_gifts",
                    P.HARM,
                    "Men {child} met through a boy at school have bought him {gift}. {mum} "
                    "has found cash in his room that he cannot explain.",
                    said_by="{mum_label}",
                    when="Since {before_month}",
                    how_often="Several times",
                    effect="{child} says he owes them nothing, "
                    "but gets agitated when his phone rings and leaves the house straight "
                    "away.",
                    how=K.TOLD_BY_PARENT,
                    view=V.AGREES,
                ),
                Item(
                    "h_school",
                    P.HARM,
                    "{child} has been in school for half the time this term, after never "
                    "missing a day last year.",
                    said_by="{hoy_label}",
                    when="This term",
                    how_often="Half of all days",
                    effect="He is falling behind and has lost touch with his old friends.",
                    how=K.AGENCY_REPORT,
                ),
                Item(
                    "c_says_fine",
                    P.COMPLICATING,
                    "{child} says the men are his mates and he is not in any danger.",
                    said_by="{child_label}",
                    view=V.DISAGREES,
                    words="You're making it into something it isn't.",
                ),
                Item(
                    "c_mum_shifts",
                    P.COMPLICATING,
                    "{mum} works evenings at a care home and cannot always be in when "
                    "{child} gets home.",
                    said_by="{mum_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_mum",
                    P.STRENGTH,
                    "{mum} reports {child} missing every time and goes out looking for him.",
                    said_by="{police_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_nan",
                    P.STRENGTH,
                    "{child} is close to {nan}. He goes to hers for Sunday dinner and "
                    "listens to her.",
                    said_by="{nan_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_boxing",
                    P.STRENGTH,
                    "{child} used to box at the youth centre and was good at it. He says he "
                    "would go back.",
                    said_by="{child_label}",
                ),
                Item(
                    "u_who",
                    P.UNSURE,
                    "Who the men are and what {child} does for them. The police are looking "
                    "into it.",
                    said_by="{police_label}",
                ),
                Danger(
                    "d_men",
                    who="{mum}, {child}'s school, the police and {worker}",
                    behaviour="men in their twenties are buying {child} things, giving him "
                    "cash and taking him to {town}, where he stays away for days without "
                    "anyone knowing where he is",
                    fear="{child} will be hurt, made to carry or sell drugs, arrested, or "
                    "pulled in so deep that he cannot get away",
                    view=V.DISAGREES,
                    words="{child}: they're my mates. {mum}: I'm terrified.",
                    dispute="{child} does not agree. He says the men are friends and he "
                    "goes because he wants to.",
                ),
                Goal(
                    "g_home",
                    "d_men",
                    adults="{mum}, {nan} and the police will know where {child} is every "
                    "night, and the youth worker will see him twice a week",
                    child="{child} will be home by ten every night, in school, and have an "
                    "adult he trusts to ring if he is scared or stuck",
                    who="{mum}, the school and the youth worker",
                    how_long="three months",
                ),
                Step(
                    "n_youth",
                    "Introduce {child} to the youth worker at the boxing club",
                    "{worker}",
                    due=10,
                    goal="g_home",
                    done=12,
                ),
                Step(
                    "n_return",
                    "Do a return home interview every time {child} comes back",
                    "{youth_full}",
                    due=7,
                    done=7,
                ),
                Step(
                    "n_phone",
                    "Tell the police about the second phone and the cash",
                    "{mum}",
                    due=2,
                    done=1,
                ),
            ),
            scores={
                "worker": (
                    3,
                    "{child} goes missing for days with men we don't know. It's not "
                    "lower because {mum} reports it every time and {child} still talks "
                    "to {nan}.",
                    "{child} home every night for two weeks, and meeting the youth worker.",
                ),
                "mum": (
                    4,
                    "I don't know where he is half the time. He's a good lad really.",
                    "Him coming home when I ask.",
                ),
                "child": (9, "I'm fine. I can look after myself.", "Everyone leaving me alone."),
                "nan": (
                    4,
                    "He's still my boy but he's got in with the wrong lot.",
                    "Him coming for dinner every Sunday again.",
                ),
                "police": (
                    2,
                    "We believe {child} is being used by an organised group.",
                    "No missing episodes for a month.",
                ),
                "hoy": (
                    3,
                    "He's hardly here and he looks exhausted when he is.",
                    "Full weeks in school.",
                ),
                "manager": (
                    3,
                    "Very worrying, and {child} doesn't see the risk.",
                    "{child} starting to trust one adult in the plan.",
                ),
            },
            danger_scores={
                "d_men": {
                    "worker": (
                        3,
                        "Missing for days with men we don't know.",
                        "Two weeks home every night.",
                    ),
                    "child": (9, "They're my mates.", "Nothing. It's fine."),
                    "mum": (4, "He's still going.", "Him stopping."),
                },
            },
        ),
        Stage(
            week=9,
            occasion=O.MEETING,
            note="Child protection conference after {child} was found in {town} with cash.",
            ops=(
                Item(
                    "h_flat",
                    P.HARM,
                    "In {m1} police found {child} in a flat in {town} with {cash} in cash, a "
                    "second phone and a cut to his hand he would not explain.",
                    said_by="{police_label}",
                    when="{m1}",
                    how_often="Once",
                    effect="{child} was frightened but would not say so. He has not slept "
                    "well since and jumps when the doorbell goes.",
                    how=K.AGENCY_REPORT,
                    view=V.PARTLY,
                    words="{child}: I was holding it for someone.",
                ),
                Change(
                    "u_who",
                    {
                        "text": "Whether {child} owes the men money, and whether they "
                        "have threatened him or his family."
                    },
                ),
                Item(
                    "b_phone",
                    P.BOTTOM_LINE,
                    "If {child} is not home by ten, {mum} rings the police the same night.",
                    reason="Every hour missing is an hour he could be hurt.",
                    said_by="{manager_label}",
                    view=V.AGREES,
                ),
                Change("g_home", {"status": GS.AGREED}),
                Goal(
                    "g_police",
                    "d_men",
                    adults="The police will disrupt the group and treat {child} as a victim, "
                    "not an offender",
                    child="{child} will not be arrested for what the men make him do",
                    who="The police and {worker_first}",
                    how_long="as long as the investigation lasts",
                    kind=GK.AGENCY,
                    status=GS.AGREED,
                ),
                Step(
                    "n_move",
                    "Talk to the family about whether {child} could stay with {nan} for a while",
                    "{worker}",
                    due=7,
                    done=5,
                ),
                Step(
                    "n_college",
                    "Look at a part-time timetable and a college taster day",
                    "{hoy_full}",
                    due=21,
                    goal="g_home",
                    done=None,
                ),
            ),
            scores={
                "worker": (
                    2,
                    "Found with cash and a cut hand. It's not lower because he talks to "
                    "the youth worker and {nan}.",
                    "{child} staying at {nan}'s and not going missing for a month.",
                ),
                "mum": (
                    3,
                    "I'm scared for him now. I think he's in over his head.",
                    "Him being somewhere they can't find him.",
                ),
                "child": (7, "I got caught, that's all. I'm not stupid.", "Getting my phone back."),
                "nan": (
                    3,
                    "He can come to me. They don't know where I live.",
                    "Him saying yes to coming.",
                ),
                "police": (2, "Serious concern for his safety.", "No missing episodes."),
                "youth": (
                    4,
                    "He turns up to boxing and talks to me a bit.",
                    "Him telling me what's really going on.",
                ),
                "manager": (2, "Very high risk.", "A safe place to stay."),
            },
            danger_scores={
                "d_men": {
                    "worker": (2, "Found with cash in {town}.", "A month not missing."),
                    "child": (7, "It's under control.", "Getting my phone back."),
                },
            },
        ),
        Stage(
            week=16,
            occasion=O.MEETING,
            note="Core group: {child} has been staying at {nan}'s.",
            ops=(
                Item(
                    "s_nans",
                    P.STRENGTH,
                    "{child} has stayed at {nan}'s since {m1}. He has gone missing once, for "
                    "one night, and came back himself.",
                    said_by="{nan_label}",
                    view=V.AGREES,
                ),
                Item(
                    "sa_rang",
                    P.SAFETY,
                    "In {m2} {child} rang the youth worker at midnight from {town} and asked "
                    "to be picked up. The police brought him home.",
                    said_by="{youth_label}",
                    danger_present=True,
                    view=V.AGREES,
                    words="{child}: I didn't want to be there no more.",
                ),
                Change(
                    "c_says_fine",
                    {
                        "text": "{child} still says the men are his mates, but has started to say "
                        "he wants \u201cout\u201d.",
                    },
                ),
                Step(
                    "n_boxing",
                    "Sign {child} up for the boxing club's Saturday session",
                    "{youth_full}",
                    due=14,
                    goal="g_home",
                    done=10,
                ),
            ),
            scores={
                "worker": (
                    4,
                    "{child} rang for help himself, and {nan}'s is working. The men are "
                    "still around.",
                    "A month without going missing.",
                ),
                "mum": (5, "He rang for help. That's huge.", "Him back at school."),
                "child": (7, "Staying at nan's is alright.", "Going back to boxing properly."),
                "nan": (6, "He's eating and sleeping.", "Him staying in at night."),
                "police": (3, "One episode, and he asked for help.", "None at all."),
                "youth": (5, "He's starting to trust me.", "Him coming every week."),
                "hoy": (4, "He's been in three days a week.", "Five days."),
                "manager": (4, "Better, but fragile.", "A month clear."),
            },
            danger_scores={
                "d_men": {
                    "worker": (
                        4,
                        "He rang for help himself, but the men are still around.",
                        "A month without going missing.",
                    ),
                    "child": (7, "I don't go there much now.", "Them leaving me alone."),
                    "mum": (5, "He's at nan's and he rang for help.", "Him home every night."),
                },
            },
        ),
        Stage(
            week=28,
            occasion=O.MEETING,
            note="Review conference.",
            ops=(
                Change("g_police", {"status": GS.MET}),
                Item(
                    "s_college",
                    P.STRENGTH,
                    "{child} has a place on the college taster course on Fridays and has "
                    "been to every session.",
                    said_by="{hoy_label}",
                    view=V.AGREES,
                ),
                Change(
                    "d_men",
                    {
                        "family_view": V.PARTLY,
                        "family_words": "{child}: I know now they weren't my mates.",
                        "dispute": "",
                    },
                ),
                Remove("u_who"),
                Step(
                    "n_back_home",
                    "Plan {child}'s move back home with {mum}",
                    "{worker}, {mum} and {nan}",
                    due=28,
                    goal="g_home",
                ),
            ),
            scores={
                "worker": (
                    5,
                    "Two months without going missing and he's at college on Fridays.",
                    "Moving back home and it holding.",
                ),
                "mum": (6, "He's my boy again.", "Him home with me."),
                "child": (8, "I'm done with all that.", "Going home."),
                "nan": (7, "I'm proud of him.", "Him going home safe."),
                "police": (
                    5,
                    "Two men have been charged. {child} is not being looked for.",
                    "Six months clear.",
                ),
                "youth": (6, "He's at boxing every week.", "Him helping with the younger ones."),
                "manager": (5, "Real progress.", "The move home going well."),
            },
            danger_scores={
                "d_men": {
                    "worker": (
                        5,
                        "Two months without going missing; two men charged.",
                        "Home with {mum} and still safe.",
                    ),
                    "child": (8, "I'm done with them.", "Going home."),
                    "mum": (6, "He's my boy again.", "Him home with me."),
                },
            },
        ),
    ),
)


SELF_HARM = Scenario(
    key="self_harm",
    about="A teenager's self-harm and rows with a step-parent; stepdad disputes; CIN, improving.",
    child_sex="f",
    child_age_months=years(13, 15),
    picks={"name": ("a waste of space", "a useless lump", "a nightmare")},
    members=(
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(33, 45),
            lives_with_child=True,
            parental_responsibility=True,
        ),
        Member(
            "stepdad",
            R.STEP_PARENT,
            "stepdad",
            sex="m",
            age_months=years(33, 48),
            lives_with_child=True,
            surname="own",
        ),
        Member(
            "brother",
            R.HALF_SIBLING,
            "half-brother",
            sex="m",
            age_months=years(4, 7),
            lives_with_child=True,
            generation="child",
            surname="own",
        ),
        Member(
            "dad",
            R.FATHER,
            sex="m",
            age_months=years(35, 48),
            parental_responsibility=True,
            surname="own",
            notes="Lives across town; {child} stays every other weekend.",
        ),
        Member(
            "pastoral",
            R.PROFESSIONAL,
            "pastoral lead",
            sex="any",
            surname="own",
            organisation="{secondary}",
        ),
        Member(
            "camhs",
            R.PROFESSIONAL,
            "mental health practitioner",
            sex="any",
            surname="own",
            organisation="Eastbrook Children's Mental Health Service",
        ),
    ),
    levels=(
        (
            0,
            L.CHILD_IN_NEED,
            "Referred by the school nurse after {child} showed her cuts on her arms and said she "
            "cuts after rows at home, and that {stepdad} had grabbed her arm during an argument.",
        ),
    ),
    stages=(
        Stage(
            week=2,
            occasion=O.ASSESSMENT,
            note="First map, with {child} on her own and then with {mum} and {stepdad}.",
            ops=(
                Item(
                    "h_cuts",
                    P.HARM,
                    "{child} has been cutting the tops of her arms with a pencil sharpener "
                    "blade since {before_month}, mostly after rows at home.",
                    said_by="{child_label}",
                    when="Since {before_month}",
                    how_often="Two or three times a week",
                    effect="{child} has scars on both arms, wears long sleeves in PE and "
                    "says it is \u201cthe only thing that helps\u201d.",
                    how=K.TOLD_BY_CHILD,
                    view=V.AGREES,
                    words="{mum}: I had no idea. I feel sick about it.",
                ),
                Item(
                    "h_grab",
                    P.HARM,
                    "During a row in {open_month} {stepdad} grabbed {child}'s arm hard "
                    "enough to leave finger-mark bruises, and called her \u201c{name}\u201d.",
                    said_by="{pastoral_label}",
                    when="{open_month}",
                    how_often="Once that we "
                    "know of the grabbing; the name-calling most weeks, {child} says",
                    effect="{child} cut herself that night and did not come to school the "
                    "next day.",
                    how=K.TOLD_BY_CHILD,
                    view=V.PARTLY,
                    words="{stepdad}: I grabbed her to stop her walking out at 11 at night.",
                ),
                Item(
                    "c_rows",
                    P.COMPLICATING,
                    "{mum} says she feels stuck in the middle of {child} and {stepdad} and "
                    "has stopped stepping in.",
                    said_by="{mum_label}",
                    view=V.AGREES,
                ),
                Item(
                    "c_wait",
                    P.COMPLICATING,
                    "The wait for the children's mental health service is twelve weeks.",
                    said_by="{camhs_label}",
                ),
                Item(
                    "s_dad",
                    P.STRENGTH,
                    "{child} is close to {dad} and feels calm at his house.",
                    said_by="{child_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_art",
                    P.STRENGTH,
                    "{child} is doing well in art and English, and has two close friends.",
                    said_by="{pastoral_label}",
                ),
                Item(
                    "sa_told",
                    P.SAFETY,
                    "After the row in {open_month}, {child} told the school nurse the next "
                    "day instead of keeping it to herself.",
                    said_by="{pastoral_label}",
                    danger_present=True,
                ),
                Item(
                    "sa_brother",
                    P.SAFETY,
                    "{stepdad} is a gentle, hands-on dad to {brother}.",
                    said_by="{mum_label}",
                    danger_present=False,
                ),
                Danger(
                    "d_rows",
                    who="{child}, her school and {worker}",
                    behaviour="{mum} and {stepdad} argue with {child} most evenings, "
                    "{stepdad} calls her names and once grabbed her arm hard enough to "
                    "bruise, and after the rows {child} cuts herself",
                    fear="{child} will keep hurting herself and could cut deeper, and will "
                    "feel so unwanted at home that she runs away",
                    view=V.PARTLY,
                    words="{mum}: we do argue, and I didn't see what it was doing to her.",
                    dispute="{stepdad} says he has never called {child} names and only "
                    "held her arm to stop her leaving the house late at night.",
                ),
                Goal(
                    "g_calm",
                    "d_rows",
                    adults="{mum} and {stepdad} will sort out disagreements with {child} "
                    "calmly, without name-calling or grabbing, and {mum} will step in if a "
                    "row starts",
                    child="{child} will feel listened to at home, and will have someone to "
                    "talk to instead of hurting herself",
                    who="{dad}, the school and {worker_first}",
                    how_long="three months",
                ),
                Step(
                    "n_camhs",
                    "Refer {child} to the children's mental health service",
                    "{worker}",
                    due=5,
                    done=3,
                ),
                Step(
                    "n_safety",
                    "Make a plan with {child} for when she feels like cutting",
                    "{pastoral_full}",
                    due=7,
                    goal="g_calm",
                    done=6,
                ),
                Step(
                    "n_course",
                    "Book onto the parenting teenagers course at the family hub",
                    "{mum} and {stepdad}",
                    due=21,
                    goal="g_calm",
                    done=35,
                ),
            ),
            scores={
                "worker": (
                    4,
                    "{child} is cutting after rows and was grabbed by {stepdad}. It "
                    "isn't lower because she told the nurse, she has {dad} and her "
                    "friends, and {mum} wants to change things.",
                    "A month without a row ending in cutting.",
                ),
                "mum": (
                    5,
                    "I didn't see how bad it was. I do now.",
                    "Us getting through a week without a big row.",
                ),
                "stepdad": (
                    7,
                    "Every family argues with a teenager.",
                    "{child} showing us some respect.",
                ),
                "child": (
                    3,
                    "Home is rubbish. I only feel OK at dad's.",
                    "{stepdad} not having a go at me every night.",
                ),
                "dad": (
                    4,
                    "I've been worried about her for months.",
                    "{child} telling me when things are bad.",
                ),
                "pastoral": (
                    4,
                    "She's in school but very low.",
                    "{child} coming to me before she cuts, not after.",
                ),
                "manager": (
                    4,
                    "Risky, but there are people she trusts.",
                    "The plan for cutting in place.",
                ),
            },
            danger_scores={
                "d_rows": {
                    "worker": (4, "Rows and cutting most weeks.", "A month without."),
                    "child": (3, "It happens all the time.", "Him leaving me alone."),
                    "stepdad": (7, "It's normal arguing.", "{child} calming down."),
                },
            },
        ),
        Stage(
            week=9,
            occasion=O.MEETING,
            note="Child in need meeting.",
            ops=(
                Item(
                    "s_fewer",
                    P.STRENGTH,
                    "{child} says she has cut twice since {m0}, down from two or three times "
                    "a week, and used her plan the other times.",
                    said_by="{child_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_rules",
                    P.STRENGTH,
                    "{mum} and {stepdad} have agreed that {mum} deals with {child}'s curfew "
                    "and phone, and {stepdad} steps away if he gets angry.",
                    said_by="{mum_label}",
                    view=V.AGREES,
                ),
                Change("g_calm", {"status": GS.AGREED}),
                Step(
                    "n_dad_more",
                    "Talk about {child} staying with {dad} one night in the week",
                    "{worker}",
                    due=14,
                    done=14,
                ),
            ),
            scores={
                "worker": (
                    5,
                    "Less cutting and a new way of handling rows.",
                    "{stepdad} able to talk about the grabbing.",
                ),
                "mum": (6, "Better. We're trying.", "A month without shouting."),
                "stepdad": (
                    7,
                    "I'm keeping out of it like you said.",
                    "{child} saying hello to me.",
                ),
                "child": (5, "It's a bit better. He leaves me alone now.", "Mum on my side."),
                "pastoral": (5, "She comes to see me at lunch.", "Her smiling again."),
                "manager": (5, "Heading the right way.", "Another month."),
            },
        ),
        Stage(
            week=17,
            occasion=O.MEETING,
            note="Child in need review.",
            ops=(
                Item(
                    "s_camhs",
                    P.STRENGTH,
                    "{child} has started weekly sessions with the children's mental health "
                    "service and says they help.",
                    said_by="{camhs_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_course",
                    P.STRENGTH,
                    "{mum} and {stepdad} finished the parenting teenagers course. {stepdad} "
                    "told the group he had been \u201ctoo quick to shout\u201d.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                ),
                Change(
                    "d_rows",
                    {
                        "dispute": "{stepdad} now accepts he called {child} names, but still says "
                        "he held her arm only to stop her going out at night.",
                    },
                ),
                Item(
                    "u_summer",
                    P.UNSURE,
                    "How things will go over the summer holidays, when everyone is at home "
                    "all day.",
                    said_by="{mum_label}",
                ),
            ),
            scores={
                "worker": (
                    7,
                    "No cutting for six weeks and {stepdad} accepts the name-calling.",
                    "The summer holidays going calmly.",
                ),
                "mum": (8, "We're a family again.", "Summer without a big blow-up."),
                "stepdad": (8, "We're getting on better.", "Doing something together."),
                "child": (7, "Home's OK now. Therapy helps.", "Not needing therapy."),
                "dad": (7, "She's brighter when she comes to me.", "Keep going."),
                "camhs": (6, "Good engagement.", "Finishing the block of sessions."),
                "manager": (7, "Much improved.", "Summer holds."),
            },
            danger_scores={
                "d_rows": {
                    "worker": (7, "Six weeks calm.", "The summer."),
                    "child": (7, "He's nicer now.", "Still being nice."),
                    "stepdad": (8, "We've sorted it.", "Nothing."),
                },
            },
        ),
        Stage(
            week=26,
            occasion=O.MEETING,
            note="Child in need review after the summer.",
            ops=(
                Remove("u_summer"),
                Change("g_calm", {"status": GS.MET}),
                Item(
                    "sa_walk",
                    P.SAFETY,
                    "In {m3} a row started over {child}'s phone. {stepdad} went for a walk, "
                    "{mum} talked it through with {child}, and {child} rang {dad} instead of "
                    "cutting.",
                    said_by="{child_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Step(
                    "n_close",
                    "Agree a plan to close with {child}, the school and the family",
                    "{worker}",
                    due=21,
                ),
            ),
            scores={
                "worker": (
                    8,
                    "A calm summer, and the plan worked when a row started.",
                    "Closing with the school keeping an eye.",
                ),
                "mum": (9, "We know how to handle it now.", "Closing."),
                "stepdad": (9, "We're good.", "Closing."),
                "child": (8, "Most days are good.", "No more meetings."),
                "pastoral": (8, "She's thriving.", "Nothing from us."),
                "manager": (8, "Ready to close.", "The closing plan agreed."),
            },
            danger_scores={
                "d_rows": {
                    "worker": (
                        8,
                        "The plan worked when a row started.",
                        "Closing with school keeping an eye.",
                    ),
                    "child": (8, "We sort things out now.", "No rows at all."),
                },
            },
        ),
    ),
)


YOUNG_CARER = Scenario(
    key="young_carer",
    about="A young carer for a parent with MS; early help, improving.",
    child_sex="any",
    child_age_months=years(11, 13),
    picks={"n_late": ("11", "15", "19")},
    members=(
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(36, 48),
            lives_with_child=True,
            parental_responsibility=True,
            notes="Has multiple sclerosis; uses a wheelchair on bad days.",
        ),
        Member(
            "sib",
            R.SIBLING,
            "younger brother or sister",
            sex="any",
            age_months=years(6, 8),
            lives_with_child=True,
            generation="child",
        ),
        Member(
            "aunt", R.AUNT_UNCLE, "maternal aunt", sex="f", age_months=years(30, 50), surname="own"
        ),
        Member(
            "tutor",
            R.PROFESSIONAL,
            "form tutor",
            sex="any",
            surname="own",
            organisation="{secondary}",
        ),
        Member(
            "carers",
            R.PROFESSIONAL,
            "young carers worker",
            sex="any",
            surname="own",
            organisation="Eastbrook Young Carers",
        ),
    ),
    levels=(
        (
            0,
            L.EARLY_HELP,
            "{child}'s school asked for early help: {child} is often late, falls asleep in "
            "lessons and told {his} form tutor {he} helps {his} mum get up and washed before "
            "school.",
        ),
    ),
    stages=(
        Stage(
            week=2,
            occasion=O.VISIT,
            note="First meeting at home with {mum} and {child}.",
            ops=(
                Item(
                    "h_late",
                    P.HARM,
                    "{child} has been late {n_late} times this term and has fallen asleep in "
                    "lessons.",
                    said_by="{tutor_label}",
                    when="This term",
                    how_often="{n_late} times",
                    effect="{child} is behind in maths and science and has stopped going to "
                    "after-school football.",
                    how=K.AGENCY_REPORT,
                    view=V.AGREES,
                ),
                Item(
                    "h_caring",
                    P.HARM,
                    "On {mum}'s bad days {child} helps her out of bed, helps her wash and "
                    "dress, gets {sib} ready for school and does the shopping after school.",
                    said_by="{child_label}",
                    when="Since {mum}'s MS got worse last year",
                    how_often="Three or four days a week",
                    effect="{child} goes to bed late, "
                    "gets up at six, and says {he} has no time to see friends.",
                    how=K.TOLD_BY_CHILD,
                    view=V.AGREES,
                    words="I hate that {he} has to do it. There's nobody else.",
                ),
                Item(
                    "c_no_help",
                    P.COMPLICATING,
                    "{mum} has no care package; she did not know she could ask for one.",
                    said_by="{worker_label}",
                ),
                Item(
                    "c_aunt_far",
                    P.COMPLICATING,
                    "{aunt} works full time and lives half an hour away by bus.",
                    said_by="{aunt_label}",
                ),
                Item(
                    "s_close",
                    P.STRENGTH,
                    "{mum} and the children are very close and laugh a lot together.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_proud",
                    P.STRENGTH,
                    "{child} is kind and capable and proud of helping {his} mum.",
                    said_by="{tutor_label}",
                ),
                Item(
                    "s_aunt",
                    P.STRENGTH,
                    "{aunt} comes every Sunday and does a big shop.",
                    said_by="{aunt_label}",
                    view=V.AGREES,
                ),
                Danger(
                    "d_caring",
                    who="{child}'s form tutor, {mum} and {worker}",
                    behaviour="on days when {mum}'s MS is bad she cannot get out of bed "
                    "without help, there is no other adult in the house, and {child} does "
                    "the caring, the shopping and gets {sib} to school",
                    fear="{child} will keep missing sleep and lessons, fall behind at "
                    "school, lose {his} friends and not get to be a child",
                    view=V.AGREES,
                ),
                Goal(
                    "g_help",
                    "d_caring",
                    adults="{mum} will have a carer in the mornings on bad days, and {aunt} "
                    "will do the school run on Mondays and Thursdays",
                    child="{child} will get to school on time, go to football again, and "
                    "have time with friends every week",
                    who="{child}'s form tutor, the young carers worker and {worker_first}",
                    how_long="three months",
                ),
                Step(
                    "n_asc",
                    "Ask adult social care for an assessment of {mum}'s care needs",
                    "{worker}",
                    due=7,
                    goal="g_help",
                    done=5,
                ),
                Step(
                    "n_club", "Refer {child} to the young carers' club", "{worker}", due=7, done=6
                ),
                Step(
                    "n_catch",
                    "Set up maths catch-up sessions at lunchtime",
                    "{tutor_full}",
                    due=14,
                    done=None,
                ),
            ),
            scores={
                "worker": (
                    5,
                    "{child} is doing an adult's job three or four days a week. It's "
                    "not lower because {mum} is a loving parent who wants help and "
                    "{aunt} helps on Sundays.",
                    "A carer coming on bad days.",
                ),
                "mum": (5, "We manage, but it isn't fair on {him}.", "A carer in the morning."),
                "child": (
                    6,
                    "I don't mind helping mum. I'm just tired.",
                    "Having time to play football.",
                ),
                "aunt": (5, "I do what I can.", "Help for her in the week."),
                "tutor": (4, "{child} is exhausted and falling behind.", "On time every day."),
                "manager": (5, "Clear need, clear plan.", "Adult social care involved."),
            },
            danger_scores={
                "d_caring": {
                    "worker": (5, "No help in the mornings yet.", "A carer coming on bad days."),
                    "mum": (5, "There's nobody else.", "A carer."),
                    "child": (6, "I don't mind.", "Mum getting help."),
                },
            },
        ),
        Stage(
            week=8,
            occasion=O.MEETING,
            note="Family meeting with the school and the young carers worker.",
            ops=(
                Item(
                    "s_club",
                    P.STRENGTH,
                    "{child} goes to the young carers' club on Thursdays and went on their "
                    "trip to the coast.",
                    said_by="{carers_label}",
                    view=V.AGREES,
                    words="{child}: it's the best thing all week.",
                ),
                Item(
                    "u_care",
                    P.UNSURE,
                    "When the morning carers will start. Adult social care have assessed "
                    "{mum} but there is a waiting list.",
                    said_by="{worker_label}",
                ),
                Change("g_help", {"status": GS.AGREED}),
                Step(
                    "n_aunt",
                    "Start doing the school run on Mondays and Thursdays",
                    "{aunt}",
                    due=7,
                    goal="g_help",
                    done=7,
                ),
            ),
            scores={
                "worker": (
                    6,
                    "{aunt}'s school runs help, but the carers haven't started.",
                    "The morning carers starting.",
                ),
                "mum": (6, "It's a bit easier.", "The carers starting."),
                "child": (7, "Young carers is fun. I'm less tired on Mondays.", "Football again."),
                "carers": (
                    6,
                    "{child} has made friends at the club.",
                    "{child} having one free evening a week.",
                ),
                "tutor": (5, "A bit more on time.", "Every day on time."),
                "manager": (6, "Moving.", "The carers."),
            },
            danger_scores={
                "d_caring": {
                    "worker": (6, "{aunt} helps twice a week.", "The carers starting."),
                    "mum": (6, "{aunt}'s helping.", "The carers."),
                    "child": (7, "Aunty does Mondays.", "More days off."),
                },
            },
        ),
        Stage(
            week=16,
            occasion=O.MEETING,
            note="Review: the morning carers have started.",
            ops=(
                Remove("u_care"),
                Item(
                    "s_carers",
                    P.STRENGTH,
                    "Carers come every morning at half seven to help {mum} get up and washed.",
                    said_by="{mum_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_football",
                    P.STRENGTH,
                    "{child} is back at after-school football on Wednesdays.",
                    said_by="{child_label}",
                    view=V.AGREES,
                ),
                Item(
                    "sa_bad_week",
                    P.SAFETY,
                    "When {mum} had a relapse in {m2}, she rang {aunt}, who stayed for three "
                    "nights so {child} could go to school as normal.",
                    said_by="{aunt_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
            ),
            scores={
                "worker": (
                    8,
                    "Carers every morning and {child} is back at football.",
                    "A full term like this.",
                ),
                "mum": (8, "I feel like a mum again, not a patient.", "Nothing. We're good."),
                "child": (9, "I get to sleep in till seven!", "Winning the league."),
                "aunt": (8, "It's working.", "Keep going."),
                "tutor": (8, "On time and doing well.", "Catching up in maths."),
                "manager": (8, "Nearly ready to close.", "The plan for relapses written."),
            },
            danger_scores={
                "d_caring": {
                    "worker": (8, "Carers every morning.", "A term like this."),
                    "mum": (8, "I don't need {child} to do it now.", "Nothing."),
                    "child": (9, "I just help a bit now.", "Nothing."),
                },
            },
        ),
        Stage(
            week=24,
            occasion=O.MEETING,
            note="Closing review.",
            ops=(
                Change("g_help", {"status": GS.MET}),
                Step(
                    "n_close",
                    "Close early help; {child} stays with the young carers' club",
                    "{worker}",
                    due=14,
                ),
            ),
            scores={
                "worker": (9, "Everything in the goal seen for three months.", "Closed."),
                "mum": (9, "Thank you.", "Closed."),
                "child": (9, "It's loads better.", "Nothing."),
                "carers": (9, "{child} will stay with us.", "Nothing."),
                "manager": (9, "Close.", "Nothing."),
            },
        ),
    ),
)


SCHOOL = Scenario(
    key="not_in_school",
    about="School non-attendance and isolation; early help; improving slowly.",
    child_sex="any",
    child_age_months=years(11, 13),
    picks={"attendance": ("31", "38", "42")},
    members=(
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(34, 48),
            lives_with_child=True,
            parental_responsibility=True,
            notes="Works early shifts at the hospital.",
        ),
        Member(
            "dad",
            R.FATHER,
            sex="m",
            age_months=years(36, 50),
            parental_responsibility=True,
            surname="own",
            notes="Lives in {town}; sees {child} in the holidays.",
        ),
        Member(
            "nan",
            R.GRANDPARENT,
            "maternal grandmother",
            sex="f",
            age_months=years(60, 74),
            generation="grandparent",
        ),
        Member(
            "senco",
            R.PROFESSIONAL,
            "special needs coordinator",
            sex="any",
            surname="own",
            organisation="{secondary}",
        ),
        Member(
            "gp",
            R.PROFESSIONAL,
            "GP",
            sex="any",
            surname="own",
            organisation="Eastbrook Medical Centre",
        ),
    ),
    levels=(
        (
            0,
            L.EARLY_HELP,
            "{secondary} asked for early help: {child} has been in school for {attendance}% of "
            "the time since {before_month} and {mum} says {he} will not leave {his} room.",
        ),
    ),
    stages=(
        Stage(
            week=2,
            occasion=O.VISIT,
            note="First meeting at home. {child} joined us on the landing for a bit.",
            ops=(
                Item(
                    "h_room",
                    P.HARM,
                    "{child} has been in school for {attendance}% of the time since "
                    "{before_month}. Most days {he} stays in {his} room on {his} games "
                    "console until the early hours.",
                    said_by="{senco_label}",
                    when="Since {before_month}",
                    how_often="Most school days",
                    effect="{child} is sleeping in the day, has lost touch with {his} primary "
                    "school friends and gets stomach aches on Sunday nights.",
                    how=K.AGENCY_REPORT,
                    view=V.AGREES,
                    words="I've tried everything. {He} just won't go.",
                ),
                Item(
                    "c_shift",
                    P.COMPLICATING,
                    "{mum} leaves for work at 6.30am, before {child} would need to get up.",
                    said_by="{mum_label}",
                    view=V.AGREES,
                ),
                Item(
                    "c_dad",
                    P.COMPLICATING,
                    "{dad} thinks {child} should be made to go and says {mum} is too soft. "
                    "They disagree in front of {child}.",
                    said_by="{mum_label}",
                    view=V.PARTLY,
                    chance=0.7,
                ),
                Item(
                    "s_mum",
                    P.STRENGTH,
                    "{mum} has never given up. She rings school every morning and has "
                    "asked for help herself.",
                    said_by="{senco_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_art",
                    P.STRENGTH,
                    "{child} draws brilliantly and has built a whole world in Minecraft "
                    "that {he} is proud of.",
                    said_by="{child_label}",
                ),
                Item(
                    "s_nan",
                    P.STRENGTH,
                    "{child} goes to {nan}'s every Sunday and helps in her garden.",
                    said_by="{nan_label}",
                    view=V.AGREES,
                ),
                Item(
                    "u_bully",
                    P.UNSURE,
                    "Whether {child} is being picked on at school. {He} has said \u201cthey "
                    "all hate me\u201d but will not say more.",
                    said_by="{worker_label}",
                ),
                Item(
                    "u_autism",
                    P.UNSURE,
                    "Whether {child} might be autistic. School have noticed {he} finds noise "
                    "and changes of plan very hard.",
                    said_by="{senco_label}",
                ),
                Danger(
                    "d_room",
                    who="{child}'s school, {mum} and {worker}",
                    behaviour="{child} has stopped going to school and spends days and "
                    "nights in {his} room, and the adults have not yet found a way to help "
                    "{him} out",
                    fear="{child} will fall further behind, become more alone and anxious, "
                    "and may stop leaving the house at all",
                    view=V.AGREES,
                ),
                Goal(
                    "g_school",
                    "d_room",
                    adults="{mum}, {nan} and the school will help {child} back into school a "
                    "bit at a time, with a quiet place to go when it gets too much",
                    child="{child} will be in school every morning, feel safe there and have "
                    "at least one friend",
                    who="The school, {nan} and {worker_first}",
                    how_long="a full term",
                ),
                Step(
                    "n_timetable",
                    "Set up a part-time timetable: mornings only, starting in the library",
                    "{senco_full}",
                    due=10,
                    goal="g_school",
                    done=12,
                ),
                Step(
                    "n_gp",
                    "Ask the GP about {child}'s stomach aches and sleep",
                    "{mum}",
                    due=14,
                    done=20,
                ),
                Step(
                    "n_nan_run",
                    "Take {child} to school on the days {mum} works",
                    "{nan}",
                    due=14,
                    goal="g_school",
                    done=None,
                ),
            ),
            scores={
                "worker": (
                    4,
                    "{child} is hardly in school and hardly out of {his} room. It isn't "
                    "lower because {mum} and {nan} are there for {him} and {he} still "
                    "goes to {nan}'s.",
                    "{child} in the library two mornings a week.",
                ),
                "mum": (3, "I'm at my wits' end.", "{Him} going in one day without a fight."),
                "child": (
                    5,
                    "I'm fine at home. School is the problem.",
                    "Not having to go to maths.",
                ),
                "senco": (3, "We've hardly seen {child} this term.", "Half days in the library."),
                "nan": (5, "{He}'s a lovely {boy}, just frightened.", "{Him} going in with me."),
                "manager": (4, "Early days.", "The timetable started."),
            },
            danger_scores={
                "d_room": {
                    "worker": (4, "Hardly in school.", "Two mornings a week."),
                    "mum": (3, "Nothing works.", "One good day."),
                    "child": (5, "I'm fine at home.", "No maths."),
                },
            },
        ),
        Stage(
            week=8,
            occasion=O.MEETING,
            note="Team around the family meeting at school.",
            ops=(
                Item(
                    "s_library",
                    P.STRENGTH,
                    "{child} has been in the library three mornings a week since {m0}, and has "
                    "made friends with another {boy} there.",
                    said_by="{senco_label}",
                    view=V.AGREES,
                ),
                Change(
                    "u_bully",
                    {
                        "text": "What happened in the Year 7 changing rooms in "
                        "{before_month}. {child} has started to talk about it."
                    },
                ),
                Change("g_school", {"status": GS.AGREED}),
                Step(
                    "n_referral",
                    "Refer {child} for an autism assessment",
                    "{gp_full}",
                    due=21,
                    done=18,
                ),
            ),
            scores={
                "worker": (5, "Three mornings a week and a friend.", "Five mornings."),
                "mum": (5, "{He} gets up for the library days.", "Full days."),
                "child": (6, "The library is OK. Jay is there.", "Not doing PE."),
                "senco": (5, "Real progress.", "One lesson in class."),
                "manager": (5, "Steady.", "More time in school."),
            },
            danger_scores={
                "d_room": {
                    "worker": (5, "Three mornings a week.", "Five mornings."),
                    "mum": (5, "Better.", "Full days."),
                    "child": (6, "The library's OK.", "Not doing PE."),
                },
            },
        ),
        Stage(
            week=16,
            occasion=O.MEETING,
            note="Review: more time in school.",
            ops=(
                Item(
                    "s_lessons",
                    P.STRENGTH,
                    "{child} now goes to art and English in class and is in school every morning.",
                    said_by="{senco_label}",
                    view=V.AGREES,
                ),
                Remove("u_bully"),
                Item(
                    "s_moved",
                    P.STRENGTH,
                    "School moved {child}'s PE changing to a separate room after {child} "
                    "told them about the boys who filmed {him}.",
                    said_by="{senco_label}",
                    view=V.AGREES,
                ),
                Step(
                    "n_afternoons",
                    "Add two afternoons a week",
                    "{senco_full}",
                    due=21,
                    goal="g_school",
                    done=None,
                ),
            ),
            scores={
                "worker": (
                    6,
                    "In school every morning and in two lessons.",
                    "Full days three times a week.",
                ),
                "mum": (7, "I've got my {boy} back.", "Full days."),
                "child": (
                    7,
                    "School is better since they sorted the changing rooms.",
                    "Getting my diagnosis so people understand.",
                ),
                "nan": (7, "{He}'s chattier.", "Going every day."),
                "senco": (6, "Much improved.", "Afternoons too."),
                "manager": (6, "Improving.", "Afternoons."),
            },
            danger_scores={
                "d_room": {
                    "worker": (6, "Every morning in school.", "Afternoons too."),
                    "mum": (7, "{He}'s going.", "Full days."),
                    "child": (7, "Better now.", "My diagnosis."),
                },
            },
        ),
        Stage(
            week=24,
            occasion=O.MEETING,
            note="Review: planning to close.",
            ops=(
                Remove("u_autism"),
                Item(
                    "s_plan",
                    P.STRENGTH,
                    "{child} has an autism assessment date and a support plan at school that "
                    "{he} helped to write.",
                    said_by="{senco_label}",
                    view=V.AGREES,
                ),
                Step(
                    "n_close", "Close early help; school keeps the support plan", "{worker}", due=21
                ),
            ),
            scores={
                "worker": (
                    7,
                    "Full days three times a week and a plan {child} helped write.",
                    "The same next term without us.",
                ),
                "mum": (8, "We're in a good place.", "Full time."),
                "child": (8, "It's alright now.", "No more meetings."),
                "senco": (7, "We can carry it on.", "Full time."),
                "manager": (7, "Close with school leading.", "Closed."),
            },
        ),
    ),
)

SCENARIOS = (EXPLOITATION, SELF_HARM, YOUNG_CARER, SCHOOL)
