"""Figures and conflicts: grouping an article's claims and comparing them with their candidates.

Detection for one article reads only candidate claims, through the (metric, subject, time) indexes:
the claims dated at the same time, and for a cumulative count the earlier and later ones that
contradict it, nearest in time first (at most TALLY_DETECTION_CANDIDATES a side), never all
claims. Conflicts are inserted with ON CONFLICT DO NOTHING over the unique pair, so concurrent
detections of two articles that conflict with each other store the conflict once.
"""

from __future__ import annotations

import decimal
import json
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import orjson
import psycopg
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, QuerySet

from articles.models import Article
from claims.extraction.compare import (
    Reading,
    Tolerance,
    Verdict,
    effective_interval,
    judge_part_whole,
    judge_same_metric,
    judge_votes,
    severity,
    vocabulary,
)
from claims.independence import KEY_FIELDS, claim_keys, keys_of
from claims.models import Claim, Conflict, Figure

logger = logging.getLogger(__name__)

_READING_FIELDS = (
    "id", "metric", "subject", "qualifier", "value", "lower", "upper", "time_start", "time_end",
    "period_start", *KEY_FIELDS,
)
# The claim columns a candidate lookup reads, in the order of its SELECT list.
_LOOKUP_COLUMNS = (
    "id", "metric", "subject", "qualifier", "value", "lower", "upper", "time_start", "time_end", "period_start",
    "article_id", "attribution",
)
OPEN_STATUSES = (Conflict.Status.OPEN, Conflict.Status.IN_REVIEW)


def tolerance_for(kind: str) -> Tolerance:
    entry = settings.TALLY_TOLERANCES[kind]
    return Tolerance(approx=Decimal(str(entry["approx"])), rounding=Decimal(str(entry["rounding"])))


def _reading(row: dict) -> Reading:
    # Independence follows the originator: a syndicated copy speaks with its original's voice, and
    # outlets relaying one ministry's (or one wire's) figure are one source (claims/independence.py).
    _, source_key = claim_keys(row)
    return Reading(
        id=row["id"], metric=row["metric"], subject=row["subject"] or "", qualifier=row["qualifier"],
        value=row["value"], lower=row["lower"], upper=row["upper"], time_start=row["time_start"],
        time_end=row["time_end"], period_start=row["period_start"], article=row["article_id"], source=source_key,
    )


def _readings(queryset: QuerySet) -> list[Reading]:
    return [_reading(row) for row in queryset.values(*_READING_FIELDS)]


@dataclass(frozen=True, slots=True)
class Lookup:
    """One candidate lookup: a WHERE clause over claims_claim (with its parameters), an optional
    ORDER BY, and how many rows to read."""

    where: str
    params: tuple
    limit: int | None
    order: str = ""
    # Conditions of which one must hold besides `where`, each read on its own index range (an OR
    # would make PostgreSQL visit the table for every row of a busy town's history).
    alternatives: tuple[tuple[str, tuple], ...] = ()


def _decimal_reader() -> Callable[[object], Decimal | None]:
    """Numbers as the ORM gives them: PostgreSQL's numeric arrives as Decimal; SQLite keeps a
    number column as an integer or a float, read back the way Django's SQLite backend does."""
    if connection.vendor == "postgresql":
        return lambda value: value  # type: ignore[return-value]
    places = Decimal(1).scaleb(-Claim._meta.get_field("value").decimal_places)
    create = decimal.Context(prec=15).create_decimal_from_float

    def read(value: object) -> Decimal | None:
        if value is None or isinstance(value, Decimal):
            return value
        return create(value).quantize(places)  # type: ignore[arg-type]

    return read


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[return-value]


def _fetch(lookups: list[Lookup]) -> list[list[Reading]]:
    """The readings of each lookup: one statement a lookup, a limited query on the (metric,
    subject, ...) indexes with the articles behind the rows it finds joined to it.

    Written as SQL rather than built with the ORM: planning some ten querysets per article cost
    more than the database took to answer them. A statement's text depends on its lookup's kind
    alone, never on its values, so on PostgreSQL each kind is prepared once per connection and
    planned once (a generic plan), and the statements of a batch go in one round trip (psycopg's
    pipeline mode). At 1M claims, planning a typical article's lookups took about twice as long
    as executing them.
    """
    statements = [_statement(lookup) for lookup in lookups]
    return [_readings_of(rows) for rows in _run(statements)]


