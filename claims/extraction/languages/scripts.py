"""The scripts the engine's languages are written in, as their lexicons describe them.

Each lexicon's `[script]` table names its script and says what the engine needs to know of it:
its letters (as the ranges of a character class), whether it has capitals, its direction, and,
where several languages share it, the language's own alphabet. Nothing here names a language or
a script: the set of scripts is the set the lexicons name, so that a further language written in
a further script (Hebrew, Greek) is one more lexicon.

Read when the gazetteer is built (which names to keep, under which language to file them, which
words may start a name), once when its folding is imported (how each script's letters fold into
keys: `gazetteer/normalize.py`) and by tests; the engine's hot path never calls into this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from claims.extraction.languages.registry import available_languages, lexicon_head, load_lexicon


@dataclass(frozen=True)
class Script:
    """One script and the languages written in it."""

    name: str
    # The script's letters as the body of a character class ("A-Za-z\u00c0-\u024f").
    letters: str
    cased: bool
    direction: str
    languages: tuple[str, ...]
    # Each language's own letters, for the languages that give them (see `languages_of`).
    alphabets: dict[str, frozenset[str]] = field(default_factory=dict)
    # Letters of other languages in this script that no name of its languages holds.
    foreign_letters: frozenset[str] = frozenset()
    # How its letters fold into the gazetteer's keys (see `gazetteer/normalize.py`).
    fold_marks: bool = True
    fold_letters: dict[str, str] = field(default_factory=dict)
    in_words: str = ""
    article: str = ""

    @property
    def letter_re(self) -> re.Pattern[str]:
        return _letter_re(self.letters)

    def writes(self, name: str) -> bool:
        """Whether every letter of `name` is one of this script's, none a foreign one, and (in a
        script with capitals) its first letter a capital."""
        letters = [char for char in name if char.isalpha()]
        if not letters:
            return False
        pattern = self.letter_re
        if not all(pattern.match(char) for char in letters):
            return False
        if any(char in self.foreign_letters for char in letters):
            return False
        return not self.cased or letters[0].isupper()

    def languages_of(self, name: str) -> tuple[str, ...]:
        """The languages of this script whose alphabet holds every letter of `name` (a language
        that gives no alphabet holds any letter of its script); none when no alphabet holds it."""
        letters = {char for char in name.lower() if char.isalpha()}
        return tuple(
            language
            for language in self.languages
            if language not in self.alphabets or letters <= self.alphabets[language]
        )

    def start_letters(self) -> str:
        """The body of a character class of the letters a place's name may start with: the
        capitals of a script that has them, every letter of one that has none."""
        if not self.cased:
            return self.letters
        pattern = self.letter_re
        capitals = [chr(code) for code in range(0x110000) if chr(code).isupper() and pattern.match(chr(code))]
        return _ranges(capitals)


@lru_cache(maxsize=None)
def _letter_re(letters: str) -> re.Pattern[str]:
    return re.compile(f"[{letters}]")


def _ranges(chars: list[str]) -> str:
    """A character class body for `chars` (sorted), runs of consecutive characters as ranges."""
    body: list[str] = []
    codes = sorted(ord(char) for char in chars)
    index = 0
    while index < len(codes):
        end = index
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        first, last = re.escape(chr(codes[index])), re.escape(chr(codes[end]))
        body.append(first if index == end else f"{first}-{last}")
        index = end + 1
    return "".join(body)


# The keys of a `[script]` table that say how its letters fold: every lexicon of the script gives the same.
_FOLDING = ("fold_marks", "fold_letters", "in_words", "article")


def scripts_of(lexicons: Iterable[dict]) -> tuple[Script, ...]:  # type: ignore[type-arg]
    """The scripts of these raw lexicons, each with its languages, in the lexicons' order."""
    grouped: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for lexicon in lexicons:
        grouped.setdefault(lexicon["script"]["name"], []).append(lexicon)
    scripts: list[Script] = []
    for name, members in grouped.items():
        tables = [member["script"] for member in members]
        first = tables[0]
        for table in tables[1:]:
            for key in ("letters", "cased", "direction", *_FOLDING):
                if table.get(key) != first.get(key):
                    raise ValueError(f"the lexicons written in {name} disagree on its {key}")
        scripts.append(
            Script(
                name=name,
                letters=first["letters"],
                cased=first["cased"],
                direction=first.get("direction", "ltr"),
                languages=tuple(member["language"] for member in members),
                alphabets={
                    member["language"]: frozenset(member["script"]["alphabet"])
                    for member in members
                    if member["script"].get("alphabet")
                },
                foreign_letters=frozenset("".join(table.get("foreign_letters", "") for table in tables)),
                fold_marks=first.get("fold_marks", True),
                fold_letters=first.get("fold_letters", {}),
                in_words=first.get("in_words", ""),
                article=first.get("article", ""),
            )
        )
    return tuple(scripts)


@lru_cache(maxsize=1)
def lexicon_scripts() -> tuple[Script, ...]:
    """The scripts of the shipped lexicons."""
    return scripts_of(load_lexicon(code) for code in available_languages())


@lru_cache(maxsize=1)
def head_scripts() -> tuple[Script, ...]:
    """The scripts of the shipped lexicons, read from their heads only (`lexicon_head`): what the
    gazetteer's folding needs when it is imported, at a fraction of the cost."""
    return scripts_of(lexicon_head(code) for code in available_languages())


def script_of(name: str, scripts: Iterable[Script]) -> Script | None:
    """The first of `scripts` that writes `name` (see `Script.writes`), or None."""
    for candidate in scripts:
        if candidate.writes(name):
            return candidate
    return None


def script_of_first_letter(name: str, scripts: Iterable[Script]) -> Script | None:
    """The first of `scripts` that has the first letter of `name` among its letters (letters of
    none, as the "ʻ" of "ʻEwa", passed over), or None."""
    for char in name:
        if char.isalpha():
            for candidate in scripts:
                if candidate.letter_re.match(char):
                    return candidate
    return None
