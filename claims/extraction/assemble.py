"""Assembling the claims: each draft frozen into an `ExtractedClaim`, with its sentence's dates and
source, in text order."""

from __future__ import annotations

from datetime import date
from typing import Final

from claims.extraction.attribution import read_attribution
from claims.extraction.document import Document
from claims.extraction.draft import Draft
from claims.extraction.frozen import build, slot_setters
from claims.extraction.languages.base import Language
from claims.extraction.carried import (
    carried_day,
    names_a_date,
    names_a_day,
    read_vote_day,
    timed_sentences,
    vote_days_read,
)
from claims.extraction.timing import Dates, When, article_day, segment
from claims.extraction.types import ExtractedClaim

# A claim's sentence is kept whole up to this length. A longer one (a page of numbers without a full
# stop) is cut, for each claim, to this much around the claim's span: a whole megabyte stored with
# each of thousands of claims took a worker's memory.
_MAX_SENTENCE_CHARS: Final = 1000
_ROUNDED: Final[dict[float, float]] = {}
_CLAIM_SETTERS: Final = slot_setters(ExtractedClaim)
# What `_dates` holds for a draft before it reads its dates.
_NO_WHEN: Final = When(None, None, None, ())


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
    # Each draft's place in the returned list, by its index in `drafts`.
    position = [0] * len(drafts)
    for new, old in enumerate(order):
        position[old] = new
    anchored = False
    if published is not None:
        # An article dated by its month alone speaks from the latest day its text names in it.
        day = article_day(doc, language, published, precision)
        if day is not None:
            published, precision, anchored = day, "day", True
    whens = _dates(doc, language, drafts, order, published, precision, anchored)
    result: list[ExtractedClaim] = []
    # In text order a sentence's drafts come one after another: its source and quote are read at
    # the first of them.
    sentence = -1
    source: str | None = None
    source_rule: str | None = None
    sentence_quote = ""
    for old in order:
        draft = drafts[old]
        if draft.sentence != sentence:
            sentence = draft.sentence
            source, source_rule = read_attribution(text, doc, language, sentence)
            start, end = doc.bounds(sentence)
            sentence_quote = text[start:end].strip()
        when = whens[old]
        quote = sentence_quote
        if len(quote) > _MAX_SENTENCE_CHARS:
            start, end = doc.bounds(sentence)
            around = max(0, _MAX_SENTENCE_CHARS - (draft.end - draft.start)) // 2
            quote = text[max(start, draft.start - around) : min(end, draft.end + around)].strip()
        rules = (*draft.rules, *when.rules, source_rule) if source_rule else (*draft.rules, *when.rules)
        confidence = draft.confidence
        if draft.subject is not None:
            confidence += 0.05
        # In the order of the fields (`frozen.build`: the same claim as `ExtractedClaim(...)`).
        result.append(
            build(
                ExtractedClaim,
                _CLAIM_SETTERS,
                (
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
                    when.weekday,
                    when.offset,
                ),
            )
        )
    return result


