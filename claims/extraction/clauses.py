"""The metric the clause around a number names: a verb before it ("killed 11 civilians"), a word after
it in its clause ("300 people were killed"), the clause before it ("the toll rose, surpassing 900"),
or the verb of a subject the lexicon does not know ("Douze randonneurs sont morts")."""

from __future__ import annotations

from typing import Final

from claims.extraction.context import Context
from claims.extraction.document import PHRASE_END, PHRASE_END_RE, WORD, bisect_left
from claims.extraction.languages.words import WordInfo

# Words before the next number that are read as that number's verb, not this one's.
_NEXT_VERB_TOKENS: Final = 2
# A noun-only metric (trucks) read before the number is the thing carried, not the thing counted.
BEFORE_METRICS: Final = frozenset(
    {"deaths", "injured", "missing", "hostages_held", "hostages_released", "displaced", "detained"}
)


def metric_around(context: Context, head_position: int) -> tuple[str | None, str]:
    before, before_infos = context.before
    # A verb right before the number binds tightest: "killed 11 civilians ... and wounded 28",
    # "mataron a 11 civiles".
    if before_infos:
        adjacent = before_infos[-1]
        if adjacent.stop and len(before_infos) > 1:
            adjacent = before_infos[-2]
        if adjacent.metric in BEFORE_METRICS:
            return adjacent.metric, "metric.before"
        if adjacent.metric == "other":
            # "la cifra de rescatados se eleva a 33": a count of people not tracked.
            return "other", "metric.untracked"
    # The words just before the next number, in the same clause, are that number's verb
    # ("... e hirieron a otros 28").
    last = len(context.after)
    clause_break = -1
    if context.window_end < context.sentence_end:
        last -= _NEXT_VERB_TOKENS
        for punctuation in PHRASE_END_RE.finditer(context.norm, context.draft.number_end, context.window_end):
            clause_break = punctuation.start()
    norm, joiners = context.norm, context.language.joiners
    starts, ends = context.after_starts, context.after_ends
    previous_end = ends[head_position] if head_position >= 0 else context.draft.number_end
    crossed = False
    for position in range(head_position + 1, len(context.after)):
        token_start = starts[position]
        if position >= last and token_start > clause_break:
            break
        gap = norm[previous_end:token_start]
        if not crossed and (not PHRASE_END.isdisjoint(gap) or norm[token_start : ends[position]].lower() in joiners):
            # "el balance de muertos subió a 38, y los evacuados...": past a comma or
            # a conjunction, a metric named before the number in its own clause is still its own.
            crossed = True
            found = _own_clause_metric(context, before_infos)
            if found is not None:
                return found
        if ";" in gap:
            # A semicolon ends the sentence's part the number is in.
            break
        previous_end = ends[position]
        metric = context.after_infos[position].metric
        if metric and metric != "aid_trucks":
            return metric, "metric.after"
    return _own_clause_metric(context, before_infos) or (None, "")


def _own_clause_metric(context: Context, before_infos: list[WordInfo]) -> tuple[str, str] | None:
    """The metric the number's clause names before it, or, in a relative clause, its antecedent."""
    found = _before_metric(before_infos)
    if found is not None:
        return found
    before, _ = context.before
    if not before:
        return _opening_clause_metric(context)
    if (before and before[0].group().lower() in context.language.relatives) or _after_relative_clause(context):
        # "los heridos, que ya habían subido a 40": the noun the relative clause takes up; "Die Zahl
        # der Toten, die der Sturm forderte, hat 180 erreicht": the subject before the clause.
        for info in reversed(context.antecedent()):
            if info.forensic:
                # "los cadáveres aún no identificados, que eran 12".
                return "other", "metric.untracked"
            if info.metric in BEFORE_METRICS:
                return info.metric, "metric.antecedent"
    return None


# Words read back from a number that opens its clause for the clause before it.
_OPENING_TOKENS: Final = 12


def _after_relative_clause(context: Context) -> bool:
    """Whether the number's clause follows a relative clause set off by commas, in its window."""
    before, _ = context.before
    clause_start = before[0].start() if before else context.draft.start
    norm, window_start = context.norm, context.window_start
    comma = norm.rfind(",", window_start, clause_start)
    if comma < 0:
        return False
    opening = norm.rfind(",", window_start, comma)
    if opening < 0:
        return False
    word = WORD.search(norm, opening + 1, comma)
    return word is not None and word.group().lower() in context.language.relatives


def _opening_clause_metric(context: Context) -> tuple[str, str] | None:
    """A number that opens its clause takes the metric of the clause before when that one names a
    toll ("the death toll kept rising on Monday, surpassing 900") or is only a partitive phrase
    ("Of the deaths, 12,400 were reported in the north")."""
    tokens, starts, infos = context.doc.words(context.draft.sentence)
    last = bisect_left(starts, context.draft.start)
    first = max(bisect_left(starts, context.window_start), last - _OPENING_TOKENS)
    if first >= last:
        return None
    language = context.language
    partitive = (
        tokens[first].start() == context.doc.bounds(context.draft.sentence)[0]
        and language.partitive_re.match(" " + tokens[first].group() + " ") is not None
        and all(info.stop for info in infos[first + 1 : last - 1])
    )
    if not partitive and not any(info.toll for info in infos[first:last]):
        return None
    for position in range(last - 1, first - 1, -1):
        info = infos[position]
        if info.metric == "other" or info.forensic:
            return None
        if info.metric in BEFORE_METRICS:
            return info.metric, "metric.opening_clause"
    return None


def _before_metric(before_infos: list[WordInfo]) -> tuple[str, str] | None:
    """The metric the words of a number's clause before it name, the nearest first."""
    for info in reversed(before_infos):
        if info.metric in BEFORE_METRICS and not info.forensic:
            return info.metric, "metric.before"
        if info.metric == "other" or info.forensic:
            return "other", "metric.untracked"
    return None


# Words read after an unknown subject noun for its verb ("sont malheureusement décédés").
_SUBJECT_VERB_TOKENS: Final = 8


def subject_verb_metric(context: Context, head_position: int) -> str | None:
    """The metric of the verb of a number that opens its clause with a noun the lexicon does not
    know, the verb following within a few words and no punctuation."""
    _, before_infos = context.before
    if any(not info.stop for info in before_infos):
        return None
    norm, after, infos = context.norm, context.after, context.after_infos
    previous_end = after[head_position].end()
    for position in range(head_position + 1, min(len(after), head_position + 1 + _SUBJECT_VERB_TOKENS)):
        token = after[position]
        if not PHRASE_END.isdisjoint(norm[previous_end : token.start()]):
            return None
        previous_end = token.end()
        metric = infos[position].metric
        if metric in BEFORE_METRICS:
            # "All 20 remaining living hostages": a noun right after names the metric; a noun further
            # on, where nouns are known by their capital, is another phrase's ("Drei Tage nach der
            # Flut ist die Zahl der Todesopfer").
            far_noun = context.language.nouns_capitalised and token.group()[:1].isupper()
            return metric if position <= head_position + 2 or not far_noun else None
        if infos[position].is_noun_like:
            return None
    return None
