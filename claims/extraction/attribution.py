"""Attribution: who a sentence's claims come from ("the ministry said", "selon l'ONU").

Read once per sentence, in the original text (so the source keeps its spelling), from the
language's source phrases, cues and verbs of saying (`Language._build_attribution`).
"""

from __future__ import annotations

import re
from typing import Final

from claims.extraction.context import clause_end, clause_start
from claims.extraction.document import Document, bisect_left
from claims.extraction.languages.base import Language
from claims.extraction.prefixes import (
    SAID,
    SOURCE_AFTER,
    SOURCE_BEFORE,
    SOURCE_PHRASE,
    finditer_at,
    openings,
)

# Words a source may have, and the words after a source phrase kept with it.
_MAX_SOURCE_WORDS: Final = 10
_PHRASE_SOURCE_WORDS: Final = 4


def read_attribution(text: str, doc: Document, language: Language, sentence: int) -> tuple[str | None, str | None]:
    """(source, rule) of a sentence's claims, or (None, None): a source phrase ("according to the
    ministry"), a cue before or after a source's name, else the words around a verb of saying."""
    norm = doc.norm
    start, end = doc.bounds(sentence)
    # The sentence's words: every search below starts and ends at a word's edge, so the words
    # between two of its places are whole words of the sentence.
    words = _Words(text, norm, doc.words(sentence)[1], doc.word_ends(sentence))
    # The searches for lists none of whose phrases the sentence's words open are skipped, the
    # others tried at the words their phrases may start at.
    marks = doc.marks(sentence)
    cue = doc.search(language.source_phrase_re, sentence, SOURCE_PHRASE) if marks & SOURCE_PHRASE else None
    if cue is not None:
        rest = words.after(cue.end(), end, allow_that=True)
        rest_words = (rest or "").split()[:_PHRASE_SOURCE_WORDS]
        phrase = " ".join([text[cue.start() : cue.end()].lstrip(", "), *rest_words])
        return phrase, "attribution.phrase"
    cue = doc.search(language.source_after_cue_re, sentence, SOURCE_AFTER) if marks & SOURCE_AFTER else None
    if cue is not None:
        source = words.after(cue.end(), end)
        if source:
            return source, "attribution.cue"
    cue = doc.search(language.source_before_cue_re, sentence, SOURCE_BEFORE) if marks & SOURCE_BEFORE else None
    if cue is not None:
        source = words.before(start, cue.start())
        if source:
            return source, "attribution.cue"
    if not marks & SAID:
        verbs: list[re.Match[str]] = []
    elif openings(language).unplaced & SAID:
        verbs = list(language.said_re.finditer(norm, start, end))
    else:
        verbs = finditer_at(language.said_re, norm, doc.starting(sentence, SAID), end)
    for verb in verbs:
        source = words.before(start, verb.start())
        if source and not any(ch.isdigit() for ch in source):
            return source, "attribution.verb"
        source = words.after(verb.end(), end)
        if source:
            return source, "attribution.verb"
    return None, None


class _Words:
    """A sentence's words (their starts and ends), for the phrases around a cue or a verb."""

    def __init__(self, text: str, norm: str, starts: list[int], ends: list[int]) -> None:
        self.text = text
        self.norm = norm
        self.starts = starts
        self.ends = ends

    def after(self, start: int, end: int, allow_that: bool = False) -> str | None:
        """The first words of the clause from `start`, to the end of the sentence at `end`."""
        norm, starts = self.norm, self.starts
        limit = clause_end(norm, start, end)
        first = bisect_left(starts, start)
        if first == len(starts) or starts[first] >= limit:
            return None
        last = min(bisect_left(starts, limit, first), first + _MAX_SOURCE_WORDS) - 1
        if not allow_that and norm[starts[first] : self.ends[first]].lower() in (
            "that", "que", "qu", "dass", "how", "comment", "como"
        ):
            return None
        phrase = self.text[starts[first] : self.ends[last]].strip(" .")
        return phrase or None

    def before(self, sentence_start: int, end: int) -> str | None:
        """The last words of the clause that ends at `end`."""
        first = bisect_left(self.starts, clause_start(self.norm, sentence_start, end))
        stop = bisect_left(self.starts, end, first)
        if first == stop:
            return None
        phrase = self.text[self.starts[max(first, stop - _MAX_SOURCE_WORDS)] : self.ends[stop - 1]].strip()
        return phrase or None
