"""A further language is a lexicon and a corpus: the set of languages is the set of lexicons, and
what the engine, the detector and the gazetteer need to know of a language's script comes from
its lexicon's `[script]` table. Ukrainian is read from its lexicon alone; a Hebrew and a Turkish
lexicon (minimal ones, written for these tests) are read without a line of code of their own."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from claims.extraction import available_languages, extract
from claims.extraction.detect import SUPPORTED_LANGUAGES, detect_language
from claims.extraction.engine import run
from claims.extraction.gazetteer.build import FORMAT, Setup, _words
from claims.extraction.gazetteer.finder import Finder
from claims.extraction.gazetteer.index import Gazetteer, default
from claims.extraction.gazetteer.normalize import case_forms
from claims.extraction.languages.base import Language
from claims.extraction.languages.registry import load_lexicon, validate_lexicon
from claims.extraction.languages.scripts import lexicon_scripts
from tests.claims.extraction.test_qualifier_after import MINIMAL_TURKISH
from tools.extraction_corpus import load_corpus

CORPUS = Path(__file__).parent / "corpus"

MINIMAL_HEBREW = """
language = "he"
name = "עברית"
decimal_separator = "."
thousands_separators = [","]
clitics = ["ו", "ה", "ב", "ל", "מ", "ש"]

[script]
name = "Hebrew"
letters = "\\u05d0-\\u05ea"
cased = false
direction = "rtl"

[numbers]
words = []

[qualifiers]
at_least = ["לפחות"]

[metrics]
deaths = ["נהרג*", "הרוג*"]
injured = ["נפצע*", "פצוע*"]

[groups]
people = ["אנשים", "בני אדם"]

[time]
months = [["ינואר"], ["פברואר"], ["מרץ"], ["אפריל"], ["מאי"], ["יוני"], ["יולי"], ["אוגוסט"], ["ספטמבר"],
  ["אוקטובר"], ["נובמבר"], ["דצמבר"]]
weekdays = [["שני"], ["שלישי"], ["רביעי"], ["חמישי"], ["שישי"], ["שבת"], ["ראשון"]]

