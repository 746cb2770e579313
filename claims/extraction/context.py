"""The words around one number: the ones after it, where its head noun is, and the ones before it
in its clause, where a verb may name its metric or a vote its side."""

from __future__ import annotations

from typing import Final

from claims.extraction.document import Document, bisect_left, bracketed
from claims.extraction.draft import Draft
from claims.extraction.languages.base import Language
from claims.extraction.languages.words import Word, WordInfo
from claims.extraction.mentions import Mention

# Words read after a number to find its head noun and metric, and before it to find its metric.
_AFTER_TOKENS: Final = 12
_BEFORE_TOKENS: Final = 20
# The characters `document.CLAUSE_PUNCTUATION` matches (but a comma between digits).
CLAUSE_CHARS: Final = ",;:()\u00ab\u00bb\"\u201c\u201d\u2014"
# The same, each a string of its own (read without making one at each look).
_CLAUSE_CHAR_LIST: Final = list(CLAUSE_CHARS)


def _in_number(norm: str, at: int, high: int) -> bool:
    """Whether the clause character at `at` is a comma between digits ("6,4"), which ends no
    clause; the digit after it is looked for before `high` only, as the pattern searched up to
    `high` sees it."""
    return (
        norm[at] == ","
        and at > 0
        and norm[at - 1].isdecimal()
        and at + 1 < high
        and norm[at + 1].isdecimal()
    )


def clause_end(norm: str, low: int, high: int) -> int:
    """Where the first match of `CLAUSE_PUNCTUATION` in norm[low:high] starts, else `high`: each
    clause character looked for by a native search, up to the nearest found so far."""
    start = low
    while True:
        punctuation = high
        for char in _CLAUSE_CHAR_LIST:
            found = norm.find(char, start, punctuation)
            if found >= 0:
                punctuation = found
        if punctuation == high:
            return high
        if _in_number(norm, punctuation, high):
            start = punctuation + 1
            continue
        return punctuation


def clause_start(norm: str, low: int, high: int) -> int:
    """Where the clause that ends at `high` starts: after the last match of `CLAUSE_PUNCTUATION` in
    norm[low:high], else at `low`. Looked for backwards, each character by a native search (a comma
    between digits, "6,4", is no clause's end)."""
    end = high
    while True:
        punctuation = -1
        for char in _CLAUSE_CHAR_LIST:
            found = norm.rfind(char, low, end)
            if found > punctuation:
                punctuation = found
        if punctuation < 0:
            return low
        if _in_number(norm, punctuation, high):
            end = punctuation
            continue
        return punctuation + 1


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
        self.after = tokens.slice(first, last)
        self.after_infos = infos[first:last]
        # The offsets of the words of `after` (read here, not by a method call on each token).
        self.after_starts = starts[first:last]
        self.after_ends = ends[first:last]
        self._before: list[Word] | None = None
        self._before_infos: list[WordInfo] = []
        # Whether the head noun was reached over an unknown adjective ("300 innocent people"), which
        # `nouns.head` sets.
        self.skipped_adjective = False

    def further(self, count: int) -> tuple[list[Word], list[WordInfo]]:
        """Up to `count` words after the number, in its window: `after` and the words beyond it."""
        first, window_end = self._first, self.window_end
        last = min(bisect_left(self._starts, window_end), first + count)
        while last > first and self._ends[last - 1] > window_end:
            last -= 1
        return self._tokens.slice(first, last), self._infos[first:last]

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
    def before(self) -> tuple[list[Word], list[WordInfo]]:
        if self._before is None:
            clause_start = self.window_start
            norm, start = self.norm, self.draft.start
            # The clause opens after the last punctuation before the number that ends one
            # (`CLAUSE_PUNCTUATION`), looked for backwards, each character by a native search.
            end = start
            while True:
                punctuation = -1
                for char in _CLAUSE_CHAR_LIST:
                    found = norm.rfind(char, self.window_start, end)
                    if found > punctuation:
                        punctuation = found
                if punctuation < 0:
                    break
                end = punctuation
                if _in_number(norm, punctuation, start):
                    # "6,4": a separator between digits.
                    continue
                # "Против — 5": a dash standing for "is" right before the number joins its clause.
                if norm[punctuation] in self.language.copulas and not norm[punctuation + 1 : start].strip():
                    continue
                if punctuation + 1 == self.draft.number_start and bracketed(
                    norm, self.draft.number_start, self.draft.number_end
                ):
                    # "killed (212) people": a number alone in brackets stays in its clause.
                    continue
                clause_start = punctuation + 1
                break
            # Most of the clause: "El número de muertos en la Franja de Gaza desde el 7 de octubre
            # supera ya los 18.000" names its metric far before the number.
            last = bisect_left(self._starts, self.draft.start)
            while last > 0 and self._ends[last - 1] > self.draft.start:
                last -= 1
            first = max(bisect_left(self._starts, clause_start), last - _BEFORE_TOKENS)
            self._before = self._tokens.slice(first, last)
            self._before_infos = self._infos[first:last]
        return self._before, self._before_infos

