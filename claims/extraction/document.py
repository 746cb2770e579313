"""A text's paragraphs, sentences and words, found once and shared by every stage of the engine.

Paragraphs are split at once; sentences only in the paragraphs a number is found in (a sentence
never crosses a line break, so paragraphs split independently), and a sentence's words only when a
stage first asks about them. Works on `Language.normalise(text)`, whose offsets are the original
text's offsets.
"""

from __future__ import annotations

import re
from typing import Final

from claims.extraction.cues import vote_words
from claims.extraction.languages.base import Language
from claims.extraction.languages.patterns import bmp_word_class
from claims.extraction.languages.words import Tokens, WordInfo
from claims.extraction.prefixes import AT, NOW, TIME_CUES, openings, search_at, word_bits

# Written to open with one character class, which lets `re` skip to the characters a match can
# start with (a pattern opening with a repeat or a choice of repeats is tried at every position).
WORD: Final = re.compile(r"\w\w*")
# The same for a text with no character beyond U+FFFF (nearly every text): a class of ranges, which
# `re` checks in one look-up (`Document.word_re`).
_BMP_WORD_CLASS: Final = bmp_word_class()
_BMP_WORD: Final = re.compile(f"{_BMP_WORD_CLASS}{_BMP_WORD_CLASS}*")
# A sentence breaks at a line break, and after a run of the marks that end one, closing quotes or
# brackets, then spaces, a line break or the paragraph's end: [.!?…]+["'»”)\]]*(?:[ \t\u00a0]+|(?=\n)|\Z).
# The line break comes first in `_BREAK_CHARS`.
_BREAK_CHARS: Final = "\n.!?\u2026"
_END_MARKS: Final = ".!?\u2026"
_CLOSERS: Final = "\"'\u00bb\u201d)]"
_BREAK_SPACES: Final = " \t\u00a0"
_PARAGRAPH_BREAK: Final = re.compile(r"\n[ \t\u00a0]*\n")
# The bits of the lists a sentence may hold a phrase of (`Document.marks`).
_MARKS: Final = (1 << AT) - 1
# Punctuation that ends the phrase a number heads ("20.000 martyrs, dont ...").
PHRASE_END: Final = frozenset(",.;:()[]\u00ab\u00bb\"\u201c\u201d!?\u2014/|")
PHRASE_END_RE: Final = re.compile("[" + re.escape("".join(sorted(PHRASE_END))) + "]")
# Punctuation that ends a clause: a list of parts, a source's name.
# A comma between digits ("6,4") is a decimal or thousands separator, not punctuation. Written to
# open with one class (as `WORD`), the comma's digits checked after it: (?<!\d),|,(?!\d)|[;:()...].
CLAUSE_PUNCTUATION: Final = re.compile(r"[,;:()\u00ab\u00bb\"\u201c\u201d\u2014](?<!\d,(?=\d))")


def _find(text: str, char: str, start: int, end: int) -> int:
    """Where `char` first stands in text[start:end], or `end`."""
    found = text.find(char, start, end)
    return end if found < 0 else found


def bisect_left(values: list[int], value: int, low: int = 0) -> int:
    """`bisect.bisect_left` over a list of ints: compiled, a native loop, where the library's
    function is called as Python."""
    high = len(values)
    while low < high:
        middle = (low + high) // 2
        if values[middle] < value:
            low = middle + 1
        else:
            high = middle
    return low


def bisect_right(values: list[int], value: int) -> int:
    """`bisect.bisect_right` over a list of ints (see `bisect_left`)."""
    low, high = 0, len(values)
    while low < high:
        middle = (low + high) // 2
        if value < values[middle]:
            high = middle
        else:
            low = middle + 1
    return low


def bracketed(norm: str, start: int, end: int) -> bool:
    """Whether the number at `norm[start:end]` stands alone in brackets ("(212) people"): the
    brackets set it off without ending its phrase."""
    return start > 0 and norm[start - 1] == "(" and norm.startswith(")", end)


