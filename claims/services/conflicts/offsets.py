"""Offsets: the day of a claim that an article dated by its month alone states so many days after an
event ("a week after the storm, 89 people are missing", in an article known to be of November 2024).

The engine keeps the month and the days (`Claim.as_of_offset`). A fact-checker takes the event's
day as the earliest day other articles report the same metric for the claim's place or its family
(the place, the places it lies in, the places within it), in the claim's month or the month before,
and counts the days from there: detection places the claim on that day, marked `as_of_inferred`,
when it falls inside the claim's month. Without such reports, or for an event's own count (a vote),
the claim stays dated by its month.

As for weekdays (claims.services.conflicts.weekdays, whose placing and writing this shares), only
reports dated by their own article's words count, never a day inferred so; a claim whose day
changes has its open conflicts judged again and is compared again by the detection that moved it,
whichever of the articles came first.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection

from articles.models import DatePrecision
from claims.extraction.compare import vocabulary
from claims.models import Claim, ClaimPlace
from claims.services.conflicts.lookups import _in


def month_start(column: str, months: int, days: int = 0) -> str:
    """SQL for the first day of the month `months` after that of the date `column` + `days` days."""
    if connection.vendor == "postgresql":
        return f"(date_trunc('month', ({column} + {int(days)})::timestamp) + interval '{int(months)} month')::date"
    return f"date({column}, '{int(days):+d} days', 'start of month', '+{int(months)} months')"


def _days_from(column: str, days: str, sign: str) -> str:
    """SQL for the date `column` plus or minus (`sign`) the integer column `days`."""
    if connection.vendor == "postgresql":
        return f"({column} {sign} {days})"
    return f"date({column}, '{sign}' || {days} || ' days')"


def _path_has(path: str, subject: str) -> str:
    """SQL for: the subject path (a JSON list) in column `path` holds the id in column `subject`."""
    if connection.vendor == "postgresql":
        return f"jsonb_exists({path}, {subject})"
    return f"EXISTS (SELECT 1 FROM json_each({path}) WHERE json_each.value = {subject})"


def offset_statement(article_ids: list[int], columns: str) -> tuple[str, list]:
    """The claims dated by the days after an event that detection of these articles bears on: their
    own, and those of other articles of the same metric and place family whose day a claim of
    theirs dated to the day can change: one of the month before theirs or the same month, whose
    days after it still fall in their month, before the event they were placed from if they were.
    Read on the partial index of such claims, which most data leaves empty. `columns`: the
    columns read, as `weekdays` reads them.

    The place family is tested on the pairs the join found (behind OFFSET 0, on PostgreSQL): tested
    in the join, its estimate made planning the statement three times as long."""
    claims = Claim._meta.db_table
    own, own_params = _in("article_id", article_ids)
    others, others_params = _in("o.article_id", article_ids)
    fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
    near = (
        f"SELECT {', '.join('w.' + name.strip() for name in columns.split(','))}, w.subject_path AS w_path, "
        f"o.subject AS o_subject, o.subject_path AS o_path "
        f"FROM {claims} AS o JOIN {claims} AS w ON w.metric = o.metric AND w.as_of_offset IS NOT NULL "
        f"AND w.time_start >= {month_start('o.time_start', 0)} AND w.time_start < {month_start('o.time_start', 2)} "
        f"AND {_days_from('o.time_start', 'w.as_of_offset', '+')} < {month_start('w.time_start', 1)} "
        f"AND (w.as_of_inferred = %s OR o.time_start < {_days_from('w.as_of', 'w.as_of_offset', '-')}) "
        f"WHERE {others} AND o.as_of_precision = %s AND o.as_of_inferred = %s AND o.subject IS NOT NULL "
        f"AND w.article_id <> o.article_id{fence}"
    )
    sql = (
        f"SELECT {columns} FROM {claims} WHERE as_of_offset IS NOT NULL AND {own} "
        f"UNION SELECT {columns} FROM ({near}) AS near WHERE near.subject = near.o_subject "
        f"OR {_path_has('near.o_path', 'near.subject')} OR {_path_has('near.w_path', 'near.o_subject')}"
    )
    return sql, [*own_params, False, *others_params, DatePrecision.DAY.value, False]


def _window(month: tuple[date, date]) -> tuple[date, date]:
    """The days an event counted from in `month` can be reported on: that month and the one before."""
    first, last = month
    return (first - timedelta(days=1)).replace(day=1), last


def event_statement(claim_id: int, article_id: int, metric: str, subject: str,
                    month: tuple[date, date]) -> tuple[str, list]:
    """The earliest day other articles date a report of `metric` to, by their own words, for the
    claim's place, a place it lies in (its own ClaimPlace rows) or a place within it (theirs),
    around its month: one or two rows of a day or NULL."""
    claims = Claim._meta.db_table
    places = ClaimPlace._meta.db_table
    low, high = _window(month)
    within = ClaimPlace.Relation.WITHIN.value
    day, inferred = DatePrecision.DAY.value, False
    return (
        f"SELECT MIN(time_start) FROM {claims} WHERE metric = %s AND (subject = %s OR subject IN "
        f"(SELECT place FROM {places} WHERE claim_id = %s AND relation = %s)) AND time_start >= %s "
        "AND time_start <= %s AND as_of_precision = %s AND as_of_inferred = %s AND article_id <> %s "
        f"UNION ALL SELECT MIN(p.time_start) FROM {places} AS p JOIN {claims} AS c ON c.id = p.claim_id "
        "WHERE p.place = %s AND p.relation = %s AND p.metric = %s AND p.time_start >= %s AND p.time_start <= %s "
        "AND c.as_of_precision = %s AND c.as_of_inferred = %s AND c.article_id <> %s",
        [metric, subject, claim_id, within, low, high, day, inferred, article_id,
         subject, within, metric, low, high, day, inferred, article_id],
    )


def offset_day(metric: str, offset: int, month: tuple[date, date], reported: list[date]) -> date | None:
    """The day of its month a claim stated `offset` days after an event is for, counted from the
    earliest day others report its metric (`reported`); None without reports, for an event's own
    count (a vote: the event is not what was counted), or when the day falls outside the month."""
    if not reported or vocabulary().metrics[metric].kind == "event":
        return None
    day = min(reported) + timedelta(days=offset)
    first, last = month
    return day if first <= day <= last else None
