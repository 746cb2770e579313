"""Cheap tests that tell where a lexicon's cue phrases cannot match, so that the engine searches
for a cue pattern only where it may: right before a number (`PhraseEnds`), or in a sentence
(`PhraseWords`). Each test reads what any match of the pattern must hold, and compares the text's
words with the lexicon's as `re` does under IGNORECASE (`patterns.folds`), once per spelling."""

from __future__ import annotations

from typing import Final

from claims.extraction.languages.base import _QUALIFIER_KINDS, Language
from claims.extraction.languages.patterns import folds

# What `PhraseEnds.code` says of a word: no phrase ends with it, some phrase does, or only a filler
# that is one whole word does.
_NO_END: Final = 0
_END: Final = 1
_FILLER_END: Final = 2


def is_word_char(char: str) -> bool:
    """Whether `re` reads the character as `\\w`."""
    return char.isalnum() or char == "_"


def _matching(char: str) -> str:
    """Every character that matches `char` under IGNORECASE. A character without case (a digit, a
    sign) matches only itself (no character that `re` relates to another by case folding lacks case,
    over all code points), and needs no `patterns.folds`, which scans them all for a character the
    lexicon does not hold."""
    if char.lower() == char and char.upper() == char:
        return char
    return folds(char)


class _Spelling:
    """A word of the lexicon as `re` compares it under IGNORECASE: the characters each of its
    characters matches, and whether more word characters may follow it (a stem) or come before it
    (a phrase glued to the word before)."""

    __slots__ = ("chars", "stem", "glued")

    def __init__(self, word: str, stem: bool, glued: bool = False) -> None:
        self.chars = [_matching(char) for char in word]
        self.stem = stem
        self.glued = glued

    def matches(self, text: str) -> bool:
        chars = self.chars
        extra = len(text) - len(chars)
        if extra < 0 or (extra > 0 and not (self.stem or self.glued)):
            return False
        # The word's own characters: at the end of a glued one, else at the start.
        offset = extra if self.glued else 0
        for index in range(len(chars)):
            if text[offset + index] not in chars[index]:
                return False
        rest = text[: extra] if self.glued else text[len(chars) :]
        return all(is_word_char(char) for char in rest)


class PhraseEnds:
    """The words a cue phrase of the lexicon can end with, for a cheap test before a pattern that
    must match right before a number (phrases of the lexicon, then fillers, then spaces, then `\\Z`).

    Such a match ends with the last word of a phrase, or with its last character when that is no
    word character; a text whose last word is neither needs no search. Each word is compared once,
    character by character as `re` compares it under IGNORECASE (`patterns.folds`), and remembered.
    """

    def __init__(self, phrases: list[str], fillers: list[str], glued: list[str] | None = None) -> None:
        """`fillers` may follow the phrases, after spaces; `glued` phrases may follow them with no
        space between ("Resolutionnº")."""
        self._ends: list[_Spelling] = []
        self._fillers: list[_Spelling] = []
        # A phrase ending with any word ("_", or a stem ending in a non-word character) can end anywhere.
        self.anywhere = False
        glued = glued or []
        for index, phrase in enumerate(phrases + fillers + glued):
            words = phrase.split()
            if not words:
                continue
            last = words[-1]
            stem = last.endswith("*")
            body = last[:-1] if stem else last
            if last == "_" or not body or (stem and not is_word_char(body[-1])):
                self.anywhere = True
                continue
            if not is_word_char(body[-1]):
                self._ends.append(_Spelling(body[-1], False))
                continue
            start = len(body)
            while start > 0 and is_word_char(body[start - 1]):
                start -= 1
            spelling = _Spelling(body[start:], stem, index >= len(phrases) + len(fillers))
            if len(phrases) <= index < len(phrases) + len(fillers) and not stem and len(words) == 1 and start == 0:
                # A filler of one whole word, which the words before it must lead up to.
                self._fillers.append(spelling)
            else:
                self._ends.append(spelling)
        self._memo: dict[str, int] = {}

    def code(self, word: str) -> int:
        found = self._memo.get(word)
        if found is None:
            if any(spelling.matches(word) for spelling in self._ends):
                found = _END
            elif any(spelling.matches(word) for spelling in self._fillers):
                found = _FILLER_END
            else:
                found = _NO_END
            if len(self._memo) < 100_000:
                self._memo[word] = found
        return found
    def may_end(self, norm: str, low: int, end: int) -> bool:
        """False when no phrase, with fillers after it, ends in `norm[low:end]` before spaces only:
        the pattern cannot match there. True when it may."""
        if self.anywhere:
            return True
        position = end
        while True:
            while position > low and norm[position - 1].isspace():
                position -= 1
            if position <= low:
                return False
            start = position - 1
            if is_word_char(norm[start]):
                while start > low and is_word_char(norm[start - 1]):
                    start -= 1
            code = self.code(norm[start:position])
            if code != _FILLER_END:
                return code == _END
            # A filler follows spaces, after a phrase or another filler.
            if start <= low or not norm[start - 1].isspace():
                return False
            position = start


