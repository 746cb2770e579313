"""Votes: a count of votes for, against or abstaining, told by its noun, by the words after it, or by
the opening of its clause ("88 votes in favour", "40 États ayant voté en sa faveur", "Für den
Entwurf stimmten 88 Länder")."""

from __future__ import annotations

import re
from typing import Final

from claims.extraction.context import Context
from claims.extraction.document import PHRASE_END, WORD
from claims.extraction.languages.base import Language
from claims.extraction.languages.words import WordInfo
from claims.extraction.mentions import PREFIX_CHARS, Mention
from claims.extraction.units import VOTE_METRICS

# Words read after a head noun for the side of its vote.
_VOTE_TOKENS: Final = 12
# Words read before a number for a side that comes first ("con el respaldo de 62 países"); in "sans
# veto venant de l'un ou l'autre des cinq membres" the veto is too far to be the five's.
_SIDE_BEFORE_TOKENS: Final = 4
# Words read after a vote verb of the count's clause for its side ("stimmten am Donnerstag für").
_SIDE_AFTER_VERB_TOKENS: Final = 6
# Quotation marks, and the spaces beside them.
_QUOTES: Final = " \u00a0\u00ab\u00bb\"\u201c\u201d\u201e"
# Words before the next count, past a comma, that are that count's side ("..., فيما عارضته 6 دول").
_NEXT_SIDE_TOKENS: Final = 2


def set_vote(context: Context, side: str, rule: str) -> bool:
    """Make the number a count of votes for, against or abstaining; always a claim."""
    draft = context.draft
    draft.metric = VOTE_METRICS[side]
    draft.vote = True
    draft.rules.append(rule)
    draft.confidence = 0.85
    return True


def is_body_size(norm: str, language: Language, mention: Mention, sentence_start: int) -> bool:
    """"der Rat mit seinen 15 Mitgliedern", "an assembly of 120 members": a count of members right after
    the words that make it a voting body's size (`Language.body_size_before_re`), not votes cast."""
    if mention.ambiguous or mention.kind not in ("digits", "words"):
        return False
    head = WORD.search(norm, mention.end, min(len(norm), mention.end + 40))
    if head is None or not PHRASE_END.isdisjoint(norm[mention.end : head.start()]):
        return False
    if not language.word(head.group()).vote_members:
        return False
    prefix_start = max(sentence_start, mention.start - PREFIX_CHARS)
    return language.body_size_before_re.search(norm, prefix_start, mention.start) is not None


def side_of(context: Context, head_position: int, info: WordInfo) -> str | None:
    """The side of a vote a count takes from its head noun (`info`, at `head_position` in
    `context.after`), the words after it or the opening of its clause; None for a count of no vote."""
    if info.vote:
        return info.vote
    _, before_infos = context.before
    if before_infos and before_infos[-1].vote and (info.vote_noun or info.vote_members):
        # "امتنعت 35 دولة", "اعتراض 9 أعضاء": the side right before the count is its own.
        return before_infos[-1].vote
    weak_first = info.vote_weak and head_position == 0
    # Whether the sentence speaks of a vote is searched only for a word that may take a side.
    if not (weak_first or info.vote_noun or info.vote_members) or not about_vote(context):
        return None
    if weak_first:
        return info.vote_weak
    norm, after, infos = context.norm, context.after, context.after_infos
    particles = context.language.vote_particles
    opening = (before_infos[0].vote or before_infos[0].vote_weak) if before_infos else None
    previous_end = context.after[head_position].end()
    # A weak side word counts after a vote verb of the clause ("62 Länder stimmten am Montag für")
    # or before one, with no punctuation between ("haben am Abend für den Entwurf gestimmt").
    # "Hier stimmten 159 Länder, darunter Kaltmoor, für den Antrag": the clause's vote verb came first.
    voted = any(before_info.vote_context for before_info in before_infos)
    voted_at = 0
    pending: str | None = None
    negations = context.language.vote_negations
    window_length = len(after)
    # The words just before the next count, when the words read reach it.
    reaches_next = (
        context.window_end < context.sentence_end
        and window_length > 0
        and WORD.search(norm, after[-1].end(), context.window_end) is None
    )
    next_verb_from = window_length - _NEXT_SIDE_TOKENS if reaches_next else window_length
    position = head_position
    while True:
        position += 1
        if position >= min(len(after), head_position + 1 + _VOTE_TOKENS):
            # "77 Länder der Versammlung mit 90 Mitgliedern votierten am Freitag (Ortszeit) für":
            # a vote verb's side may follow it a few words on, past the words read so far.
            if not voted or position > voted_at + _SIDE_AFTER_VERB_TOKENS:
                break
            if position >= len(after):
                after, infos = context.further(voted_at + _SIDE_AFTER_VERB_TOKENS + 1)
                if position >= len(after):
                    break
        token, token_info = after[position], infos[position]
        # "110 голосов «за»": quotation marks around a side word do not end the phrase.
        crossed = not PHRASE_END.isdisjoint(norm[previous_end : token.start()].strip(_QUOTES))
        previous_end = token.end()
        if particles and not crossed and token.group().lower() in particles and _closes_clause(context, token.end()):
            if any(before_info.vote_context for before_info in before_infos):
                # "Der Resolution stimmten 143 Länder zu": the verb before the count, its particle
                # closing the clause.
                return particles[token.group().lower()]
        # A ballot noun takes its side from the next words ("10 votos a favor"); a count of
        # countries may be told its side later in the clause ("40 États ayant voté, lundi,
        # en sa faveur").
        if crossed and not info.vote_members:
            break
        if crossed and opening is not None:
            # "За проект высказались 62 страны, воздержались 17": past a comma, the side that
            # opens the count's own clause holds.
            return opening
        if crossed:
            pending = None
            if next_verb_from <= position < window_length:
                # "لم تشارك 40 دولة في الاقتراع، فيما عارضته 6 دول": past a comma, the words right
                # before the next count are that count's.
                break
        if token.group().lower() in negations and _denies_side(infos, position + 1):
            # "60 стран его не поддержали", "no la apoyaron": a denied side is none.
            return None
        if token_info.vote_context and pending is not None:
            return pending
        if token_info.vote:
            return token_info.vote
        if token_info.vote_weak and (
            voted or position <= head_position + 2 or infos[position - 1].vote_context or infos[position - 1].vote_noun
        ):
            return token_info.vote_weak
        if token_info.vote_weak:
            pending = token_info.vote_weak
        if token_info.vote_context and not crossed and not voted:
            voted, voted_at = True, position
        if info.vote_noun and position > head_position + 3:
            break
    # "Für den Entwurf stimmten 88 Länder": the side opens the clause.
    if opening is not None:
        return opening
    # "enthielten sich 17 Länder", "con el respaldo de 62 países": a side word earlier in the clause.
    for before_info in reversed(before_infos[-_SIDE_BEFORE_TOKENS:]):
        if before_info.vote:
            return before_info.vote
    # "adopted with 13 votes": a ballot count without a side is the votes that carried it, when
    # something else in the sentence speaks of a vote ("trois votes successifs" counts votes).
    if info.vote_noun and _vote_context_elsewhere(context):
        return "for"
    return None


