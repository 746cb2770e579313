"""Weekdays: the day of a claim that an article dated by its month alone states for a weekday.

"The toll rose to 2,921 on Monday evening", in an article known to be of February 2023, names one
of February's Mondays. A fact-checker takes the Monday around which other articles report the same
figure to the day: the engine keeps the month and the weekday (`Claim.as_of_weekday`), and
detection places the claim on that day, marked `as_of_inferred`:

- a series (a toll, a count): the weekday of the month within `NEAR` days of which the most other
  articles date a report of the figure (same metric and subject) to the day; none when two such
  weekdays are as well reported, or none is;
- an event (a vote): the day of the month, of that weekday, on which other articles date a vote of
  the same body to the day; none when there are two such days, or none.

Only reports dated by their own article's words count, never a day inferred so: a claim's placing
depends on such reports alone, so that placing one claim never moves another. Without them the
claim stays dated by its month. A claim whose day changes has its open conflicts judged again
(`conflicts_reevaluate`) and is compared again with its candidates, by the detection that moved it.

A claim stated so many days after an event ("a week after the storm", `Claim.as_of_offset`) is
placed here too, from the reports that `claims.services.conflicts.offsets` reads for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import OuterRef, Subquery

from articles.models import DatePrecision, date_interval
from claims.extraction.compare import vocabulary
from claims.models import Claim, ClaimPlace
from claims.services.conflicts.lookups import _in, _run
from claims.services.conflicts.offsets import event_statement, month_start, offset_day, offset_statement

# How many days from a weekday a report of the figure can be and still speak for it.
NEAR = 3


@dataclass(frozen=True, slots=True)
class _Pending:
    """A claim dated by a weekday of its month, or by the days after an event, as stored."""

    id: int
    article: int
    metric: str
    subject: str
    as_of: date
    weekday: int | None
    inferred: bool
    offset: int | None = None

    @property
    def month(self) -> tuple[date, date]:
        return date_interval(self.as_of, DatePrecision.MONTH)


_COLUMNS = "id, article_id, metric, subject, as_of, as_of_weekday, as_of_inferred, as_of_offset"


def weekday_statement(article_ids: list[int]) -> tuple[str, list]:
    """The claims dated by a weekday of their month that detection of these articles bears on:
    their own, and those of other articles whose month is within `NEAR` days of a claim of theirs
    dated to the day (of the same subject; the metric is matched by `place`). Read on the partial
    index of such claims, which most data leaves empty. With them, in the same statement, the
    claims dated by the days after an event that it bears on (`offsets.offset_statement`)."""
    claims = Claim._meta.db_table
    own, own_params = _in("article_id", article_ids)
    others, others_params = _in("o.article_id", article_ids)
    sql = (
        f"SELECT {_COLUMNS} FROM {claims} WHERE as_of_weekday IS NOT NULL AND {own} "
        f"UNION SELECT {', '.join('w.' + name.strip() for name in _COLUMNS.split(','))} "
        f"FROM {claims} AS o JOIN {claims} AS w ON w.subject = o.subject AND w.as_of_weekday IS NOT NULL "
        f"AND w.time_start >= {month_start('o.time_start', 0, -NEAR)} "
        f"AND w.time_start < {month_start('o.time_start', 1, NEAR)} "
        f"WHERE {others} AND o.as_of_precision = %s AND o.as_of_inferred = %s AND o.subject IS NOT NULL "
        "AND w.article_id <> o.article_id"
    )
    offsets, offset_params = offset_statement(article_ids, _COLUMNS)
    return f"{sql} UNION {offsets}", [*own_params, *others_params, DatePrecision.DAY.value, False, *offset_params]


def _family(metric: str) -> tuple[str, ...]:
    """The metrics whose reports place a claim of `metric`: a vote's are every count of a vote (the
    body's votes of a day are one event), any other's its own."""
    votes = vocabulary().votes()
    return tuple(sorted(votes)) if metric in votes else (metric,)


def _reports_statement(pending: _Pending) -> tuple[str, list]:
    """Per day, how many other articles date a report of the pending claim's figure to it, around
    its month."""
    first, last = pending.month
    metrics, metric_params = _in("metric", list(_family(pending.metric)))
    return (
        f"SELECT time_start, COUNT(DISTINCT article_id) FROM {Claim._meta.db_table} "
        f"WHERE {metrics} AND subject = %s AND time_start >= %s AND time_start <= %s AND as_of_precision = %s "
        "AND as_of_inferred = %s AND article_id <> %s GROUP BY time_start",
        [*metric_params, pending.subject, first - timedelta(days=NEAR), last + timedelta(days=NEAR),
         DatePrecision.DAY.value, False, pending.article],
    )


def _weekdays_of(month: tuple[date, date], weekday: int) -> list[date]:
    first, last = month
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    found = []
    while day <= last:
        found.append(day)
        day += timedelta(days=7)
    return found


def placed_day(pending: _Pending, reports: dict[date, int]) -> date | None:
    """The day of its month the pending claim is for, from the other articles' reports of its
    figure (day -> how many articles), or None when they do not single one out."""
    if pending.weekday is None:
        if pending.offset is None:
            return None
        return offset_day(pending.metric, pending.offset, pending.month, list(reports))
    candidates = _weekdays_of(pending.month, pending.weekday)
    if vocabulary().metrics[pending.metric].kind == "event":
        held = [day for day in candidates if reports.get(day)]
        return held[0] if len(held) == 1 else None
    support = {day: sum(count for reported, count in reports.items() if abs((reported - day).days) <= NEAR)
               for day in candidates}
    best = max(support.values(), default=0)
    if best == 0:
        return None
    chosen = [day for day, count in support.items() if count == best]
    return chosen[0] if len(chosen) == 1 else None


def _statement_for(pending: _Pending) -> tuple[str, list]:
    if pending.weekday is None:
        return event_statement(pending.id, pending.article, pending.metric, pending.subject, pending.month)
    return _reports_statement(pending)


def place_weekday_claims(rows: list[tuple]) -> list[int]:
    """Place the claims of `rows` (read by `weekday_statement`) on their day, or back on their
    month; returns the ids of those whose dates changed, after writing them, judging their open
    conflicts again."""
    tracked = vocabulary().metrics
    pending = [_Pending(*row[:4], as_of=row[4], weekday=row[5], inferred=bool(row[6]), offset=row[7]) for row in rows
               if row[4] is not None and row[2] in tracked and row[3] and (row[5] is not None or row[7] is not None)]
    if not pending:
        return []
    pending = sorted({p.id: p for p in pending}.values(), key=lambda p: p.id)
    counts = _run([_statement_for(p) for p in pending])
    changes: list[Claim] = []
    for claim, found in zip(pending, counts):
        # A weekday's rows are (day, articles); an offset's, the earliest day of each kind of
        # report, or none.
        reports: dict[date, int] = {}
        for reported, *count in found:
            if reported is not None:
                reports[date.fromisoformat(reported) if isinstance(reported, str) else reported] = (
                    count[0] if count else 1)
        day = placed_day(claim, reports)
        if day is not None:
            as_of, precision, (start, end), inferred = day, DatePrecision.DAY, (day, day), True
        else:
            start, end = claim.month
            as_of, precision, inferred = start, DatePrecision.MONTH, False
        if (as_of, inferred) != (claim.as_of, claim.inferred):
            changes.append(Claim(id=claim.id, as_of=as_of, as_of_precision=precision, time_start=start, time_end=end,
                                 as_of_inferred=inferred))
    if not changes:
        return []
    moved = [claim.id for claim in changes]
    with transaction.atomic():
        Claim.objects.bulk_update(changes, ["as_of", "as_of_precision", "time_start", "time_end", "as_of_inferred"])
        times = Claim.objects.filter(id=OuterRef("claim_id"))
        ClaimPlace.objects.filter(claim_id__in=moved).update(
            time_start=Subquery(times.values("time_start")), time_end=Subquery(times.values("time_end"))
        )
        from claims.services.conflicts.reevaluation import conflicts_reevaluate

        conflicts_reevaluate(claim_ids=moved, actor=None,
                             note="The claim's day was placed again from its weekday or the days after an event "
                                  "its text names, and other articles' reports.")
    return moved
