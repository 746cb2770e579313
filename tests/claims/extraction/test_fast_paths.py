"""The engine's shortcuts give what the plain computations they stand for give."""

from __future__ import annotations

import random
import re
from dataclasses import fields
from datetime import date
from decimal import Decimal

import pytest

from claims.extraction import assemble, document, draft, frozen, prefixes, timing
from claims.extraction.gazetteer.types import PlaceMention, Resolution
from claims.extraction.languages.registry import available_languages, get_language, load_lexicon
from claims.extraction.types import ExtractedClaim


def test_claims_and_drafts_are_built_in_the_order_of_their_fields() -> None:
    """`assemble.freeze` and `values.read_value` pass these positionally."""
    assert [f.name for f in fields(ExtractedClaim)] == [
        "start", "end", "sentence", "metric", "noun", "subject", "value", "lower", "upper", "qualifier", "unit",
        "as_of", "as_of_precision", "period_start", "attribution", "part_of", "confidence", "rules", "language",
        "subject_confidence", "subject_ambiguous", "as_of_weekday", "as_of_offset",
    ]
    made = draft.Draft(1, 2, 3, 4, 5, Decimal(6), Decimal(7), Decimal(8), "exact", ["rule"])
    assert (made.start, made.end, made.number_start, made.number_end, made.sentence) == (1, 2, 3, 4, 5)
    assert (made.value, made.lower, made.upper, made.qualifier, made.rules) == (6, 7, 8, "exact", ["rule"])


@pytest.mark.parametrize(
    ("cls", "values"),
    [
        (ExtractedClaim, (1, 5, "s", "deaths", "dead", "iso:SY", Decimal(3), Decimal(3), None, "exact", None,
                          date(2024, 1, 2), "day", None, "the ministry", 0, 0.75, ("number.digits",), "en", 0.9,
                          False, 3, 7)),
        (PlaceMention, (3, 8, "Syria", ("iso:SY",), False, "agency", True)),
        (Resolution, ("iso:SY", 0.9, True, "clause", ("iso:SY", "iso:TR"))),
    ],
)
def test_a_frozen_record_built_from_its_slots_is_the_one_its_class_makes(cls: type, values: tuple) -> None:
    built = frozen.build(cls, frozen.slot_setters(cls), values)
    assert type(built) is cls
    assert built == cls(*values)
    assert repr(built) == repr(cls(*values))
    with pytest.raises(TypeError):
        frozen.build(cls, frozen.slot_setters(cls), values[:-1])


def test_rounded_confidence_is_round_of_the_capped_value() -> None:
    for step in range(0, 200):
        confidence = step / 100 + 0.05
        assert assemble._rounded_confidence(confidence) == round(min(confidence, 0.95), 2)


def _ends_sentence_plainly(norm: str, dot: int, language: object) -> bool:
    """`Document._ends_sentence` as first written: the whole word before the dot, walked back."""
    if norm[dot] != ".":
        return True
    before = norm[dot - 1] if dot else ""
    if not (before.isalnum() or before == "."):
        return True
    if before.isdigit():
        return not language.ordinal_dots
    word_start = dot
    while word_start > 0 and (norm[word_start - 1].isalnum() or norm[word_start - 1] == "."):
        word_start -= 1
    word = norm[word_start:dot].lower()
    if not word:
        return True
    if word[-1].isdigit():
        return not language.ordinal_dots
    return not (len(word) == 1 or word in language.abbreviations)


@pytest.mark.parametrize("code", available_languages())
def test_a_dot_ends_a_sentence_as_the_plain_reading_says(code: str) -> None:
    language = get_language(code)
    rng = random.Random(code)
    pieces = [*language.abbreviations, "approximately", "a", "I", "\u0130", "\u0130\u0130", "x1", "12", "..", "é", " ", "-"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 5))) + ". Next"
        dot = text.index(". Next")
        expected = _ends_sentence_plainly(text, dot, language)
        assert document.Document._ends_sentence(text, dot, language) == expected, text


