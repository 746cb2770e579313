"""The record of one claim while the engine reads it, shared by the stages that fill it in."""

from __future__ import annotations

from decimal import Decimal


class Draft:
    """One claim being read, filled in stage by stage: its value and span (`values`), its noun and
    metric (`metrics`), its whole (`parts`), its subject (`places`); frozen by `assemble`.

    The first ten fields are passed positionally, in this order (`values.read_value`). A plain class
    with its own `__init__` rather than a dataclass: compiled, its construction is native, where a
    dataclass's generated `__init__` runs as interpreted Python for every number of an article.
    """

    __slots__ = (
        "start",
        "end",
        "number_start",
        "number_end",
        "sentence",
        "value",
        "lower",
        "upper",
        "qualifier",
        "rules",
        "metric",
        "group",
        "noun",
        "unit",
        "vote",
        "confidence",
        "part_of",
        "is_part",
        "metric_from_window",
        "subject",
        "subject_confidence",
        "subject_ambiguous",
    )

    def __init__(
        self,
        start: int,
        end: int,
        number_start: int,
        number_end: int,
        sentence: int,
        value: Decimal | None,
        lower: Decimal | None,
        upper: Decimal | None,
        qualifier: str,
        rules: list[str],
    ) -> None:
        self.start = start
        self.end = end
        self.number_start = number_start
        self.number_end = number_end
        self.sentence = sentence
        self.value = value
        self.lower = lower
        self.upper = upper
        self.qualifier = qualifier
        self.rules = rules
        self.metric: str | None = None
        self.group: str | None = None
        self.noun: str | None = None
        self.unit: str | None = None
        self.vote = False
        self.confidence = 0.5
        self.part_of: int | None = None
        self.is_part = False
        self.metric_from_window = False
        self.subject: str | None = None
        self.subject_confidence = 0.0
        self.subject_ambiguous = True
