"""The tests that let the engine skip a search never skip one that would match: wherever
`Language.qualifier_re` matches right before a number, `cues.PhraseEnds.may_end` says it may;
and so wherever `Language.not_claim_before_re` or `Language.change_before_re` does; wherever `Language.baseline_re` or
`Language.vote_context_re` matches in a sentence, or `Language.population_before_re` right before a
number in one, `cues.PhraseWords.may_hold` says it may; wherever
`Language.after_number_re` or `Language.qualifier_after_re` matches after a number,
`cues.PhraseStarts.may_start` says it may."""

from __future__ import annotations

import random
import re

import pytest

from claims.extraction.languages import patterns

from claims.extraction.languages.registry import available_languages, get_language
from claims.extraction.context import CLAUSE_CHARS, clause_end, clause_start
from claims.extraction.cues import (
    _NUMBER_SIGNS,
    after_number_starts,
    baseline_words,
    change_ends,
    not_claim_ends,
    part_of_words,
    population_words,
    qualifier_after_starts,
    qualifier_ends,
    vote_words,
)
from claims.extraction.document import CLAUSE_PUNCTUATION, WORD
from claims.extraction.values import may_be_vote_pair

TRICKY = ("ſ", "\u212a", "\u0130", "\u0131", "ß", "É", "é", "-", "'", " ", "\u00a0", "_", "1", ".", ",")


def test_a_character_without_case_matches_only_itself_under_ignorecase() -> None:
    """What `cues._matching` relies on: every character that matches a cased one is cased."""
    everything = "".join(patterns._every_character())
    cased = [char for char in everything if char.lower() != char or char.upper() != char]
    union = re.compile("[" + "".join(map(re.escape, cased)) + "]", re.IGNORECASE)
    assert all(char.lower() != char or char.upper() != char for char in set(union.findall(everything)))


def test_the_clause_characters_are_the_clause_punctuation() -> None:
    """`context.CLAUSE_CHARS`, which `Context.before` looks for one by one, are what
    `document.CLAUSE_PUNCTUATION` matches."""
    plane = next(patterns._every_character())
    assert {char for char in plane if CLAUSE_PUNCTUATION.fullmatch(char)} == set(CLAUSE_CHARS)


def _variant(rng: random.Random, phrase: str) -> str:
    """The phrase in a random case, a letter now and then swapped for one case folding relates to it."""
    chars = []
    for char in phrase:
        roll = rng.random()
        if char == "s" and roll < 0.1:
            chars.append("ſ")
        elif char in "kK" and roll < 0.1:
            chars.append("\u212a")
        elif char in "iI" and roll < 0.1:
            chars.append(rng.choice("\u0130\u0131"))
        else:
            chars.append(char.upper() if roll < 0.5 else char.lower())
    return "".join(chars)


@pytest.mark.parametrize("code", available_languages())
def test_may_end_wherever_the_qualifier_pattern_matches(code: str) -> None:
    language = get_language(code)
    ends = qualifier_ends(language)
    qualifiers = language.data.get("qualifiers", {})
    phrases = [phrase for phrases in qualifiers.values() for phrase in phrases]
    fillers = list(qualifiers.get("fillers", [])) or [""]
    words = [word for phrase in phrases for word in phrase.split()] + list(TRICKY)
    rng = random.Random(code)
    matched = 0
    for _ in range(3000):
        before = " ".join(rng.choice(words) for _ in range(rng.randrange(3)))
        middle = [_variant(rng, rng.choice(phrases))] + [
            _variant(rng, rng.choice(fillers)) for _ in range(rng.randrange(3))
        ]
        gap = rng.choice(["", " ", "  ", "\u00a0", rng.choice(TRICKY)])
        text = f"{before} {' '.join(middle)}{gap}300"
        end = text.rindex("300")
        for low in (0, max(0, end - 48), rng.randrange(end + 1)):
            found = language.qualifier_re.search(text, low, end)
            if found is not None:
                matched += 1
                assert ends.may_end(text, low, end), (text, low)
    assert matched > 1000


def _vote_phrases(data: dict) -> list[str]:
    phrases = [*data.get("votes", {}).get("context", []), *data.get("bodies", {})]
    return phrases + [clitic + phrase for clitic in data.get("clitics", []) for phrase in phrases]


