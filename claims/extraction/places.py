"""Subjects: the place a count is about, or the body that voted, as a gazetteer id.

The article's places, bodies and demonyms are found once (`gazetteer.finder`; lower-case demonyms
only in the sentences of claims that name no place), then each claim's subject is resolved from them
(`gazetteer.resolve`): the places of its clause, else of its sentence, else of the headline and
lead, else of the rest of the article; the most specific wins, homonyms told apart by the article's
other places and by population. A vote's subject is the body that voted. Names joined as one
("in Turkey and Syria") with no common place make a combined subject, their sorted ids joined by
"+" ("iso:SY+iso:TR"). A clause that speaks for the whole country ("nationwide", "landesweit"),
or a sentence that opens so before a clause naming no place, takes the country of the place
resolved, not a province named beside it.

When the gazetteer resolves nothing, a capitalised name right after a locative word ("in
Valmora", "à Valmora") that is no common word of the language stays the subject as `name:` and its
folded words ("name:valmora"), flagged ambiguous with a low confidence (rule
"subject.unresolved-name"): reports of the same unknown place are still compared, and the desk
shows the place as uncertain. Where every noun is capitalised (German), the name must come back
in the article, and a word after a locative that carries an article ("im", "au") is never one.

Before resolving, the article's mentions are read together: a bare name takes the reading the
article gives it elsewhere with a word for a region or province ("Region Valencia", "la région de
Valence"); a town's or province's name that alone points to a country the article otherwise never
names, in an article about another, is dropped (a shopping centre's or a person's name); phrases
for the areas the opposition holds ("in the rebel-held areas") name the overlay's area in an
article about its country. A vote's body, when its sentence names none, is the one named by the
sentences before it in its paragraph, else in the paragraphs after the lead; a count the engine
kept as no vote but that counts voters (a bare or members' count after a vote, a body's size, "141
states in the General Assembly") takes the body too when one is named there or in the lead.

Each claim also gets how sure that is (`subject_confidence`, 0..1) and whether another reading was
possible or nothing could be resolved (`subject_ambiguous`), and the deciding step in its rules
("subject.clause", "subject.sentence-nearest", "subject.none").
"""

from __future__ import annotations

import re
from typing import Final

from claims.extraction.document import Document, bisect_left, bisect_right
from claims.extraction.draft import Draft
from claims.extraction.gazetteer.article import ArticlePhrases, as_qualified, held_areas, without_strays
from claims.extraction.gazetteer.finder import Finder, finder
from claims.extraction.gazetteer.index import Gazetteer, default
from claims.extraction.gazetteer.normalize import WORD_CHARS, fold_token, token_key
from claims.extraction.gazetteer.resolve import AMBIGUOUS_FACTOR, JOINED_GAP, ArticleResolver, resolution_of
from claims.extraction.gazetteer.types import PlaceMention, Resolution
from claims.extraction.languages.base import Language

# Below this, a resolved subject is flagged as ambiguous: a place taken from the lead or the rest
# of the article, or from a demonym beyond the number's clause.
LOW_CONFIDENCE: Final = 0.5
# How sure a name the gazetteer lacks is as a subject.
UNRESOLVED_CONFIDENCE: Final = 0.2
# At most this many capitalised words make one such name ("Santa Valmora del Mar" is cut).
_NAME_WORDS: Final = 3
_WORD: Final = re.compile(f"[{WORD_CHARS}]+")
# What ends a clause inside a sentence; a comma only before a space ("1,200" is one number).
_CLAUSE_STOPS: Final = (";", ":", "(", ")", "[", "]", "\u2014", "\u2013", ", ")


def _clause_stops(norm: str, start: int, end: int) -> list[int]:
    """Where the clauses of the sentence norm[start:end] end, ascending: each stop found by
    `str.find`, which scans far faster than a pattern of them all."""
    stops: list[int] = []
    for stop in _CLAUSE_STOPS:
        position = norm.find(stop, start, end)
        while position >= 0:
            stops.append(position)
            position = norm.find(stop, position + 1, end)
    stops.sort()
    return stops


def _clause(stops: list[int], start: int, end: int, sentence_start: int, sentence_end: int) -> tuple[int, int]:
    """The clause of the number at norm[start:end] within its sentence, whose clause stops are at
    `stops` (ascending)."""
    before = bisect_left(stops, start)
    left = stops[before - 1] + 1 if before > 0 else sentence_start
    after = bisect_left(stops, end)
    right = stops[after] if after < len(stops) else sentence_end
    return left, right


