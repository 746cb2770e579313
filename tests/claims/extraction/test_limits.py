"""The engine's limits: numbers a claim cannot hold, the claims limit, and texts made to be costly.
Every text here is written for these tests."""

from __future__ import annotations

import tracemalloc
from decimal import Decimal

import pytest

from claims.extraction import available_languages, extract, extract_report
from claims.extraction.languages.registry import get_language
from claims.extraction.numbers import read_number_words
from claims.extraction.types import VALUE_MAX, Extraction

D = Decimal


# -- numbers a claim cannot hold -------------------------------------------------------------------


def test_a_value_wider_than_a_claim_is_left_out_and_counted() -> None:
    # given a count of 17 digits, one more than a claim holds before the point, beside a count
    text = "12345678901234567 people were killed. In Valmora 20 people were killed."
    # when
    found = extract_report(text, language="en")
    # then the wide one is no claim, and is counted
    assert [claim.value for claim in found.claims] == [D(20)]
    assert (found.out_of_range, found.truncated) == (1, False)
    assert extract(text, language="en") == found.claims


def test_the_widest_value_a_claim_holds_is_kept() -> None:
    found = extract_report("9999999999999999 people were killed.", language="en")
    assert [claim.value for claim in found.claims] == [D("9999999999999999")]
    assert found.out_of_range == 0
    assert VALUE_MAX == D("9999999999999999.9999")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # "about" widens it by a tenth: its upper bound is beyond what a claim holds
        ("About 9999999999999999 people were killed.", "en"),
        # a scale word makes it 2 × 10^16
        ("20,000,000 billion people were displaced.", "en"),
        ("20 000 000 milliards de personnes ont été déplacées.", "fr"),
        # a range whose upper end is beyond
        ("Between 20 and 20,000,000 billion people were displaced.", "en"),
    ],
)
def test_an_interval_or_scale_beyond_a_claim_is_left_out(text: str, language: str) -> None:
    found = extract_report(text, language=language)
    assert (found.claims, found.out_of_range) == ([], 1)


@pytest.mark.parametrize("language", available_languages())
def test_a_million_nines_is_no_number_and_raises_nothing(language: str) -> None:
    # given a body of a million nines, which overflowed the decimal context once scaled
    text = "9" * 1_000_000
    # when / then
    assert extract_report(text, language=language) == Extraction([])
    assert extract(f"Title\n\n{text} people were killed.", language=language) == []


def test_a_million_nines_before_a_reversed_decimal_mark_is_no_number() -> None:
    # given the integer part of an Arabic number printed fraction first ("9ر1" is 1.9), a million
    # nines long, which overflowed the decimal context once scaled
    text = "1ر" + "9" * 1_000_000 + " مليون"
    # when / then
    assert extract_report(text, language="ar") == Extraction([])
    assert extract(f"عنوان\n\nقتل {text} شخص.", language="ar") == []



# -- the claims limit ------------------------------------------------------------------------------


def _dense(count: int) -> str:
    return "Officials said " + "5-" * count


def test_a_claims_limit_keeps_the_first_claims_and_says_more_were_left() -> None:
    # given a text of 60 dense number-like claims
    text = _dense(60)
    everything = extract_report(text, language="en")
    assert len(everything.claims) == 60 and not everything.truncated
    # when only 25 may be kept
    limited = extract_report(text, language="en", max_claims=25)
    # then they are the first 25 of them, as read without a limit, and the text holds more
    assert limited.claims == everything.claims[:25]
    assert limited.truncated


def test_a_text_with_exactly_the_limit_is_not_cut_short() -> None:
    text = "In Valmora 20 people were killed. In Brenzau 30 people were killed."
    found = extract_report(text, language="en", max_claims=2)
    assert (len(found.claims), found.truncated) == (2, False)
    assert extract_report(text, language="en", max_claims=1).truncated
    assert extract_report(text, language="en", max_claims=0) == Extraction([], 0, True)


def test_a_negative_claims_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="max_claims"):
        extract("20 people were killed.", language="en", max_claims=-1)


