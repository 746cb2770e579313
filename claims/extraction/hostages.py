"""Hostages held or released: a hostage count whose sentence speaks of a release, made or only
sought, and detainees freed. Read by `metrics.read_metric`."""

from __future__ import annotations

from typing import Final

from claims.extraction.clauses import BEFORE_METRICS as _BEFORE_METRICS
from claims.extraction.context import Context
from claims.extraction.document import bisect_left


def refine_hostages(context: Context) -> None:
    draft = context.draft
    if draft.metric == "detained":
        _, before_infos = context.before
        if any(info.release for info in (*before_infos[-4:], *context.after_infos)):
            # "la vuelta a casa de 60 soldados que seguían presos": detainees freed or sent home are
            # no longer held, and their release is not a tracked figure.
            draft.metric = "other"
            draft.rules.append("metric.detainees_freed")
        return
    if draft.metric != "hostages_held":
        return
    _, before_infos = context.before
    infos = [*before_infos[-4:], *context.after_infos]
    if any(info.release or info.metric == "hostages_released" for info in infos) or _released_later(context):
        if _still_held(context):
            # "efforts to free the 48 hostages still held": a release sought, not made.
            draft.rules.append("metric.still_held")
            return
        draft.metric = "hostages_released"
        draft.rules.append("metric.released")


# Words read after a "still" word for the word of being held ("still held", "ما زالوا محتجزين").
_STILL_HELD_TOKENS: Final = 3


def _still_held(context: Context) -> bool:
    """A "still" word after the count, a word of being held right after it."""
    infos = context.after_infos
    for position, info in enumerate(infos):
        if info.still:
            return any(
                later.metric in ("hostages_held", "detained") for later in infos[position + 1 : position + 1 + _STILL_HELD_TOKENS]
            )
    return False


# Words read after a hostage count, past other numbers, for the verb of its clause.
_RELEASE_TOKENS: Final = 30


def _released_later(context: Context) -> bool:
    """"Seventeen hostages held captive in Gaza since ... were released", "105 Geiseln im Gegenzug für
    240 Häftlinge freigelassen": a release verb later in the sentence, before any other tracked
    metric, a semicolon or a conjunction ("holds 100 hostages and has released 40 others")."""
    tokens, starts, infos = context.doc.words(context.draft.sentence)
    first = bisect_left(starts, context.draft.end)
    norm = context.norm
    for position in range(first, min(len(tokens), first + _RELEASE_TOKENS)):
        info = infos[position]
        if info.release or info.metric == "hostages_released":
            return True
        if info.metric in _BEFORE_METRICS and info.metric != "hostages_held":
            return False
        if tokens[position].group().lower() in context.language.joiners:
            return False
        if position > first and ";" in norm[tokens[position - 1].end() : tokens[position].start()]:
            return False
    return False
