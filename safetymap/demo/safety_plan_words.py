# ruff: noqa: E501
"""The words of the demo council's safety plans: for each kind of worry in the demo
stories, the rules (in the adults' words and the child's), the warning signs and what
everyone will see when the plan works. `{child}`, `{carer}`, `{helper}`, `{dad}`,
`{stepdad}` and `{sib}` are filled in from the people on each case."""

from __future__ import annotations

from dataclasses import dataclass

# Who a rule names: the child's main carer, a safe adult from the family or friends, or the
# allocated worker.
CARER, HELPER, WORKER = "carer", "helper", "worker"


@dataclass(frozen=True)
class Rule:
    adult: str
    child: str
    how_checked: str
    how_often: str
    who: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    """The plan for one kind of worry, found by words in its danger statement."""

    words: tuple[str, ...]
    rules: tuple[Rule, ...]
    signs: tuple[tuple[str, str], ...]
    working: str
    not_working: str


THEMES: tuple[Theme, ...] = (
    Theme(
        ("drive",),
        (
            Rule(
                "{carer} will never drive with {child} in the car after any drink. If {carer} has had a drink, {helper} does the school run.",
                "Mum never drives me after she has had a drink. Then {helper} takes me.",
                "{helper} asks {child} at the weekend how {child} got to school each day, and tells the worker.",
                "Every weekend",
                (CARER, HELPER),
            ),
            Rule(
                "{child} is never left alone at night. If {carer} wants to go out, {child} goes to {helper}'s.",
                "I am never on my own at night. If Mum goes out I sleep at {helper}'s.",
                "The worker asks {child} on their own at each visit.",
                "Every visit (fortnightly)",
                (CARER, HELPER, WORKER),
            ),
        ),
        (
            (
                "{carer} cancelling plans with {helper} at short notice",
                "{helper} rings {carer} the same evening and goes round if there is no answer",
            ),
        ),
        "{child} says nobody drives after drinking and {child} is not left at night. School sees {child} arriving on time.",
        "{helper} has {child} to stay while the network meets to change the plan.",
    ),
    Theme(
        ("drinks", "drinking"),
        (
            Rule(
                "{carer} will not drink when {child} is at home. If {carer} has been drinking, {child} goes to {helper}'s for the night.",
                "Mummy won't have any wine or beer when I'm home. If she does, I go to {helper}'s.",
                "{helper} rings {carer} at 7pm every evening and can hear if she has been drinking; {child} has {helper}'s number on a card in school bag.",
                "Every evening",
                (CARER, HELPER),
            ),
            Rule(
                "{child} will not have to look after {carer}. If {carer} is unwell or asleep, {child} rings {helper}.",
                "It's not my job to look after Mum. If she won't wake up I ring {helper}.",
                "The worker asks {child} at school, on their own, and the class teacher notes if {child} is tired or late.",
                "Every week",
                (CARER, HELPER, WORKER),
            ),
        ),
        (
            (
                "{carer} not answering the phone at the 7pm call",
                "{helper} goes round straight away and takes {child} home with them",
            ),
            (
                "{child} arriving at school tired, late or without breakfast",
                "The class teacher tells the worker the same morning",
            ),
        ),
        "{helper}'s calls are answered, {child} is on time for school, and {child} says home is calm in the evenings.",
        "{child} stays with {helper} and the network meets within a week to look again at the plan.",
    ),
    Theme(
        ("heroin", "crack"),
        (
            Rule(
                "No drugs are ever used or kept in the flat. {carer} uses only the prescribed methadone, collected daily.",
                "No one takes drugs at home.",
                "The recovery service tests weekly and tells the worker; the health visitor visits unannounced.",
                "Weekly tests, visits twice a week",
                (CARER, WORKER),
            ),
            Rule(
                "A sober adult is always awake and caring for {child}. If neither parent is sober, {helper} comes to stay or takes {child}.",
                "There is always a grown-up awake who can look after me.",
                "{helper} visits every evening at bath time and stays if anyone seems under the influence.",
                "Every evening",
                (CARER, HELPER),
            ),
        ),
        (
            (
                "Missed methadone collection or a missed test",
                "The recovery worker tells the social worker the same day",
            ),
            (
                "Visitors the family does not know at the flat",
                "{helper} rings the worker and stays over",
            ),
        ),
        "Clear tests, {child} gaining weight, and {helper} finding everyone sober every evening.",
        "{child} stays with {helper} while the network meets and decides what needs to change.",
    ),
    Theme(
        ("family time",),
        (
            Rule(
                "{carer} confirms family time the day before. If {carer} has not confirmed by 6pm, family time is moved and {child} is told why, kindly.",
                "Mum will tell us the day before if she is coming. If she can't come, someone will tell me and it isn't my fault.",
                "The family time supervisor records whether family time was confirmed and went ahead.",
                "Each family time",
                (CARER, HELPER, WORKER),
            ),
            Rule(
                "Family time only goes ahead if {carer} is sober. {helper} checks on arrival and ends it calmly if not.",
                "Family time is only when Mum hasn't been drinking.",
                "{helper} notes how each family time went in the contact book.",
                "Each family time",
                (HELPER, WORKER),
            ),
        ),
        (
            (
                "{carer} arriving late or smelling of drink",
                "{helper} ends family time calmly, takes {child} inside and rings the worker",
            ),
        ),
        "Family time happens when it is planned and {child} comes back settled.",
        "Family time moves to the family centre with a supervisor until the network meets.",
    ),
    Theme(
        ("pushed", "shouts at", "hit her"),
        (
            Rule(
                "{dad} will not come to the house unless it is agreed with {carer} and {helper} is there.",
                "Dad only comes to our house when {helper} is there too.",
                "{helper} texts the worker after every visit; {carer} tells the worker about any other contact.",
                "Every visit",
                (CARER, HELPER),
            ),
            Rule(
                "If there is shouting, {child} goes to their room with the phone and rings {helper} or 999.",
                "If grown-ups shout, I go to my room and ring {helper}. If anyone gets hurt I ring 999.",
                "The worker practises the plan with {child} and asks if it has been needed.",
                "Every visit",
                (CARER, WORKER),
            ),
        ),
        (
            (
                "{dad} turning up without warning or sending lots of messages",
                "{carer} does not open the door, rings {helper} and, if he will not leave, the police",
            ),
            (
                "{child} not wanting to go home from school",
                "School talks to {child} and rings the worker that afternoon",
            ),
        ),
        "{carer} and {child} say they feel safe at home, and there are no police call-outs.",
        "{carer} and the children go to {helper}'s, and the network meets to make a new plan.",
    ),
    Theme(
        ("food", "nappy"),
        (
            Rule(
                "There will always be breakfast, lunch and tea in the house for {child}. {carer} shops on Mondays with {helper}.",
                "There is always food for me at home: breakfast, lunch and tea.",
                "{helper} looks in the cupboards and fridge on Monday and Thursday; nursery tells the worker if {child} seems hungry.",
                "Twice a week",
                (CARER, HELPER),
            ),
            Rule(
                "{child} goes to nursery every day in clean clothes, with a clean nappy for the baby at drop-off.",
                "I go to nursery every day in clean clothes.",
                "Nursery records attendance and how {child} arrives; the health visitor weighs the baby.",
                "Every day (nursery), fortnightly (weights)",
                (CARER, WORKER),
            ),
        ),
        (
            (
                "Nursery missed two days running",
                "The nursery manager rings {carer}, then the worker",
            ),
            (
                "{carer} saying she has no money for food",
                "{helper} takes her to the food bank and the worker checks her benefits",
            ),
        ),
        "{child} is at nursery every day, not hungry, and the baby is gaining weight.",
        "The network meets within a week; the worker and {carer} look again at what help she needs.",
    ),
    Theme(
        ("very low", "stays in bed"),
        (
            Rule(
                "When {carer} has a bad day, she tells {helper}, who gets {child} to school and makes tea.",
                "When Mum has a sad day, {helper} takes me to school and makes my tea.",
                "{helper} and {carer} text each other every morning by 8am.",
                "Every morning",
                (CARER, HELPER),
            ),
            Rule(
                "{carer} goes to every appointment with her GP and the mental health team.",
                "Mum goes to her doctor to help her feel better.",
                "{carer} tells the worker; the worker checks with the GP surgery monthly.",
                "Every month",
                (CARER, WORKER),
            ),
        ),
        (
            (
                "{carer} not replying to the morning text",
                "{helper} goes round and takes {child} to school",
            ),
            (
                "{carer} talking about not wanting to be here",
                "{helper} rings the crisis line with her, or 999",
            ),
        ),
        "{child} is in school every day and {carer} says she has people to turn to.",
        "{helper} has {child} to stay and the worker arranges an urgent review with the GP.",
    ),
    Theme(
        ("men in their twenties", "cash"),
        (
            Rule(
                "{child} will be home by 9pm, or will tell {carer} where they are and with whom.",
                "I'm home by 9, or I text Mum where I am and who I'm with.",
                "{carer} records each evening in the notebook and tells the worker about any night {child} was late.",
                "Every evening",
                (CARER,),
            ),
            Rule(
                "If {child} is missing for an hour after the agreed time, {carer} reports it to the police and tells the worker.",
                "If I'm not back and not answering, Mum will ring the police because she wants me safe.",
                "The worker reads the missing reports and has a return talk with {child}.",
                "Every time {child} is late",
                (CARER, WORKER),
            ),
        ),
        (
            (
                "New clothes, phones or cash {carer} cannot explain",
                "{carer} tells the worker the same day",
            ),
            (
                "{child} getting calls late at night",
                "{carer} notes the number and tells the police",
            ),
        ),
        "{child} is home every night, at school, and says the older men have stopped contacting them.",
        "A strategy discussion with the police, and the network meets to agree what else will keep {child} safe.",
    ),
    Theme(
        ("argue with", "grabbed"),
        (
            Rule(
                "The adults will not shout at or grab {child}. If a row starts, {stepdad} leaves the room and goes for a walk.",
                "No one will shout at me or grab me. If it gets loud, he goes for a walk.",
                "{child} tells the school counsellor each week how home has been.",
                "Every week",
                (CARER, WORKER),
            ),
            Rule(
                "After a row, {child} can go to {helper}'s, and will tell {helper} if they feel like hurting themselves.",
                "After a row I can go to {helper}'s, and I'll tell {helper} if I want to hurt myself.",
                "{helper} texts {child} every evening.",
                "Every evening",
                (HELPER,),
            ),
        ),
        (
            (
                "{child} going quiet and staying in their room",
                "{carer} asks gently and rings {helper}",
            ),
        ),
        "{child} says home is calmer, and there are no new marks or injuries.",
        "The network meets, and {child} stays with {helper} for a few days if {child} wants to.",
    ),
    Theme(
        ("cannot get out of bed without help", "caring"),
        (
            Rule(
                "The carers come at 7am and 6pm every day, so {child} does not have to help {carer} wash or dress.",
                "Carers help Mum in the morning and evening. That's their job, not mine.",
                "The care agency sends the visit log to the worker; {child} tells their form tutor if a visit was missed.",
                "Every week",
                (CARER, WORKER),
            ),
            Rule(
                "{helper} does the big shop every Saturday and takes {sib} to school on Mum's bad days.",
                "{helper} does the shopping and takes {sib} to school on Mum's bad days.",
                "{helper} and {child} tell the worker how the week went.",
                "Every week",
                (HELPER,),
            ),
        ),
        (
            (
                "{child} late for school or missing homework",
                "The form tutor talks to {child} and tells the worker",
            ),
        ),
        "{child} goes to school every day and has time for friends and the youth club.",
        "The worker asks for a new care assessment for {carer} and the network meets.",
    ),
    Theme(
        ("stopped going to school", "in {his} room", "room"),
        (
            Rule(
                "{carer} wakes {child} at 7.30 and {child} goes to school for the morning, with the pastoral lead meeting them at the gate.",
                "Mum wakes me at half seven and Miss meets me at the gate.",
                "The school rings {carer} by 9.30 if {child} has not arrived.",
                "Every school day",
                (CARER, WORKER),
            ),
            Rule(
                "{child} comes out of their room for tea with the family every evening.",
                "I come downstairs for tea every night.",
                "{carer} keeps a simple chart and shows the worker.",
                "Every evening",
                (CARER,),
            ),
        ),
        (
            (
                "{child} saying they feel ill every morning",
                "{carer} rings the school and they agree a shorter day rather than none",
            ),
        ),
        "{child} is in school most mornings and eats with the family.",
        "The school and the worker meet {carer} and {child} to try another way.",
    ),
    Theme(
        ("bruise", "grip-mark"),
        (
            Rule(
                "{child} is only ever cared for by {carer} or {helper}. {child} is never left with anyone else.",
                "Only Mummy or {helper} look after me.",
                "{helper} visits every day, and the health visitor checks {child}'s skin at each visit.",
                "Every day",
                (CARER, HELPER),
            ),
            Rule(
                "When {child} cries and the adult feels stressed, they put {child} safely in the cot and ring {helper}.",
                "If I cry a lot, the grown-up puts me safe in my cot and rings for help.",
                "The worker asks {carer} and {helper} how the week's crying was handled.",
                "Every visit",
                (CARER, HELPER, WORKER),
            ),
        ),
        (
            (
                "Any mark or bruise on {child}",
                "{carer} takes {child} to the GP the same day and tells the worker",
            ),
        ),
        "No marks on {child}, and the adults can say what they did when {child} would not settle.",
        "{child} stays with {helper} while a strategy discussion is held.",
    ),
    Theme(
        ("money", "bank account"),
        (
            Rule(
                "{child} will not lend money or let anyone use their bank card or account.",
                "I don't lend money or let anyone use my card.",
                "{child} and the personal adviser look at the bank statement together.",
                "Every fortnight",
                (WORKER,),
            ),
            Rule(
                "Rent and food are paid first on payday, with {helper} there.",
                "Rent and food first, on payday, with {helper}.",
                "{helper} checks the rent account with {child} every payday.",
                "Every payday",
                (HELPER,),
            ),
        ),
        (
            (
                "Someone new asking {child} for money or favours",
                "{child} tells {helper} or the personal adviser that day",
            ),
        ),
        "Rent is paid and {child} has food all week.",
        "The personal adviser and {child} go through the plan again and the bank is told.",
    ),
    Theme(
        ("moves out", "no adult at home"),
        (
            Rule(
                "{child} will cook three meals a week with {helper} until moving out.",
                "I cook with {helper} three times a week.",
                "{helper} tells the personal adviser how it is going.",
                "Every week",
                (HELPER,),
            ),
            Rule(
                "{child} will set their own alarm and get to college on time.",
                "I get myself up for college.",
                "College sends attendance to the personal adviser.",
                "Every fortnight",
                (WORKER,),
            ),
        ),
        (
            (
                "Missing college two days in a week",
                "The personal adviser rings {child} the same week",
            ),
        ),
        "{child} gets to college, cooks for themselves and knows who to ring.",
        "{child} stays on in the placement a little longer while the plan is changed.",
    ),
)
FALLBACK = Theme(
    (),
    (
        Rule(
            "{carer} will do what the danger statement says is needed, and tell {helper} if it gets hard.",
            "Mum will keep me safe, and {helper} will help.",
            "The worker talks to {carer}, {helper} and {child} at each visit.",
            "Every visit",
            (CARER, HELPER, WORKER),
        ),
    ),
    (),
    "{child} and the adults say things are better.",
    "The network meets to change the plan.",
)
