"""Time: the date a claim is stated for, and the start of the period it counts since.

A sentence's dates are read against the article's date (`published`, to a day, a month or a year):
"7 October" is the last 7 October up to the end of that day, month or year; "in November" a month
before the article's own; "on Tuesday" the last Tuesday up to the article's day; "since 7 October"
starts a period. Computed once per sentence, for all of its claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from claims.extraction.document import Document
from claims.extraction.languages.base import Language


def _period_end(published: date, precision: str) -> date:
    if precision == "year":
        return date(published.year, 12, 31)
    if precision == "month":
        following = date(published.year + (published.month == 12), published.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return published


def _resolve_date(day: int, month: int, year: int | None, reference: date | None) -> date | None:
    try:
        if year is not None:
            return date(year, month, day)
        if reference is None:
            return None
        candidate = date(reference.year, month, day)
        if candidate > reference:
            candidate = date(reference.year - 1, month, day)
        return candidate
    except ValueError:
        return None


def _date_from(match: re.Match[str], language: Language, prefix: str, reference: date | None) -> date | None:
    for form in ("a", "b"):
        month_name = match.group(f"{prefix}{form}month")
        if month_name is None:
            continue
        month = language.month_of(month_name)
        day = int(match.group(f"{prefix}{form}day"))
        year_text = match.group(f"{prefix}{form}year")
        if month is None:
            return None
        return _resolve_date(day, month, int(year_text) if year_text else None, reference)
    return None


@dataclass(slots=True)
class When:
    """When a sentence's claims are stated for (`as_of`, to a day or a month) and since when they
    count (`period_start`), with the rules that said so."""

    as_of: date | None
    precision: str | None
    period_start: date | None
    rules: tuple[str, ...]


def read_dates(doc: Document, language: Language, sentence: int, published: date | None, precision: str) -> When:
    """The dates of a sentence's claims: a date it names, else a month before the article's own, a
    weekday, "yesterday", else the article's date; and the start of a "since" period."""
    norm = doc.norm
    start, end = doc.bounds(sentence)
    cue = language.time_cue_re.search(norm, start, end)
    if cue is None:
        # No "since", month, weekday or "yesterday": none of the searches below can find anything.
        return When(published, precision if published is not None else None, None, ())
    # Every search below but the date's starts on such a word, so none can match before the first.
    first = cue.start()
    reference = _period_end(published, precision) if published is not None else None
    rules: list[str] = []
    period_start: date | None = None
    since_span = (-1, -1)
    since = language.since_re.search(norm, first, end)
    if since is not None:
        period_start = _date_from(since, language, "s", reference)
        since_span = since.span()
        if period_start is not None:
            rules.append("time.since")
    as_of: date | None = published
    as_of_precision: str | None = precision if published is not None else None
    date_spans: list[tuple[int, int]] = [since_span]
    # A date and a month alone both name a month, which is also a time word: without one, neither
    # search can find anything.
    named_month = language.month_cue_re.search(norm, first, end) is not None
    for found in language.date_re.finditer(norm, start, end) if named_month else ():
        date_spans.append(found.span())
        if since_span[0] <= found.start() < since_span[1]:
            continue
        resolved = _date_from(found, language, "d", reference)
        if resolved is not None and (reference is None or resolved <= reference):
            as_of, as_of_precision = resolved, "day"
            rules.append("time.date")
            return When(as_of, as_of_precision, period_start, tuple(rules))
    if reference is not None and named_month:
        # "Ende Oktober", "in November": a month before the article's own month dates the claim
        # to that month ("since October" is a period, not a date).
        for found in _names_outside(language.month_re, language.since_month_re, norm, first, end):
            if any(low <= found.start() < high for low, high in date_spans):
                continue
            month = language.month_of(found.group())
            if month is None:
                continue
            year = reference.year if month <= reference.month else reference.year - 1
            if (year, month) < (reference.year, reference.month):
                rules.append("time.month")
                return When(date(year, month, 1), "month", period_start, tuple(rules))
    if published is not None and precision == "day":
        for found in _names_outside(language.weekday_re, language.since_weekday_re, norm, first, end):
            weekday = language.weekday_of(found.group())
            if weekday is None:
                continue
            as_of = published - timedelta(days=(published.weekday() - weekday) % 7)
            rules.append("time.weekday")
            return When(as_of, "day", period_start, tuple(rules))
        if language.yesterday_re.search(norm, first, end):
            rules.append("time.yesterday")
            return When(published - timedelta(days=1), "day", period_start, tuple(rules))
    return When(as_of, as_of_precision, period_start, tuple(rules))


def _names_outside(
    names: re.Pattern[str], since: re.Pattern[str], norm: str, first: int, end: int
) -> Iterator[re.Match[str]]:
    """The month or weekday names in norm[first:end] that are not inside its first "since" phrase
    ("since October", "depuis vendredi"), which is searched only once a name is found."""
    period: re.Match[str] | None = None
    searched = False
    for found in names.finditer(norm, first, end):
        if not searched:
            period = since.search(norm, first, end)
            searched = True
        if period is not None and period.start() <= found.start() < period.end():
            continue
        yield found


# The rules by which a sentence names the day its claims are for.
_DAY_RULES = frozenset(("time.date", "time.weekday", "time.yesterday"))


def names_a_day(when: When) -> bool:
    for rule in when.rules:
        if rule in _DAY_RULES:
            return True
    return False


def read_vote_day(
    doc: Document, language: Language, sentence: int, published: date | None, precision: str
) -> When | None:
    """The day of a vote whose own sentence names none ("The text passed with 120 votes"): the day
    named by the nearest sentence before it in its paragraph that speaks of a vote, else by such a
    sentence of the headline or the lead ("The Assembly voted on Friday ..."), read against the
    article's date. None when no such sentence names a day: the claim keeps its sentence's date."""
    paragraph = doc.paragraph_of(sentence)
    candidates: list[int] = []
    for before in reversed(doc._sentences(paragraph)):
        if before < sentence:
            candidates.append(before)
    for lead in (0, 1):
        if lead < paragraph and lead < len(doc.paragraph_starts):
            candidates.extend(doc._sentences(lead))
    for candidate in candidates:
        if not doc.is_vote(candidate):
            continue
        when = read_dates(doc, language, candidate, published, precision)
        if names_a_day(when):
            return When(when.as_of, when.precision, None, (*when.rules, "time.vote_day"))
    return None
