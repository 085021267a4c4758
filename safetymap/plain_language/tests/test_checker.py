"""The checker itself, with no database: the starter glossary (as the data migration loads
it) against sentences with known jargon and known clean sentences."""

from __future__ import annotations

import importlib

import pytest

from safetymap.plain_language.checker import (
    Audience,
    GlossaryEntry,
    Kind,
    Target,
    check,
    compile_glossary,
)
from safetymap.plain_language.models import split_variants

_starter = importlib.import_module("safetymap.plain_language.migrations.0002_starter_glossary")
STARTER = tuple(
    GlossaryEntry(term, Kind(kind), suggestion, explanation, split_variants(variants))
    for term, variants, kind, suggestion, explanation in _starter.STARTER_TERMS
)
PARENT = Target(Audience.PARENT, reading_age=11, sentence_words=20)
CHILD = Target(Audience.CHILD, reading_age=8, sentence_words=12)
PROFESSIONAL = Target(Audience.PROFESSIONAL, reading_age=16, sentence_words=25)


def found(text, target=PARENT, glossary=STARTER):
    return [
        (f.text, f.kind, f.term) for f in check(text, glossary=glossary, target=target).findings
    ]


# Each sentence, and what should be found in it: (words as written, kind, glossary term).
JARGON_TABLE = [
    ("We are worried about neglect.", [("neglect", Kind.LABEL, "neglect")]),
    ("Amy was Neglected.", [("Neglected", Kind.LABEL, "neglect")]),
    (
        "There has been domestic abuse at home and Mum is not engaging.",
        [
            ("domestic abuse", Kind.LABEL, "domestic violence"),
            ("not engaging", Kind.LABEL, "non-engagement"),
        ],
    ),
    (
        "Domestic   violence and substance-misuse are a worry.",
        [
            ("Domestic   violence", Kind.LABEL, "domestic violence"),
            ("substance-misuse", Kind.LABEL, "substance misuse"),
        ],
    ),
    ("Non engagement with services.", [("Non engagement", Kind.LABEL, "non-engagement")]),
    ("The family are hard to reach.", [("hard to reach", Kind.LABEL, "hard to reach")]),
    (
        "This is disguised compliance.",
        [("disguised compliance", Kind.LABEL, "disguised compliance")],
    ),
    ("Home life is chaotic.", [("chaotic", Kind.LABEL, "chaotic")]),
    ("Dad behaved inappropriately.", [("inappropriately", Kind.LABEL, "inappropriate")]),
    ("Kian presented as withdrawn.", [("presented as", Kind.JARGON, "presenting as")]),
    (
        "Good-enough parenting is the aim.",
        [("Good-enough parenting", Kind.JARGON, "good enough parenting")],
    ),
    (
        "There is a risk of significant harm.",
        [("significant harm", Kind.JARGON, "significant harm")],
    ),
    ("Kian is LAC.", [("LAC", Kind.JARGON, "LAC")]),
    ("Both are looked after children.", [("looked after children", Kind.JARGON, "LAC")]),
    ("Contact with Dad is on Saturdays.", [("Contact", Kind.JARGON, "contact")]),
    ("The placements have all ended.", [("placements", Kind.JARGON, "placement")]),
    ("The MASH passed it on.", [("MASH", Kind.ACRONYM, "MASH")]),
    (
        "The ICPC and the RCPC are booked.",
        [("ICPC", Kind.ACRONYM, "ICPC"), ("RCPC", Kind.ACRONYM, "RCPC")],
    ),
    ("Amy is on a CIN plan.", [("CIN", Kind.ACRONYM, "CIN")]),
    ("The CP plan ends.", [("CP", Kind.ACRONYM, "CP")]),
    ("A TAF meeting is on Monday.", [("TAF", Kind.ACRONYM, "TAF")]),
    ("We started an s47.", [("s47", Kind.ACRONYM, "s47")]),
    ("We are in PLO.", [("PLO", Kind.ACRONYM, "PLO")]),
    ("The XQZ team will call.", [("XQZ", Kind.ACRONYM, "XQZ")]),
]

