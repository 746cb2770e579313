"""The metric and noun of each number: what it counts, read from the words around it.

A percent sign, a part cue ("161 of them") or a clock word right after the number decides first.
Then the head noun (`nouns`): a metric word ("300 *dead*"), a vote (`votes`), a duration, a group
("300 *people*") whose metric a verb nearby gives ("killed 11 civilians"), or nothing known. After
the parts are linked, `finish_metrics` gives what is left a metric from its sentence, or "other".
"""

from __future__ import annotations

import re
from typing import Final

from claims.extraction.clauses import BEFORE_METRICS as _BEFORE_METRICS
from claims.extraction.clauses import metric_around as _metric_around
from claims.extraction.clauses import subject_verb_metric as _subject_verb_metric
from claims.extraction.combined import combined_count, listed_after_count
from claims.extraction.context import Context
from claims.extraction.cues import after_number_starts, baseline_words, change_ends, population_words
from claims.extraction.document import PHRASE_END, Document, bisect_left, bracketed
from claims.extraction.draft import Draft
from claims.extraction.durations import join_durations, read_duration
from claims.extraction.hostages import refine_hostages
from claims.extraction.languages.base import Language
from claims.extraction.languages.words import EMPTY_INFO
from claims.extraction.nouns import head_noun
from claims.extraction.parts import in_condition
from claims.extraction.mentions import PREFIX_CHARS
from claims.extraction.units import DEATHS_PARTS, METRIC_UNITS, VOTE_METRICS
from claims.extraction.votes import about_vote, is_body_size, set_vote, side_in_clause, side_of

_VOTE_METRIC_NAMES: Final = frozenset(VOTE_METRICS.values())
# "Paiporta (45), Catarroja (25)": a count in brackets after a name, of what its sentence names.
_PARENTHESISED_AFTER_NAME: Final = re.compile(r"[^\W\d_][\w'-]* ?\($")
# Units counted in whole numbers only.
_WHOLE_UNITS: Final = frozenset({"people", "votes", "trucks"})
# A number written with decimals and no scale word ("7,0"): a measure, even when its value is whole.
_DECIMAL_WRITTEN: Final = re.compile(r"\d+[.,]\d{1,2}")


def is_measure(norm: str, draft: Draft) -> bool:
    """A number written with decimals that counts nothing ("a 6.9-magnitude quake"): a measure,
    which does not end the words read before the next number."""
    return (draft.metric is None or METRIC_UNITS.get(draft.metric) in _WHOLE_UNITS) and _decimal_written(
        norm, draft.number_start, draft.number_end
    )


def _decimal_written(norm: str, start: int, end: int) -> bool:
    """Whether `norm[start:end]` is written with decimals (`_DECIMAL_WRITTEN`)."""
    # Its separator stands one or two characters before its end: a look that spares most numbers
    # the pattern.
    if end - start < 3 or (norm[end - 2] not in ".," and norm[end - 3] not in ".,"):
        return False
    return _DECIMAL_WRITTEN.fullmatch(norm, start, end) is not None


