"""Attribution: who a sentence's claims come from ("the ministry said", "selon l'ONU").

Read once per sentence, in the original text (so the source keeps its spelling), from the
language's source phrases, cues and verbs of saying (`Language._build_attribution`).
"""

from __future__ import annotations

import re
from itertools import islice

from claims.extraction.document import CLAUSE_PUNCTUATION, Document
from claims.extraction.languages.base import Language
from claims.extraction.prefixes import SAID, SOURCE_AFTER, SOURCE_BEFORE, SOURCE_PHRASE

# Words a source may have, and the words after a source phrase kept with it.
_MAX_SOURCE_WORDS = 10
_PHRASE_SOURCE_WORDS = 4


def read_attribution(text: str, doc: Document, language: Language, sentence: int) -> tuple[str | None, str | None]:
    """(source, rule) of a sentence's claims, or (None, None): a source phrase ("according to the
    ministry"), a cue before or after a source's name, else the words around a verb of saying."""
    norm = doc.norm
    start, end = doc.bounds(sentence)
    # The searches for lists none of whose phrases the sentence's words open are skipped.
    marks = doc.marks(sentence)
    cue = language.source_phrase_re.search(norm, start, end) if marks & SOURCE_PHRASE else None
    if cue is not None:
        rest = _phrase_after(text, norm, doc.word_re, cue.end(), end, allow_that=True)
        rest_words = (rest or "").split()[:_PHRASE_SOURCE_WORDS]
        phrase = " ".join([text[cue.start() : cue.end()].lstrip(", "), *rest_words])
        return phrase, "attribution.phrase"
    cue = language.source_after_cue_re.search(norm, start, end) if marks & SOURCE_AFTER else None
    if cue is not None:
        source = _phrase_after(text, norm, doc.word_re, cue.end(), end)
        if source:
            return source, "attribution.cue"
    cue = language.source_before_cue_re.search(norm, start, end) if marks & SOURCE_BEFORE else None
    if cue is not None:
        source = _phrase_before(text, norm, doc.word_re, start, cue.start())
        if source:
            return source, "attribution.cue"
    for verb in language.said_re.finditer(norm, start, end) if marks & SAID else ():
        source = _phrase_before(text, norm, doc.word_re, start, verb.start())
        if source and not any(ch.isdigit() for ch in source):
            return source, "attribution.verb"
        source = _phrase_after(text, norm, doc.word_re, verb.end(), end)
        if source:
            return source, "attribution.verb"
    return None, None


def _phrase_after(
    text: str, norm: str, word: re.Pattern[str], start: int, end: int, allow_that: bool = False
) -> str | None:
    stop = CLAUSE_PUNCTUATION.search(norm, start, end)
    limit = stop.start() if stop is not None else end
    words = list(islice(word.finditer(norm, start, limit), _MAX_SOURCE_WORDS))
    if not words:
        return None
    if not allow_that and words[0].group().lower() in ("that", "que", "qu", "dass", "how", "comment", "como"):
        return None
    phrase = text[words[0].start() : words[-1].end()].strip(" .")
    return phrase or None


def _phrase_before(text: str, norm: str, word: re.Pattern[str], sentence_start: int, end: int) -> str | None:
    clause_start = sentence_start
    for punctuation in CLAUSE_PUNCTUATION.finditer(norm, sentence_start, end):
        clause_start = punctuation.end()
    words = list(word.finditer(norm, clause_start, end))[-_MAX_SOURCE_WORDS:]
    if not words:
        return None
    phrase = text[words[0].start() : words[-1].end()].strip()
    return phrase or None
