"""Find the places and demonyms named in a text: `find_places(text, language)`.

One pass of a regular expression over the text yields the words that may start a place's name:
a capitalised word of a script that has capitals, any word of one that has none (Arabic), by the
lexicons' `[script]` tables (`Gazetteer.start_split`): a further script is a lexicon. Each distinct
word is folded once (`normalize.py`) and its keys kept in a cache, so that a word met again costs
one dict lookup. A key that starts names of several tokens reads the next words ("Gaza Strip",
"Bosnia and Herzegovina", "Совет Безопасности ООН") and the longest name wins. Demonyms written
in lower case ("marocaines", "marokkanische", "марокканские") are looked up word by word, for the
languages that have them (by a trie of their forms where one of several words may stand).

A name is not taken:
- when it is a common word of the language (`words.toml`: "Essen", "Will", "Mobile"), unless a
  locative word stands before it ("in Essen"), or a word that names no place there at all
  ("del Centro", "الخوذ البيضاء");
- right after a title ("President", "Frau"), or when a first name that is also a place ("Florence",
  "Jordan") is followed by a capitalised word, or, in languages that capitalise only names,
  when a capitalised word stands right before it mid-sentence ("Boris Johnson");
- inside the name of an outlet or agency passed as `ignore`.

A name beside a word for a news outlet gets the role "agency", one opening a line as a dateline
the role "dateline": the resolver never takes them as what a number is about.

Plain, fully typed Python, so that mypyc can compile it with the engine."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from claims.extraction.frozen import build, slot_setters
from claims.extraction.gazetteer.index import Gazetteer, default
from claims.extraction.gazetteer.normalize import (
    IN_WORDS,
    WORD_CHARS,
    attached_keys,
    ignored_spans,
    is_word_char,
    next_word,
    overlaps,
    previous_word,
    phrases_pattern,
    trie_pattern,
    prefix_layers,
    token_key,
)
from claims.extraction.gazetteer.types import PlaceMention
from claims.extraction.languages.patterns import is_latin1, latin1_class

_WORDS: Final = re.compile(f"[{WORD_CHARS}]+")
# A word as `Document` cuts them.
_W_RUN: Final = re.compile(r"\w+")
# Within a clause: a comma ends the words that can name an outlet beside a place.
_CLAUSE_BREAK: Final = re.compile(r"[.!?;,،\n]")
# A dateline: the name opens a line and is followed by a date or an agency in brackets, then a
# dash or colon ("ANKARA, Feb. 7 (Reuters) -", "Madrid, 30 oct (EFE).-", "BEIRUT —").
_DATELINE_AFTER: Final = re.compile(
    r"[ \t]*(?:,[^\n(),]{0,30}){0,2}[ \t]*(?:\([^()\n]{1,40}\)[ \t]*\.?[ \t]*[-–—:]?|\.?[-–—]{1,2})[ \t]"
)
_AGENCY_BEFORE_WORDS: Final = 2
_AGENCY_AFTER_WORDS: Final = 3
_AGENCY_WINDOW: Final = 50
# Characters after which a word opens a sentence.
_OPENERS: Final = frozenset('.!?:;\n"«»“”([')
# Each cache of a finder (one a language) holds at most this many words: some 2 MB, where a
# worker reading news for weeks would otherwise keep every capitalised word it ever met.
_CACHE_LIMIT: Final = 20_000
_SHORT_CAPITALS: Final = 4
# PlaceMention(start, end, surface, ids, demonym, role, qualified) is built faster from these (`frozen.build`).
_MENTION_SETTERS: Final = slot_setters(PlaceMention)


class Finder:
    """The finder of one language over one gazetteer; keeps a cache of the words it has folded."""

    def __init__(self, gazetteer: Gazetteer, language: str) -> None:
        data = gazetteer.data
        self.gazetteer = gazetteer
        self.language = language
        self.ids: list[str] = gazetteer.ids
        self.aliases: dict[str, int | tuple[int, ...]] = data["aliases"]
        self.demonyms: dict[str, int | tuple[int, ...]] = data["demonyms"]
        self.first: dict[str, int] = data["first"]
        self.abbreviations: dict[str, int | tuple[int, ...]] = data["abbreviations"]
        self.abbreviation_first: dict[str, int] = data["abbreviation_first"]
        words: dict[str, list[str]] = data["words"].get(language, {})
        self.common: frozenset[str] = frozenset(words.get("common", ()))
        self.never: frozenset[str] = frozenset(words.get("never", ()))
        self.locative: frozenset[str] = frozenset(words.get("locative", ()))
        self.titles: frozenset[str] = frozenset(words.get("titles", ()))
        self.given_names: frozenset[str] = frozenset(words.get("given_names", ()))
        self.agency: frozenset[str] = frozenset(words.get("agency", ()))
        self.qualifiers: frozenset[str] = frozenset(words.get("qualifiers", ()))
        self.areas: frozenset[str] = frozenset(words.get("areas", ()))
        self.regions: frozenset[str] = frozenset(words.get("regions", ()))
        self.genitive: frozenset[str] = frozenset(words.get("genitive", ()))
        self.joining: frozenset[str] = frozenset(words.get("joining", ()))
        self.compass: frozenset[str] = frozenset(words.get("compass", ()))
        self.relative: frozenset[str] = frozenset(words.get("relative", ()))
        self.share: frozenset[str] = frozenset(words.get("share", ()))
        self.pairs_are_names: bool = "pairs_are_names" in words.get("flags", ())
        self.with_article: frozenset[str] = frozenset(words.get("with_article", ()))
        self.nouns_capitalised: bool = "nouns_capitalised" in words.get("flags", ())
        self.route: frozenset[str] = frozenset(words.get("route", ()))
        self.route_after: frozenset[str] = frozenset(words.get("route_after", ()))
        self.nationwide = phrases_pattern(words.get("nationwide", []))
        self.elsewhere = phrases_pattern(words.get("elsewhere", []))
        flags = words.get("flags", ())
        # Names that carry prefixes and the article ("بحمص", "السورية", "בחיפה"), and names with a
        # genitive "s" ("Spaniens"): words.toml data, so that no language is tested by name.
        self.attached: list[list[tuple[str, str]]] = prefix_layers(words.get("attached_prefixes", []))
        # The letters an attached prefix starts with: a word opening with none is read whole.
        self.attached_letters: frozenset[str] = frozenset(prefix[:1] for layer in self.attached for prefix, _ in layer)
        self.article_openings: tuple[str, ...] = tuple(words.get("article_openings", ()))
        self.locative_prefixes: tuple[str, ...] = tuple(words.get("locative_prefixes", ()))
        self.genitive_s: bool = "genitive_s" in flags
        lower: list[str] = data["lower_demonyms"].get(language, [])
        # The lower-case demonyms: one word each, looked up word by word; a few are written in several
        # ("nord-coréen"), found by the trie of all of them (`_lower_pattern`), compiled only for a
        # text where the opening of one stands ("nord-").
        self.lower_demonyms: list[str] = sorted(lower)
        self.lower_words: frozenset[str] = frozenset([form for form in lower if _W_RUN.fullmatch(form)])
        # The length of the shortest of them: a shorter word ("de", "und") is never one.
        self.lower_shortest: int = min([len(form) for form in self.lower_words], default=0)
        self.lower_openings: tuple[str, ...] = tuple(
            sorted({_opening(form) for form in lower if form not in self.lower_words})
        )
        self._lower_pattern: re.Pattern[str] | None = None
        self.start_split: re.Pattern[str] = gazetteer.start_split
        # The same for a text of characters below U+0100, its classes cut to those, which `re` reads
        # faster for each character it scans than classes holding letters of other scripts.
        self.latin1_split = re.compile(f"([{latin1_class(data['start_letters'])}][{latin1_class(WORD_CHARS)}]*)")
        self.cache: dict[str, tuple[str, ...]] = {}
        self.next_cache: dict[str, str] = {}
        self.ids_cache: dict[tuple[int, ...], tuple[str, ...]] = {}

    # Keys ------------------------------------------------------------------------------------

    def _known(self, key: str) -> bool:
        return key in self.aliases or key in self.first or key in self.demonyms

    def _first_keys(self, word: str) -> tuple[str, ...]:
        """The keys a word that may start a name stands for, known ones only (cached)."""
        keys = self.cache.get(word)
        if keys is not None:
            return keys
        candidates: list[str]
        if word[0] in self.attached_letters:
            candidates = attached_keys(word, self.attached)
        else:
            candidates = [token_key(word)]
            if self.genitive_s and len(word) > 4 and candidates[0].endswith("s"):
                stripped = candidates[0][:-1]
                # "Syriens" is Syria's genitive, though another language's demonym is spelt so.
                if stripped in self.aliases and candidates[0] not in self.aliases:
                    candidates.insert(0, stripped)
                else:
                    candidates.append(stripped)
        keys = tuple(key for key in candidates if self._known(key))
        if len(self.cache) > _CACHE_LIMIT:
            self.cache.clear()
        self.cache[word] = keys
        return keys

    def _next_key(self, word: str) -> str:
        key = self.next_cache.get(word)
        if key is None:
            key = token_key(word)
            if len(self.next_cache) > _CACHE_LIMIT:
                self.next_cache.clear()
            self.next_cache[word] = key
        return key

    # Finding ---------------------------------------------------------------------------------

    def says_nationwide(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] gives its numbers the whole country's scope ("nationwide",
        "dans tout le pays", "landesweit"; `nationwide` in words.toml)."""
        return self.nationwide is not None and self.nationwide.search(text, start, end) is not None

    def elsewhere_at(self, text: str, start: int, end: int) -> int:
        """Where text[start:end] first speaks of the rest of a country ("6 elsewhere in the country",
        "le reste du pays"; `elsewhere` in words.toml); -1 where it does not."""
        found = self.elsewhere.search(text, start, end) if self.elsewhere is not None else None
        return -1 if found is None else found.start()

    def is_route(self, text: str, mention: PlaceMention) -> bool:
        """Whether a mention names a way through, not a place things happen in ("via Rafah",
        "the Rafah crossing", "par le point de passage de Rafah"; `route` in words.toml)."""
        if not self.route and not self.route_after:
            return False
        previous_start, previous_end = previous_word(text, mention.start)
        if previous_start >= 0:
            previous = self._next_key(text[previous_start:previous_end])
            if previous in self.route:
                return True
            # "point de passage de Rafah", "paso de Rafah": the word before a preposition.
            if previous in self.locative:
                before_start, before_end = previous_word(text, previous_start)
                if before_start >= 0 and self._next_key(text[before_start:before_end]) in self.route:
                    return True
        if mention.end >= len(text) or text[mention.end] != " ":
            return False
        word_start, word_end = next_word(text, mention.end)
        return word_start >= 0 and self._next_key(text[word_start:word_end]) in self.route_after

    def find(
        self,
        text: str,
        ignore: Sequence[str] = (),
        demonyms: bool = True,
        demonym_spans: Sequence[tuple[int, int]] | None = None,
    ) -> list[PlaceMention]:
        """The mentions of `text`; lower-case demonyms only within `demonym_spans` when given
        (the sentences that carry a number, for the engine), everywhere otherwise."""
        blocked = ignored_spans(text, ignore)
        mentions: list[PlaceMention] = []
        cache = self.cache
        abbreviation_first = self.abbreviation_first
        resume = 0
        parts = (self.latin1_split if text.isascii() or is_latin1(text) else self.start_split).split(text)
        position = 0
        for index in range(1, len(parts), 2):
            word: str = parts[index]
            start = position + len(parts[index - 1])
            word_end = start + len(word)
            position = word_end
            keys = cache.get(word)
            # Most words are known to start no name: nothing more is asked of them.
            if keys is not None and not keys and word not in abbreviation_first:
                continue
            if start < resume:
                continue
            if start > 0 and text[start - 1].isalnum():
                continue
            found: tuple[int, tuple[int, ...], bool] | None = None
            short_capitals = word.isupper() and len(word) <= _SHORT_CAPITALS
            if short_capitals and word in abbreviation_first:
                found = self._abbreviation(text, word_end, word)
            if found is None:
                if keys is None:
                    keys = self._first_keys(word)
                if not keys:
                    continue
                found = self._longest(text, word_end, keys)
            if found is None:
                continue
            if found[0] == word_end and not found[2] and word.startswith(self.article_openings):
                # "السورية" is "the Syrian", though "سورية" is also Syria's name: with the article,
                # a word that is both a name and a demonym is the demonym.
                for key in self._first_keys(word):
                    value = self.demonyms.get(key)
                    if value is not None:
                        found = (found[0], _as_tuple(value), True)
                        break
            if short_capitals and not self._short_capitals_name(text, start, word_end, found):
                continue
            end, places, demonym = found
            if overlaps(blocked, start, end):
                continue
            mention = self._judge(text, start, end, places, demonym, mentions)
            if mention is not None:
                mentions.append(mention)
                resume = end
        if demonyms and self.lower_demonyms:
            mentions = self._add_lower_demonyms(text, mentions, blocked, demonym_spans)
        return mentions

    def add_lower_demonyms(
        self,
        text: str,
        mentions: list[PlaceMention],
        spans: Sequence[tuple[int, int]],
        words: Sequence[tuple[list[int], list[int]]] | None = None,
    ) -> list[PlaceMention]:
        """`mentions` (found with `demonyms=False`) and the lower-case demonyms within `spans`, in
        text order; `words` the starts and ends of each span's words (`\\w` runs), when known."""
        if not self.lower_demonyms or not spans:
            return mentions
        return self._add_lower_demonyms(text, mentions, [], spans, words)

    def _abbreviation(self, text: str, position: int, word: str) -> tuple[int, tuple[int, ...], bool] | None:
        tokens = [word]
        ends = [position]
        for _ in range(self.abbreviation_first[word] - 1):
            word_start, word_end = next_word(text, position)
            if word_start < 0:
                break
            tokens.append(text[word_start:word_end])
            position = word_end
            ends.append(position)
        for count in range(len(tokens), 0, -1):
            value = self.abbreviations.get(" ".join(tokens[:count]))
            if value is not None:
                return ends[count - 1], _as_tuple(value), False
        return None

    def _longest(self, text: str, position: int, keys: tuple[str, ...]) -> tuple[int, tuple[int, ...], bool] | None:
        """The longest name or demonym starting with one of `keys` (a word ending at `position`):
        its end, its places, and whether it is a demonym."""
        aliases = self.aliases
        demonyms = self.demonyms
        first = self.first
        for key in keys:
            best: tuple[int, tuple[int, ...], bool] | None = None
            value = aliases.get(key)
            if value is not None:
                best = (position, _as_tuple(value), False)
            else:
                value = demonyms.get(key)
                if value is not None:
                    best = (position, _as_tuple(value), True)
            joined = key
            cursor = position
            while joined in first:
                word_start, word_end = next_word(text, cursor)
                if word_start < 0:
                    break
                joined = joined + " " + self._next_key(text[word_start:word_end])
                cursor = word_end
                value = aliases.get(joined)
                if value is not None:
                    best = (cursor, _as_tuple(value), False)
                    continue
                value = demonyms.get(joined)
                if value is not None:
                    best = (cursor, _as_tuple(value), True)
            if best is not None:
                return best
        return None

    def _short_capitals_name(
        self, text: str, word_start: int, word_end: int, found: tuple[int, tuple[int, ...], bool]
    ) -> bool:
        """Whether a short word in capitals ("UN", "DANA", "SAMS", "BAKU") found as a name is one:
        the start of a longer name ("UN Security Council"), a country's or body's own short form
        ("КНДР"), or a dateline opening a line ("BAKU, Feb. 7 (Trend) -"). Otherwise such a word
        is an acronym that happens to spell a town's alternate name."""
        end, places, _ = found
        if end > word_end:
            return True
        kinds = self.gazetteer.kinds
        if all(kinds[index] != "city" for index in places) and not any(
            self.gazetteer.ids[index].startswith("iso:") and kinds[index] == "admin1" for index in places
        ):
            return True
        line_start = text.rfind("\n", 0, word_start) + 1
        return not text[line_start:word_start].strip() and bool(_DATELINE_AFTER.match(text, end))

    def _judge(
        self,
        text: str,
        start: int,
        end: int,
        places: tuple[int, ...],
        demonym: bool,
        mentions: list[PlaceMention],
    ) -> PlaceMention | None:
        """The mention of text[start:end], or None when the words around make it no place."""
        surface = text[start:end]
        key = self._next_key(surface) if " " not in surface else ""
        previous_start, previous_end = previous_word(text, start)
        previous_key = self._next_key(text[previous_start:previous_end]) if previous_start >= 0 else ""
        if previous_key in self.titles or (not demonym and key in self.never):
            return None
        if not demonym and key and key in self.common and previous_key not in self.locative:
            # A preposition written onto the name (بحمص) is a locative word too.
            if not (surface.startswith(self.locative_prefixes) and self._next_key(surface) not in self.common):
                return None
        following_word = ""
        if key in self.given_names or self.areas or self.regions:
            if end < len(text) and text[end] == " ":
                word_start, word_end = next_word(text, end)
                if word_start >= 0:
                    following_word = text[word_start:word_end]
        if key in self.given_names and following_word[:1].isupper():
            return None
        if (
            self.pairs_are_names
            and previous_start >= 0
            and text[previous_end:start] == " "
            and _is_titlecase(text[previous_start:previous_end])
            and previous_key not in self.qualifiers
            and previous_key not in self.locative
            and not (mentions and mentions[-1].end == previous_end)
            and (previous_key in self.given_names or not _opens_sentence(text, previous_start))
        ):
            return None
        qualified = False
        if (self.areas or self.regions) and not demonym:
            promoted = self._promote(places, previous_key, following_word, text, previous_start)
            qualified = promoted != places
            places = promoted
        role = ""
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip() and _DATELINE_AFTER.match(text, end):
            role = "dateline"
        elif self.agency and (demonym or self._names_a_country(places)) and self._beside_agency(text, start, end):
            role = "agency"
        values = (start, end, surface, self._ids_of(places), demonym, role, qualified)
        return build(PlaceMention, _MENTION_SETTERS, values)

    def _ids_of(self, places: tuple[int, ...]) -> tuple[str, ...]:
        """The ids of gazetteer positions, made once for each set of positions met."""
        ids = self.ids_cache.get(places)
        if ids is None:
            ids = tuple([self.ids[index] for index in places])
            if len(self.ids_cache) > _CACHE_LIMIT:
                self.ids_cache.clear()
            self.ids_cache[places] = ids
        return ids

    def _names_a_country(self, places: tuple[int, ...]) -> bool:
        kinds = self.gazetteer.kinds
        for index in places:
            if kinds[index] == "country":
                return True
        return False

    def _promote(
        self, places: tuple[int, ...], previous_key: str, following_word: str, text: str, previous_start: int
    ) -> tuple[int, ...]:
        """Beside "province", "محافظة", "область": a town's name is its province's (the area it is
        the seat of). Beside "region", "région de", "región de": the widest subdivision holding it
        (a Spanish town's autonomous community, not its province)."""
        following_key = self._next_key(following_word) if following_word else ""
        cue = previous_key
        if cue in self.genitive and previous_start >= 0:
            # "la région de Valence", "the region of Valencia": the word before the preposition.
            before_start, before_end = previous_word(text, previous_start)
            cue = self._next_key(text[before_start:before_end]) if before_start >= 0 else ""
        region = cue in self.regions or following_key in self.regions
        if not region and cue not in self.areas and following_key not in self.areas:
            return places
        parents = self.gazetteer.parents
        kinds = self.gazetteer.kinds
        ids = self.ids
        promoted: list[int] = []
        for index in places:
            parent = parents[index]
            area = index
            if kinds[index] == "city" and parent >= 0 and kinds[parent] in ("admin1", "territory", "region"):
                if not ids[parent].startswith("geonames-admin1:"):
                    area = parent
            if region:
                # Up to the subdivision right under the country.
                while True:
                    above = parents[area]
                    if above < 0 or kinds[above] != "admin1" or ids[above].startswith("geonames-admin1:"):
                        break
                    area = above
            if area not in promoted:
                promoted.append(area)
        return tuple(promoted)

    def _beside_agency(self, text: str, start: int, end: int) -> bool:
        """Whether a word for a news outlet stands within a few words of text[start:end], in the same
        clause and with no locative word between ("the Turkish agency", "وكالة الأنباء السورية")."""
        before_text = text[max(0, start - _AGENCY_WINDOW) : start]
        breaks = list(_CLAUSE_BREAK.finditer(before_text))
        if breaks:
            before_text = before_text[breaks[-1].end() :]
        before = [self._next_key(word) for word in _WORDS.findall(before_text)[-_AGENCY_BEFORE_WORDS:]]
        after_text = text[end : end + _AGENCY_WINDOW]
        cut = _CLAUSE_BREAK.search(after_text)
        if cut is not None:
            after_text = after_text[: cut.start()]
        # "Azerbaijan's Trend news agency": the possessive's "s" is no word between them.
        after_words = _WORDS.findall(after_text)[: _AGENCY_AFTER_WORDS + 1]
        after = [key for key in (self._next_key(word) for word in after_words) if key != "s"][:_AGENCY_AFTER_WORDS]
        for word in reversed(before):
            if word in self.agency:
                return True
            if word in self.locative:
                break
        for word in after:
            if word in self.agency:
                return True
            if word in self.locative:
                break
        return False

    def _add_lower_demonyms(
        self,
        text: str,
        mentions: list[PlaceMention],
        blocked: list[tuple[int, int]],
        spans: Sequence[tuple[int, int]] | None,
        words: Sequence[tuple[list[int], list[int]]] | None = None,
    ) -> list[PlaceMention]:
        extra: list[PlaceMention] = []
        chosen = spans if spans is not None else [(0, len(text))]
        for index in range(len(chosen)):
            span_start, span_end = chosen[index]
            if words is not None:
                starts, ends = words[index]
            else:
                runs = list(_W_RUN.finditer(text, span_start, span_end))
                starts, ends = [run.start() for run in runs], [run.end() for run in runs]
            for start, end in self._lower_spans(text, span_start, span_end, starts, ends):
                if start > 0 and is_word_char(text[start - 1]):
                    continue
                if overlaps(blocked, start, end):
                    continue
                surface = text[start:end]
                value = self.demonyms.get(token_key(surface))
                if value is None:
                    continue
                role = "agency" if self._beside_agency(text, start, end) else ""
                values = (start, end, surface, self._ids_of(_as_tuple(value)), True, role, False)
                extra.append(build(PlaceMention, _MENTION_SETTERS, values))
        if not extra:
            return mentions
        return sorted([*mentions, *extra], key=_mention_start)

    def _lower_spans(self, text: str, start: int, end: int, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
        """Where the trie of the lower-case demonyms, followed by no word character, matches in
        text[start:end] whose words (`\\w` runs) are at `starts` and `ends`; those that start within
        a word apart, which the caller drops. Where no demonym of several words can stand, these
        are the words that are demonyms with no mark that sits inside words (`IN_WORDS`) beside
        them: a match ends where a word does, and one that starts inside a word covers the rest
        of that word only."""
        for opening in self.lower_openings:
            if text.find(opening, start, end) >= 0:
                if self._lower_pattern is None:
                    self._lower_pattern = re.compile(trie_pattern(self.lower_demonyms) + f"(?![{WORD_CHARS}])")
                return [match.span() for match in self._lower_pattern.finditer(text, start, end)]
        found: list[tuple[int, int]] = []
        lower_words = self.lower_words
        shortest = self.lower_shortest
        for index in range(len(starts)):
            word_start = starts[index]
            word_end = ends[index]
            if (
                word_end - word_start >= shortest
                and text[word_start:word_end] in lower_words
                and (word_start == start or text[word_start - 1] not in IN_WORDS)
                and (word_end == end or text[word_end] not in IN_WORDS)
            ):
                found.append((word_start, word_end))
        return found


def _mention_start(mention: PlaceMention) -> int:
    return mention.start


def _opening(form: str) -> str:
    """What a text holds where a form of several words stands: its first word and the character
    after it ("nord-" of "nord-coréen")."""
    first = _W_RUN.match(form)
    return form[: first.end() + 1] if first is not None else form[:1]


def _as_tuple(value: int | tuple[int, ...]) -> tuple[int, ...]:
    return (value,) if isinstance(value, int) else value


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is a sentence's or a line's first."""
    position = start
    while position > 0 and text[position - 1] in " \t\u00a0":
        position -= 1
    return position == 0 or text[position - 1] in _OPENERS


def _is_titlecase(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


_FINDERS: Final[dict[tuple[int, str], Finder]] = {}


def finder(language: str, gazetteer: Gazetteer | None = None) -> Finder:
    """The finder of `language` over `gazetteer` (the process's own by default), made once."""
    chosen = gazetteer if gazetteer is not None else default()
    key = (id(chosen), language)
    found = _FINDERS.get(key)
    if found is None or found.gazetteer is not chosen:
        found = Finder(chosen, language)
        _FINDERS[key] = found
    return found


def find_places(
    text: str,
    language: str,
    *,
    ignore: Sequence[str] = (),
    demonyms: bool = True,
    gazetteer: Gazetteer | None = None,
) -> list[PlaceMention]:
    """The places and demonyms named in `text` (a sentence or a whole article), in order.

    `language` is the text's ISO 639-1 code; `ignore` the names of the outlet and the wire
    agencies, whose words never count as places ("Jerusalem Post", "Kaieteur News");
    `demonyms=False` skips the lower-case demonyms, the costlier half of the search.
    """
    return finder(language, gazetteer).find(text, ignore, demonyms)