def read_metric(context: Context, vote_side: str | None) -> bool:
    """Fill the draft's metric, noun, unit and span end from the words around its number; False when
    it is not a claim at all. `vote_side` is the side a pair of counts gives it (`values.read_value`)."""
    draft, mention, language, norm = context.draft, context.mention, context.language, context.norm
    # A percent sign, a part cue or a clock word right after the number (the first that matches).
    after = (
        language.after_number_re.match(norm, draft.number_end)
        if after_number_starts(language).may_start(norm, draft.number_end)
        else None
    )
    if after is not None and after.lastgroup == "percent":
        draft.metric, draft.noun, draft.unit = "other", "%", "percent"
        draft.end = after.end()
        draft.rules.append("unit.percent")
        draft.confidence = 0.3
        return not (mention.ambiguous or mention.year_like)
    if after is not None and after.lastgroup == "part_of":
        # "161 of them": a part of the previous count, with its metric.
        draft.end = after.end()
        draft.is_part = True
        draft.rules.append("part_of.after")
        if _verb_before(context):
            # "seized 20 and killed five of them", "وإصابة ستة منهم": the verb right before the
            # part names what happened to it.
            _, before_infos = context.before
            adjacent = before_infos[-1] if not before_infos[-1].stop or len(before_infos) < 2 else before_infos[-2]
            draft.metric = adjacent.metric
            draft.rules.append("metric.before")
        else:
            # "60 joined, 22 of them were detained": the verb right after the part.
            verb = _verb_after_part(context)
            if verb is not None:
                draft.metric = verb
                draft.rules.append("metric.after")
        return not mention.year_like
    if mention.ambiguous and language.partitive_re.match(norm, draft.number_end):
        # "one of the hostages", "l'un des otages": a pronoun, not a count.
        return False
    if after is not None:
        # "zwei Uhr", "two a.m.": a time of day.
        return False
    head_position = head_noun(context)
    head = context.after[head_position] if head_position >= 0 else None
    info = context.after_infos[head_position] if head_position >= 0 else EMPTY_INFO
    if head is None and mention.kind == "words":
        # A number word that is its own noun ("قتيلان", two dead; "ساعتين", two hours: a dual)
        # counts what it names.
        own = language.word(norm[draft.number_start : draft.number_end].split()[-1])
        if own.metric or own.minutes is not None:
            info = own
    if mention.kind == "fraction" and info.minutes is None:
        return False
    clause_side: str | None = None
    if head is None and vote_side is None and about_vote(context):
        clause_side = side_in_clause(context)
    if mention.ambiguous:
        # An article is a number only before a counted noun ("un mort", "une abstention"), never
        # before a word naming a count ("un bilan"); as a vote, only in a tally with other counts
        # ("uno en contra" beside "trece votos"), never alone ("un respaldo amplio").
        is_vote = bool(info.vote or info.vote_noun or info.vote_members or clause_side)
        counted = bool((info.metric and not info.toll) or info.minutes is not None) or (
            info.group is not None
            and (draft.qualifier != "exact" or _verb_before(context) or _verb_after(context, head_position))
        )
        if language.each_after_re.match(norm, draft.number_end) is not None:
            # "and one each in the two villages": a count given to each place of a list.
            counted = True
        if not counted and info.group is not None and language.one_before_re.search(
            norm, max(context.window_start, draft.start - PREFIX_CHARS), draft.start
        ):
            # "darunter ein Kind", "nur eine Frau": one of a group, after a part cue or "only".
            counted = True
        if (
            not counted
            and (info.group is not None or (not info.is_noun_like and language.gapped_re.match(norm, draft.number_end)))
            and listed_after_count(context)
        ):
            # "three in Oregon and one in Washington", "24 adults and one child": the last item of a
            # list of counts.
            counted = True
        if context.skipped_adjective or not (counted or is_vote) or (is_vote and not counted and not context.in_tally):
            return False
    if mention.year_like and draft.qualifier == "exact" and not info.is_noun_like:
        return False
    if head is not None:
        draft.end = max(draft.end, head.end())
        draft.noun = head.group()
        if draft.start == draft.number_start and bracketed(norm, draft.number_start, draft.number_end):
            # "(212) people": the quote holds both brackets.
            draft.start -= 1
    if info.vote_members and is_body_size(norm, language, mention, context.doc.bounds(draft.sentence)[0]):
        # "der Rat mit seinen 15 Mitgliedern": the body's size, never a side of its vote.
        draft.metric = "other"
        draft.rules.append("vote.body_size")
        draft.confidence = 0.3
        return True
    if vote_side is not None:
        return set_vote(context, vote_side, "vote.pair")
    if clause_side is not None:
        return set_vote(context, clause_side, "vote.clause")
    if info.minutes is not None:
        return read_duration(context, info.minutes)
    outcome = (
        _outcome(context, head_position)
        if head_position >= 0 and (info.prisoner or (info.group is not None and info.metric))
        else None
    )
    if info.prisoner and outcome is None:
        # Prisoners exchanged or held are not a tracked figure; keep the count as "other".
        draft.metric = "other"
        draft.confidence = 0.3
        return True
    if info.age:
        # "mayores de 70 años", "aged 12": an age says who is counted; it counts nothing.
        return False
    side = side_of(context, head_position, info)
    if side is not None:
        return set_vote(context, side, f"vote.{side}")
    if outcome is not None:
        # "16 refugees drowned", "la mort de six exilés", "14 detainees died": people named by
        # their state whom the clause reports dead, wounded or missing are counted as such.
        draft.metric = outcome
        draft.rules.append("metric.outcome")
        draft.confidence = 0.75
    elif info.metric:
        draft.metric = info.metric
        draft.rules.append("metric.noun")
        draft.confidence = 0.85
        refine_hostages(context)
        if (
            info.metric in _BEFORE_METRICS
            and head_position >= 2
            and language.partitive_re.match(norm, draft.number_end) is not None
        ):
            # "doce de los muertos eran vecinos", "five of the dead were children": a part of the
            # count the noun names, tracked only as one of its tracked parts.
            group = _part_group_after(context, head_position)
            draft.metric = DEATHS_PARTS[group] if info.metric == "deaths" and group in DEATHS_PARTS else "other"
            draft.is_part = True
            draft.rules.append("part_of.partitive")
    else:
        draft.group = info.group
        if head is None or info.group is not None:
            metric, rule = _metric_around(context, head_position)
            if metric is not None:
                draft.metric = metric
                draft.rules.append(rule)
                draft.metric_from_window = True
                draft.confidence = 0.75
                refine_hostages(context)
        elif not info.is_noun_like:
            metric = _subject_verb_metric(context, head_position)
            if metric is not None:
                # "Douze randonneurs sont morts de froid": a noun the lexicon does not know,
                # subject of a metric verb that follows it.
                draft.metric = metric
                draft.rules.append("metric.subject_verb")
                draft.metric_from_window = True
                draft.confidence = 0.6
    if draft.metric == "deaths" and head is not None and _forensic_after(context, head_position):
        # "quedan 17 cuerpos aún sin identificar", "40 bodies were identified": what was done
        # with some of the dead, not their toll.
        draft.metric = "other"
        draft.rules.append("metric.forensic")
        draft.confidence = 0.3
    if draft.metric is None and not info.is_noun_like and _after_toll_word(context):
        # "la cifra de 85": a figure named by a toll word takes the metric its sentence named before.
        draft.metric = _sentence_metric_before(context)
        if draft.metric is not None:
            draft.rules.append("metric.toll")
            draft.confidence = 0.6
    if draft.metric in _BEFORE_METRICS and combined_count(context, head_position):
        # "210 migrants died or went missing", "مقتل وإصابة 7 أشخاص": one figure of two metrics.
        draft.metric = "other"
        draft.rules.append("metric.combined")
        draft.confidence = 0.3
    if _is_change(context):
        # "una diferencia de seis fallecidos", "dos heridos más": a change between counts.
        draft.metric = "other"
        draft.rules.append("metric.change")
        draft.confidence = 0.3
    if _is_baseline(context):
        # "Before the war, about 500 trucks a day": a level of normal times, not the count now.
        draft.metric = "other"
        draft.rules.append("time.baseline")
        draft.confidence = 0.3
    return True


