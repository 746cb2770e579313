"""The rule-based extraction pipeline.

1. One compiled regex per language finds every number mention (digits, number words, vague counts)
   and, in the same pass, consumes what only looks like a number (dates, clock times, phone
   numbers), so those never become claims.
2. Each mention is filtered (resolution numbers, list numbering, ordinals, years, bylines) and read:
   its qualifier, its range partner, its head noun and metric.
3. Claims in a sentence are linked to their whole ("dont", "including"), then given a subject,
   dates and an attribution, each computed once per sentence.

Everything runs on `Language.normalise(text)`, whose offsets are the original text's offsets.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, getcontext
from itertools import islice

from claims.extraction.languages.base import EMPTY_INFO, Language, WordInfo, normal_key
from claims.extraction.numbers import parse_digits, read_number_words, scale_of
from claims.extraction.types import VALUE_MAX, ExtractedClaim, Extraction
from claims.extraction.units import DEATHS_PARTS, METRIC_UNITS, VOTE_METRICS, to_minutes

# Written to open with one character class, which lets `re` skip to the characters a match can
# start with (a pattern opening with a repeat or a choice of repeats is tried at every position).
_WORD = re.compile(r"\w\w*")
# [.!?…]+["'»”)\]]*(?:[ \t\u00a0]+|(?=\n)|\Z) or a line break, written to open with one class (as `_WORD`).
_SENTENCE_BREAK = re.compile(
    r"[.!?\u2026\n](?:(?<=\n)|[.!?\u2026]*[\"'\u00bb\u201d)\]]*(?:[ \t\u00a0]+|(?=\n)|\Z))"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
_MATCH_START = re.Match.start
# Punctuation that ends the phrase a number heads ("20.000 martyrs, dont ...").
_PHRASE_END = frozenset(",.;:()[]\u00ab\u00bb\"\u201c\u201d!?\u2014/|")
_PHRASE_END_RE = re.compile("[" + re.escape("".join(sorted(_PHRASE_END))) + "]")
_CLAUSE_PUNCTUATION = re.compile(r"[,;:()\u00ab\u00bb\"\u201c\u201d\u2014]")
_LIST_ITEM = re.compile(r"[.)][ \t]")
_BYLINE_NAME = re.compile(r"[^\W\d_][\w'-]*,[ \t]*\Z")
_YEAR_MIN, _YEAR_MAX = 1900, 2100
_CLOCK_DIGITS = re.compile(r"(\d{1,2})[.,:](\d{2})")
# Words read after a number to find its head noun, and around it to find its metric.
_HEAD_TOKENS = 4
_AFTER_TOKENS = 12
_BEFORE_TOKENS = 20
_NEXT_VERB_TOKENS = 2
_VOTE_TOKENS = 12
_PREFIX_CHARS = 48
_MAX_SOURCE_WORDS = 10
_PHRASE_SOURCE_WORDS = 4
# A noun-only metric (trucks) read before the number is the thing carried, not the thing counted.
_BEFORE_METRICS = frozenset(
    {"deaths", "injured", "missing", "hostages_held", "hostages_released", "displaced", "detained"}
)
_SENTENCE_FALLBACK_METRICS = ("deaths", "injured", "missing")
_ONE = Decimal(1)
# A place after "in"/"à"/"en" is where the count happened; a bare name nearby is often the
# source ("Israel said ..."), so a locative place wins up to four times as far away.
_LOCATIVE_WEIGHT = 0.25
# With a claims limit, the number mentions read are limited too, to this many per claim: most
# mentions are claims, and half a million mentions held at once cost some 160 MB.
_MENTIONS_PER_CLAIM = 10
# A claim's sentence is kept whole up to this length. A longer one (a page of numbers without a full
# stop) is cut, for each claim, to this much around the claim's span: a whole megabyte stored with
# each of thousands of claims took a worker's memory.
_MAX_SENTENCE_CHARS = 1000


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    value: Decimal | None
    kind: str
    scale: Decimal = _ONE
    lower: Decimal | None = None
    qualifier: str | None = None
    ambiguous: bool = False
    year_like: bool = False
    rules: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    number_start: int
    number_end: int
    sentence: int
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: str
    rules: list[str]
    metric: str | None = None
    group: str | None = None
    noun: str | None = None
    unit: str | None = None
    vote: bool = False
    confidence: float = 0.5
    part_of: int | None = None
    is_part: bool = False
    metric_from_window: bool = False
    subject: str | None = None


class _Text:
    """Paragraph bounds of one text, and sentence bounds computed only for the paragraphs asked
    about (a sentence never crosses a line break, so paragraphs split independently).

    A sentence is identified by its start offset.
    """

    def __init__(self, norm: str, language: Language) -> None:
        self.norm = norm
        self.language = language
        self.paragraph_starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(norm)]
        self._split: dict[int, list[int]] = {}
        # (start, end) of the sentence last looked up by `sentence_of`.
        self._last_sentence = (0, 0)
        self._ends: dict[int, int] = {}
        self._words: dict[int, tuple[list[re.Match[str]], list[int], list[WordInfo]]] = {}
        # Whether a span holds a baseline phrase ("before the war"), by span, and whether a sentence
        # does, by its start.
        self.baselines: dict[tuple[int, int] | int, bool] = {}
        self._votes: dict[int, bool] = {}

    def words(self, sentence: int) -> tuple[list[re.Match[str]], list[int], list[WordInfo]]:
        """The sentence's words, their starts and what each means, read once for every number in
        it (a phrase counting at its first word, as `Language.infos` reads it)."""
        found = self._words.get(sentence)
        if found is None:
            tokens = list(_WORD.finditer(self.norm, sentence, self._ends[sentence]))
            found = (tokens, list(map(_MATCH_START, tokens)), self.language.infos(tokens))
            self._words[sentence] = found
        return found

    def _sentences(self, paragraph: int) -> list[int]:
        starts = self._split.get(paragraph)
        if starts is not None:
            return starts
        norm = self.norm
        start = self.paragraph_starts[paragraph]
        end = self.paragraph_starts[paragraph + 1] if paragraph + 1 < len(self.paragraph_starts) else len(norm)
        starts = [start]
        ends, language, ends_sentence = self._ends, self.language, self._ends_sentence
        for match in _SENTENCE_BREAK.finditer(norm, start, end):
            text = match.group()
            at = match.start()
            if text == "\n":
                ends[starts[-1]] = at
            else:
                # "!", "?" and "…" always end a sentence; a dot may end an abbreviation.
                if norm[at] == "." and not ends_sentence(norm, at, language):
                    continue
                ends[starts[-1]] = at + len(text.rstrip())
            starts.append(match.end())
        ends[starts[-1]] = end
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
        return sentence, self._ends[sentence]

    def is_vote(self, sentence: int) -> bool:
        """Whether the sentence speaks of a vote (a ballot word or a voting body), searched once."""
        found = self._votes.get(sentence)
        if found is None:
            found = self._votes[sentence] = (
                self.language.vote_context_re.search(self.norm, sentence, self._ends[sentence]) is not None
            )
        return found

    def paragraph_of(self, position: int) -> int:
        return bisect_right(self.paragraph_starts, position) - 1

    def paragraph_end(self, paragraph: int) -> int:
        if paragraph + 1 < len(self.paragraph_starts):
            return self.paragraph_starts[paragraph + 1]
        return len(self.norm)


def run(
    text: str,
    language: Language,
    published: date | None,
    published_precision: str,
    approx_tolerance: Decimal,
    max_claims: int | None = None,
) -> Extraction:
    norm = language.normalise(text)
    limits = _Limits(max_claims)
    most = len(norm) if max_claims is None else _MENTIONS_PER_CLAIM * max_claims
    mentions = _read_mentions(norm, language, most)
    if len(mentions) > most:
        del mentions[most:]
        limits.truncated = True
    if not mentions:
        return Extraction([], 0, limits.truncated)
    doc = _Text(norm, language)
    tolerance = min(max(approx_tolerance, Decimal(0)), _ONE)
    drafts = _drafts(doc, language, mentions, tolerance, limits)
    if not drafts:
        return Extraction([], limits.out_of_range, limits.truncated)
    _link_parts(doc, language, drafts)
    _finish_metrics(doc, language, drafts)
    _assign_subjects(doc, language, drafts)
    claims = _freeze(text, doc, language, drafts, published, published_precision)
    return Extraction(claims, limits.out_of_range, limits.truncated)


# -- 1. mentions -------------------------------------------------------------------------------


def _read_mentions(norm: str, language: Language, most: int) -> list[_Mention]:
    """The text's number mentions in order, reading no further than one beyond `most`."""
    found: list[_Mention] = []
    precision = getcontext().prec
    for match in language.mention_re.finditer(norm):
        if len(found) > most:
            break
        kind = match.lastgroup
        if kind == "num":
            core, scale_word, suffix = match.group("numcore", "scale", "suffix")
            if scale_word is None and suffix is None and core.isdecimal() and len(core) <= precision:
                # Plain digits (most numbers): the value the general path below computes, directly.
                found.append(
                    _Mention(
                        match.start(),
                        match.end(),
                        Decimal(core),
                        "digits",
                        _ONE,
                        None,
                        None,
                        False,
                        len(core) == 4 and core.isdigit() and _YEAR_MIN <= int(core) <= _YEAR_MAX,
                        ["number.digits"],
                    )
                )
                continue
            value = parse_digits(core, language.decimal_separator)
            if value is None:
                continue
            scale = scale_of(language, scale_word, suffix)
            mention = _Mention(match.start(), match.end(), _clean(value * scale), "digits", scale=scale)
            mention.rules.append("number.digits")
            if scale != _ONE:
                mention.rules.append("number.scale")
            mention.year_like = (
                scale == _ONE and len(core) == 4 and core.isdigit() and _YEAR_MIN <= int(core) <= _YEAR_MAX
            )
            found.append(mention)
        elif kind == "words":
            read = read_number_words(language, match.group())
            if read is None:
                continue
            value, length = read
            words = match.group()[:length]
            mention = _Mention(match.start(), match.start() + length, value, "words")
            mention.ambiguous = words.lower() in language.ambiguous_number_words
            mention.rules.append("number.words")
            found.append(mention)
        elif kind == "vague":
            vague_scale = language.vague.get(normal_key(match.group()))
            if vague_scale is None:
                continue
            mention = _Mention(match.start(), match.end(), None, "vague", lower=2 * vague_scale, qualifier="at_least")
            mention.rules.append("number.vague")
            found.append(mention)
        elif kind == "frac":
            value = language.fractions.get(normal_key(match.group()))
            if value is None:
                continue
            mention = _Mention(match.start(), match.end(), value, "fraction")
            mention.rules.append("number.fraction")
            found.append(mention)
        elif kind == "approxw":
            value = language.approx_words.get(normal_key(match.group()))
            if value is None:
                continue
            mention = _Mention(match.start(), match.end(), value, "approx_word", qualifier="approx")
            mention.rules.append("number.approx_word")
            found.append(mention)
    return found


