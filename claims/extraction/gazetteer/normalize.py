"""How a name is turned into the key it is looked up by, the same at build time and in the finder.

A key is a sequence of folded tokens joined by single spaces. A token folds by the script of its
first letter, as the lexicons' `[script]` tables say (`fold_marks`, `fold_letters`, `article`):

- Latin: case-folded, accents and other marks removed ("Türkei" -> "turkei", "Marruecos" ->
  "marruecos"), a few letters that carry no mark in Unicode mapped to their base ("ł" -> "l",
  "ı" -> "i", "ø" -> "o"); "ß" becomes "ss" through case-folding.
- Cyrillic: case-folded, "ё" read as "е"; other letters kept ("й" stays "й").
- Arabic: short vowels, other marks and the tatweel removed; the alef forms (أ إ آ ٱ) read as
  bare alef, ta marbuta as ha, alef maqsura as ya; a leading article "ال" is dropped from every
  token, in the names and in the text alike, so that "المغرب" and "مغرب" are one key.
- A script no lexicon names (Hebrew, Greek): case-folded, marks removed.

Apostrophes, hyphens, dots and spaces separate tokens: "Kot-d’Ivuar", "L'Aquila" and "U.S."
are keys of several tokens.

Names inflect ("Украина", "Украины", "Украине"; "Харків", "Харкова"): `case_forms` writes out the
case forms of a name in the nominative by a lexicon's table of endings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Final

from claims.extraction.languages.patterns import folds
from claims.extraction.languages.scripts import Script, head_scripts


class _Folding:
    """How the letters of one script fold: marks taken off or not, letters read as others (or
    dropped), and the article taken off the front of a word."""

    def __init__(self, marks: bool, letters: dict[str, str], in_words: str, article: str) -> None:
        self.marks = marks
        table: dict[str, str | None] = {char: None for char in _class_chars(in_words)}
        table.update({letter: read or None for letter, read in letters.items()})
        self.table: dict[int, str | None] = str.maketrans(table)
        # A short table is applied by `str.replace`, several times faster than `str.translate`.
        self.pairs: list[tuple[str, str]] = [(char, read or "") for char, read in table.items()] if len(table) <= 3 else []
        self.article = article


def _class_chars(body: str) -> list[str]:
    """The characters of a character class body of single characters and ranges ("\u064b-\u065f")."""
    chars: list[str] = []
    index = 0
    while index < len(body):
        if index + 2 < len(body) and body[index + 1] == "-":
            chars.extend(chr(code) for code in range(ord(body[index]), ord(body[index + 2]) + 1))
            index += 3
        else:
            chars.append(body[index])
            index += 1
    return chars


def _foldings(scripts: Sequence[Script]) -> tuple[re.Pattern[str], list[_Folding]]:
    """A pattern whose group n matches a letter of the n-th script (the last group any other
    letter), and each group's folding."""
    groups = [f"([{script.letters}])" for script in scripts] + [r"([^\W\d_])"]
    foldings = [_Folding(script.fold_marks, script.fold_letters, script.in_words, script.article) for script in scripts]
    return re.compile("|".join(groups)), [*foldings, _Folding(True, {}, "", "")]


_SCRIPTS: Final = head_scripts()
_FIRST_LETTER, _FOLDINGS = _foldings(_SCRIPTS)
# The characters of a word: letters, digits, and the marks that sit inside words (`in_words` of the
# scripts: the Arabic short vowels and tatweel).
WORD_CHARS: Final = r"\w" + "".join(script.in_words for script in _SCRIPTS)
WORD_RE: Final = re.compile(f"[{WORD_CHARS}]+")
# The marks that sit inside words, one by one.
IN_WORDS: Final[frozenset[str]] = frozenset(char for script in _SCRIPTS for char in _class_chars(script.in_words))


def phrase_pattern(phrase: str) -> str:
    """A phrase as a regular expression: its words as written, any spacing or apostrophe between.
    (`\\s` holds the no-break space; a class of at most two runs of other characters besides it
    compiles without the table of every character up to U+FFFF that a third run costs.)"""
    words = [re.escape(word) for word in re.split(r"[\s'’]+", phrase) if word]
    return r"[\s'’]+".join(words)


def phrases_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """`leading_phrases` of words.toml phrases, the longest first; None for none."""
    if not phrases:
        return None
    return leading_phrases([phrase_pattern(phrase) for phrase in sorted(phrases, key=len, reverse=True)])


def leading_phrases(patterns: Sequence[str]) -> re.Pattern[str]:
    """Any of the phrase patterns (regexes of literal words, tried in this order, in any case) as whole
    words: what `(?<![WORD_CHARS])(?:pattern|...)(?![WORD_CHARS])` matches under IGNORECASE.

    Written so that `re` skips ahead to the characters a match can start with: the pattern opens
    with the class of the case-sensitive characters the phrases' first letters match, checks the
    word boundary one character back, and matches each phrase's rest under IGNORECASE behind its
    first letter (`(?<=n)ationwide`). (The plain form, searched in a clause for every number, was
    tried at every position of the clause; a branch for each of those characters, each with its
    own boundary, took several times longer to compile.)"""
    chars: dict[str, None] = {}
    rests: list[str] = []
    for pattern in patterns:
        first = re.escape(pattern[:1])
        if not pattern or not pattern.startswith(first):
            # A pattern opening with an escaped character: the plain form.
            plain = "|".join(patterns)
            return re.compile(f"(?<![{WORD_CHARS}])(?:{plain})(?![{WORD_CHARS}])", re.IGNORECASE)
        for char in folds(pattern[0]):
            chars[char] = None
        rests.append(f"(?<={first}){pattern[len(first) :]}")
    opening = "".join([re.escape(char) for char in chars])
    return re.compile(
        f"[{opening}](?<![{WORD_CHARS}][\\s\\S])(?i:{'|'.join(rests)})(?![{WORD_CHARS}])"
    )