# What can befall people counted by their state (refugees, detainees): dead, wounded, missing.
_OUTCOMES: Final = frozenset({"deaths", "injured", "missing"})
# Words read after such a noun for the verb of its clause ("16 Flüchtlinge und ein Schlepper sind
# beim Kentern ihres Bootes ums Leben gekommen").
_OUTCOME_TOKENS: Final = 24
# Words read before it for a verb ("killed 16 refugees", "coûté la vie à huit exilés").
_OUTCOME_BEFORE_TOKENS: Final = 3


def _outcome(context: Context, head_position: int) -> str | None:
    """The death, injury or missing word governing a count of people named by their state: the
    metric word of the few words right before the number, up to a conjunction ("coûté la vie à
    huit exilés"), else the first metric word after its noun in its clause, when that word is one
    of these."""
    before, before_infos = context.before
    joiners = context.language.joiners
    for position in range(len(before) - 1, max(-1, len(before) - 1 - _OUTCOME_BEFORE_TOKENS), -1):
        if before[position].group().lower() in joiners:
            break
        metric = before_infos[position].metric
        if metric:
            return metric if metric in _OUTCOMES else None
    tokens, infos = context.further(_OUTCOME_TOKENS)
    norm = context.norm
    previous_end = tokens[head_position].end()
    for position in range(head_position + 1, len(tokens)):
        token = tokens[position]
        if not PHRASE_END.isdisjoint(norm[previous_end : token.start()]):
            return None
        previous_end = token.end()
        metric = infos[position].metric
        if metric:
            return metric if metric in _OUTCOMES else None
    return None


