"""The finder: names and their inflected forms in six languages, and the words that are no place."""

from __future__ import annotations

import random

import pytest

from claims.extraction.gazetteer.article import ArticlePhrases
from claims.extraction.gazetteer.finder import find_places, finder
from claims.extraction.gazetteer.index import Gazetteer
from claims.extraction.gazetteer.types import PlaceMention


def _found(text: str, language: str, gazetteer: Gazetteer, **options: object) -> list[tuple[str, tuple[str, ...]]]:
    """(surface, candidate ids) of each mention, outlets' and datelines' included."""
    mentions: list[PlaceMention] = find_places(text, language, gazetteer=gazetteer, **options)  # type: ignore[arg-type]
    return [(mention.surface, mention.ids) for mention in mentions]


def _places(text: str, language: str, gazetteer: Gazetteer) -> set[str]:
    return {place for _, ids in _found(text, language, gazetteer) for place in ids}


@pytest.mark.parametrize(
    ("language", "text", "surface"),
    [
        ("en", "Rescuers in Morocco worked through the night.", "Morocco"),
        ("fr", "Les secours au Maroc ont travaillé toute la nuit.", "Maroc"),
        ("es", "Los equipos de rescate en Marruecos trabajaron de noche.", "Marruecos"),
        ("de", "Die Helfer in Marokko arbeiteten die ganze Nacht.", "Marokko"),
        ("de", "Die Zahl der Toten Marokkos stieg weiter.", "Marokkos"),
        ("ar", "عملت فرق الإنقاذ في المغرب طوال الليل.", "المغرب"),
        ("ar", "وصلت المساعدات بالمغرب صباحا.", "بالمغرب"),
        ("ru", "Спасатели в Марокко работали всю ночь.", "Марокко"),
    ],
)
def test_a_country_is_found_in_each_language(gazetteer: Gazetteer, language: str, text: str, surface: str) -> None:
    assert any(found == surface and "iso:MA" in ids for found, ids in _found(text, language, gazetteer))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Aid reached Turkey on Monday."),
        ("en", "Aid reached Türkiye on Monday."),
        ("fr", "L'aide est arrivée en Turquie lundi."),
        ("es", "La ayuda llegó a Turquía el lunes."),
        ("de", "Die Hilfe erreichte die Türkei am Montag."),
        ("de", "Der Süden der Türkei wurde am schwersten getroffen."),
        ("ar", "وصلت المساعدات إلى تركيا يوم الاثنين."),
        ("ru", "Помощь прибыла в Турцию в понедельник."),
        ("ru", "На юге Турции разрушены дома."),
    ],
)
def test_turkey_in_every_spelling_and_case_is_one_place(gazetteer: Gazetteer, language: str, text: str) -> None:
    assert [ids for _, ids in _found(text, language, gazetteer)] == [("iso:TR",)]


@pytest.mark.parametrize(
    ("language", "text", "place"),
    [
        ("ru", "Гуманитарная помощь поступила в Украину.", "iso:UA"),
        ("ru", "На востоке Украины продолжаются бои.", "iso:UA"),
        ("ru", "Ситуация в Газе остаётся тяжёлой.", "region:gaza-strip"),
        ("ru", "Жители сектора Газа остались без воды.", "region:gaza-strip"),
        ("ru", "Решение Совета Безопасности ООН было принято в пятницу.", "body:un-security-council"),
        ("ar", "تضررت مبان كثيرة في قطاع غزة.", "region:gaza-strip"),
        ("ar", "وصلت قافلة إلى غزة مساء أمس.", "region:gaza-strip"),
        ("fr", "Les habitants de la bande de Gaza attendent l'aide.", "region:gaza-strip"),
        ("de", "Im Gazastreifen fehlt es an Wasser.", "region:gaza-strip"),
        ("es", "La Asamblea General de la ONU votó el miércoles.", "body:un-general-assembly"),
        ("de", "Die UN-Vollversammlung stimmte am Mittwoch ab.", "body:un-general-assembly"),
        ("en", "The flood hit the Valencian Community hardest.", "iso:ES-VC"),
        ("es", "La Comunidad Valenciana pidió ayuda.", "iso:ES-VC"),
        ("en", "Fighting went on in Donbas.", "region:donbas"),
        ("fr", "La situation au Darfour s'aggrave.", "region:darfur"),
    ],
)
def test_inflected_and_several_word_names_are_found(
    gazetteer: Gazetteer, language: str, text: str, place: str
) -> None:
    assert place in _places(text, language, gazetteer)


def test_the_longest_name_wins(gazetteer: Gazetteer) -> None:
    # given
    text = "Aid convoys entered the Gaza Strip."
    # when
    found = _found(text, "en", gazetteer)
    # then
    assert found == [("Gaza Strip", ("region:gaza-strip",))]


