"""The regex and trie toolkit the languages compile their lexicons with.

A lexicon phrase becomes regex atoms (`_atoms`), a list of phrases one trie-shaped alternation
(`alternation`), and the forms below let Python's `re` reject a position in a character or two:
case-sensitive classes for IGNORECASE letters (`_folded`), lookaheads on the first characters
(`_guard`, `first_letters`, `prefix_guard`) and a word boundary checked after the first letter
(`leading_words`, `bounded_words`). Each faster form matches exactly what the plain one matches
(tests/claims/extraction/test_regex_forms.py). Knows nothing of any language: `Language` (in
`base.py`) asks it for patterns.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

# Any space, including the ones digit groups are written with in fr/es/de typography.
SPACE: Final = r"[\s\u00a0\u202f\u2009]"

# Digit forms every language reads the same way, which a mention pattern consumes so that they
# never become numbers: "2023-10-07", "7/10/2023" and phone numbers.
ISO_DATE: Final = r"(?<![\w.,])\d{4}-\d{1,2}-\d{1,2}(?!\d)"
NUMERIC_DATE: Final = r"(?<![\w.,])\d{1,2}[./]\d{1,2}[./]\d{2,4}(?![\d])"
PHONE: Final = (
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


_END: Final = ""
# A pattern that matches nothing, and that `re` rejects a whole text for in one quick scan (it opens
# with a character class that no character is in).
NOTHING: Final = r"[^\s\S]"
# Characters checked ahead of a trie (see `_guard`).
_GUARD_DEPTH: Final = 3


def alternation(phrases: Iterable[str], ignorecase: bool = True, literals: bool = False) -> str:
    """All phrases as one trie-shaped regex, for a pattern compiled with IGNORECASE (or, with
    `ignorecase=False`, for a case-sensitive part of one).

    Python's `re` tries the branches of a plain alternation one after another at every position;
    shared prefixes folded into a trie make a failed position cost a character or two, which is
    most of the engine's speed on long texts. A node that ends a phrase and also continues is
    emitted as an optional group, so the longer phrase is tried first ("bande de Gaza" over "Gaza").
    With `literals`, each first letter opens branches of its own (see `_emit`): faster, and larger,
    for a pattern run over a whole text.
    """
    trie = _trie(phrases)
    if not trie:
        return NOTHING
    if ignorecase:
        learn_folds([char for phrase in _trie_atoms(trie) if (char := _atom_char(phrase)) is not None])
    return "(?:" + _guard(trie, ignorecase) + _emit(trie, ignorecase, top=literals) + ")"


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
_FOLDS: Final[dict[str, str]] = {}


def _every_character() -> Iterator[str]:
    """All code points, surrogates included, as strings of 65,536 (one plane each, to stay small)."""
    # UTF-32-LE: the code point's low byte, its second byte, the plane, a zero byte.
    low = bytes(range(256)) * 256
    second = b"".join([bytes([byte]) * 256 for byte in range(256)])
    for plane in range((sys.maxunicode + 1) // 0x10000):
        units = bytearray(4 * 0x10000)
        units[0::4], units[1::4], units[2::4] = low, second, bytes([plane]) * 0x10000
        yield units.decode("utf-32-le", "surrogatepass")


def learn_folds(chars: Iterable[str]) -> None:
    """Fill `_FOLDS` for the characters (a language learns all of its lexicon's at once: one pass)."""
    missing = {char for char in chars if char not in _FOLDS}
    if not missing:
        return
    # A class of all of them matches, at each character, what any one of them matches alone.
    union = re.compile("[" + "".join(map(re.escape, sorted(missing))) + "]", re.IGNORECASE)
    candidates = "".join(sorted({char for plane in _every_character() for char in union.findall(plane)}))
    for char in missing:
        _FOLDS[char] = "".join(re.findall(re.escape(char), candidates, re.IGNORECASE))


def bmp_word_class() -> str:
    """A character class of every character below U+10000 that `\\w` matches, as ranges: `re` checks
    it in one look-up, where `\\w` asks the Unicode database about each character."""
    return "[" + _bmp_ranges(r"\w") + "]"


def latin1_class(body: str) -> str:
    """The characters below U+0100 that the character class `[body]` matches, as ranges (the body
    of a class that `re` compiles to a table of 256 bits)."""
    return _bmp_ranges(f"[{body}]", 0x100)


def is_latin1(text: str) -> bool:
    """Whether every character of the text is below U+0100."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _bmp_ranges(pattern: str, below: int = 0x10000) -> str:
    plane = next(_every_character())
    ranges: list[list[int]] = []
    for char in re.findall(pattern, plane[:below]):
        code = ord(char)
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"\\u{low:04x}" + (f"-\\u{high:04x}" if high > low else "") for low, high in ranges)


def mention_scan(
    digit_kinds: str, word_opening: str, opening_width: int, guarded_kinds: str
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The matches of `(?<!\\w)(?:(?=[\\d+(])(?:{digit_kinds})|{word_kinds})` (`Language.mention_re`)
    that do not start the text, in a text of characters below U+10000, as one pattern that `re`
    scans fast: it opens with one case-sensitive class of such characters, which `re` looks every
    character up in at once, and is entered only at the characters in it (a pattern that opens
    with a look-behind is entered at every position).

    That character is the one before the mention, one that is not a word character; the mention
    starts at the next. A digit, "+" or "(" there opens the digit kinds, looked back to and
    matched where the mention starts. Any other character must be the first of the
    `opening_width` characters of `word_opening` (`opening_classes`), which most word starts fail
    at once, outside any look-around (each costs `re` a frame); then the pattern looks back to the
    word start and matches the word kinds there (`guarded_kinds`, the word kinds without the check
    of their first character). A match starts one character before its mention, and the group of
    its kind ends where the mention ends. The second pattern is the first for a text of
    characters below U+0100, whose classes `re` looks up in a smaller table.
    """
    after_word = rf"{word_opening}(?<=(?={guarded_kinds})[\s\S]{{{opening_width}}})"

    def scan(not_word: str, digits: str) -> re.Pattern[str]:
        after_digit = rf"(?-i:[{digits}+(])(?<=(?=(?:{digit_kinds}))[\s\S])"
        return re.compile(rf"(?-i:{not_word})(?:{after_digit}|{after_word})", re.IGNORECASE)

    return scan(_BMP_NOT_WORD, _BMP_DIGITS), scan(_LATIN1_NOT_WORD, _LATIN1_DIGITS)


def after_non_word(body: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`\\W{body}` under IGNORECASE, and the same for a text of characters below U+10000 with the
    non-word character as a class of such characters: `re` looks each character of the text up in
    it at once, where `\\W` asks the Unicode database about each."""
    return re.compile(rf"\W{body}", re.IGNORECASE), re.compile(rf"(?-i:{_BMP_NOT_WORD}){body}", re.IGNORECASE)


def opening_classes(phrases: Iterable[str]) -> tuple[str, int]:
    """Case-sensitive classes of what each of the first two characters of the phrases may be under
    IGNORECASE (a run of spaces standing as one space), and how many: the first alone when a
    phrase's second atom is neither a character nor a run of spaces. Checked in turn, like
    `_guard`, but as the characters they consume."""
    firsts: set[str] = set()
    seconds: set[str] = set()
    learn_folds([char for phrase in phrases for char in phrase])
    for phrase in phrases:
        atoms = _atoms(phrase)
        first = _atom_char(atoms[0])
        if first is None:
            raise ValueError(f"{phrase!r} must start with a character")
        firsts.update(_FOLDS[first])
        second = _atom_char(atoms[1]) if len(atoms) > 1 else None
        if second is not None:
            seconds.update(_FOLDS[second])
        elif len(atoms) > 1 and atoms[1] == SPACE + "+":
            seconds.update(("\\s", "\u00a0", "\u202f", "\u2009"))
        else:
            seconds.add("")
    first_class = "(?-i:[" + "".join(map(re.escape, sorted(firsts))) + "])"
    if "" in seconds:
        return first_class, 1
    space = "\\s" in seconds
    others = sorted(seconds - {"\\s"})
    second_class = "(?-i:[" + ("\\s" if space else "") + "".join(map(re.escape, others)) + "])"
    return first_class + second_class, 2


# The characters below U+10000 that `\w` does not match, as a class, and those that `\d` matches,
# as ranges of one (for `mention_scan`); and the same below U+0100.
_BMP_NOT_WORD: Final = "[^" + _bmp_ranges(r"\w") + "]"
_BMP_DIGITS: Final = _bmp_ranges(r"\d")
_LATIN1_NOT_WORD: Final = "[^" + _bmp_ranges(r"\w", 0x100) + "]"
_LATIN1_DIGITS: Final = _bmp_ranges(r"\d", 0x100)


def folds(char: str) -> str:
    """Every character that matches `char` under IGNORECASE, itself included."""
    learn_folds([char])
    return _FOLDS[char]


def lexicon_characters(data: Any) -> set[str]:
    """Every character of the strings in a lexicon (keys and values, at any depth)."""
    if isinstance(data, str):
        return set(data)
    if isinstance(data, Mapping):
        return set().union(*[lexicon_characters(key) | lexicon_characters(value) for key, value in data.items()])
    if isinstance(data, (list, tuple)):
        return set().union(*[lexicon_characters(item) for item in data])
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
    # "\x00" stands for a space in a place name until `Language._build_places` replaces it.
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


def _emit(node: dict[str, Any], ignorecase: bool, top: bool = False) -> str:
    """The trie as a regex. Under IGNORECASE, a letter that opens one of several branches is written
    as its case-sensitive class (see `_folded`), so that `re` can skip the branch at once; at the
    top of the trie, as one branch per character it matches, each opening with that character as a
    literal, which `re` compares before entering the branch (a class costs it a call)."""
    several = sum(1 for atom in node if atom != _END) > 1
    branches = []
    for atom, child in sorted(node.items()):
        if atom == _END:
            continue
        rest = _emit(child, ignorecase)
        char = _atom_char(atom) if ignorecase and several and top else None
        if char is not None and _folded([char]):
            branches += [f"(?-i:{re.escape(form)}){rest}" for form in _FOLDS[char]]
        else:
            branches.append(_emit_atom(atom, ignorecase and several) + rest)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return "(?:" + body + ")?"
    return body


# Most distinct first letters for which `leading_words` pays.
_LEADING_WORDS_FIRSTS: Final = 6


def bounded_words(phrases: Iterable[str]) -> str:
    """`bounded(alternation(phrases))` under IGNORECASE, as a pattern to compile without IGNORECASE
    (see `leading_words`)."""
    return leading_words(phrases) + r"(?!\w)"


def leading_words(phrases: Iterable[str], punctuation_starts: bool = False) -> str:
    """A word boundary and `alternation(phrases)` under IGNORECASE, as the start of a pattern to compile
    *without* IGNORECASE, which `re` scans several times faster.

    `re` skips ahead to the characters a match can start with only when a pattern opens with
    case-sensitive literals; a leading word-boundary lookbehind or a case-insensitive letter makes
    it attempt a match at every position of the text. Here the first letter of each branch is
    written out once per character that matches it under IGNORECASE (see `_folded`), the word
    boundary is checked one character back, after it, and the rest of the branch is matched under
    IGNORECASE as before. Same matches, at the same places.

    With `punctuation_starts`, a phrase opening with a character that is not a word character
    (", so die UNO") may follow a word: the pattern is then `(?:(?<!\\w)|(?!\\w))` and the alternation.
    """
    trie = _trie(phrases)
    if not trie:
        return NOTHING
    firsts = {_atom_char(atom) for atom in trie}
    # With many first letters nearly every character is a candidate, and the plain form is faster.
    if None in firsts or len({char.lower() for char in firsts if char}) > _LEADING_WORDS_FIRSTS:
        boundary = r"(?:(?<!\w)|(?!\w))" if punctuation_starts else r"(?<!\w)"
        return rf"(?i:{boundary}" + alternation(phrases) + ")"
    learn_folds([char for atom in _trie_atoms(trie) if (char := _atom_char(atom)) is not None])
    branches = []
    for atom, child in sorted(trie.items()):
        first = _atom_char(atom)
        assert first is not None
        rest = _emit(child, True)
        boundary = "" if punctuation_starts and not _WORD_CHAR.match(first) else r"(?<!\w[\s\S])"
        for char in _FOLDS.get(first, first):
            branches.append(rf"{re.escape(char)}{boundary}" + (f"(?i:{rest})" if rest else ""))
    return "(?:" + "|".join(branches) + ")"


_WORD_CHAR: Final = re.compile(r"\w")


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
    learn_folds(chars)
    return "(?=" + (_folded(chars) or "[" + "".join(sorted(map(re.escape, chars))) + "]") + ")"


def prefix_guard(phrases: Iterable[str], depth: int = _GUARD_DEPTH, first_checked: bool = False) -> str:
    """A lookahead, for a pattern compiled with IGNORECASE, that holds wherever one of the phrases can
    start: the first `depth` characters of each (up to its first atom that is neither a character
    nor a run of spaces), as a trie of case-sensitive literals, so that a position none of them
    starts at fails in a few steps.

    Unlike `_guard`, the characters are checked together ("th" of "three" does not let "tw" pass).
    It restates what every phrase requires, so it never rejects a position where one matches.
    A class of every first character is checked first (unless `first_checked`: the pattern has
    checked it already), and where a node has several branches each
    letter opens a branch of its own: `re` compares the literal that opens a branch before entering
    it, where a class costs it a call.
    """
    learn_folds([char for phrase in phrases for char in phrase])
    # Key: (True, every character a letter matches under IGNORECASE) or (False, an escaped atom).
    trie: dict[Any, Any] = {}
    for phrase in set(phrases):
        node = trie
        for atom in _atoms(phrase)[:depth]:
            char = _atom_char(atom)
            key: tuple[bool, str]
            if char is not None:
                # Letters that match each other under IGNORECASE share a node.
                key = (True, "".join(sorted(_FOLDS[char]))) if _folded([char]) else (False, re.escape(char))
            elif atom == SPACE + "+":
                key = (False, SPACE)
            else:
                break
            node = node.setdefault(key, {})
        node[_END] = {}

    def emit(node: dict[Any, Any]) -> str:
        if _END in node:
            return ""
        # Lower-case letters first: `re` tries the branches in order, and most words are written
        # in lower case (the order decides nothing else: the branches start with different
        # characters).
        branches: list[tuple[bool, str]] = []
        for (cased, chars), child in sorted(node.items()):
            rest = emit(child)
            if not cased:
                branches.append((False, chars + rest))
            elif len(node) > 1:
                branches += [(not char.islower(), f"(?-i:{re.escape(char)}){rest}") for char in chars]
            else:
                branches.append((False, "(?-i:[" + "".join(map(re.escape, chars)) + "])" + rest))
        ordered = [branch for _, branch in sorted(branches, key=lambda item: item[0])]
        return ordered[0] if len(ordered) == 1 else "(?:" + "|".join(ordered) + ")"

    if not trie or _END in trie:
        return ""
    firsts = "".join(chars if cased else "" for cased, chars in trie)
    plain = [chars for cased, chars in trie if not cased]
    first_class = (
        "(?=(?-i:[" + "".join(map(re.escape, sorted(firsts))) + "".join(plain) + "]))"
        if not first_checked and all(len(chars) == 1 or chars.startswith("\\") and len(chars) == 2 for chars in plain)
        else ""
    )
    return "(?=" + first_class + emit(trie) + ")"


def bounded(pattern: str) -> str:
    """A pattern that neither starts nor ends inside a word."""
    return rf"(?<!\w){pattern}(?!\w)"


def case_scoped(names: Iterable[str]) -> str:
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


_KEY_SEPARATORS: Final = re.compile(r"[\s\u00a0\u202f\u2009-]+")


def normal_key(phrase: str) -> str:
    """Lookup key of a matched phrase: lower case, hyphens and space runs as one space."""
    return " ".join(_KEY_SEPARATORS.split(phrase.lower().strip()))


# Characters mapped one-to-one before matching. Arabic-Indic and extended (Persian) digits are
# mapped for every language so that Arabic and Persian text read like any other.
BASE_CHAR_MAP: Final[dict[int, str]] = {
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


def mapped(data: Any, char_map: Mapping[int, str]) -> Any:
    """`data` (a lexicon, at any depth) with every string, keys included, through `char_map`."""
    if isinstance(data, str):
        return data.translate(char_map)
    if isinstance(data, Mapping):
        return {mapped(key, char_map): mapped(value, char_map) for key, value in data.items()}
    if isinstance(data, list):
        return [mapped(item, char_map) for item in data]
    return data
