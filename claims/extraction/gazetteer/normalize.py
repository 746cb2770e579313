"""How a name is turned into the key it is looked up by, the same at build time and in the finder.

A key is a sequence of folded tokens joined by single spaces. Folding is:

- Latin: case-folded, accents and other marks removed ("Türkei" -> "turkei", "Marruecos" ->
  "marruecos"), a few letters that carry no mark in Unicode mapped to their base ("ł" -> "l",
  "ı" -> "i", "ø" -> "o"); "ß" becomes "ss" through case-folding.
- Cyrillic: case-folded, "ё" read as "е"; other letters kept ("й" stays "й").
- Arabic: short vowels, other marks and the tatweel removed; the alef forms (أ إ آ ٱ) read as
  bare alef, ta marbuta as ha, alef maqsura as ya; a leading article "ال" is dropped from every
  token, in the names and in the text alike, so that "المغرب" and "مغرب" are one key.

Apostrophes, hyphens, dots and spaces separate tokens: "Kot-d’Ivuar", "L'Aquila" and "U.S."
are keys of several tokens.

Names inflect ("Украина", "Украины", "Украине"; "Харків", "Харкова"): `case_forms` writes out the
case forms of a name in the nominative by a lexicon's table of endings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from claims.extraction.languages.patterns import folds

# The characters of a word: letters, digits, and the Arabic marks and tatweel that sit inside words.
WORD_CHARS = r"\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640"
WORD_RE = re.compile(f"[{WORD_CHARS}]+")

_LATIN_SPECIAL = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h", "ð": "d", "ŀ": "l"}
)
_ARABIC_MARKS = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"]
_ARABIC_MARKS += [chr(c) for c in range(0x06D6, 0x06EE)] + [chr(c) for c in range(0x0610, 0x061B)]
_ARABIC_TABLE = str.maketrans(
    {**{mark: None for mark in _ARABIC_MARKS}, "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"}
)
ARABIC_ARTICLE = "ال"


def leading_phrases(patterns: Sequence[str]) -> re.Pattern[str]:
    """Any of the phrase patterns (regexes of literal words, tried in this order, in any case) as whole
    words: what `(?<![WORD_CHARS])(?:pattern|...)(?![WORD_CHARS])` matches under IGNORECASE.

    Written so that `re` skips ahead to the characters a match can start with: each branch opens
    with one of the case-sensitive characters its first letter matches, checks the word boundary
    one character back, and matches the rest of its phrases under IGNORECASE. (The plain form,
    searched in a clause for every number, was tried at every position of the clause.)"""
    branches: dict[str, list[str]] = {}
    for pattern in patterns:
        first = re.escape(pattern[:1])
        if not pattern or not pattern.startswith(first):
            # A pattern opening with an escaped character: the plain form.
            plain = "|".join(patterns)
            return re.compile(f"(?<![{WORD_CHARS}])(?:{plain})(?![{WORD_CHARS}])", re.IGNORECASE)
        for char in folds(pattern[0]):
            branches.setdefault(char, []).append(pattern[len(first) :])
    alternatives = [
        f"{re.escape(char)}(?<![{WORD_CHARS}][\\s\\S])(?i:{'|'.join(rests)})" for char, rests in branches.items()
    ]
    return re.compile("(?:" + "|".join(alternatives) + f")(?![{WORD_CHARS}])")


def script(text: str) -> str:
    """"arabic", "cyrillic" or "latin": the script of the first letter that is one of them."""
    for char in text:
        code = ord(char)
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F:
            return "arabic"
        if 0x0400 <= code <= 0x052F:
            return "cyrillic"
        if char.isalpha():
            return "latin"
    return "latin"


def fold_token(token: str) -> str:
    """The folded form of one token (see the module's docstring), the article left on."""
    if token.isascii():
        return token.lower()
    kind = script(token)
    if kind == "arabic":
        return token.translate(_ARABIC_TABLE)
    if kind == "cyrillic":
        return token.casefold().replace("ё", "е")
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(_LATIN_SPECIAL)


def strip_article(folded: str) -> str:
    """An Arabic token without its article: "مغرب" for "المغرب"; a short word keeps it."""
    if folded.startswith(ARABIC_ARTICLE) and len(folded) > 3:
        return folded[2:]
    return folded


def token_key(token: str) -> str:
    """The key of one token: folded, the Arabic article dropped."""
    folded = fold_token(token)
    if folded and "\u0600" <= folded[0] <= "\u06ff":
        return strip_article(folded)
    return folded


def name_tokens(name: str) -> list[str]:
    """A name's tokens as written, split at spaces, hyphens, apostrophes and dots."""
    return WORD_RE.findall(name)


def name_key(name: str) -> str:
    """The lookup key of a whole name: its token keys joined by spaces."""
    return " ".join(key for key in (token_key(token) for token in name_tokens(name)) if key)


# The fewest letters a name keeps once its attached prefixes are taken off.
_SHORTEST_REST = 3


def prefix_layers(entries: Sequence[str]) -> list[list[tuple[str, str]]]:
    """A language's `attached_prefixes` (see `attached_keys`) as layers of (prefix, what must
    follow it): "و ف+ال" is [("و", ""), ("ف", "ال")]."""
    layers: list[list[tuple[str, str]]] = []
    for entry in entries:
        layer: list[tuple[str, str]] = []
        for written in entry.split():
            prefix, _, following = written.partition("+")
            layer.append((prefix, following))
        layers.append(layer)
    return layers


def attached_keys(token: str, layers: Sequence[Sequence[tuple[str, str]]]) -> list[str]:
    """The keys a word may stand for with the prefixes attached to its front taken off.

    Each layer's prefixes are taken off the word and off what the layers before it left, so that
    "وبالمغرب" gives "بالمغرب", "المغرب" and "مغرب" (Arabic: the conjunction و, then the
    prepositions ب and ل, then the article, or the ل of "لل" that replaces it; ف and ك only before
    the article, since with a bare word they more often start it: "فرقه", "his teams", is not
    Raqqa). The word whole comes first, and the caller keeps only the keys that are known names,
    so a word that merely starts with one of these letters ("بغداد", "لبنان") is still found."""
    folded = fold_token(token)
    forms = [folded]
    for layer in layers:
        for form in list(forms):
            for prefix, following in layer:
                rest = form[len(prefix) :]
                if form.startswith(prefix) and rest.startswith(following) and len(rest) >= _SHORTEST_REST:
                    forms.append(rest)
    keys: list[str] = []
    for form in forms:
        key = strip_article(form)
        if len(key) >= 2 and key not in keys:
            keys.append(key)
    return keys


# Case endings given as data ---------------------------------------------------------------------


def _word_cases(word: str, cases: dict[str, list[str]], width: int, shortest: dict[str, int]) -> list[str]:
    """One word's oblique case forms by the longest ending of `cases` it ends with; the word
    itself `width` times when it ends with none, or when that ending's list is empty (it does not
    decline). A word shorter than an ending's `shortest` ("Бой" for the adjectives' "ой") is read
    by the next longest ending ("й"); one with fewer than two letters before an ending that
    `shortest` does not list does not decline."""
    lower = word.lower()
    best = ""
    found = False
    for ending in cases:
        if lower.endswith(ending) and (not found or len(ending) > len(best)):
            if ending in shortest and len(lower) < shortest[ending]:
                continue
            best, found = ending, True
    if not found or not cases[best] or len(lower) <= len(best) + 1 and best not in shortest:
        return [word] * width
    stem = word[: len(word) - len(best)]
    return [stem + ending for ending in cases[best]]


def case_forms(
    name: str, cases: dict[str, list[str]], adjectives: list[str], shortest: dict[str, int] | None = None
) -> set[str]:
    """A name in the nominative and its case forms, by a lexicon's table of endings
    (`name_cases` in its `[gazetteer]` table: a nominative ending and the endings that replace it,
    one a case, the same cases in the same order for every ending; "" for any other ending;
    `name_shortest`: the shortest word an ending is read in).
    Each word up to and including the first that does not end as an adjective (`adjectives`, in
    a word as long as `shortest` says) takes the case ("Донецька область" -> "Донецької
    області"); the words after it keep their form."""
    words = name.split()
    if not words or not cases:
        return {name} if words else set()
    lengths = shortest or {}
    width = max(len(endings) for endings in cases.values())
    inflected = 0
    for word in words:
        inflected += 1
        lower = word.lower()
        if not any(lower.endswith(ending) and len(lower) >= lengths.get(ending, 0) for ending in adjectives):
            break
    per_word = [_word_cases(word, cases, width, lengths) for word in words[:inflected]]
    forms = {name}
    for case in range(width):
        forms.add(" ".join([*(cases_of_word[case] for cases_of_word in per_word), *words[inflected:]]))
    return forms