def _denies_side(infos: list[WordInfo], position: int) -> bool:
    """Whether a side or vote word follows a negation at `position`, over a function word."""
    for info in infos[position : position + 2]:
        if info.vote or info.vote_weak or info.vote_context:
            return True
        if not info.stop:
            return False
    return False


def _closes_clause(context: Context, end: int) -> bool:
    """Whether the word ending at `end` is the last of its clause."""
    rest = context.norm[end : context.sentence_end].lstrip()
    return not rest or rest[0] in PHRASE_END


def _vote_context_elsewhere(context: Context) -> bool:
    """Whether the sentence speaks of a vote outside the number's own phrase."""
    norm, draft = context.norm, context.draft
    start, end = context.doc.bounds(draft.sentence)
    for found in context.language.vote_context_re.finditer(norm, start, end):
        if not draft.number_start <= found.start() < draft.end:
            return True
    return False


def side_in_clause(context: Context) -> str | None:
    """The side of a bare count told right before it ("воздержались 44", "против — 9") or later in
    its clause ("one, the United Kingdom, abstained")."""
    _, before_infos = context.before
    adjacent = before_infos[-2] if len(before_infos) > 1 and before_infos[-1].stop else before_infos[-1] if before_infos else None
    if adjacent is not None and adjacent.vote:
        # "viele Enthaltungen – insgesamt 73": a stop word between.
        return adjacent.vote
    label = _side_label(context)
    if label is not None:
        # "за — 98": a weak side word set before the count by a dash.
        return label
    after_infos = context.after_infos
    aside = _ASIDE_OPEN.match(context.norm, context.draft.number_end)
    if aside is not None:
        # "14 -entre ellos Kolvana y Tarnovel- se abstuvieron": the side comes after the aside.
        closing = re.compile(r"\)" if aside.group("open") == "(" else rf"(?<=\S){re.escape(aside.group('open'))}(?=\s)")
        close = closing.search(context.norm, aside.end(), context.sentence_end)
        if close is None:
            return None
        tokens = list(WORD.finditer(context.norm, close.end(), context.sentence_end))[:_AFTER_ASIDE_TOKENS]
        after_infos = context.language.infos(tokens)
    previous_context = False
    for info in after_infos:
        if info.vote:
            return info.vote
        if info.vote_weak and previous_context:
            # "11 проголосовали за": a weak side right after a vote verb.
            return info.vote_weak
        previous_context = info.vote_context
        if info.metric or info.toll or info.minutes is not None:
            # "eine hohe Zahl von Enthaltungen": an article before a count's noun is no count.
            return None
    return None


# An aside right after a count, between dashes or brackets.
_ASIDE_OPEN: Final = re.compile(r"\s*(?P<open>--?|\u2014|\()")
# Words read after an aside for the side of the vote.
_AFTER_ASIDE_TOKENS: Final = 4


def _side_label(context: Context) -> str | None:
    """The side a word right before the count names, joined to it by a dash alone ("за — 98",
    "против — 7"): a line of a tally."""
    before, before_infos = context.before
    if not before:
        return None
    gap = context.norm[before[-1].end() : context.draft.start].strip()
    if gap != "-" and gap not in context.language.copulas:
        return None
    return before_infos[-1].vote or before_infos[-1].vote_weak


def about_vote(context: Context) -> bool:
    """Whether the count's sentence speaks of a vote, or names a side right after a sentence that
    does ("За проголосовали 120 стран; Против — 9", "Девять делегаций выступили против")."""
    doc, sentence = context.doc, context.draft.sentence
    if doc.is_vote(sentence):
        return True
    if sentence == 0 or doc.paragraph_of(sentence - 1) != doc.paragraph_of(sentence):
        return False
    if not any(info.vote for info in doc.words(sentence)[2]):
        return False
    return doc.is_vote(doc.sentence_of(sentence - 1))
