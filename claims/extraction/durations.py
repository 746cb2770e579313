"""Durations: the length of a call, a meeting or talks ("90 minutes", "une heure et demie"), never
time that passed or the period a count covers; two units side by side are one duration. Read by
`metrics`."""

from __future__ import annotations

from decimal import Decimal

from claims.extraction.context import Context
from claims.extraction.document import Document
from claims.extraction.draft import Draft
from claims.extraction.languages.base import Language
from claims.extraction.units import to_minutes


def read_duration(context: Context, minutes: Decimal) -> bool:
    """A duration in minutes ("90 seconds", "two hours") of a call, a meeting or talks named in its
    sentence, unless the words before it make it the period a count covers ("over the past 24
    hours") or a time of day."""
    draft, language, norm = context.draft, context.language, context.norm
    look_from = max(context.window_start, draft.start - 24)
    if language.time_window_before_re.search(norm, look_from, draft.start):
        # "over the past 24 hours": the period a count covers, no claim of its own; the words before
        # it still name the next number's metric ("el número de socorridos durante los dos últimos días").
        draft.rules.append("time.window")
        return False
    if draft.qualifier == "exact" and minutes >= 60 and language.clock_before_re.search(norm, look_from, draft.start):
        return False
    start, end = context.doc.bounds(draft.sentence)
    if language.durations_need_exchange and language.exchange_re.search(norm, start, end) is None:
        # "trapped for 118 hours", "huit heures de pluie": time that passed, not an exchange's length.
        draft.metric, draft.unit = "other", "minutes"
        draft.rules.append("time.elapsed")
        draft.confidence = 0.2
        return True
    half = language.half_after_re.match(norm, draft.end)
    if half is not None and draft.value is not None and draft.qualifier != "between":
        # "une heure et demie", "an hour and a half".
        whole = draft.value + Decimal("0.5")
        if draft.value:
            # The bounds keep their ratio to the value ("about an hour and a half").
            draft.lower = None if draft.lower is None else draft.lower * whole / draft.value
            draft.upper = None if draft.upper is None else draft.upper * whole / draft.value
        draft.value = whole
        draft.end = half.end()
    draft.metric = "duration"
    draft.unit = "minutes"
    draft.value = to_minutes(draft.value, minutes)
    draft.lower = to_minutes(draft.lower, minutes)
    draft.upper = to_minutes(draft.upper, minutes)
    if draft.qualifier in ("less_than", "at_most"):
        draft.lower = Decimal(0)
    draft.rules.append("metric.duration")
    draft.confidence = 0.85
    return True


def join_durations(doc: Document, language: Language, drafts: list[Draft]) -> None:
    """"1 hour and 15 minutes", "une heure et 45 minutes": one duration of 75 minutes."""
    index = 0
    while index + 1 < len(drafts):
        first, second = drafts[index], drafts[index + 1]
        if (
            first.metric == "duration"
            and second.metric == "duration"
            and first.sentence == second.sentence
            and first.value is not None
            and second.value is not None
            and second.value < first.value
            and (
                language.duration_joiner_re.fullmatch(doc.norm, first.end, second.start) is not None
                # "3 часа 40 минут": the smaller unit right after the larger one.
                or not doc.norm[first.end : second.start].strip()
            )
        ):
            first.value += second.value
            first.lower = None if first.lower is None or second.lower is None else first.lower + second.lower
            first.upper = None if first.upper is None or second.upper is None else first.upper + second.upper
            first.end = second.end
            first.rules.append("duration.joined")
            del drafts[index + 1]
            continue
        index += 1