def _statement(lookup: Lookup) -> tuple[str, list]:
    """One lookup as SQL and its parameters. The articles are joined outside the limited query on
    purpose: joined inside, PostgreSQL joined every row a lookup sorts before its LIMIT (a scan of
    all articles at 1M claims)."""
    claims, articles = Claim._meta.db_table, Article._meta.db_table
    columns = ", ".join(f'"{name}"' for name in _LOOKUP_COLUMNS)
    limit = f" LIMIT {int(lookup.limit)}" if lookup.limit is not None else ""
    params: list = []
    if lookup.order:
        # The rows are chosen on the index entries alone (the candidate indexes carry the value,
        # the bounds and the id), each alternative on its own range walked in the order asked
        # for, and only the rows chosen are read: a busy town can have thousands of claims beyond
        # the bound, scattered over as many table pages.
        keys = ", ".join(dict.fromkeys(["id", *(term.split()[0] for term in lookup.order.split(","))]))
        branches = []
        for number, (condition, values) in enumerate(lookup.alternatives or (("TRUE", ()),)):
            branches.append(
                f"SELECT * FROM (SELECT {keys} FROM {claims} WHERE {lookup.where} AND {condition} "
                f"ORDER BY {lookup.order}{limit}) AS branch{number}"
            )
            params.extend(lookup.params)
            params.extend(values)
        found = (
            f"SELECT {columns} FROM {claims} WHERE id IN "
            f"(SELECT id FROM ({' UNION ALL '.join(branches)}) AS chosen ORDER BY {lookup.order}{limit})"
        )
    else:
        found = f"SELECT {columns} FROM {claims} WHERE {lookup.where}{limit}"
        params.extend(lookup.params)
    sql = (
        f"SELECT found.*, a.source_id, a.syndicated_from_id, original.source_id, a.wire_agencies "
        f"FROM ({found}) AS found "
        f"JOIN {articles} AS a ON a.id = found.article_id "
        f"LEFT JOIN {articles} AS original ON original.id = a.syndicated_from_id"
    )
    return sql, params


def _run(statements: list[tuple[str, list]]) -> list[list[tuple]]:
    """The rows of each statement. On PostgreSQL, each statement is prepared and the batch is sent
    as one pipeline: PostgreSQL then keeps a generic plan for each kind of lookup. Unless the
    connection cannot keep prepared statements (TALLY_DETECTION_PREPARED off, as behind a
    transaction-mode pooler): then they are executed one by one."""
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        if connection.connection.prepare_threshold is not None:
            return _run_prepared(statements)
    with connection.cursor() as cursor:
        found = []
        for sql, params in statements:
            cursor.execute(sql, params)
            found.append(cursor.fetchall() if cursor.description else [])
        return found


def _run_prepared(statements: list[tuple[str, list]]) -> list[list[tuple]]:
    started = time.monotonic()
    with connection.wrap_database_errors:
        pg = connection.connection
        cursors = []
        with pg.pipeline():
            for sql, params in statements:
                # A server-side binding cursor: Django's own cursors bind on the client and cannot prepare.
                cursor = psycopg.Cursor(pg)
                cursor.execute(sql, params, prepare=True)
                cursors.append(cursor)
        found = [cursor.fetchall() if cursor.description else [] for cursor in cursors]
        for cursor in cursors:
            cursor.close()
    if connection.queries_logged:
        # As Django's debug cursor would: the statements show in connection.queries, and in tests
        # that count queries.
        each = (time.monotonic() - started) / max(1, len(statements))
        connection.queries_log.extend({"sql": sql, "time": f"{each:.3f}"} for sql, _ in statements)
    return found


