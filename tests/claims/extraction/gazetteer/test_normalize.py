"""Names folded to the keys they are looked up by, the same in the index and in the text."""

from __future__ import annotations

import pytest

from claims.extraction.gazetteer.build import _Builder, _data
from claims.extraction.gazetteer.normalize import attached_keys, case_forms, name_key, prefix_layers, token_key
from claims.extraction.gazetteer.setup import lexicon_setup
from claims.extraction.languages.registry import load_lexicon


def arabic_first_keys(token: str) -> list[str]:
    """The keys of an Arabic word by the Arabic prefixes of words.toml."""
    return attached_keys(token, prefix_layers(_data("words.toml")["ar"]["attached_prefixes"]))


def russian_forms(name: str) -> set[str]:
    """The case forms of a Russian name by the Russian lexicon's table of endings."""
    table = load_lexicon("ru")["gazetteer"]
    return case_forms(name, table["name_cases"], table["name_adjectives"], table["name_shortest"])


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Türkei", "turkei"),
        ("Turquía", "turquia"),
        ("İstanbul", "istanbul"),
        ("Łódź", "lodz"),
        ("Gießen", "giessen"),
        ("Kot-d’Ivuar", "kot d ivuar"),
        ("L'Aquila", "l aquila"),
        ("Ёлки", "елки"),
        ("Турецкий", "турецкий"),
    ],
)
def test_latin_and_cyrillic_names_fold_to_one_key(written: str, key: str) -> None:
    assert name_key(written) == key


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("المغرب", "مغرب"),
        ("مغرب", "مغرب"),
        ("غزّة", "غزه"),
        ("إدلب", "ادلب"),
        ("آسيا", "اسيا"),
        ("حمى", "حمي"),
        ("ســوريا", "سوريا"),
    ],
)
def test_arabic_letters_marks_and_article_are_normalised(written: str, key: str) -> None:
    assert token_key(written) == key


def test_arabic_clitics_are_taken_off_the_first_word() -> None:
    assert "مغرب" in arabic_first_keys("بالمغرب")
    assert "مغرب" in arabic_first_keys("للمغرب")
    assert "غزه" in arabic_first_keys("وبغزة")
    assert "سوريا" in arabic_first_keys("وسوريا")
    # The whole word comes first: a name that starts with one of these letters is found whole.
    assert arabic_first_keys("بغداد")[0] == "بغداد"
    # "ف" only before the article: "فرقه" (his teams) is no "رقه".
    assert arabic_first_keys("فرقه") == ["فرقه"]
    assert "رقه" in arabic_first_keys("فالرقة")


@pytest.mark.parametrize(
    ("nominative", "inflected"),
    [
        ("Украина", {"Украины", "Украине", "Украину", "Украиной"}),
        ("Турция", {"Турции", "Турцию", "Турцией"}),
        ("Газа", {"Газы", "Газе"}),
        ("Париж", {"Парижа", "Париже", "Парижем"}),
        ("Китай", {"Китая", "Китае"}),
        ("Сектор Газа", {"Сектора Газа", "Секторе Газа"}),
        ("Саудовская Аравия", {"Саудовской Аравии", "Саудовскую Аравию"}),
        ("Генеральная Ассамблея ООН", {"Генеральной Ассамблеи ООН"}),
        ("Нидерланды", {"Нидерландов", "Нидерландах"}),
        ("Большой Токмак", {"Большого Токмака", "Большим Токмаком"}),
        ("Великий Новгород", {"Великого Новгорода", "Великим Новгородом"}),
        ("Золотой Рог", {"Золотым Рогом"}),
        ("Ока", {"Оки", "Окой"}),
        ("Бой", {"Боя", "Боем"}),
        ("Мурманская область", {"Мурманской области", "Мурманскую область"}),
    ],
)
def test_russian_case_forms_are_written_out(nominative: str, inflected: set[str]) -> None:
    assert inflected <= russian_forms(nominative)


def test_an_indeclinable_russian_name_keeps_its_one_form() -> None:
    assert russian_forms("Марокко") == {"Марокко"}
    # A plural ending wants a word of five letters: "Чили" is no plural.
    assert russian_forms("Чили") == {"Чили"}


def test_a_name_another_language_files_declines_by_the_endings_of_each_alphabet_that_writes_it() -> None:
    builder = _Builder(lexicon_setup())
    index = builder.place("test:1", "admin1", "", "XQ", 0)
    # A Ukrainian name in letters Russian shares: Russian's endings decline it too.
    builder.name(index, "uk", "Барселона")
    # One with a letter Russian has not: Ukrainian's endings only.
    builder.name(index, "uk", "Абхазія")
    assert {"барселоне", "барселони", "абхазії"} <= set(builder.aliases)
    assert "абхазии" not in builder.aliases
