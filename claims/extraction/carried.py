"""Days a sentence's words do not name: a vote's day named by another sentence of the vote, a day
carried from an earlier sentence of the paragraph or from the article's lead (`timing` reads each
sentence's own)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

from claims.extraction.document import bisect_left
from claims.extraction.timing import Dates, When

# The rules by which a sentence names the day its claims are for.
_DAY_RULES: Final = frozenset(("time.date", "time.weekday", "time.yesterday", "time.today", "time.carried"))


def names_a_day(when: When) -> bool:
    for rule in when.rules:
        if rule in _DAY_RULES:
            return True
    return False


def names_a_date(when: When) -> bool:
    """Whether a sentence's own words date its claims (a day or a month), not the article's date."""
    return names_a_day(when) or "time.month" in when.rules


# How many paragraphs after a vote's own a sentence naming its day is looked for.
_VOTE_PARAGRAPHS_AFTER: Final = 2


def vote_days_read(dates: Dates, paragraph: int) -> int:
    """Where the text must be read to for the day of a vote in the paragraph (`read_vote_day`): the
    end of the last paragraph a sentence naming it is looked for in."""
    doc = dates.doc
    return doc.paragraph_end(min(paragraph + _VOTE_PARAGRAPHS_AFTER, len(doc.paragraph_starts) - 1))


def timed_sentences(dates: Dates, before: int) -> list[int]:
    """The sentences of an article that speak of a time, in text order: each that starts before
    `before` (the text after it is not read). Whether one speaks of a vote is asked only of those
    near a vote (`read_vote_day`)."""
    doc = dates.doc
    found: list[int] = []
    starts, ends = doc.time_cues(before)
    # Time words are rarer than sentences: each is looked up in its sentence, once a sentence.
    at = 0
    while at < len(starts) and starts[at] < before:
        sentence = doc.sentence_of(starts[at])
        found.append(sentence)
        at = bisect_left(starts, max(doc.ends[sentence], ends[at]), at + 1)
    return found


def read_vote_day(dates: Dates, sentence: int, timed: list[int]) -> When | None:
    """The day of a vote whose own sentence names none ("The text passed with 120 votes"): the day
    named by the nearest sentence before it that speaks of a vote and of a time (of `timed`, read
    up to `vote_days_read` of its paragraph at least), up to the headline ("The Assembly voted on
    Friday ..."), else by the nearest such sentence after it in its paragraph or the next two, read
    against the article's date; of an article dated by its month, the month and the weekday they
    name. None when those sentences name no day (or a month): the claim keeps its sentence's date."""
    doc = dates.doc
    at = bisect_left(timed, sentence)
    nearest: list[int] = []
    for before in range(at - 1, -1, -1):
        if doc.is_vote(timed[before]):
            nearest.append(timed[before])
            break
    last_paragraph = doc.paragraph_of(sentence) + _VOTE_PARAGRAPHS_AFTER
    for later in range(at + 1 if at < len(timed) and timed[at] == sentence else at, len(timed)):
        if doc.paragraph_of(timed[later]) > last_paragraph:
            break
        if doc.is_vote(timed[later]):
            nearest.append(timed[later])
            break
    for candidate in nearest:
        when = dates.read_sentence(candidate)
        if names_a_day(when) or when.weekday is not None:
            return When(when.as_of, when.precision, None, (*when.rules, "time.vote_day"), when.weekday)
    return None


# How many sentences back a paragraph's day is carried to sentences that name none.
_CARRY_SENTENCES: Final = 4


def carried_day(dates: Dates, sentence: int, stating: set[int] | frozenset[int]) -> When | None:
    """The day a sentence naming no date of its own is stated for, carried from the nearest sentence
    before it in its paragraph that states figures (one of `stating`) and names a day ("The ministry
    gave 40 dead on Monday evening. Its previous toll was 31."). None when that sentence names a
    month or nothing, or the sentence speaks of today or now ("the toll now stands at 50"). A
    sentence after the lead that finds none in its paragraph takes the day of the lead's figures
    (`_lead_day`), unless it names a year of its own. Of an article dated by its month, the days
    after an event an earlier sentence or the lead states are carried the same ways."""
    doc, published, precision = dates.doc, dates.published, dates.precision
    start, end = doc.bounds(sentence)
    if doc.speaks_of_now(sentence):
        return None
    paragraph = doc.paragraph_of(sentence)
    looked = 0
    starts = doc._sentences(paragraph)
    # The sentences before this one, nearest first (a paragraph may hold thousands).
    for position in range(bisect_left(starts, sentence) - 1, -1, -1):
        before = starts[position]
        if before not in stating:
            continue
        looked += 1
        if looked > _CARRY_SENTENCES:
            return None
        if precision == "month":
            when = dates.read_sentence(before)
            if when.offset is not None:
                # "A week after the storm, 89 people are now missing. Another 215 died." in an
                # article dated by its month: the days after the event are carried (its "now" is
                # that day).
                return When(when.as_of, when.precision, None, ("time.carried_offset",), None, when.offset)
        if doc.speaks_of_now(before):
            # "An hour ago the agency gave 123 dead": figures of the article's own day.
            return None
        when = dates.read_sentence(before)
        if names_a_day(when):
            return When(when.as_of, when.precision, None, ("time.carried",))
        if when.weekday is not None:
            # "On Monday evening the toll rose to 40. Another 12 are missing." in an article dated
            # by its month: the weekday is carried, the day is not known.
            return When(when.as_of, when.precision, None, ("time.carried_weekday",), when.weekday)
        if "time.month" in when.rules:
            return None
    if paragraph < _LEAD_PARAGRAPHS or published is None or precision not in ("day", "month"):
        return None
    lead = dates.lead
    if lead is None:
        lead = dates.lead = _lead_day(dates, published, stating)
    if lead.as_of is None:
        return None
    if _YEAR.search(doc.norm, start, end) is not None:
        # "the quake of 2009 (309 dead)": a sentence naming a year speaks of another time.
        return None
    if lead.offset is not None:
        return When(lead.as_of, lead.precision, None, ("time.carried_offset", "time.lead"), None, lead.offset)
    return When(lead.as_of, lead.precision, None, ("time.carried", "time.lead"))


# Written to open with its first digits (a pattern opening with a look-behind is tried at every
# position): (?<![\d.,])(?:19|20)\d\d, the character before the year checked after its first digit.
_YEAR: Final = re.compile(r"(?:1(?<![\d.,]1)9|2(?<![\d.,]2)0)\d\d(?![\d.,]\d|\d)")
# The headline and the first paragraph of the body: an article's lead.
_LEAD_PARAGRAPHS: Final = 2
# How many days before the article a lead's day may be and still be the day its later figures are for.
_LEAD_DAYS: Final = 7


def _lead_day(dates: Dates, published: date, stating: set[int] | frozenset[int]) -> When:
    """The day the article's lead states its figures for ("según el último dato facilitado este
    jueves"), which the figures of later paragraphs naming none share: the latest of its stating
    sentences that names a day, in the week before the article; else a When of no day. Of an
    article dated by its month, the days after an event that sentence states ("Eine Woche nach dem
    Unwetter ...", whose "now" is that day), when it names no other time."""
    doc, precision = dates.doc, dates.precision
    for paragraph in range(min(_LEAD_PARAGRAPHS, len(doc.paragraph_starts)) - 1, -1, -1):
        starts = doc._sentences(paragraph)
        for position in range(len(starts) - 1, -1, -1):
            before = starts[position]
            if before not in stating:
                continue
            if precision == "month":
                when = dates.read_sentence(before)
                if when.offset is not None or names_a_date(when) or when.weekday is not None:
                    return when if when.offset is not None else When(None, None, None, ())
                continue
            if doc.speaks_of_now(before):
                return When(None, None, None, ())
            when = dates.read_sentence(before)
            if names_a_day(when):
                if when.as_of is None or when.as_of < published - timedelta(days=_LEAD_DAYS):
                    return When(None, None, None, ())
                return when
            if "time.month" in when.rules:
                return When(None, None, None, ())
    return When(None, None, None, ())
