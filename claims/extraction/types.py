"""Typed values at the boundary of the extraction engine.

The engine returns these frozen dataclasses; services in the Django apps map them onto rows.
`Decimal` rather than `float`, so that equal numbers compare equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "range")
PRECISIONS = ("day", "month", "year")

# What a claim's value and bounds can hold: the claims table stores them as
# DecimalField(max_digits=20, decimal_places=4) (tests/claims/test_models.py holds the two equal),
# so 16 digits before the point. A larger value is not a claim the engine returns.
VALUE_MAX_DIGITS = 20
VALUE_DECIMAL_PLACES = 4
VALUE_MAX = Decimal(10) ** (VALUE_MAX_DIGITS - VALUE_DECIMAL_PLACES) - Decimal(10) ** -VALUE_DECIMAL_PLACES


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One atomic numeric claim found in a text.

    `text[start:end]` is exactly the quoted number phrase ("plus de 7000 enfants").
    `sentence` is the sentence it is in; of a sentence over 1,000 characters, the 1,000 around it.
    `lower`/`upper` are None where the interval is unbounded on that side.
    `part_of` is the index, in the same returned list, of the claim this one is a part of.
    `subject` is the gazetteer id of the place the number is about, or of the body that voted
    ("iso:MA", "iso:MA-HAO", "geonames:2538475", "body:un-security-council"), or the sorted ids
    of a combined figure's places joined by "+" ("iso:SY+iso:TR"); None when nothing resolved.
    `subject_confidence` (0..1) says how sure that is, and `subject_ambiguous` that the text
    allowed another reading, that the place was taken from far from the number, or that none was
    resolved.
    `as_of_weekday` (0 = Monday, 6 = Sunday): of an article dated by its month alone, the weekday
    the text states the claim for ("on Monday evening"), which that date cannot place: `as_of` is
    then the month, and the weekday says which of its days the claim can be for. None otherwise.
    `as_of_offset`: of such an article, the days after an event the text states the claim for ("a
    week after the storm": 7), `as_of` staying the month. None otherwise.
    """

    start: int
    end: int
    sentence: str
    metric: str
    noun: str | None
    subject: str | None
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: str
    unit: str | None
    as_of: date | None
    as_of_precision: str | None
    period_start: date | None
    attribution: str | None
    part_of: int | None
    confidence: float
    rules: tuple[str, ...]
    language: str
    subject_confidence: float
    subject_ambiguous: bool
    as_of_weekday: int | None = None
    as_of_offset: int | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """An article's claims, and what the engine left out of them.

    `out_of_range`: numbers read whose value (or a bound of its interval) exceeds `VALUE_MAX`,
    which no claim can hold. `truncated`: the text holds more claims than the `max_claims` kept.
    """

    claims: list[ExtractedClaim]
    out_of_range: int = 0
    truncated: bool = False