def _between(mentions: list[PlaceMention], starts: list[int], start: int, end: int) -> list[PlaceMention]:
    found: list[PlaceMention] = []
    for position in range(bisect_left(starts, start), bisect_left(starts, end)):
        mention = mentions[position]
        if mention.end <= end:
            found.append(mention)
    return found


def _elsewhere(
    phrases: ArticlePhrases, draft: Draft, starts: list[int],
    bounds: tuple[int, int, int], mentions: list[PlaceMention],
) -> bool:
    """Whether the number is the rest of a country's ("40 dead in the province, 6 elsewhere in the
    country", "In the rest of the country, 6 died"): the phrase between it and the next
    number, before any place named after it, or before it when it is its sentence's first number."""
    sentence_start, clause_start, clause_end = bounds
    position = bisect_right(starts, draft.number_start)
    following = starts[position] if position < len(starts) else clause_end
    found = phrases.elsewhere_at(draft.end, min(clause_end, following))
    if found >= 0:
        return not any(draft.end <= mention.start < found for mention in mentions)
    previous = starts[position - 2] if position >= 2 else -1
    return previous < sentence_start and phrases.elsewhere_at(sentence_start, draft.number_start) >= 0


def _subject(
    gazetteer: Gazetteer, resolution: Resolution, nationwide: bool, vote: bool
) -> tuple[str | None, str, float, bool]:
    """The subject id of a resolution, the rule that made it, its confidence and whether it is
    ambiguous."""
    rule = "subject." + resolution.rule
    place = resolution.place
    if place is None:
        if resolution.alternatives and not vote and resolution.rule.endswith("several"):
            # "in Turkey and Syria": a combined figure of its own, its places its parts' wholes,
            # as sure as a single place named there.
            wholes = sorted(
                {gazetteer.country_holding(alternative) if nationwide else alternative for alternative in resolution.alternatives}
            )
            confidence = round(resolution.confidence / AMBIGUOUS_FACTOR, 3)
            return "+".join(wholes), rule + "-combined", confidence, confidence < LOW_CONFIDENCE
        return None, rule, 0.0, True
    ambiguous = resolution.ambiguous or resolution.confidence < LOW_CONFIDENCE
    if nationwide and not vote:
        country = gazetteer.country_holding(place)
        if country != place:
            return country, rule + "-nationwide", resolution.confidence, ambiguous
    return place, rule, resolution.confidence, ambiguous