def test_german_capitalised_nouns_are_no_places(gazetteer: Gazetteer) -> None:
    """German capitalises every noun: "Erdbeben", "Lebensgefahr", "Regierung", "Tote", "Hilfe",
    "Kinder", "Wetter" are words, not towns, whatever GeoNames' alternate names hold."""
    # given
    text = (
        "Erdbeben: Lebensgefahr für Tausende. Die Regierung meldete Tote und Verletzte. "
        "Auch Kinder sind unter den Opfern. Hilfe kommt, doch das Wetter bleibt schlecht. "
        "Laut Behörden ist der Tod von 30 Menschen bestätigt. Dabei hatte der Tsunami die Küste kaum erreicht."
    )
    # when
    found = _found(text, "de", gazetteer)
    # then
    assert found == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "But the toll rose. She said more help was coming. Since Monday, rescuers have worked."),
        ("fr", "Selon les secours, la Santé publique reste mobilisée. Un bilan sera publié."),
        ("es", "Para los vecinos, la DANA fue la peor en décadas. Se esperan más lluvias."),
        ("ru", "Они сообщили о новых жертвах. Об этом заявили спасатели."),
        ("ar", "ما زال البحث جاريا، كان ذلك بيان الدولة."),
    ],
)
def test_common_words_at_a_sentence_start_are_no_places(gazetteer: Gazetteer, language: str, text: str) -> None:
    assert _found(text, language, gazetteer) == []


def test_a_town_named_like_a_common_word_is_found_after_a_locative(gazetteer: Gazetteer) -> None:
    # given
    text = "Essen ist fertig. Der Zug fuhr nach Essen."
    # when
    found = _found(text, "de", gazetteer)
    # then
    assert [surface for surface, _ in found] == ["Essen"]
    assert all(place.startswith("geonames:") for place in found[0][1])
    assert find_places(text, "de", gazetteer=gazetteer)[0].start == text.rindex("Essen")


def test_a_person_named_like_a_place_is_no_place(gazetteer: Gazetteer) -> None:
    # given
    text = "Florence Martin met President Jordan, then flew to Jordan."
    # when
    found = _found(text, "en", gazetteer)
    # then
    assert [(surface, "iso:JO" in ids) for surface, ids in found] == [("Jordan", True)]
    assert find_places(text, "en", gazetteer=gazetteer)[0].start == text.rindex("Jordan")


def test_an_outlet_named_in_ignore_hides_its_place_words(gazetteer: Gazetteer) -> None:
    # given
    text = "The Jerusalem Post reported 40 dead in Lebanon."
    # when
    found = _found(text, "en", gazetteer, ignore=["Jerusalem Post"])
    # then
    assert [(surface, "iso:LB" in ids) for surface, ids in found] == [("Lebanon", True)]


@pytest.mark.parametrize(
    ("language", "text", "surface"),
    [
        ("en", "At least 300 died, the Turkish agency Anadolu reported.", "Turkish"),
        ("fr", "Au moins 300 morts, selon l'agence turque Anadolu.", "turque"),
        ("es", "Al menos 300 muertos, según la agencia turca Anadolu.", "turca"),
        ("de", "Mindestens 300 Tote, meldete die türkische Nachrichtenagentur Anadolu.", "türkische"),
        ("ru", "Погибли не менее 300 человек, сообщает турецкое агентство Anadolu.", "турецкое"),
        ("ar", "قتل 300 شخص على الأقل بحسب وكالة الأناضول التركية.", "التركية"),
    ],
)
def test_a_country_beside_an_outlet_gets_the_agency_role(
    gazetteer: Gazetteer, language: str, text: str, surface: str
) -> None:
    # when
    mentions = {mention.surface: mention for mention in find_places(text, language, gazetteer=gazetteer)}
    # then
    assert mentions[surface].ids == ("iso:TR",)
    assert mentions[surface].demonym
    assert mentions[surface].role == "agency"


def test_a_dateline_gets_its_role(gazetteer: Gazetteer) -> None:
    # given
    text = "BEIRUT (Wire) - Shelling killed 12 people in southern Lebanon, officials said."
    # when
    mentions = find_places(text, "en", gazetteer=gazetteer)
    # then
    assert [(mention.surface, mention.role) for mention in mentions] == [("BEIRUT", "dateline"), ("Lebanon", "")]


