"""The faster regex forms in `languages.patterns` match exactly what the plain forms match.

Case-sensitive classes stand in for IGNORECASE letters, and `bounded_words` moves the word-boundary
check after the first letter; both must change no match anywhere, including on the characters that
case folding relates to ASCII letters ("ſ", the Kelvin sign, dotted and dotless i).
"""

from __future__ import annotations

import random
import re

import pytest

from claims.extraction.languages import patterns
from claims.extraction.languages.registry import available_languages, get_language, load_lexicon
from claims.extraction.mentions import read_mentions

TRICKY = ("ſ", "\u212a", "\u0130", "\u0131", "ß", "\u1e9e", "É", "é", "-", "'", " ", "\u00a0", "_", "1", ".", ",")
NUMBER_FORMS = (
    "0", "12", "300", "1,500", "1.500", "2 000", "2\u202f000", "12.5", "3,25", "007", "+33", "(0)", "(212)",
    "555-123-4567", "0800 555 019", "91 123 45 67", "14:30", "14h30", "9.30", "2023-10-07", "7/10/2023",
    "7.10.23", "1er", "3rd", "x7", "7x", "%", "/", ":", "_",
)
SEPARATORS = ("", " ", "-", "\n", ", ", "(", ".", "\u00a0", "/")


def test_each_fold_class_is_exactly_what_ignorecase_matches() -> None:
    """For every character of every lexicon, over all code points."""
    for code in available_languages():
        get_language(code)
    everything = "".join(patterns._every_character())
    for char, fold in patterns._FOLDS.items():
        assert set(re.findall(re.escape(char), everything, re.IGNORECASE)) == set(fold), char


@pytest.mark.parametrize("code", available_languages())
def test_bounded_words_matches_like_a_bounded_alternation(code: str) -> None:
    data = load_lexicon(code)
    lists = [
        data["cues"].get(name, []) for name in ("part_of", "baseline", "anaphora", "locative", "not_claim_before")
    ] + [
        data["attribution"].get(name, []) for name in ("before_source", "after_source", "verbs", "phrases")
    ] + [[*data["votes"]["context"], *data.get("bodies", {})], data["time"]["yesterday"], list(data.get("places", {}))]
    rng = random.Random(code)
    for phrases in lists:
        # The plain form: literal letters under IGNORECASE, as the trie was first written.
        plain = re.compile(patterns.bounded(patterns.alternation(phrases, ignorecase=False)), re.IGNORECASE)
        folded = re.compile(patterns.bounded(patterns.alternation(phrases)), re.IGNORECASE)
        fast = re.compile(patterns.bounded_words(phrases))
        pieces = [*phrases, *(p.upper() for p in phrases), *(p.title() for p in phrases), *TRICKY]
        pieces += [p.replace("s", "ſ").replace("k", "\u212a").replace("i", "\u0131") for p in phrases]
        for _ in range(300):
            text = "".join(rng.choice(pieces) + rng.choice(("", " ", "x", ".")) for _ in range(rng.randrange(12)))
            expected = [m.span() for m in plain.finditer(text)]
            assert [m.span() for m in folded.finditer(text)] == expected, text
            assert [m.span() for m in fast.finditer(text)] == expected, text
            start = rng.randrange(len(text) + 1)
            end = rng.randrange(start, len(text) + 1)
            first = plain.search(text, start, end)
            for pattern in (folded, fast):
                found = pattern.search(text, start, end)
                assert (found and found.span()) == (first and first.span()), (text, start, end)


@pytest.mark.parametrize("code", available_languages())
def test_prefix_guard_holds_wherever_a_word_of_the_mention_regex_matches(code: str) -> None:
    """The guard before the word branches of the mention regex rejects no position where one matches."""
    data = load_lexicon(code)
    language = get_language(code)
    phrases = [
        *data["numbers"].get("words", []),
        *data.get("vague", {}),
        *data.get("approx_words", {}),
        *data.get("fractions", {}),
        *language._month_names,
    ]
    guard = re.compile(patterns.prefix_guard(phrases), re.IGNORECASE)
    plain = re.compile(patterns.alternation(phrases, ignorecase=False), re.IGNORECASE)
    rng = random.Random(code)
    pieces = [*phrases, *(p.upper() for p in phrases), *(p.title() for p in phrases), *TRICKY]
    pieces += [p.replace("s", "ſ").replace("k", "\u212a").replace("i", "\u0131") for p in phrases]
    pieces += [p[:cut] for p in phrases for cut in (1, 2, 3)]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(("", " ", "\u00a0", "x", ".")) for _ in range(rng.randrange(12)))
        for position in range(len(text) + 1):
            if plain.match(text, position):
                assert guard.match(text, position), (text, position)


