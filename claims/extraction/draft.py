"""The record of one claim while the engine reads it, shared by the stages that fill it in."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(slots=True)
class Draft:
    """One claim being read, filled in stage by stage: its value and span (`values`), its noun and
    metric (`metrics`), its whole (`parts`), its subject (`places`); frozen by `assemble`.

    The first ten fields are passed positionally, in this order (`values.read_value`).
    """

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
    subject_confidence: float = 0.0
    subject_ambiguous: bool = True