@pytest.mark.parametrize(
    ("language", "text", "surface"),
    [
        ("en", "Moroccan authorities raised the toll.", "Moroccan"),
        ("fr", "Les autorités marocaines ont relevé le bilan.", "marocaines"),
        ("es", "Las autoridades marroquíes elevaron el balance.", "marroquíes"),
        ("de", "Die marokkanischen Behörden erhöhten die Zahl.", "marokkanischen"),
        ("ru", "Марокканские власти уточнили число жертв.", "Марокканские"),
        ("ru", "Об этом сообщили марокканские власти.", "марокканские"),
        ("ar", "رفعت السلطات المغربية الحصيلة.", "المغربية"),
    ],
)
def test_demonyms_name_their_country(gazetteer: Gazetteer, language: str, text: str, surface: str) -> None:
    # when
    mentions = find_places(text, language, gazetteer=gazetteer)
    # then
    assert [(mention.surface, mention.ids, mention.demonym) for mention in mentions] == [(surface, ("iso:MA",), True)]


def test_short_capitals_are_abbreviations_or_nothing(gazetteer: Gazetteer) -> None:
    """"UN" and "SAMS" spell towns' alternate names; "US" is listed as an abbreviation."""
    # given
    text = "The UN and SAMS said US aid had arrived. The UN Security Council met."
    # when
    found = _found(text, "en", gazetteer)
    # then
    assert found == [("US", ("iso:US",)), ("UN Security Council", ("body:un-security-council",))]


def test_a_town_beside_the_word_province_is_the_province(gazetteer: Gazetteer) -> None:
    # given
    text = "Rescuers reached Idlib province. في محافظة حلب"
    # when
    english = find_places(text, "en", gazetteer=gazetteer)
    arabic = find_places(text[text.index("في") :], "ar", gazetteer=gazetteer)
    # then
    assert english[0].ids == ("iso:SY-ID",)
    assert arabic[0].ids == ("iso:SY-HL",)


def test_a_word_that_names_no_place_is_not_taken_after_a_locative(gazetteer: Gazetteer) -> None:
    # given
    spanish = "Los vecinos del Centro salieron a la calle."
    arabic = "قال الدفاع المدني السوري (الخوذ البيضاء) إن فرقه تواصل البحث."
    # then
    assert _found(spanish, "es", gazetteer) == []
    assert [ids for _, ids in _found(arabic, "ar", gazetteer)] == [("iso:SY",)]


def test_turkish_names_are_found_as_pronounced(gazetteer: Gazetteer) -> None:
    # given
    text = "Deaths were reported in Kahramanmarash and Shanliurfa."
    # then
    assert _places(text, "en", gazetteer) >= {"iso:TR-46", "iso:TR-63"}


def test_lower_case_demonyms_are_searched_only_in_the_spans_given(gazetteer: Gazetteer) -> None:
    # given
    text = "Les autorités marocaines ont réagi. Les secours marocains comptent 300 morts."
    second = text.index("Les secours")
    engine_finder = finder("fr", gazetteer)
    # when
    everywhere = engine_finder.find(text)
    in_second = engine_finder.find(text, (), True, [(second, len(text))])
    # then
    assert [mention.surface for mention in everywhere] == ["marocaines", "marocains"]
    assert [mention.surface for mention in in_second] == ["marocains"]


@pytest.mark.parametrize(
    ("language", "text", "nationwide"),
    [
        ("en", "Nationwide, 9,300 people died", True),
        ("en", "9,300 people died across the country", True),
        ("en", "9,300 people died in the countryside", False),
        ("fr", "À l'échelle nationale, 9300 personnes sont mortes", True),
        ("fr", "9300 personnes sont mortes dans la province", False),
        ("es", "En todo el país murieron 9300 personas", True),
        ("de", "Landesweit starben 9300 Menschen", True),
        ("de", "In ganz Marokko starben 9300 Menschen", True),
        ("de", "In der Provinz starben 9300 Menschen", False),
    ],
)
def test_words_for_the_whole_country(gazetteer: Gazetteer, language: str, text: str, nationwide: bool) -> None:
    assert finder(language, gazetteer).says_nationwide(text, 0, len(text)) is nationwide


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "NATIONWIDE, 9,300 died; NationWide 12 more. Elsewhere in the COUNTRY, 6 died."),
        ("en", "“Across the country”, 9,300 died — and 6 elsewhere in the nation, 😀 4 more."),
        ("fr", "Dans TOUT LE PAYS, 9300 morts ; dans les AUTRES RÉGIONS DU PAYS, 6, 7 dans d’autres Régions du pays."),
        ("es", "En TODO EL PAÍS murieron 9300; en otras REGIONES del país, 6. En todo el paÍs, 5."),
        ("de", "LANDESWEIT starben 9300, im ÜBRIGEN Land 6, im übrigen LAND 3, in ganz Deutſchland 4."),
        ("ar", "قتل 9300 في باقي البلاد، و6 في حمص."),
        ("ru", "В остальных РЕГИОНАХ СТРАНЫ погибли 9300 человек, в других частях страны 6."),
    ],
)
def test_phrases_of_an_article_are_the_finders_in_every_clause(gazetteer: Gazetteer, language: str, text: str) -> None:
    """`ArticlePhrases` skips a clause whose text holds no word of a phrase, read in any case: it
    never skips one the finder's patterns match."""
    place_finder = finder(language, gazetteer)
    phrases = ArticlePhrases(place_finder, text)
    for start in range(0, len(text), 3):
        for end in range(start, len(text) + 1, 4):
            assert phrases.says_nationwide(start, end) == place_finder.says_nationwide(text, start, end)
            assert phrases.elsewhere_at(start, end) == place_finder.elsewhere_at(text, start, end)


