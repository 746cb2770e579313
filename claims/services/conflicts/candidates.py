"""Which claims an article's claims are compared with: the lookups planned for one (metric,
subject) of an article, never all claims."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings

from claims.extraction.compare import Reading, Tolerance, effective_interval, vocabulary
from claims.services.conflicts.lookups import Lookup, _in

# Conditions of the candidate lookups, as SQL over claims_claim with their parameters.
_COMPARABLE = "metric = %s AND subject = %s AND time_start IS NOT NULL"
# Nearest in time first, the (metric, subject, time, value) indexes walked forwards or backwards: the
# claims a reviewer compares a figure with are those of the days around it, and the walk stops at
# the cap, where ordering by value read a busy town's every claim beyond the bound (thousands, for
# a report that disagrees with a whole day's consensus). Ties by value, then id.
_NEAREST_LATER_START = "time_start ASC, value ASC, id ASC"
_NEAREST_EARLIER_START = "time_start DESC, value DESC, id DESC"
_NEAREST_LATER_END = "time_end ASC, value ASC, id ASC"
_NEAREST_EARLIER_END = "time_end DESC, value DESC, id DESC"


def _above(threshold: Decimal) -> tuple[tuple[str, tuple], ...]:
    """Claims whose effective lower bound can be above `threshold`, as alternatives.

    A claim's effective lower bound (compare.effective_interval) is never above its value, nor,
    for a claim with no value, above its lower bound; so this keeps every claim that could be
    larger than the threshold; the (metric, subject, time_start|time_end, value) indexes test it on
    the index entry, so claims on the wrong side cost no table visit.
    """
    return ("value > %s", (threshold,)), ("value IS NULL AND lower > %s", (threshold,))


def _below(threshold: Decimal) -> tuple[tuple[str, tuple], ...]:
    """Claims whose effective upper bound can be below `threshold` (the mirror of `_above`)."""
    return ("value < %s", (threshold,)), ("value IS NULL AND upper < %s", (threshold,))


def _starts_within(first: date, last: date) -> tuple[str, list]:
    """Claims whose time window can overlap [first, last], as conditions on time_start alone.

    A window is a day, a calendar month or a calendar year (articles.models.date_interval), so one
    that starts before `first` starts on the 1st of a month or on 1 January no later than it: a
    short range and a few exact dates on the (metric, subject, time_start) index, instead of every
    claim dated before `last` (a busy town's whole history).
    """
    # Of the months and years that start before `first`, only its own can reach it; a start on or
    # after `first` is inside the range. Always two dates, so that the statement's text is one.
    return ("((time_start >= %s AND time_start <= %s) OR time_start IN (%s, %s))",
            [first, last, date(first.year, first.month, 1), date(first.year, 1, 1)])


def _lookup(metric: str, subject: str, conditions: list[tuple[str, list]], limit: int, order: str = "",
            alternatives: tuple[tuple[str, tuple], ...] = ()) -> Lookup:
    where = " AND ".join([_COMPARABLE, *(sql for sql, _ in conditions)])
    params = [metric, subject, *(param for _, values in conditions for param in values)]
    return Lookup(where, tuple(params), limit, order, alternatives)


def _extremes(own: list[Reading], tolerance: Tolerance) -> tuple[Decimal | None, Decimal | None]:
    """The highest effective lower bound and the lowest effective upper bound among our claims:
    a candidate that conflicts with one of them lies below the first or above the second."""
    intervals = [effective_interval(reading, tolerance) for reading in own]
    lowers = [low for low, _ in intervals if low is not None]
    uppers = [high for _, high in intervals if high is not None]
    return (max(lowers) if lowers else None), (min(uppers) if uppers else None)


def _same_metric_lookups(metric: str, subject: str, own: list[Reading], kind: str, tolerance: Tolerance) -> list[Lookup]:
    limit = settings.TALLY_DETECTION_CANDIDATES
    first_start = min(r.time_start for r in own)  # type: ignore[type-var]
    last_start = max(r.time_start for r in own)  # type: ignore[type-var]
    first_end = min(r.time_end for r in own)  # type: ignore[type-var]
    last_end = max(r.time_end for r in own)  # type: ignore[type-var]
    # Unordered on purpose: an order under the LIMIT made PostgreSQL walk the whole claims table in
    # that order (a second per article at 1M claims); without one the (metric, subject, time)
    # indexes answer. The cap only bounds a crowded day.
    lookups = [_lookup(metric, subject, [_starts_within(first_start, last_end), ("time_end >= %s", [first_start])],
                       limit * 4)]
    if kind == "cumulative":
        # Later and smaller, or earlier and larger: the only ways a rising count breaks. Only claims
        # beyond our bounds are read (a town's whole history otherwise: 25,000 rows at 1M claims),
        # the nearest in time first.
        highest_lower, lowest_upper = _extremes(own, tolerance)
        if highest_lower is not None:
            lookups.append(_lookup(metric, subject, [("time_start >= %s", [first_end])], limit,
                                   _NEAREST_LATER_START, _below(highest_lower)))
        if lowest_upper is not None:
            lookups.append(_lookup(metric, subject, [("time_end <= %s", [last_start])], limit,
                                   _NEAREST_EARLIER_END, _above(lowest_upper)))
    return lookups


def _parts_wholes_lookup(metric: str, subject: str, own: list[Reading], tolerance: Tolerance, *,
                         as_whole: bool) -> Lookup | None:
    limit = settings.TALLY_DETECTION_CANDIDATES
    highest_lower, lowest_upper = _extremes(own, tolerance)
    if as_whole:
        # Wholes that a part of ours could exceed: smaller than it, not dated before it.
        if highest_lower is None:
            return None
        first_start = min(r.time_start for r in own)  # type: ignore[type-var]
        return _lookup(metric, subject, [("time_end >= %s", [first_start])], limit, _NEAREST_LATER_END,
                       _below(highest_lower))
    # Parts that could exceed a whole of ours: larger than it, not dated after it.
    if lowest_upper is None:
        return None
    last_end = max(r.time_end for r in own)  # type: ignore[type-var]
    return _lookup(metric, subject, [("time_start <= %s", [last_end])], limit, _NEAREST_EARLIER_START,
                   _above(lowest_upper))


def _same_event_lookup(metrics: list[str], subject: str, reading: Reading) -> Lookup:
    """Every vote count of one body on one day (or one span): the tally a count belongs to."""
    marks = ", ".join(["%s"] * len(metrics))
    return Lookup(
        f"metric IN ({marks}) AND subject = %s AND time_start = %s AND time_end = %s",
        (*metrics, subject, reading.time_start, reading.time_end), settings.TALLY_DETECTION_CANDIDATES * 3,
    )


def _own_lookup(article_ids: list[int]) -> Lookup:
    """The comparable claims of these articles: a tracked metric, a subject and a date."""
    metrics = list(vocabulary().metrics)
    articles, ids = _in("article_id", article_ids)
    where = (
        f"{articles} AND metric IN ({', '.join(['%s'] * len(metrics))}) "
        "AND subject IS NOT NULL AND subject <> '' AND time_start IS NOT NULL"
    )
    return Lookup(where, (*ids, *metrics), None)