def _part_group_after(context: Context, head_position: int) -> str | None:
    """The group a partitive count's phrase names after its noun ("... eran niños")."""
    norm, after = context.norm, context.after
    previous_end = after[head_position].end()
    for position in range(head_position + 1, len(after)):
        token = after[position]
        if not PHRASE_END.isdisjoint(norm[previous_end : token.start()]):
            return None
        group = context.after_infos[position].group
        if group is not None:
            return group
        previous_end = token.end()
    return None


def _after_toll_word(context: Context) -> bool:
    """A toll word then a function word right before the number ("la cifra de 85")."""
    _, before_infos = context.before
    return len(before_infos) >= 2 and before_infos[-1].stop and before_infos[-2].toll


def _sentence_metric_before(context: Context) -> str | None:
    """The metric word nearest before the number in its sentence."""
    tokens, starts, infos = context.doc.words(context.draft.sentence)
    for position in range(bisect_left(starts, context.draft.start) - 1, -1, -1):
        if infos[position].metric in _BEFORE_METRICS:
            return infos[position].metric
    return None


def _forensic_after(context: Context, head_position: int) -> bool:
    """A forensic word after the head noun, before the end of its phrase."""
    norm, after = context.norm, context.after
    previous_end = after[head_position].end()
    for position in range(head_position + 1, len(after)):
        token = after[position]
        if not PHRASE_END.isdisjoint(norm[previous_end : token.start()]):
            return False
        if context.after_infos[position].forensic:
            return True
        previous_end = token.end()
    return False


def _is_change(context: Context) -> bool:
    """A change cue right before the number, or a "more" word right after it or its noun."""
    language, draft, norm = context.language, context.draft, context.norm
    prefix_start = max(context.window_start, draft.start - PREFIX_CHARS)
    if (
        language.change_before_re is not None
        and change_ends(language).may_end(norm, prefix_start, draft.start)
        and language.change_before_re.search(norm, prefix_start, draft.start)
    ):
        return True
    return language.more_after_re is not None and language.more_after_re.match(norm, draft.end) is not None


def _verb_after(context: Context, head_position: int) -> bool:
    """A metric verb right after the head noun, over function words ("one person was killed")."""
    for position in range(head_position + 1, len(context.after)):
        info = context.after_infos[position]
        if info.metric in _BEFORE_METRICS:
            return True
        if not info.stop:
            return False
    return False


def _verb_after_part(context: Context) -> str | None:
    """The metric of a verb right after a part cue ("22 of them were detained"), over function
    words and within its phrase."""
    norm, draft, previous_end = context.norm, context.draft, context.draft.end
    for token, info in zip(context.after, context.after_infos):
        if token.start() < draft.end:
            continue
        if not PHRASE_END.isdisjoint(norm[previous_end : token.start()]):
            return None
        if info.metric in _BEFORE_METRICS:
            return info.metric
        if not info.stop:
            return None
        previous_end = token.end()
    return None


def _verb_before(context: Context) -> bool:
    """A metric verb right before the number, over a function word ("hirió a un niño")."""
    _, before_infos = context.before
    if not before_infos:
        return False
    adjacent = before_infos[-1]
    if adjacent.stop and len(before_infos) > 1:
        adjacent = before_infos[-2]
    return adjacent.metric in _BEFORE_METRICS


def _is_baseline(context: Context) -> bool:
    """A baseline phrase in the same sentence, and not beyond a semicolon ("Before the war, 500
    trucks a day entered; on Tuesday only 41 did")."""
    norm, draft, doc = context.norm, context.draft, context.doc
    # A phrase found between semicolons is found in the whole sentence too (it ends at a
    # semicolon or before one), so a sentence without any needs no look between them.
    sentence = draft.sentence
    found = doc.baselines.get(sentence)
    if found is None:
        # Most sentences hold none of the words a baseline phrase needs, and need no search.
        found = doc.baselines[sentence] = baseline_words(context.language).may_hold(doc.word_texts(sentence)) and (context.language.baseline_re.search(norm, sentence, doc.ends[sentence]) is not None)
    if not found:
        return False
    start, end = doc.bounds(sentence)
    start = max(start, norm.rfind(";", start, draft.start) + 1)
    stop = norm.find(";", draft.number_end, end)
    if start == sentence and stop == -1:
        return True
    span = (start, end if stop == -1 else stop)
    found = doc.baselines.get(span)
    if found is None:
        found = doc.baselines[span] = context.language.baseline_re.search(norm, *span) is not None
    return found


