"""Figures: the claims that report one number (a series, or one event) grouped under one Figure."""

from __future__ import annotations

from claims.extraction.compare import Reading, vocabulary
from claims.models import Claim, Figure
from claims.services.conflicts.lookups import _in, _run


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
