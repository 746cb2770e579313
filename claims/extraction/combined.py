"""Counts of two metrics joined by a conjunction ("320 died or went missing", "killed and injured
12"), which are neither, and the counts that close a list after one with a metric ("two in Ostrel
and one in Kerrin"). Read by `metrics.read_metric`."""

from __future__ import annotations

from typing import Final

from claims.extraction.clauses import BEFORE_METRICS as _BEFORE_METRICS
from claims.extraction.context import Context
from claims.extraction.document import PHRASE_END
from claims.extraction.languages.base import Language
from claims.extraction.languages.words import Word, WordInfo


# Words read after a conjunction for the second metric of a combined count ("or went missing").
_COMBINED_TOKENS: Final = 2


def combined_count(context: Context, head_position: int) -> bool:
    """Whether the metric word the count took is joined by a conjunction to a word of another
    tracked metric: after the number ("27 dead or missing") when its noun or a word after it named
    the metric, before it ("killed and injured 12", "قتل وأصيب 12") when a word before did."""
    draft, language = context.draft, context.language
    rules, metric = draft.rules, draft.metric
    if metric is None:
        return False
    if "metric.noun" in rules or "metric.after" in rules:
        tokens, infos = context.after, context.after_infos
        start = max(head_position, 0)
        for position in range(start, len(tokens)):
            if infos[position].metric == metric:
                return _second_metric(context, tokens, infos, position, metric)
            if position > start + 1:
                return False
        return False
    if "metric.before" not in rules:
        return False
    before, before_infos = context.before
    # The words of a window that opens right after another number are that number's own up to a
    # conjunction or a comma ("40 شخصا قتلوا وأصيب 90", "شخصان حتفهما وأصيب 20").
    first_own = 0
    if context.window_start > context.doc.bounds(draft.sentence)[0]:
        norm, previous_end = context.norm, context.window_start
        first_own = len(before)
        for position, token in enumerate(before):
            if (
                before_infos[position].conjoined
                or token.group().lower() in language.conjunctions
                or not PHRASE_END.isdisjoint(norm[previous_end : token.start()])
            ):
                first_own = position
                break
            previous_end = token.end()
    for position in range(len(before) - 1, -1, -1):
        info = before_infos[position]
        if info.metric == draft.metric:
            # "قتل وأصيب": the metric word itself opens with "and"; "killed and injured": a
            # conjunction stands before it.
            if info.conjoined:
                other = position - 1
            elif position > 0 and before[position - 1].group().lower() in language.conjunctions:
                other = position - 2
            else:
                return False
            if other >= first_own and not before_infos[other].metric and not before_infos[other].is_noun_like:
                # One word between that names nothing counted ("غرق فيه وفُقد").
                if before[other].group().isdigit():
                    return False
                other -= 1
            return other >= first_own and _other_metric(before_infos[other], metric)
        if info.metric is not None:
            return False
    return False


def _other_metric(info: WordInfo, metric: str) -> bool:
    return info.metric in _BEFORE_METRICS and info.metric != metric and not info.conjoined


def _second_metric(context: Context, tokens: list[Word], infos: list[WordInfo], position: int, metric: str) -> bool:
    """A conjunction right after the word at `position`, then a word of another tracked metric."""
    norm, language = context.norm, context.language
    following = position + 1
    if following >= len(tokens) or not PHRASE_END.isdisjoint(norm[tokens[position].end() : tokens[following].start()]):
        return False
    if infos[following].conjoined:
        # "قتيلاً ومفقودًا": the second metric word carries the conjunction.
        second = infos[following].metric
        return second in _BEFORE_METRICS and second != metric and not _next_count_verb(context, tokens, following)
    if tokens[following].group().lower() not in language.conjunctions:
        # "sont morts ou disparus": the rest of a phrase may come before the conjunction.
        following += 1
        if (
            following >= len(tokens)
            or tokens[following].group().lower() not in language.conjunctions
            or not PHRASE_END.isdisjoint(norm[tokens[following - 1].end() : tokens[following].start()])
        ):
            return False
    for later in range(following + 1, min(len(tokens), following + 1 + _COMBINED_TOKENS)):
        if _is_number_word(language, tokens[later].group()) or not PHRASE_END.isdisjoint(
            norm[tokens[later - 1].end() : tokens[later].start()]
        ):
            # "9 погибших и десятках раненых": another count, with its own metric.
            return False
        if infos[later].metric in _BEFORE_METRICS and infos[later].metric != metric:
            return not _next_count_verb(context, tokens, later)
    return False


def _is_number_word(language: Language, word: str) -> bool:
    """Digits, a number word or a vague quantity ("десятках")."""
    key = word.lower()
    return word.isdigit() or key in language.number_values or key in language.vague


# Words between a verb and the next count that still make it that count's ("وأصيب أكثر من 20").
_NEXT_COUNT_GAP: Final = 4


def _next_count_verb(context: Context, tokens: list[Word], position: int) -> bool:
    """Whether the word at `position` stands right before the next number of the sentence."""
    if context.window_end >= context.sentence_end or len(tokens) < len(context.after):
        return False
    return len(context.after) - 1 - position <= _NEXT_COUNT_GAP


# Words between a count and an article that closes its list ("three *in Oregon and* one in Washington").
_LIST_ITEM_WORDS: Final = 4


def listed_after_count(context: Context) -> bool:
    """Whether an article follows a count of its sentence over a few words ending with a
    conjunction and no punctuation: the last item of a list of counts."""
    draft = context.draft
    if context.window_start <= context.doc.bounds(draft.sentence)[0]:
        return False
    gap = context.norm[context.window_start : draft.start]
    words = gap.split()
    return (
        0 < len(words) <= _LIST_ITEM_WORDS
        and words[-1].lower() in context.language.joiners
        and PHRASE_END.isdisjoint(gap)
    )
