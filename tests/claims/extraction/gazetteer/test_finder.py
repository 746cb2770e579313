"""The finder: names and their inflected forms in six languages, and the words that are no place."""

from __future__ import annotations

import pytest

from claims.extraction.gazetteer.finder import find_places
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