def trie_pattern(words: Sequence[str]) -> str:
    """A regular expression matching any of `words`, written as a trie so that the engine tries
    each next letter once instead of every word in turn."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        joined = "(?:" + "|".join(branches) + ")"
        return joined + "?" if "" in node else joined

    return pattern(root)


# Words in a text ---------------------------------------------------------------------------------


def is_word_char(char: str) -> bool:
    """Whether `[WORD_CHARS]` matches the character."""
    return char.isalnum() or char == "_" or char in IN_WORDS


# What stands between the words of a name of several tokens (`next_word`).
_NEXT_SEPARATORS: Final = frozenset(" \t\u00a0-'’.")


def next_word(text: str, position: int) -> tuple[int, int]:
    """The span of the word of a name of several tokens after one to three spaces, hyphens,
    apostrophes or dots at `position` ("Gaza Strip", "Kot-d’Ivuar");
    (-1, -1) when there is none. (No separator is a word's character: a fourth one ends the search.)"""
    length = len(text)
    separators = _NEXT_SEPARATORS
    cursor = position
    while cursor < length and cursor - position < 3 and text[cursor] in separators:
        cursor += 1
    if cursor == position:
        return -1, -1
    start = cursor
    while cursor < length:
        char = text[cursor]
        if not char.isalnum() and not is_word_char(char):
            break
        cursor += 1
    if cursor == start:
        return -1, -1
    return start, cursor


def previous_word(text: str, start: int) -> tuple[int, int]:
    """The span of the word just before `start` on the same line, up to three separating
    characters away; (-1, -1) when there is none."""
    position = start
    limit = max(0, start - 3)
    while position > limit and not is_word_char(text[position - 1]) and text[position - 1] != "\n":
        position -= 1
    if position == 0 or not is_word_char(text[position - 1]):
        return -1, -1
    end = position
    while position > 0 and end - position < 40 and is_word_char(text[position - 1]):
        position -= 1
    return position, end


def ignored_spans(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    """Where the names (an outlet's, the wire agencies') stand in the text, as whole words in any case."""
    spans: list[tuple[int, int]] = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        pattern = re.compile(f"(?<![{WORD_CHARS}]){re.escape(name)}(?![{WORD_CHARS}])", re.IGNORECASE)
        spans.extend((match.start(), match.end()) for match in pattern.finditer(text))
    return spans


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    for span_start, span_end in spans:
        if span_start < end and start < span_end:
            return True
    return False


# The folding of a token by its first character, where that is a letter (filled as met).
_BY_FIRST: Final[dict[str, _Folding]] = {}


def _folding(token: str) -> _Folding:
    """The folding of the script of the token's first letter."""
    folding = _BY_FIRST.get(token[:1])
    if folding is not None:
        return folding
    found = _FIRST_LETTER.search(token)
    if found is None or found.lastindex is None:
        return _FOLDINGS[-1]
    folding = _FOLDINGS[found.lastindex - 1]
    if found.start() == 0:
        _BY_FIRST[token[0]] = folding
    return folding


def _fold(token: str, folding: _Folding) -> str:
    folded = token.casefold()
    if folding.marks:
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    if folding.pairs:
        for char, read in folding.pairs:
            folded = folded.replace(char, read)
        return folded
    return folded.translate(folding.table)


def fold_token(token: str) -> str:
    """The folded form of one token (see the module's docstring), the article left on."""
    if token.isascii():
        # No script folds an ASCII letter but by its case.
        return token.lower()
    return _fold(token, _folding(token))


def strip_article(folded: str, article: str) -> str:
    """A folded token without its script's article: "مغرب" for "المغرب"; a short word keeps it."""
    if article and folded.startswith(article) and len(folded) > len(article) + 1:
        return folded[len(article) :]
    return folded


def token_key(token: str) -> str:
    """The key of one token: folded, its script's article dropped."""
    if token.isascii():
        return token.lower()
    folding = _folding(token)
    return strip_article(_fold(token, folding), folding.article)


def name_tokens(name: str) -> list[str]:
    """A name's tokens as written, split at spaces, hyphens, apostrophes and dots."""
    return WORD_RE.findall(name)


def name_key(name: str) -> str:
    """The lookup key of a whole name: its token keys joined by spaces."""
    return " ".join(key for key in (token_key(token) for token in name_tokens(name)) if key)


# The fewest letters a name keeps once its attached prefixes are taken off.
_SHORTEST_REST: Final = 3


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
    folding = _folding(token)
    folded = _fold(token, folding) if not token.isascii() else token.lower()
    forms = [folded]
    for layer in layers:
        for form in list(forms):
            for prefix, following in layer:
                rest = form[len(prefix) :]
                if form.startswith(prefix) and rest.startswith(following) and len(rest) >= _SHORTEST_REST:
                    forms.append(rest)
    keys: list[str] = []
    for form in forms:
        key = strip_article(form, folding.article)
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
