"""The head noun of a number: the word it counts ("300 *people*", "50 *minutes*", "13 *votes*")."""

from __future__ import annotations

import re
from typing import Final

from claims.extraction.context import Context
from claims.extraction.document import PHRASE_END, bracketed
from claims.extraction.languages.base import Language
from claims.extraction.languages.words import Word, WordInfo
from claims.extraction.units import DEATHS_PARTS

# Words read after a number to find its head noun.
_HEAD_TOKENS: Final = 4


def head_noun(context: Context) -> int:
    """Index in `context.after` of the noun a number counts, or -1.

    The first word that is not a function word, or the second when the first is an unknown
    adjective before a known noun ("300 innocent people"). A word reached only by skipping
    function words must be a known noun: "161 in the offensive" counts no "offensive".
    """
    norm, language = context.norm, context.language
    previous_end = context.draft.number_end
    if bracketed(norm, context.draft.number_start, previous_end):
        # "(38) شخصًا": the noun after the brackets is the number's.
        previous_end += 1
    after, infos = context.after, context.after_infos
    starts, ends = context.after_starts, context.after_ends
    for position, token in enumerate(after[:_HEAD_TOKENS]):
        if not PHRASE_END.isdisjoint(norm[previous_end : starts[position]]):
            return -1
        info = infos[position]
        if info.conjoined:
            # "711 وإصابة 1431": "and the injury of" opens the next number's phrase.
            return -1
        if info.is_noun_like or info.age:
            if info.group == "people" and not info.metric and position + 1 < len(after):
                # "39 Palestinian prisoners", "20 000 Palestiniens tués": the next word says more.
                following = infos[position + 1]
                between = norm[ends[position] : starts[position + 1]]
                if not following.conjoined and (
                    following.prisoner or following.metric or following.group in DEATHS_PARTS or following.vote_members
                ) and PHRASE_END.isdisjoint(between):
                    return position + 1
            if info.metric and position + 1 < len(after):
                # "32 bodies identified": a state that is not tracked; "35 hostage deaths": the
                # hostages killed.
                following = infos[position + 1]
                between = norm[ends[position] : starts[position + 1]]
                if (
                    not following.conjoined
                    and following.metric != info.metric
                    and (following.metric == "other" or (following.metric == "deaths" and info.metric == "hostages_held"))
                    and PHRASE_END.isdisjoint(between)
                ):
                    return position + 1
                if info.metric == "hostages_held" and not _denominator(context):
                    # "23 hostages have died": the hostages killed, over an auxiliary; not "12 of
                    # the 80 hostages are dead", where 80 counts them all.
                    died = _death_verb_after(norm, after, infos, position)
                    if died >= 0:
                        return died
            return position
        if info.stop:
            previous_end = ends[position]
            continue
        if position > 0 or (info.vote_context and not context.mention.ambiguous) or not _could_be_noun(language, token):
            # "11 проголосовали за": a vote verb after the count is no noun of it (an article
            # before a ballot word, "une résolution", is no count at all).
            return -1
        if position + 1 < len(after):
            between = norm[ends[position] : starts[position + 1]]
            if infos[position + 1].is_noun_like and PHRASE_END.isdisjoint(between):
                context.skipped_adjective = True
                return position + 1
        if language.nouns_capitalised and token.group()[:1].islower():
            # "auf 47 gestiegen": a lower-case word is no noun in German.
            return -1
        return position
    return -1


def _could_be_noun(language: Language, token: Word) -> bool:
    word = token.group()
    if word.isdigit() or language.place_slug(word) is not None:
        return False
    lower = word.lower()
    if lower in language.not_nouns:
        return False
    return language.weekday_of(lower) is None and language.month_of(lower) is None


def _death_verb_after(norm: str, after: list[Word], infos: list[WordInfo], position: int) -> int:
    """Index of a death word after the word at `position`, over function words only, or -1."""
    previous_end = after[position].end()
    for following in range(position + 1, min(len(after), position + 1 + _HEAD_TOKENS)):
        if not PHRASE_END.isdisjoint(norm[previous_end : after[following].start()]):
            return -1
        info = infos[following]
        if info.metric == "deaths" and not info.conjoined:
            return following
        if not info.stop:
            return -1
        previous_end = after[following].end()
    return -1


def _denominator(context: Context) -> bool:
    """The number follows a partitive word ("12 of the 80 hostages", "32 of the remaining 136")."""
    before, _ = context.before
    return any(context.language.partitive_re.match(f" {token.group()} ") is not None for token in before[-3:])