def _readings_of(rows: list[tuple]) -> list[Reading]:
    """Readings from rows of _LOOKUP_COLUMNS and the article's source keys (a busy article reads
    hundreds: built straight from the tuples)."""
    convert = connection.vendor != "postgresql"  # PostgreSQL gives Decimal and date as they are
    number = _decimal_reader()
    agencies: dict[str, list[str]] = {}  # the few distinct lists of wire agencies, decoded once
    readings = []
    for (claim_id, metric, subject, qualifier, value, lower, upper, time_start, time_end, period_start, article_id,
         attribution, source_id, original_id, original_source_id, wires) in rows:
        if convert:
            value, lower, upper = number(value), number(lower), number(upper)
            time_start, time_end, period_start = _date(time_start), _date(time_end), _date(period_start)
        if isinstance(wires, str):
            if wires not in agencies:
                agencies[wires] = json.loads(wires)
            wires = agencies[wires]
        # Independence follows the originator: a syndicated copy speaks with its original's voice,
        # and outlets relaying one ministry's (or one wire's) figure are one source
        # (claims/independence.py).
        _, source = keys_of(article_id=article_id, attribution=attribution or "", source_id=source_id,
                            original_id=original_id, original_source_id=original_source_id, wire_agencies=wires)
        readings.append(Reading(
            id=claim_id, metric=metric, subject=subject or "", qualifier=qualifier, value=value, lower=lower,
            upper=upper, time_start=time_start, time_end=time_end, period_start=period_start, article=article_id,
            source=source,
        ))
    return readings


def _compared(readings: list[Reading]) -> list[Reading]:
    """The readings of each article that are compared: its first TALLY_DETECTION_MAX_CLAIMS, in
    text order. Each is judged against up to six times TALLY_DETECTION_CANDIDATES others: a page of
    a thousand tolls for one town made 450,000 conflicts and took a gigabyte."""
    limit = settings.TALLY_DETECTION_MAX_CLAIMS
    kept: dict[int, int] = defaultdict(int)
    compared = []
    for reading in sorted(readings, key=lambda r: r.id):
        if kept[reading.article] < limit:
            kept[reading.article] += 1
            compared.append(reading)
    if len(compared) < len(readings):
        logger.warning("%d claims beyond TALLY_DETECTION_MAX_CLAIMS per article not compared",
                       len(readings) - len(compared))
    return compared


def _first_mentions(readings: Iterable[Reading]) -> list[Reading]:
    """One reading per figure an article states: a headline's "47 dead" repeated in the body is
    one statement, so it makes one conflict with another outlet's 62, not two."""
    first: dict[tuple, Reading] = {}
    for reading in sorted(readings, key=lambda r: r.id):
        key = (reading.article, reading.metric, reading.subject, reading.qualifier, reading.value, reading.lower,
               reading.upper, reading.time_start, reading.time_end, reading.period_start)
        first.setdefault(key, reading)
    return list(first.values())


def event_key(reading: Reading) -> str:
    """One event is one body's vote, or one call, on one day (or one span when only a month is known)."""
    start, end = reading.time_start, reading.time_end
    if start is None or end is None:
        return ""
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def _figure_key(reading: Reading) -> tuple[str, str, str, str]:
    kind = vocabulary().metrics[reading.metric].kind
    if kind == "event":
        return reading.metric, reading.subject, Figure.Scope.EVENT, event_key(reading)
    return reading.metric, reading.subject, Figure.Scope.SERIES, ""