def _is_name_word(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _unresolved_names(norm: str, place_finder: Finder) -> list[tuple[int, str]]:
    """The start and the id ("name:valmora") of each capitalised name right after a locative word
    that is no common word of the language; where every noun is capitalised, only the names the
    article gives more than once."""
    words = list(_WORD.finditer(norm))
    found: list[tuple[int, str]] = []
    for position in range(1, len(words)):
        word = words[position]
        previous = words[position - 1]
        text = word.group()
        if not _is_name_word(text) or norm[previous.end() : word.start()] not in (" ", "\u00a0"):
            continue
        previous_key = fold_token(previous.group())
        key = fold_token(text)
        if (
            previous_key not in place_finder.locative
            or previous_key in place_finder.with_article
            or key in place_finder.common
            or key in place_finder.never
        ):
            continue
        keys = [key]
        following = position + 1
        # A German noun may follow a name ("in Valmora Spuren hinterlassen"): there a name is a word.
        while (
            not place_finder.nouns_capitalised
            and following < len(words)
            and len(keys) < _NAME_WORDS
            and norm[words[following - 1].end() : words[following].start()] == " "
            and _is_name_word(words[following].group())
            and fold_token(words[following].group()) not in place_finder.common
        ):
            keys.append(fold_token(words[following].group()))
            following += 1
        found.append((word.start(), "name:" + "-".join(keys)))
    if place_finder.nouns_capitalised:
        # "in Lebensgefahr" once is a noun; a name comes back, wherever it stands.
        counts: dict[str, int] = {}
        for word in words:
            if _is_name_word(word.group()):
                key = fold_token(word.group())
                counts[key] = counts.get(key, 0) + 1
        found = [(start, name) for start, name in found if counts.get(name[5:].split("-")[0], 0) > 1]
    return found


def _first_name(names: list[tuple[int, str]], start: int, end: int) -> str | None:
    for name_start, name in names:
        if start <= name_start < end:
            return name
    return None


# A count in brackets after a name ("Valmora (12), Brenzau (7)") is that name's when at most this
# much text, none of it a number or a clause's end, stands between the name and the bracket.
_BRACKET_REACH: Final = 30
_BRACKET_GAP: Final = re.compile(r"[\d.;:!?,()\[\]\n]")


def _bracketed(norm: str, mentions: list[PlaceMention], clause_start: int) -> list[PlaceMention]:
    """The place a bracketed number annotates: the name just before its opening bracket."""
    bracket = clause_start - 1
    if bracket < 0 or norm[bracket] != "(":
        return []
    for mention in reversed(mentions):
        if mention.end <= bracket:
            gap = norm[mention.end : bracket]
            if len(gap) <= _BRACKET_REACH and _BRACKET_GAP.search(gap) is None:
                return [mention]
            return []
    return []


_LIST_GAP: Final = re.compile(r"[\d.;:!?()\[\]\n]")


def _with_list(norm: str, mentions: list[PlaceMention], clause: list[PlaceMention]) -> list[PlaceMention]:
    """The clause's places with the rest of a list they belong to, cut into clauses by its commas
    ("in the provinces of Aleppo, Latakia, Hama and Tartus"): names only a comma or a conjunction
    apart (see JOINED_GAP)."""
    first = mentions.index(clause[0])
    last = mentions.index(clause[-1])
    while first > 0 and _listed(norm, mentions[first - 1], mentions[first]):
        first -= 1
    while last + 1 < len(mentions) and _listed(norm, mentions[last], mentions[last + 1]):
        last += 1
    if last - first + 1 == len(clause):
        return clause
    return mentions[first : last + 1]


def _listed(norm: str, earlier: PlaceMention, later: PlaceMention) -> bool:
    gap = norm[earlier.end : later.start]
    return len(gap) <= JOINED_GAP and "," in gap and _LIST_GAP.search(gap) is None


def _aside(
    norm: str,
    mentions: list[PlaceMention],
    stops: list[int],
    bounds: tuple[int, int, int, int],
    numbers: list[tuple[int, str | None]],
    metric: str | None,
    place_finder: Finder,
) -> tuple[list[PlaceMention], list[PlaceMention]]:
    """The sentence's places that other clauses keep for themselves, for a number of the clause at
    norm[clause_start:clause_end] whose metric is `metric`: (places in a clause opened by a
    relative word and holding no number, "whose epicentre was in X", "dont l'épicentre", which
    describe the event; places of a part of the count: in a clause opened by a share word, "most
    of them in X", "die meisten in X", or in a later clause holding a count of the same metric or
    a bare one, "230 in all, 190 in X alone"). `numbers` are the article's numbers' starts and
    metrics, in order."""
    sentence_start, sentence_end, clause_start, clause_end = bounds
    relative: list[PlaceMention] = []
    parts: list[PlaceMention] = []
    starts = [start for start, _ in numbers]
    for mention in mentions:
        if clause_start <= mention.start and mention.end <= clause_end:
            continue
        left, right = _clause(stops, mention.start, mention.end, sentence_start, sentence_end)
        held = numbers[bisect_left(starts, left) : bisect_left(starts, right)]
        if held:
            # A count of the same thing, or a bare one, after this number's clause: a part of it.
            if left >= clause_end and metric is not None and any(other in (metric, None) for _, other in held):
                parts.append(mention)
            continue
        for word in _WORD.finditer(norm, left, mention.start):
            key = token_key(word.group())
            if key in place_finder.relative:
                relative.append(mention)
                break
            if key in place_finder.share:
                parts.append(mention)
                break
    return relative, parts


def _whole(gazetteer: Gazetteer, resolution: Resolution) -> Resolution:
    """The country holding a part's place: what a count is about when its sentence names only the
    places of its parts."""
    if resolution.place is None:
        return resolution
    country = gazetteer.country_holding(resolution.place)
    return resolution_of(country, resolution.confidence, resolution.ambiguous, resolution.rule + "-whole", ())


def _mention_start(mention: PlaceMention) -> int:
    return mention.start


def _is_body(mention: PlaceMention) -> bool:
    for place_id in mention.ids:
        if not place_id.startswith("body:"):
            return False
    return True


class _Named:
    """The mentions one kind of claim may take (bodies for votes, places for other counts), with
    their starts and the lead's, and each sentence's taken once: without the places named as a
    way through ("par le point de passage de Rafah") when it names others."""

    def __init__(
        self, mentions: list[PlaceMention], lead_end: int, phrases: ArticlePhrases, gazetteer: Gazetteer
    ) -> None:
        norm = phrases.text
        place_finder = phrases.finder
        self.norm = norm
        self.finder = place_finder
        self.phrases = phrases
        self.mentions = mentions
        self.starts = [mention.start for mention in mentions]
        self.lead = _between(mentions, self.starts, 0, lead_end)
        self.sentences: dict[int, list[PlaceMention]] = {}
        self.resolver = ArticleResolver(
            mentions, self.lead, (), gazetteer, lead_end, norm, place_finder.joining,
            place_finder.compass | place_finder.locative,
        )
        # By (sentence, clause, first clause mention, clause mentions): the resolution of a clause.
        self.resolutions: dict[tuple[int, int, int, int], Resolution] = {}

    def sentence(self, start: int, end: int) -> list[PlaceMention]:
        found = self.sentences.get(start)
        if found is None:
            found = _between(self.mentions, self.starts, start, end)
            if len(found) > 1:
                places = [mention for mention in found if not self.finder.is_route(self.norm, mention)]
                if places:
                    found = places
            self.sentences[start] = found
        return found


# How many sentences before a count's own are looked at for its place or body: a paragraph may hold
# thousands of sentences, and a place named further back is no longer the count's.
_LOOK_BACK: Final = 20


def _sentences_before(doc: Document, sentence: int) -> list[int]:
    """The starts of the sentences before `sentence` in its paragraph, nearest first, at most
    `_LOOK_BACK` of them."""
    starts = doc._sentences(doc.paragraph_of(sentence))
    position = bisect_left(starts, sentence)
    return starts[max(0, position - _LOOK_BACK) : position][::-1]


def _paragraphs_before(doc: Document, sentence: int, budget: int) -> list[int]:
    """The starts of the sentences of the paragraphs before `sentence`'s, after the headline and
    lead, nearest first, at most `budget` of them."""
    found: list[int] = []
    paragraph = doc.paragraph_of(sentence) - 1
    while paragraph > 1 and len(found) < budget:
        found.extend(doc._sentences(paragraph)[::-1][: budget - len(found)])
        paragraph -= 1
    return found


def _previous_body(doc: Document, named: _Named, draft: Draft, resolution: Resolution) -> Resolution:
    """A vote whose sentence names no body ("Im Sicherheitsrat war ein Entwurf gescheitert. Dort
    hatten 13 Mitglieder dafür gestimmt") is the body's named by the nearest sentence before it in
    its paragraph, else in the paragraphs before it after the lead (the body named first there, the
    one the sentence speaks of: "it was adopted by the Assembly, to get round a veto in the
    Council"); else `resolution`, from the lead or the article."""
    within = _sentences_before(doc, draft.sentence)
    earlier = _paragraphs_before(doc, draft.sentence, _LOOK_BACK - len(within))
    for position, before in enumerate([*within, *earlier]):
        start, end = doc.bounds(before)
        bodies = [mention for mention in named.sentence(start, end) if _is_body(mention)]
        if bodies:
            anchor = draft.number_start if position < len(within) else start
            found = named.resolver.resolve([], bodies, anchor, True)
            if found.place is not None:
                return resolution_of(
                    found.place, found.confidence, found.ambiguous, "previous-sentence", found.alternatives
                )
    return resolution


# How much less sure a place taken from an earlier sentence of the paragraph is than one of the
# number's own sentence.
PREVIOUS_FACTOR: Final = 0.8


def _previous_place(doc: Document, named: _Named, draft: Draft) -> Resolution | None:
    """The place of a count whose sentence names none, from the nearest sentence before it in its
    paragraph that names one ("Gaza's health ministry counts 900 dead. It also reports more than
    2,000 injured."); None when no earlier sentence of the paragraph names a place."""
    for before in _sentences_before(doc, draft.sentence):
        start, end = doc.bounds(before)
        mentions = [mention for mention in named.sentence(start, end) if not mention.role]
        if mentions:
            found = named.resolver.resolve([], mentions, draft.number_start, False)
            if found.place is not None:
                return resolution_of(found.place, round(found.confidence * PREVIOUS_FACTOR, 3), True,
                                  "previous-sentence", found.alternatives)
    return None


def _continues_a_vote(doc: Document, language: Language, draft: Draft) -> bool:
    """Whether a bare count or a count of members ("Против — 5", "24 делегации выступили
    против") follows, in its paragraph, a sentence that speaks of a vote: the next side of it."""
    if draft.noun is not None and not language.word(draft.noun).vote_members:
        return False
    before = _sentences_before(doc, draft.sentence)
    return bool(before) and doc.is_vote(before[0])


def _resolution(
    doc: Document,
    named: _Named,
    draft: Draft,
    vote: bool,
    stops: list[int],
    bounds: tuple[int, int, int, int],
    numbers: list[tuple[int, str | None]],
) -> tuple[Resolution, list[PlaceMention], list[PlaceMention]]:
    """The resolution of a draft's subject from the mentions `named` holds (bodies for a vote), with
    the mentions of its clause and its sentence."""
    norm = named.norm
    place_finder = named.finder
    gazetteer = named.resolver.gazetteer
    sentence_start, sentence_end, clause_start, clause_end = bounds
    sentence_mentions = named.sentence(sentence_start, sentence_end)
    clause = [m for m in sentence_mentions if clause_start <= m.start and m.end <= clause_end]
    if not clause and not vote:
        clause = _bracketed(norm, sentence_mentions, clause_start)
    elif clause:
        clause = _with_list(norm, sentence_mentions, clause)
    # Numbers of one clause mostly resolve alike: the resolution is taken again unless it
    # depended on where the number stands (the nearest of several places).
    key = (sentence_start, clause_start, clause[0].start if clause else -1, len(clause))
    resolution_or_none = named.resolutions.get(key)
    if resolution_or_none is None or resolution_or_none.rule.endswith("nearest"):
        relative: list[PlaceMention] = []
        parts: list[PlaceMention] = []
        if not clause and len(sentence_mentions) > 0 and not vote:
            relative, parts = _aside(norm, sentence_mentions, stops, bounds, numbers, draft.metric, place_finder)
            # "Nationwide, 9,300 died, 2,100 of them in Hatay": the country of the part's place.
            if parts and named.phrases.says_nationwide(sentence_start, clause_end):
                parts = []
        if parts and all(m in relative or m in parts for m in sentence_mentions):
            # Only a part's places: the count is their whole's, the country holding them.
            resolution = _whole(gazetteer, named.resolver.resolve([], parts, draft.number_start, False))
        else:
            resolution = named.resolver.resolve(clause, sentence_mentions, draft.number_start, vote, [*relative, *parts])
        named.resolutions[key] = resolution
    else:
        resolution = resolution_or_none
    if vote and not any(_is_body(mention) for mention in sentence_mentions):
        resolution = _previous_body(doc, named, draft, resolution)
    elif not vote and resolution.rule.startswith(("lead", "article", "none")) and not any(
        not mention.role for mention in sentence_mentions
    ):
        resolution = _previous_place(doc, named, draft) or resolution
    return resolution, clause, sentence_mentions


def assign_subjects(doc: Document, language: Language, drafts: list[Draft]) -> None:
    """Each draft's subject, its confidence and whether it is ambiguous, resolved from the places
    named in its clause, its sentence, the headline and lead, and the article."""
    norm = doc.norm
    gazetteer = default()
    place_finder: Finder = finder(language.code, gazetteer)
    mentions = place_finder.find(norm, (), False)
    # Lower-case demonyms ("les secours marocains") count only where no place is named: they are
    # searched for only in the sentences of claims that name none.
    starts = [mention.start for mention in mentions]
    spans: list[tuple[int, int]] = []
    words: list[tuple[list[int], list[int]]] = []
    for sentence in sorted({draft.sentence for draft in drafts}):
        start, end = doc.bounds(sentence)
        if not any(not m.role and m.end <= end for m in mentions[bisect_left(starts, start) : bisect_left(starts, end)]):
            spans.append((start, end))
            words.append((doc.words(sentence)[1], doc.word_ends(sentence)))
    mentions = place_finder.add_lower_demonyms(norm, mentions, spans, words)
    mentions = as_qualified(gazetteer, place_finder, mentions)
    mentions = without_strays(gazetteer, mentions)
    held = held_areas(place_finder, norm, mentions)
    if held:
        mentions = sorted([*mentions, *held], key=_mention_start)
    lead_end = doc.paragraph_end(1) if len(doc.paragraph_starts) > 1 else len(norm)
    has_bodies = any(_is_body(mention) for mention in mentions)
    # A body is the subject of a vote only: "the toll in Gaza ... as the Security Council" is Gaza's.
    phrases = ArticlePhrases(place_finder, norm)
    places = _Named([mention for mention in mentions if not _is_body(mention)], lead_end, phrases, gazetteer)
    bodies: _Named | None = None
    clause_stops: dict[int, list[int]] = {}
    # Where each number stands, to tell a clause that holds one.
    # A bare number ("and 190 in Malatya alone") counts what the count before it counts.
    numbers = sorted(
        (draft.number_start, None if draft.noun is None and draft.group is None else draft.metric) for draft in drafts
    )
    number_starts = [start for start, _ in numbers]
    # The names the gazetteer lacks, read once and only when a claim resolves to nothing.
    names: list[tuple[int, str]] | None = None
    for draft in drafts:
        sentence_start, sentence_end = doc.bounds(draft.sentence)
        stops = clause_stops.get(sentence_start)
        if stops is None:
            stops = _clause_stops(norm, sentence_start, sentence_end)
            clause_stops[sentence_start] = stops
        clause_start, clause_end = _clause(stops, draft.start, draft.end, sentence_start, sentence_end)
        vote = draft.vote
        # A count the engine kept as no vote, in a sentence that speaks of one ("four states voted
        # against with Moscow", "Против — 5 (...)"), or a body's size, or a count of its members
        # named beside it ("141 states in the General Assembly"): the body's, when one is named.
        voters = False
        if not vote and has_bodies and (draft.metric is None or draft.metric == "other"):
            if bodies is None:
                bodies = _Named(mentions, lead_end, phrases, gazetteer)
            voters = (
                "vote.body_size" in draft.rules
                or doc.is_vote(draft.sentence)
                or _continues_a_vote(doc, language, draft)
                or any(
                    _is_body(mention) and clause_start <= mention.start and mention.end <= clause_end
                    for mention in bodies.sentence(sentence_start, sentence_end)
                )
            )
        resolution: Resolution | None = None
        clause: list[PlaceMention] = []
        sentence_mentions: list[PlaceMention] = []
        if vote or voters:
            if bodies is None:
                bodies = _Named(mentions, lead_end, phrases, gazetteer)
            resolution, clause, sentence_mentions = _resolution(
                doc, bodies, draft, True, stops, (sentence_start, sentence_end, clause_start, clause_end), numbers
            )
            if voters and (resolution.place is None or resolution.rule.startswith(("article", "none"))):
                resolution = None
            else:
                vote = True
        if resolution is None:
            resolution, clause, sentence_mentions = _resolution(
                doc, places, draft, False, stops, (sentence_start, sentence_end, clause_start, clause_end), numbers
            )
        # "Nationwide, 1,200 people died, 300 of them in Hatay": said in the clause, or before it
        # in the sentence when the clause names no place of its own. Asked only where it can
        # change the subject: a place within a country, or places named together.
        nationwide = False
        if not vote and (resolution.place is not None or resolution.alternatives) and (
            resolution.place is None or gazetteer.country_holding(resolution.place) != resolution.place
        ):
            nationwide = phrases.says_nationwide(clause_start, clause_end) or (
                not clause and phrases.says_nationwide(sentence_start, clause_start)
            )
        elsewhere = not vote and _elsewhere(
            phrases, draft, number_starts, (sentence_start, clause_start, clause_end), sentence_mentions
        )
        if elsewhere:
            # "40 dead in the province, 6 elsewhere in the country": the country without the
            # place named beside it, which no id stands for; shown unresolved, never compared.
            subject, rule, confidence, ambiguous = None, "subject.elsewhere", 0.0, True
        else:
            subject, rule, confidence, ambiguous = _subject(gazetteer, resolution, nationwide, vote)
        if subject is None and not vote and not elsewhere:
            if names is None:
                names = _unresolved_names(norm, place_finder)
            name = (
                _first_name(names, clause_start, clause_end)
                or _first_name(names, sentence_start, sentence_end)
                or _first_name(names, 0, lead_end)
                or _first_name(names, 0, len(norm))
            )
            if name is not None:
                subject, rule, confidence = name, "subject.unresolved-name", UNRESOLVED_CONFIDENCE
        draft.subject = subject
        draft.subject_confidence = confidence
        draft.subject_ambiguous = ambiguous
        draft.rules.append(rule)
