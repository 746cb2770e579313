"""Reading the value of each number phrase: its qualifier, its range, its interval.

"more than 300", "between 12 and 15", "500 or more", "about 50": the words around a number give the
qualifier and, with the number after it, a range; "153 votes to 10" pairs two counts of a vote, and
"13 of its 15 members" a count with the size of its set. An exact or qualified value then becomes
the interval [lower, upper] the claim states (an approximate one widened by the tolerance).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from claims.extraction.cues import qualifier_after_starts, qualifier_ends, vote_pair_openings
from claims.extraction.document import PHRASE_END, WORD, Document
from claims.extraction.draft import Draft
from claims.extraction.languages.base import Language
from claims.extraction.mentions import PREFIX_CHARS, Mention, clean

_ONE: Final = Decimal(1)
def read_value(
    doc: Document,
    language: Language,
    mentions: list[Mention],
    index: int,
    sentence: int,
    window_start: int,
    against: bool,
    tolerance: Decimal,
) -> tuple[Draft, int, str | None]:
    """The draft of `mentions[index]`, with its value, qualifier, interval and span; how many
    mentions it takes (2 when the next one is the upper end of its range or the size of its set);
    and the side of the vote a pair of counts gives it: "for" for the first count of a pair, and
    "against" for the second, which the caller says with `against`.

    `window_start` is where the words that may qualify the number start: the start of its sentence,
    or the end of the number before it there.
    """
    norm = doc.norm
    mention = mentions[index]
    sentence_end = doc.ends[sentence]
    start = mention.start
    rules = list(mention.rules)
    qualifier = mention.qualifier or "exact"
    value, lower, upper = mention.value, mention.lower, None
    prefix_start = max(window_start, start - PREFIX_CHARS)
    if mention.kind in ("digits", "words", "fraction") and qualifier_ends(language).may_end(norm, prefix_start, start):
        found = language.qualifier_re.search(norm, prefix_start, start)
        if found is not None and found.lastgroup and found.lastgroup != "exact":
            qualifier = found.lastgroup
            start = found.start()
            rules.append(f"qualifier.{qualifier}")
    end = mention.end
    consumed = 1
    partner = mentions[index + 1] if index + 1 < len(mentions) else None
    vote_side: str | None = "against" if against else None
    if (
        partner is not None
        and partner.kind in ("digits", "words")
        and partner.start < sentence_end
        and vote_side is None
        and may_be_vote_pair(norm, language, mention.end, partner.start)
        and language.vote_pair_re.fullmatch(norm, mention.end, partner.start)
        and doc.is_vote(sentence)
    ):
        # "153 votes to 10": the first count is for, the second against.
        vote_side = "for"
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
    after = (
        language.qualifier_after_re.match(norm, end) if qualifier_after_starts(language).may_start(norm, end) else None
    )
    if after is not None and qualifier == "exact" and mention.kind in ("digits", "words"):
        kind = after.lastgroup or "at_least"
        qualifier = kind
        rules.append(f"qualifier.{kind}_after")
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
    # start, end, number_start, number_end, sentence, value, lower, upper, qualifier, rules.
    draft = Draft(start, end, mention.start, counted_end, sentence, value, lower, upper, qualifier, rules)
    return draft, consumed, vote_side


def may_be_vote_pair(norm: str, language: Language, start: int, end: int) -> bool:
    """False when norm[start:end], between two counts, cannot be the words of a vote pair
    (`Language.vote_pair_re`): after its spaces it opens with no character a vote noun or a pair
    word opens with, or it holds spaces only."""
    at = start
    while at < end and norm[at].isspace():
        at += 1
    return at < end and norm[at] in vote_pair_openings(language)


def _set_size(norm: str, language: Language, first: Mention, second: Mention) -> bool:
    """True for "12 of the 15 members", "13 of its 15 member states": a count, then the size of the
    voting body it belongs to."""
    if second.start - first.end > 40 or not language.partitive_re.match(norm, first.end):
        return False
    if not PHRASE_END.isdisjoint(norm[first.end : second.start]):
        return False
    head = WORD.search(norm, second.end, min(len(norm), second.end + 40))
    if head is None or not PHRASE_END.isdisjoint(norm[second.end : head.start()]):
        return False
    info = language.word(head.group())
    return info.vote_members or info.vote_noun


_THOUSAND: Final = Decimal(1000)
# Digits ending in a group of three zeros after a separator ("30 000", "30.000").
_THOUSANDS_GROUP: Final = re.compile(r"\d[\s.,'\u00a0\u202f\u2009]000\Z")


def _range(
    norm: str, language: Language, first: Mention, second: Mention, qualifier: str, window_start: int
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
        low = clean(low * second.scale)
    elif (
        first.kind == "digits"
        and first.scale == _ONE
        and low < _THOUSAND
        and low * _THOUSAND <= high < low * _THOUSAND * 10
        and _THOUSANDS_GROUP.search(norm, second.start, second.end) is not None
    ):
        # "de 15 à 30 000": the thousands of the upper bound are the lower's too.
        low = clean(low * _THOUSAND)
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
        return clean(value * (_ONE - tolerance)), clean(value * (_ONE + tolerance))
    if qualifier in ("less_than", "at_most"):
        return Decimal(0), value
    return value, value
