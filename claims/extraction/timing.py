"""Time: the date a claim is stated for, and the start of the period it counts since.

A sentence's dates are read against the article's date (`published`, to a day, a month or a year):
"7 October" is the last 7 October up to the end of that day, month or year; "in November" a month
before the article's own; "on Tuesday" the last Tuesday up to the article's day; "since 7 October"
starts a period. Computed once per sentence, for all of its claims.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

from claims.extraction.after_event import after_event
from claims.extraction.context import clause_end
from claims.extraction.document import CLAUSE_PUNCTUATION, WORD, Document, bisect_left
from claims.extraction.languages.base import Language
from claims.extraction.prefixes import (
    ALL,
    COMPARED,
    EVENT_VERB,
    EVENT_VERB_AFTER,
    SINCE_PHRASE,
    finditer_at,
    openings,
    search_at,
)


# The spans of 0 to 7 days a weekday or "yesterday" is read back by, made once (a call to `timedelta`
# with a keyword runs as Python).
_DAYS: Final = [timedelta(days=days) for days in range(8)]


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


class When:
    """When a sentence's claims are stated for (`as_of`, to a day or a month) and since when they
    count (`period_start`), with the rules that said so. `weekday` (0 = Monday): the weekday the
    words name when the article's date is its month alone, so that the day is not known ("on
    Monday evening"): the claim stays dated by the month, and the weekday says which days of it.
    `offset`: of such an article, the days after an event the words state the figures for ("a week
    after the storm"), the month staying the claim's date.

    A plain class with its own `__init__` rather than a dataclass: compiled, its construction is
    native, where a dataclass's generated `__init__` runs as interpreted Python for every claim."""

    __slots__ = ("as_of", "precision", "period_start", "rules", "weekday", "offset")

    def __init__(
        self,
        as_of: date | None,
        precision: str | None,
        period_start: date | None,
        rules: tuple[str, ...],
        weekday: int | None = None,
        offset: int | None = None,
    ) -> None:
        self.as_of = as_of
        self.precision = precision
        self.period_start = period_start
        self.rules = rules
        self.weekday = weekday
        self.offset = offset


def segment(doc: Document, sentence: int, position: int) -> tuple[int, int]:
    """The part of a sentence between semicolons that holds `position`: "yesterday rescuers searched
    the rubble; the toll now stands at 80" dates each part by its own words."""
    start, end = doc.bounds(sentence)
    norm = doc.norm
    left = norm.rfind(";", start, position)
    right = norm.find(";", position, end)
    return (left + 1 if left >= 0 else start), (right if right >= 0 else end)


class Dates:
    """The dates of an article's spans (a sentence, a part of one, a comparison in one), read against
    the article's date, each span once."""

    def __init__(self, doc: Document, language: Language, published: date | None, precision: str) -> None:
        self.doc = doc
        self.language = language
        self.published = published
        self.precision = precision
        # The last day the article's date can stand for (of its month or year).
        self.reference = _period_end(published, precision) if published is not None else None
        self._read: dict[tuple[int, int], When] = {}
        self._compared: dict[tuple[int, int], list[tuple[int, int]]] = {}
        # The day of the article's lead (`carried.carried_day`), once read.
        self.lead: When | None = None

    def read(self, sentence: int, start: int, end: int) -> When:
        """`read_dates` of norm[start:end], a span of the sentence, read once."""
        key = (start, end)
        when = self._read.get(key)
        if when is None:
            when = self._read[key] = read_dates(self, sentence, start, end)
        return when

    def read_sentence(self, sentence: int) -> When:
        return self.read(sentence, sentence, self.doc.ends[sentence])

    def comparisons(self, sentence: int, start: int, end: int) -> list[tuple[int, int]]:
        """`comparisons` of norm[start:end], a span of the sentence, found once (none where no word
        of the sentence opens like a comparison's)."""
        if not self.doc.marks(sentence) & COMPARED:
            return []
        key = (start, end)
        found = self._compared.get(key)
        if found is None:
            found = self._compared[key] = comparisons(self.doc, self.language, sentence, start, end)
        return found

    def timed_comparisons(self, sentence: int, start: int, end: int) -> list[tuple[int, int]]:
        """`comparisons` of norm[start:end], a span of the sentence, looked for only where it names a
        time."""
        if _first_cue(self.doc, self.language, sentence, start, end) < 0:
            return []
        return self.comparisons(sentence, start, end)


def comparisons(doc: Document, language: Language, sentence: int, start: int, end: int) -> list[tuple[int, int]]:
    """The comparisons with an earlier count in norm[start:end], a span of the sentence ("up from 72
    the previous day", "sobre los 7.340 anunciados el lunes"): each from its comparison word to the
    end of its clause, or of the next clause when that one carries it on ("respecto al sábado,
    cuando se confirmaron 102"). The days they name are the earlier counts', not the sentence's."""
    norm = doc.norm
    found: list[tuple[int, int]] = []
    if openings(language).unplaced & COMPARED:
        cues = list(language.compared_re.finditer(norm, start, end))
    else:
        # Its words a comparison may start at, in the span.
        words = doc.starting(sentence, COMPARED)
        cues = finditer_at(language.compared_re, norm, words[bisect_left(words, start) :], end)
    for cue in cues:
        if found and cue.start() < found[-1][1]:
            continue
        stop = clause_end(norm, cue.end(), end)
        if stop < end:
            after = stop + 1
            while after < end and norm[after] == " ":
                after += 1
            if language.compared_clause_re.match(norm, after, end) is not None:
                stop = clause_end(norm, after, end)
        found.append((cue.start(), stop))
    return found


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    for low, high in spans:
        if low <= at < high:
            return True
    return False


def _words_between(norm: str, low: int, high: int) -> int:
    """How many words stand in norm[low:high], or -1 when clause punctuation does."""
    gap = norm[low:high]
    if CLAUSE_PUNCTUATION.search(gap) is not None:
        return -1
    return len(WORD.findall(gap))


def _not_the_figures_day(
    language: Language, norm: str, start: int, end: int, at: int, stop: int, marks: int
) -> bool:
    """Whether the date at norm[at:stop] is inside a "since" phrase ("since the quake of 6 May") or
    names the day of an event ("the quake that struck on Saturday", "которое произошло 28 марта"):
    either way not the day the sentence's figures are stated for. `marks`: the lists of `prefixes`
    the sentence may hold a phrase of (the searches of the others are skipped)."""
    low = max(start, at - 60)
    for found in language.since_phrase_re.finditer(norm, low, at) if marks & SINCE_PHRASE else ():
        if 0 <= _words_between(norm, found.end(), at) <= 4:
            return True
    for found in language.event_verb_re.finditer(norm, low, at) if marks & EVENT_VERB else ():
        if 0 <= _words_between(norm, found.end(), at) <= 3:
            return True
    if not marks & EVENT_VERB_AFTER:
        return False
    after = language.event_verb_after_re.search(norm, stop, min(end, stop + 60))
    return after is not None and 0 <= _words_between(norm, stop, after.start()) <= 4


def _weekday_day(language: Language, norm: str, found: re.Match[str], published: date) -> date | None:
    """The day a weekday names, the last such day up to the article's ("lundi": the article's own
    day when it is a Monday; "last Monday", "el pasado lunes": strictly before it), or None for a
    day to come ("next Monday", "lundi prochain")."""
    weekday = language.weekday_of(found.group())
    if weekday is None:
        return None
    before = norm[max(0, found.start() - 16) : found.start()]
    after = norm[found.end() : found.end() + 16]
    if language.next_re.search(before) or language.next_re.match(after.lstrip()):
        return None
    back = (published.weekday() - weekday) % 7
    if back == 0 and (language.last_re.search(before) or language.last_re.match(after.lstrip())):
        back = 7
    return published - _DAYS[back]


def read_dates(dates: Dates, sentence: int, start: int, end: int) -> When:
    """The dates of the claims in norm[start:end] (a sentence, or a span of it: its part between
    semicolons, a comparison).

    Every day it names counts (a date, a weekday, "yesterday", "today") but a day inside a "since"
    phrase or an event's own day ("the quake that struck on Saturday"); the latest of them is the day
    the figures are stated for ("killed 30 in the night from Tuesday to Wednesday", "struck on
    Saturday ..., officials said on Sunday"). Without one, the latest month it names before the
    article's own ("in July 2007", "between January and August 2020"), else the article's date.
    A "since <date>" phrase gives the start of the period counted. A day inside a comparison
    that opens after `start` ("40 dead, up from 31 on Monday") is the earlier count's, not theirs."""
    doc, language, published, precision = dates.doc, dates.language, dates.published, dates.precision
    norm = doc.norm
    first = _first_cue(doc, language, sentence, start, end)
    if first < 0:
        # No "since", month, weekday or "yesterday": none of the searches below can find anything
        # but the days after an event of an article dated by its month.
        offset = after_event(language, doc.norm, start, end) if published is not None and precision == "month" else None
        if offset is not None:
            return When(published, precision, None, ("time.after_event",), None, offset)
        return When(published, precision if published is not None else None, None, ())
    # Every search below but the date's starts on such a word, so none can match but where one of
    # the sentence's cues starts (`Document.sentence_cues`): each is tried there alone.
    starts = doc.sentence_cues(sentence)[0]
    cues = starts[bisect_left(starts, first) : bisect_left(starts, end)]
    compared = [span for span in dates.comparisons(sentence, start, end) if span[0] > start]
    marks = doc.marks(sentence)
    reference = dates.reference
    rules: list[str] = []
    period_start: date | None = None
    since_span = (-1, -1)
    since = search_at(language.since_re, norm, cues, end)
    if since is not None:
        period_start = _date_from(since, language, "s", reference)
        since_span = since.span()
        if period_start is not None:
            rules.append("time.since")
    days: list[tuple[date, str]] = []
    date_spans: list[tuple[int, int]] = [since_span]
    # A date and a month alone both name a month, which is also a time word: without one, neither
    # search can find anything.
    month_cue = search_at(language.month_cue_re, norm, cues, end)
    named_month = month_cue is not None
    # No date starts before the words that may lead up to the first month name (`date_search_start`).
    dates_from = date_search_start(language, norm, start, month_cue.start()) if month_cue is not None else end
    for found in language.date_re.finditer(norm, dates_from, end) if named_month else ():
        date_spans.append(found.span())
        if since_span[0] <= found.start() < since_span[1]:
            continue
        if _inside(compared, found.start()) or _not_the_figures_day(
            language, norm, start, end, found.start(), found.end(), marks
        ):
            continue
        resolved = _date_from(found, language, "d", reference)
        if resolved is not None and (reference is None or resolved <= reference):
            days.append((resolved, "time.date"))
    if published is not None and precision == "day":
        days.extend(_relative_days(language, norm, start, cues, end, marks, published, date_spans, compared))
    if days:
        day, rule = max(days)
        rules.append(rule)
        return When(day, "day", period_start, tuple(rules))
    if reference is not None and named_month:
        month = _latest_month(language, norm, start, cues, end, marks, reference, date_spans, compared)
        if month is not None:
            rules.append("time.month")
            return When(month, "month", period_start, tuple(rules))
    if published is not None and precision == "month":
        weekday = _month_weekday(language, norm, start, cues, end, marks, date_spans)
        if weekday is not None:
            rules.append("time.weekday_of_month")
            return When(published, precision, period_start, tuple(rules), weekday)
        offset = after_event(language, norm, start, end)
        if offset is not None:
            rules.append("time.after_event")
            return When(published, precision, period_start, tuple(rules), None, offset)
    return When(published, precision if published is not None else None, period_start, tuple(rules))


# Of each language, how many words may stand in a date before its month name: its day, then maybe
# an article ("7 del año ...": 3).
_WORDS_BEFORE_MONTH: Final[dict[Language, int]] = {}


def date_search_start(language: Language, norm: str, low: int, month: int) -> int:
    """Where a search of norm[low:] for `Language.date_re` may start, given that the first month name
    there starts at `month` (`Language.month_cue_re`): as many words before it as a date may hold
    before its month name, or `low`. Every date holds a month name, with before it (when it opens
    with the day) only its day, then maybe an article, all between spaces; so no date starts
    before that, whether its own month name is that first one or it holds the first in its
    article."""
    words = _WORDS_BEFORE_MONTH.get(language)
    if words is None:
        articles = language.data.get("time", {}).get("date_articles", [])
        words = _WORDS_BEFORE_MONTH[language] = 1 + max([len(article.split()) for article in articles], default=0)
    at = month
    for _ in range(words):
        while at > low and norm[at - 1].isspace():
            at -= 1
        while at > low and not norm[at - 1].isspace():
            at -= 1
    return at


def _first_cue(doc: Document, language: Language, sentence: int, start: int, end: int) -> int:
    """Where `language.time_cue_re.search(norm, start, end)` matches in a span of the sentence, or
    -1, from the sentence's cues: the first cue at or after `start` is that match when it ends by
    `end` (the pattern has no assertion ahead that the end of the span could change); one running
    past `end` is searched."""
    starts, ends = doc.sentence_cues(sentence)
    at = bisect_left(starts, start)
    if at == len(starts) or starts[at] >= end:
        return -1
    if ends[at] <= end:
        return starts[at]
    cue = language.time_cue_re.search(doc.norm, start, end)
    return -1 if cue is None else cue.start()


def _names_outside(
    names: re.Pattern[str], since: re.Pattern[str], norm: str, cues: list[int], end: int
) -> list[re.Match[str]]:
    """The month or weekday names in norm[cues[0]:end] that are not inside its first "since" phrase
    ("since October", "depuis vendredi"), which is searched only once a name is found."""
    found = finditer_at(names, norm, cues, end)
    if not found:
        return found
    period = search_at(since, norm, cues, end)
    if period is None:
        return found
    low, high = period.span()
    return [name for name in found if not low <= name.start() < high]


def _month_weekday(
    language: Language,
    norm: str,
    start: int,
    cues: list[int],
    end: int,
    marks: int,
    date_spans: list[tuple[int, int]],
) -> int | None:
    """The weekday norm[start:end] states its figures for when the article is dated by its month
    alone ("on Monday evening"), read as `_relative_days` reads weekdays; None when it names none,
    one to come ("next Monday"), or two different ones (which of them is later is not known)."""
    found_weekday: int | None = None
    for found in _names_outside(language.weekday_re, language.since_weekday_re, norm, cues, end):
        if any(0 <= low - found.end() <= 3 for low, _ in date_spans):
            continue
        if _not_the_figures_day(language, norm, start, end, found.start(), found.end(), marks):
            continue
        weekday = language.weekday_of(found.group())
        if weekday is None:
            continue
        before = norm[max(0, found.start() - 16) : found.start()]
        if language.next_re.search(before) or language.next_re.match(norm[found.end() : found.end() + 16].lstrip()):
            return None
        if found_weekday is not None and found_weekday != weekday:
            return None
        found_weekday = weekday
    return found_weekday


def _relative_days(
    language: Language,
    norm: str,
    start: int,
    cues: list[int],
    end: int,
    marks: int,
    published: date,
    date_spans: list[tuple[int, int]],
    compared: list[tuple[int, int]],
) -> list[tuple[date, str]]:
    """The days named by weekdays, "yesterday", "the day before yesterday" and "today" in
    norm[start:end], read against the article's day. A weekday before a date is that date's
    ("Monday 4 March", "le lundi 4 mars")."""
    days: list[tuple[date, str]] = []
    for found in _names_outside(language.weekday_re, language.since_weekday_re, norm, cues, end):
        if any(0 <= low - found.end() <= 3 for low, _ in date_spans) or _inside(compared, found.start()):
            continue
        if _not_the_figures_day(language, norm, start, end, found.start(), found.end(), marks):
            continue
        day = _weekday_day(language, norm, found, published)
        if day is not None:
            days.append((day, "time.weekday"))
    taken: list[tuple[int, int]] = []
    for found in finditer_at(language.day_before_yesterday_re, norm, cues, end):
        taken.append(found.span())
        if not _inside(compared, found.start()):
            days.append((published - _DAYS[2], "time.yesterday"))
    for found in finditer_at(language.yesterday_re, norm, cues, end):
        if not _inside(taken, found.start()) and not _inside(compared, found.start()):
            days.append((published - _DAYS[1], "time.yesterday"))
    if days and language.today_re.search(norm, start, end) is not None:
        # "announced today that 40 died yesterday": stated for the article's day.
        days.append((published, "time.today"))
    return days


def _latest_month(
    language: Language,
    norm: str,
    start: int,
    cues: list[int],
    end: int,
    marks: int,
    reference: date,
    date_spans: list[tuple[int, int]],
    compared: list[tuple[int, int]],
) -> date | None:
    """The latest month norm[start:end] names on its own, before the article's month (or in the
    year it names), outside "since" phrases and dates: "Ende Oktober", "in July 2007"; a month
    without its year takes the year of a month that follows it ("between January and August 2020")."""
    found_months: list[tuple[int, int | None, int, int]] = []
    for found in _names_outside(language.month_year_re, language.since_month_re, norm, cues, end):
        if _inside(date_spans, found.start()) or _inside(compared, found.start()):
            continue
        month = language.month_of(found.group("month"))
        if month is None or _not_the_figures_day(language, norm, start, end, found.start(), found.end(), marks):
            continue
        year_text = found.group("year")
        found_months.append((month, int(year_text) if year_text else None, found.start(), found.end()))
    best: date | None = None
    for index, (month, year, _, stop) in enumerate(found_months):
        if year is None and index + 1 < len(found_months):
            following = found_months[index + 1]
            if following[1] is not None and 0 <= _words_between(norm, stop, following[2]) <= 3:
                year = following[1]
        if year is None:
            year = reference.year if month <= reference.month else reference.year - 1
            if (year, month) >= (reference.year, reference.month):
                continue
        elif (year, month) > (reference.year, reference.month):
            continue
        day = date(year, month, 1)
        if best is None or day > best:
            best = day
    return best


def article_day(doc: Document, language: Language, published: date, precision: str) -> date | None:
    """The day an article dated only by its month speaks from: the latest date its text names in
    that month ("On 13 May, rescuers ..."), outside "since" phrases and events' own days; the
    article was written that day or later. None when it names none."""
    if precision != "month":
        return None
    norm = doc.norm
    if language.month_cue_re.search(norm) is None:
        return None
    reference = _period_end(published, precision)
    best: date | None = None
    for found in language.date_re.finditer(norm):
        if _not_the_figures_day(language, norm, 0, len(norm), found.start(), found.end(), ALL):
            continue
        since = language.since_re.search(norm, max(0, found.start() - 40), found.end())
        if since is not None and since.end() >= found.end():
            continue
        resolved = _date_from(found, language, "d", reference)
        if resolved is not None and published <= resolved <= reference and (best is None or resolved > best):
            best = resolved
    return best
