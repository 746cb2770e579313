"""When two claims cannot both be true: the conflict semantics of DESIGN.md as pure functions.

Every claim is a value interval and a time interval (its as-of date widened by its precision: a
claim dated "2023-12" could be any day of December). Tolerances widen value intervals at comparison
time: "about 50" by the approximate tolerance of the metric's kind, a round bare number ("20,000")
by the rounding tolerance. Callers pass tolerances in; this module reads no settings.

- cumulative (a toll): compatible when some choice of a time and a value inside each claim's
  intervals is monotone, a later time never having a smaller value. A toll that rises is an
  update; one that falls is `decreasing_count`; two tolls for the same time that cannot be equal
  are `value_mismatch`.
- stock: compared only where the time intervals overlap (`value_mismatch`).
- event: the same event, so the value intervals must overlap (`value_mismatch`).
- part / whole: a part whose lower bound exceeds the whole's upper bound, at a time when the whole
  could not have grown past it (`part_exceeds_whole`).
- votes: beyond the body's size, alone or added up (`exceeds_body_size`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

VALUE_MISMATCH = "value_mismatch"
DECREASING_COUNT = "decreasing_count"
PART_EXCEEDS_WHOLE = "part_exceeds_whole"
EXCEEDS_BODY_SIZE = "exceeds_body_size"

KINDS = ("cumulative", "stock", "event")
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class MetricInfo:
    name: str
    kind: str
    unit: str
    part_of: str | None = None
    vote: bool = False
    same_period_only: bool = False


@dataclass(frozen=True, slots=True)
class Vocabulary:
    metrics: dict[str, MetricInfo]
    bodies: dict[str, int]

    def parts_of(self, whole: str) -> list[str]:
        return [info.name for info in self.metrics.values() if info.part_of == whole]

    def votes(self) -> list[str]:
        return [info.name for info in self.metrics.values() if info.vote]

    def body_size(self, subject: str) -> int | None:
        """The members of the body a vote's subject names, by its gazetteer id
        ("body:un-security-council") or its bare name; None for no body known."""
        return self.bodies.get(subject.removeprefix("body:"))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The metric vocabulary of `vocabulary.toml`, read once."""
    data = tomllib.loads(resources.files(__package__).joinpath("vocabulary.toml").read_text(encoding="utf-8"))
    metrics = {}
    for name, entry in data["metrics"].items():
        unknown = set(entry) - {"kind", "unit", "part_of", "vote", "same_period_only"}
        if unknown or entry.get("kind") not in KINDS:
            raise ValueError(f"vocabulary.toml: metric {name!r} has unknown keys {unknown} or kind {entry.get('kind')!r}")
        metrics[name] = MetricInfo(name=name, **entry)
    for info in metrics.values():
        if info.part_of is not None and info.part_of not in metrics:
            raise ValueError(f"vocabulary.toml: {info.name} is part of unknown metric {info.part_of!r}")
    return Vocabulary(metrics=metrics, bodies={str(k): int(v) for k, v in data["bodies"].items()})


@dataclass(frozen=True, slots=True)
class Tolerance:
    """Relative half-widths: `approx` for "about 50", `rounding` for a round bare number."""

    approx: Decimal
    rounding: Decimal


@dataclass(frozen=True, slots=True)
class Reading:
    """What comparison needs to know of one claim."""

    id: int
    metric: str
    subject: str
    qualifier: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    time_start: date | None
    time_end: date | None
    period_start: date | None = None
    article: int = 0
    # Who stands behind the claim: its originator (claims/independence.py), which independence and
    # severity count, and its outlet, which a conflict's count of sources counts.
    source: str = ""
    outlet: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str
    a: int
    b: int | None
    gap: Decimal
    relative_gap: Decimal
    details: dict[str, Any] = field(default_factory=dict)


def is_round(value: Decimal) -> bool:
    """A bare number that looks rounded by its reporter: 100 or more, ending in two zeros."""
    return value >= 100 and value == value.to_integral_value() and value % 100 == 0