class PhraseWords:
    """One word of each cue phrase that every match of the phrase holds as a whole word of the text,
    for a cheap test before searching a sentence for a pattern of the phrases that starts and ends
    at word boundaries (`patterns.bounded_words`): a sentence none of whose words is one of them
    holds no match.

    The word kept is the phrase's longest (the rarest, as a rule); words are compared as in
    `PhraseEnds`, and only those of a length and first character some phrase's word has.
    """

    def __init__(self, phrases: list[str]) -> None:
        self._words: list[_Spelling] = []
        # A phrase that holds no whole word of its own ("_") can match anywhere.
        self.anywhere = False
        lengths: set[int] = set()
        firsts: set[str] = set()
        self._stem_length = 1 << 30
        for phrase in phrases:
            stem = phrase.endswith("*")
            body = phrase[:-1] if stem else phrase
            # Each run of word characters, and whether a stem's "*" lets it run on.
            runs: list[tuple[str, bool]] = []
            words = body.split()
            for index, word in enumerate(words):
                if word == "_":
                    continue
                start = 0
                while start < len(word):
                    end = start
                    while end < len(word) and is_word_char(word[end]):
                        end += 1
                    if end > start:
                        runs.append((word[start:end], stem and index == len(words) - 1 and end == len(word)))
                    start = end + 1
            whole = [run for run, open_ended in runs if not open_ended]
            if whole:
                word = max(whole, key=len)
                self._words.append(_Spelling(word, False))
                lengths.add(len(word))
            elif runs:
                word = runs[0][0]
                self._words.append(_Spelling(word, True))
                self._stem_length = min(self._stem_length, len(word))
            else:
                self.anywhere = True
                continue
            firsts.update(_matching(word[0]))
        self._lengths = [length in lengths for length in range(max(lengths, default=0) + 1)]
        self._firsts = "".join(sorted(firsts))
        self._memo: dict[str, bool] = {}

    def held(self, word: str) -> bool:
        found = self._memo.get(word)
        if found is None:
            found = any(spelling.matches(word) for spelling in self._words)
            if len(self._memo) < 100_000:
                self._memo[word] = found
        return found

    def may_hold(self, texts: list[str]) -> bool:
        """False when none of the words (`Document.word_texts`) is a phrase's word: no phrase can
        match among them. True when one may."""
        if self.anywhere:
            return True
        lengths, firsts, stem_length = self._lengths, self._firsts, self._stem_length
        for text in texts:
            length = len(text)
            if (length < len(lengths) and lengths[length]) or length >= stem_length:
                if text[0] in firsts and self.held(text):
                    return True
        return False