def _clean(value: Decimal) -> Decimal:
    """Integral values without a trailing fraction, so 1.9 × 10⁶ reads 1900000."""
    if value == value.to_integral_value():
        return value.to_integral_value()
    return value.normalize()


# -- 2. drafts ---------------------------------------------------------------------------------


def _excluded(norm: str, language: Language, mention: _Mention, sentence_start: int) -> bool:
    start, end = mention.start, mention.end
    if mention.kind != "digits":
        return False
    prefix_start = max(sentence_start, start - _PREFIX_CHARS)
    if language.not_claim_before_re.search(norm, prefix_start, start):
        return True
    # "F-16", "COVID-19": a number glued to a name.
    if start >= 2 and norm[start - 1] == "-" and norm[start - 2].isalpha():
        return True
    # "ES-10/22", "A/ES-10/21": numbers inside a code that holds letters and a slash or hyphen.
    token_start = start
    while token_start > prefix_start and not norm[token_start - 1].isspace():
        token_start -= 1
    if token_start < start:
        token = norm[token_start:start]
        if ("/" in token or "-" in token) and any(ch.isalpha() for ch in token):
            return True
    # "at 9.30", "a las 12.00": hours and minutes after a clock preposition.
    clock = _CLOCK_DIGITS.fullmatch(norm, start, end) if 4 <= end - start <= 5 else None
    if (
        clock is not None
        and int(clock.group(1)) <= 24
        and int(clock.group(2)) < 60
        and language.clock_before_re.search(norm, prefix_start, start)
    ):
        return True
    if _LIST_ITEM.match(norm, end) and not norm[norm.rfind("\n", 0, start) + 1 : start].strip():
        return True
    if (
        language.ordinal_dot_before_re is not None
        and norm.startswith(". ", end)
        and language.ordinal_dot_before_re.search(norm, prefix_start, start)
    ):
        return True
    # "Jane Doe, 45, said": an age in a byline.
    if (
        norm.startswith(",", end)
        and mention.value is not None
        and mention.value < 120
        and _BYLINE_NAME.search(norm, prefix_start, start)
    ):
        word = norm[prefix_start:start].rstrip(", \t").rsplit(None, 1)[-1:]
        if word and word[0][:1].isupper():
            return True
    return False


