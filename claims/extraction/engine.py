"""The rule-based extraction pipeline: its stages in order, each in a module of its own.

1. One compiled regex per language finds every number mention (digits, number words, vague counts)
   and, in the same pass, consumes what only looks like a number (dates, clock times, phone
   numbers), so those never become claims (`mentions`).
2. Each mention is filtered (resolution numbers, list numbering, ordinals, years, bylines;
   `mentions.excluded`) and read: its qualifier and its range partner (`values`), its head noun
   and metric (`metrics`, with `nouns` and `votes`, on the words around it that `context` reads
   once).
3. Claims in a sentence are linked to their whole ("dont", "including") (`parts`), then given a
   subject (`places`), dates (`timing`) and an attribution (`attribution`), each computed once per
   sentence, and frozen into `ExtractedClaim`s (`assemble`).

Everything runs on `Language.normalise(text)`, whose offsets are the original text's offsets; the
paragraphs, sentences and words of that text are found once, in a `Document`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from claims.extraction.assemble import freeze
from claims.extraction.context import Context
from claims.extraction.document import WORD, Document, bisect_left
from claims.extraction.draft import Draft
from claims.extraction.languages.base import Language
from claims.extraction.mentions import Mention, excluded, read_mentions
from claims.extraction.metrics import finish_metrics, is_measure, read_metric
from claims.extraction.parts import link_parts
from claims.extraction.places import assign_subjects
from claims.extraction.types import VALUE_MAX, Extraction
from claims.extraction.values import read_value
from claims.extraction.votes import is_body_size

_ONE: Final = Decimal(1)
_VALUE_MIN: Final = -VALUE_MAX
# With a claims limit, the number mentions read are limited too, to this many per claim: most
# mentions are claims, and half a million mentions held at once cost some 160 MB.
_MENTIONS_PER_CLAIM: Final = 10


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
    mentions = read_mentions(norm, language, most)
    if len(mentions) > most:
        del mentions[most:]
        limits.truncated = True
    if not mentions:
        return Extraction([], 0, limits.truncated)
    doc = Document(norm, language)
    tolerance = min(max(approx_tolerance, Decimal(0)), _ONE)
    drafts = _drafts(doc, language, mentions, tolerance, limits)
    if not drafts:
        return Extraction([], limits.out_of_range, limits.truncated)
    link_parts(doc, language, drafts)
    finish_metrics(doc, language, drafts)
    assign_subjects(doc, language, drafts)
    claims = freeze(text, doc, language, drafts, published, published_precision)
    return Extraction(claims, limits.out_of_range, limits.truncated)


@dataclass(slots=True)
class _Limits:
    """How many claims a text may give (None: all), and what `_drafts` left out to hold the limits."""

    max_claims: int | None
    out_of_range: int = 0
    truncated: bool = False


def _see_past(norm: str, language: Language, mention: Mention, sentence_start: int, sentence_end: int) -> bool:
    """Whether the words after a number read on past this later mention of its sentence: an
    article before no noun that can be counted ("für eine entsprechende Resolution"), or the size
    of a voting body; neither is the next count's own phrase."""
    if mention.start >= sentence_end:
        return False
    if mention.ambiguous:
        word = WORD.search(norm, mention.end, min(sentence_end, mention.end + 40))
        return word is None or not language.word(word.group()).is_noun_like
    return is_body_size(norm, language, mention, sentence_start)


def _storable(draft: Draft) -> bool:
    """Whether the claim's value and bounds fit the claims table (`types.VALUE_MAX`)."""
    value, lower, upper = draft.value, draft.lower, draft.upper
    # An exact value is its own bounds: the same number, compared once.
    return _fits(value) and (lower is value or _fits(lower)) and (upper is value or upper is lower or _fits(upper))


def _fits(number: Decimal | None) -> bool:
    return number is None or _VALUE_MIN <= number <= VALUE_MAX


def _drafts(
    doc: Document, language: Language, mentions: list[Mention], tolerance: Decimal, limits: _Limits
) -> list[Draft]:
    """A draft for every mention that is a claim, its value and metric read, in text order: at most
    `limits.max_claims`, the reading stopping at the next one (so that a text of half a million
    numbers costs the limit, not them all), and none whose value a claim cannot hold."""
    norm = doc.norm
    drafts: list[Draft] = []
    # Starts of the mentions that can only be numbers: an article ("un", "one") is read as a vote
    # count only beside one of these, in a tally.
    firm = [m.start for m in mentions if not m.ambiguous and m.kind in ("digits", "words")]
    index = 0
    previous_end = 0
    # The mention that is the second count of a vote pair ("153 votes to 10").
    pair_against: int | None = None
    while index < len(mentions):
        mention = mentions[index]
        sentence = doc.sentence_of(mention.start)
        sentence_start, sentence_end = doc.bounds(sentence)
        window_start = max(sentence_start, previous_end)
        if excluded(norm, language, mention, sentence_start):
            index += 1
            continue
        draft, consumed, vote_side = read_value(
            doc, language, mentions, index, sentence, window_start, pair_against == index, tolerance
        )
        if vote_side == "for":
            pair_against = index + 1
        end = draft.end
        # The words after the number reach to the next number of its sentence, past an article ("für
        # eine Resolution") and a body's size ("im Rat mit seinen 15 Mitgliedern votierten zwölf dafür").
        following = index + consumed
        while following < len(mentions) and _see_past(norm, language, mentions[following], sentence_start, sentence_end):
            following += 1
        next_start = mentions[following].start if following < len(mentions) else len(norm)
        others = bisect_left(firm, sentence_end) - bisect_left(firm, sentence_start)
        if not mention.ambiguous and mention.kind in ("digits", "words"):
            others -= 1
        context = Context(doc, language, draft, mention, window_start, min(next_start, sentence_end), others > 0)
        if read_metric(context, vote_side):
            if not _storable(draft):
                limits.out_of_range += 1
            elif len(drafts) == limits.max_claims:
                limits.truncated = True
                break
            else:
                drafts.append(draft)
            if not is_measure(norm, draft):
                # "the toll from the 6.9-magnitude quake has reached 512": the words before a
                # measure still name the next number's metric.
                previous_end = end
        elif not mention.ambiguous and "time.window" not in draft.rules:
            previous_end = end
        # An article that is no number ("en un solo día") or a period ("in the last 24 hours") does not
        # cut the words before the next one.
        index += consumed
    return drafts
