"""Places and subjects: where a count happened, or which body voted.

Places and voting bodies are found in the language's gazetteer (`Language.place_re`), guessed from a
capitalised name after a locative preposition ("in Valmora"), or referred back to ("the
territory"). A claim's subject is the nearest fitting one in its sentence, else the last one named
before it in the paragraph, or in the paragraphs before.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from claims.extraction.document import Document
from claims.extraction.draft import Draft
from claims.extraction.languages.base import Language

# A place after "in"/"à"/"en" is where the count happened; a bare name nearby is often the
# source ("Israel said ..."), so a locative place wins up to four times as far away.
_LOCATIVE_WEIGHT = 0.25


@dataclass(slots=True)
class _Place:
    """A place or voting body named in the text, as a subject claims may take."""

    start: int
    end: int
    slug: str
    is_body: bool
    locative: bool
    known: bool
    # Known, or a guessed name the text uses more than once or in its title: safe to carry over
    # paragraphs.
    solid: bool = True
    anaphor: bool = False


def _places(doc: Document, language: Language) -> list[_Place]:
    """Places and bodies named anywhere in the text, in text order."""
    norm = doc.norm
    locatives = {m.start("name"): m for m in language.locative_re.finditer(norm)}
    found: list[_Place] = []
    for match in language.place_re.finditer(norm):
        slug = language.place_slug(match.group())
        if slug is None:
            continue
        found.append(_Place(match.start(), match.end(), slug[0], slug[1], match.start() in locatives, True))
    known = {place.start for place in found}
    guesses: list[tuple[int, str]] = []
    for start, match in locatives.items():
        # "im Mittelpunkt", "au cours": a preposition fused with an article introduces a common noun.
        if start in known or match.group("prep").lower() in language.locative_articles:
            continue
        name = _place_name(language, match.group("name"))
        if name:
            guesses.append((start, name))
    if guesses:
        singles = {name for _, name in guesses if " " not in name}
        names: set[str] = set()
        for start, name in guesses:
            # "in Valmora Spuren hinterlassen": a name seen alone elsewhere is the place.
            first = name.split(" ", 1)[0]
            if " " in name and first in singles:
                name = first
            names.add(name)
            found.append(_Place(start, start + len(name), _slugify(name), False, True, False))
        # A name once introduced as a place ("in Valmora") is that place wherever it is written
        # ("Valmora flood death toll climbs").
        taken = {place.start for place in found}
        # Each name's first letter is written before its word-boundary check, so that `re` can skip
        # to the letters the names start with.
        pattern = re.compile(
            "(?:"
            + "|".join(
                re.escape(n[0]) + r"(?<!\w[\s\S])" + re.escape(n[1:]) for n in sorted(names, key=len, reverse=True)
            )
            + r")(?!\w)"
        )
        for match in pattern.finditer(norm):
            if match.start() not in taken:
                found.append(_Place(match.start(), match.end(), _slugify(match.group()), False, False, False))
        title_end = doc.paragraph_end(0)
        counts: dict[str, int] = {}
        in_title: set[str] = set()
        for place in found:
            if not place.known:
                counts[place.slug] = counts.get(place.slug, 0) + 1
                if place.start < title_end:
                    in_title.add(place.slug)
        for place in found:
            if not place.known:
                place.solid = counts[place.slug] > 1 or place.slug in in_title
    anaphors = list(language.anaphora_re.finditer(norm))
    if anaphors:
        # "held in the territory": the territory the article is about, the place its title puts
        # things in ("ceasefire in Gaza"), else the first place of its title, else of the text.
        ordered = sorted((p for p in found if p.known and not p.is_body), key=lambda p: p.start)
        title_end = doc.paragraph_end(0)
        topic = (
            next((p.slug for p in ordered if p.start < title_end and p.locative), None)
            or next((p.slug for p in ordered if p.start < title_end), None)
            or next((p.slug for p in ordered), None)
        )
        if topic is not None:
            for match in anaphors:
                found.append(
                    _Place(match.start(), match.end(), topic, False, match.start() in locatives, True, anaphor=True)
                )
    found.sort(key=lambda place: place.start)
    return found


def _place_name(language: Language, phrase: str) -> str | None:
    """The capitalised words of a phrase after a locative preposition, if they can name a place.
    Memoised per language and phrase ("in the", "in Gaza" come back in every article)."""
    memo = language.place_name_memo
    if phrase in memo:
        return memo[phrase]
    name = _read_place_name(language, phrase)
    if len(memo) < 100_000:
        memo[phrase] = name
    return name


def _read_place_name(language: Language, phrase: str) -> str | None:
    words: list[str] = []
    for word in phrase.split(" "):
        word = word.rstrip("'-")
        if not word[:1].isupper() or (word.isupper() and len(word) <= 3 and not words):
            break
        lower = word.lower()
        if (
            lower in language.not_places
            or lower.endswith(language.not_place_suffixes)
            or language.month_of(lower) is not None
            or language.weekday_of(lower) is not None
            or language.word(word).is_noun_like
            or language.place_slug(word) is not None
        ):
            break
        words.append(word)
    if not words:
        return None
    return " ".join(words)


_SLUGS: dict[str, str] = {}


def _slugify(name: str) -> str:
    slug = _SLUGS.get(name)
    if slug is None:
        slug = _make_slug(name)
        if len(_SLUGS) < 100_000:
            _SLUGS[name] = slug
    return slug


def _make_slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = ascii_name if ascii_name.strip() else name
    return re.sub(r"[^\w]+", "-", base.lower()).strip("-_")


def _distance(draft: Draft, place: _Place) -> int:
    if place.start >= draft.end:
        return place.start - draft.end
    return max(0, draft.start - place.end)


def assign_subjects(doc: Document, language: Language, drafts: list[Draft]) -> None:
    """Subject = the nearest fitting place in the sentence; else the nearest one named earlier in
    the paragraph; else in the paragraphs before, back to the title. A vote's subject is a voting
    body, any other count's a place: "the toll in Gaza ... as the Security Council" is Gaza's."""
    places = _places(doc, language)
    if not places:
        return
    starts = [place.start for place in places]
    draft_starts = sorted(draft.start for draft in drafts)
    for draft in drafts:
        sentence_start, sentence_end = doc.bounds(draft.sentence)
        candidates = [
            p
            for p in places[bisect_left(starts, sentence_start) : bisect_left(starts, sentence_end)]
            if p.is_body == draft.vote
            # "killed ... and that 130 hostages are held in the territory": a place referred back to
            # after the claim, with another claim between them, is that claim's.
            and (
                not p.anaphor
                or p.start < draft.end
                or bisect_left(draft_starts, p.start) == bisect_right(draft_starts, draft.end)
            )
        ]
        # A gazetteer name outranks a guess from "in <Capitalised>" ("im Osten Syriens").
        if any(p.known for p in candidates):
            candidates = [p for p in candidates if p.known]
        if candidates:
            best = min(
                candidates,
                key=lambda p: _distance(draft, p) * (_LOCATIVE_WEIGHT if p.locative else 1.0),
            )
            draft.subject = best.slug
            draft.rules.append("subject.sentence")
            continue
        paragraph = doc.paragraph_of(sentence_start)
        paragraph_start = doc.paragraph_starts[paragraph]
        for position in range(bisect_left(starts, sentence_start) - 1, -1, -1):
            place = places[position]
            if place.is_body != draft.vote:
                continue
            if place.start >= paragraph_start:
                draft.subject = place.slug
                draft.rules.append("subject.paragraph")
                break
            at = doc.paragraph_of(place.start)
            if at == paragraph - 1 or place.solid:
                draft.subject = place.slug
                draft.rules.append("subject.previous_paragraph" if at == paragraph - 1 else "subject.earlier_paragraph")
                break