CLEAN_SENTENCES = [
    "Mum and Dad shouted at each other in the kitchen while Amy hid under the table.",
    "There was no food in the house on three days in March.",
    "Grandma Pat collects Kian from school every Tuesday and Thursday.",
    "We mashed potatoes for tea and the lac on the chair was old.",  # words, not MASH or LAC
    "Mum's GP said she is doing well, and the NHS nurse agreed.",  # abbreviations families know
    "The multi-agency safeguarding hub (MASH) heard about this on Monday, and MASH called Mum.",
    "A child in need (CIN) plan. Later the CIN plan ended.",
    "ICPC (the first big meeting about keeping Kian safe) is on Friday.",
    "We checked under section 47 of the Children Act, called an s47 enquiry.",
    "Amy goes to the family centre for family time with Dad.",
    "",
]


@pytest.mark.parametrize(("sentence", "expected"), JARGON_TABLE)
def test_finds_each_known_term_with_its_span(sentence, expected):
    findings = check(sentence, glossary=STARTER, target=PARENT).findings
    assert [(f.text, f.kind, f.term) for f in findings] == expected
    for finding, (written, _, _) in zip(findings, expected, strict=True):
        assert finding.start == sentence.index(written)
        assert finding.end == finding.start + len(written)
        assert sentence[finding.start : finding.end] == finding.text
        assert finding.suggestion or finding.term == "XQZ"
        assert finding.message.startswith(f"'{written}'")


@pytest.mark.parametrize("sentence", CLEAN_SENTENCES)
def test_clean_sentences_have_no_findings(sentence):
    assert found(sentence) == []


def test_spans_are_character_positions_in_the_original_text():
    text = "Amy said: “Mum’s neglect” — and the MASH knew."
    findings = check(text, glossary=STARTER, target=PARENT).findings
    assert [(f.start, f.end) for f in findings] == [(17, 24), (36, 40)]


def test_each_use_is_a_finding_but_pages_group_them():
    result = check("Neglect. More neglect. CP and CP.", glossary=STARTER, target=PARENT)
    assert [f.text for f in result.findings] == ["Neglect", "neglect", "CP", "CP"]
    assert [(f.term, n) for f, n in result.grouped_findings] == [("neglect", 2), ("CP", 2)]


def test_messages_say_what_to_do():
    neglect, contact, mash, unknown = check(
        "Neglect. Contact. MASH. The QQT.", glossary=STARTER, target=PARENT
    ).findings
    assert neglect.message == (
        "'Neglect' is a label. Say what happened instead, for example: there was no food in "
        "the house on three days in March and Amy told nursery she was hungry."
    )
    assert contact.message.startswith(
        "'Contact' is professional jargon. Instead, try: family time, for example"
    )
    assert mash.message == (
        "'MASH' is an abbreviation that is not explained. Write it in words, for example: "
        "multi-agency safeguarding hub (the team that first looks at worries about a child)."
    )
    assert unknown.message.startswith("'QQT' is an abbreviation that is not explained. Use the")


# --- Abbreviations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "explained"),
    [
        ("The multi-agency safeguarding hub (MASH) called.", True),
        ("The Multi Agency Safeguarding Hub (MASH) called.", True),
        ("MASH (the team that first hears about worries) called.", True),
        ("MASH (multi-agency safeguarding hub) called.", True),
        ("The team around the family (TAF) meets.", True),  # "the" skipped
        ("The new team (MASH) called.", False),  # brackets, but not what it stands for
        ("MASH (Eastbrook) called.", False),  # one word in brackets explains nothing
        ("The MASH called.", False),
        ("A section 47 enquiry, an s47, began.", True),
        ("An s47 began.", False),
    ],
)
def test_abbreviations_are_explained_or_not(text, explained):
    result = check(text, glossary=STARTER, target=PARENT)
    [use] = [use for use in result.acronyms if use.acronym in ("MASH", "TAF", "S47")]
    assert use.explained is explained
    assert bool([f for f in result.findings if f.kind == Kind.ACRONYM]) is not explained