@pytest.mark.parametrize("code", available_languages())
@pytest.mark.parametrize("kind", ["baseline", "vote", "part_of"])
def test_may_hold_wherever_the_sentence_pattern_matches(code: str, kind: str) -> None:
    language = get_language(code)
    if kind == "baseline":
        words, pattern = baseline_words(language), language.baseline_re
        phrases = list(language.data.get("cues", {}).get("baseline", []))
    elif kind == "part_of":
        # `parts.link_parts` searches a span for a part cue only when its words may hold one.
        words, pattern = part_of_words(language), language.part_of_re
        phrases = list(language.data.get("cues", {}).get("part_of", []))
        if not phrases:
            assert not words.may_hold(["dont", "among", "them", "de", "ellos"])
            return
    else:
        words, pattern, phrases = vote_words(language), language.vote_context_re, _vote_phrases(language.data)
    pool = [word for phrase in phrases for word in phrase.split()] + list(TRICKY)
    rng = random.Random(code)
    matched = 0
    for _ in range(3000):
        parts = [rng.choice(pool) for _ in range(rng.randrange(4))]
        parts.insert(rng.randrange(len(parts) + 1), _variant(rng, rng.choice(phrases)).replace("*", "x"))
        text = rng.choice(["", " ", "a"]).join(parts)
        low, high = rng.randrange(3), len(text) - rng.randrange(3)
        if pattern.search(text, low, high) is not None:
            matched += 1
            assert words.may_hold(WORD.findall(text, low, high)), (text, low, high)
            # `parts.link_parts` reads the words of the whole sentence, unless the span ends in a word.
            if kind == "part_of" and not (0 < high < len(text) and all(c.isalnum() or c == "_" for c in text[high - 1 : high + 1])):
                assert words.may_hold(WORD.findall(text)), (text, low, high)
    assert matched > 300


@pytest.mark.parametrize("code", available_languages())
@pytest.mark.parametrize("kind", ["not_claim", "change"])
def test_may_end_wherever_a_cue_pattern_matches(code: str, kind: str) -> None:
    language = get_language(code)
    signs = _NUMBER_SIGNS if kind == "not_claim" else [""]
    ends = not_claim_ends(language) if kind == "not_claim" else change_ends(language)
    pattern = language.not_claim_before_re if kind == "not_claim" else language.change_before_re
    phrases = list(language.data.get("cues", {}).get(f"{kind}_before", []))
    if pattern is None or not phrases:
        return
    words = [word for phrase in phrases for word in phrase.split()] + list(TRICKY)
    rng = random.Random(code)
    matched = 0
    for _ in range(3000):
        before = " ".join(rng.choice(words) for _ in range(rng.randrange(3)))
        sign = rng.choice(["", "", rng.choice(signs), _variant(rng, rng.choice(signs))])
        middle = _variant(rng, rng.choice(phrases)) + rng.choice(["", " "]) + sign
        gap = rng.choice(["", " ", "  ", "\u00a0", rng.choice(TRICKY)])
        text = f"{before} {middle}{gap}300"
        end = text.rindex("300")
        for low in (0, max(0, end - 48), rng.randrange(end + 1)):
            if pattern.search(text, low, end) is not None:
                matched += 1
                assert ends.may_end(text, low, end), (text, low)
    assert matched > 300


@pytest.mark.parametrize("code", available_languages())
@pytest.mark.parametrize("kind", ["after_number", "qualifier_after"])
def test_may_start_wherever_a_pattern_after_the_number_matches(code: str, kind: str) -> None:
    language = get_language(code)
    if kind == "after_number":
        starts, pattern = after_number_starts(language), language.after_number_re
        cues = language.data.get("cues", {})
        phrases = ["%", *language.data.get("words", {}).get("percent", [])]
        phrases += [*cues.get("part_of_after", []), *cues.get("clock_words", [])]
    else:
        starts, pattern = qualifier_after_starts(language), language.qualifier_after_re
        qualifiers = language.data.get("qualifiers", {})
        phrases = [phrase for name, listed in qualifiers.items() if name.endswith("_after") for phrase in listed]
    if not phrases:
        return
    pool = [word for phrase in phrases for word in phrase.split()] + list(TRICKY)
    rng = random.Random(code)
    matched = 0
    for _ in range(3000):
        gap = rng.choice(["", " ", "  ", "\u00a0", rng.choice(TRICKY)])
        after = " ".join(rng.choice(pool) for _ in range(rng.randrange(3)))
        text = f"300{gap}{_variant(rng, rng.choice(phrases)).replace('*', 'x')}{rng.choice(['', ' ', 'a'])}{after}"
        if pattern.match(text, 3) is not None:
            matched += 1
            assert starts.may_start(text, 3), text
    assert matched > 300


