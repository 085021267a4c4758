"""What a check looks like as JSON: one serializer for the API (`POST
/api/v1/plain-language/check`, whose OpenAPI document is generated from these schemas) and
for `manage.py check_plain_language`, so the two always give the same answer."""

from __future__ import annotations

from pydantic import BaseModel, Field

from safetymap.plain_language.checker import Audience, CheckResult, Kind


class FindingOut(BaseModel):
    term: str = Field(description="The glossary term, or the abbreviation, that was found.")
    text: str = Field(description="The words exactly as written (text[start:end]).")
    start: int = Field(description="Where the words start in the text (a character index).")
    end: int = Field(description="Where they end (exclusive).")
    kind: Kind = Field(description="label, jargon or acronym (an unexplained abbreviation).")
    suggestion: str = Field(description="What to say instead, from the council's glossary.")
    explanation: str = Field(description="Why, from the council's glossary.")
    message: str = Field(description="The finding in a sentence, as the pages show it.")


class AcronymOut(BaseModel):
    acronym: str
    count: int = Field(description="How many times it is used.")
    explained: bool = Field(description="Whether the text says what it stands for.")
    suggestion: str


class LongSentenceOut(BaseModel):
    start: int
    end: int
    words: int


class TargetOut(BaseModel):
    audience: Audience
    reading_age: int = Field(description="The highest reading age the text should need.")
    sentence_words: int = Field(description="Sentences longer than this are flagged.")


class ReadabilityOut(BaseModel):
    words: int
    sentences: int
    words_per_sentence: float
    grade: float | None = Field(description="Flesch–Kincaid grade; null under 10 words.")
    reading_age: int | None = Field(description="The grade plus 5; null under 10 words.")
    long_sentences: list[LongSentenceOut]
    above_target: bool = Field(description="The reading age is above the target.")
    message: str


class CheckOut(BaseModel):
    audience: Audience
    findings: list[FindingOut]
    acronyms: list[AcronymOut]
    readability: ReadabilityOut
    target: TargetOut


def report(result: CheckResult) -> CheckOut:
    readability = result.readability
    return CheckOut(
        audience=result.audience,
        findings=[
            FindingOut(
                term=f.term,
                text=f.text,
                start=f.start,
                end=f.end,
                kind=f.kind,
                suggestion=f.suggestion,
                explanation=f.explanation,
                message=f.message,
            )
            for f in result.findings
        ],
        acronyms=[
            AcronymOut(
                acronym=a.acronym, count=a.count, explained=a.explained, suggestion=a.suggestion
            )
            for a in result.acronyms
        ],
        readability=ReadabilityOut(
            words=readability.words,
            sentences=readability.sentences,
            words_per_sentence=readability.words_per_sentence,
            grade=readability.grade,
            reading_age=readability.reading_age,
            long_sentences=[
                LongSentenceOut(start=s.start, end=s.end, words=s.words)
                for s in readability.long_sentences
            ],
            above_target=readability.above_target,
            message=readability.message,
        ),
        target=TargetOut(
            audience=readability.target.audience,
            reading_age=readability.target.reading_age,
            sentence_words=readability.target.sentence_words,
        ),
    )