def finish_metrics(doc: Document, language: Language, drafts: list[Draft]) -> None:
    """Once parts are linked: a group count without a metric takes the one its sentence names, a
    death toll of children or women becomes theirs, and what is left is "other"; every claim gets
    its metric's unit."""
    join_durations(doc, language, drafts)
    # Whether each sentence may hold a population cue (`_is_population`), read at its first count.
    populated: dict[int, bool] = {}
    for index in range(len(drafts) - 2, -1, -1):
        draft, following = drafts[index], drafts[index + 1]
        if (
            draft.metric is None
            and draft.noun is None
            and following.sentence == draft.sentence
            and following.metric in _BEFORE_METRICS
            and language.list_gap_re.fullmatch(doc.norm, draft.end, following.start) is not None
        ):
            # "97, 102 o 110 muertos": bare numbers listed before one with a metric share it.
            draft.metric = following.metric
            draft.rules.append("metric.list")
            draft.confidence = 0.6
    previous: Draft | None = None
    for index, draft in enumerate(drafts):
        before = previous
        if (
            draft.metric is None
            and previous is not None
            and previous.sentence == draft.sentence
            and previous.metric in _BEFORE_METRICS
            and (
                _is_gapped(doc, language, draft)
                or _place_before(doc, language, previous, draft)
                or language.change_from_re.search(doc.norm, previous.end, draft.start) is not None
            )
        ):
            # "40 died in the port, 12 in the hills": an item of its list, with the first's metric;
            # "40 missing, down from 95": the same count before.
            draft.metric = previous.metric
            draft.rules.append("metric.gapped")
            draft.confidence = 0.6
        previous = draft
        if (
            draft.metric is None
            and (draft.group is not None or _in_brackets_after_name(doc.norm, draft))
            and not (draft.group is not None and in_condition(doc, language, draft))
        ):
            # "12 lives lost, 30 people in hospital": people in some state take no toll named
            # elsewhere in the sentence.
            next_draft = drafts[index + 1] if index + 1 < len(drafts) else None
            # "About 60 joined, 22 of them were detained": the words of a part that follows are
            # the part's.
            limit = (
                next_draft.start
                if next_draft is not None and next_draft.is_part and next_draft.sentence == draft.sentence
                else None
            )
            metric = _sentence_metric(doc, language, draft, limit)
            if metric is not None:
                draft.metric = metric
                draft.rules.append("metric.sentence")
                draft.confidence = 0.6
        if (
            draft.group is not None
            and draft.metric in _BEFORE_METRICS
            and _is_population(doc, language, draft, populated)
        ):
            # "a town of 8,000 inhabitants": how many live there, not a toll.
            draft.metric = None
            draft.rules.append("metric.population")
        if (
            draft.metric == "deaths"
            and draft.group is not None
            and draft.group not in DEATHS_PARTS
            and before is not None
            and before.sentence == draft.sentence
            and before.metric in DEATHS_PARTS.values()
            and language.duration_joiner_re.fullmatch(doc.norm, before.end, draft.start) is not None
        ):
            # "dont 4 femmes et 3 hommes": the next part of the list names no tracked part.
            draft.metric = "other"
            draft.rules.append("part_of.untracked")
        if draft.metric == "deaths" and draft.group in DEATHS_PARTS:
            draft.metric = DEATHS_PARTS[draft.group]
            draft.rules.append("metric.deaths_part")
        if draft.metric in _VOTE_METRIC_NAMES and language.threshold_before_re.search(
            doc.norm, max(doc.bounds(draft.sentence)[0], draft.start - PREFIX_CHARS), draft.start
        ):
            # "il lui faut au moins neuf voix": the votes a text needs, not a count cast.
            draft.metric = None
            draft.rules.append("vote.threshold")
        if draft.metric in _VOTE_METRIC_NAMES and index > 0:
            _body_size(doc, language, drafts[index - 1], draft)
        if (
            draft.value is not None
            and (
                draft.value != draft.value.to_integral_value()
                or _decimal_written(doc.norm, draft.number_start, draft.number_end)
            )
            and METRIC_UNITS.get(draft.metric or "") in _WHOLE_UNITS
        ):
            # "a 7.8 magnitude quake killed": people, votes and trucks come whole; 7.8 counts none.
            draft.metric = None
            draft.rules.append("unit.whole")
        if draft.metric is None:
            draft.metric = "other"
            draft.confidence = 0.3
        if draft.unit is None:
            draft.unit = METRIC_UNITS.get(draft.metric)