@dataclass(slots=True)
class _Limits:
    """How many claims a text may give (None: all), and what `_drafts` left out to hold the limits."""

    max_claims: int | None
    out_of_range: int = 0
    truncated: bool = False


def _storable(draft: _Draft) -> bool:
    """Whether the claim's value and bounds fit the claims table (`types.VALUE_MAX`)."""
    return all(number is None or abs(number) <= VALUE_MAX for number in (draft.value, draft.lower, draft.upper))


def _drafts(
    doc: _Text, language: Language, mentions: list[_Mention], tolerance: Decimal, limits: _Limits
) -> list[_Draft]:
    """The claims of the text's mentions, in text order: at most `limits.max_claims`, the reading
    stopping at the next one (so that a text of half a million numbers costs the limit, not them
    all), and none whose value a claim cannot hold."""
    norm = doc.norm
    drafts: list[_Draft] = []
    # Starts of the mentions that can only be numbers: an article ("un", "one") is read as a vote
    # count only beside one of these, in a tally.
    firm = [m.start for m in mentions if not m.ambiguous and m.kind in ("digits", "words")]
    index = 0
    previous_end = 0
    pair_against: int | None = None
    while index < len(mentions):
        mention = mentions[index]
        sentence = doc.sentence_of(mention.start)
        sentence_start, sentence_end = doc.bounds(sentence)
        window_start = max(sentence_start, previous_end)
        if _excluded(norm, language, mention, sentence_start):
            index += 1
            continue
        start = mention.start
        rules = list(mention.rules)
        qualifier = mention.qualifier or "exact"
        value, lower, upper = mention.value, mention.lower, None
        if mention.kind in ("digits", "words", "fraction"):
            found = language.qualifier_re.search(norm, max(window_start, start - _PREFIX_CHARS), start)
            if found is not None and found.lastgroup:
                qualifier = found.lastgroup
                start = found.start()
                rules.append(f"qualifier.{qualifier}")
        end = mention.end
        consumed = 1
        partner = mentions[index + 1] if index + 1 < len(mentions) else None
        vote_side: str | None = "against" if pair_against == index else None
        if (
            partner is not None
            and partner.kind in ("digits", "words")
            and partner.start < sentence_end
            and vote_side is None
            and language.vote_pair_re.fullmatch(norm, mention.end, partner.start)
            and doc.is_vote(sentence)
        ):
            # "153 votes to 10": the first count is for, the second against.
            vote_side = "for"
            pair_against = index + 1
        elif partner is not None and partner.kind in ("digits", "words") and partner.start < sentence_end:
            ranged = _range(norm, language, mention, partner, qualifier, window_start)
            if ranged is not None:
                lower, upper = ranged
                value = None
                qualifier = "range"
                end = partner.end
                consumed = 2
                rules.append("qualifier.range")
        if qualifier == "between":
            qualifier = "exact"
        after = language.at_least_after_re.match(norm, end)
        if after is not None and qualifier == "exact" and mention.kind in ("digits", "words"):
            qualifier = "at_least"
            rules.append("qualifier.at_least_after")
            end = after.end()
        if qualifier != "range":
            lower, upper = _interval(qualifier, value, lower, tolerance)
        counted_end = end
        if (
            consumed == 1
            and vote_side is None
            and partner is not None
            and not mention.ambiguous
            and partner.kind in ("digits", "words")
            and partner.start < sentence_end
            and _set_size(norm, language, mention, partner)
        ):
            # "Thirteen of the council's fifteen members": the second number is the size of the set,
            # the first counts its nouns.
            counted_end = partner.end
            consumed = 2
            rules.append("number.set_size")
        next_start = mentions[index + consumed].start if index + consumed < len(mentions) else len(norm)
        # start, end, number_start, number_end, sentence, value, lower, upper, qualifier, rules.
        draft = _Draft(start, end, mention.start, counted_end, sentence, value, lower, upper, qualifier, rules)
        others = bisect_left(firm, sentence_end) - bisect_left(firm, sentence_start)
        if not mention.ambiguous and mention.kind in ("digits", "words"):
            others -= 1
        context = _Context(
            doc, language, draft, mention, window_start, min(next_start, sentence_end), others > 0
        )
        if context.read(vote_side):
            if not _storable(draft):
                limits.out_of_range += 1
            elif len(drafts) == limits.max_claims:
                limits.truncated = True
                break
            else:
                drafts.append(draft)
        previous_end = end
        index += consumed
    return drafts


def _set_size(norm: str, language: Language, first: _Mention, second: _Mention) -> bool:
    """True for "12 of the 15 members", "13 of its 15 member states": a count, then the size of the
    voting body it belongs to."""
    if second.start - first.end > 40 or not language.partitive_re.match(norm, first.end):
        return False
    if not _PHRASE_END.isdisjoint(norm[first.end : second.start]):
        return False
    head = _WORD.search(norm, second.end, min(len(norm), second.end + 40))
    if head is None or not _PHRASE_END.isdisjoint(norm[second.end : head.start()]):
        return False
    info = language.word(head.group())
    return info.vote_members or info.vote_noun


def _range(
    norm: str, language: Language, first: _Mention, second: _Mention, qualifier: str, window_start: int
) -> tuple[Decimal, Decimal] | None:
    if first.value is None or second.value is None:
        return None
    if qualifier == "between":
        if not language.between_gap_re.fullmatch(norm, first.end, second.start):
            return None
    elif qualifier == "exact":
        gap = language.range_gap_re.fullmatch(norm, first.end, second.start)
        if gap is None:
            return None
        if "-" not in gap.group() and language.range_blocker_re.search(norm, window_start, first.start):
            return None
    else:
        return None
    low, high = first.value, second.value
    if first.scale == _ONE and second.scale != _ONE and low * second.scale <= high:
        low = _clean(low * second.scale)
    if not low < high:
        return None
    return low, high


def _interval(
    qualifier: str, value: Decimal | None, lower: Decimal | None, tolerance: Decimal
) -> tuple[Decimal | None, Decimal | None]:
    if value is None:
        return lower, None
    if qualifier in ("more_than", "at_least"):
        return value, None
    if qualifier == "approx":
        return _clean(value * (_ONE - tolerance)), _clean(value * (_ONE + tolerance))
    if qualifier in ("less_than", "at_most"):
        return Decimal(0), value
    return value, value


