"""Babies: bruising with a disputed explanation, and parents using drugs with a newborn."""

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
from safetymap.mapping.models import GoalStatus as GS
from safetymap.mapping.models import HowWeKnow as K
from safetymap.mapping.models import Occasion as O
from safetymap.mapping.models import Part as P

INJURED_BABY = Scenario(
    key="injured_baby",
    about="Bruising to a 4-month-old; parents say a sibling climbed into the cot; the family "
    "dispute the worry; CP throughout, wide spread of scores.",
    child_sex="any",
    child_age_months=(3, 5),
    picks={"side": ("left", "right"), "marks": ("three", "four")},
    members=(
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(20, 32),
            lives_with_child=True,
            parental_responsibility=True,
        ),
        Member(
            "dad",
            R.FATHER,
            sex="m",
            age_months=years(22, 35),
            lives_with_child=True,
            parental_responsibility=True,
        ),
        Member(
            "sib",
            R.SIBLING,
            "older brother or sister",
            sex="any",
            age_months=(28, 40),
            lives_with_child=True,
            generation="child",
        ),
        Member(
            "gran",
            R.GRANDPARENT,
            "maternal grandmother",
            sex="f",
            age_months=years(46, 60),
            generation="grandparent",
        ),
        Member(
            "grandad",
            R.GRANDPARENT,
            "maternal grandfather",
            sex="m",
            age_months=years(48, 64),
            generation="grandparent",
        ),
        Member(
            "paed",
            R.PROFESSIONAL,
            "consultant paediatrician",
            sex="any",
            surname="own",
            organisation="Eastbrook General Hospital",
        ),
        Member(
            "hv",
            R.PROFESSIONAL,
            "health visitor",
            sex="f",
            surname="own",
            organisation="Eastbrook Community Health",
        ),
    ),
    levels=(
        (
            0,
            L.CHILD_PROTECTION,
            "Strategy discussion after {child}, aged {age_months} months, was seen at hospital "
            "with bruises to {his} {side} cheek and upper arm. The paediatrician said the marks "
            "were most likely caused by an adult's grip. The child protection conference agreed "
            "a plan.",
        ),
    ),
    stages=(
        Stage(
            week=1,
            occasion=O.MEETING,
            note="First map at the child protection conference.",
            ops=(
                Item(
                    "h_bruise",
                    P.HARM,
                    "{child} had {marks} small round bruises on {his} {side} upper arm and a "
                    "bruise on {his} {side} cheek when {mum} took {him} to the GP in "
                    "{open_month}. {child} is {age_months} months old and cannot roll over "
                    "yet.",
                    said_by="{paed_label}",
                    when="{open_month}",
                    how_often="Once",
                    effect="{child} was unsettled and cried when {his} arm was touched. "
                    "X-rays found no broken bones.",
                    how=K.SEEN,
                    view=V.DISAGREES,
                    words="{mum}: nobody hurt {him}. {sib} climbed in the cot and lay on {him}.",
                ),
                Item(
                    "c_story",
                    P.COMPLICATING,
                    "{mum} and {dad} say {sib} climbed into the cot and lay on {child}. The "
                    "paediatrician says the pattern of marks does not fit that.",
                    said_by="{paed_label}",
                    view=V.DISAGREES,
                    words="{dad}: the doctors weren't there. We were.",
                ),
                Item(
                    "c_tired",
                    P.COMPLICATING,
                    "{child} has had colic since birth and cries for hours most evenings. "
                    "{dad} has just started a new job with early starts.",
                    said_by="{hv_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_gp",
                    P.STRENGTH,
                    "{mum} took {child} to the GP as soon as she saw the bruises.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_care",
                    P.STRENGTH,
                    "{child} is well fed, clean and growing well, and all health checks have "
                    "been on time.",
                    said_by="{hv_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_grandparents",
                    P.STRENGTH,
                    "{gran} and {grandad} live nearby and have offered to have the children "
                    "stay with them.",
                    said_by="{gran_label}",
                    view=V.AGREES,
                ),
                Item(
                    "sa_night",
                    P.SAFETY,
                    "{dad} says that on nights when {child} cried for hours he handed "
                    "{him} to {mum} and went outside to calm down.",
                    said_by="{dad_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Item(
                    "u_how",
                    P.UNSURE,
                    "How the bruises happened. The paediatrician's view and the parents' "
                    "explanation do not match, and the police have not finished their "
                    "enquiries.",
                    said_by="{worker_label}",
                ),
                Item(
                    "u_cot",
                    P.UNSURE,
                    "Whether {sib} could climb into the cot: the sides are 70cm high.",
                    said_by="{worker_label}",
                    chance=0.7,
                ),
                Danger(
                    "d_bruise",
                    who="The hospital, the health visitor and {worker}",
                    behaviour="{child} was found with grip-mark bruises on {his} arm and a "
                    "bruise on {his} cheek at {age_months} months old, and the adults "
                    "caring for {him} have not given an explanation that the doctors think "
                    "fits",
                    fear="{child} could be hurt again, more seriously, because {he} is too "
                    "young to move away or tell anyone",
                    view=V.DISAGREES,
                    words="{mum}: we would never hurt our baby.",
                    dispute="{mum} and {dad} say the bruises happened when {sib} climbed "
                    "into the cot. They do not accept that an adult hurt {child}.",
                ),
                Goal(
                    "g_network",
                    "d_bruise",
                    adults="{mum} and {dad} will build a safety plan with {gran} and "
                    "{grandad} so that {child} is never cared for by anyone who is "
                    "overwhelmed, and someone from the family sees {child} every day",
                    child="{child} will be handled gently, with no marks or bruises, and "
                    "comforted when {he} cries",
                    who="The health visitor, {gran}, {grandad} and {worker_first}",
                    how_long="six months, including three months with the children back at home",
                ),
                Item(
                    "b_stay",
                    P.BOTTOM_LINE,
                    "{child} and {sib} live with {gran} and {grandad}. {mum} and {dad} see "
                    "them every day there, with {gran} or {grandad} in the room, until "
                    "everyone agrees a safety plan for the children going home.",
                    reason="A baby too young to move had bruises that the doctors think an "
                    "adult caused, and we do not yet know how.",
                    said_by="{manager_label}",
                    view=V.DISAGREES,
                    words="{dad}: we're being punished for something we didn't do.",
                ),
                Step(
                    "n_checks",
                    "Check {child} for marks at every visit and write down what is seen",
                    "{gran} and {hv_full}",
                    due=7,
                    goal="g_network",
                    done=7,
                ),
                Step(
                    "n_network",
                    "Hold the first family network meeting",
                    "{worker}",
                    due=14,
                    goal="g_network",
                    done=13,
                ),
                Step("n_cot", "Look at the cot with {mum} and {dad}", "{worker}", due=10, done=8),
            ),
            scores={
                "worker": (
                    2,
                    "A baby who can't move has grip marks and we don't know how. It's "
                    "not lower because the children are safe with {gran} and {grandad} "
                    "and {mum} and {dad} have agreed to that.",
                    "A network meeting with a plan everyone signs up to.",
                ),
                "mum": (
                    9,
                    "Our children are safe with us. This was an accident.",
                    "Being believed.",
                ),
                "dad": (
                    8,
                    "We've done nothing wrong. We're doing what you say anyway.",
                    "The kids coming home.",
                ),
                "gran": (
                    6,
                    "I can't believe they'd hurt {him}, but I'll do whatever keeps {him} safe.",
                    "Knowing what happened.",
                ),
                "paed": (
                    2,
                    "These are inflicted injuries in a non-mobile baby.",
                    "A plan that shows who will be with {child} at all times.",
                ),
                "hv": (
                    4,
                    "{child} is thriving and well cared for apart from the bruising.",
                    "Family checks working for a month.",
                ),
                "manager": (
                    2,
                    "Unexplained injuries to a baby.",
                    "The network's plan in place and tested.",
                ),
            },
            danger_scores={
                "d_bruise": {
                    "worker": (2, "No explanation that fits.", "A tested safety plan."),
                    "mum": (9, "It was an accident.", "Being believed."),
                    "paed": (2, "Inflicted injury.", "A plan with constant supervision."),
                },
            },
        ),
        Stage(
            week=6,
            occasion=O.MEETING,
            note="Family network meeting: the first safety plan.",
            ops=(
                Item(
                    "s_network",
                    P.STRENGTH,
                    "Eight people came to the network meeting, including {dad}'s brother and "
                    "{mum}'s best friend, and each has a job in the plan.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_checks",
                    P.STRENGTH,
                    "{gran} has checked {child} every morning and evening and no marks have "
                    "been seen.",
                    said_by="{gran_label}",
                    view=V.AGREES,
                ),
                Remove("u_cot"),
                Change("g_network", {"status": GS.AGREED}),
                Step(
                    "n_words",
                    "Write the words and pictures story for {sib}",
                    "{worker}, {mum} and {dad}",
                    due=21,
                    done=25,
                ),
                Step(
                    "n_crying",
                    "Go to the crying baby course at the family hub",
                    "{mum} and {dad}",
                    due=21,
                    goal="g_network",
                    done=20,
                ),
            ),
            scores={
                "worker": (
                    3,
                    "A strong network and a plan, and no new marks.",
                    "The plan working for a month.",
                ),
                "mum": (9, "We're doing everything.", "The kids home."),
                "dad": (9, "Everyone knows we're good parents.", "The kids home."),
                "gran": (
                    7,
                    "The plan is good and we all know our jobs.",
                    "The kids going home with us checking.",
                ),
                "hv": (5, "The family are doing what's asked.", "A month of checks."),
                "manager": (3, "Good start.", "A month."),
            },
        ),
        Stage(
            week=14,
            occasion=O.MEETING,
            note="Core group: the children go home under the safety plan.",
            ops=(
                Item(
                    "s_home",
                    P.STRENGTH,
                    "The children went home in {m2}. {gran} visits every morning, {grandad} "
                    "every evening, and nobody has seen any marks.",
                    said_by="{grandad_label}",
                    view=V.AGREES,
                ),
                Item(
                    "sa_call",
                    P.SAFETY,
                    "On a night in {m2} when {child} would not stop crying, {dad} put {him} "
                    "in the cot, rang {grandad} and waited outside the room until he came.",
                    said_by="{dad_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
                Change(
                    "b_stay",
                    {
                        "text": "{mum} and {dad} are not alone with {child} for more than a few "
                        "hours. {gran} or {grandad} visit twice a day, and anyone who feels "
                        "overwhelmed puts {child} down and rings the next person on the plan.",
                        "reason": "We still do not know how {child} was hurt, so the plan needs "
                        "to show it works before anyone steps back.",
                    },
                ),
                Step("n_review", "Prepare for the review conference", "{worker}", due=28),
            ),
            scores={
                "worker": (
                    5,
                    "The children are home and the plan was used on a hard night.",
                    "Three months at home with the plan holding.",
                ),
                "mum": (9, "We're a family again.", "Not having social workers."),
                "dad": (9, "I used the plan. It works.", "Closing."),
                "gran": (8, "I see them every day. They're happy.", "Fewer visits."),
                "hv": (6, "Thriving and no marks.", "Three more months."),
                "paed": (
                    4,
                    "My view on the injuries has not changed, but the plan is strong.",
                    "The plan lasting.",
                ),
                "manager": (5, "Going well.", "Three months."),
            },
            danger_scores={
                "d_bruise": {
                    "worker": (5, "Plan working at home.", "Three months."),
                    "mum": (9, "It was always an accident.", "Closing."),
                    "paed": (4, "The plan is strong.", "It lasting."),
                },
            },
        ),
        Stage(
            week=24,
            occasion=O.MEETING,
            note="Review conference.",
            ops=(
                Change(
                    "u_how",
                    {
                        "text": "How the bruises happened. The police have closed "
                        "their enquiry without charges; the paediatrician's view is "
                        "unchanged."
                    },
                ),
                Item(
                    "s_sib",
                    P.STRENGTH,
                    "{sib} talks about \u201cnanny's rules\u201d and knows who to tell if "
                    "someone is cross with the baby.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                ),
                Step(
                    "n_step_down",
                    "Plan stepping down the visits to once a day",
                    "{worker} and {gran}",
                    due=21,
                    goal="g_network",
                ),
            ),
            scores={
                "worker": (
                    6,
                    "Ten weeks at home, plan used, no marks.",
                    "The plan carrying on with fewer checks.",
                ),
                "mum": (9, "Our kids are fine.", "Ending this."),
                "dad": (9, "We've proved it.", "Ending this."),
                "gran": (8, "I'm happy.", "Once a day visits."),
                "hv": (7, "Healthy, happy children.", "Nothing more."),
                "paed": (5, "Stable.", "Six months with no concerns."),
                "manager": (6, "Continue the plan for three more months.", "Three months more."),
            },
            danger_scores={
                "d_bruise": {
                    "worker": (
                        6,
                        "Ten weeks at home with no marks and the plan used.",
                        "The plan holding with fewer checks.",
                    ),
                    "mum": (9, "Nobody ever hurt {him}.", "Ending this."),
                    "paed": (
                        5,
                        "The plan is strong; my view of the injuries is the same.",
                        "Six months with no concerns.",
                    ),
                },
            },
        ),
    ),
)


DRUGS_BABY = Scenario(
    key="drugs_baby",
    about="Parents using heroin and crack with a newborn; CP -> looked after with an aunt.",
    child_sex="any",
    child_age_months=(0, 0),
    picks={"n_needles": ("two", "three")},
    members=(
        Member(
            "mum",
            R.MOTHER,
            sex="f",
            age_months=years(24, 36),
            lives_with_child=True,
            parental_responsibility=True,
        ),
        Member(
            "dad",
            R.FATHER,
            sex="m",
            age_months=years(26, 40),
            lives_with_child=True,
            parental_responsibility=True,
            surname="own",
        ),
        Member(
            "aunt", R.AUNT_UNCLE, "maternal aunt", sex="f", age_months=years(28, 44), surname="own"
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
            L.CHILD_PROTECTION,
            "Child protection conference when {child} was a few weeks old, after {child} needed "
            "treatment on the baby unit for withdrawal and {mum} tested positive for heroin on "
            "top of her methadone.",
        ),
        (
            20,
            L.LOOKED_AFTER,
            "{child} went to live with {aunt}, as a family foster carer, under an interim care "
            "order after {mum} and {dad} were found asleep and could not be woken, with {child} "
            "crying in the cot and used needles in the living room.",
        ),
    ),
    stages=(
        Stage(
            week=2,
            occasion=O.MEETING,
            note="First map at the child protection conference.",
            ops=(
                Item(
                    "h_withdrawal",
                    P.HARM,
                    "{child} spent ten days on the baby unit after birth being treated for "
                    "withdrawal from the heroin and methadone {mum} took while pregnant.",
                    said_by="{hv_label}",
                    when="At birth",
                    how_often="Once",
                    effect="{child} was shaking, could not feed and cried constantly; {he} "
                    "still feeds slowly.",
                    how=K.AGENCY_REPORT,
                    view=V.AGREES,
                    words="I tried to stop. I couldn't. I'm on my script now.",
                ),
                Item(
                    "h_dad",
                    P.HARM,
                    "{dad} smokes crack cocaine in the flat, he says in the bathroom with the "
                    "window open.",
                    said_by="{dad_label}",
                    when="Since before {child} was born",
                    how_often="Most weekends",
                    effect="{child} is in the flat when it happens.",
                    how=K.TOLD_BY_PARENT,
                    view=V.PARTLY,
                    words="Never near the baby.",
                ),
                Item(
                    "c_history",
                    P.COMPLICATING,
                    "{mum}'s first child lives with his dad after {mum} could not stop using "
                    "when he was small.",
                    said_by="{worker_label}",
                    view=V.AGREES,
                ),
                Item(
                    "c_flat",
                    P.COMPLICATING,
                    "People who use drugs with {dad} know where the flat is and call round.",
                    said_by="{recovery_label}",
                    view=V.PARTLY,
                ),
                Item(
                    "s_script",
                    P.STRENGTH,
                    "{mum} collects her methadone every day and has gone to every antenatal "
                    "and postnatal appointment.",
                    said_by="{recovery_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_love",
                    P.STRENGTH,
                    "{mum} and {dad} are gentle with {child} and want to be good parents.",
                    said_by="{hv_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_aunt",
                    P.STRENGTH,
                    "{aunt} has two children of her own, a spare room and has said she "
                    "will help however she can.",
                    said_by="{aunt_label}",
                    view=V.AGREES,
                ),
                Danger(
                    "d_drugs",
                    who="The health visitor, the recovery service and {worker}",
                    behaviour="{mum} uses heroin on top of her methadone and {dad} smokes "
                    "crack in the flat, and both can be too out of it to wake when "
                    "{child} cries",
                    fear="{child} will go hungry or be dropped, will be hurt by something "
                    "left lying around, or will not be woken up to if {he} is ill",
                    view=V.PARTLY,
                    words="{mum}: I'm trying. {dad}: we're careful.",
                ),
                Goal(
                    "g_clean",
                    "d_drugs",
                    adults="{mum} will take only her prescribed methadone, {dad} will stop "
                    "using crack, and one sober adult will always be awake and in charge of "
                    "{child}",
                    child="{child} will be fed, held and woken up to, every day and night",
                    who="The recovery service, the health visitor and {aunt}",
                    how_long="six months, with clear drug tests",
                    status=GS.AGREED,
                ),
                Item(
                    "b_tests",
                    P.BOTTOM_LINE,
                    "{mum} and {dad} have drug tests every two weeks. If either is using, "
                    "{child} stays with {aunt} that night.",
                    reason="A baby cannot be looked after by someone who is out of it.",
                    said_by="{manager_label}",
                    view=V.AGREES,
                ),
                Step(
                    "n_tests",
                    "Arrange tests every two weeks at the recovery service",
                    "{recovery_full}",
                    due=7,
                    goal="g_clean",
                    done=7,
                ),
                Step(
                    "n_dad_service",
                    "Go to the recovery service for his own assessment",
                    "{dad}",
                    due=14,
                    goal="g_clean",
                    done=None,
                ),
            ),
            scores={
                "worker": (
                    2,
                    "{child} needed hospital treatment for withdrawal and both "
                    "parents are still using. It's not lower because {mum} is on her "
                    "script and {aunt} is ready to help.",
                    "Two clear tests in a row for {mum}, and {dad} at the service.",
                ),
                "mum": (6, "I'm doing my script and I love {him}.", "Clean tests."),
                "dad": (7, "The baby is fine with us.", "You leaving us alone."),
                "aunt": (4, "I love my sister but I'm scared for the baby.", "Her staying clean."),
                "hv": (3, "{child} is small and a slow feeder.", "Weight going up."),
                "recovery": (3, "{mum} is still using on top.", "Clear tests."),
                "manager": (2, "High risk for a newborn.", "Clear tests."),
            },
            danger_scores={
                "d_drugs": {
                    "worker": (2, "Both using with a newborn.", "Clear tests."),
                    "mum": (6, "I'm on my script.", "Clean tests."),
                },
            },
        ),
        Stage(
            week=10,
            occasion=O.MEETING,
            note="Core group: mixed test results.",
            ops=(
                Item(
                    "s_clear",
                    P.STRENGTH,
                    "{mum}'s last three tests were clear of heroin.",
                    said_by="{recovery_label}",
                    view=V.AGREES,
                ),
                Item(
                    "c_dad_tests",
                    P.COMPLICATING,
                    "{dad} has missed two tests and has not been to the recovery service.",
                    said_by="{recovery_label}",
                    view=V.DISAGREES,
                    words="I've been working.",
                ),
                Item(
                    "sa_aunt_nights",
                    P.SAFETY,
                    "When {dad} came home high in {m1}, {mum} took {child} to {aunt}'s for "
                    "the night.",
                    said_by="{aunt_label}",
                    danger_present=True,
                    view=V.AGREES,
                ),
            ),
            scores={
                "worker": (
                    3,
                    "{mum} is doing well but {dad} is avoiding tests.",
                    "{dad} testing clear.",
                ),
                "mum": (
                    7,
                    "I'm clean. I took {child} to my sister's when I had to.",
                    "{dad} sorting himself out.",
                ),
                "dad": (7, "I'm fine.", "Everyone backing off."),
                "aunt": (5, "{mum} is trying hard. {dad} isn't.", "Him going to the service."),
                "recovery": (4, "{mum} yes, {dad} no.", "{dad} testing."),
                "manager": (3, "Mixed.", "{dad} engaging."),
            },
        ),
        Stage(
            week=20,
            occasion=O.MEETING,
            note="Map updated after {child} went to live with {aunt}.",
            ops=(
                Item(
                    "h_asleep",
                    P.HARM,
                    "In {m2} police were called by a neighbour. They found {mum} and {dad} "
                    "asleep and could not wake them. {child} was in the cot crying, in a "
                    "soaked nappy, and there were {n_needles} used needles on the living room "
                    "floor.",
                    said_by="Police report",
                    when="{m2}",
                    how_often="Once",
                    effect="{child} had not been fed for around eight hours and had nappy burns.",
                    how=K.AGENCY_REPORT,
                    view=V.AGREES,
                    words="{mum}: I've let {him} down. I want {him} with my sister.",
                ),
                Remove("s_clear"),
                Change(
                    "d_drugs",
                    {
                        "who_is_worried": "{aunt}, the health visitor, the recovery service and "
                        "{worker}",
                        "statement": "",
                    },
                ),
                Danger(
                    "d_family_time",
                    who="{aunt} and {worker}",
                    behaviour="{mum} and {dad} have turned up to family time at {aunt}'s "
                    "after using, and {dad} has shouted at {aunt} on the doorstep",
                    fear="{child} will be frightened and unsettled, and {aunt} may not feel "
                    "able to keep caring for {him}",
                    view=V.PARTLY,
                    words="{dad}: I was upset, not high.",
                ),
                Goal(
                    "g_settled",
                    "d_family_time",
                    adults="{mum} and {dad} will come to family time sober and on time, and "
                    "{aunt} will end it calmly if they are not",
                    child="{child} will stay settled with {aunt}, and see {his} mum and dad "
                    "when they are well",
                    who="{aunt} and {worker_first}",
                    how_long="three months",
                    status=GS.AGREED,
                ),
                Change(
                    "b_tests",
                    {
                        "text": "Family time happens at {aunt}'s, twice a week, and stops if {mum} "
                        "or {dad} arrives after using.",
                        "reason": "{child} needs family time that is safe and calm.",
                    },
                ),
                Step("n_court", "Write the statement for court", "{worker}", due=21, done=20),
                Step(
                    "n_aunt_assess",
                    "Start {aunt}'s assessment as {child}'s family foster carer",
                    "Fostering team",
                    due=14,
                    done=14,
                ),
            ),
            scores={
                "worker": (
                    4,
                    "{child} is safe and settled with {aunt}. Family time has gone wrong twice.",
                    "Family time calm for a month.",
                ),
                "mum": (
                    5,
                    "{child} is safe with my sister. I'm back on my script.",
                    "Getting clean for {him}.",
                ),
                "dad": (4, "They took my baby.", "Getting {him} back."),
                "aunt": (
                    6,
                    "{child} is feeding well and sleeping. I'm tired but we're OK.",
                    "Calm family time.",
                ),
                "hv": (6, "{child} has put on weight since moving.", "Keep going."),
                "manager": (4, "Safe now; family time needs to settle.", "A month of calm."),
            },
            danger_scores={
                "d_family_time": {
                    "worker": (4, "Two sessions went wrong.", "A month calm."),
                    "aunt": (5, "I can handle it but I don't like it.", "Them sober."),
                },
            },
        ),
        Stage(
            week=34,
            occasion=O.MEETING,
            note="Review for {child}, who lives with {aunt}.",
            ops=(
                Item(
                    "s_settled",
                    P.STRENGTH,
                    "{child} is settled with {aunt}, smiles when {he} sees her and is on "
                    "track at every health check.",
                    said_by="{hv_label}",
                    view=V.AGREES,
                ),
                Item(
                    "s_mum_sober",
                    P.STRENGTH,
                    "{mum} has come to every family time sober since {m2} and reads to {child}.",
                    said_by="{aunt_label}",
                    view=V.AGREES,
                ),
                Change(
                    "c_dad_tests",
                    {
                        "text": "{dad} has moved out of the flat and has not "
                        "come to family time since {m2}."
                    },
                ),
                Change("g_settled", {"status": GS.MET}),
                Step(
                    "n_life", "Start a life story book for {child}", "{worker} and {aunt}", due=30
                ),
            ),
            scores={
                "worker": (
                    7,
                    "{child} is thriving with {aunt} and family time is calm.",
                    "A long-term plan agreed in court.",
                ),
                "mum": (6, "I'm doing well but I miss {him} every day.", "More family time."),
                "aunt": (8, "{child} is part of our family now.", "Knowing the long-term plan."),
                "hv": (8, "Thriving.", "Nothing."),
                "manager": (7, "Settled.", "The final hearing."),
            },
            danger_scores={
                "d_drugs": {
                    "worker": (
                        4,
                        "{mum} is doing well; {dad} is not in touch.",
                        "{mum} clear for six months.",
                    ),
                    "mum": (7, "I'm clean and I go to every family time.", "More family time."),
                },
                "d_family_time": {
                    "worker": (7, "Family time is calm every week.", "Keep it that way."),
                    "aunt": (8, "{mum} comes sober every time.", "Longer visits."),
                },
            },
        ),
    ),
)

SCENARIOS = (INJURED_BABY, DRUGS_BABY)