class Document:
    """Paragraph bounds of one text, and sentence bounds computed only for the paragraphs asked
    about (a sentence never crosses a line break, so paragraphs split independently).

    A sentence is identified by its start offset.
    """

    def __init__(self, norm: str, language: Language) -> None:
        self.norm = norm
        self.language = language
        # `WORD`, as fast as the text allows: a character beyond U+FFFF takes four bytes of UTF-16, one
        # below it two (the encoding is a native loop, where `max` compares character objects).
        below = norm.isascii() or len(norm.encode("utf-16-le", "surrogatepass")) == 2 * len(norm)
        self.word_re = _BMP_WORD if below else WORD
        # `Language.time_cue_after_re`, as fast as the text allows (the same way).
        self.cue_after_re = language.time_cue_after_bmp_re if below else language.time_cue_after_re
        self.paragraph_starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(norm)]
        self._split: dict[int, list[int]] = {}
        # (start, end) of the sentence last looked up by `sentence_of`.
        self._last_sentence = (0, 0)
        # The end of every sentence split so far, by its start.
        self.ends: dict[int, int] = {}
        self._words: dict[int, tuple[Tokens, list[int], list[WordInfo]]] = {}
        # The ends of a sentence's words, by its start (read with them, in `words`).
        self._word_ends: dict[int, list[int]] = {}
        # The texts of a sentence's words, by its start (read with them, in `words`).
        self._texts: dict[int, list[str]] = {}
        # Whether a span holds a baseline phrase ("before the war"), by span, and whether a sentence
        # does, by its start.
        self.baselines: dict[tuple[int, int] | int, bool] = {}
        self._votes: dict[int, bool] = {}
        # Whether a sentence names today or now, by its start.
        self._now: dict[int, bool] = {}
        # The starts and ends of the language's time cues ("since", a month, a weekday), found in one
        # pass over the text as far as it was read (`time_cues`): every cue that starts before
        # `_cues_known`, the next searched for from `_cues_from` (-1: from the text's start); and
        # those in a sentence, by its start (`sentence_cues`).
        self._cues: tuple[list[int], list[int]] = ([], [])
        self._cues_known = 0
        self._cues_from = -1
        self._sentence_cues: dict[int, tuple[list[int], list[int]]] = {}
        # The lists of `prefixes` a sentence may hold a phrase of (its marks), by its start, and the
        # starts of its words a phrase of one may start at, with their lists' bits.
        self._marks: dict[int, int] = {}
        self._placed: dict[int, tuple[list[int], list[int]]] = {}

    def words(self, sentence: int) -> tuple[Tokens, list[int], list[WordInfo]]:
        """The sentence's words (`Tokens`, each made when first read), their starts and what each
        means, read once for every number in it (a phrase counting at its first word, as
        `Language.infos` reads it)."""
        found = self._words.get(sentence)
        if found is None:
            norm = self.norm
            texts = self._split_words(sentence)
            # Each text found again from where the one before it ended, which is its start: only
            # characters that are no word's lie between two words, and a word opens with a word
            # character.
            starts: list[int] = []
            ends: list[int] = []
            at = sentence
            for text in texts:
                at = norm.find(text, at)
                end = at + len(text)
                starts.append(at)
                ends.append(end)
                at = end
            found = (Tokens(starts, ends, texts), starts, self.language.text_infos(texts))
            self._words[sentence] = found
            self._word_ends[sentence] = ends
            self._texts[sentence] = texts
        return found

    def _split_words(self, sentence: int) -> list[str]:
        """The texts of the sentence's words (`word_re`'s matches), in order, with no regex match for
        most: a word never holds white space, and most pieces between white space are one word as
        they stand, or one with a punctuation mark after it ("killed,")."""
        texts: list[str] = []
        word_re = self.word_re
        for piece in self.norm[sentence : self.ends[sentence]].split():
            if piece.isalnum():
                texts.append(piece)
                continue
            # "_" is a word character that `isalnum` rejects.
            last = piece[-1]
            if len(piece) > 1 and last != "_" and not last.isalnum():
                head = piece[:-1]
                if head.isalnum():
                    texts.append(head)
                    continue
            texts.extend(word_re.findall(piece))
        return texts

    def word_ends(self, sentence: int) -> list[int]:
        """The ends of the sentence's words (`words`), for reading offsets without a method call on
        each token."""
        ends = self._word_ends.get(sentence)
        if ends is None:
            self.words(sentence)
            ends = self._word_ends[sentence]
        return ends

    def word_texts(self, sentence: int) -> list[str]:
        """The texts of the sentence's words (`words`), each made once."""
        texts = self._texts.get(sentence)
        if texts is None:
            self.words(sentence)
            texts = self._texts[sentence]
        return texts

    def span_texts(self, sentence: int, start: int, end: int) -> list[str]:
        """The texts of the words of norm[start:end], a span of the sentence, as `word_re.findall`
        reads them: the sentence's own words (`words`), unless the span cuts one."""
        starts = self.words(sentence)[1]
        ends = self._word_ends[sentence]
        first = bisect_left(starts, start)
        last = bisect_left(starts, end)
        if (first > 0 and ends[first - 1] > start) or (last > first and ends[last - 1] > end):
            return self.word_re.findall(self.norm, start, end)
        return self._texts[sentence][first:last]

    def _sentences(self, paragraph: int) -> list[int]:
        starts = self._split.get(paragraph)
        if starts is not None:
            return starts
        norm = self.norm
        start = self.paragraph_starts[paragraph]
        end = self.paragraph_starts[paragraph + 1] if paragraph + 1 < len(self.paragraph_starts) else len(norm)
        starts = [start]
        ends, language = self.ends, self.language
        # Where each break character next stands (`end` if nowhere): found with `str.find`, which
        # skips the text between them far faster than a regex, and found again once passed.
        chars = _BREAK_CHARS
        nexts = [_find(norm, char, start, end) for char in chars]
        while True:
            at, index = end, -1
            for i in range(len(nexts)):
                if nexts[i] < at:
                    at, index = nexts[i], i
            if index < 0:
                break
            nexts[index] = _find(norm, chars[index], at + 1, end)
            if index == 0:
                ends[starts[-1]] = at
                starts.append(at + 1)
                continue
            stop = at + 1
            while stop < end and norm[stop] in _END_MARKS:
                stop += 1
            while stop < end and norm[stop] in _CLOSERS:
                stop += 1
            after = stop
            while after < end and norm[after] in _BREAK_SPACES:
                after += 1
            if after == stop and stop < end and norm[stop] != "\n":
                # Neither spaces, a line break nor the paragraph's end after the marks: no break.
                continue
            # The marks and spaces read are no break of their own.
            for i in range(1, len(nexts)):
                if nexts[i] < after:
                    nexts[i] = _find(norm, chars[i], after, end)
            # "!", "?" and "…" always end a sentence; a dot may end an abbreviation.
            # (Called on the class: a native call, where the bound method is called as Python.)
            if norm[at] == "." and not Document._ends_sentence(norm, at, language):
                continue
            ends[starts[-1]] = stop
            starts.append(after)
        if starts[-1] < end or len(starts) == 1:
            ends[starts[-1]] = end
        else:
            # Nothing after the last break: no sentence starts there. (Its offset may be the next
            # paragraph's first sentence, whose end must stay that sentence's.)
            starts.pop()
        self._split[paragraph] = starts
        return starts

    @staticmethod
    def _ends_sentence(norm: str, dot: int, language: Language) -> bool:
        if norm[dot] != ".":
            return True
        before = norm[dot - 1] if dot else ""
        if not (before.isalnum() or before == "."):
            return True
        if before.isdigit():
            # "am 7. Oktober": the word before the dot ends with a digit.
            return not language.ordinal_dots
        # A word longer than every abbreviation (most words before a dot) ends the sentence: it
        # would not be one once lower-cased either, lower-casing never shortening a word.
        longest = language.longest_abbreviation
        if dot > longest and norm[dot - longest - 1 : dot].replace(".", "").isalnum():
            return True
        word_start = dot
        while word_start > 0 and (norm[word_start - 1].isalnum() or norm[word_start - 1] == "."):
            word_start -= 1
        word = norm[word_start:dot].lower()
        if not word:
            return True
        if word[-1].isdigit():
            return not language.ordinal_dots
        if len(word) == 1 or word in language.abbreviations:
            return False
        return True

    def sentence_of(self, position: int) -> int:
        # Numbers are asked about in text order, most often several in one sentence.
        start, end = self._last_sentence
        if start <= position < end:
            return start
        paragraph = self.paragraph_of(position)
        starts = self._sentences(paragraph)
        index = bisect_right(starts, position) - 1
        sentence = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else self.paragraph_end(paragraph)
        self._last_sentence = (sentence, end)
        return sentence

    def bounds(self, sentence: int) -> tuple[int, int]:
        return sentence, self.ends[sentence]

    def is_vote(self, sentence: int) -> bool:
        """Whether the sentence speaks of a vote (a ballot word or a voting body), searched once."""
        found = self._votes.get(sentence)
        if found is None:
            # A sentence whose words are read already is searched only if it holds a vote phrase's word.
            words = self._words.get(sentence)
            found = self._votes[sentence] = (
                (words is None or vote_words(self.language).may_hold(self._texts[sentence]))
                and self.language.vote_context_re.search(self.norm, sentence, self.ends[sentence]) is not None
                # A vote word the pattern misses as written ("وصوّتت", a vowel mark inside it).
                or (self.language.vocabulary.has_ignored and any(info.vote_context for info in self.words(sentence)[2]))
            )
        return found

    def speaks_of_now(self, sentence: int) -> bool:
        """Whether the sentence names the article's own day or now ("today", "so far"), searched once
        (a sentence is asked about again for each later one its day may be carried to)."""
        found = self._now.get(sentence)
        if found is None:
            found = self._now[sentence] = self.marks(sentence) & NOW != 0 and self.search(
                self.language.now_or_today_re, sentence, NOW
            ) is not None
        return found

    def search(self, pattern: re.Pattern[str], sentence: int, bit: int) -> re.Match[str] | None:
        """`pattern.search` over the sentence, for a pattern of the list `bit` of `prefixes`: tried
        only at the words its phrases may start at (`starting`)."""
        end = self.ends[sentence]
        if openings(self.language).unplaced & bit:
            return pattern.search(self.norm, sentence, end)
        return search_at(pattern, self.norm, self.starting(sentence, bit), end)

    def starting(self, sentence: int, bit: int) -> list[int]:
        """The starts of the sentence's words a phrase of the list `bit` of `prefixes` may start at
        (where a search for one can match), in text order."""
        self.marks(sentence)
        placed, places = self._placed[sentence]
        return [placed[index] for index in range(len(placed)) if places[index] & bit]

    def marks(self, sentence: int) -> int:
        """The bits of the word lists of `prefixes` the sentence may hold a phrase of (it holds none
        of the others), read once from the first characters of its words."""
        found = self._marks.get(sentence)
        if found is not None:
            return found
        table = openings(self.language)
        marks = table.always
        placed: list[int] = []
        places: list[int] = []
        starts = self.words(sentence)[1]
        texts = self._texts[sentence]
        for index in range(len(starts)):
            bits = word_bits(table, texts[index])
            if bits:
                marks |= bits & _MARKS
                if bits >> AT:
                    placed.append(starts[index])
                    places.append(bits >> AT)
        marks &= _MARKS
        self._marks[sentence] = marks
        self._placed[sentence] = (placed, places)
        return marks

    def time_cues(self, before: int) -> tuple[list[int], list[int]]:
        """The start and end of the match of `Language.time_cue_re` at every place one starts (those
        inside another's too), in text order: each one starting before `before`, and maybe some
        after it. Found in one pass over the text, read only as far as asked."""
        starts, ends = self._cues
        norm = self.norm
        after = self.cue_after_re
        while self._cues_known < before:
            at = self._cues_from
            if at < 0:
                # A cue opening the text, then each cue after a non-word character (`time_cue_after_re`,
                # which matches that character too): the next one is looked for from the last one's start.
                at = self._cues_from = 0
                cue = self.language.time_cue_re.match(norm, 0)
                if cue is not None:
                    starts.append(0)
                    ends.append(cue.end())
            cue = after.search(norm, at)
            if cue is None:
                self._cues_known = len(norm) + 1
                break
            at = self._cues_from = cue.start() + 1
            starts.append(at)
            ends.append(cue.end())
            self._cues_known = at + 1
        return starts, ends

    def sentence_cues(self, sentence: int) -> tuple[list[int], list[int]]:
        """The cues starting in a sentence: those of `time_cues` once the text is read past it, else
        each the match of `Language.time_cue_re` up to the sentence's end at a word that may open
        one (`marks`). Either way a search of a span of the sentence finds its first cue at the
        first of them (unless that one runs past the span's end), and can find one only where one
        starts."""
        found = self._sentence_cues.get(sentence)
        if found is None:
            end = self.ends[sentence]
            if self._cues_known >= end:
                starts, ends = self._cues
                low, high = bisect_left(starts, sentence), bisect_left(starts, end)
                found = starts[low:high], ends[low:high]
            elif openings(self.language).unplaced & TIME_CUES:
                found = self._find_cues(sentence, end)
            else:
                # A cue starts a word that opens like one (`marks`): each such word is tried alone.
                starts, ends = [], []
                norm, cue_re = self.norm, self.language.time_cue_re
                for at in self.starting(sentence, TIME_CUES):
                    cue = cue_re.match(norm, at, end)
                    if cue is not None:
                        starts.append(at)
                        ends.append(cue.end())
                found = starts, ends
            self._sentence_cues[sentence] = found
        return found

    def _find_cues(self, start: int, end: int) -> tuple[list[int], list[int]]:
        """The starts and ends of the cues starting in norm[start:end], each matched up to `end`."""
        starts: list[int] = []
        ends: list[int] = []
        norm = self.norm
        after = self.cue_after_re
        # A cue opening the text, then each cue after a non-word character (`time_cue_after_re`,
        # which matches that character too): the next one is looked for from the last one's start.
        if start == 0:
            cue = self.language.time_cue_re.match(norm, 0, end)
            if cue is not None:
                starts.append(0)
                ends.append(cue.end())
        else:
            start -= 1
        cue = after.search(norm, start, end)
        while cue is not None:
            start = cue.start() + 1
            starts.append(start)
            ends.append(cue.end())
            cue = after.search(norm, start, end)
        return starts, ends

    def paragraph_of(self, position: int) -> int:
        return bisect_right(self.paragraph_starts, position) - 1

    def paragraph_end(self, paragraph: int) -> int:
        if paragraph + 1 < len(self.paragraph_starts):
            return self.paragraph_starts[paragraph + 1]
        return len(self.norm)