# Where a sentence breaks, as one regex reads it (`Document._sentences` scans with `str.find`).
_SENTENCE_BREAK = re.compile(r"[.!?\u2026\n](?:(?<=\n)|[.!?\u2026]*[\"'\u00bb\u201d)\]]*(?:[ \t\u00a0]+|(?=\n)|\Z))")


def _sentences_plainly(doc: document.Document, start: int, end: int) -> tuple[list[int], dict[int, int]]:
    starts, ends = [start], {}
    for match in _SENTENCE_BREAK.finditer(doc.norm, start, end):
        text, at = match.group(), match.start()
        if text == "\n":
            ends[starts[-1]] = at
        else:
            if doc.norm[at] == "." and not document.Document._ends_sentence(doc.norm, at, doc.language):
                continue
            ends[starts[-1]] = at + len(text.rstrip())
        starts.append(match.end())
    if starts[-1] < end or len(starts) == 1:
        ends[starts[-1]] = end
    else:
        starts.pop()
    return starts, ends


@pytest.mark.parametrize("code", ["en", "de"])
def test_sentences_break_where_the_break_pattern_matches(code: str) -> None:
    language = get_language(code)
    rng = random.Random(code)
    pieces = ["a", "Dr", "7", " ", "\t", "\u00a0", ".", "..", "!", "?", "\u2026", "\n", "\n\n", '"', "'", "\u00bb", "\u201d", ")", "]"]
    for _ in range(3000):
        norm = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 16)))
        doc = document.Document(norm, language)
        for paragraph, start in enumerate(doc.paragraph_starts):
            doc.ends = {}
            starts = doc._sentences(paragraph)
            assert (starts, doc.ends) == _sentences_plainly(doc, start, doc.paragraph_end(paragraph)), norm


@pytest.mark.parametrize("code", available_languages())
def test_a_date_or_a_month_is_never_found_where_no_month_name_is(code: str) -> None:
    """`timing.read_dates` runs the date and month searches only where `month_cue_re` finds a month name."""
    language = get_language(code)
    data = language.data
    months = [name for variants in data["time"]["months"] for name in variants]
    pieces = [*months, *(m.upper() for m in months), *(m.lower() for m in months), *data["time"].get("date_articles", [])]
    pieces += ["7", "12.", "2023", "1er", ",", "x", "Mai", "mar", "\u0130", "\u017f"]
    rng = random.Random(code)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) + rng.choice((" ", "", "\u00a0", ". ")) for _ in range(rng.randrange(1, 6)))
        start = rng.randrange(len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        if language.date_re.search(text, start, end) or language.month_re.search(text, start, end):
            assert language.month_cue_re.search(text, start, end), (text, start, end)


@pytest.mark.parametrize("code", available_languages())
def test_the_time_cues_of_a_document_are_where_the_cue_pattern_matches(code: str) -> None:
    """`Document.time_cues` finds, with `time_cue_after_re`, every position where `time_cue_re`
    matches, with its end: at the text's start, right after another cue's start, inside a word;
    read up to a place first, then to the end, it finds each cue before that place, then all."""
    language = get_language(code)
    time = load_lexicon(code)["time"]
    cues = [*time.get("since", []), *time.get("yesterday", []), *time.get("day_before_yesterday", [])]
    cues += [name for key in ("months", "weekdays") for variants in time.get(key, []) for name in variants]
    pieces = [*cues, *(cue.upper() for cue in cues), "x", "1", "-", "(", "\n", " ", ". ", "ſ", "\u0130"]
    rng = random.Random(code)
    found_any = 0
    for _ in range(200):
        text = "".join(rng.choice(pieces) + rng.choice(("", " ", " ", ",")) for _ in range(rng.randrange(1, 14)))
        norm = language.normalise(text)
        expected = [(at, found.end()) for at in range(len(norm)) if (found := language.time_cue_re.match(norm, at))]
        starts, ends = document.Document(norm, language).time_cues(len(norm))
        assert list(zip(starts, ends)) == expected, norm
        doc = document.Document(norm, language)
        before = rng.randrange(len(norm) + 1)
        starts, ends = doc.time_cues(before)
        read = [cue for cue in zip(starts, ends) if cue[0] < before]
        assert read == [cue for cue in expected if cue[0] < before], norm
        starts, ends = doc.time_cues(len(norm))
        assert list(zip(starts, ends)) == expected, norm
        found_any += bool(expected and expected[0][0] == 0)
    assert found_any


@pytest.mark.parametrize("code", available_languages())
def test_the_time_searches_match_only_where_a_time_cue_starts(code: str) -> None:
    """`timing.read_dates` tries its searches but the date's only where a sentence's time cue starts
    (`Document.sentence_cues`)."""
    language = get_language(code)
    time = load_lexicon(code)["time"]
    words = [*time.get("since", []), *time.get("yesterday", []), *time.get("day_before_yesterday", [])]
    words += [*time.get("last", []), *time.get("date_articles", [])]
    words += [name for key in ("months", "weekdays") for variants in time.get(key, []) for name in variants]
    pieces = [*words, *(word.upper() for word in words), "7", "2023", "x", "-", " ", ". ", "ſ", "\u0130"]
    searches = [language.since_re, language.month_cue_re, language.weekday_re, language.since_weekday_re,
                language.day_before_yesterday_re, language.yesterday_re, language.month_year_re, language.since_month_re]
    rng = random.Random(code)
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(("", " ", " ", ",")) for _ in range(rng.randrange(1, 10)))
        norm = language.normalise(text)
        end = rng.randrange(len(norm) + 1)
        for pattern in searches:
            for at in range(end):
                if pattern.match(norm, at, end):
                    assert language.time_cue_re.match(norm, at, end), (pattern.pattern[:40], norm, at)


