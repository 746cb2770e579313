"""The Language interface: one language's lexicon compiled into regexes and word lookups.

The engine asks a `Language` object ("is this word a metric word?", "where are the qualifiers?")
and never branches on a language code, so a new language is a new lexicon file plus tests.

Matching runs on a *normalised* copy of the text produced by `Language.normalise`, which maps one
character to exactly one character (Eastern Arabic digits to ASCII, typographic apostrophes and
dashes to ASCII), so every offset found in it is an offset in the original text.
All patterns are Unicode-aware (`\\w` covers Cyrillic and Arabic letters) and inflection is handled
by stems: a lexicon entry ending in `*` matches any word starting with it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, cast

# Characters mapped one-to-one before matching. Arabic-Indic and extended (Persian) digits are
# mapped for every language so that Arabic and Persian text read like any other.
_BASE_CHAR_MAP: dict[int, str] = {
    **{0x0660 + i: str(i) for i in range(10)},
    **{0x06F0 + i: str(i) for i in range(10)},
    ord("\u2019"): "'",
    ord("\u2018"): "'",
    ord("\u02bc"): "'",
    ord("\u2010"): "-",
    ord("\u2011"): "-",
    ord("\u2012"): "-",
    ord("\u2013"): "-",
    ord("\u2212"): "-",
    # Arabic decimal and thousands separators.
    ord("\u066b"): ",",
    ord("\u066c"): ".",
}

# No-break space, narrow no-break space, thin space: digit groups in fr/es/de typography.
GROUP_SPACES = "\u00a0\u202f\u2009"
SPACE = r"[\s\u00a0\u202f\u2009]"

METRICS = (
    "deaths",
    "injured",
    "missing",
    "hostages_held",
    "hostages_released",
    "displaced",
    "detained",
    "aid_trucks",
)


# The roles a word can have (`WordInfo`'s attributes).
_WORD_INFO_FIELDS = (
    "metric",
    "group",
    "minutes",
    "vote",
    "vote_weak",
    "vote_noun",
    "vote_members",
    "vote_context",
    "stop",
    "percent",
    "age",
    "release",
    "prisoner",
    "toll",
    "condition",
)


class WordInfo:
    """What one lower-cased word means to the engine (a word may have several roles)."""

    __slots__ = _WORD_INFO_FIELDS

    def __init__(self) -> None:
        self.metric: str | None = None
        self.group: str | None = None
        self.minutes: Decimal | None = None
        self.vote: str | None = None
        self.vote_weak: str | None = None
        self.vote_noun = False
        self.vote_members = False
        self.vote_context = False
        self.stop = False
        self.percent = False
        self.age = False
        self.release = False
        self.prisoner = False
        self.toll = False
        self.condition = False

    def merge(self, other: WordInfo) -> WordInfo:
        merged = WordInfo()
        for slot in _WORD_INFO_FIELDS:
            mine = getattr(self, slot)
            setattr(merged, slot, mine if mine not in (None, False) else getattr(other, slot))
        return merged

    @property
    def is_noun_like(self) -> bool:
        """A word that can head a counted phrase ("300 *people*", "50 *minutes*")."""
        return bool(
            self.metric
            or self.group
            or self.minutes is not None
            or self.vote_noun
            or self.vote_members
            or self.vote
            or self.percent
            or self.prisoner
        )


EMPTY_INFO = WordInfo()
_MATCH_TEXT = re.Match.group


def _atoms(phrase: str) -> list[str]:
    """A lexicon phrase as regex atoms: one per character, a run of spaces matching any run of
    spaces, "_" any one word, and a trailing "*" any word ending."""
    stem = phrase.endswith("*")
    body = phrase[:-1] if stem else phrase
    atoms: list[str] = []
    for index, word in enumerate(body.split()):
        if index:
            atoms.append(SPACE + "+")
        if word == "_":
            atoms.append(r"[\w-]+")
        else:
            atoms.extend(re.escape(char) for char in word)
    if stem:
        atoms.append(r"\w*")
    return atoms


def phrase_pattern(phrase: str) -> str:
    """Regex for one lexicon phrase (see `_atoms`)."""
    return "".join(_atoms(phrase))


_END = ""
_QUALIFIER_KINDS = ("more_than", "at_least", "approx", "less_than", "at_most", "between")
# A pattern that matches nothing, and that `re` rejects a whole text for in one quick scan (it opens
# with a character class that no character is in).
NOTHING = r"[^\s\S]"
# Characters checked ahead of a trie (see `_guard`).
_GUARD_DEPTH = 3


def alternation(phrases: Iterable[str], ignorecase: bool = True) -> str:
    """All phrases as one trie-shaped regex, for a pattern compiled with IGNORECASE (or, with
    `ignorecase=False`, for a case-sensitive part of one).

    Python's `re` tries the branches of a plain alternation one after another at every position;
    shared prefixes folded into a trie make a failed position cost a character or two, which is
    most of the engine's speed on long texts. A node that ends a phrase and also continues is
    emitted as an optional group, so the longer phrase is tried first ("bande de Gaza" over "Gaza").
    """
    trie = _trie(phrases)
    if not trie:
        return NOTHING
    if ignorecase:
        _learn_folds([char for phrase in _trie_atoms(trie) if (char := _atom_char(phrase)) is not None])
    return "(?:" + _guard(trie, ignorecase) + _emit(trie, ignorecase) + ")"


def _trie_atoms(node: dict[str, Any]) -> Iterator[str]:
    for atom, child in node.items():
        yield atom
        yield from _trie_atoms(child)


# -- case folding ---------------------------------------------------------------------------
# Under IGNORECASE, `re` compares a letter through its case folding, and a branch that opens with
# such a letter cannot be rejected before it is entered: every branch of a trie costs a full
# attempt at every word start. A case-sensitive class of exactly the characters the letter matches
# under IGNORECASE matches the same characters, and lets `re` skip a branch on its first character.
# The classes are found by `re` itself, over every code point, so they are exact by construction.

# Character -> every character that matches it under IGNORECASE (itself included).
_FOLDS: dict[str, str] = {}


def _every_character() -> Iterator[str]:
    """All code points, surrogates included, as strings of 65,536 (one plane each, to stay small)."""
    # UTF-32-LE: the code point's low byte, its second byte, the plane, a zero byte.
    low = bytes(range(256)) * 256
    second = b"".join([bytes([byte]) * 256 for byte in range(256)])
    for plane in range((sys.maxunicode + 1) // 0x10000):
        units = bytearray(4 * 0x10000)
        units[0::4], units[1::4], units[2::4] = low, second, bytes([plane]) * 0x10000
        yield units.decode("utf-32-le", "surrogatepass")


def _learn_folds(chars: Iterable[str]) -> None:
    """Fill `_FOLDS` for the characters (a language learns all of its lexicon's at once: one pass)."""
    missing = {char for char in chars if char not in _FOLDS}
    if not missing:
        return
    # A class of all of them matches, at each character, what any one of them matches alone.
    union = re.compile("[" + "".join(map(re.escape, sorted(missing))) + "]", re.IGNORECASE)
    candidates = "".join(sorted({char for plane in _every_character() for char in union.findall(plane)}))
    for char in missing:
        _FOLDS[char] = "".join(re.findall(re.escape(char), candidates, re.IGNORECASE))


def _characters(data: Any) -> set[str]:
    """Every character of the strings in a lexicon (keys and values, at any depth)."""
    if isinstance(data, str):
        return set(data)
    if isinstance(data, Mapping):
        return set().union(*[_characters(key) | _characters(value) for key, value in data.items()])
    if isinstance(data, (list, tuple)):
        return set().union(*[_characters(item) for item in data])
    return set()


def _folded(chars: Iterable[str]) -> str:
    """A case-sensitive class matching what `chars` match under IGNORECASE, or "" if they have no case."""
    members: set[str] = set()
    for char in chars:
        members.update(_FOLDS.get(char, char))
    if all(len(_FOLDS.get(char, char)) == 1 for char in chars):
        return ""
    return "(?-i:[" + "".join(re.escape(member) for member in sorted(members)) + "])"


def _emit_atom(atom: str, ignorecase: bool) -> str:
    char = _atom_char(atom) if ignorecase else None
    return (_folded([char]) or atom) if char is not None else atom


# Characters a guard may name: one escaped or plain character standing for itself.
def _atom_char(atom: str) -> str | None:
    if len(atom) == 1:
        char = atom
    elif len(atom) == 2 and atom[0] == "\\":
        char = atom[1]
    else:
        return None
    # "\x00" stands for a space in a place name until `_build_places` replaces it.
    return None if char == "\x00" else char


def _guard(trie: dict[str, Any], ignorecase: bool, depth: int = _GUARD_DEPTH) -> str:
    """A lookahead naming the characters every phrase can start with, position by position.

    `re` tries the branches of an alternation one after another, and under IGNORECASE none of them
    fails fast, so a word start costs one attempt per first letter of the lexicon. A character
    class per position rejects most word starts in one step. It only restates what the trie
    requires (up to its first optional end or non-literal atom), so it never changes a match.
    """
    classes: list[str] = []
    level = [trie]
    for _ in range(depth):
        chars: set[str] = set()
        following: list[dict[str, Any]] = []
        for node in level:
            if _END in node:
                level = []
                break
            for atom, child in node.items():
                char = _atom_char(atom)
                if char is None:
                    level = []
                    break
                chars.add(char)
                following.append(child)
            if not level:
                break
        if not level or not chars:
            break
        classes.append(
            (_folded(chars) if ignorecase else "") or "[" + "".join(sorted(re.escape(char) for char in chars)) + "]"
        )
        level = following
    return "(?=" + "".join(classes) + ")" if classes else ""


def _emit(node: dict[str, Any], ignorecase: bool) -> str:
    """The trie as a regex. Under IGNORECASE, a letter that opens one of several branches is written
    as its case-sensitive class (see `_folded`), so that `re` can skip the branch at once."""
    several = sum(1 for atom in node if atom != _END) > 1
    branches = [
        _emit_atom(atom, ignorecase and several) + _emit(child, ignorecase)
        for atom, child in sorted(node.items())
        if atom != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return "(?:" + body + ")?"
    return body


# Most distinct first letters for which `leading_words` pays.
_LEADING_WORDS_FIRSTS = 6


def bounded_words(phrases: Iterable[str]) -> str:
    """`bounded(alternation(phrases))` under IGNORECASE, as a pattern to compile without IGNORECASE
    (see `leading_words`)."""
    return leading_words(phrases) + r"(?!\w)"


def leading_words(phrases: Iterable[str]) -> str:
    """A word boundary and `alternation(phrases)` under IGNORECASE, as the start of a pattern to compile
    *without* IGNORECASE, which `re` scans several times faster.

    `re` skips ahead to the characters a match can start with only when a pattern opens with
    case-sensitive literals; a leading word-boundary lookbehind or a case-insensitive letter makes
    it attempt a match at every position of the text. Here the first letter of each branch is
    written out once per character that matches it under IGNORECASE (see `_folded`), the word
    boundary is checked one character back, after it, and the rest of the branch is matched under
    IGNORECASE as before. Same matches, at the same places.
    """
    trie = _trie(phrases)
    if not trie:
        return NOTHING
    firsts = {_atom_char(atom) for atom in trie}
    # With many first letters nearly every character is a candidate, and the plain form is faster.
    if None in firsts or len({char.lower() for char in firsts if char}) > _LEADING_WORDS_FIRSTS:
        return r"(?i:(?<!\w)" + alternation(phrases) + ")"
    _learn_folds([char for atom in _trie_atoms(trie) if (char := _atom_char(atom)) is not None])
    branches = []
    for atom, child in sorted(trie.items()):
        first = _atom_char(atom)
        assert first is not None
        rest = _emit(child, True)
        for char in _FOLDS.get(first, first):
            branches.append(rf"{re.escape(char)}(?<!\w[\s\S])" + (f"(?i:{rest})" if rest else ""))
    return "(?:" + "|".join(branches) + ")"


def _trie(phrases: Iterable[str]) -> dict[str, Any]:
    trie: dict[str, Any] = {}
    for phrase in set(phrases):
        if not phrase:
            continue
        node = trie
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node[_END] = {}
    return trie


def first_letters(phrases: Iterable[str]) -> str:
    """A lookahead for the characters the phrases start with (under IGNORECASE), or "" if one of
    them starts with something else than a character."""
    trie = _trie(phrases)
    firsts = [_atom_char(atom) for atom in trie]
    if not firsts or None in firsts:
        return ""
    chars = [char for char in firsts if char is not None]
    _learn_folds(chars)
    return "(?=" + (_folded(chars) or "[" + "".join(sorted(map(re.escape, chars))) + "]") + ")"


def prefix_guard(phrases: Iterable[str], depth: int = _GUARD_DEPTH) -> str:
    """A lookahead, for a pattern compiled with IGNORECASE, that holds wherever one of the phrases can
    start: the first `depth` characters of each (up to its first atom that is neither a character
    nor a run of spaces), as a trie of case-sensitive classes, so that a position none of them
    starts at fails in a few steps.

    Unlike `_guard`, the characters are checked together ("th" of "three" does not let "tw" pass).
    It restates what every phrase requires, so it never rejects a position where one matches.
    """
    _learn_folds([char for phrase in phrases for char in phrase])
    trie: dict[str, Any] = {}
    for phrase in set(phrases):
        node = trie
        for atom in _atoms(phrase)[:depth]:
            char = _atom_char(atom)
            if char is not None:
                # Letters that match each other under IGNORECASE share a node.
                key = _folded([char]) or re.escape(char)
            elif atom == SPACE + "+":
                key = SPACE
            else:
                break
            node = node.setdefault(key, {})
        node[_END] = {}

    def emit(node: dict[str, Any]) -> str:
        if _END in node:
            return ""
        branches = [key + emit(child) for key, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return "(?=" + emit(trie) + ")" if trie and _END not in trie else ""


def bounded(pattern: str) -> str:
    """A pattern that neither starts nor ends inside a word."""
    return rf"(?<!\w){pattern}(?!\w)"


def _case_scoped(names: Iterable[str]) -> str:
    """Alternation where an entry written with a capital matches case-sensitively ("May" the month,
    never "may" the verb) and a lower-case entry matches any case."""
    sensitive = [n for n in names if n != n.lower()]
    insensitive = [n for n in names if n == n.lower()]
    parts = []
    if sensitive:
        parts.append("(?-i:" + alternation(sensitive, ignorecase=False) + ")")
    if insensitive:
        parts.append(alternation(insensitive))
    return "(?:" + "|".join(parts) + ")" if parts else NOTHING


_KEY_SEPARATORS = re.compile(r"[\s\u00a0\u202f\u2009-]+")


def normal_key(phrase: str) -> str:
    """Lookup key of a matched phrase: lower case, hyphens and space runs as one space."""
    return " ".join(_KEY_SEPARATORS.split(phrase.lower().strip()))


class Language:
    """A language's lexicon, compiled once. Build through `registry.get_language`."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.code: str = data["language"]
        self.data = data
        _learn_folds(_characters(data))
        self.decimal_separator: str = data["decimal_separator"]
        char_map = dict(_BASE_CHAR_MAP)
        for source, target in data.get("digit_map", {}).items():
            if len(source) == 1 and len(target) == 1:
                char_map[ord(source)] = target
        self._char_map = char_map
        self._needs_map_re = re.compile("[" + re.escape("".join(chr(c) for c in char_map)) + "]")
        self.scale_words: dict[str, Decimal] = {
            normal_key(k): Decimal(str(v)) for k, v in data.get("scale_words", {}).items()
        }
        self.scale_suffixes: dict[str, Decimal] = {
            k.lower(): Decimal(str(v)) for k, v in data.get("scale_suffixes", {}).items()
        }
        self.vague: dict[str, Decimal] = {normal_key(k): Decimal(str(v)) for k, v in data.get("vague", {}).items()}
        self.approx_words: dict[str, Decimal] = {
            normal_key(k): Decimal(str(v)) for k, v in data.get("approx_words", {}).items()
        }
        numbers = data["numbers"]
        # Run of number words -> what `numbers.read_number_words` reads in it.
        self.number_words_memo: dict[str, tuple[Decimal, int] | None] = {}
        # Phrase after a locative preposition -> the place name the engine reads in it.
        self.place_name_memo: dict[str, str | None] = {}
        self.ambiguous_number_words = frozenset(w.lower() for w in numbers.get("ambiguous", []))
        self.nouns_capitalised = bool(data.get("nouns_capitalised", False))
        self.fractions: dict[str, Decimal] = {
            normal_key(k): Decimal(str(v)) for k, v in data.get("fractions", {}).items()
        }
        self.partitive_re = re.compile(
            rf"{SPACE}+{alternation(numbers.get('partitive', []))}(?:{SPACE}|'|\Z)", re.IGNORECASE
        )
        self._build_words(data)
        self._build_mentions(data)
        self._build_context(data)
        self._build_places(data)
        self._build_time(data)
        self._build_attribution(data)
        self.abbreviations = frozenset(a.lower().rstrip(".") for a in data.get("abbreviations", []))
        # At least 1: a one-letter word does not end a sentence either.
        self.longest_abbreviation = max([1, *map(len, self.abbreviations)])
        # In a language that writes ordinals with a dot ("am 7. Oktober"), a dot after digits
        # does not end a sentence.
        self.ordinal_dots = bool(data.get("cues", {}).get("ordinal_dot_before"))

    # -- text ------------------------------------------------------------------------------

    def normalise(self, text: str) -> str:
        """Same-length copy of `text` for matching: offsets in it are offsets in `text`."""
        # `translate` with a dict is slow on long texts; the few mapped characters a text holds
        # (typographic apostrophes, mostly) are replaced one kind at a time instead.
        present = set(self._needs_map_re.findall(text))
        for char in present:
            text = text.replace(char, self._char_map[ord(char)])
        return text

    # -- words -----------------------------------------------------------------------------

    def _build_words(self, data: Mapping[str, Any]) -> None:
        exact: dict[str, WordInfo] = {}
        stems: dict[str, WordInfo] = {}

        phrases: dict[str, list[tuple[tuple[str, ...], WordInfo]]] = {}

        def add(entries: Iterable[str], slot: str, value: Any) -> None:
            for entry in entries:
                entry = entry.lower()
                words = tuple(w for w in re.split(r"[\s'-]+", entry) if w)
                if len(words) > 1:
                    # A phrase is looked up from its first word, then checked word by word.
                    info = WordInfo()
                    setattr(info, slot, value)
                    phrases.setdefault(words[0], []).append((words[1:], info))
                    continue
                target = stems if entry.endswith("*") else exact
                key = entry.rstrip("*")
                info = WordInfo()
                setattr(info, slot, value)
                target[key] = target[key].merge(info) if key in target else info

        for metric, words in data["metrics"].items():
            add(words, "metric", metric)
        for group, words in data.get("groups", {}).items():
            add(words, "group", group)
        votes = data.get("votes", {})
        add(votes.get("context", []), "vote_context", True)
        add(votes.get("nouns", []), "vote_noun", True)
        add(votes.get("members", []), "vote_members", True)
        for side in ("for", "against", "abstain"):
            add(votes.get(side, []), "vote", side)
        add(votes.get("weak_for", []), "vote_weak", "for")
        add(votes.get("weak_against", []), "vote_weak", "against")
        for unit, minutes in data.get("durations", {}).items():
            add([unit], "minutes", Decimal(str(minutes)))
        words = data.get("words", {})
        add(words.get("stop", []), "stop", True)
        add(words.get("percent", []), "percent", True)
        add(words.get("age", []), "age", True)
        add(words.get("release", []), "release", True)
        add(words.get("prisoners", []), "prisoner", True)
        add(words.get("toll", []), "toll", True)
        add(words.get("condition", []), "condition", True)
        for entries in phrases.values():
            entries.sort(key=lambda item: -len(item[0]))
        self._phrases = phrases
        self._exact = exact
        self._stems = stems
        self._stem_lengths = sorted({len(s) for s in stems}, reverse=True)
        self._memo: dict[str, WordInfo] = {}
        # Every spelling met so far of a word that starts a phrase (each is met by `word` first).
        self._head_spellings: set[str] = set()

    def word(self, token: str) -> WordInfo:
        """What a word means; `token` in any case. Memoised: news reuses a small vocabulary."""
        found = self._memo.get(token)
        if found is not None:
            return found
        lower = token.lower()
        info = self._exact.get(lower)
        for length in self._stem_lengths:
            if length <= len(lower):
                stem_info = self._stems.get(lower[:length])
                if stem_info is not None:
                    info = stem_info if info is None else info.merge(stem_info)
                    break
        result = info if info is not None else EMPTY_INFO
        if lower in self._phrases:
            self._head_spellings.add(token)
        if len(self._memo) < 200_000:
            self._memo[token] = result
        return result

    def infos(self, tokens: Sequence[re.Match[str]]) -> list[WordInfo]:
        """What each token means, a phrase ("handed over", "ums Leben") counting at its first word."""
        texts = list(map(_MATCH_TEXT, tokens))
        known = list(map(self._memo.get, texts))
        if None in known:
            word = self.word
            result = [info or word(text) for info, text in zip(known, texts)]
        else:
            result = cast("list[WordInfo]", known)
        # Every text is now known to `word`, and so is whether it starts a phrase.
        heads = self._head_spellings
        if heads.isdisjoint(texts):
            # Most sentences hold no word that starts a phrase.
            return result
        phrases = self._phrases
        lowered: list[str] | None = None
        for index, text in enumerate(texts):
            # Only words that start a phrase are lowered and looked up again.
            if text not in heads:
                continue
            if lowered is None:
                lowered = [t.lower() for t in texts]
            candidates = phrases[lowered[index]]
            matched_length = 0
            for rest, info in candidates:
                if len(rest) < matched_length:
                    break
                following = lowered[index + 1 : index + 1 + len(rest)]
                if len(following) == len(rest) and all(
                    seen.startswith(want[:-1]) if want.endswith("*") else seen == want
                    for seen, want in zip(following, rest, strict=True)
                ):
                    # Every role of the longest matching phrase ("handed over" is both a metric
                    # word and a release word).
                    result[index] = info.merge(result[index])
                    matched_length = len(rest)
        return result

    # -- number mentions -------------------------------------------------------------------

    def _build_mentions(self, data: Mapping[str, Any]) -> None:
        dec = re.escape(self.decimal_separator)
        group_chars = "".join(data["thousands_separators"]) + GROUP_SPACES
        group_class = "[" + re.escape(group_chars).replace(r"\ ", " ") + "]"
        core = (
            rf"\d{{1,3}}(?:{group_class}\d{{3}})+(?:{dec}\d+)?(?![\d])"
            rf"|\d+(?:{dec}\d+)?(?![\d]|[.,]\d)"
            # A decimal written the other way ("1.5" in a French text): one or two decimals
            # cannot be a thousands group, so reading it as a decimal is safe.
            rf"|\d+[.,]\d{{1,2}}(?!\d)"
        )
        scale_words = alternation(data.get("scale_words", {}).keys())
        suffixes = alternation(data.get("scale_suffixes", {}).keys())
        num = (
            rf"(?<![\w.,])(?P<numcore>{core})"
            rf"(?:{SPACE}{{0,2}}(?P<scale>{scale_words})(?![^\W\d_])|(?P<suffix>{suffixes})(?![^\W\d_]))?"
            r"(?![^\W\d_])"
        )
        numbers = data["numbers"]
        word_alt = alternation(numbers.get("words", []))
        joiners = alternation(numbers.get("joiners", []))
        # A run is at most 30 words (and a compound word at most 24 pieces): a number is never
        # longer, `numbers.read_number_words` reads no further, and `re` holds a frame for each
        # repetition, 400 MB for a megabyte of "un un un".
        if numbers.get("compound", False):
            one = rf"(?:{word_alt}){{1,24}}"
            first_joiner = alternation(numbers.get("joiners", []))
            # A run never starts with a joiner ("und neun" is nine, the "und" is the sentence's).
            words = rf"(?<!\w)(?!{first_joiner}(?!\w)){one}(?:{SPACE}+{one}){{0,29}}(?!\w)"
        else:
            one = word_alt
            link = rf"(?:{SPACE}*-{SPACE}*|{SPACE}+{joiners}{SPACE}+|{SPACE}+)"
            words = rf"(?<!\w){one}(?!\w)(?:{link}{one}(?!\w)){{0,29}}"
        self._month_names = self._months(data)
        months = _case_scoped(self._month_names)
        day = r"\d{1,2}(?:er|st|nd|rd|th|\.|º|°)?"
        articles = alternation(data["time"].get("date_articles", []))
        dmy = rf"(?<![\w.,]){day}{SPACE}+(?:{articles}{SPACE}+)?{months}\.?(?:,?{SPACE}+(?:{articles}{SPACE}+)?(?:19|20)\d{{2}}(?!\d))?(?![\w])"
        # Month first: "October 7, 2023", "October 7", "octobre 2023" (one month trie for all three).
        mdy = (
            rf"{months}(?:\.?{SPACE}+\d{{1,2}}(?:st|nd|rd|th)?(?:,?{SPACE}+(?:19|20)\d{{2}})?(?!\d)"
            rf"|{SPACE}+(?:{articles}{SPACE}+)?(?:19|20)\d{{2}}(?!\d))"
        )
        iso = r"(?<![\w.,])\d{4}-\d{1,2}-\d{1,2}(?!\d)"
        numeric = r"(?<![\w.,])\d{1,2}[./]\d{1,2}[./]\d{2,4}(?![\d])"
        clock_words = alternation(data.get("cues", {}).get("clock_words", []))
        # "14:30", "14h30", "14 h 30", "7.30 Uhr", "9.30 a.m.", "6 p.m.": a dot between hours and
        # minutes only counts with a clock word after it ("7.30" alone may be a decimal).
        clock = (
            rf"(?<![\w.,])\d{{1,2}}(?:[:h]\d{{2}}(?!\d)(?:{SPACE}*{clock_words}(?!\w))?"
            rf"|\.\d{{2}}{SPACE}*{clock_words}(?!\w)"
            rf"|{SPACE}?{clock_words}{SPACE}?\d{{2}}(?!\d|[.,]\d)"
            rf"|{SPACE}?{clock_words}(?!\w))"
        )
        phone = (
            r"\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,6}(?!\d)"
            r"|\(\d{2,4}\)\s?\d{3}[\s.-]?\d{4}(?!\d)"
            r"|(?<![\w.,])0\d(?:[\s.-]\d{2}){4}(?!\d)"
            r"|(?<![\w.,-])\d{3}-\d{3}-\d{4}(?!\d)"
            # "91 123 45 67": four or more groups, one of two digits, which no thousands grouping has.
            # The two-digit group is looked for among the first ten: unbounded, the look went to the
            # end of a run of three-digit groups from each of its groups (quadratic in its length).
            r"|(?<![\w.,])(?=\d{2,4}(?:[ .-]\d{2,4}){0,8}?[ .-]\d{2}(?!\d))\d{2,4}(?:[ .-]\d{2,4}){3,}(?!\d)"
            # "0800 555 019": a trunk prefix then groups of three or four digits.
            r"|(?<![\w.,])0\d{2,4}(?:[ .-]\d{3,4}){2}(?![\d.,]\d)"
            # "030 12345678": a trunk prefix then a long subscriber number.
            r"|(?<![\w.,])0\d{1,4}[ /-]?\d{5,}(?!\d)"
        )
        vague = bounded(alternation(data.get("vague", {}).keys()))
        approxw = bounded(alternation(data.get("approx_words", {}).keys()))
        fractions = bounded(alternation(data.get("fractions", {}).keys()))
        # Every branch starts at a word start, with a digit ("+", "(" of a phone number) or with the
        # letter of a lexicon word: checking that first lets most positions fail at once. The two
        # kinds never start at the same character, so each kind's branches are tried only where
        # that kind can start (in their order, which decides between them); a word start then
        # costs the five word branches instead of all twelve. Most word starts begin with a letter
        # some lexicon word starts with ("the" like "three"), so the first few letters of the words
        # are checked together first (`prefix_guard`), and "the" fails at its third letter.
        word_phrases = [
            *numbers.get("words", []),
            *data.get("vague", {}).keys(),
            *data.get("approx_words", {}).keys(),
            *data.get("fractions", {}).keys(),
            *self._month_names,
        ]
        for phrase in word_phrases:
            if not phrase.split() or not phrase.split()[0][:1].isalpha():
                raise ValueError(f"{self.code}: {phrase!r} must start with a letter")
        first_class = prefix_guard(word_phrases)
        pattern = (
            rf"(?=[\d+(])(?:"
            rf"(?P<date>{dmy}|{iso}|{numeric})"
            rf"|(?P<clock>{clock})"
            rf"|(?P<phone>{phone})"
            rf"|(?P<num>{num}))"
            rf"|{first_class}(?:"
            # "October 7, 2023": a date as much as "7 October", consumed the same way.
            rf"(?P<month_date>{mdy})"
            rf"|(?P<vague>{vague})"
            rf"|(?P<approxw>{approxw})"
            rf"|(?P<frac>{fractions})"
            rf"|(?P<words>{words}))"
        )
        self.mention_re = re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE)

    @staticmethod
    def _months(data: Mapping[str, Any]) -> list[str]:
        return [name for variants in data["time"].get("months", []) for name in variants]

    # -- context around a number -------------------------------------------------------------

    def _build_context(self, data: Mapping[str, Any]) -> None:
        q = data.get("qualifiers", {})
        groups = []
        for name in _QUALIFIER_KINDS:
            entries = q.get(name, [])
            if entries:
                groups.append(rf"(?P<{name}>{alternation(entries)})")
        # Words that may stand between a qualifier and its number ("dépasse désormais les 400").
        fillers = alternation(q.get("fillers", []))
        # One look at the first letter before trying the qualifier kinds one by one.
        first = first_letters([entry for name in _QUALIFIER_KINDS for entry in q.get(name, [])])
        self.qualifier_re = re.compile(
            rf"(?<!\w){first}(?:{'|'.join(groups)})(?:{SPACE}+{fillers}(?!\w))*{SPACE}*\Z", re.IGNORECASE
        )
        self.at_least_after_re = re.compile(
            rf"{SPACE}*{alternation(q.get('at_least_after', []))}(?!\w)", re.IGNORECASE
        )
        self.between_gap_re = re.compile(
            rf"{SPACE}*{alternation(q.get('between_joiners', []))}{SPACE}*", re.IGNORECASE
        )
        connectors = q.get("range_connectors", [])
        self.range_gap_re = re.compile(
            rf"{SPACE}*(?:-|\u2014|{alternation(connectors)}(?!\w)){SPACE}*", re.IGNORECASE
        )
        self.range_blocker_re = re.compile(
            rf"(?<!\w){alternation(q.get('range_blockers', []))}{SPACE}*\Z", re.IGNORECASE
        )
        cues = data.get("cues", {})
        self.part_of_after_re = re.compile(
            rf"{SPACE}*{alternation(cues.get('part_of_after', []))}(?!\w)", re.IGNORECASE
        )
        self.time_window_before_re = re.compile(
            rf"(?<!\w){alternation(cues.get('time_window_before', []))}{SPACE}+\Z", re.IGNORECASE
        )
        votes = data.get("votes", {})
        # A sentence naming a voting body is about a vote as much as one saying "voted".
        vote_words = [*votes.get("context", []), *data.get("bodies", {}).keys()]
        self.vote_context_re = re.compile(bounded_words(vote_words))
        self.vote_pair_re = re.compile(
            rf"{SPACE}*(?:{alternation(votes.get('nouns', []))}{SPACE}+)?{alternation(votes.get('pair', []))}{SPACE}*",
            re.IGNORECASE,
        )
        self.part_of_re = re.compile(bounded_words(data.get("cues", {}).get("part_of", [])))
        not_before = data.get("cues", {}).get("not_claim_before", [])
        self.not_claim_before_re = re.compile(
            rf"(?<!\w){alternation(not_before)}{SPACE}*(?:n°|nº|no\.|nr\.|#)?{SPACE}*\Z",
            re.IGNORECASE,
        )
        ordinal_before = data.get("cues", {}).get("ordinal_dot_before", [])
        self.ordinal_dot_before_re = (
            re.compile(rf"(?<!\w){alternation(ordinal_before)}{SPACE}+\Z", re.IGNORECASE) if ordinal_before else None
        )
        self.clock_before_re = re.compile(
            rf"(?<!\w){alternation(data.get('cues', {}).get('clock_before', []))}{SPACE}+\Z", re.IGNORECASE
        )
        self.clock_word_after_re = re.compile(
            rf"{SPACE}*{alternation(data.get('cues', {}).get('clock_words', []))}(?!\w)", re.IGNORECASE
        )
        self.baseline_re = re.compile(bounded_words(data.get("cues", {}).get("baseline", [])))
        self.percent_after_re = re.compile(
            rf"{SPACE}*(?:%|{alternation(data.get('words', {}).get('percent', []))}(?!\w))", re.IGNORECASE
        )
        # The three read right after every number, in the order the engine asks them: one match.
        self.after_number_re = re.compile(
            rf"(?P<percent>{self.percent_after_re.pattern})"
            rf"|(?P<part_of>{self.part_of_after_re.pattern})"
            rf"|(?P<clock>{self.clock_word_after_re.pattern})",
            re.IGNORECASE,
        )

    # -- places and bodies -----------------------------------------------------------------

    def _build_places(self, data: Mapping[str, Any]) -> None:
        self._slugs: dict[str, tuple[str, bool] | None] = {}
        self.places: dict[str, str] = {normal_key(k): v for k, v in data.get("places", {}).items()}
        self.bodies: dict[str, str] = {normal_key(k): v for k, v in data.get("bodies", {}).items()}
        names = [*data.get("places", {}).keys(), *data.get("bodies", {}).keys()]
        # Hyphen and space are interchangeable in names ("Tel Aviv", "Tel-Aviv").
        alt = alternation([normal_key(n).replace(" ", "\x00") for n in names])
        alt = alt.replace("\x00", r"[\s\u00a0\u202f-]+")
        self.place_re = re.compile(bounded(alt), re.IGNORECASE)
        locatives = data.get("cues", {}).get("locative", [])
        # Up to three words; the engine keeps the capitalised ones ("en Santa Olvera").
        self.locative_re = re.compile(
            rf"(?P<prep>{leading_words(locatives)}){SPACE}+(?=(?P<name>[^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*){{0,2}}))"
        )
        self.locative_articles = frozenset(w.lower() for w in data.get("cues", {}).get("locative_article", []))
        self.anaphora_re = re.compile(bounded_words(data.get("cues", {}).get("anaphora", [])))
        self.not_place_suffixes = tuple(w.lower() for w in data.get("cues", {}).get("not_place_suffixes", []))
        self.not_places = frozenset(w.lower() for w in data.get("cues", {}).get("not_places", []))

    def place_slug(self, matched: str) -> tuple[str, bool] | None:
        """(slug, is_body) of a gazetteer name found by `place_re`. Memoised per spelling."""
        try:
            return self._slugs[matched]
        except KeyError:
            pass
        key = normal_key(matched)
        found: tuple[str, bool] | None = None
        if key in self.bodies:
            found = self.bodies[key], True
        elif key in self.places:
            found = self.places[key], False
        if len(self._slugs) < 200_000:
            self._slugs[matched] = found
        return found

    # -- time ------------------------------------------------------------------------------

    def _build_time(self, data: Mapping[str, Any]) -> None:
        time = data["time"]
        self.month_index: dict[str, int] = {}
        for index, variants in enumerate(time.get("months", []), start=1):
            for name in variants:
                self.month_index[name.lower().rstrip(".")] = index
        self.weekday_index: dict[str, int] = {}
        for index, variants in enumerate(time.get("weekdays", [])):
            for name in variants:
                self.weekday_index[name.lower()] = index
        months = _case_scoped(self._month_names)
        articles = alternation(time.get("date_articles", []))
        day = r"(?P<{p}day>\d{{1,2}})(?:er|st|nd|rd|th|\.|º|°)?"

        def date(prefix: str) -> str:
            return (
                rf"(?:{day.format(p=prefix + 'a')}{SPACE}+(?:{articles}{SPACE}+)?(?P<{prefix}amonth>{months})\.?"
                rf"(?:,?{SPACE}+(?:{articles}{SPACE}+)?(?P<{prefix}ayear>(?:19|20)\d{{2}})(?!\d))?(?!\w)"
                rf"|(?P<{prefix}bmonth>{months})\.?{SPACE}+(?P<{prefix}bday>\d{{1,2}})(?:st|nd|rd|th)?"
                rf"(?:,?{SPACE}+(?P<{prefix}byear>(?:19|20)\d{{2}}))?(?!\d))"
            )

        since = alternation(time.get("since", []))
        self.since_re = re.compile(
            rf"(?<!\w){since}{SPACE}+(?:{articles}{SPACE}+)?{date('s')}", re.IGNORECASE
        )
        self.date_re = re.compile(rf"(?<![\w.,]){date('d')}", re.IGNORECASE)
        weekdays = _case_scoped([n for variants in time.get("weekdays", []) for n in variants])
        self.weekday_re = re.compile(bounded(weekdays), re.IGNORECASE)
        self.since_weekday_re = re.compile(
            rf"(?<!\w){since}{SPACE}+(?:{articles}{SPACE}+)?{weekdays}(?!\w)", re.IGNORECASE
        )
        # Full month names only: "Mar", "mai" and the like are also ordinary words.
        full_months = _case_scoped([variants[0] for variants in time.get("months", [])])
        self.month_re = re.compile(bounded(full_months), re.IGNORECASE)
        self.since_month_re = re.compile(
            rf"(?<!\w){since}{SPACE}+(?:{articles}{SPACE}+)?{full_months}(?!\w)", re.IGNORECASE
        )
        self.yesterday_re = re.compile(bounded_words(time.get("yesterday", [])))
        # Something every time regex above needs, at a word start: a "since" word, a month or weekday
        # name (in any case, a wider net than the regexes cast), a word for yesterday. A sentence
        # without any is dated by the article alone, found in one pass.
        cues = [
            *time.get("since", []),
            *time.get("yesterday", []),
            *self._month_names,
            *[name for variants in time.get("weekdays", []) for name in variants],
        ]
        self.time_cue_re = re.compile(rf"(?<!\w){alternation(cues)}", re.IGNORECASE)
        # The month names alone (in any case): every date and month search needs one.
        self.month_cue_re = re.compile(rf"(?<!\w){alternation(self._month_names)}", re.IGNORECASE)
        self.today_re = re.compile(bounded_words(time.get("today", [])))

    def month_of(self, name: str) -> int | None:
        return self.month_index.get(name.lower().rstrip("."))

    def weekday_of(self, name: str) -> int | None:
        return self.weekday_index.get(name.lower())

    # -- attribution -----------------------------------------------------------------------

    def _build_attribution(self, data: Mapping[str, Any]) -> None:
        attribution = data.get("attribution", {})
        self.source_after_cue_re = re.compile(bounded_words(attribution.get("before_source", [])))
        self.source_before_cue_re = re.compile(bounded_words(attribution.get("after_source", [])))
        # A phrase may start with punctuation (", so die UNO"), so only a word start must not be
        # inside a word.
        phrases = attribution.get("phrases", [])
        self.source_phrase_re = re.compile(
            rf"(?:(?<!\w)|(?!\w)){alternation(phrases)}(?!\w)" if phrases else NOTHING, re.IGNORECASE
        )
        self.said_re = re.compile(bounded(alternation(attribution.get("verbs", []))), re.IGNORECASE)
        # A regex of an empty list matches nothing: the engine skips it.
        self.has_source_phrases = bool(phrases)
        self.has_source_after_cues = bool(attribution.get("before_source"))
        self.has_source_before_cues = bool(attribution.get("after_source"))
