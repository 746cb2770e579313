"""Assembling the claims: each draft frozen into an `ExtractedClaim`, with its sentence's dates and
source, in text order."""

from __future__ import annotations

from datetime import date

from claims.extraction.attribution import read_attribution
from claims.extraction.document import Document
from claims.extraction.draft import Draft
from claims.extraction.languages.base import Language
from claims.extraction.timing import When, names_a_day, read_dates, read_vote_day
from claims.extraction.types import ExtractedClaim

# A claim's sentence is kept whole up to this length. A longer one (a page of numbers without a full
# stop) is cut, for each claim, to this much around the claim's span: a whole megabyte stored with
# each of thousands of claims took a worker's memory.
_MAX_SENTENCE_CHARS = 1000
_ROUNDED: dict[float, float] = {}


def _rounded_confidence(confidence: float) -> float:
    """`round(min(confidence, 0.95), 2)`, memoised: a handful of values recur in every article."""
    rounded = _ROUNDED.get(confidence)
    if rounded is None:
        rounded = round(min(confidence, 0.95), 2)
        if len(_ROUNDED) < 10_000:
            _ROUNDED[confidence] = rounded
    return rounded


def freeze(
    text: str,
    doc: Document,
    language: Language,
    drafts: list[Draft],
    published: date | None,
    precision: str,
) -> list[ExtractedClaim]:
    """The claims of the drafts, in text order, each with its sentence's quote, dates and source
    (computed once per sentence) and its whole as an index in the returned list."""
    order = sorted(range(len(drafts)), key=lambda i: (drafts[i].start, drafts[i].end))
    position = {old: new for new, old in enumerate(order)}
    whens: dict[int, When] = {}
    sources: dict[int, tuple[str | None, str | None]] = {}
    quotes: dict[int, str] = {}
    vote_days: dict[int, When | None] = {}
    result: list[ExtractedClaim] = []
    for old in order:
        draft = drafts[old]
        sentence = draft.sentence
        if sentence not in whens:
            whens[sentence] = read_dates(doc, language, sentence, published, precision)
            sources[sentence] = read_attribution(text, doc, language, sentence)
            start, end = doc.bounds(sentence)
            quotes[sentence] = text[start:end].strip()
        when = whens[sentence]
        if draft.vote and not names_a_day(when) and "time.month" not in when.rules:
            # A vote is for the day it was held, which another sentence may name; one whose own
            # sentence names its month ("Ende Oktober") is not that day's.
            if sentence not in vote_days:
                vote_days[sentence] = read_vote_day(doc, language, sentence, published, precision)
            vote_day = vote_days[sentence]
            if vote_day is not None:
                when = When(vote_day.as_of, vote_day.precision, when.period_start, (*when.rules, *vote_day.rules))
        source, source_rule = sources[sentence]
        quote = quotes[sentence]
        if len(quote) > _MAX_SENTENCE_CHARS:
            start, end = doc.bounds(sentence)
            around = max(0, _MAX_SENTENCE_CHARS - (draft.end - draft.start)) // 2
            quote = text[max(start, draft.start - around) : min(end, draft.end + around)].strip()
        rules = (*draft.rules, *when.rules, source_rule) if source_rule else (*draft.rules, *when.rules)
        confidence = draft.confidence
        if draft.subject is not None:
            confidence += 0.05
        # Positional, in the order of the fields (faster than keywords for a frozen dataclass).
        result.append(
            ExtractedClaim(
                draft.start,
                draft.end,
                quote,
                draft.metric or "other",
                draft.noun,
                draft.subject,
                draft.value,
                draft.lower,
                draft.upper,
                draft.qualifier,
                draft.unit,
                when.as_of,
                when.precision,
                when.period_start,
                source,
                position[draft.part_of] if draft.part_of is not None else None,
                _rounded_confidence(confidence),
                rules,
                language.code,
                draft.subject_confidence,
                draft.subject_ambiguous,
            )
        )
    return result