def _in(column: str, values: list) -> tuple[str, tuple]:
    """`column` among `values`: one array parameter on PostgreSQL, so that the statement's text is
    the same for any number of values; a list of parameters on SQLite."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", (list(values),)
    return f"{column} IN ({', '.join(['%s'] * len(values))})", tuple(values)


def _figures_for(readings: list[Reading]) -> dict[int, int]:
    """The Figure of each claim, created when new: claim id -> figure id, in claim id order."""
    keys = {reading.id: _figure_key(reading) for reading in readings}
    if not keys:
        return {}
    wanted = set(keys.values())
    metrics, metric_params = _in("metric", sorted({k[0] for k in wanted}))
    subjects, subject_params = _in("subject", sorted({k[1] for k in wanted}))
    sql = f"SELECT metric, subject, scope, event_key, id FROM {Figure._meta.db_table} WHERE {metrics} AND {subjects}"

    def existing() -> dict[tuple[str, str, str, str], int]:
        rows = _run([(sql, [*metric_params, *subject_params])])[0]
        return {tuple(row[:4]): row[4] for row in rows if tuple(row[:4]) in wanted}

    found = existing()
    missing = wanted - set(found)
    if missing:
        # Sorted, so that two workers creating the same figures wait on each other in one order.
        Figure.objects.bulk_create(
            [Figure(metric=m, subject=s, scope=sc, event_key=e) for m, s, sc, e in sorted(missing)],
            ignore_conflicts=True,
        )
        found = existing()
    # In id order: two workers updating some of the same claims lock them in one order.
    return {claim_id: found[keys[claim_id]] for claim_id in sorted(keys)}


def _assign_figures_statement(assignment: dict[int, int]) -> tuple[str, list]:
    """PostgreSQL: one statement for any number of claims, writing only the rows whose figure
    changes (none when detection runs again)."""
    return (
        f"""UPDATE {Claim._meta.db_table} AS claim SET figure_id = assigned.figure_id
            FROM unnest(%s::bigint[], %s::bigint[]) AS assigned(id, figure_id)
            WHERE claim.id = assigned.id AND claim.figure_id IS DISTINCT FROM assigned.figure_id""",
        [list(assignment), list(assignment.values())],
    )


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


class _Agreement:
    """Who agrees with a claim: the independent originators whose claims in its group overlap it in
    time and in value.

    A group's claims are reduced once to their distinct shapes (time window and interval, with the
    originators of each): a busy town's claims mostly repeat the day's figure, so a question is
    answered over a few shapes rather than hundreds of claims, and each answer is remembered for
    its group, time window and interval.
    """

    def __init__(self) -> None:
        self._shapes: dict[int, list[tuple]] = {}
        self._answers: dict[tuple, frozenset[str]] = {}

    def _group_shapes(self, group: list[Reading], tolerance: Tolerance) -> list[tuple]:
        shapes = self._shapes.get(id(group))
        if shapes is None:
            sources: dict[tuple, set[str]] = defaultdict(set)
            for other in group:
                sources[(other.time_start, other.time_end, *effective_interval(other, tolerance))].add(other.source)
            shapes = self._shapes[id(group)] = [(*shape, frozenset(found)) for shape, found in sources.items()]
        return shapes

    def support(self, reading: Reading, group: list[Reading], tolerance: Tolerance) -> int:
        """How many independent originators stand behind this claim, its own included."""
        low, high = effective_interval(reading, tolerance)
        start, end = reading.time_start, reading.time_end
        key = (id(group), start, end, low, high)
        sources = self._answers.get(key)
        if sources is None:
            found: set[str] = set()
            for other_start, other_end, other_low, other_high, other_sources in self._group_shapes(group, tolerance):
                if (
                    other_start <= end and start <= other_end
                    and (low is None or other_high is None or low <= other_high)
                    and (other_low is None or high is None or other_low <= high)
                ):
                    found |= other_sources
            sources = self._answers[key] = frozenset(found)
        return len(sources | {reading.source})


def _verdicts_for(own: list[Reading]) -> tuple[list[Verdict], dict[int, list[Reading]], dict[int, Tolerance]]:
    """Every verdict on our claims: first every candidate lookup is planned, then all are read in
    one round trip, then each pair is judged."""
    vocab = vocabulary()
    # Planned per article, so that a batch of articles reads what each would read alone.
    by_key: dict[tuple[int, str, str], list[Reading]] = defaultdict(list)
    for reading in own:
        by_key[(reading.article, reading.metric, reading.subject)].append(reading)
    lookups: list[Lookup] = []
    plans = []  # (metric, subject, readings, tolerance, [lookup index, ...] per purpose)

    def plan(lookup: Lookup | None) -> list[int]:
        if lookup is None:
            return []
        lookups.append(lookup)
        return [len(lookups) - 1]

    for (_, metric, subject), readings in by_key.items():
        info = vocab.metrics[metric]
        tolerance = tolerance_for(info.kind)
        same = [i for lookup in _same_metric_lookups(metric, subject, readings, info.kind, tolerance) for i in plan(lookup)]
        wholes = plan(_parts_wholes_lookup(info.part_of, subject, readings, tolerance, as_whole=True)) if info.part_of else []
        parts = [i for part_metric in vocab.parts_of(metric)
                 for i in plan(_parts_wholes_lookup(part_metric, subject, readings, tolerance, as_whole=False))]
        votes = {}
        if info.vote and subject in vocab.bodies:
            for reading in readings:
                # Unordered: see _same_metric_lookups.
                votes[reading.id] = plan(_same_event_lookup(vocab.votes(), subject, reading))[0]
        plans.append((info, subject, readings, tolerance, same, wholes, parts, votes))

    fetched = [_first_mentions(found) for found in _fetch(lookups)]
    verdicts: list[Verdict] = []
    groups: dict[int, list[Reading]] = {}
    tolerances: dict[int, Tolerance] = {}
    for info, subject, readings, tolerance, same, wholes, parts, votes in plans:
        candidates = _first_mentions({r.id: r for index in same for r in fetched[index]}.values())
        for reading in readings:
            groups[reading.id] = candidates
            tolerances[reading.id] = tolerance
            for other in candidates:
                if info.kind == "event" and event_key(other) != event_key(reading):
                    continue
                verdict = judge_same_metric(reading, other, info.kind, tolerance, same_period_only=info.same_period_only)
                if verdict is not None:
                    verdicts.append(verdict)
        # A candidate's support is counted in the same group, so that a conflict's severity does not
        # depend on which of its two articles was compared first (an article's own lookups win).
        for other in candidates:
            groups.setdefault(other.id, candidates)
            tolerances.setdefault(other.id, tolerance)
        verdicts += [v for index in wholes for r in readings for w in fetched[index]
                     if (v := judge_part_whole(r, w, tolerance))]
        verdicts += [v for index in parts for r in readings for p in fetched[index]
                     if (v := judge_part_whole(p, r, tolerance))]
        for reading_id, index in votes.items():
            verdicts += [v for v in judge_votes(fetched[index], vocab.bodies[subject]) if reading_id in (v.a, v.b)]
    return verdicts, groups, tolerances


def _conflict_rows(verdicts: list[Verdict], groups: dict[int, list[Reading]], tolerances: dict[int, Tolerance],
                   readings: dict[int, Reading]) -> list[dict]:
    """The conflicts to store, as the Conflict fields of each (a busy article has hundreds: plain
    dicts cost a fraction of model instances)."""
    rows: dict[tuple[int, int | None], dict] = {}
    supported: dict[int, int] = {}  # a claim's support, counted once however many conflicts it has
    agreement = _Agreement()

    def support(claim_id: int) -> int:
        if claim_id not in supported:
            reading, group = readings.get(claim_id), groups.get(claim_id)
            # A claim whose group was not loaded (the other side of a part and its whole) counts its
            # source alone.
            supported[claim_id] = 1 if reading is None or group is None else agreement.support(
                reading, group, tolerances[claim_id])
        return supported[claim_id]

    for verdict in verdicts:
        key = (verdict.a, verdict.b)
        if key in rows:
            continue
        supports = [support(claim_id) for claim_id in (verdict.a, verdict.b) if claim_id is not None]
        support_a, support_b = (supports + [1, 1])[:2]
        details = {**verdict.details, "support": {"a": support_a, "b": support_b}}
        rows[key] = {
            "claim_a_id": verdict.a, "claim_b_id": verdict.b, "figure_id": None, "kind": verdict.kind,
            "severity": severity(verdict.relative_gap, support_a, support_b), "sources": support_a + support_b,
            "details": details,
        }
    return list(rows.values())


def _json_default(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)  # as DjangoJSONEncoder writes it
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _ordered_rows(rows: list[dict]) -> list[dict]:
    # In pair order: two workers inserting some of the same pairs wait on each other in one order.
    return sorted(rows, key=lambda row: (row["claim_a_id"], row["claim_b_id"] or 0, row["kind"]))


def _insert_conflicts_statement(rows: list[dict]) -> tuple[str, list]:
    """PostgreSQL: store new conflicts, skipping pairs already stored (the unique pair makes this
    idempotent and safe when two workers find the same pair).

    The rows go as one JSON document expanded by jsonb_to_recordset: a busy article's hundreds of
    conflicts, each with its numbers, cost one parameter instead of bulk_create's per-value array
    escaping, which measured several ms per article. orjson writes it in a fifteenth of the time
    the json module took (0.12 against 1.74 ms for 255 conflicts).
    """
    document = orjson.dumps(_ordered_rows(rows), default=_json_default).decode()
    return (
        f"""INSERT INTO {Conflict._meta.db_table}
                (created_at, updated_at, claim_a_id, claim_b_id, figure_id, kind, severity, sources, details,
                 status, resolution, resolution_note)
            SELECT now(), now(), r.claim_a_id, r.claim_b_id, r.figure_id, r.kind, r.severity, r.sources,
                   r.details, %s, '', ''
            FROM jsonb_to_recordset(%s::jsonb) AS r(claim_a_id bigint, claim_b_id bigint, figure_id bigint,
                 kind text, severity double precision, sources integer, details jsonb)
            ON CONFLICT DO NOTHING""",
        [Conflict.Status.OPEN.value, document],
    )


def _store(assignment: dict[int, int], rows: list[dict], ready: list[int]) -> set[int]:
    """Write what detection found, inside its transaction: each claim's figure, the new conflicts,
    and `done` for each article still `extracted` (or already `done`); one sent back to `pending`
    meanwhile (reprocess) waits for its new claims. Returns the articles now `done`.

    On PostgreSQL the three statements go as one pipeline."""
    articles, article_params = _in("id", ready)
    done_sql = (f"UPDATE {Article._meta.db_table} SET status = %s WHERE {articles} AND status IN (%s, %s) "
                "RETURNING id")
    done_params = [Article.Status.DONE.value, *article_params, Article.Status.EXTRACTED.value,
                   Article.Status.DONE.value]
    if connection.vendor == "postgresql":
        statements = [_assign_figures_statement(assignment)] if assignment else []
        if rows:
            statements.append(_insert_conflicts_statement(rows))
        return {row[0] for row in _run([*statements, (done_sql, done_params)])[-1]}
    Claim.objects.bulk_update(
        [Claim(id=claim_id, figure_id=figure_id) for claim_id, figure_id in assignment.items()], ["figure"]
    )
    Conflict.objects.bulk_create([Conflict(**row) for row in _ordered_rows(rows)], ignore_conflicts=True)
    return {row[0] for row in _run([(done_sql, done_params)])[0]}


def _own_lookup(article_ids: list[int]) -> Lookup:
    """The comparable claims of these articles: a tracked metric, a subject and a date."""
    metrics = list(vocabulary().metrics)
    articles, ids = _in("article_id", article_ids)
    where = (
        f"{articles} AND metric IN ({', '.join(['%s'] * len(metrics))}) "
        "AND subject IS NOT NULL AND subject <> '' AND time_start IS NOT NULL"
    )
    return Lookup(where, (*ids, *metrics), None)


def articles_detect_conflicts(*, article_ids: Iterable[int]) -> list[Article]:
    """Group the claims of these articles into figures and store every conflict they take part in;
    idempotent. Returns the articles that exist, in id order.

    Call after their claims are stored (status `extracted`); sets each such article `done`. An
    article still `pending` or `failed` is left as it is. A batch reads what each article would read
    alone, its lookups sent together (see `_fetch`), and writes in one transaction.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return []
    # The articles' statuses and their claims in one round trip; the claims of an article that is
    # not ready are read with the others and set aside.
    where, params = _in("id", ids)
    statuses, own_rows = _run([
        (f"SELECT id, status FROM {Article._meta.db_table} WHERE {where} ORDER BY id", list(params)),
        _statement(_own_lookup(ids)),
    ])
    articles = [Article.from_db(connection.alias, ["id", "status"], row) for row in statuses]
    ready = [a.id for a in articles if a.status not in (Article.Status.PENDING, Article.Status.FAILED)]
    if not ready:
        return articles
    ready_ids = set(ready)
    own = [reading for reading in _readings_of(own_rows) if reading.article in ready_ids]
    verdicts, groups, tolerances = _verdicts_for(_compared(_first_mentions(own)))
    distinct_groups = {id(group): group for group in groups.values()}  # many claims share one group
    known = {r.id: r for group in distinct_groups.values() for r in group}
    known.update({r.id: r for r in own})
    rows = _conflict_rows(verdicts, groups, tolerances, known)
    with transaction.atomic():
        figures = _figures_for(own)
        for row in rows:
            row["figure_id"] = figures.get(row["claim_a_id"]) or figures.get(row["claim_b_id"])
        done = _store(figures, rows, ready)
    for article in articles:
        if article.id in done:
            article.status = Article.Status.DONE
    return articles