@pytest.mark.parametrize("code", available_languages())
def test_the_opening_classes_hold_wherever_a_word_of_the_mention_regex_matches(code: str) -> None:
    """The classes the word scan of `read_mentions` checks first reject no position where a word matches."""
    data = load_lexicon(code)
    language = get_language(code)
    phrases = [*data["numbers"].get("words", []), *data.get("vague", {}), *data.get("fractions", {}), *language._month_names]
    phrases += [*data.get("approx_words", {}), *data["numbers"].get("values", {})]
    opening = re.compile(patterns.opening_classes(phrases)[0])
    plain = re.compile(patterns.alternation(phrases, ignorecase=False), re.IGNORECASE)
    rng = random.Random(code)
    pieces = [*phrases, *(p.upper() for p in phrases), *(p.title() for p in phrases), *TRICKY]
    pieces += [p.replace("s", "ſ").replace("k", "\u212a").replace("i", "\u0131") for p in phrases]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(("", " ", "\u00a0", "x", ".")) for _ in range(rng.randrange(12)))
        for position in range(len(text) + 1):
            if plain.match(text, position):
                assert opening.match(text, position), (text, position)


@pytest.mark.parametrize("code", available_languages())
def test_the_mention_scan_finds_what_the_mention_regex_finds(code: str) -> None:
    language = get_language(code)
    if language.mention_scan is None:
        return
    data = language.data
    phrases = [*data["numbers"].get("words", []), *data["numbers"].get("values", {}), *data.get("vague", {})]
    phrases += [*data.get("approx_words", {}), *data.get("fractions", {}), *language._month_names]
    pieces = [*phrases, *(p.upper() for p in phrases), *(p[:2] for p in phrases), *TRICKY, "7", "2023", "(", "+"]
    # Numbers and what only looks like one (dates, clock times, phone numbers), in every writing.
    pieces += [*NUMBER_FORMS, *(scale for scale in data.get("scale_words", {})), *data.get("scale_suffixes", {})]
    pieces += [*data["time"].get("date_articles", []), *data.get("cues", {}).get("clock_words", [])]
    # A character above U+00FF: the text is scanned with the classes of the whole plane.
    pieces += ["\u20ac", "\u2014", "\u0663"]
    rng = random.Random(code)
    for _ in range(1500):
        text = "".join(rng.choice(pieces) + rng.choice(SEPARATORS) for _ in range(rng.randrange(9)))
        found = [(m.start, m.end, m.kind, m.value) for m in read_mentions(text, language, len(text))]
        scan, language.mention_scan = language.mention_scan, None
        try:
            expected = [(m.start, m.end, m.kind, m.value) for m in read_mentions(text, language, len(text))]
        finally:
            language.mention_scan = scan
        assert found == expected, text


def test_the_nationwide_phrases_match_like_a_bounded_alternation() -> None:
    """The place finder's `nationwide` and `elsewhere` patterns (`normalize.phrases_pattern`), opening
    with case-sensitive characters, find what the plain form (the phrases under IGNORECASE between word
    boundaries) finds."""
    import tomllib

    from claims.extraction import native
    from claims.extraction.gazetteer.normalize import WORD_CHARS, phrase_pattern, phrases_pattern

    words = tomllib.loads((native.PACKAGE / "gazetteer" / "data" / "words.toml").read_text(encoding="utf-8"))
    lists = [entry[field] for entry in words.values() if isinstance(entry, dict)
             for field in ("nationwide", "elsewhere") if entry.get(field)]
    assert lists
    rng = random.Random("nationwide")
    for phrases in [*lists, ["à travers", "A B", "ſo", "x"]]:
        ordered = sorted(phrases, key=len, reverse=True)
        plain = re.compile(
            f"(?<![{WORD_CHARS}])(?:" + "|".join(map(phrase_pattern, ordered)) + f")(?![{WORD_CHARS}])",
            re.IGNORECASE,
        )
        fast = phrases_pattern(phrases)
        assert fast is not None
        pieces = [*phrases, *(p.upper() for p in phrases), *(p.title() for p in phrases), *TRICKY]
        pieces += [p.replace("'", "\u2019").replace(" ", "\u00a0") for p in phrases]
        for _ in range(300):
            text = "".join(rng.choice(pieces) + rng.choice(("", " ", "x", ".")) for _ in range(rng.randrange(12)))
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text
            start = rng.randrange(len(text) + 1)
            end = rng.randrange(start, len(text) + 1)
            expected = plain.search(text, start, end)
            found = fast.search(text, start, end)
            assert (found and found.span()) == (expected and expected.span()), (text, start, end)
