"""The place a number is about, from the places named around it: `resolve(...)`.

A pure function over the mentions `find_places` returned (for the whole article, once) and the
spans the engine knows (the number's clause and sentence, the headline and lead):

1. Each mention's homonyms are told apart. Candidates that hold one another ("Hatay" the province
   and Antakya, also called Hatay; the Gaza Strip, the Gaza governorate and Gaza City) are one
   reading, named by the widest of them. Between readings, the one whose country the article names
   elsewhere wins ("Valencia" beside "Paiporta" is Spain's); then a country over anything else;
   then the larger population ("Tripoli" is Libya's capital, not a town that bears the name). A
   choice made by population alone, without a tenfold margin, leaves the reading ambiguous.
2. The first of these that names a place decides: the number's clause, its sentence, the headline
   and lead, the rest of the article. Where the places named there lie one within another, the most
   specific wins ("in Turkey's Hatay province": Hatay). Where they do not, the reading is
   ambiguous and lists them: names joined as one ("in Turkey and Syria") give their common
   ancestor or none; otherwise the nearest place after the number wins (see FOLLOWING_REACH).
   From the headline and lead, for a number beyond them, and from the rest of the article, the
   place that holds most of their mentions wins.
   A demonym ("Moroccan authorities", "les autorités marocaines") counts only where no place is
   named at that step.
3. Never taken: a mention beside a news outlet's name or opening a dateline (roles given by the
   finder), and, beyond the number's own sentence, the places named by the outlet's and wire
   agencies' names (`ignore`: "Trend News Agency (Azerbaijan)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from claims.extraction.frozen import build, slot_setters
from claims.extraction.gazetteer.finder import find_places
from claims.extraction.gazetteer.index import Gazetteer, default
from claims.extraction.gazetteer.normalize import token_key
from claims.extraction.gazetteer.types import PlaceMention, Resolution

# How far each step is to be trusted, from the number's clause to the rest of the article.
STEP_CONFIDENCE: Final = {"clause": 0.9, "sentence": 0.75, "lead": 0.55, "article": 0.4}
# A demonym tells the country only: less than its name would.
DEMONYM_FACTOR: Final = 0.8
# Homonyms that nothing in the article told apart, or several places the number may be about.
AMBIGUOUS_FACTOR: Final = 0.6
# Mentions this close ("Turkey and Syria", "Türkei und Syrien", "تركيا وسوريا") are one phrase.
JOINED_GAP: Final = 8
# Among unrelated places, one this close after the number wins: in these languages the place a
# number is about mostly follows it ("2,500 died in Malatya"), and one before it is often where
# the speaker is ("Officials in Ankara said ..."). Without one, the nearest before it.
FOLLOWING_REACH: Final = 80
# Population ratio from which the larger homonym wins with confidence.
POPULATION_MARGIN: Final = 10
_RESOLUTION_SETTERS: Final = slot_setters(Resolution)


def resolution_of(
    place: str | None, confidence: float, ambiguous: bool, rule: str, alternatives: tuple[str, ...]
) -> Resolution:
    """Resolution(place, confidence, ambiguous, rule, alternatives), built faster (`frozen.build`)."""
    return build(Resolution, _RESOLUTION_SETTERS, (place, confidence, ambiguous, rule, alternatives))
# What a number whose article names no place it could be about resolves to (one record: it is frozen).
_NOTHING: Final = Resolution(place=None, confidence=0.0, ambiguous=False, rule="none")


class _Reading:
    """One mention's chosen place (a position in the gazetteer) and whether homonyms were left.
    (A plain class: compiled, its construction is native, where a dataclass's is interpreted.)"""

    __slots__ = ("mention", "place", "certain")

    def __init__(self, mention: PlaceMention, place: int, certain: bool) -> None:
        self.mention = mention
        self.place = place
        self.certain = certain


def resolve(
    *,
    clause: Sequence[PlaceMention] = (),
    sentence: Sequence[PlaceMention] = (),
    lead: Sequence[PlaceMention] = (),
    article: Sequence[PlaceMention] = (),
    anchor: int | None = None,
    ignore: Sequence[str] = (),
    vote: bool = False,
    gazetteer: Gazetteer | None = None,
) -> Resolution:
    """The place a number is about.

    `clause`, `sentence`, `lead` (headline and first paragraph) and `article` are the mentions
    found in each (the article's include the others'); `anchor` is the number's offset, for the
    nearest place when several are named; `ignore` the outlet's and wire agencies' names. `vote`
    says the number counts votes: the body that voted is its subject, not the countries named
    around it as voters or as what the resolution is about, so only bodies are read.
    """
    resolver = ArticleResolver(article, lead, ignore, gazetteer)
    if not article:
        resolver.context = _context(resolver.gazetteer, [*lead, *sentence, *clause])
    return resolver.resolve(clause, sentence, anchor, vote)


class ArticleResolver:
    """`resolve` for the numbers of one article: what depends on the article alone (the countries
    its places lie in, the places its outlet names, each mention's reading) is worked out once."""

    def __init__(
        self,
        article: Sequence[PlaceMention],
        lead: Sequence[PlaceMention] = (),
        ignore: Sequence[str] = (),
        gazetteer: Gazetteer | None = None,
        lead_end: int | None = None,
        text: str = "",
        joining: frozenset[str] = frozenset(),
        between: frozenset[str] = frozenset(),
    ) -> None:
        self.gazetteer: Gazetteer = gazetteer if gazetteer is not None else default()
        # The article's text, when given: names with a number between them ("3 في X و2 في Y") are
        # not one phrase, however close.
        self.text: str = text
        # The words that join two places into one phrase farther apart than JOINED_GAP ("and",
        # see `_joined`), and the others that may stand with them ("in southern X and northern Y").
        self.joining: frozenset[str] = joining
        self.between: frozenset[str] = between
        self.article: Sequence[PlaceMention] = article
        self.lead: Sequence[PlaceMention] = lead
        # Where the headline and lead end: a number beyond them takes the place the lead is
        # mostly about, not the lead's place that happens to stand nearest to it.
        self.lead_end: int = lead_end if lead_end is not None else max((m.end for m in lead), default=0)
        self.context: dict[str, int] = _context(self.gazetteer, article)
        self.outlet_places: set[int] = _outlet_places(self.gazetteer, ignore) if ignore else set()
        # A mention's reading, by its start (None: it names nothing the gazetteer holds).
        self.readings: dict[int, _Reading | None] = {}
        # What the lead or the article gives a number whose clause and sentence name no place,
        # for votes and for other counts, where the number's position did not matter.
        self.beyond: dict[bool, Resolution] = {}

    def _reading(self, mention: PlaceMention) -> _Reading | None:
        if mention.start in self.readings:
            return self.readings[mention.start]
        reading = _read(self.gazetteer, mention, self.context)
        self.readings[mention.start] = reading
        return reading

    def resolve(
        self,
        clause: Sequence[PlaceMention],
        sentence: Sequence[PlaceMention],
        anchor: int | None = None,
        vote: bool = False,
        aside: Sequence[PlaceMention] = (),
    ) -> Resolution:
        """The place of the number at `anchor`, whose clause and sentence name these mentions;
        `aside` are mentions of its sentence that other clauses keep for themselves, read at no
        step for this number."""
        chosen = self.gazetteer
        steps = (("clause", clause), ("sentence", sentence), ("lead", self.lead), ("article", self.article))
        beyond_lead = anchor is None or anchor >= self.lead_end
        kept = {mention.start for mention in aside}
        shared = beyond_lead and not kept
        for step, mentions in steps:
            if step == "lead" and shared and vote in self.beyond:
                return self.beyond[vote]
            readings: list[_Reading] = []
            for mention in mentions:
                if mention.role or (vote and not _names_a_body(chosen, mention)) or mention.start in kept:
                    continue
                reading = self._reading(mention)
                if reading is None:
                    continue
                if step in ("lead", "article") and reading.place in self.outlet_places:
                    continue
                readings.append(reading)
            places = [reading for reading in readings if not reading.mention.demonym]
            demonym = not places
            if demonym:
                places = readings
            if not places:
                continue
            resolution = _decide(
                chosen, step, places, None if step == "lead" and beyond_lead else anchor, demonym, self
            )
            if step in ("lead", "article") and shared:
                self.beyond[vote] = resolution
            return resolution
        resolution = _NOTHING
        if shared:
            self.beyond[vote] = resolution
        return resolution


def resolve_text(
    text: str,
    language: str,
    *,
    start: int,
    end: int,
    lead_end: int | None = None,
    ignore: Sequence[str] = (),
    vote: bool = False,
    gazetteer: Gazetteer | None = None,
) -> Resolution:
    """`resolve` for the number text[start:end] of a whole article, its clause and sentence cut
    at punctuation: a convenience for tools and tests until the engine passes its own spans."""
    mentions = find_places(text, language, ignore=ignore, gazetteer=gazetteer)
    sentence_start, sentence_end = _span(text, start, end, ".!?\n")
    clause_start, clause_end = _span(text, start, end, ".!?\n;,:()")
    lead_stop = lead_end if lead_end is not None else _lead_end(text)
    return resolve(
        clause=[m for m in mentions if clause_start <= m.start and m.end <= clause_end],
        sentence=[m for m in mentions if sentence_start <= m.start and m.end <= sentence_end],
        lead=[m for m in mentions if m.end <= lead_stop],
        article=mentions,
        anchor=start,
        ignore=ignore,
        vote=vote,
        gazetteer=gazetteer,
    )


def _names_a_body(gazetteer: Gazetteer, mention: PlaceMention) -> bool:
    return any(place_id.startswith("body:") for place_id in mention.ids)


def _span(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    left = start
    while left > 0 and text[left - 1] not in stops:
        left -= 1
    right = end
    while right < len(text) and text[right] not in stops:
        right += 1
    return left, right


def _lead_end(text: str) -> int:
    """The end of the headline and the first paragraph after it."""
    position = 0
    paragraphs = 0
    while paragraphs < 2:
        found = text.find("\n", position)
        if found < 0:
            return len(text)
        if text[position:found].strip():
            paragraphs += 1
        position = found + 1
    return position


def _context(gazetteer: Gazetteer, mentions: Sequence[PlaceMention]) -> dict[str, int]:
    """Country code -> how many of the article's mentions name only places in it."""
    counts: dict[str, int] = {}
    # The gazetteer's lists, read once (an attribute of its plain class is looked up by name).
    of_place = gazetteer.countries
    position = gazetteer.position
    for mention in mentions:
        if mention.role:
            continue
        countries = {of_place[position[place_id]] for place_id in mention.ids}
        countries.discard("")
        if len(countries) == 1:
            country = countries.pop()
            counts[country] = counts.get(country, 0) + 1
    return counts


def _outlet_places(gazetteer: Gazetteer, names: Sequence[str]) -> set[int]:
    """The places the names of an outlet or agency hold ("France 24", "Jerusalem Post"): those
    that every language's finder reads in a name. An outlet's name is in a language of its own,
    whatever the article's, and a word that one language's finder takes for no place ("Times",
    "Mission" in English) names none there."""
    places: set[int] = set()
    for name in names:
        found: set[int] | None = None
        for language in gazetteer.languages:
            read = {
                gazetteer.position[place_id]
                for mention in find_places(name, language, demonyms=False, gazetteer=gazetteer)
                for place_id in mention.ids
            }
            found = read if found is None else found & read
        places |= found or set()
    return places


def _within(gazetteer: Gazetteer, part: int, whole: int) -> bool:
    parents = gazetteer.parents
    current = part
    for _ in range(16):
        if current == whole:
            return True
        if current < 0:
            return False
        current = parents[current]
    return False


_HOMONYMS_LIMIT: Final = 100_000


def _homonyms(gazetteer: Gazetteer, ids: tuple[str, ...]) -> list[tuple[int, bool, int]]:
    """What a name's candidates give whatever the article: its readings, each with whether it is
    a country and its population (the largest of the candidates it holds); kept by the gazetteer."""
    memo = gazetteer.homonyms
    found = memo.get(ids)
    if found is not None:
        return found
    candidates = [gazetteer.position[place_id] for place_id in ids if place_id in gazetteer.position]
    # Readings: the widest candidate of each group holding one another.
    readings = [
        candidate
        for candidate in candidates
        if not any(other != candidate and _within(gazetteer, candidate, other) for other in candidates)
    ]
    found = [
        (
            reading,
            gazetteer.kinds[reading] == "country",
            max(gazetteer.populations[c] for c in candidates if _within(gazetteer, c, reading)),
        )
        for reading in readings
    ]
    if len(memo) >= _HOMONYMS_LIMIT:
        memo.clear()
    memo[ids] = found
    return found


def _read(gazetteer: Gazetteer, mention: PlaceMention, context: dict[str, int]) -> _Reading | None:
    """The place a mention names, its homonyms told apart (see the module's docstring)."""
    homonyms = _homonyms(gazetteer, mention.ids)
    if not homonyms:
        return None
    if len(homonyms) == 1:
        return _Reading(mention, homonyms[0][0], True)
    # The reading with the highest score, the first of equals (as a stable sort puts it first),
    # and the highest score of the others.
    countries = gazetteer.countries
    scores = [
        (context.get(countries[reading], 0), is_country, population)
        for reading, is_country, population in homonyms
    ]
    chosen = 0
    for index in range(1, len(scores)):
        if scores[index] > scores[chosen]:
            chosen = index
    second: tuple[int, bool, int] | None = None
    for index in range(len(scores)):
        if index != chosen and (second is None or scores[index] > second):
            second = scores[index]
    assert second is not None
    best = scores[chosen]
    certain = best[0] > second[0] or best[1] > second[1] or best[2] >= POPULATION_MARGIN * max(second[2], 1)
    return _Reading(mention, homonyms[chosen][0], certain)


def _decide(
    gazetteer: Gazetteer,
    step: str,
    readings: list[_Reading],
    anchor: int | None,
    demonym: bool,
    article: ArticleResolver | None = None,
) -> Resolution:
    base = STEP_CONFIDENCE[step] * (DEMONYM_FACTOR if demonym else 1.0)
    rule = f"{step}-demonym" if demonym else step
    places: list[int] = []
    for reading in readings:
        if reading.place not in places:
            places.append(reading.place)
    # The most specific place, when every other one holds it.
    if len(places) == 1:
        specific = places
    else:
        specific = [place for place in places if all(_within(gazetteer, place, other) for other in places)]
    if specific:
        place = specific[0]
        certain = all(reading.certain for reading in readings if reading.place == place)
        confidence = base if certain else base * AMBIGUOUS_FACTOR
        return _result(gazetteer, place, confidence, not certain or step == "article", rule, ())
    alternatives = tuple(gazetteer.ids[place] for place in places)
    if step == "article" or (step == "lead" and anchor is None):
        dominant = _dominant(gazetteer, readings)
        return _result(gazetteer, dominant, base * AMBIGUOUS_FACTOR, True, f"{rule}-dominant", alternatives)
    if _joined(readings, article):
        common = _common_ancestor(gazetteer, places)
        if common is None:
            return Resolution(place=None, confidence=base * AMBIGUOUS_FACTOR, ambiguous=True, rule=f"{rule}-several", alternatives=alternatives)
        return _result(gazetteer, common, base * AMBIGUOUS_FACTOR, True, f"{rule}-common", alternatives)
    following = [
        reading
        for reading in readings
        if anchor is not None and 0 <= reading.mention.start - anchor <= FOLLOWING_REACH
    ]
    nearest = min(following or readings, key=lambda reading: _distance(reading.mention, anchor))
    return _result(gazetteer, nearest.place, base * AMBIGUOUS_FACTOR, True, f"{rule}-nearest", alternatives)


# The resolutions made, by their values before rounding: a frozen record is shared, and most
# numbers resolve to one of a few (building one and rounding its confidence cost more than the
# look-up). At most _RESULTS_LIMIT are kept.
_RESULTS: Final[dict[tuple[str, float, bool, str, tuple[str, ...]], Resolution]] = {}
_RESULTS_LIMIT: Final = 20_000


def _result(
    gazetteer: Gazetteer, place: int, confidence: float, ambiguous: bool, rule: str, alternatives: tuple[str, ...]
) -> Resolution:
    place_id = gazetteer.ids[place]
    key = (place_id, confidence, ambiguous, rule, alternatives)
    found = _RESULTS.get(key)
    if found is None:
        found = resolution_of(place_id, round(confidence, 3), ambiguous, rule, alternatives)
        if len(_RESULTS) >= _RESULTS_LIMIT:
            _RESULTS.clear()
        _RESULTS[key] = found
    return found


def _distance(mention: PlaceMention, anchor: int | None) -> int:
    if anchor is None:
        return mention.start
    if mention.start >= anchor:
        return mention.start - anchor
    return anchor - mention.end


# How far apart two places named as one phrase may stand when only joining, compass and locative
# words are between them ("southern Turkey and northern Syria").
JOINED_REACH: Final = 30
_GAP_WORDS: Final = re.compile(r"[^\W\d_]+")
_GAP_BREAK: Final = re.compile(r"[\d.,;:!?()\[\]\n]")


def _joined(readings: list[_Reading], article: ArticleResolver | None = None) -> bool:
    """Whether the places are named as one phrase ("Turkey and Syria", "southern Turkey and
    northern Syria"), no number between them."""
    ordered = sorted(readings, key=lambda reading: reading.mention.start)
    text = article.text if article is not None else ""
    for earlier, later in zip(ordered, ordered[1:]):
        gap = later.mention.start - earlier.mention.end
        if gap < 0:
            return False
        between = text[earlier.mention.end : later.mention.start] if text else ""
        if gap <= JOINED_GAP:
            if any(char.isdigit() for char in between):
                return False
            continue
        if article is None or not article.joining or gap > JOINED_REACH or _GAP_BREAK.search(between):
            return False
        words = [token_key(word) for word in _GAP_WORDS.findall(between)]
        allowed = article.joining | article.between
        if not any(word in article.joining for word in words) or not all(word in allowed for word in words):
            return False
    return True


def _common_ancestor(gazetteer: Gazetteer, places: list[int]) -> int | None:
    first = places[0]
    chain = [first]
    current = gazetteer.parents[first]
    while current >= 0:
        chain.append(current)
        current = gazetteer.parents[current]
    for candidate in chain:
        if all(_within(gazetteer, place, candidate) for place in places):
            return candidate
    return None


def _dominant(gazetteer: Gazetteer, readings: list[_Reading]) -> int:
    """The most specific place that at least half of the mentions lie in, else the most named."""
    counts: dict[int, int] = {}
    # Where each place is named last: of places named as often, the later one is nearer the
    # body of the article (a headline's slip corrected by the lead).
    last: dict[int, int] = {}
    parents = gazetteer.parents
    for reading in readings:
        current = reading.place
        start = reading.mention.start
        while current >= 0:
            counts[current] = counts.get(current, 0) + 1
            last[current] = max(last.get(current, -1), start)
            current = parents[current]
    half = (len(readings) + 1) // 2
    held = [place for place, count in counts.items() if count >= half]
    if held:
        # The deepest of them: the one with the most ancestors.
        return max(held, key=lambda place: (len(_chain(gazetteer, place)), counts[place], last[place]))
    return max(counts, key=lambda place: (counts[place], last[place]))


def _chain(gazetteer: Gazetteer, place: int) -> list[int]:
    chain: list[int] = []
    parents = gazetteer.parents
    current = parents[place]
    while current >= 0 and len(chain) < 16:
        chain.append(current)
        current = parents[current]
    return chain
