"""Which of a language's word lists a sentence may hold a phrase of, from the first letters of its
words: a search for a list's phrases is skipped in a sentence none of whose words opens like one.

A phrase of these lists is matched at a word start, under IGNORECASE. The word it starts at begins
with its first three characters when they are word characters ("according to" at "according");
when fewer of them are (the first word "a" of "a partir de", "d" of "d'après"), the word is those
alone: a space, a non-word character or the end of a bounded phrase follows them. Openings are
written out in every case form `re` matches (`patterns.folds`), so a word's first characters are
looked up as they stand. A list with a phrase that opens otherwise (with punctuation, with any word
"_", or with a short unbounded word that may go on) is always searched.
"""

from __future__ import annotations

import re
from itertools import product
from typing import Final

from claims.extraction.languages.base import Language
from claims.extraction.languages.patterns import folds
from claims.extraction.languages.words import MEMO_SIZE

# The lists, as bits of a sentence's marks.
TIME_CUES: Final = 1
NOW: Final = 2
SAID: Final = 4
SOURCE_AFTER: Final = 8
SOURCE_BEFORE: Final = 16
SOURCE_PHRASE: Final = 32
COMPARED: Final = 64
SINCE_PHRASE: Final = 128
EVENT_VERB: Final = 256
EVENT_VERB_AFTER: Final = 512
# Every list.
ALL: Final = 1023
# The lists whose patterns end at a word's end (all but the time cues: "Sept" of "September").
_BOUNDED: Final = ALL & ~TIME_CUES
# A word's bits for the lists whose phrases may start at it, shifted by this much: a phrase is
# searched for only at those words.
AT: Final = 16
# How many first characters of a word are looked up.
OPENING: Final = 3
_WORD_CHAR: Final = re.compile(r"\w")


class Openings:
    """The openings of a language's lists: the bits of each (a word's first `OPENING` characters,
    or a shorter word as a whole), for a word a phrase may be in and one it may start at (shifted
    by `AT`); the bits of the lists that are always searched (`always`), and of those searched
    everywhere in a sentence (`unplaced`)."""

    def __init__(self, language: Language) -> None:
        data = language.data
        time = data["time"]
        attribution = data.get("attribution", {})
        cues = [
            *time.get("since", []),
            *time.get("yesterday", []),
            *time.get("day_before_yesterday", []),
            *[name for variants in time.get("months", []) for name in variants],
            *[name for variants in time.get("weekdays", []) for name in variants],
        ]
        lists: list[tuple[int, list[str]]] = [
            (TIME_CUES, cues),
            (NOW, [*time.get("now", []), *time.get("today", [])]),
            (SAID, attribution.get("verbs", [])),
            (SOURCE_AFTER, attribution.get("before_source", [])),
            (SOURCE_BEFORE, attribution.get("after_source", [])),
            (SOURCE_PHRASE, attribution.get("phrases", [])),
            (COMPARED, time.get("compared", [])),
            (SINCE_PHRASE, time.get("since_phrase", time.get("since", []))),
            (EVENT_VERB, time.get("event_verbs", [])),
            (EVENT_VERB_AFTER, time.get("event_verbs_after", [])),
        ]
        self.bits: dict[str, int] = {}
        # The bits of each word met so far (`word_bits`).
        self.by_word: dict[str, int] = {}
        self.always = 0
        self.unplaced = 0
        for bit, phrases in lists:
            for phrase in phrases:
                bounded = bool(bit & _BOUNDED)
                # Whether a sentence may hold the phrase, from its most telling word; where it may
                # start, from its first.
                held, started = _opening(phrase, bounded, False), _opening(phrase, bounded, True)
                for opening, mark in ((held, bit), (started, bit << AT)):
                    if not opening:
                        if mark == bit:
                            self.always |= bit
                        else:
                            self.unplaced |= bit
                        continue
                    for chars in product(*[folds(char) for char in opening]):
                        key = "".join(chars)
                        self.bits[key] = self.bits.get(key, 0) | mark


def _opening(phrase: str, bounded: bool, first: bool) -> str:
    """The first characters of a word a phrase matches at (as `patterns.alternation` reads a
    lexicon phrase): `OPENING` word characters of its longest word (of its first with `first`), or
    fewer that make its whole first word; "" when they are not known."""
    stem = phrase.endswith("*")
    words = (phrase[:-1] if stem else phrase).split()
    if not words or words[0] == "_":
        return ""
    # Each word but the first follows spaces: it starts a word of the text too.
    runs = [_run(word) for word in (words[:1] if first else words) if word != "_"]
    longest = max(runs, key=len)
    if len(longest) == OPENING:
        return longest
    opening = runs[0]
    if len(opening) < len(words[0]):
        return opening
    # The whole first word, shorter than an opening: the word it matches at is no longer when
    # another word or the pattern's end follows it.
    return opening if len(words) > 1 or (bounded and not stem) else ""


def _run(word: str) -> str:
    """The word characters a lexicon word opens with, to `OPENING` of them."""
    run = ""
    for char in word[:OPENING]:
        if _WORD_CHAR.match(char) is None:
            break
        run += char
    return run


_OPENINGS: Final[dict[str, Openings]] = {}


def openings(language: Language) -> Openings:
    found = _OPENINGS.get(language.code)
    if found is None:
        found = _OPENINGS[language.code] = Openings(language)
    return found


def word_bits(table: Openings, text: str) -> int:
    """The bits of the lists whose phrases the word `text` may open: its first `OPENING`
    characters, or all of a shorter word, looked up at once (memoised: news reuses its words)."""
    found = table.by_word.get(text)
    if found is None:
        found = table.bits.get(text[:OPENING], 0)
        if len(table.by_word) < MEMO_SIZE:
            table.by_word[text] = found
    return found


def search_at(pattern: re.Pattern[str], norm: str, words: list[int], end: int) -> re.Match[str] | None:
    """`pattern.search(norm, words[0], end)`, for a pattern that can match only at these word starts."""
    for at in words:
        if at >= end:
            break
        match = pattern.match(norm, at, end)
        if match is not None:
            return match
    return None


def finditer_at(pattern: re.Pattern[str], norm: str, words: list[int], end: int) -> list[re.Match[str]]:
    """`pattern.finditer(norm, words[0], end)`, for a pattern that can match only at these word
    starts (and never an empty match)."""
    found: list[re.Match[str]] = []
    after = 0
    for at in words:
        if at >= end:
            break
        if at < after:
            continue
        match = pattern.match(norm, at, end)
        if match is not None:
            found.append(match)
            after = match.end()
    return found
