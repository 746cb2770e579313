"""Parts and wholes: a count that is part of another one ("20.000 martyrs, dont 8.000 enfants",
"392 soldiers killed, 161 of them", "62 muertos. Entre ellos hay doce niños").

A part follows its whole in the same sentence after a part cue, or opens the next sentence of the
paragraph with one; a new clause ends the list of parts.
"""

from __future__ import annotations

from claims.extraction.context import clause_end, clause_start
from claims.extraction.cues import is_word_char, part_of_words
from claims.extraction.document import Document
from claims.extraction.draft import Draft
from claims.extraction.languages.base import Language
from claims.extraction.units import DEATHS_PARTS


def link_parts(doc: Document, language: Language, drafts: list[Draft]) -> None:
    """Link each part to its whole (`Draft.part_of`, an index in `drafts`), giving a part without a
    metric its whole's ("20.000 morts, dont 8.000 enfants": deaths of children)."""
    whole: int | None = None
    norm = doc.norm
    # Whether each sentence's words may hold a part cue, by its start (`_may_cue`).
    held: dict[int, bool] = {}
    for index, draft in enumerate(drafts):
        if index == 0:
            continue
        previous = drafts[index - 1]
        previous_whole = previous.part_of if previous.is_part and previous.part_of is not None else index - 1
        if previous.sentence != draft.sentence:
            whole = None
            # "62 muertos. Entre ellos hay doce niños": a sentence that opens on a part cue lists
            # parts of the last count of the sentence before, in the same paragraph.
            if doc.paragraph_of(previous.start) != doc.paragraph_of(draft.start):
                continue
            if not draft.is_part:
                if not _may_cue(doc, language, held, draft):
                    continue
                cue = language.part_of_re.search(norm, draft.sentence, draft.start)
                if cue is None or norm[draft.sentence : cue.start()].strip():
                    continue
            whole = previous_whole
        elif draft.is_part and draft.part_of is None:
            # "161 of them" after "392 soldiers killed".
            whole = previous_whole
        elif _may_cue(doc, language, held, draft) and language.part_of_re.search(
            norm, clause_start(norm, previous.end, draft.start), draft.start
        ):
            # The cue opens this number's clause: in "215 were among the dead, and 414 injured" it
            # belongs to the clause before.
            whole = _counted_whole(drafts, previous_whole)
        elif clause_end(norm, previous.end, draft.start) < draft.start:
            # "including 20 children, and displaced 76,000": a new clause ends the list of parts.
            whole = None
        if whole is None:
            continue
        whole_metric = drafts[whole].metric
        if whole_metric is None or draft.vote:
            continue
        if whole_metric == "other":
            # "40 personas rescatadas, entre ellas siete niños": a part of a count that is
            # not tracked is not tracked either.
            if draft.metric is None or (draft.metric_from_window and not _own_verb(doc, language, previous.end, draft)):
                draft.metric = "other"
            continue
        if draft.group in DEATHS_PARTS and whole_metric == "deaths" and (
            draft.metric is None or draft.metric == "deaths" or draft.metric_from_window
        ):
            draft.metric = DEATHS_PARTS[draft.group]
        elif draft.group is not None and (draft.metric is None or draft.metric_from_window):
            draft.metric = whole_metric if whole_metric in DEATHS_PARTS.values() else "other"
        elif draft.metric is None and draft.group is None and (draft.noun is None or draft.is_part):
            # "incluidos 161 en la ofensiva": a bare count after the cue counts what the whole counts,
            # unless it is the part in some state ("dont une quinzaine sont encore hospitalisés").
            if not in_condition(doc, language, draft):
                draft.metric = whole_metric
        elif draft.metric != whole_metric:
            continue
        elif in_condition(doc, language, draft):
            # "180 blessés, dont une quinzaine toujours hospitalisés": the part in some state is no
            # toll of the whole's metric, though its word names that metric.
            draft.metric = "other"
        draft.part_of = whole
        draft.is_part = True
        draft.rules.append("part_of.cue")
        draft.confidence = max(draft.confidence, 0.8)


def _own_verb(doc: Document, language: Language, start: int, draft: Draft) -> bool:
    """A metric word in the part's own clause, before it ("55 aboard, 40 of them drowned" as
    "غرق منهم 40"): what happened to the part, whatever its whole counts."""
    texts = doc.word_re.findall(doc.norm, clause_start(doc.norm, start, draft.start), draft.start)
    return any(info.metric == draft.metric for info in language.text_infos(texts))


def _may_cue(doc: Document, language: Language, held: dict[int, bool], draft: Draft) -> bool:
    """False when no part cue (`Language.part_of_re`) can end before the draft in its sentence: a
    cue in a span of the sentence is made of the sentence's whole words, unless the span ends inside
    a word ("و" of "و2421"). Whether the sentence's words may hold one is read once, into `held`."""
    found = held.get(draft.sentence)
    if found is None:
        found = held[draft.sentence] = part_of_words(language).may_hold(doc.word_texts(draft.sentence))
    if found:
        return True
    norm, at = doc.norm, draft.start
    return 0 < at < len(norm) and is_word_char(norm[at - 1]) and is_word_char(norm[at])


def _counted_whole(drafts: list[Draft], whole: int) -> int:
    """The whole a part cue refers to: over a count of things that counts no one ("5,120 evacuees in
    the two provinces, with Lorvale accounting for 4,870"), the count before it in the sentence."""
    found = drafts[whole]
    if found.metric is not None or found.group is not None or found.noun is None:
        return whole
    for index in range(whole - 1, -1, -1):
        if drafts[index].sentence != found.sentence:
            break
        if drafts[index].metric is not None:
            return index
    return whole


def in_condition(doc: Document, language: Language, draft: Draft) -> bool:
    """The clause after a part says what state it is in ("nine of whom in critical condition") or what
    was done with it ("de los cuales 30 ya fueron identificados")."""
    stop = clause_end(doc.norm, draft.number_end, doc.bounds(draft.sentence)[1])
    texts = doc.span_texts(draft.sentence, draft.number_end, stop)
    return any(info.condition or info.forensic for info in language.text_infos(texts))
