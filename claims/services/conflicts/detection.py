"""Detection: an article's claims judged against their candidates, and the conflicts found written
with the claims' figures."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

import orjson
from django.conf import settings
from django.db import connection, transaction

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
from claims.extraction.gazetteer import default as gazetteer
from claims.models import Claim, Conflict
from claims.places import members, subject_path
from claims.services.conflicts.candidates import (_own_lookup, _parts_wholes_lookup, _place_lookups,
                                                  _same_event_lookup, _same_metric_lookups)
from claims.services.conflicts.figures import _assign_figures_statement, _figures_for, event_key
from claims.services.conflicts.lookups import Lookup, _fetch, _in, _readings_of, _run, _statement
from claims.services.conflicts.weekdays import place_weekday_claims, weekday_statement

logger = logging.getLogger(__name__)


def tolerance_for(kind: str) -> Tolerance:
    entry = settings.TALLY_TOLERANCES[kind]
    return Tolerance(approx=Decimal(str(entry["approx"])), rounding=Decimal(str(entry["rounding"])))


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


def independent_sources(pairs: frozenset[tuple[str, str]]) -> int:
    """How many independent sources a set of (originator, outlet) pairs holds: two claims are of
    one source when they share their outlet (two claims of one article, or of one outlet's pages)
    or their originator (outlets relaying one ministry's figure). The connected groups are counted."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for originator, outlet in pairs:
        parent[root("o\0" + originator)] = root("s\0" + outlet)
    return len({root("s\0" + outlet) for _, outlet in pairs})


class _Agreement:
    """Who agrees with a claim: the claims in its group that overlap it in time and in value, as
    their (originator, outlet) pairs: severity weighs the independent originators, and a
    conflict's count of sources the independent sources of both sides (`independent_sources`).

    A group's claims are reduced once to their distinct shapes (time window and interval, with the
    pairs of each): a busy town's claims mostly repeat the day's figure, so a question is answered
    over a few shapes rather than hundreds of claims, and each answer is remembered for its group,
    time window and interval.
    """

    def __init__(self) -> None:
        self._shapes: dict[int, list[tuple]] = {}
        self._answers: dict[tuple, frozenset[tuple[str, str]]] = {}

    def _group_shapes(self, group: list[Reading], tolerance: Tolerance) -> list[tuple]:
        shapes = self._shapes.get(id(group))
        if shapes is None:
            sources: dict[tuple, set[tuple[str, str]]] = defaultdict(set)
            for other in group:
                sources[(other.time_start, other.time_end, *effective_interval(other, tolerance))].add(_pair(other))
            shapes = self._shapes[id(group)] = [(*shape, frozenset(found)) for shape, found in sources.items()]
        return shapes

    def support(self, reading: Reading, group: list[Reading], tolerance: Tolerance) -> tuple[int, frozenset]:
        """How many independent originators stand behind this claim, its own included, and the
        (originator, outlet) pairs of the claims that do."""
        low, high = effective_interval(reading, tolerance)
        start, end = reading.time_start, reading.time_end
        key = (id(group), start, end, low, high)
        pairs = self._answers.get(key)
        if pairs is None:
            found: set[tuple[str, str]] = set()
            for other_start, other_end, other_low, other_high, other_pairs in self._group_shapes(group, tolerance):
                if (
                    other_start <= end and start <= other_end
                    and (low is None or other_high is None or low <= other_high)
                    and (other_low is None or high is None or other_low <= high)
                ):
                    found |= other_pairs
            pairs = self._answers[key] = frozenset(found)
        pairs = pairs | {_pair(reading)}
        return len({originator for originator, _ in pairs}), pairs


def _pair(reading: Reading) -> tuple[str, str]:
    return reading.source, reading.outlet or reading.source


def _one_day(reading: Reading) -> bool:
    return reading.time_start is not None and reading.time_start == reading.time_end


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
        place_wholes, place_parts = [], []
        combined = members(subject)
        if not info.vote and (combined or subject in gazetteer()):
            # The same count for a place that holds ours, or one inside it: parts and wholes.
            found_wholes, found_parts = _place_lookups(metric, subject, subject_path(subject), bool(combined),
                                                       readings, tolerance)
            place_wholes = [i for lookup in found_wholes for i in plan(lookup)]
            place_parts = [i for lookup in found_parts for i in plan(lookup)]
        wholes += place_wholes
        parts += place_parts
        votes = {}
        if info.vote and vocab.body_size(subject) is not None:
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
            if info.kind == "event" and not _one_day(reading):
                # A vote or a call known only to its month may be any of that month's: never
                # compared with another (two votes of one body in one month can end differently).
                continue
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
        for reading in readings:
            if reading.id not in votes:
                continue
            tally = fetched[votes[reading.id]]
            if not _one_day(reading):
                # The sides of a vote known only to its month: those its own article gives.
                tally = [side for side in tally if side.article == reading.article]
            verdicts += [v for v in judge_votes(tally, vocab.body_size(subject)) if reading.id in (v.a, v.b)]  # type: ignore[arg-type]
    return verdicts, groups, tolerances


def _conflict_rows(verdicts: list[Verdict], groups: dict[int, list[Reading]], tolerances: dict[int, Tolerance],
                   readings: dict[int, Reading]) -> list[dict]:
    """The conflicts to store, as the Conflict fields of each (a busy article has hundreds: plain
    dicts cost a fraction of model instances)."""
    rows: dict[tuple[int, int | None], dict] = {}
    # A claim's support, counted once however many conflicts it has: its originators' count and
    # the (originator, outlet) pairs behind it.
    supported: dict[int, tuple[int, frozenset[tuple[str, str]]]] = {}
    agreement = _Agreement()

    def support(claim_id: int) -> tuple[int, frozenset[tuple[str, str]]]:
        if claim_id not in supported:
            reading, group = readings.get(claim_id), groups.get(claim_id)
            # A claim whose group was not loaded (the other side of a part and its whole) counts its
            # source alone.
            if reading is None or group is None:
                alone = _pair(reading) if reading is not None else (f"claim:{claim_id}",) * 2
                supported[claim_id] = (1, frozenset({alone}))
            else:
                supported[claim_id] = agreement.support(reading, group, tolerances[claim_id])
        return supported[claim_id]

    for verdict in verdicts:
        key = (verdict.a, verdict.b)
        if key in rows:
            continue
        sides = [support(claim_id) for claim_id in (verdict.a, verdict.b) if claim_id is not None]
        support_a, support_b = ([count for count, _ in sides] + [1, 1])[:2]
        # The sources behind either side, each once: two claims of one article are one source.
        pairs = frozenset().union(*(found for _, found in sides))
        details = {**verdict.details, "support": {"a": support_a, "b": support_b}}
        rows[key] = {
            "claim_a_id": verdict.a, "claim_b_id": verdict.b, "figure_id": None, "kind": verdict.kind,
            "severity": severity(verdict.relative_gap, support_a, support_b), "sources": independent_sources(pairs),
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
    statuses, own_rows, weekday_rows = _run([
        (f"SELECT id, status FROM {Article._meta.db_table} WHERE {where} ORDER BY id", list(params)),
        _statement(_own_lookup(ids)),
        weekday_statement(ids),
    ])
    articles = [Article.from_db(connection.alias, ["id", "status"], row) for row in statuses]
    ready = [a.id for a in articles if a.status not in (Article.Status.PENDING, Article.Status.FAILED)]
    if not ready:
        return articles
    ready_ids = set(ready)
    if weekday_rows:
        own_rows = _placed_again(weekday_rows, ids, own_rows)
    own = [reading for reading in _readings_of(own_rows) if reading.article in ready_ids or reading.article not in ids]
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


def _placed_again(weekday_rows: list[tuple], ids: list[int], own_rows: list[tuple]) -> list[tuple]:
    """Our rows once the claims dated by a weekday of their month, or by the days after an event,
    that these articles bear on are placed (claims.services.conflicts.weekdays): our own read again
    when one of them moved, and those of other articles that moved added, to be compared again with
    their new dates."""
    moved = place_weekday_claims(weekday_rows)
    if not moved:
        return own_rows
    ours = set(ids)
    moved_set = set(moved)
    others = [row[0] for row in weekday_rows if row[0] in moved_set and row[1] not in ours]
    statements = []
    if any(row[0] in moved_set and row[1] in ours for row in weekday_rows):
        statements.append(_statement(_own_lookup(ids)))
    if others:
        where, params = _in("id", sorted(set(others)))
        statements.append(_statement(Lookup(f"{where} AND time_start IS NOT NULL", params, None)))
    found = _run(statements)
    if len(found) == 2 or not others:
        own_rows = found[0]
    return own_rows + (found[-1] if others else [])


def article_detect_conflicts(*, article_id: int) -> Article | None:
    """`articles_detect_conflicts` for one article: the article, or None when it does not exist."""
    found = articles_detect_conflicts(article_ids=[article_id])
    return found[0] if found else None