@pytest.mark.parametrize("code", available_languages())
def test_a_sentence_without_the_opening_of_a_list_holds_none_of_its_phrases(code: str) -> None:
    """`Document.marks` clears a list's bit only where its search finds nothing, `Document.starting`
    names every word a phrase of it is found at, and `Document.sentence_cues` finds the cues a
    search up to the sentence's end finds."""
    language = get_language(code)
    data = load_lexicon(code)
    time, attribution = data["time"], data.get("attribution", {})
    searches = {
        prefixes.NOW: language.now_or_today_re,
        prefixes.SAID: language.said_re,
        prefixes.SOURCE_AFTER: language.source_after_cue_re,
        prefixes.SOURCE_BEFORE: language.source_before_cue_re,
        prefixes.SOURCE_PHRASE: language.source_phrase_re,
        prefixes.COMPARED: language.compared_re,
        prefixes.SINCE_PHRASE: language.since_phrase_re,
        prefixes.EVENT_VERB: language.event_verb_re,
        prefixes.EVENT_VERB_AFTER: language.event_verb_after_re,
    }
    words = [*time.get("since", []), *time.get("now", []), *time.get("today", []), *time.get("compared", [])]
    words += [*time.get("since_phrase", []), *time.get("event_verbs", []), *time.get("event_verbs_after", [])]
    words += [name for key in ("months", "weekdays") for variants in time.get(key, []) for name in variants]
    words += [*attribution.get("verbs", []), *attribution.get("phrases", []), *attribution.get("before_source", [])]
    words += attribution.get("after_source", [])
    pieces = [*words, *(word.upper() for word in words), "x", "7", "-", ",", " ", "ſ", "\u0130", "a"]
    rng = random.Random(code)
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(("", " ", " ")) for _ in range(rng.randrange(1, 10)))
        norm = language.normalise(text.replace(".", " ").replace("\n", " "))
        doc = document.Document(norm, language)
        sentence = doc.sentence_of(0)
        end = doc.ends[sentence]
        marks = doc.marks(sentence)
        for bit, pattern in searches.items():
            if pattern.search(norm, sentence, end):
                assert marks & bit, (pattern.pattern[:40], norm)
            if not prefixes.openings(language).unplaced & bit:
                starting = doc.starting(sentence, bit)
                for at in range(sentence, end):
                    assert not pattern.match(norm, at, end) or at in starting, (pattern.pattern[:40], norm, at)
        expected = [(at, found.end()) for at in range(sentence, end) if (found := language.time_cue_re.match(norm, at, end))]
        assert list(zip(*doc.sentence_cues(sentence))) == expected, norm


