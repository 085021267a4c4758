"""Children in care: a child living with grandparents, and a young person leaving care."""

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

KINSHIP = Scenario(
    key="kinship_care",
    about="A child in care living with grandparents (kinship foster carers); settled, with "
    "worries about a parent's family time; planning special guardianship.",
    child_sex="any",
    child_age_months=years(5, 8),
    picks={"n_missed": ("three", "four", "five")},
    members=(
        Member(
            "gran",
            R.KINSHIP_CARER,
            "grandmother and family foster carer",
            sex="f",
            age_months=years(56, 66),
            lives_with_child=True,
            generation="grandparent",
        ),
        Member(
            "grandad",
            R.KINSHIP_CARER,
            "grandfather and family foster carer",
            sex="m",
            age_months=years(60, 70),
            lives_with_child=True,
            generation="grandparent",
        ),
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(25, 36),
            parental_responsibility=True,
            notes="Family time every other Saturday at the family centre.",
        ),
        Member(
            "dad",
            R.FATHER,
            sex="m",
            age_months=years(27, 40),
            parental_responsibility=True,
            surname="own",
            notes="Lives in {town}; sends cards.",
        ),
        Member(
            "ssw",
            R.PROFESSIONAL,
            "supervising social worker",
            sex="any",
            surname="own",
            organisation="Eastbrook Fostering Service",
        ),
        Member(
            "teacher",
            R.PROFESSIONAL,
            "class teacher",
            sex="any",
            surname="own",
            organisation="{school}",
        ),
    ),
    levels=(
        (
            0,
            L.CHILD_PROTECTION,
            "Child protection conference after {child}, then {age}, was found at home alone at "
            "night twice while {mum} was out drinking.",
        ),
        (
            14,
            L.LOOKED_AFTER,
            "{child} went to live with {gran} and {grandad} under an interim care order after "
            "{mum} left {him} alone overnight again. A care order followed.",
        ),
    ),
    stages=(
        Stage(
            week=104,
            occasion=O.MEETING,
            note="Looked after review at {gran} and {grandad}'s.",
            ops=(
                Item(
                    "h_past",
                    P.HARM,
                    "Before {he} came into care, {child} was left at home alone at night at "
                    "least three times while {mum} was out drinking.",
                    said_by="{worker_label}",
                    when="The year before {he} came into care",
                    how_often="At least three times",
                    effect="{child} still will not go to sleep unless {gran} is upstairs, and "
                    "asks every night whether the door is locked.",
                    how=K.AGENCY_REPORT,
                    view=V.AGREES,
                    words="{mum}: I wasn't well then. I'm not like that now.",
                ),
                Item(
                    "h_missed",
                    P.HARM,
                    "{mum} has missed {n_missed} of the last ten family times, most without "
                    "telling anyone, and came to one in {before_month} smelling of drink.",
                    said_by="{gran_label}",
                    when="The last five months",
                    how_often="{n_missed} of ten",
                    effect="After a missed visit {child} wets "
                    "the bed, has nightmares and says \u201cmummy doesn't love me\u201d.",
                    how=K.SEEN,
                    view=V.PARTLY,
                    words="{mum}: I had no credit to ring. I'm doing my best.",
                ),
                Item(
                    "c_health",
                    P.COMPLICATING,
                    "{grandad} has a heart condition and had an operation last year.",
                    said_by="{grandad_label}",
                    view=V.AGREES,
                ),
                Item(
                    "c_mum_gran",
                    P.COMPLICATING,
                    "{mum} and {gran} argue about family time, sometimes in front of {child}.",
                    said_by="{ssw_label}",
                    view=V.PARTLY,
                ),
                Item(
                    "s_home",
                    P.STRENGTH,
                    "{child} is settled with {gran} and {grandad}, has {his} own room, and "
                    "calls their house \u201cmy home\u201d.",
                    said_by="{child_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_school",
                    P.STRENGTH,
                    "{child} has not missed a day of school this year and is in the school choir.",
                    said_by="{teacher_label}",
                ),
                Item(
                    "s_mum_tries",
                    P.STRENGTH,
                    "When {mum} comes to family time she is loving and plays with {child}.",
                    said_by="{gran_label}",
                    view=V.AGREES,
                ),
                Item(
                    "sa_ended",
                    P.SAFETY,
                    "When {mum} arrived smelling of drink in {before_month}, {gran} calmly "
                    "ended the visit and took {child} to the park.",
                    said_by="{gran_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Danger(
                    "d_time",
                    who="{gran}, {grandad} and {worker}",
                    behaviour="{mum} often misses family time without telling anyone, and "
                    "has come to family time after drinking",
                    fear="{child} will keep feeling let down and unwanted, and will not be "
                    "able to settle and feel safe",
                    view=V.PARTLY,
                    words="{mum}: I know I've let {him} down.",
                ),
                Goal(
                    "g_time",
                    "d_time",
                    adults="{mum} will confirm family time the day before and come sober, "
                    "and {gran} will tell {child} only once {mum} has confirmed",
                    child="{child} will see {his} mum when she can come, and not be left "
                    "waiting for someone who does not arrive",
                    who="{gran} and {worker_first}",
                    how_long="three months",
                    status=GS.AGREED,
                ),
                Goal(
                    "g_stay",
                    "d_time",
                    adults="{gran} and {grandad} will be assessed as special guardians so "
                    "that {child} can stay with them until {he} grows up",
                    child="{child} will know {he} is staying with {gran} and {grandad} for good",
                    who="The reviewing officer and {worker_first}",
                    how_long="as long as the court case takes",
                    kind=GK.AGENCY,
                    status=GS.AGREED,
                ),
                Step(
                    "n_confirm",
                    "Set up a text the day before each family time",
                    "{worker}",
                    due=7,
                    goal="g_time",
                    done=5,
                ),
                Step(
                    "n_sgo",
                    "Ask for a special guardianship assessment",
                    "{worker}",
                    due=21,
                    goal="g_stay",
                    done=18,
                ),
                Step(
                    "n_life", "Carry on life story work with {child}", "{worker}", due=28, done=None
                ),
            ),
            scores={
                "worker": (
                    7,
                    "{child} is settled and loved. The missed family times are the worry.",
                    "Three months of family time going ahead as planned.",
                ),
                "gran": (
                    7,
                    "{He}'s our world. It's {mum} I worry about.",
                    "{mum} turning up when she says.",
                ),
                "grandad": (8, "{child} is happy here.", "Knowing {he}'s staying for good."),
                "mum": (6, "I'm trying. I want to see {him} more.", "More family time."),
                "child": (
                    7,
                    "I like living at nanny's. I'm sad when mummy doesn't come.",
                    "Mummy always coming.",
                ),
                "ssw": (
                    7,
                    "{gran} and {grandad} are doing a great job.",
                    "The arguing with {mum} stopping.",
                ),
                "manager": (7, "Settled, with one worry.", "Family time reliable."),
            },
            danger_scores={
                "d_time": {
                    "worker": (
                        5,
                        "{mum} missed {n_missed} of the last ten.",
                        "A month with none missed.",
                    ),
                    "gran": (5, "It breaks {his} heart.", "Her turning up."),
                    "mum": (7, "I've missed a few.", "More time with {him}."),
                },
            },
        ),
        Stage(
            week=113,
            occasion=O.VISIT,
            note="Visit to {child} at home.",
            ops=(
                Item(
                    "s_texts",
                    P.STRENGTH,
                    "Since the day-before texts started, {mum} has confirmed and come to every "
                    "family time but one.",
                    said_by="{gran_label}",
                    view=V.AGREES,
                ),
                Change(
                    "h_missed",
                    {
                        "family_view": V.AGREES,
                        "family_words": "{mum}: the texts help. I want to get it right.",
                    },
                ),
                Item(
                    "u_grandad",
                    P.UNSURE,
                    "What would happen to {child} if {grandad}'s health got worse.",
                    said_by="{ssw_label}",
                ),
            ),
            scores={
                "worker": (
                    8,
                    "Family time is happening and {child} is calmer.",
                    "The special guardianship assessment under way.",
                ),
                "gran": (
                    8,
                    "Much better. {He}'s not wetting the bed.",
                    "The assessment going well.",
                ),
                "mum": (7, "I've been every time.", "Longer family time."),
                "child": (8, "Mummy came and we made slime.", "Mummy coming more."),
                "teacher": (8, "Happy and doing well.", "Nothing more."),
                "manager": (8, "Good.", "The assessment."),
            },
            danger_scores={
                "d_time": {
                    "worker": (
                        7,
                        "Every family time but one went ahead.",
                        "Three months without a missed visit.",
                    ),
                    "gran": (7, "The texts make a real difference.", "Her never missing."),
                    "mum": (8, "I've been every time.", "Longer family time."),
                },
            },
        ),
        Stage(
            week=125,
            occasion=O.MEETING,
            note="Looked after review.",
            ops=(
                Change("g_time", {"status": GS.MET}),
                Change(
                    "u_grandad",
                    {
                        "text": "Who would care for {child} if {gran} and "
                        "{grandad} could not. {child}'s aunt has offered, and the "
                        "family are talking about it."
                    },
                ),
                Item(
                    "s_sgo",
                    P.STRENGTH,
                    "The special guardianship assessment has started and {gran} and {grandad} "
                    "have been to the preparation group.",
                    said_by="{ssw_label}",
                    view=V.AGREES,
                ),
                Step(
                    "n_backup",
                    "Hold a family meeting about a back-up carer",
                    "{worker}",
                    due=21,
                    goal="g_stay",
                ),
            ),
            scores={
                "worker": (
                    8,
                    "Family time is reliable and the assessment is going well.",
                    "The assessment finished.",
                ),
                "gran": (9, "We can see the end of it.", "The court saying yes."),
                "grandad": (9, "{child} is staying with us.", "It being official."),
                "mum": (
                    7,
                    "I'm OK with {him} staying with mum and dad.",
                    "Seeing {him} on {his} birthday.",
                ),
                "child": (9, "This is my home.", "Having a dog."),
                "manager": (8, "On track.", "Court."),
            },
        ),
        Stage(
            week=138,
            occasion=O.MEETING,
            note="Review: the special guardianship report is finished.",
            ops=(
                Remove("u_grandad"),
                Item(
                    "s_backup",
                    P.STRENGTH,
                    "The family have agreed that {child}'s aunt would care for {him} if "
                    "{gran} and {grandad} could not.",
                    said_by="{gran_label}",
                    view=V.AGREES,
                ),
                Step(
                    "n_court_sgo",
                    "File the special guardianship report with the court",
                    "{worker}",
                    due=14,
                    goal="g_stay",
                ),
            ),
            scores={
                "worker": (
                    9,
                    "Settled, family time reliable, and a back-up plan in place.",
                    "The order being made.",
                ),
                "gran": (9, "We're ready.", "The order."),
                "child": (9, "I'm staying here for ever.", "Nothing."),
                "ssw": (9, "Excellent care.", "Nothing."),
                "manager": (9, "Ready for court.", "The order."),
            },
            danger_scores={
                "d_time": {
                    "worker": (9, "Reliable for months.", "The order made."),
                    "gran": (9, "{child} knows when {mum} is coming.", "Nothing."),
                },
            },
        ),
    ),
)


