"""The starter glossary: every term and abbreviation the practice guide lists, and others
common in UK children's services. A council administrator changes, retires or adds to it
(Plain language glossary). Examples are fictional.

Each row: term, other forms (one a line), kind, what to say instead, why.
"""

from django.db import migrations

LABEL, JARGON, ACRONYM = "label", "jargon", "acronym"

WHY_ACRONYM = (
    "Families and children do not know our abbreviations, and few will ask. Use the words, "
    "or write them in full the first time with the letters after them in brackets."
)

STARTER_TERMS = [
    # --- Labels: say what happened instead ------------------------------------------------
    (
        "neglect",
        "neglectful\nneglectful parenting",
        LABEL,
        "there was no food in the house on three days in March and Amy told nursery she was "
        "hungry",
        "'Neglect' is a judgement, not something anyone saw. Families hear blame and stop "
        "listening; saying what happened lets everyone see the same worry.",
    ),
    (
        "domestic violence",
        "domestic abuse\nDV\nDA",
        LABEL,
        "Dad pushed Mum against the kitchen wall while Kian was in the room",
        "These words cover everything from shouting to serious injury. Say what each adult "
        "did, when, and where the children were.",
    ),
    (
        "substance misuse",
        "substance abuse\ndrug misuse\nalcohol misuse",
        LABEL,
        "Mum drank most of a bottle of vodka each evening and could not wake up to take Amy "
        "to school",
        "Say what was taken, how much, and what it meant for the child.",
    ),
    (
        "non-engagement",
        "not engaging\nfailure to engage\ndisengaged\nnon-compliance",
        LABEL,
        "Dad did not come to three of the last five meetings and did not answer the phone on "
        "4 and 11 May",
        "'Not engaging' blames the parent without saying what happened or why. Say what was "
        "missed and what the parent said about it.",
    ),
    (
        "hard to reach",
        "",
        LABEL,
        "we have not yet found a time to meet that fits around Mum's night shifts",
        "It says the family is the problem. Say what we tried and what got in the way.",
    ),
    (
        "disguised compliance",
        "",
        LABEL,
        "Mum said Dad had moved out, but his van was outside the house on four mornings in "
        "June",
        "It accuses without saying what was seen. Say what the parent said and what was seen.",
    ),
    (
        "chaotic",
        "",
        LABEL,
        "there was no set bedtime and the children were up past midnight on school nights",
        "'Chaotic' says nothing a family can change. Describe what a day is like for the child.",
    ),
    (
        "inappropriate",
        "inappropriately",
        LABEL,
        "Dad swore at Kian and called him stupid in front of his friends",
        "Say what was done or said, and why it worried you.",
    ),
    (
        "volatile",
        "volatile relationship",
        LABEL,
        "Mum and Dad argue most nights, and the police were called twice in April",
        "Say what happens when the adults argue, how often, and what the children see and hear.",
    ),
    (
        "toxic trio",
        "",
        LABEL,
        "Mum drinks every evening, feels very low, and Dad hits her when they argue",
        "It reduces a family to a list of problems. Say what happens and how it affects the "
        "child.",
    ),
    (
        "lack of boundaries",
        "no boundaries",
        LABEL,
        "Kian goes to bed when he likes and is out on his own after dark",
        "Say what the child is allowed to do that worries you.",
    ),
    (
        "failure to protect",
        "failed to protect",
        LABEL,
        "Mum let Lee stay the night after he hurt Amy, although she had agreed he would not",
        "Say what the parent did or did not do, and what happened to the child.",
    ),
    (
        "emotional abuse",
        "",
        LABEL,
        "Dad tells Kian he is useless and stupid most days, and Kian has stopped talking at "
        "home",
        "Say what is said or done to the child, and how the child is affected.",
    ),
    (
        "unkempt",
        "",
        LABEL,
        "Kian came to school in the same dirty clothes every day last week",
        "Say what was seen, and when.",
    ),
    (
        "poor home conditions",
        "poor living conditions",
        LABEL,
        "there was rubbish on the floor of every room and the toilet did not flush",
        "Say what was seen in the home and why it matters for the child.",
    ),
    (
        "mental health issues",
        "mental health problems",
        LABEL,
        "Mum has felt very low since January and stays in bed most days",
        "Say what the parent is going through and what it means for the child.",
    ),
    (
        "attachment issues",
        "attachment difficulties",
        LABEL,
        "Amy finds it hard to trust adults and goes off with people she does not know",
        "Say what the child does and what it tells us they need.",
    ),
    # --- Jargon: use everyday words --------------------------------------------------------
    (
        "presenting as",
        "presents as\npresented as",
        JARGON,
        "say what you saw, for example 'Amy was quiet and kept her coat on all afternoon'",
        "Say what the child did or looked like.",
    ),
    (
        "good enough parenting",
        "good enough parent",
        JARGON,
        "say what the parent does each day that keeps the child safe and well, for example "
        "'Mum gets Amy to school on time and cooks her tea every day'",
        "Families do not know what 'good enough' means, and it sounds like a low bar.",
    ),
    (
        "significant harm",
        "",
        JARGON,
        "say what happened to the child and how it affected them, for example 'Kian had a "
        "bruise on his cheek and told his teacher he was scared to go home'",
        "It is the legal test for child protection, and frightening to read without knowing "
        "what it refers to.",
    ),
    (
        "LAC",
        "looked after child\nlooked after children\nCLA",
        JARGON,
        "children in care, or just the child's name",
        "Children in care have told councils they hate being called 'LAC'. Most councils say "
        "'children in care'.",
    ),
    (
        "contact",
        "contact arrangements\nsupervised contact",
        JARGON,
        "family time, for example 'family time with Dad at the family centre on Saturdays'",
        "Many councils and families say 'family time': 'contact' sounds like an appointment, "
        "not time with people you love. If you mean getting in touch, ignore this.",
    ),
    (
        "placement",
        "",
        JARGON,
        "the home where the child lives, for example 'living with foster carers Sue and Dev'",
        "Children say 'placement' makes their home sound temporary and official.",
    ),
    (
        "concern",
        "",
        JARGON,
        "worry, and say who is worried and what about",
        "Say who is worried and what about: 'we are worried that ...' is clearer than "
        "'there are concerns'.",
    ),
    (
        "strategy discussion",
        "strategy meeting",
        JARGON,
        "a meeting between social workers, police and health staff to decide what to do next",
        "Say who met and what they decided.",
    ),
    (
        "threshold",
        "",
        JARGON,
        "say how worried we are, for example 'we are worried enough that a social worker "
        "needs to be involved'",
        "Families cannot see a threshold. Say what would need to change.",
    ),
    (
        "care proceedings",
        "",
        JARGON,
        "going to the family court for a judge to decide what is safest for the child",
        "Say what the court will decide and when.",
    ),
    (
        "respite",
        "respite care",
        JARGON,
        "short breaks, for example 'Amy stays with Nan every other weekend'",
        "Say who the child stays with, and when.",
    ),
    (
        "parenting capacity",
        "",
        JARGON,
        "say what the parent does well and what gets in the way",
        "It sounds like a score. Say what the parent does.",
    ),
    # --- Abbreviations: write the words ----------------------------------------------------
    (
        "MASH",
        "",
        ACRONYM,
        "multi-agency safeguarding hub (the team that first looks at worries about a child)",
        WHY_ACRONYM,
    ),
    (
        "ICPC",
        "",
        ACRONYM,
        "initial child protection conference (the first big meeting about whether a child "
        "needs a plan to keep them safe)",
        WHY_ACRONYM,
    ),
    (
        "RCPC",
        "",
        ACRONYM,
        "review child protection conference (the meeting that checks how the plan is going)",
        WHY_ACRONYM,
    ),
    (
        "CIN",
        "",
        ACRONYM,
        "child in need (the family gets help from a social worker)",
        WHY_ACRONYM,
    ),
    ("CP", "", ACRONYM, "child protection", WHY_ACRONYM),
    (
        "TAF",
        "",
        ACRONYM,
        "team around the family (the people who meet to help the family)",
        WHY_ACRONYM,
    ),
    (
        "s47",
        "",
        ACRONYM,
        "a child protection enquiry (section 47 of the Children Act 1989)",
        WHY_ACRONYM,
    ),
    (
        "s17",
        "",
        ACRONYM,
        "help for a child in need (section 17 of the Children Act 1989)",
        WHY_ACRONYM,
    ),
    (
        "s20",
        "",
        ACRONYM,
        "the child living in care with the parents' agreement (section 20 of the Children Act "
        "1989)",
        WHY_ACRONYM,
    ),
    (
        "PLO",
        "",
        ACRONYM,
        "the Public Law Outline (meetings with the family and their solicitor to try to make "
        "things safe before going to court)",
        WHY_ACRONYM,
    ),
    (
        "CAMHS",
        "",
        ACRONYM,
        "child and adolescent mental health services (the NHS team that helps children with "
        "their feelings)",
        WHY_ACRONYM,
    ),
    (
        "EHCP",
        "",
        ACRONYM,
        "education, health and care plan (the plan for a child's extra help at school)",
        WHY_ACRONYM,
    ),
    ("SEND", "", ACRONYM, "special educational needs and disabilities", WHY_ACRONYM),
    (
        "LADO",
        "",
        ACRONYM,
        "local authority designated officer (the person who looks into worries about adults "
        "who work with children)",
        WHY_ACRONYM,
    ),
    (
        "IRO",
        "",
        ACRONYM,
        "independent reviewing officer (the person who chairs a child's reviews in care)",
        WHY_ACRONYM,
    ),
    (
        "SGO",
        "",
        ACRONYM,
        "special guardianship order (a court order for a relative or friend to bring up the "
        "child)",
        WHY_ACRONYM,
    ),
    (
        "FGC",
        "",
        ACRONYM,
        "family group conference (a meeting where the family makes a plan together)",
        WHY_ACRONYM,
    ),
    ("EHA", "", ACRONYM, "early help assessment", WHY_ACRONYM),
    (
        "NFA",
        "",
        ACRONYM,
        "no further action (we are not going to do anything more)",
        WHY_ACRONYM,
    ),
    (
        "PEP",
        "",
        ACRONYM,
        "personal education plan (the school plan for a child in care)",
        WHY_ACRONYM,
    ),
    (
        "DSL",
        "",
        ACRONYM,
        "designated safeguarding lead (the teacher in charge of keeping children safe at "
        "school)",
        WHY_ACRONYM,
    ),
    ("SW", "", ACRONYM, "social worker, or better, their name", WHY_ACRONYM),
    ("HV", "", ACRONYM, "health visitor, or better, their name", WHY_ACRONYM),
]


def load_starter_glossary(apps, schema_editor):
    GlossaryTerm = apps.get_model("plain_language", "GlossaryTerm")
    for term, variants, kind, suggestion, explanation in STARTER_TERMS:
        if not GlossaryTerm.objects.filter(term__iexact=term).exists():
            GlossaryTerm.objects.create(
                term=term,
                variants=variants,
                kind=kind,
                suggestion=suggestion,
                explanation=explanation,
            )


def remove_unchanged_starter_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("plain_language", "GlossaryTerm")
    GlossaryTerm.objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("plain_language", "0001_initial")]

    operations = [migrations.RunPython(load_starter_glossary, remove_unchanged_starter_terms)]
