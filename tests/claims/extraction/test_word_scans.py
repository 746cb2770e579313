"""The document's scans of words and time cues find what the plain patterns they stand for find."""

from __future__ import annotations

import random

import pytest

from claims.extraction import document
from claims.extraction.languages.registry import available_languages, get_language, load_lexicon


def _cues(code: str) -> list[str]:
    time = load_lexicon(code)["time"]
    cues = [*time.get("since", []), *time.get("yesterday", []), *time.get("day_before_yesterday", [])]
    return cues + [name for key in ("months", "weekdays") for variants in time.get(key, []) for name in variants]


# Characters of every kind a text below U+10000 may hold next to a cue: word characters of several
# scripts (a digit, "_", a combining mark, letters that fold to ASCII ones), spaces and punctuation.
_BMP_CHARACTERS = "aZ7_\u00e9\u00df\u0130\u0131\u017f\u212a\u0301\u0663\u05d0\u0645\u4e2d\u00aa\u00b2\u00bd"
_BMP_CHARACTERS += " \n\t\u00a0\u2009\u202f.,;:-()'\"\u00ab\u00bb\u2019\u2014\u2026\u00bf\u00d7\u3000\ufeff\uffff"


@pytest.mark.parametrize("code", available_languages())
def test_the_time_cue_scan_for_a_text_below_u10000_finds_what_the_plain_one_finds(code: str) -> None:
    """`Language.time_cue_after_bmp_re` (the non-word character as a class) searches any text of
    characters below U+10000 as `time_cue_after_re` does (`\\W`), from any position, to any end."""
    language = get_language(code)
    cues = _cues(code)
    pieces = [*cues, *(cue.upper() for cue in cues), *(cue.lower() for cue in cues), *_BMP_CHARACTERS]
    rng = random.Random(code)
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        start = rng.randrange(len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        plain = language.time_cue_after_re.search(text, start, end)
        fast = language.time_cue_after_bmp_re.search(text, start, end)
        assert (plain and plain.span()) == (fast and fast.span()), (text, start, end)
    # Every character below U+10000 before a cue, one at a time.
    cue = cues[0]
    for code_point in range(0x10000):
        text = chr(code_point) + cue
        plain = language.time_cue_after_re.search(text)
        fast = language.time_cue_after_bmp_re.search(text)
        assert (plain and plain.span()) == (fast and fast.span()), hex(code_point)


@pytest.mark.parametrize("code", ["en", "fr"])
def test_the_time_cues_of_a_text_beyond_u10000_are_found_with_the_plain_scan(code: str) -> None:
    """A text with a character beyond U+FFFF (a word character there too) is scanned with `\\W`."""
    language = get_language(code)
    cue = _cues(code)[0]
    for astral in ("\U0001d400", "\U0001f600", "\U00020000"):
        norm = language.normalise(f"{astral}{cue} x {cue}{astral}{cue}")
        doc = document.Document(norm, language)
        assert doc.cue_after_re is language.time_cue_after_re
        expected = [(at, found.end()) for at in range(len(norm)) if (found := language.time_cue_re.match(norm, at))]
        starts, ends = doc.time_cues(len(norm))
        assert list(zip(starts, ends)) == expected, norm


def test_the_tokens_of_a_sentence_read_as_the_list_of_its_words() -> None:
    """`Document.words` gives each word as the `Word` of its offsets and text, whichever way it is
    read, and the same one each time."""
    language = get_language("en")
    norm = language.normalise("Gaza's toll rose to 20,000 (officials said) on Monday; 3 more.\nNext line here.")
    doc = document.Document(norm, language)
    for sentence in (doc.sentence_of(0), doc.sentence_of(len(norm) - 1)):
        tokens, starts, _ = doc.words(sentence)
        ends, texts = doc.word_ends(sentence), doc.word_texts(sentence)
        expected = [(start, end, text) for start, end, text in zip(starts, ends, texts)]
        assert [(m.start(), m.end(), m.group()) for m in doc.word_re.finditer(norm, *doc.bounds(sentence))] == expected
        assert len(tokens) == len(expected)
        assert [(w.start(), w.end(), w.group()) for w in tokens] == expected
        rng = random.Random(sentence)
        for _ in range(200):
            index = rng.randrange(-len(expected), len(expected))
            word = tokens[index]
            assert (word.start(), word.end(), word.group()) == expected[index]
            assert tokens[index] is word
            first = rng.randrange(len(expected) + 2)
            last = rng.randrange(len(expected) + 3)
            sliced = tokens.slice(first, last)
            assert [(w.start(), w.end(), w.group()) for w in sliced] == expected[first:last]
            assert all(w is tokens[first + offset] for offset, w in enumerate(sliced))
        with pytest.raises(IndexError):
            tokens[len(expected)]