class PhraseStarts:
    """The words a cue phrase of the lexicon can start with, for a cheap test before a pattern that
    must match right after a number (spaces, then one of the phrases, then a word boundary).

    Such a match starts, after the spaces, with the first word of a phrase, or with its first
    character when that is no word character.
    """

    def __init__(self, phrases: list[str]) -> None:
        self._starts: list[_Spelling] = []
        # A phrase starting with any word ("_") can start anywhere.
        self.anywhere = False
        for phrase in phrases:
            words = phrase.split()
            if not words:
                continue
            # A stem's "*" lets the phrase's last word run on.
            stem = len(words) == 1 and phrase.endswith("*")
            first = words[0][:-1] if stem else words[0]
            if first == "_" or not first:
                self.anywhere = True
                continue
            if not is_word_char(first[0]):
                self._starts.append(_Spelling(first[0], False))
                continue
            end = 1
            while end < len(first) and is_word_char(first[end]):
                end += 1
            self._starts.append(_Spelling(first[:end], stem and end == len(first)))
        # What a word must have to be compared: its first character, and a length (unless a stem).
        self._firsts = "".join(sorted({char for spelling in self._starts for char in spelling.chars[0]}))
        self._longest = max([len(spelling.chars) for spelling in self._starts], default=0)
        if any(spelling.stem for spelling in self._starts):
            self._longest = 1 << 30
        self._memo: dict[str, bool] = {}

    def starts(self, word: str) -> bool:
        found = self._memo.get(word)
        if found is None:
            found = any(spelling.matches(word) for spelling in self._starts)
            if len(self._memo) < 100_000:
                self._memo[word] = found
        return found

    def may_start(self, norm: str, position: int) -> bool:
        """False when no phrase starts at `position` after spaces: the pattern cannot match there.
        True when one may."""
        if self.anywhere:
            return True
        length = len(norm)
        while position < length and norm[position].isspace():
            position += 1
        if position >= length or norm[position] not in self._firsts:
            return False
        end = position + 1
        if is_word_char(norm[position]):
            # A word longer than every phrase's first word is none of them.
            limit = min(length, position + self._longest + 1)
            while end < limit and is_word_char(norm[end]):
                end += 1
            if end - position > self._longest:
                return False
        return self.starts(norm[position:end])


# -- the phrases of each language's patterns, read once per language ------------------------

# The words each language's qualifiers (with their fillers) can end with (`Language.qualifier_re`).
_QUALIFIER_ENDS: Final[dict[Language, PhraseEnds]] = {}


def qualifier_ends(language: Language) -> PhraseEnds:
    ends = _QUALIFIER_ENDS.get(language)
    if ends is None:
        qualifiers = language.data.get("qualifiers", {})
        phrases = [phrase for kind in _QUALIFIER_KINDS for phrase in qualifiers.get(kind, [])]
        ends = _QUALIFIER_ENDS[language] = PhraseEnds(phrases, list(qualifiers.get("fillers", [])))
    return ends


# The words each language's qualifiers written after a number start with ("or more";
# `Language.qualifier_after_re`).
_QUALIFIER_AFTER_STARTS: Final[dict[Language, PhraseStarts]] = {}


def qualifier_after_starts(language: Language) -> PhraseStarts:
    starts = _QUALIFIER_AFTER_STARTS.get(language)
    if starts is None:
        qualifiers = language.data.get("qualifiers", {})
        phrases = [phrase for name, listed in qualifiers.items() if name.endswith("_after") for phrase in listed]
        starts = _QUALIFIER_AFTER_STARTS[language] = PhraseStarts(phrases)
    return starts


# The words that can end a cue of `Language.not_claim_before_re` ("Resolution", "page", "no."),
# each language's, and the number signs that pattern lets follow one (glued to it or not).
_NOT_CLAIM_ENDS: Final[dict[Language, PhraseEnds]] = {}
_NUMBER_SIGNS: Final = ["n°", "nº", "no.", "nr.", "#"]


