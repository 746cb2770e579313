"""Candidate lookups as SQL: each lookup one limited statement on the (metric, subject, time)
indexes, a batch of them read in one round trip, the rows read back as Readings."""

from __future__ import annotations

import decimal
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import psycopg
from django.db import connection

from articles.models import Article
from claims.extraction.compare import Reading
from claims.independence import keys_of
from claims.models import Claim

# The claim columns a candidate lookup reads, in the order of its SELECT list.
_LOOKUP_COLUMNS = (
    "id", "metric", "subject", "qualifier", "value", "lower", "upper", "time_start", "time_end", "period_start",
    "article_id", "attribution",
)


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
        outlet, source = keys_of(article_id=article_id, attribution=attribution or "", source_id=source_id,
                            original_id=original_id, original_source_id=original_source_id, wire_agencies=wires)
        readings.append(Reading(
            id=claim_id, metric=metric, subject=subject or "", qualifier=qualifier, value=value, lower=lower,
            upper=upper, time_start=time_start, time_end=time_end, period_start=period_start, article=article_id,
            source=source, outlet=outlet,
        ))
    return readings


def _in(column: str, values: list) -> tuple[str, tuple]:
    """`column` among `values`: one array parameter on PostgreSQL, so that the statement's text is
    the same for any number of values; a list of parameters on SQLite."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", (list(values),)
    return f"{column} IN ({', '.join(['%s'] * len(values))})", tuple(values)