def article_detect_conflicts(*, article_id: int) -> Article | None:
    """`articles_detect_conflicts` for one article: the article, or None when it does not exist."""
    found = articles_detect_conflicts(article_ids=[article_id])
    return found[0] if found else None


def conflicts_reevaluate(*, claim_ids: Iterable[int]) -> dict[str, int]:
    """Judge again the open conflicts of these claims after a claim changed (a correction, a review).

    A conflict that no longer holds is closed as resolved by an extraction error, with an Event;
    one that holds gets fresh numbers. Returns how many were closed and kept.
    """
    ids = list(claim_ids)
    conflicts = Conflict.objects.filter(Q(claim_a_id__in=ids) | Q(claim_b_id__in=ids), status__in=OPEN_STATUSES)
    outcome = {"closed": 0, "kept": 0}
    with transaction.atomic():
        for conflict in conflicts.select_for_update():
            closed = _reevaluate_one(conflict)
            outcome["closed" if closed else "kept"] += 1
    return outcome


def _reevaluate_one(conflict: Conflict) -> bool:
    """Call inside select_for_update. True when the conflict no longer holds and was closed."""
    from claims.workflow import transition

    claim_ids = [conflict.claim_a_id, conflict.claim_b_id]
    readings = {r.id: r for r in _readings(Claim.objects.filter(id__in=[i for i in claim_ids if i]))}
    verdict = _rejudge(conflict, readings)
    if verdict is not None:
        conflict.details = {**verdict.details, "support": conflict.details.get("support", {"a": 1, "b": 1})}
        conflict.save(update_fields=["details", "updated_at"])
        return False
    note = "Closed on re-evaluation: after a claim was corrected the two claims agree."
    transition(conflict, Conflict.Status.RESOLVED, actor=None, action="reevaluate", note=note, fields={
        "resolution": Conflict.Resolution.EXTRACTION_ERROR, "resolution_note": note,
    })
    return True


def _rejudge(conflict: Conflict, readings: dict[int, Reading]) -> Verdict | None:
    vocab = vocabulary()
    a = readings.get(conflict.claim_a_id)
    b = readings.get(conflict.claim_b_id) if conflict.claim_b_id else None
    if a is None or a.metric not in vocab.metrics or (conflict.claim_b_id and (b is None or b.metric not in vocab.metrics)):
        return None
    if conflict.kind == Conflict.Kind.EXCEEDS_BODY_SIZE:
        size = vocab.bodies.get(a.subject)
        if size is None:
            return None
        found = judge_votes([r for r in (a, b) if r is not None], size)
        return found[0] if found else None
    assert b is not None
    if a.subject != b.subject:
        return None
    if conflict.kind == Conflict.Kind.PART_EXCEEDS_WHOLE:
        part, whole = (a, b) if vocab.metrics[a.metric].part_of == b.metric else (b, a)
        return judge_part_whole(part, whole, tolerance_for(vocab.metrics[whole.metric].kind))
    if a.metric != b.metric:
        return None
    info = vocab.metrics[a.metric]
    return judge_same_metric(a, b, info.kind, tolerance_for(info.kind), same_period_only=info.same_period_only)