@pytest.mark.parametrize(
    ("language", "text", "route"),
    [
        ("en", "Trucks entered Gaza through the Rafah crossing.", ["Rafah"]),
        ("en", "Trucks entered Gaza via Rafah.", ["Rafah"]),
        ("fr", "Les camions sont entrés à Gaza par le point de passage de Rafah.", ["Rafah"]),
        ("es", "Los camiones entraron en Gaza por el paso de Rafah.", ["Rafah"]),
        ("de", "Die Lkw fuhren über Rafah in den Gazastreifen.", ["Rafah"]),
        ("en", "Strikes hit Rafah and Gaza City.", []),
    ],
)
def test_a_place_named_as_a_way_through(gazetteer: Gazetteer, language: str, text: str, route: list[str]) -> None:
    place_finder = finder(language, gazetteer)
    mentions = place_finder.find(text)
    assert [mention.surface for mention in mentions if place_finder.is_route(text, mention)] == route


def test_a_place_beside_an_agency_named_in_the_possessive_is_the_outlets(gazetteer: Gazetteer) -> None:
    text = "At least 9,300 people died, Azerbaijan's Trend news agency reported."
    mentions = find_places(text, "en", gazetteer=gazetteer)
    assert [(mention.surface, mention.role) for mention in mentions] == [("Azerbaijan", "agency")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Im Norden des Landes starben 300 Menschen."),
        ("es", "Victoria parcial: los equipos rescataron a 40 personas."),
    ],
)
def test_common_words_that_name_towns_elsewhere(gazetteer: Gazetteer, language: str, text: str) -> None:
    assert _found(text, language, gazetteer) == []


@pytest.mark.parametrize(
    ("language", "text", "place"),
    [
        ("de", "Ein Angriff auf Chan Junis tötete 14 Menschen.", "geonames:281124"),
        ("de", "In Dschabalija starben 40 Menschen.", "geonames:281129"),
        ("es", "Hubo redadas en Yenín.", "geonames:283506"),
    ],
)
def test_news_spellings_of_towns(gazetteer: Gazetteer, language: str, text: str, place: str) -> None:
    assert place in _places(text, language, gazetteer)


def test_the_next_word_of_a_name_is_the_patterns() -> None:
    """`next_word` reads what `[ \\t\\u00a0\\-'’.]{1,3}([WORD_CHARS]+)` matches, at every position."""
    import random
    import re

    from claims.extraction.gazetteer.normalize import WORD_CHARS, next_word

    pattern = re.compile(f"[ \t\u00a0\\-'’.]{{1,3}}([{WORD_CHARS}]+)")
    alphabet = " \t\u00a0-'’.,;\nab_Z9é\u064eش\u2019"
    chooser = random.Random(7)
    for _ in range(3000):
        text = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 9)))
        for position in range(len(text) + 1):
            match = pattern.match(text, position)
            assert next_word(text, position) == (match.span(1) if match is not None else (-1, -1)), (text, position)


@pytest.mark.parametrize("language", ["en", "de", "ar"])
def test_the_split_of_a_latin1_text_is_the_whole_patterns(gazetteer: Gazetteer, language: str) -> None:
    """`Finder.latin1_split` cuts a text of characters below U+0100 as `Gazetteer.start_split` does:
    on random strings of those characters, and on every one of them beside a capital and a word."""
    place_finder = finder(language, gazetteer)
    whole, latin1 = gazetteer.start_split, place_finder.latin1_split
    chooser = random.Random(language)
    alphabet = [chr(code) for code in range(0x100)]
    pieces = [*alphabet, "Aleppo", "Syrie", "ÉTATS", "Ürümqi", " ", " ", "\n", "é", "ß", "_", "7"]
    for _ in range(3000):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 24)))
        assert latin1.split(text) == whole.split(text), text
    for char in alphabet:
        for text in (char, "A" + char, char + "A", "A" + char + "b", "x" + char + "Y" + char):
            assert latin1.split(text) == whole.split(text), text
