"""What an article's place mentions say read together, before any number's subject is resolved
(`claims.extraction.places` calls these once per article):

- `held_areas`: phrases for the areas the opposition holds ("in the rebel-held areas") name the
  overlay's area (`held_by`) in an article about its country;
- `as_qualified`: a bare name takes the reading the article gives it elsewhere with a word for a
  region or province ("Region Valencia", "la région de Valence");
- `without_strays`: a town's or province's name that alone points to a country the article never
  names otherwise, in an article about another, is dropped (a shopping centre's or a person's name);
- `ArticlePhrases`: whether a clause speaks for the whole country or of the rest of it, asked of
  many clauses of the article.

Plain, fully typed Python, so that mypyc can compile it with the engine.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from claims.extraction.gazetteer.finder import Finder
from claims.extraction.gazetteer.index import Gazetteer
from claims.extraction.gazetteer.normalize import WORD_CHARS, phrase_pattern, token_key
from claims.extraction.languages.patterns import folds, learn_folds
from claims.extraction.gazetteer.types import PlaceMention

_WORD: Final = re.compile(f"[{WORD_CHARS}]+")
# Within a clause: a comma ends the words that can tie a phrase to a place beside it.
_CLAUSE_BREAK: Final = re.compile(r"[.!?;,،\n]")
# How far from a phrase for a held area a place's name makes the phrase that place's qualifier
# ("rebel-held Idlib", "مناطق سيطرة المعارضة في إدلب").
_HELD_REACH: Final = 30


def _names_a_country(gazetteer: Gazetteer, places: tuple[int, ...]) -> bool:
    kinds = gazetteer.kinds
    for index in places:
        if kinds[index] == "country":
            return True
    return False


# By language and gazetteer: the phrases for the areas the opposition holds (words.toml's
# `held_by_opposition`, "*" standing for a word's ending), compiled only for an article that names
# those areas' country.
_HELD: Final[dict[tuple[int, str], re.Pattern[str] | None]] = {}


def _held_places(place_finder: Finder) -> tuple[int, ...]:
    """The areas the opposition holds (overlay `held_by`)."""
    return tuple(place_finder.gazetteer.data.get("held", {}).get("opposition", []))


def _held(place_finder: Finder) -> re.Pattern[str] | None:
    key = (id(place_finder.gazetteer), place_finder.language)
    if key in _HELD:
        return _HELD[key]
    data = place_finder.gazetteer.data
    phrases: list[str] = data["words"].get(place_finder.language, {}).get("held_by_opposition", [])
    pattern: re.Pattern[str] | None = None
    if phrases:
        alternatives = [
            phrase_pattern(phrase).replace(r"\*", f"[{WORD_CHARS}]*")
            for phrase in sorted(phrases, key=len, reverse=True)
        ]
        pattern = re.compile(
            f"(?<![{WORD_CHARS}])(?:" + "|".join(alternatives) + f")(?![{WORD_CHARS}])", re.IGNORECASE
        )
    _HELD[key] = pattern
    return pattern


def plain_ids(place_finder: Finder, word: str) -> tuple[str, ...]:
    """The places a one-word name stands for with no word beside it ("Valencia": the province,
    the cities); () when it names none."""
    for key in place_finder._first_keys(word):
        value = place_finder.aliases.get(key)
        if value is not None:
            positions = (value,) if isinstance(value, int) else value
            return tuple([place_finder.ids[index] for index in positions])
    return ()


def held_areas(place_finder: Finder, text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The areas the opposition holds named by a phrase ("in the rebel-held areas", "dans les
    zones tenues par l'opposition"; `held_by_opposition` in words.toml) in an article that
    names their country, as mentions; none where the phrase qualifies a place named beside it
    ("rebel-held Idlib"), which stays the place."""
    held = _held_places(place_finder)
    if not held:
        return []
    gazetteer = place_finder.gazetteer
    # The gazetteer's lists, read once (an attribute of its plain class is looked up by name).
    of_place = gazetteer.countries
    index_of = gazetteer.position
    named: set[str] = set()
    for mention in mentions:
        if mention.role or mention.demonym:
            continue
        countries = {of_place[index_of[place_id]] for place_id in mention.ids}
        if len(countries) == 1:
            named.update(countries)
    places = tuple(index for index in held if of_place[index] in named)
    if not places:
        return []
    pattern = _held(place_finder)
    if pattern is None:
        return []
    ids = tuple([gazetteer.ids[index] for index in places])
    starts = [mention.start for mention in mentions]
    found: list[PlaceMention] = []
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        position = bisect_left(starts, start - _HELD_REACH)
        beside = False
        while position < len(mentions) and mentions[position].start <= end + _HELD_REACH:
            mention = mentions[position]
            position += 1
            if mention.start < end and start < mention.end:
                beside = True
                break
            gap = text[mention.end : start] if mention.end <= start else text[end : mention.start]
            if not mention.role and _CLAUSE_BREAK.search(gap) is None and not _names_a_country(gazetteer, 
                tuple(index_of[place_id] for place_id in mention.ids)
            ):
                beside = True
                break
        if not beside:
            found.append(PlaceMention(start, end, match.group(), ids))
    return found