def effective_interval(reading: Reading, tolerance: Tolerance) -> tuple[Decimal | None, Decimal | None]:
    """The value interval a comparison uses: the claim's own, widened by the tolerances."""
    value = reading.value
    if value is not None and reading.qualifier == "approx":
        spread = abs(value) * tolerance.approx
        return value - spread, value + spread
    if value is not None and reading.qualifier == "exact" and is_round(value):
        spread = value * tolerance.rounding
        return value - spread, value + spread
    return reading.lower, reading.upper


def _le(low: Decimal | None, high: Decimal | None) -> bool:
    """low <= high where None is -inf for low and +inf for high."""
    return low is None or high is None or low <= high


def _gap(a: tuple[Decimal | None, Decimal | None], b: tuple[Decimal | None, Decimal | None]) -> Decimal:
    gaps = [_ZERO]
    if a[0] is not None and b[1] is not None:
        gaps.append(a[0] - b[1])
    if b[0] is not None and a[1] is not None:
        gaps.append(b[0] - a[1])
    return max(gaps)


def _magnitude(reading: Reading) -> Decimal:
    for candidate in (reading.value, reading.lower, reading.upper):
        if candidate is not None:
            return abs(candidate)
    return _ZERO


def _relative(gap: Decimal, *readings: Reading) -> Decimal:
    scale = max([_magnitude(r) for r in readings] + [Decimal(1)])
    return min(Decimal(1), gap / scale)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _number_text(value: Decimal | None) -> str | None:
    return _text(value) if value is None or not value else _nonzero_text(value)


@lru_cache(maxsize=8192)
def _nonzero_text(value: Decimal) -> str | None:
    # Memoised: a busy figure's claims mostly repeat a few numbers, and one claim in conflict with
    # a whole day's reports is described once per pair. Equal numbers normalise to one text (a
    # zero's sign aside, hence zero is not memoised).
    return _text(value)


