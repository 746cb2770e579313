"""The words around one number: the ones after it, where its head noun is, and the ones before it
in its clause, where a verb may name its metric or a vote its side."""

from __future__ import annotations

import re

from claims.extraction.document import CLAUSE_PUNCTUATION, Document, bisect_left, bracketed
from claims.extraction.draft import Draft
from claims.extraction.languages.base import Language
from claims.extraction.languages.patterns import folds
from claims.extraction.languages.words import WordInfo
from claims.extraction.mentions import Mention

# Words read after a number to find its head noun and metric, and before it to find its metric.
_AFTER_TOKENS = 12
_BEFORE_TOKENS = 20
# What `PhraseEnds.code` says of a word: no phrase ends with it, some phrase does, or only a filler
# that is one whole word does.
_NO_END, _END, _FILLER_END = 0, 1, 2


class Context:
    """The words around one number, read once for the stages that read its noun, metric, vote side
    and duration (`nouns`, `metrics`, `votes`).

    The words after the number stop at the next number or the end of its sentence (`window_end`);
    the words before it, read only when a stage asks, start at its clause.
    """

    __slots__ = (
        "doc",
        "norm",
        "language",
        "draft",
        "mention",
        "window_start",
        "window_end",
        "in_tally",
        "sentence_end",
        "_tokens",
        "_starts",
        "_ends",
        "_infos",
        "_first",
        "after",
        "after_infos",
        "after_starts",
        "after_ends",
        "_before",
        "_before_infos",
        "skipped_adjective",
    )

    def __init__(
        self,
        doc: Document,
        language: Language,
        draft: Draft,
        mention: Mention,
        window_start: int,
        window_end: int,
        in_tally: bool = False,
    ) -> None:
        self.doc = doc
        self.norm = doc.norm
        self.language = language
        self.draft = draft
        self.mention = mention
        self.window_start = window_start
        self.window_end = window_end
        # Another number that can only be a number stands in the sentence.
        self.in_tally = in_tally
        self.sentence_end = doc.ends[draft.sentence]
        tokens, starts, infos = doc.words(draft.sentence)
        ends = doc.word_ends(draft.sentence)
        self._tokens, self._starts, self._ends, self._infos = tokens, starts, ends, infos
        first = bisect_left(starts, draft.number_end)
        last = min(bisect_left(starts, window_end), first + _AFTER_TOKENS)
        # A token cut by the window's end ("...ES-10/22") is not part of it.
        while last > first and ends[last - 1] > window_end:
            last -= 1
        self._first = first
        self.after = tokens[first:last]
        self.after_infos = infos[first:last]
        # The offsets of the words of `after` (read here, not by a method call on each token).
        self.after_starts = starts[first:last]
        self.after_ends = ends[first:last]
        self._before: list[re.Match[str]] | None = None
        self._before_infos: list[WordInfo] = []
        # Whether the head noun was reached over an unknown adjective ("300 innocent people"), which
        # `nouns.head` sets.
        self.skipped_adjective = False

    def further(self, count: int) -> tuple[list[re.Match[str]], list[WordInfo]]:
        """Up to `count` words after the number, in its window: `after` and the words beyond it."""
        first, window_end = self._first, self.window_end
        last = min(bisect_left(self._starts, window_end), first + count)
        while last > first and self._ends[last - 1] > window_end:
            last -= 1
        return self._tokens[first:last], self._infos[first:last]

    def antecedent(self) -> list[WordInfo]:
        """The words of the clause before this number's own, in its window ("los heridos, que ya
        habían subido a 40")."""
        before, _ = self.before
        if not before:
            return []
        clause_start = before[0].start()
        first = bisect_left(self._starts, self.window_start)
        last = bisect_left(self._starts, clause_start)
        return self._infos[max(first, last - _BEFORE_TOKENS) : last]

    @property
    def before(self) -> tuple[list[re.Match[str]], list[WordInfo]]:
        if self._before is None:
            clause_start = self.window_start
            norm, start = self.norm, self.draft.start
            for punctuation in CLAUSE_PUNCTUATION.finditer(norm, self.window_start, start):
                # "Против — 5": a dash standing for "is" right before the number joins its clause.
                if punctuation.group() in self.language.copulas and not norm[punctuation.end() : start].strip():
                    continue
                if punctuation.end() == self.draft.number_start and bracketed(
                    norm, self.draft.number_start, self.draft.number_end
                ):
                    # "killed (212) people": a number alone in brackets stays in its clause.
                    continue
                clause_start = punctuation.end()
            # Most of the clause: "El número de muertos en la Franja de Gaza desde el 7 de octubre
            # supera ya los 18.000" names its metric far before the number.
            last = bisect_left(self._starts, self.draft.start)
            while last > 0 and self._ends[last - 1] > self.draft.start:
                last -= 1
            first = max(bisect_left(self._starts, clause_start), last - _BEFORE_TOKENS)
            self._before = self._tokens[first:last]
            self._before_infos = self._infos[first:last]
        return self._before, self._before_infos


def is_word_char(char: str) -> bool:
    """Whether `re` reads the character as `\\w`."""
    return char.isalnum() or char == "_"


class _Spelling:
    """A word of the lexicon as `re` compares it under IGNORECASE: the characters each of its
    characters matches, and whether more word characters may follow (a stem)."""

    __slots__ = ("chars", "stem")

    def __init__(self, word: str, stem: bool) -> None:
        self.chars = [folds(char) for char in word]
        self.stem = stem

    def matches(self, text: str) -> bool:
        chars = self.chars
        if len(text) < len(chars) or (len(text) > len(chars) and not self.stem):
            return False
        for index in range(len(chars)):
            if text[index] not in chars[index]:
                return False
        return all(is_word_char(char) for char in text[len(chars) :])


class PhraseEnds:
    """The words a cue phrase of the lexicon can end with, for a cheap test before a pattern that
    must match right before a number (phrases of the lexicon, then fillers, then spaces, then `\\Z`).

    Such a match ends with the last word of a phrase, or with its last character when that is no
    word character; a text whose last word is neither needs no search. Each word is compared once,
    character by character as `re` compares it under IGNORECASE (`patterns.folds`), and remembered.
    """

    def __init__(self, phrases: list[str], fillers: list[str]) -> None:
        self._ends: list[_Spelling] = []
        self._fillers: list[_Spelling] = []
        # A phrase ending with any word ("_", or a stem ending in a non-word character) can end anywhere.
        self.anywhere = False
        for index, phrase in enumerate(phrases + fillers):
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
            spelling = _Spelling(body[start:], stem)
            if index >= len(phrases) and not stem and len(words) == 1 and start == 0:
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
            firsts.update(folds(word[0]))
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

    def may_hold(self, norm: str, starts: list[int], ends: list[int]) -> bool:
        """False when none of the words (at `starts`, to `ends`) is a phrase's word: no phrase can
        match among them. True when one may."""
        if self.anywhere:
            return True
        lengths, firsts, stem_length = self._lengths, self._firsts, self._stem_length
        for index in range(len(starts)):
            start = starts[index]
            length = ends[index] - start
            if (length < len(lengths) and lengths[length]) or length >= stem_length:
                if norm[start] in firsts and self.held(norm[start : ends[index]]):
                    return True
        return False
