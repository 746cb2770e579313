"""The lexicons load, validate against the known key set, and a bad one fails loudly."""

from __future__ import annotations

import pytest

from claims.extraction.languages.registry import (
    LexiconError,
    available_languages,
    get_language,
    load_lexicon,
    validate_lexicon,
)
from claims.extraction.languages.words import WordInfo


def test_every_shipped_language_loads() -> None:
    assert available_languages() == ("ar", "de", "en", "es", "fr", "ru", "uk")
    for code in available_languages():
        language = get_language(code)
        assert language is not None
        assert language.code == code


def test_language_without_lexicon_is_none() -> None:
    assert get_language("he") is None


def test_unknown_key_is_refused() -> None:
    data = load_lexicon("en")
    data["metrcs"] = {}
    with pytest.raises(LexiconError, match="unknown key 'metrcs'"):
        validate_lexicon(data, source="en.toml")


def test_unknown_nested_key_is_refused() -> None:
    data = load_lexicon("fr")
    data["metrics"] = {**data["metrics"], "death": ["morts"]}
    with pytest.raises(LexiconError, match="metrics"):
        validate_lexicon(data, source="fr.toml")


def test_wrong_type_is_refused() -> None:
    data = load_lexicon("de")
    data["decimal_separator"] = 1
    with pytest.raises(LexiconError, match="decimal_separator"):
        validate_lexicon(data, source="de.toml")


def test_words_and_phrases_are_looked_up_with_stems() -> None:
    language = get_language("fr")
    assert language is not None
    assert language.word("Blessées").metric == "injured"
    assert language.word("martyrs").metric == "deaths"
    assert language.word("table").metric is None


def test_a_word_is_read_without_the_clitics_glued_to_it_and_through_the_character_map() -> None:
    arabic = get_language("ar")
    russian = get_language("ru")
    assert arabic is not None and russian is not None
    # Words are looked up as the engine meets them, in the normalised text.
    def ar(word: str) -> WordInfo:
        return arabic.word(arabic.normalise(word))

    # The article and "and" glued on, the hamza on the alif, a short-vowel mark inside the word.
    assert ar("والإصابات").metric == "injured"
    assert ar("بمقتل").metric == "deaths"
    assert ar("قتيلاً").metric == "deaths"
    assert ar("وصوّتت").vote_context
    assert ar("وإصابة").conjoined
    assert not ar("وفاة").conjoined
    assert russian.word(russian.normalise("погибшие")).metric == russian.word("погибли").metric == "deaths"
    assert russian.word(russian.normalise("пострадавших")).metric == "injured"


def test_the_character_map_keeps_every_offset() -> None:
    arabic = get_language("ar")
    assert arabic is not None
    text = "أُصيب ١٬٢٠٠ شخصٍ، ونزح ٢٫٥ مليون؟"
    norm = arabic.normalise(text)
    assert len(norm) == len(text)
    # The Arabic decimal mark is the lexicon's own decimal separator, kept; the thousands mark is read as ",".
    assert "1,200" in norm and "2\u066b5" in norm and "،" not in norm


def test_a_character_map_entry_must_be_a_table() -> None:
    data = load_lexicon("ru")
    data["char_map"] = ["ё"]
    with pytest.raises(LexiconError, match="char_map"):
        validate_lexicon(data, source="ru.toml")
