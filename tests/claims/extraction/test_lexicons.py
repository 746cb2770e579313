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


def test_every_shipped_language_loads() -> None:
    assert available_languages() == ("de", "en", "es", "fr")
    for code in available_languages():
        language = get_language(code)
        assert language is not None
        assert language.code == code


def test_language_without_lexicon_is_none() -> None:
    assert get_language("ru") is None


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
