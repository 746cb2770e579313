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


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One atomic numeric claim found in a text.

    `text[start:end]` is exactly the quoted number phrase ("plus de 7000 enfants").
    `lower`/`upper` are None where the interval is unbounded on that side.
    `part_of` is the index, in the same returned list, of the claim this one is a part of.
    `subject` is the gazetteer id of the place the number is about, or of the body that voted
    ("iso:MA", "iso:MA-HAO", "geonames:2538475", "body:un-security-council"), or the sorted ids
    of a combined figure's places joined by "+" ("iso:SY+iso:TR"); None when nothing resolved.
    `subject_confidence` (0..1) says how sure that is, and `subject_ambiguous` that the text
    allowed another reading, that the place was taken from far from the number, or that none was
    resolved.
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