def _related(gazetteer: Gazetteer, first: int, second: int) -> bool:
    parents = gazetteer.parents
    current = first
    for _ in range(16):
        if current < 0:
            break
        if current == second:
            return True
        current = parents[current]
    current = second
    for _ in range(16):
        if current < 0:
            return False
        if current == first:
            return True
        current = parents[current]
    return False


def as_qualified(gazetteer: Gazetteer, place_finder: Finder, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A bare name the article elsewhere qualifies with a word for a region or province ("Region
    Valencia", "la région de Valence", "the province of Valencia") names what it qualifies there:
    "allein in Valencia" in an article that speaks of the Region Valencia is the region, not the
    province or the city of that name. Only where the article qualifies the name one way, naming a
    place that holds or lies in one of the bare name's places."""
    cues = place_finder.regions | place_finder.areas | place_finder.genitive
    qualified: dict[str, set[tuple[str, ...]]] = {}
    for mention in mentions:
        if mention.role or mention.demonym:
            continue
        if mention.qualified:
            # Moved by a word beside it ("la région de Valence").
            qualified.setdefault(token_key(mention.surface), set()).add(mention.ids)
        elif " " in mention.surface:
            # A name with a cue word in it ("Region Valencia").
            keys = [token_key(word) for word in _WORD.findall(mention.surface)]
            names = [key for key in keys if key not in cues]
            if len(names) == 1 and len(keys) > 1:
                qualified.setdefault(names[0], set()).add(mention.ids)
    if not qualified:
        return mentions
    bare: dict[str, tuple[str, ...]] = {}
    for mention in mentions:
        if not mention.role and not mention.demonym and not mention.qualified and " " not in mention.surface:
            key = token_key(mention.surface)
            if key in qualified and key not in bare:
                bare[key] = plain_ids(place_finder, mention.surface)
    changed = False
    position = gazetteer.position
    result: list[PlaceMention] = []
    for mention in mentions:
        if not mention.role and not mention.demonym and not mention.qualified and " " not in mention.surface:
            key = token_key(mention.surface)
            found = qualified.get(key)
            if found is not None and len(found) == 1 and bare.get(key) == mention.ids:
                ids = next(iter(found))
                if any(
                    _related(gazetteer, position[one], position[other])
                    for one in ids
                    for other in mention.ids
                ):
                    mention = PlaceMention(mention.start, mention.end, mention.surface, ids, False, mention.role)
                    changed = True
        result.append(mention)
    return result if changed else mentions

# A country the article names this many times at least makes a name that alone points elsewhere
# a stray (see `_without_strays`).
_STRAY_AGAINST: Final = 3


def without_strays(gazetteer: Gazetteer, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The mentions without the strays: a town's or province's name whose every reading lies in a
    country nothing else in the article points to, in an article that points to another country
    again and again. In a report on floods in Spain, "Bonaire" (a shopping centre's name) is no
    Caribbean island, "Luján" (a mayor's) no Argentine town, "Manche" (German "some") no French
    department. A country's own name, a body or a demonym is never a stray."""
    counts: dict[str, int] = {}
    surfaces: dict[str, set[str]] = {}
    of_ids: dict[tuple[str, ...], set[str]] = {}
    position = gazetteer.position
    of_place = gazetteer.countries
    for mention in mentions:
        if mention.role:
            continue
        ids = mention.ids
        countries = of_ids.get(ids)
        if countries is None:
            countries = {of_place[position[place_id]] for place_id in ids}
            countries.discard("")
            of_ids[ids] = countries
        surface = mention.surface
        for country in countries:
            counts[country] = counts.get(country, 0) + 1
            named = surfaces.get(country)
            if named is None:
                surfaces[country] = {surface}
            else:
                named.add(surface)
    if not counts or max(counts.values()) < _STRAY_AGAINST:
        return mentions
    kinds = gazetteer.kinds
    kept: list[PlaceMention] = []
    for mention in mentions:
        stray = False
        if not mention.role and not mention.demonym:
            ids = mention.ids
            if all(kinds[position[place_id]] in ("city", "admin1") for place_id in ids):
                # Every country it may lie in is pointed to by this name alone.
                surface = mention.surface
                stray = True
                for country in of_ids[ids]:
                    named = surfaces.get(country)
                    if named is None or len(named) != 1 or surface not in named:
                        stray = False
                        break
        if not stray:
            kept.append(mention)
    return kept if len(kept) < len(mentions) else mentions


# By gazetteer and language: for the `nationwide` and for the `elsewhere` phrases, a word of each
# (its longest) in lower case, or None where a word's lower case is not one character for each of
# its own; and the characters that match a letter of those words under IGNORECASE but whose lower
# case is not that letter's ("ſ" for "s", the Kelvin sign for "k").
_ANCHORS: Final[dict[tuple[int, str], tuple[tuple[str, ...] | None, tuple[str, ...] | None, frozenset[str]]]] = {}


def _anchor_words(phrases: list[str]) -> list[str] | None:
    found: list[str] = []
    for phrase in phrases:
        words = [word for word in re.split(r"[\s'’]+", phrase) if word]
        if not words:
            return None
        longest = words[0]
        for word in words:
            if len(word) > len(longest):
                longest = word
        if len(longest.lower()) != len(longest):
            return None
        found.append(longest)
    return found


def _shortest(words: list[str]) -> tuple[str, ...]:
    """The words in lower case, without those that hold another ("landesweite" holds "landesweit")."""
    lowered = sorted({word.lower() for word in words})
    return tuple([word for word in lowered if not any(other != word and other in word for other in lowered)])


def _anchors(place_finder: Finder) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None, frozenset[str]]:
    key = (id(place_finder.gazetteer), place_finder.language)
    found = _ANCHORS.get(key)
    if found is None:
        words: dict[str, list[str]] = place_finder.gazetteer.data["words"].get(place_finder.language, {})
        nationwide = _anchor_words(words.get("nationwide", []))
        elsewhere = _anchor_words(words.get("elsewhere", []))
        chars = {char for word in [*(nationwide or []), *(elsewhere or [])] for char in word}
        learn_folds(chars)
        specials = frozenset(
            [other for char in chars for other in folds(char) if other.lower() != char.lower()]
        )
        found = (
            _shortest(nationwide) if nationwide is not None else None,
            _shortest(elsewhere) if elsewhere is not None else None,
            specials,
        )
        _ANCHORS[key] = found
    return found


def _occurrences(lowered: str, anchors: tuple[str, ...]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for anchor in anchors:
        position = lowered.find(anchor)
        while position >= 0:
            found.append((position, position + len(anchor)))
            position = lowered.find(anchor, position + 1)
    found.sort()
    return found


def _holds(occurrences: list[tuple[int, int]], start: int, end: int) -> bool:
    for occurrence_start, occurrence_end in occurrences:
        if occurrence_start >= end:
            return False
        if occurrence_start >= start and occurrence_end <= end:
            return True
    return False


class ArticlePhrases:
    """`Finder.says_nationwide` and `Finder.elsewhere_at` for the clauses of one article's text.
    Most articles hold none of these phrases, and a regex search for them stops at every letter a
    phrase may start with: the text in lower case is searched once for a word of each phrase
    (`_anchors`), and a clause that holds none of those words holds no phrase. (Not where the
    lower case of the text is not one character for each of its own, or the text holds a
    character such as "ſ" that matches a letter of those words with another lower case: there
    each clause is searched.)"""

    def __init__(self, place_finder: Finder, text: str) -> None:
        self.finder = place_finder
        self.text = text
        self.read = False
        self.nationwide: list[tuple[int, int]] | None = None
        self.elsewhere: list[tuple[int, int]] | None = None

    def _read(self) -> None:
        self.read = True
        nationwide, elsewhere, specials = _anchors(self.finder)
        lowered = self.text.lower()
        if len(lowered) != len(self.text) or any(char in self.text for char in specials):
            return
        if nationwide is not None:
            self.nationwide = _occurrences(lowered, nationwide)
        if elsewhere is not None:
            self.elsewhere = _occurrences(lowered, elsewhere)

    def says_nationwide(self, start: int, end: int) -> bool:
        if not self.read:
            self._read()
        if self.nationwide is not None and not _holds(self.nationwide, start, end):
            return False
        return self.finder.says_nationwide(self.text, start, end)

    def elsewhere_at(self, start: int, end: int) -> int:
        if not self.read:
            self._read()
        if self.elsewhere is not None and not _holds(self.elsewhere, start, end):
            return -1
        return self.finder.elsewhere_at(self.text, start, end)