def test_numbers_that_are_no_claims_stop_the_reading_too() -> None:
    # given a text of years, none a claim: with a limit of 5 claims, at most 50 numbers are read
    text = "Elections were held in " + ", ".join(["2019"] * 200) + "."
    found = extract_report(text, language="en", max_claims=5)
    assert (found.claims, found.truncated) == ([], True)
    assert extract_report(text, language="en") == Extraction([])


def test_a_limited_reading_of_a_long_text_holds_little_memory() -> None:
    # given 20,000 claims in 440 KB: read whole, the engine holds every one of them at once
    text = "5 people were killed. " * 20_000
    extract_report(text[:1000], language="en", max_claims=5)  # lexicon and caches loaded beforehand

    def peak(max_claims: int | None) -> int:
        tracemalloc.start()
        try:
            extract_report(text, language="en", max_claims=max_claims)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    # when read with a limit of 100 claims, then a small part of the memory is ever held: what is
    # left is the article's places, found once over the whole text (about 30 bytes a character)
    assert peak(100) * 3 < peak(None)
    assert peak(100) < 40 * len(text)


# -- number words ----------------------------------------------------------------------------------


def test_a_long_number_in_words_is_still_read() -> None:
    claim = extract(
        "One million two hundred and thirty-four thousand five hundred and sixty-seven people were displaced.",
        language="en",
    )[0]
    assert claim.value == D(1_234_567)


@pytest.mark.parametrize(("language", "word"), [("en", "one"), ("fr", "un"), ("de", "eins"), ("es", "uno"), ("ar", "ثلاثة"), ("ru", "три")])
def test_only_the_start_of_a_long_run_of_number_words_is_read(language: str, word: str) -> None:
    # given a run of 100,000 number words, whose every prefix text2num was asked to read
    compiled = get_language(language)
    assert compiled is not None
    run = " ".join([word] * 100_000)
    # when
    found = read_number_words(compiled, run)
    # then the reading is the one of the run's first 30 words, and nothing longer is kept in the memo
    assert found == read_number_words(compiled, " ".join([word] * 30))
    assert max(len(key) for key in compiled.number_words_memo) <= 300


# -- sentences -------------------------------------------------------------------------------------


def test_a_claim_in_an_overlong_sentence_keeps_the_thousand_characters_around_it() -> None:
    # given a "sentence" of 200 KB without a full stop, and one of ordinary length
    text = "Officials said " + "5-" * 100_000 + "\n\nIn Valmora 20 people were killed."
    # when
    claims = extract(text, language="en")
    # then each claim of the long one keeps the part of it around its own span, the other its sentence
    middle = claims[len(claims) // 2]
    assert 990 <= len(middle.sentence) <= 1000 and text[middle.start : middle.end] in middle.sentence
    assert claims[0].sentence.startswith("Officials said 5-5-") and len(claims[0].sentence) <= 1000
    assert claims[-1].sentence == "In Valmora 20 people were killed."


@pytest.mark.parametrize(("language", "word"), [("en", "one"), ("fr", "un"), ("de", "eins"), ("es", "uno"), ("ar", "ثلاثة"), ("ru", "три")])
def test_a_run_of_number_words_is_matched_thirty_words_at_a_time(language: str, word: str) -> None:
    # A match of the whole run held a frame of `re` per word: 400 MB for a megabyte of "un un un".
    compiled = get_language(language)
    assert compiled is not None
    run = " ".join([word] * 1000)
    matches = [match for match in compiled.mention_re.finditer(run) if match.lastgroup == "words"]
    assert [len(match.group().split()) for match in matches] == [30] * 33 + [10]


def test_a_compound_word_of_more_than_24_numbers_is_none() -> None:
    compiled = get_language("de")
    assert compiled is not None
    assert [m.group() for m in compiled.mention_re.finditer("einundzwanzig " + "eins" * 25)] == ["einundzwanzig"]
    assert [m.group() for m in compiled.mention_re.finditer("eins" * 24)] == ["eins" * 24]