[gazetteer]
# "and", "that", the prepositions "in", "to", "from", "as", then the article.
attached_prefixes = ["ו", "ש", "ב ל מ כ", "ה"]
locative_prefixes = ["ב", "ל", "מ"]
common = ["שלום"]
"""


def _hebrew() -> dict[str, Any]:
    data = tomllib.loads(MINIMAL_HEBREW)
    validate_lexicon(data, source="he (test)")
    return data


def test_the_languages_read_and_detected_are_the_lexicons() -> None:
    assert "uk" in available_languages()
    assert SUPPORTED_LANGUAGES == available_languages()


def test_every_lexicon_has_a_corpus_of_its_own() -> None:
    cases = load_corpus(CORPUS)
    for code in available_languages():
        assert sum(1 for case in cases if case.language == code) >= 25, code


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Унаслідок нічного обстрілу Вербівки загинули девʼять людей, ще дванадцять дістали поранення.", "uk"),
        ("В результате ночного обстрела Ольшанки погибли девять человек, ещё двенадцать ранены.", "ru"),
    ],
)
def test_ukrainian_is_told_from_russian(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_name_is_filed_under_the_languages_whose_alphabet_writes_it() -> None:
    cyrillic = next(script for script in lexicon_scripts() if "ru" in script.languages)
    assert cyrillic.languages_of("Харків") == ("uk",)
    assert cyrillic.languages_of("Харьков") == ("ru", "uk")
    # A Serbian name: looked for, but filed under neither.
    assert cyrillic.languages_of("Јамусукро") == ()


def test_the_built_gazetteer_names_a_town_in_ukrainian_and_shows_russian_names_in_russian_letters() -> None:
    gazetteer = default()
    kharkiv = gazetteer.place("geonames:706483")
    assert "і" in kharkiv.names["uk"]
    russian = set(load_lexicon("ru")["script"]["alphabet"])
    position = gazetteer.languages.index("ru")
    foreign = [
        names[position] for names in gazetteer.names
        if any(char.isalpha() and char.lower() not in russian for char in names[position])
        and not names[position].isascii()
    ]
    assert foreign == []


def _tiny_gazetteer(setup: Setup, aliases: dict[str, int], words: dict[str, Any] | None = None) -> Gazetteer:
    return Gazetteer({
        "format": FORMAT, "languages": list(setup.languages), "ids": ["iso:XQ"], "kinds": ["country"],
        "parents": [-1], "countries": ["XQ"], "populations": [0], "names": [("",) * len(setup.languages)],
        "aliases": aliases, "demonyms": {}, "first": {}, "abbreviations": {}, "abbreviation_first": {},
        "words": words or {}, "lower_demonyms": {},
        "start_letters": "".join(script.start_letters() for script in setup.scripts),
    })


def test_a_name_starts_on_a_capital_where_the_script_has_capitals_and_on_any_letter_where_it_has_none() -> None:
    setup = Setup.of([load_lexicon("en"), _hebrew()])
    finder = Finder(_tiny_gazetteer(setup, {"valmora": 0, "חיפה": 0}), "he")
    assert [mention.surface for mention in finder.find("Floods hit Valmora, not valmora.")] == ["Valmora"]
    assert [mention.surface for mention in finder.find("בעיר חיפה נפצעו 3 אנשים.")] == ["חיפה"]


def test_the_prefixes_hebrew_writes_onto_a_name_are_lexicon_data() -> None:
    setup = Setup.of([load_lexicon("en"), _hebrew()])
    gazetteer = _tiny_gazetteer(setup, {"חיפה": 0, "לוד": 0, "שלום": 0}, _words({}, setup))
    finder = Finder(gazetteer, "he")
    text = "בחיפה נפצעו 3 אנשים, ובלוד 2, ובעיר לוד עוד אחד."
    assert [mention.surface for mention in finder.find(text)] == ["בחיפה", "ובלוד", "לוד"]
    # A common word is no name, unless a preposition is written onto it.
    assert [mention.surface for mention in finder.find("שלום לכולם. הם הגיעו לשלום.")] == ["לשלום"]


def test_a_hebrew_lexicon_is_read_with_no_code_of_its_own() -> None:
    hebrew = Language(_hebrew())
    claims = run("לפחות 40 הרוגים ברעידת האדמה.", hebrew, None, "day", Decimal("0.1")).claims
    assert [(claim.metric, claim.value, claim.qualifier) for claim in claims] == [("deaths", Decimal("40"), "at_least")]


def test_a_turkish_qualifier_after_the_counted_noun_is_lexicon_data() -> None:
    data = tomllib.loads(MINIMAL_TURKISH)
    data["qualifiers"]["more_than_after"] = [*data["qualifiers"]["more_than_after"], "kişiden fazla"]
    claims = run("Selde 100 kişiden fazla öldü.", Language(data), None, "day", Decimal("0.1")).claims
    assert [(claim.metric, claim.value, claim.qualifier) for claim in claims] == [("deaths", Decimal("100"), "more_than")]


def test_ukrainian_names_decline_by_the_lexicons_table_of_endings() -> None:
    table = load_lexicon("uk")["gazetteer"]
    forms = case_forms("Донецька область", table["name_cases"], table["name_adjectives"])
    assert {"Донецької області", "Донецькій області"} <= forms
    claims = extract("У Донецькій області загинули 4 людини.", language="uk")
    assert [(claim.metric, claim.subject) for claim in claims] == [("deaths", "iso:UA-14")]


def test_the_apostrophe_inside_a_ukrainian_word_is_a_letter() -> None:
    # "сімʼя" (family) is no "сім" (seven) of the dead.
    assert [claim.metric for claim in extract("Сім'я загиблих отримала допомогу.", language="uk")] == []
    claims = extract("Рятувальники знайшли пʼятьох загиблих.", language="uk")
    assert [(claim.metric, claim.value) for claim in claims] == [("deaths", Decimal("5"))]