def _is_population(doc: Document, language: Language, draft: Draft, populated: dict[int, bool]) -> bool:
    """"Un bourg de 8 000 habitants", "a country of more than 30 million people". `populated`: of
    each sentence asked about, whether its words hold those a population cue needs (a sentence
    without them needs no search)."""
    held = populated.get(draft.sentence)
    if held is None:
        held = populated[draft.sentence] = population_words(language).may_hold(doc.word_texts(draft.sentence))
    if not held:
        return False
    start = max(doc.bounds(draft.sentence)[0], draft.number_start - PREFIX_CHARS)
    return language.population_before_re.search(doc.norm, start, draft.number_start) is not None


def _body_size(doc: Document, language: Language, previous: Draft, draft: Draft) -> None:
    """"88 pays, sur 120 membres, ont voté pour", "88 of the 120 members voted for": the second
    number is the size of the body, and its side is the first one's."""
    if previous.sentence != draft.sentence or previous.metric not in (None, "other") or previous.vote:
        return
    if language.denominator_gap_re.fullmatch(doc.norm, previous.end, draft.number_start) is None:
        return
    previous.metric, previous.vote, previous.unit = draft.metric, True, METRIC_UNITS.get(draft.metric or "")
    previous.rules.append("vote.before_body_size")
    previous.confidence = draft.confidence
    draft.metric, draft.vote = None, False
    draft.rules.append("vote.body_size")


def _is_gapped(doc: Document, language: Language, draft: Draft) -> bool:
    """A bare number then a place ("12 in the hills", "8 dans la vallée")."""
    found = language.gapped_re.match(doc.norm, draft.number_end, doc.ends[draft.sentence])
    return found is not None and any(word[:1].isupper() for word in found.group("tail").split())


def _in_brackets_after_name(norm: str, draft: Draft) -> bool:
    """"Paiporta (45)": a bare number in brackets right after a name."""
    return norm.startswith(")", draft.number_end) and (
        _PARENTHESISED_AFTER_NAME.search(norm, max(0, draft.number_start - 40), draft.number_start) is not None
    )


# Words between two items of a list whose second opens with its place ("..., en Puebla 45").
_PLACE_GAP_WORDS: Final = 6


def _place_before(doc: Document, language: Language, previous: Draft, draft: Draft) -> bool:
    """"En Morelos son 73 los muertos, en Puebla 45": a list item whose place comes first."""
    words = doc.norm[previous.end : draft.start].replace(",", " , ").split()
    if len(words) > _PLACE_GAP_WORDS:
        return False
    # The item opens after the last comma or conjunction, with its place.
    cut = max((at for at, word in enumerate(words) if word == "," or word.lower() in language.joiners), default=-1)
    if cut < 0:
        return False
    item = " ".join(words[cut + 1 :])
    found = language.locative_re.match(item)
    return found is not None and found.group("name")[:1].isupper()


def _sentence_metric(doc: Document, language: Language, draft: Draft, limit: int | None = None) -> str | None:
    """The metric word nearest after the number in its sentence (up to `limit`), else nearest
    before it."""
    start, end = doc.bounds(draft.sentence)
    after = doc.span_texts(draft.sentence, draft.end, end if limit is None else min(end, limit))
    for info in language.text_infos(after):
        if info.metric in _BEFORE_METRICS:
            return info.metric
    before = doc.span_texts(draft.sentence, start, draft.start)
    for info in reversed(language.text_infos(before)):
        if info.metric in _BEFORE_METRICS:
            return info.metric
    return None