def _dates(
    doc: Document,
    language: Language,
    drafts: list[Draft],
    order: list[int],
    published: date | None,
    precision: str,
    anchored: bool,
) -> list[When]:
    """Each draft's dates, by its index in `drafts`: its own words' (per part of a sentence between
    semicolons; a count inside a comparison, "up from 31 on Monday", by the comparison's words when
    they name a day), a vote's day named by another vote sentence, a day carried from an earlier
    sentence of its paragraph, else the day of the same figure (metric and value) where another
    sentence dates it ("112 dead" in the headline, "112 dead, the ministry said on Sunday" in the
    body), else the article's day
    (`anchored`: the day read from the text of an article dated by its month alone)."""
    dates = Dates(doc, language, published, precision)
    # Each draft's, set in text order (`order`).
    whens: list[When] = [_NO_WHEN] * len(drafts)
    vote_days: dict[int, When | None] = {}
    carried: dict[int, When | None] = {}
    undated: list[int] = []
    # The sentences that speak of a time, found when a vote first needs its day.
    timed: list[int] | None = None
    votes = [draft.sentence for draft in drafts if draft.vote]
    # The text a vote's day may be read from: up to two paragraphs after the last vote's.
    read_to = vote_days_read(dates, doc.paragraph_of(max(votes))) if votes else 0
    if votes:
        # A vote may need them (`timed_sentences`): read in that text at once, the time cues
        # of each of its sentences are not looked for again.
        doc.time_cues(read_to)
    # The sentences that state figures, from which a day is carried.
    stating = {draft.sentence for draft in drafts}
    for old in order:
        draft = drafts[old]
        sentence = draft.sentence
        start, end = segment(doc, sentence, draft.start)
        when = dates.read(sentence, start, end)
        # The comparisons with an earlier count in the part of the sentence, when it names a time.
        for low, high in dates.timed_comparisons(sentence, start, end):
            if low <= draft.start < high:
                # "40 dead, up from 31 on Monday": the 31 is dated by its comparison when that names a day.
                earlier = dates.read(sentence, low, high)
                if names_a_day(earlier):
                    when = earlier
                break
        if (draft.vote and not names_a_day(when) and "time.month" not in when.rules and when.weekday is None
                and when.offset is None):
            # A vote is for the day it was held, which another sentence may name; one whose own
            # sentence names its month ("Ende Oktober") is not that day's.
            if sentence not in vote_days:
                if timed is None:
                    timed = timed_sentences(dates, read_to)
                vote_days[sentence] = read_vote_day(dates, sentence, timed)
            vote_day = vote_days[sentence]
            if vote_day is not None:
                when = When(vote_day.as_of, vote_day.precision, when.period_start, (*when.rules, *vote_day.rules),
                            vote_day.weekday)
        if not names_a_date(when) and when.weekday is None and when.offset is None:
            if sentence not in carried:
                carried[sentence] = carried_day(dates, sentence, stating)
            day = carried[sentence]
            if day is not None:
                when = When(day.as_of, day.precision, when.period_start, (*when.rules, *day.rules), day.weekday,
                            day.offset)
            else:
                undated.append(old)
        whens[old] = when
    if undated and len(undated) < len(order):
        _same_figure_days(drafts, order, whens, undated)
    if anchored:
        for old in undated:
            when = whens[old]
            if "time.same_figure" not in when.rules:
                whens[old] = When(when.as_of, when.precision, when.period_start, (*when.rules, "time.article_day"))
    return whens


def _same_figure_days(drafts: list[Draft], order: list[int], whens: list[When], undated: list[int]) -> None:
    """An undated tracked claim takes the earliest day its article states the same figure for, else
    the fewest days after an event it does ("89 missing" in the headline of an article dated by its
    month, "a week after the storm, 89 are missing" in its body); never a vote: two votes can end
    alike."""
    # The metrics of the undated claims that may take another's day: those of no other need theirs.
    wanted = {drafts[old].metric for old in undated if not drafts[old].vote}
    dated: dict[tuple[str, object], When] = {}
    for old in order:
        draft, when = drafts[old], whens[old]
        if draft.metric is None or draft.metric == "other" or draft.vote or draft.metric not in wanted:
            continue
        day = names_a_day(when)
        if not day and when.offset is None:
            continue
        key = (draft.metric, _figure_value(draft))
        known = dated.get(key)
        if known is None:
            dated[key] = when
        elif day:
            if known.offset is not None or (
                when.as_of is not None and known.as_of is not None and when.as_of < known.as_of
            ):
                dated[key] = when
        elif known.offset is not None and when.offset is not None and when.offset < known.offset:
            dated[key] = when
    if not dated:
        return
    for old in undated:
        draft = drafts[old]
        if draft.vote:
            # A body's votes on two days can end alike: a tally names no day of its own.
            continue
        found = dated.get((draft.metric or "other", _figure_value(draft)))
        if found is not None:
            when = whens[old]
            whens[old] = When(found.as_of, found.precision, when.period_start, (*when.rules, "time.same_figure"),
                              None, found.offset)


def _figure_value(draft: Draft) -> object:
    """The number a claim gives, whatever its bounds ("at least 112" and "112" give 112)."""
    if draft.value is not None:
        return draft.value
    return draft.lower if draft.lower is not None else draft.upper