def test_the_words_of_a_sentence_and_of_its_spans_are_the_matches_of_the_word_pattern() -> None:
    """`Document.words` reads most words without the regex (a piece between white space, or one with
    a mark after it), and `Document.span_texts` takes a span's words from its sentence's: both give
    what `WORD` finds."""
    language = get_language("fr")
    pieces = ["tués", "l'armée", "6,4", "x_y", "_", "__", "a", "(212)", "ES-10/22", "—", "»", ".", ",", "\u00a0",
              "\u2003", "\U0001d400b", "١٢", "²", "Ⅻ", "e\u0301", "\t"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(("", " ", " ", "  ")) for _ in range(rng.randrange(1, 12)))
        norm = language.normalise(text.replace("\n", " "))
        doc = document.Document(norm, language)
        sentence = doc.sentence_of(0)
        end = doc.ends[sentence]
        tokens, starts, _ = doc.words(sentence)
        expected = list(document.WORD.finditer(norm, sentence, end))
        assert [(t.start(), t.end(), t.group()) for t in tokens] == [(m.start(), m.end(), m.group()) for m in expected]
        assert starts == [m.start() for m in expected] and doc.word_ends(sentence) == [m.end() for m in expected]
        for _ in range(5):
            start = rng.randrange(sentence, end + 1)
            stop = rng.randrange(sentence, end + 1)
            assert doc.span_texts(sentence, start, stop) == document.WORD.findall(norm, start, stop), (norm, start, stop)


@pytest.mark.parametrize("code", available_languages())
def test_every_scale_word_and_suffix_holds_a_letter(code: str) -> None:
    """`mentions._read` reads a number whose text is all digits as one with no scale word or suffix."""
    data = get_language(code).data
    for scale in [*data.get("scale_words", {}), *data.get("scale_suffixes", {})]:
        assert any(char.isalpha() for char in scale), scale


@pytest.mark.parametrize("code", available_languages())
def test_the_dates_of_a_span_are_found_from_the_words_before_its_first_month_name(code: str) -> None:
    """`timing.read_dates` searches for dates from `timing.date_search_start`, a few words before the
    first month name, and finds what a search from the start of the span finds."""
    language = get_language(code)
    time = load_lexicon(code)["time"]
    months = [name for variants in time.get("months", []) for name in variants]
    articles = list(time.get("date_articles", []))
    pieces = [*months, *(month.upper() for month in months), *articles, "7", "12", "1er", "3rd", "4.", "2023",
              "x", "-", ",", ".", "(", " ", "  ", "\u00a0", "1,5"]
    rng = random.Random(code)
    dated = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(("", " ", " ", "  ")) for _ in range(rng.randrange(1, 12)))
        norm = language.normalise(text)
        start = rng.randrange(len(norm) + 1)
        end = rng.randrange(start, len(norm) + 1)
        month = language.month_cue_re.search(norm, start, end)
        if month is None:
            continue
        expected = [found.span() for found in language.date_re.finditer(norm, start, end)]
        low = timing.date_search_start(language, norm, start, month.start())
        assert [found.span() for found in language.date_re.finditer(norm, low, end)] == expected, (norm, start, end)
        dated += bool(expected)
    assert dated > 50