class _Context:
    """The words around one number, read once: head noun, metric, vote side, duration."""

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
        "_infos",
        "after",
        "after_infos",
        "_before",
        "_before_infos",
        "skipped_adjective",
    )

    def __init__(
        self,
        doc: _Text,
        language: Language,
        draft: _Draft,
        mention: _Mention,
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
        self.sentence_end = doc._ends[draft.sentence]
        tokens, starts, infos = doc.words(draft.sentence)
        self._tokens, self._starts, self._infos = tokens, starts, infos
        first = bisect_left(starts, draft.number_end)
        last = min(bisect_left(starts, window_end), first + _AFTER_TOKENS)
        # A token cut by the window's end ("...ES-10/22") is not part of it.
        while last > first and tokens[last - 1].end() > window_end:
            last -= 1
        self.after = tokens[first:last]
        self.after_infos = infos[first:last]
        self._before: list[re.Match[str]] | None = None
        self._before_infos: list[WordInfo] = []
        self.skipped_adjective = False

    @property
    def before(self) -> tuple[list[re.Match[str]], list[WordInfo]]:
        if self._before is None:
            clause_start = self.window_start
            for punctuation in _CLAUSE_PUNCTUATION.finditer(self.norm, self.window_start, self.draft.start):
                clause_start = punctuation.end()
            # Most of the clause: "El número de muertos en la Franja de Gaza desde el 7 de octubre
            # supera ya los 18.000" names its metric far before the number.
            last = bisect_left(self._starts, self.draft.start)
            while last > 0 and self._tokens[last - 1].end() > self.draft.start:
                last -= 1
            first = max(bisect_left(self._starts, clause_start), last - _BEFORE_TOKENS)
            self._before = self._tokens[first:last]
            self._before_infos = self._infos[first:last]
        return self._before, self._before_infos

    def read(self, vote_side: str | None) -> bool:
        """Fill the draft's metric, noun, unit and span end; False when it is not a claim at all."""
        draft, mention, language, norm = self.draft, self.mention, self.language, self.norm
        # A percent sign, a part cue or a clock word right after the number (the first that matches).
        after = language.after_number_re.match(norm, draft.number_end)
        if after is not None and after.lastgroup == "percent":
            draft.metric, draft.noun, draft.unit = "other", "%", "percent"
            draft.end = after.end()
            draft.rules.append("unit.percent")
            draft.confidence = 0.3
            return not (mention.ambiguous or mention.year_like)
        if after is not None and after.lastgroup == "part_of":
            # "161 of them": a part of the previous count, with its metric.
            draft.end = after.end()
            draft.is_part = True
            draft.rules.append("part_of.after")
            return not mention.year_like
        if mention.ambiguous and language.partitive_re.match(norm, draft.number_end):
            # "one of the hostages", "l'un des otages": a pronoun, not a count.
            return False
        if after is not None:
            # "zwei Uhr", "two a.m.": a time of day.
            return False
        head_position = self._head()
        head = self.after[head_position] if head_position >= 0 else None
        info = self.after_infos[head_position] if head_position >= 0 else EMPTY_INFO
        if mention.kind == "fraction" and info.minutes is None:
            return False
        clause_side: str | None = None
        if head is None and vote_side is None and self.doc.is_vote(draft.sentence):
            clause_side = self._clause_vote_side()
        if mention.ambiguous:
            # An article is a number only before a counted noun ("un mort", "une abstention"), never
            # before a word naming a count ("un bilan"); as a vote, only in a tally with other counts
            # ("uno en contra" beside "trece votos"), never alone ("un respaldo amplio").
            is_vote = bool(info.vote or info.vote_noun or info.vote_members or clause_side)
            counted = bool((info.metric and not info.toll) or info.minutes is not None)
            if self.skipped_adjective or not (counted or is_vote) or (is_vote and not counted and not self.in_tally):
                return False
        if mention.year_like and draft.qualifier == "exact" and not info.is_noun_like:
            return False
        if head is not None:
            draft.end = max(draft.end, head.end())
            draft.noun = head.group()
        if vote_side is not None:
            return self._vote(vote_side, "vote.pair")
        if clause_side is not None:
            return self._vote(clause_side, "vote.clause")
        if info.minutes is not None:
            return self._duration(info.minutes)
        if info.prisoner:
            # Prisoners exchanged or held are not a tracked figure; keep the count as "other".
            draft.metric = "other"
            draft.confidence = 0.3
            return True
        if info.age:
            draft.metric, draft.unit = "other", "years"
            draft.confidence = 0.2
            return True
        side = self._vote_side(head_position, info)
        if side is not None:
            return self._vote(side, f"vote.{side}")
        if info.metric:
            draft.metric = info.metric
            draft.rules.append("metric.noun")
            draft.confidence = 0.85
            self._refine_hostages()
        else:
            draft.group = info.group
            if head is None or info.group is not None:
                metric, rule = self._metric_around(head_position)
                if metric is not None:
                    draft.metric = metric
                    draft.rules.append(rule)
                    draft.metric_from_window = True
                    draft.confidence = 0.75
                    self._refine_hostages()
        if self._is_baseline():
            # "Before the war, about 500 trucks a day": a level of normal times, not the count now.
            draft.metric = "other"
            draft.rules.append("time.baseline")
            draft.confidence = 0.3
        return True

    def _is_baseline(self) -> bool:
        """A baseline phrase in the same sentence, and not beyond a semicolon ("Before the war, 500
        trucks a day entered; on Tuesday only 41 did")."""
        norm, draft, doc = self.norm, self.draft, self.doc
        # A phrase found between semicolons is found in the whole sentence too (it ends at a
        # semicolon or before one), so a sentence without any needs no look between them.
        sentence = draft.sentence
        found = doc.baselines.get(sentence)
        if found is None:
            found = doc.baselines[sentence] = (
                self.language.baseline_re.search(norm, sentence, doc._ends[sentence]) is not None
            )
        if not found:
            return False
        start, end = doc.bounds(sentence)
        start = max(start, norm.rfind(";", start, draft.start) + 1)
        stop = norm.find(";", draft.number_end, end)
        span = (start, end if stop == -1 else stop)
        found = doc.baselines.get(span)
        if found is None:
            found = doc.baselines[span] = self.language.baseline_re.search(norm, *span) is not None
        return found

    def _clause_vote_side(self) -> str | None:
        """The side of a bare count told later in its clause ("one, the United Kingdom, abstained")."""
        for info in self.after_infos:
            if info.vote:
                return info.vote
            if info.metric or info.minutes is not None:
                return None
        return None

    def _head(self) -> int:
        """Index in `after` of the noun a number counts, or -1.

        The first word that is not a function word, or the second when the first is an unknown
        adjective before a known noun ("300 innocent people"). A word reached only by skipping
        function words must be a known noun: "161 in the offensive" counts no "offensive".
        """
        norm, language = self.norm, self.language
        previous_end = self.draft.number_end
        after, infos = self.after, self.after_infos
        for position, token in enumerate(after[:_HEAD_TOKENS]):
            if not _PHRASE_END.isdisjoint(norm[previous_end : token.start()]):
                return -1
            info = infos[position]
            if info.is_noun_like or info.age:
                if info.group == "people" and not info.metric and position + 1 < len(after):
                    # "39 Palestinian prisoners", "20 000 Palestiniens tués": the next word says more.
                    following = infos[position + 1]
                    between = norm[token.end() : after[position + 1].start()]
                    if (
                        following.prisoner or following.metric or following.group in DEATHS_PARTS
                    ) and _PHRASE_END.isdisjoint(between):
                        return position + 1
                return position
            if info.stop:
                previous_end = token.end()
                continue
            if position > 0 or not self._could_be_noun(token):
                return -1
            if position + 1 < len(after):
                next_token = after[position + 1]
                between = norm[token.end() : next_token.start()]
                if infos[position + 1].is_noun_like and _PHRASE_END.isdisjoint(between):
                    self.skipped_adjective = True
                    return position + 1
            if language.nouns_capitalised and token.group()[:1].islower():
                # "auf 47 gestiegen": a lower-case word is no noun in German.
                return -1
            return position
        return -1

    def _could_be_noun(self, token: re.Match[str]) -> bool:
        word = token.group()
        language = self.language
        if word.isdigit() or language.place_slug(word) is not None:
            return False
        lower = word.lower()
        return language.weekday_of(lower) is None and language.month_of(lower) is None

    def _duration(self, minutes: Decimal) -> bool:
        draft, language, norm = self.draft, self.language, self.norm
        look_from = max(self.window_start, draft.start - 24)
        if language.time_window_before_re.search(norm, look_from, draft.start):
            # "over the past 24 hours": the period a count covers, not a duration claim.
            draft.metric, draft.unit = "other", "minutes"
            draft.rules.append("time.window")
            draft.confidence = 0.2
            return True
        if draft.qualifier == "exact" and minutes >= 60 and language.clock_before_re.search(norm, look_from, draft.start):
            return False
        draft.metric = "duration"
        draft.unit = "minutes"
        draft.value = to_minutes(draft.value, minutes)
        draft.lower = to_minutes(draft.lower, minutes)
        draft.upper = to_minutes(draft.upper, minutes)
        if draft.qualifier in ("less_than", "at_most"):
            draft.lower = Decimal(0)
        draft.rules.append("metric.duration")
        draft.confidence = 0.85
        return True

    def _vote(self, side: str, rule: str) -> bool:
        draft = self.draft
        draft.metric = VOTE_METRICS[side]
        draft.vote = True
        draft.rules.append(rule)
        draft.confidence = 0.85
        return True

    def _vote_side(self, head_position: int, info: WordInfo) -> str | None:
        if info.vote:
            return info.vote
        weak_first = info.vote_weak and head_position == 0
        # Whether the sentence speaks of a vote is searched only for a word that may take a side.
        if not (weak_first or info.vote_noun or info.vote_members) or not self.doc.is_vote(self.draft.sentence):
            return None
        if weak_first:
            return info.vote_weak
        norm, after, infos = self.norm, self.after, self.after_infos
        previous_end = self.after[head_position].end()
        for position in range(head_position + 1, min(len(after), head_position + 1 + _VOTE_TOKENS)):
            token, token_info = after[position], infos[position]
            crossed = not _PHRASE_END.isdisjoint(norm[previous_end : token.start()])
            previous_end = token.end()
            # A ballot noun takes its side from the next words ("10 votos a favor"); a count of
            # countries may be told its side later in the clause ("13 pays qui ont voté, vendredi,
            # en faveur").
            if crossed and not info.vote_members:
                break
            if token_info.vote:
                return token_info.vote
            if token_info.vote_weak and (
                position <= head_position + 2 or infos[position - 1].vote_context or infos[position - 1].vote_noun
            ):
                return token_info.vote_weak
            if info.vote_noun and position > head_position + 3:
                break
        # "Für die Resolution stimmten 153 Staaten": the side opens the clause.
        _, before_infos = self.before
        if before_infos and (before_infos[0].vote or before_infos[0].vote_weak):
            return before_infos[0].vote or before_infos[0].vote_weak
        # "adopted with 13 votes": a ballot count without a side is the votes that carried it, when
        # something else in the sentence speaks of a vote ("trois votes successifs" counts votes).
        if info.vote_noun and self._vote_context_elsewhere():
            return "for"
        return None

    def _vote_context_elsewhere(self) -> bool:
        norm, draft = self.norm, self.draft
        start, end = self.doc.bounds(draft.sentence)
        for found in self.language.vote_context_re.finditer(norm, start, end):
            if not draft.number_start <= found.start() < draft.end:
                return True
        return False

    def _metric_around(self, head_position: int) -> tuple[str | None, str]:
        before, before_infos = self.before
        # A verb right before the number binds tightest: "killed 11 civilians ... and wounded 28",
        # "mataron a 11 civiles".
        if before_infos:
            adjacent = before_infos[-1]
            if adjacent.stop and len(before_infos) > 1:
                adjacent = before_infos[-2]
            if adjacent.metric in _BEFORE_METRICS:
                return adjacent.metric, "metric.before"
        # The words just before the next number, in the same clause, are that number's verb
        # ("... e hirieron a otros 28").
        last = len(self.after)
        clause_break = -1
        if self.window_end < self.sentence_end:
            last -= _NEXT_VERB_TOKENS
            for punctuation in _PHRASE_END_RE.finditer(self.norm, self.draft.number_end, self.window_end):
                clause_break = punctuation.start()
        for position in range(head_position + 1, len(self.after)):
            token = self.after[position]
            if position >= last and token.start() > clause_break:
                break
            metric = self.after_infos[position].metric
            if metric and metric != "aid_trucks":
                return metric, "metric.after"
        for info in reversed(before_infos):
            if info.metric in _BEFORE_METRICS:
                return info.metric, "metric.before"
        return None, ""

    def _refine_hostages(self) -> None:
        draft = self.draft
        if draft.metric != "hostages_held":
            return
        _, before_infos = self.before
        infos = [*before_infos[-4:], *self.after_infos]
        if any(info.release or info.metric == "hostages_released" for info in infos):
            draft.metric = "hostages_released"
            draft.rules.append("metric.released")


# -- 3. parts, metrics, subjects ---------------------------------------------------------------


def _link_parts(doc: _Text, language: Language, drafts: list[_Draft]) -> None:
    whole: int | None = None
    norm = doc.norm
    for index, draft in enumerate(drafts):
        if index == 0:
            continue
        previous = drafts[index - 1]
        previous_whole = previous.part_of if previous.is_part and previous.part_of is not None else index - 1
        if previous.sentence != draft.sentence:
            whole = None
            # "62 muertos. Entre ellos hay doce niños": a sentence that opens on a part cue lists
            # parts of the last count of the sentence before, in the same paragraph.
            cue = language.part_of_re.search(norm, draft.sentence, draft.start)
            opens = cue is not None and not norm[draft.sentence : cue.start()].strip()
            if doc.paragraph_of(previous.start) != doc.paragraph_of(draft.start) or not (draft.is_part or opens):
                continue
            whole = previous_whole
        elif draft.is_part and draft.part_of is None:
            # "161 of them" after "392 soldiers killed".
            whole = previous_whole
        elif language.part_of_re.search(doc.norm, previous.end, draft.start):
            whole = previous_whole
        elif _CLAUSE_PUNCTUATION.search(doc.norm, previous.end, draft.start):
            # "including 20 children, and displaced 76,000": a new clause ends the list of parts.
            whole = None
        if whole is None:
            continue
        whole_metric = drafts[whole].metric
        if whole_metric is None or whole_metric == "other" or draft.vote:
            continue
        if draft.group in DEATHS_PARTS and whole_metric == "deaths" and (
            draft.metric is None or draft.metric == "deaths" or draft.metric_from_window
        ):
            draft.metric = DEATHS_PARTS[draft.group]
        elif draft.group is not None and (draft.metric is None or draft.metric_from_window):
            draft.metric = whole_metric if whole_metric in DEATHS_PARTS.values() else "other"
        elif draft.metric is None and draft.group is None and (draft.noun is None or draft.is_part):
            # "incluidos 161 en la ofensiva": a bare count after the cue counts what the whole counts,
            # unless it is the part in some state ("dont une quinzaine sont encore hospitalisés").
            if not _in_condition(doc, language, draft):
                draft.metric = whole_metric
        elif draft.metric != whole_metric:
            continue
        draft.part_of = whole
        draft.is_part = True
        draft.rules.append("part_of.cue")
        draft.confidence = max(draft.confidence, 0.8)


def _in_condition(doc: _Text, language: Language, draft: _Draft) -> bool:
    """The clause after a part says what state it is in ("nine of whom in critical condition")."""
    end = doc.bounds(draft.sentence)[1]
    stop = _CLAUSE_PUNCTUATION.search(doc.norm, draft.end, end)
    tokens = list(_WORD.finditer(doc.norm, draft.end, stop.start() if stop is not None else end))
    return any(info.condition for info in language.infos(tokens))


def _finish_metrics(doc: _Text, language: Language, drafts: list[_Draft]) -> None:
    for draft in drafts:
        if draft.metric is None and draft.group is not None:
            metric = _sentence_metric(doc, language, draft)
            if metric is not None:
                draft.metric = metric
                draft.rules.append("metric.sentence")
                draft.confidence = 0.6
        if draft.metric == "deaths" and draft.group in DEATHS_PARTS:
            draft.metric = DEATHS_PARTS[draft.group]
            draft.rules.append("metric.deaths_part")
        if draft.metric is None:
            draft.metric = "other"
            draft.confidence = 0.3
        if draft.unit is None:
            draft.unit = METRIC_UNITS.get(draft.metric)


def _sentence_metric(doc: _Text, language: Language, draft: _Draft) -> str | None:
    """The metric word nearest after the number in its sentence, else nearest before it."""
    start, end = doc.bounds(draft.sentence)
    after = list(_WORD.finditer(doc.norm, draft.end, end))
    for info in language.infos(after):
        if info.metric in _BEFORE_METRICS:
            return info.metric
    before = list(_WORD.finditer(doc.norm, start, draft.start))
    for info in reversed(language.infos(before)):
        if info.metric in _BEFORE_METRICS:
            return info.metric
    return None


@dataclass(slots=True)
class _Place:
    start: int
    end: int
    slug: str
    is_body: bool
    locative: bool
    known: bool
    # Known, or a guessed name the text uses more than once or in its title: safe to carry over
    # paragraphs.
    solid: bool = True
    anaphor: bool = False


def _places(doc: _Text, language: Language) -> list[_Place]:
    """Places and bodies named anywhere in the text, in text order."""
    norm = doc.norm
    locatives = {m.start("name"): m for m in language.locative_re.finditer(norm)}
    found: list[_Place] = []
    for match in language.place_re.finditer(norm):
        slug = language.place_slug(match.group())
        if slug is None:
            continue
        found.append(_Place(match.start(), match.end(), slug[0], slug[1], match.start() in locatives, True))
    known = {place.start for place in found}
    guesses: list[tuple[int, str]] = []
    for start, match in locatives.items():
        # "im Mittelpunkt", "au cours": a preposition fused with an article introduces a common noun.
        if start in known or match.group("prep").lower() in language.locative_articles:
            continue
        name = _place_name(language, match.group("name"))
        if name:
            guesses.append((start, name))
    if guesses:
        singles = {name for _, name in guesses if " " not in name}
        names: set[str] = set()
        for start, name in guesses:
            # "in Valmora Spuren hinterlassen": a name seen alone elsewhere is the place.
            first = name.split(" ", 1)[0]
            if " " in name and first in singles:
                name = first
            names.add(name)
            found.append(_Place(start, start + len(name), _slugify(name), False, True, False))
        # A name once introduced as a place ("in Valmora") is that place wherever it is written
        # ("Valmora flood death toll climbs").
        taken = {place.start for place in found}
        # Each name's first letter is written before its word-boundary check, so that `re` can skip
        # to the letters the names start with.
        pattern = re.compile(
            "(?:"
            + "|".join(
                re.escape(n[0]) + r"(?<!\w[\s\S])" + re.escape(n[1:]) for n in sorted(names, key=len, reverse=True)
            )
            + r")(?!\w)"
        )
        for match in pattern.finditer(norm):
            if match.start() not in taken:
                found.append(_Place(match.start(), match.end(), _slugify(match.group()), False, False, False))
        title_end = doc.paragraph_end(0)
        counts: dict[str, int] = {}
        in_title: set[str] = set()
        for place in found:
            if not place.known:
                counts[place.slug] = counts.get(place.slug, 0) + 1
                if place.start < title_end:
                    in_title.add(place.slug)
        for place in found:
            if not place.known:
                place.solid = counts[place.slug] > 1 or place.slug in in_title
    anaphors = list(language.anaphora_re.finditer(norm))
    if anaphors:
        # "held in the territory": the territory the article is about, the place its title puts
        # things in ("ceasefire in Gaza"), else the first place of its title, else of the text.
        ordered = sorted((p for p in found if p.known and not p.is_body), key=lambda p: p.start)
        title_end = doc.paragraph_end(0)
        topic = (
            next((p.slug for p in ordered if p.start < title_end and p.locative), None)
            or next((p.slug for p in ordered if p.start < title_end), None)
            or next((p.slug for p in ordered), None)
        )
        if topic is not None:
            for match in anaphors:
                found.append(
                    _Place(match.start(), match.end(), topic, False, match.start() in locatives, True, anaphor=True)
                )
    found.sort(key=lambda place: place.start)
    return found


def _place_name(language: Language, phrase: str) -> str | None:
    """The capitalised words of a phrase after a locative preposition, if they can name a place.
    Memoised per language and phrase ("in the", "in Gaza" come back in every article)."""
    memo = language.place_name_memo
    if phrase in memo:
        return memo[phrase]
    name = _read_place_name(language, phrase)
    if len(memo) < 100_000:
        memo[phrase] = name
    return name


def _read_place_name(language: Language, phrase: str) -> str | None:
    words: list[str] = []
    for word in phrase.split(" "):
        word = word.rstrip("'-")
        if not word[:1].isupper() or (word.isupper() and len(word) <= 3 and not words):
            break
        lower = word.lower()
        if (
            lower in language.not_places
            or lower.endswith(language.not_place_suffixes)
            or language.month_of(lower) is not None
            or language.weekday_of(lower) is not None
            or language.word(word).is_noun_like
            or language.place_slug(word) is not None
        ):
            break
        words.append(word)
    if not words:
        return None
    return " ".join(words)


_SLUGS: dict[str, str] = {}


def _slugify(name: str) -> str:
    slug = _SLUGS.get(name)
    if slug is None:
        slug = _make_slug(name)
        if len(_SLUGS) < 100_000:
            _SLUGS[name] = slug
    return slug


def _make_slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = ascii_name if ascii_name.strip() else name
    return re.sub(r"[^\w]+", "-", base.lower()).strip("-_")


def _distance(draft: _Draft, place: _Place) -> int:
    if place.start >= draft.end:
        return place.start - draft.end
    return max(0, draft.start - place.end)


def _assign_subjects(doc: _Text, language: Language, drafts: list[_Draft]) -> None:
    """Subject = the nearest fitting place in the sentence; else the nearest one named earlier in
    the paragraph; else in the paragraphs before, back to the title. A vote's subject is a voting
    body, any other count's a place: "the toll in Gaza ... as the Security Council" is Gaza's."""
    places = _places(doc, language)
    if not places:
        return
    starts = [place.start for place in places]
    draft_starts = sorted(draft.start for draft in drafts)
    for draft in drafts:
        sentence_start, sentence_end = doc.bounds(draft.sentence)
        candidates = [
            p
            for p in places[bisect_left(starts, sentence_start) : bisect_left(starts, sentence_end)]
            if p.is_body == draft.vote
            # "killed ... and that 130 hostages are held in the territory": a place referred back to
            # after the claim, with another claim between them, is that claim's.
            and (
                not p.anaphor
                or p.start < draft.end
                or bisect_left(draft_starts, p.start) == bisect_right(draft_starts, draft.end)
            )
        ]
        # A gazetteer name outranks a guess from "in <Capitalised>" ("im Osten Syriens").
        if any(p.known for p in candidates):
            candidates = [p for p in candidates if p.known]
        if candidates:
            best = min(
                candidates,
                key=lambda p: _distance(draft, p) * (_LOCATIVE_WEIGHT if p.locative else 1.0),
            )
            draft.subject = best.slug
            draft.rules.append("subject.sentence")
            continue
        paragraph = doc.paragraph_of(sentence_start)
        paragraph_start = doc.paragraph_starts[paragraph]
        for position in range(bisect_left(starts, sentence_start) - 1, -1, -1):
            place = places[position]
            if place.is_body != draft.vote:
                continue
            if place.start >= paragraph_start:
                draft.subject = place.slug
                draft.rules.append("subject.paragraph")
                break
            at = doc.paragraph_of(place.start)
            if at == paragraph - 1 or place.solid:
                draft.subject = place.slug
                draft.rules.append("subject.previous_paragraph" if at == paragraph - 1 else "subject.earlier_paragraph")
                break


# -- 4. time, attribution, output --------------------------------------------------------------


def _period_end(published: date, precision: str) -> date:
    if precision == "year":
        return date(published.year, 12, 31)
    if precision == "month":
        following = date(published.year + (published.month == 12), published.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return published


def _resolve_date(day: int, month: int, year: int | None, reference: date | None) -> date | None:
    try:
        if year is not None:
            return date(year, month, day)
        if reference is None:
            return None
        candidate = date(reference.year, month, day)
        if candidate > reference:
            candidate = date(reference.year - 1, month, day)
        return candidate
    except ValueError:
        return None


def _date_from(match: re.Match[str], language: Language, prefix: str, reference: date | None) -> date | None:
    for form in ("a", "b"):
        month_name = match.group(f"{prefix}{form}month")
        if month_name is None:
            continue
        month = language.month_of(month_name)
        day = int(match.group(f"{prefix}{form}day"))
        year_text = match.group(f"{prefix}{form}year")
        if month is None:
            return None
        return _resolve_date(day, month, int(year_text) if year_text else None, reference)
    return None


@dataclass(slots=True)
class _When:
    as_of: date | None
    precision: str | None
    period_start: date | None
    rules: tuple[str, ...]


def _when(doc: _Text, language: Language, sentence: int, published: date | None, precision: str) -> _When:
    norm = doc.norm
    start, end = doc.bounds(sentence)
    cue = language.time_cue_re.search(norm, start, end)
    if cue is None:
        # No "since", month, weekday or "yesterday": none of the searches below can find anything.
        return _When(published, precision if published is not None else None, None, ())
    # Every search below but the date's starts on such a word, so none can match before the first.
    first = cue.start()
    reference = _period_end(published, precision) if published is not None else None
    rules: list[str] = []
    period_start: date | None = None
    since_span = (-1, -1)
    since = language.since_re.search(norm, first, end)
    if since is not None:
        period_start = _date_from(since, language, "s", reference)
        since_span = since.span()
        if period_start is not None:
            rules.append("time.since")
    as_of: date | None = published
    as_of_precision: str | None = precision if published is not None else None
    date_spans: list[tuple[int, int]] = [since_span]
    # A date and a month alone both name a month, which is also a time word: without one, neither
    # search can find anything.
    named_month = language.month_cue_re.search(norm, first, end) is not None
    for found in language.date_re.finditer(norm, start, end) if named_month else ():
        date_spans.append(found.span())
        if since_span[0] <= found.start() < since_span[1]:
            continue
        resolved = _date_from(found, language, "d", reference)
        if resolved is not None and (reference is None or resolved <= reference):
            as_of, as_of_precision = resolved, "day"
            rules.append("time.date")
            return _When(as_of, as_of_precision, period_start, tuple(rules))
    if reference is not None and named_month:
        # "Ende Oktober", "in November": a month before the article's own month dates the claim
        # to that month ("since October" is a period, not a date).
        for found in _names_outside(language.month_re, language.since_month_re, norm, first, end):
            if any(low <= found.start() < high for low, high in date_spans):
                continue
            month = language.month_of(found.group())
            if month is None:
                continue
            year = reference.year if month <= reference.month else reference.year - 1
            if (year, month) < (reference.year, reference.month):
                rules.append("time.month")
                return _When(date(year, month, 1), "month", period_start, tuple(rules))
    if published is not None and precision == "day":
        for found in _names_outside(language.weekday_re, language.since_weekday_re, norm, first, end):
            weekday = language.weekday_of(found.group())
            if weekday is None:
                continue
            as_of = published - timedelta(days=(published.weekday() - weekday) % 7)
            rules.append("time.weekday")
            return _When(as_of, "day", period_start, tuple(rules))
        if language.yesterday_re.search(norm, first, end):
            rules.append("time.yesterday")
            return _When(published - timedelta(days=1), "day", period_start, tuple(rules))
    return _When(as_of, as_of_precision, period_start, tuple(rules))


def _names_outside(
    names: re.Pattern[str], since: re.Pattern[str], norm: str, first: int, end: int
) -> Iterator[re.Match[str]]:
    """The month or weekday names in norm[first:end] that are not inside its first "since" phrase
    ("since October", "depuis vendredi"), which is searched only once a name is found."""
    period: re.Match[str] | None = None
    searched = False
    for found in names.finditer(norm, first, end):
        if not searched:
            period = since.search(norm, first, end)
            searched = True
        if period is not None and period.start() <= found.start() < period.end():
            continue
        yield found


def _attribution(text: str, doc: _Text, language: Language, sentence: int) -> tuple[str | None, str | None]:
    norm = doc.norm
    start, end = doc.bounds(sentence)
    cue = language.source_phrase_re.search(norm, start, end) if language.has_source_phrases else None
    if cue is not None:
        rest = _phrase_after(text, norm, cue.end(), end, allow_that=True)
        rest_words = (rest or "").split()[:_PHRASE_SOURCE_WORDS]
        phrase = " ".join([text[cue.start() : cue.end()].lstrip(", "), *rest_words])
        return phrase, "attribution.phrase"
    cue = language.source_after_cue_re.search(norm, start, end) if language.has_source_after_cues else None
    if cue is not None:
        source = _phrase_after(text, norm, cue.end(), end)
        if source:
            return source, "attribution.cue"
    cue = language.source_before_cue_re.search(norm, start, end) if language.has_source_before_cues else None
    if cue is not None:
        source = _phrase_before(text, norm, start, cue.start())
        if source:
            return source, "attribution.cue"
    for verb in language.said_re.finditer(norm, start, end):
        source = _phrase_before(text, norm, start, verb.start())
        if source and not any(ch.isdigit() for ch in source):
            return source, "attribution.verb"
        source = _phrase_after(text, norm, verb.end(), end)
        if source:
            return source, "attribution.verb"
    return None, None


def _phrase_after(text: str, norm: str, start: int, end: int, allow_that: bool = False) -> str | None:
    stop = _CLAUSE_PUNCTUATION.search(norm, start, end)
    limit = stop.start() if stop is not None else end
    words = list(islice(_WORD.finditer(norm, start, limit), _MAX_SOURCE_WORDS))
    if not words:
        return None
    if not allow_that and words[0].group().lower() in ("that", "que", "qu", "dass", "how", "comment", "como"):
        return None
    phrase = text[words[0].start() : words[-1].end()].strip(" .")
    return phrase or None


def _phrase_before(text: str, norm: str, sentence_start: int, end: int) -> str | None:
    clause_start = sentence_start
    for punctuation in _CLAUSE_PUNCTUATION.finditer(norm, sentence_start, end):
        clause_start = punctuation.end()
    words = list(_WORD.finditer(norm, clause_start, end))[-_MAX_SOURCE_WORDS:]
    if not words:
        return None
    phrase = text[words[0].start() : words[-1].end()].strip()
    return phrase or None


_ROUNDED: dict[float, float] = {}


def _rounded_confidence(confidence: float) -> float:
    """`round(min(confidence, 0.95), 2)`, memoised: a handful of values recur in every article."""
    rounded = _ROUNDED.get(confidence)
    if rounded is None:
        rounded = round(min(confidence, 0.95), 2)
        if len(_ROUNDED) < 10_000:
            _ROUNDED[confidence] = rounded
    return rounded


def _freeze(
    text: str,
    doc: _Text,
    language: Language,
    drafts: list[_Draft],
    published: date | None,
    precision: str,
) -> list[ExtractedClaim]:
    order = sorted(range(len(drafts)), key=lambda i: (drafts[i].start, drafts[i].end))
    position = {old: new for new, old in enumerate(order)}
    whens: dict[int, _When] = {}
    sources: dict[int, tuple[str | None, str | None]] = {}
    quotes: dict[int, str] = {}
    result: list[ExtractedClaim] = []
    for old in order:
        draft = drafts[old]
        sentence = draft.sentence
        if sentence not in whens:
            whens[sentence] = _when(doc, language, sentence, published, precision)
            sources[sentence] = _attribution(text, doc, language, sentence)
            start, end = doc.bounds(sentence)
            quotes[sentence] = text[start:end].strip()
        when = whens[sentence]
        source, source_rule = sources[sentence]
        quote = quotes[sentence]
        if len(quote) > _MAX_SENTENCE_CHARS:
            start, end = doc.bounds(sentence)
            around = max(0, _MAX_SENTENCE_CHARS - (draft.end - draft.start)) // 2
            quote = text[max(start, draft.start - around) : min(end, draft.end + around)].strip()
        rules = (*draft.rules, *when.rules, source_rule) if source_rule else (*draft.rules, *when.rules)
        confidence = draft.confidence
        if draft.subject is not None:
            confidence += 0.05
        # Positional, in the order of the fields (faster than keywords for a frozen dataclass).
        result.append(
            ExtractedClaim(
                draft.start,
                draft.end,
                quote,
                draft.metric or "other",
                draft.noun,
                draft.subject,
                draft.value,
                draft.lower,
                draft.upper,
                draft.qualifier,
                draft.unit,
                when.as_of,
                when.precision,
                when.period_start,
                source,
                position[draft.part_of] if draft.part_of is not None else None,
                _rounded_confidence(confidence),
                rules,
                language.code,
            )
        )
    return result