def not_claim_ends(language: Language) -> PhraseEnds:
    ends = _NOT_CLAIM_ENDS.get(language)
    if ends is None:
        phrases = list(language.data.get("cues", {}).get("not_claim_before", []))
        ends = _NOT_CLAIM_ENDS[language] = PhraseEnds(phrases, [], _NUMBER_SIGNS)
    return ends


# The words each language's percent signs, part cues and clock words start with
# (`Language.after_number_re`).
_AFTER_NUMBER_STARTS: Final[dict[Language, PhraseStarts]] = {}


def after_number_starts(language: Language) -> PhraseStarts:
    starts = _AFTER_NUMBER_STARTS.get(language)
    if starts is None:
        cues = language.data.get("cues", {})
        phrases = ["%", *language.data.get("words", {}).get("percent", [])]
        phrases += [*cues.get("part_of_after", []), *cues.get("clock_words", [])]
        starts = _AFTER_NUMBER_STARTS[language] = PhraseStarts(phrases)
    return starts


# The words each language's change cues end with (`Language.change_before_re`).
_CHANGE_ENDS: Final[dict[Language, PhraseEnds]] = {}


def change_ends(language: Language) -> PhraseEnds:
    ends = _CHANGE_ENDS.get(language)
    if ends is None:
        ends = _CHANGE_ENDS[language] = PhraseEnds(list(language.data.get("cues", {}).get("change_before", [])), [])
    return ends


# The words each language's baseline phrases need (`Language.baseline_re`).
_BASELINE_WORDS: Final[dict[Language, PhraseWords]] = {}


def baseline_words(language: Language) -> PhraseWords:
    words = _BASELINE_WORDS.get(language)
    if words is None:
        words = _BASELINE_WORDS[language] = PhraseWords(list(language.data.get("cues", {}).get("baseline", [])))
    return words


# The words each language's population cues need (`Language.population_before_re`: "a town of").
_POPULATION_WORDS: Final[dict[Language, PhraseWords]] = {}


def population_words(language: Language) -> PhraseWords:
    words = _POPULATION_WORDS.get(language)
    if words is None:
        phrases = list(language.data.get("cues", {}).get("population_before", []))
        words = _POPULATION_WORDS[language] = PhraseWords(phrases)
    return words


# The characters each language's vote pairs ("153 votes to 10", `Language.vote_pair_re`) open with
# after the spaces after the first count: the first of a vote noun or of a pair word, in any case.
_VOTE_PAIR_OPENINGS: Final[dict[Language, str]] = {}


def vote_pair_openings(language: Language) -> str:
    openings = _VOTE_PAIR_OPENINGS.get(language)
    if openings is None:
        votes = language.data.get("votes", {})
        phrases = [*votes.get("nouns", []), *votes.get("pair", [])]
        chars = {char for phrase in phrases if phrase for char in _matching(phrase[0])}
        openings = _VOTE_PAIR_OPENINGS[language] = "".join(sorted(chars))
    return openings


# The words each language's vote phrases need (`Language.vote_context_re`: a ballot word or a
# voting body, bare or with a clitic glued to its front).
_VOTE_WORDS: Final[dict[Language, PhraseWords]] = {}


def vote_words(language: Language) -> PhraseWords:
    words = _VOTE_WORDS.get(language)
    if words is None:
        phrases = [*language.data.get("votes", {}).get("context", []), *language.data.get("bodies", {}).keys()]
        phrases += [clitic + phrase for clitic in language.data.get("clitics", []) for phrase in phrases]
        words = _VOTE_WORDS[language] = PhraseWords(phrases)
    return words


# The words each language's part cues need (`Language.part_of_re`: "dont", "among them").
_PART_OF_WORDS: Final[dict[Language, PhraseWords]] = {}


def part_of_words(language: Language) -> PhraseWords:
    words = _PART_OF_WORDS.get(language)
    if words is None:
        words = _PART_OF_WORDS[language] = PhraseWords(list(language.data.get("cues", {}).get("part_of", [])))
    return words
