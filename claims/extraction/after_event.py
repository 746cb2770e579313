"""The days after an event a sentence states its figures for: "a week after the storm", "trois jours
après le séisme", "через неделю после наводнения", which date them in an article dated by its month
alone (`timing.read_dates`).

A language's lexicon writes the phrases (`time.after_event`, with {count} a number in digits or
words or a word of `time.after_event_one`, {unit} a unit of `time.after_event_units` and {single}
one of `time.after_event_single`, a unit said without a count), each unit's days, and the words
before a count that make it a duration instead (`time.after_event_duration`: "for three days after
the storm"). Their patterns are compiled once per language, when a month-dated article first needs
them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from claims.extraction.languages.base import Language
from claims.extraction.languages.patterns import NOTHING, SPACE, alternation
from claims.extraction.numbers import read_number_words

# The most days after an event that can still date a figure of the event's month or the next.
MAX_DAYS: Final = 62


class _Phrases:
    """A language's after-event phrases, compiled."""

    def __init__(self, time: Mapping[str, Any], numbers: Mapping[str, Any]) -> None:
        units: Mapping[str, Any] = time.get("after_event_units", {})
        single: Mapping[str, Any] = time.get("after_event_single", {})
        self.days: dict[str, int] = {key.lower(): int(days) for key, days in [*units.items(), *single.items()]}
        self.one = frozenset(word.lower() for word in time.get("after_event_one", []))
        words = alternation([*numbers.get("words", []), *numbers.get("values", {}).keys(),
                             *time.get("after_event_one", [])])
        branches = []
        # Each phrase a branch whose groups c<i>, u<i> and s<i> hold its count, unit and single unit.
        for index, phrase in enumerate(time.get("after_event", [])):
            parts = []
            for token in phrase.split():
                if token == "{count}":
                    parts.append(rf"(?P<c{index}>\d{{1,3}}|{words}(?:{SPACE}+{words})?)")
                elif token == "{unit}":
                    parts.append(rf"(?P<u{index}>{alternation(units.keys())})")
                elif token == "{single}":
                    parts.append(rf"(?P<s{index}>{alternation(single.keys())})")
                else:
                    parts.append(alternation([token]))
            branches.append(f"{SPACE}+".join(parts))
        pattern = "|".join(f"(?:{branch})" for branch in branches) if branches else NOTHING
        self.phrase_re = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)
        durations = time.get("after_event_duration", [])
        self.duration_re = re.compile(
            rf"(?<!\w){alternation(durations)}{SPACE}+\Z" if durations else NOTHING, re.IGNORECASE
        )


_COMPILED: Final[dict[str, _Phrases]] = {}


def _phrases(language: Language) -> _Phrases:
    found = _COMPILED.get(language.code)
    if found is None:
        found = _COMPILED[language.code] = _Phrases(language.data["time"], language.data["numbers"])
    return found


def after_event(language: Language, norm: str, start: int, end: int) -> int | None:
    """The days after an event norm[start:end] states its figures for; None when it states none, or
    two different ones. A duration ("for three days after the storm", "since the storm") or a time
    to come ("in a week") is no such phrase."""
    phrases = _phrases(language)
    found_days: int | None = None
    for found in phrases.phrase_re.finditer(norm, start, end):
        if phrases.duration_re.search(norm[max(start, found.start() - 24) : found.start()]):
            continue
        days = _days(language, phrases, found)
        if days is None:
            continue
        if days > MAX_DAYS or (found_days is not None and days != found_days):
            return None
        found_days = days
    return found_days


def _days(language: Language, phrases: _Phrases, found: re.Match[str]) -> int | None:
    count_text: str | None = None
    unit: str | None = None
    for name, text in found.groupdict().items():
        if text is None:
            continue
        if name[0] == "c":
            count_text = text
        else:
            unit = text
    days = phrases.days.get(unit.lower()) if unit is not None else None
    if days is None:
        return None
    if count_text is None:
        return days
    if count_text.isdigit():
        count = int(count_text)
    elif count_text.lower() in phrases.one:
        count = 1
    else:
        read = read_number_words(language, count_text)
        if read is None or read[1] != len(count_text):
            return None
        count = int(read[0])
    return count * days if count > 0 else None