@lru_cache(maxsize=4096)
def _date_text(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _describe(reading: Reading, interval: tuple[Decimal | None, Decimal | None]) -> dict[str, Any]:
    return {
        "claim": reading.id,
        "qualifier": reading.qualifier,
        "value": _number_text(reading.value),
        "interval": [_number_text(reading.lower), _number_text(reading.upper)],
        "compared_as": [_number_text(interval[0]), _number_text(interval[1])],
        "time": [_date_text(reading.time_start), _date_text(reading.time_end)],
    }


def _verdict(kind: str, a: Reading, b: Reading, ia, ib, tolerance: Tolerance, **extra: Any) -> Verdict:
    first, second = (a, b) if a.id < b.id else (b, a)
    first_interval, second_interval = (ia, ib) if a.id < b.id else (ib, ia)
    gap = _gap(ia, ib)
    details = {
        "a": _describe(first, first_interval),
        "b": _describe(second, second_interval),
        "gap": _text(gap),
        "tolerance": {"approx": _number_text(tolerance.approx), "rounding": _number_text(tolerance.rounding)},
        **extra,
    }
    return Verdict(kind, first.id, second.id, gap, _relative(gap, a, b), details)


def times_overlap(a: Reading, b: Reading) -> bool:
    return a.time_start <= b.time_end and b.time_start <= a.time_end  # type: ignore[operator]


def judge_same_metric(a: Reading, b: Reading, kind: str, tolerance: Tolerance, *, same_period_only: bool = False) -> Verdict | None:
    """The verdict on two claims about one metric and subject (for an event: the same event)."""
    if a.id == b.id or None in (a.time_start, a.time_end, b.time_start, b.time_end):
        return None
    ia, ib = effective_interval(a, tolerance), effective_interval(b, tolerance)
    values_overlap = _le(ia[0], ib[1]) and _le(ib[0], ia[1])
    overlap = times_overlap(a, b)
    if kind == "event":
        return None if values_overlap else _verdict(VALUE_MISMATCH, a, b, ia, ib, tolerance)
    if kind == "stock":
        return None if (not overlap or values_overlap) else _verdict(VALUE_MISMATCH, a, b, ia, ib, tolerance)
    # cumulative
    if same_period_only and a.period_start != b.period_start:
        return None
    a_can_be_earlier = a.time_start < b.time_end  # type: ignore[operator]
    b_can_be_earlier = b.time_start < a.time_end  # type: ignore[operator]
    compatible = (
        (overlap and values_overlap)
        or (a_can_be_earlier and _le(ia[0], ib[1]))
        or (b_can_be_earlier and _le(ib[0], ia[1]))
    )
    if compatible:
        return None
    return _verdict(VALUE_MISMATCH if overlap else DECREASING_COUNT, a, b, ia, ib, tolerance)


def judge_part_whole(part: Reading, whole: Reading, tolerance: Tolerance) -> Verdict | None:
    """A part (children killed) larger than its whole (all killed) at a time the whole cannot have
    caught up: the part is dated no later than the whole."""
    if part.id == whole.id:
        return None
    ip, iw = effective_interval(part, tolerance), effective_interval(whole, tolerance)
    if ip[0] is None or iw[1] is None or ip[0] <= iw[1]:
        return None
    if None not in (part.time_start, whole.time_end) and part.time_start > whole.time_end:  # type: ignore[operator]
        return None  # the part is reported later; the whole may have grown since
    return _verdict(PART_EXCEEDS_WHOLE, part, whole, ip, iw, tolerance, part=part.id, whole=whole.id)


def judge_votes(readings: list[Reading], body_size: int) -> list[Verdict]:
    """Vote counts of one event of one body: alone, in pairs, and per article, within its size."""
    verdicts: list[Verdict] = []
    size = Decimal(body_size)
    flagged: set[int] = set()
    for reading in readings:
        if reading.lower is not None and reading.lower > size:
            gap = reading.lower - size
            verdicts.append(Verdict(
                EXCEEDS_BODY_SIZE, reading.id, None, gap, min(Decimal(1), gap / size),
                {"a": _describe(reading, (reading.lower, reading.upper)), "body_size": body_size, "total": _text(reading.lower)},
            ))
            flagged.add(reading.id)
    for index, first in enumerate(readings):
        for second in readings[index + 1:]:
            if first.metric == second.metric or first.id in flagged or second.id in flagged:
                continue
            if first.lower is None or second.lower is None or first.lower + second.lower <= size:
                continue
            verdicts.append(_vote_pair(first, second, first.lower + second.lower, size))
    by_article: dict[int, dict[str, Reading]] = {}
    for reading in readings:
        by_article.setdefault(reading.article, {}).setdefault(reading.metric, reading)
    pairs = {(v.a, v.b) for v in verdicts}
    for counts in by_article.values():
        bounded = [r for r in counts.values() if r.lower is not None]
        total = sum((r.lower for r in bounded), _ZERO)  # type: ignore[misc]
        if len(bounded) >= 3 and total > size:
            largest = sorted(bounded, key=lambda r: r.lower, reverse=True)[:2]  # type: ignore[arg-type, return-value]
            verdict = _vote_pair(largest[0], largest[1], total, size, counted=[r.id for r in bounded])
            if (verdict.a, verdict.b) not in pairs:
                verdicts.append(verdict)
    return verdicts


def _vote_pair(first: Reading, second: Reading, total: Decimal, size: Decimal, **extra: Any) -> Verdict:
    a, b = (first, second) if first.id < second.id else (second, first)
    gap = total - size
    details = {
        "a": _describe(a, (a.lower, a.upper)), "b": _describe(b, (b.lower, b.upper)),
        "body_size": int(size), "total": _text(total), **extra,
    }
    return Verdict(EXCEEDS_BODY_SIZE, a.id, b.id, gap, min(Decimal(1), gap / size), details)


def severity(relative_gap: Decimal, support_a: int, support_b: int) -> float:
    """0-1: grows with the relative gap (saturating at 50%) and with the number of independent
    sources on each side (a lone outlet against a lone outlet weighs least)."""
    gap_part = min(Decimal(1), relative_gap / Decimal("0.5"))
    sources = max(1, support_a) + max(1, support_b) - 1
    sources_part = 1 - 1 / Decimal(sources)
    return round(float(Decimal("0.7") * gap_part + Decimal("0.3") * sources_part), 4)