def test_abbreviations_are_counted_and_an_explanation_covers_every_later_use():
    text = (
        "The initial child protection conference (ICPC) is on 3 June. After the ICPC, the "
        "CP plan starts; the CP plan is reviewed at the RCPC. Kian's GP will come."
    )
    result = check(text, glossary=STARTER, target=PARENT)
    uses = {use.acronym: (use.count, use.explained) for use in result.acronyms}
    assert uses == {"ICPC": (2, True), "CP": (2, False), "RCPC": (1, False)}
    assert [f.text for f in result.findings if f.kind == Kind.ACRONYM] == ["CP", "CP", "RCPC"]


def test_plural_abbreviations_and_section_numbers_are_one_abbreviation():
    result = check("Two ICPCs and an ICPC. Then s.47 and S47.", glossary=STARTER, target=PARENT)
    assert {use.acronym: use.count for use in result.acronyms} == {"ICPC": 2, "S47": 2}


# --- Audiences ------------------------------------------------------------------------------


def test_professionals_may_use_jargon_and_explained_abbreviations_but_not_labels():
    text = (
        "Placement and contact are stable. Neglect is a worry. The CP (child protection) plan "
        "ends. The TAF met."
    )
    assert [(t, k) for t, k, _ in found(text, PROFESSIONAL)] == [
        ("Neglect", Kind.LABEL),
        ("TAF", Kind.ACRONYM),
    ]
    assert [t for t, _, _ in found(text, PARENT)] == ["Placement", "contact", "Neglect", "TAF"]


# --- Readability ----------------------------------------------------------------------------

PLAIN = (
    "Mum drinks a lot of wine at night. Then she falls asleep on the sofa. "
    "Amy is four. She gets herself to bed. We are worried she will get hurt."
)
DENSE = (
    "Professionals collectively identified considerable apprehension regarding the "
    "consistency of supervision arrangements, particularly concerning nocturnal alcohol "
    "consumption, notwithstanding maternal acknowledgement of the difficulties experienced."
)


def test_plain_text_is_within_the_parents_target():
    readability = check(PLAIN, glossary=(), target=PARENT).readability
    assert readability.reading_age is not None and readability.reading_age <= 11
    assert not readability.above_target
    assert readability.sentences == 5
    assert readability.words == 30
    assert readability.words_per_sentence == 6.0
    assert readability.long_sentences == ()
    assert readability.message.startswith(f"Reading age about {readability.reading_age}: within")


def test_dense_text_is_above_target_with_a_clear_finding():
    readability = check(DENSE, glossary=(), target=PARENT).readability
    assert readability.reading_age is not None and readability.reading_age > 11
    assert readability.above_target
    assert readability.message.startswith(
        f"Reading age about {readability.reading_age}: above the target of 11 for parents."
    )
    [long] = readability.long_sentences
    assert (long.start, long.end, long.words) == (0, len(DENSE), 23)
    assert "1 sentence is longer than 20 words" in readability.message


def test_the_target_depends_on_the_audience():
    middling = (
        "Kian told his teacher that Dad shouted at him. He was frightened and cried at school."
    )
    for_parents = check(middling, glossary=(), target=PARENT).readability
    for_children = check(middling, glossary=(), target=Target(Audience.CHILD, 5, 12)).readability
    assert for_parents.reading_age == for_children.reading_age
    assert not for_parents.above_target
    assert for_children.above_target
    assert "for children" in for_children.message


def test_line_breaks_end_sentences_and_short_text_has_no_reading_age():
    rules = "Dad does not drink when the children are home\nNan checks in every evening\n"
    readability = check(rules, glossary=(), target=CHILD).readability
    assert readability.sentences == 2
    assert [
        s.text for s in check(rules * 3, glossary=(), target=CHILD).readability.long_sentences
    ] == []
    short = check("Mum is calmer.", glossary=(), target=PARENT).readability
    assert short.reading_age is None and short.grade is None and not short.above_target
    assert short.message == "Too short to give a reading age."


def test_glossary_entries_compile_once():
    compile_glossary.cache_clear()
    for _ in range(3):
        check("neglect", glossary=STARTER, target=PARENT)
    assert compile_glossary.cache_info().misses == 1