CARE_LEAVER = Scenario(
    key="care_leaver",
    about="A care leaver in supported lodgings: money, a man using their bank account, college.",
    child_sex="any",
    child_age_months=(0, 0),  # set from eighteen_at_week
    eighteen_at_week=260,
    picks={"course": ("catering", "motor vehicle", "health and social care", "construction")},
    members=(
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(36, 48),
            parental_responsibility=True,
            notes="Sees {child} now and then; they text.",
        ),
        Member(
            "foster",
            R.FOSTER_CARER,
            "former foster carer",
            sex="f",
            age_months=years(48, 64),
            surname="own",
            generation="grandparent",
        ),
        Member(
            "host",
            R.OTHER,
            "supported lodgings host",
            sex="any",
            age_months=years(45, 65),
            surname="own",
            lives_with_child=True,
            organisation="Eastbrook Supported Lodgings",
            generation="grandparent",
        ),
        Member(
            "tutor",
            R.PROFESSIONAL,
            "college tutor",
            sex="any",
            surname="own",
            organisation="{college}",
        ),
    ),
    levels=(
        (
            0,
            L.CHILD_PROTECTION,
            "Child protection conference after {child}, then 13, told a teacher {mum}'s partner "
            "hit {him} with a belt.",
        ),
        (
            8,
            L.LOOKED_AFTER,
            "{child} came into care and went to live with foster carer {foster} after {mum} "
            "let her partner back into the house against the plan.",
        ),
        (
            260,
            L.CARE_LEAVER,
            "{child} turned 18 and became a care leaver. {He} moved from {foster}'s to supported "
            "lodgings with {host}, and keeps {his} personal adviser.",
        ),
    ),
    stages=(
        Stage(
            week=249,
            occasion=O.MEETING,
            note="Pathway plan review before {child} turns 18.",
            ops=(
                Item(
                    "h_past",
                    P.HARM,
                    "Before coming into care at 13, {child} was hit with a belt by {mum}'s "
                    "partner.",
                    said_by="{worker_label}",
                    when="Five years ago",
                    how_often="More than once, {child} says",
                    effect="{child} still finds it hard to trust adults "
                    "and goes quiet when people raise their voices.",
                    how=K.TOLD_BY_CHILD,
                    view=V.AGREES,
                ),
                Item(
                    "c_move",
                    P.COMPLICATING,
                    "{child} has to move out of {foster}'s when {he} turns 18 because "
                    "{foster} is taking a younger child.",
                    said_by="{foster_label}",
                    view=V.PARTLY,
                    words="{child}: I get it, but it feels like being kicked out.",
                ),
                Item(
                    "c_mum",
                    P.COMPLICATING,
                    "{mum} has promised {child} {he} can move back in with her, then changed "
                    "her mind, twice this year.",
                    said_by="{child_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_college",
                    P.STRENGTH,
                    "{child} is in the first year of a {course} course at {college} and "
                    "has a part-time job at weekends.",
                    said_by="{tutor_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_foster",
                    P.STRENGTH,
                    "{foster} has said {child} can come for Sunday dinner every week after "
                    "{he} moves.",
                    said_by="{foster_label}",
                    view=V.AGREES,
                ),
                Danger(
                    "d_alone",
                    who="{child}, {foster} and {worker}",
                    behaviour="when {child} moves out at 18 there will be no adult at home "
                    "to help with money, cooking and getting up for college, and {mum} has "
                    "let {him} down when {he} needed her",
                    fear="{child} will feel alone, fall behind at college and run out of money",
                    view=V.AGREES,
                    words="I'm scared of being on my own.",
                ),
                Goal(
                    "g_ready",
                    "d_alone",
                    adults="{foster} and {worker_first} will teach {child} to budget, cook "
                    "five meals and use a bank account before {he} moves",
                    child="{child} will move to a home where someone is around, keep going "
                    "to college and have Sunday dinner at {foster}'s",
                    who="{foster} and {worker_first}",
                    how_long="the first three months after the move",
                    status=GS.AGREED,
                ),
                Step(
                    "n_lodgings",
                    "Find supported lodgings near the college",
                    "{worker}",
                    due=21,
                    goal="g_ready",
                    done=20,
                ),
                Step(
                    "n_bank",
                    "Open a bank account and set up a budget",
                    "{child} and {worker}",
                    due=28,
                    goal="g_ready",
                    done=30,
                ),
            ),
            scores={
                "worker": (
                    6,
                    "{child} is doing well at college and has {foster}, but the "
                    "move is a big step.",
                    "Supported lodgings found and visited.",
                ),
                "child": (5, "I'm nervous about moving.", "Knowing where I'm going."),
                "foster": (
                    7,
                    "{He}'s ready, {he} just doesn't know it.",
                    "{child} cooking for us once a week.",
                ),
                "tutor": (7, "Good attendance and good work.", "Keep it up."),
                "manager": (6, "A well planned move.", "Lodgings found."),
            },
            danger_scores={
                "d_alone": {
                    "worker": (
                        6,
                        "{child} can cook and budget a bit; the move is the test.",
                        "Lodgings found and visited.",
                    ),
                    "child": (5, "I'm scared of being on my own.", "Knowing where I'm going."),
                },
            },
        ),
        Stage(
            week=261,
            occasion=O.MEETING,
            note="Pathway plan review after the move.",
            ops=(
                Item(
                    "s_host",
                    P.STRENGTH,
                    "{child} moved in with {host} in {m1}. {host} says {child} is polite and "
                    "tidy and they eat together twice a week.",
                    said_by="{host_label}",
                    view=V.AGREES,
                ),
                Change("g_ready", {"status": GS.AGREED}),
                Change(
                    "d_alone",
                    {
                        "behaviour": "{child} is living without {foster} for the first time, "
                        "with nobody to remind {him} about money, meals and college, and "
                        "{mum} has let {him} down when {he} needed her",
                    },
                ),
                Item(
                    "u_money",
                    P.UNSURE,
                    "How {child} is managing {his} money; {he} asked {host} for a loan in "
                    "the second week.",
                    said_by="{host_label}",
                ),
            ),
            scores={
                "worker": (
                    6,
                    "The move went well. Money is the next thing.",
                    "A month with money left at the end.",
                ),
                "child": (7, "I like it at {host}'s.", "More hours at work."),
                "host": (7, "Settling in well.", "Rent paid on time."),
                "foster": (7, "{He} comes for dinner every Sunday.", "Keep coming."),
                "manager": (6, "Good start.", "Money sorted."),
            },
            danger_scores={
                "d_alone": {
                    "worker": (7, "Settled with {host} and still at college.", "Money sorted."),
                    "child": (7, "It's nice at {host}'s.", "More hours at work."),
                },
            },
        ),
        Stage(
            week=270,
            occasion=O.VISIT,
            note="Visit after {child} ran out of money.",
            ops=(
                Item(
                    "h_money",
                    P.HARM,
                    "{child} ran out of money within a week of being paid in {m2}, and went "
                    "without food for two days before telling {host}.",
                    said_by="{host_label}",
                    when="{m2}",
                    how_often="Twice since the move",
                    effect="{child} missed three days of college and was embarrassed to ask "
                    "for help.",
                    how=K.TOLD_BY_CHILD,
                    view=V.AGREES,
                ),
                Item(
                    "h_account",
                    P.HARM,
                    "A man {child} met online asked to put money through {his} bank account "
                    "and offered {him} £200 to let him.",
                    said_by="{child_label}",
                    when="{m2}",
                    how_often="Once",
                    effect="{child} said no, but has been getting messages from him every day.",
                    how=K.TOLD_BY_CHILD,
                    view=V.AGREES,
                ),
                Remove("u_money"),
                Danger(
                    "d_money",
                    who="{child}, {host} and {worker}",
                    behaviour="people {child} hardly knows have been borrowing money from "
                    "{him}, and a man {he} met online keeps asking to use {his} bank account",
                    fear="{child} will be left without food or rent, lose {his} room, or "
                    "get into trouble with the police because someone else used {his} "
                    "account",
                    view=V.AGREES,
                ),
                Goal(
                    "g_money",
                    "d_money",
                    adults="{host} and {worker_first} will help {child} set a weekly budget, "
                    "and the bank will pay {his} rent straight to {host}",
                    child="{child} will have money for food every week, say no to lending "
                    "money, and tell someone if anyone asks to use {his} account",
                    who="{host}, the college and {worker_first}",
                    how_long="three months",
                ),
                Item(
                    "sa_said_no",
                    P.SAFETY,
                    "{child} said no to the man, told {worker_first} the same day and showed "
                    "{worker_first} the messages.",
                    said_by="{worker_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Step(
                    "n_block",
                    "Block and report the man's account, and tell the police",
                    "{child} and {worker}",
                    due=3,
                    goal="g_money",
                    done=2,
                ),
                Step(
                    "n_rent",
                    "Set up rent to be paid straight to {host}",
                    "{worker}",
                    due=7,
                    goal="g_money",
                    done=None,
                ),
                Step(
                    "n_weekly",
                    "Split {child}'s money into a weekly amount",
                    "{worker} and {child}",
                    due=7,
                    goal="g_money",
                    done=6,
                ),
            ),
            scores={
                "worker": (
                    4,
                    "{child} went without food and is being targeted online. {He} "
                    "told me straight away, which is why it isn't lower.",
                    "A month on the weekly budget with food every week.",
                ),
                "child": (
                    5,
                    "I was stupid with money. I didn't do what that man wanted.",
                    "Having money for the whole month.",
                ),
                "host": (
                    5,
                    "I'll keep an eye. {He} needs to talk to me sooner.",
                    "{child} asking before it runs out.",
                ),
                "tutor": (5, "Three days missed; {he} caught up.", "Full attendance."),
                "manager": (
                    4,
                    "A worrying approach, handled well by {child}.",
                    "The budget working.",
                ),
            },
            danger_scores={
                "d_money": {
                    "worker": (4, "Targeted online, and out of money.", "A month on budget."),
                    "child": (6, "I said no.", "Him stopping messaging."),
                },
            },
        ),
        Stage(
            week=282,
            occasion=O.MEETING,
            note="Pathway plan review.",
            ops=(
                Item(
                    "s_budget",
                    P.STRENGTH,
                    "{child} has kept to {his} weekly budget for two months and has £60 saved.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                ),
                Change("g_money", {"status": GS.AGREED}),
                Change("g_ready", {"status": GS.MET}),
                Step(
                    "n_driving",
                    "Look into the care leavers' fund for driving lessons",
                    "{worker}",
                    due=28,
                ),
            ),
            scores={
                "worker": (
                    7,
                    "Two months on budget and no more approaches.",
                    "Three months, then planning the next move.",
                ),
                "child": (8, "I've got savings!", "Driving lessons."),
                "host": (8, "Rent paid, food in, college every day.", "Keep going."),
                "foster": (8, "I'm proud of {him}.", "Nothing."),
                "manager": (7, "Good progress.", "Three months."),
            },
            danger_scores={
                "d_money": {
                    "worker": (
                        7,
                        "Two months on budget and no more approaches.",
                        "Three months on budget.",
                    ),
                    "child": (8, "I said no and I've got savings.", "Driving lessons."),
                },
            },
        ),
    ),
)

SCENARIOS = (KINSHIP, CARE_LEAVER)