@pytest.mark.parametrize("code", available_languages())
def test_may_hold_wherever_a_population_cue_matches_before_the_number(code: str) -> None:
    """`metrics._is_population` searches a sentence only when its words may hold a population cue."""
    language = get_language(code)
    words, pattern = population_words(language), language.population_before_re
    phrases = list(language.data.get("cues", {}).get("population_before", []))
    if not phrases:
        assert not words.may_hold(["town", "of", "ville", "de", "300"])
        return
    pool = [word for phrase in phrases for word in phrase.split()] + list(TRICKY) + ["more", "than", "plus"]
    rng = random.Random(code)
    matched = 0
    for _ in range(3000):
        before = rng.choice(["", " ", "a"]).join(rng.choice(pool) for _ in range(rng.randrange(3)))
        between = " ".join(rng.choice(pool) for _ in range(rng.randrange(4)))
        space = rng.choice([" ", "  ", "\u00a0", "", "a"])
        gap = rng.choice(["", " ", "  ", "\u00a0", rng.choice(TRICKY)])
        phrase = _variant(rng, rng.choice(phrases)).replace("*", "x")
        text = f"{before}{rng.choice(['', ' ', 'a', '-'])}{phrase}{space}{between}{gap}300"
        end = text.rindex("300")
        for low in (0, max(0, end - 48), rng.randrange(end + 1)):
            if pattern.search(text, low, end) is not None:
                matched += 1
                assert words.may_hold(WORD.findall(text)), (text, low)
    assert matched > 1000


def test_a_clause_ends_at_the_first_clause_punctuation_and_starts_after_the_last() -> None:
    """`context.clause_end` and `context.clause_start`, which look for each clause character alone,
    find where `CLAUSE_PUNCTUATION` finds its first and its last match in a span: a comma between
    digits ends no clause, also at the edges of the span (the digit before it may stand before the
    span, the one after it not after it)."""
    pieces = [*CLAUSE_CHARS, "1", "23", "a", " ", ",", ",", "1,5", "\u0661", "x"]
    rng = random.Random(11)
    for _ in range(20000):
        norm = "".join(rng.choice(pieces) for _ in range(rng.randrange(12)))
        low = rng.randrange(len(norm) + 1)
        high = rng.randrange(low, len(norm) + 1)
        expected = low
        for found in CLAUSE_PUNCTUATION.finditer(norm, low, high):
            expected = found.end()
        assert clause_start(norm, low, high) == expected, (norm, low, high)
        first = CLAUSE_PUNCTUATION.search(norm, low, high)
        assert clause_end(norm, low, high) == (high if first is None else first.start()), (norm, low, high)


@pytest.mark.parametrize("code", available_languages())
def test_a_vote_pair_is_looked_for_wherever_the_pair_pattern_matches(code: str) -> None:
    """`values.may_be_vote_pair`, which reads the first character after the spaces between two
    counts, says a pair may stand there wherever `Language.vote_pair_re` matches it."""
    language = get_language(code)
    votes = language.data.get("votes", {})
    nouns, pairs = list(votes.get("nouns", [])), list(votes.get("pair", []))
    if not pairs:
        return
    spaces = ["", " ", "  ", "\u00a0", "\u202f", "\t"]
    rng = random.Random(code)
    matched = 0
    for _ in range(3000):
        noun = ""
        if nouns and rng.random() < 0.5:
            noun = _variant(rng, rng.choice(nouns)).replace("*", rng.choice(["", "x"]))
        pair = _variant(rng, rng.choice(pairs)).replace("*", "")
        junk = rng.choice(["", "", rng.choice(TRICKY), "a"])
        gap = rng.choice(spaces) + junk + noun + (rng.choice(spaces) if noun else "") + pair + rng.choice(spaces)
        text = f"153{gap}10"
        end = len(text) - 2
        if language.vote_pair_re.fullmatch(text, 3, end) is not None:
            matched += 1
            assert may_be_vote_pair(text, language, 3, end), text
    assert matched > 300
