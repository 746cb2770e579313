"""Resolution: the place a number is about, from its clause out to the whole article."""

from __future__ import annotations

import pytest

from claims.extraction.gazetteer.finder import find_places
from claims.extraction.gazetteer.index import Gazetteer
from claims.extraction.gazetteer.resolve import ArticleResolver, resolve, resolve_text
from claims.extraction.gazetteer.types import Resolution


def _resolve(text: str, number: str, language: str, gazetteer: Gazetteer, **options: object) -> Resolution:
    start = text.index(number)
    return resolve_text(text, language, start=start, end=start + len(number), gazetteer=gazetteer, **options)  # type: ignore[arg-type]


def test_the_most_specific_place_of_the_clause_wins_over_its_country(gazetteer: Gazetteer) -> None:
    # given
    text = "Quake in Turkey\n\nIn Turkey's south, 1,200 people died in Hatay province."
    # when
    resolution = _resolve(text, "1,200", "en", gazetteer)
    # then
    assert resolution == Resolution(place="iso:TR-31", confidence=0.9, ambiguous=False, rule="clause")


def test_a_town_is_held_by_its_province_and_country(gazetteer: Gazetteer) -> None:
    # given
    text = "Inundaciones\n\nEn Paiporta murieron 45 personas."
    # when
    resolution = _resolve(text, "45", "es", gazetteer)
    # then
    assert resolution.place == "geonames:2513029"
    assert gazetteer.ancestors("geonames:2513029") == ("iso:ES-VC", "iso:ES")


def test_the_sentence_then_the_lead_then_the_article_are_read(gazetteer: Gazetteer) -> None:
    # given
    text = "Séisme au Maroc\n\nLe séisme a frappé vendredi soir.\n\nLe bilan atteint 2000 morts, selon les secours."
    # when
    resolution = _resolve(text, "2000", "fr", gazetteer)
    # then
    assert (resolution.place, resolution.rule, resolution.ambiguous) == ("iso:MA", "lead", False)
    assert resolution.confidence < 0.9


def test_a_homonym_is_told_apart_by_population(gazetteer: Gazetteer) -> None:
    """"Tripoli" alone is Libya's capital, not Lebanon's smaller city of the name."""
    # given
    text = "Floods\n\nAt least 30 people died in Tripoli."
    # when
    resolution = _resolve(text, "30", "en", gazetteer)
    # then
    assert resolution.place is not None
    assert gazetteer.is_part_of(resolution.place, "iso:LY")


def test_a_homonym_is_told_apart_by_the_articles_other_places(gazetteer: Gazetteer) -> None:
    """"Valencia" is Venezuela's larger city by population, Spain's beside Paiporta and Spain."""
    # given
    spanish = "Floods in Spain\n\nRescuers reached Paiporta. In all, 62 people died in Valencia."
    alone = "Floods\n\nIn all, 62 people died in Valencia."
    # when
    in_spain = _resolve(spanish, "62", "en", gazetteer)
    without_context = _resolve(alone, "62", "en", gazetteer)
    # then
    assert in_spain.place is not None and gazetteer.is_part_of(in_spain.place, "iso:ES")
    assert not in_spain.ambiguous
    assert without_context.place is not None and gazetteer.is_part_of(without_context.place, "iso:VE")
    assert without_context.ambiguous


def test_places_named_as_one_phrase_are_ambiguous_and_listed(gazetteer: Gazetteer) -> None:
    # given
    text = "Quake\n\nThe toll rose to 15,000 in Turkey and Syria."
    # when
    resolution = _resolve(text, "15,000", "en", gazetteer)
    # then
    assert resolution.place is None
    assert resolution.ambiguous
    assert resolution.alternatives == ("iso:TR", "iso:SY")


def test_the_nearest_place_wins_among_unrelated_ones(gazetteer: Gazetteer) -> None:
    # given
    text = "Quake\n\nOfficials in Ankara said 2,500 people had died in Malatya."
    # when
    resolution = _resolve(text, "2,500", "en", gazetteer)
    # then
    assert resolution.place is not None and gazetteer.is_part_of(resolution.place, "iso:TR-44")
    assert resolution.ambiguous


@pytest.mark.parametrize(
    ("language", "text", "number"),
    [
        ("en", "Quake\n\nMoroccan authorities said 2,000 people had died.", "2,000"),
        ("fr", "Séisme\n\nLes autorités marocaines font état de 2000 morts.", "2000"),
        ("es", "Terremoto\n\nLas autoridades marroquíes informan de 2000 muertos.", "2000"),
        ("de", "Erdbeben\n\nDie marokkanischen Behörden melden 2000 Tote.", "2000"),
        ("ar", "زلزال\n\nأعلنت السلطات المغربية وفاة 2000 شخص.", "2000"),
        ("ru", "Землетрясение\n\nМарокканские власти сообщили о 2000 погибших.", "2000"),
    ],
)
def test_a_demonym_gives_the_country_when_no_place_is_named(
    gazetteer: Gazetteer, language: str, text: str, number: str
) -> None:
    # when
    resolution = _resolve(text, number, language, gazetteer)
    # then
    assert (resolution.place, resolution.rule) == ("iso:MA", "clause-demonym")


def test_a_place_outranks_a_demonym(gazetteer: Gazetteer) -> None:
    # given
    text = "Séisme\n\nSelon les autorités marocaines, 1293 personnes sont mortes dans la province d'Al Haouz."
    # when
    resolution = _resolve(text, "1293", "fr", gazetteer)
    # then
    assert resolution.place == "iso:MA-HAO"


@pytest.mark.parametrize(
    ("language", "text", "number"),
    [
        ("en", "Quake\n\nThe toll reached 3,000, the Turkish agency Anadolu said.", "3,000"),
        ("fr", "Séisme\n\nLe bilan atteint 3000 morts, selon l'agence turque Anadolu.", "3000"),
        ("de", "Erdbeben\n\nDie Zahl stieg auf 3000, meldete die türkische Nachrichtenagentur Anadolu.", "3000"),
        ("ru", "Землетрясение\n\nЧисло погибших выросло до 3000, сообщает турецкое агентство Anadolu.", "3000"),
    ],
)
def test_the_outlets_country_is_never_the_subject(gazetteer: Gazetteer, language: str, text: str, number: str) -> None:
    # when
    resolution = _resolve(text, number, language, gazetteer)
    # then
    assert resolution == Resolution(place=None, confidence=0.0, ambiguous=False, rule="none")


def test_the_outlets_own_place_is_not_taken_from_the_lead(gazetteer: Gazetteer) -> None:
    # given
    text = "Morning Wire (Azerbaijan)\n\nAzerbaijan sent rescuers.\n\nThe toll rose to 5,000."
    # when
    with_outlet = _resolve(text, "5,000", "en", gazetteer, ignore=["Morning Wire (Azerbaijan)"])
    without = _resolve(text, "5,000", "en", gazetteer)
    # then
    assert with_outlet.place is None
    assert without.place == "iso:AZ"


def test_the_outlets_place_in_the_numbers_own_sentence_still_counts(gazetteer: Gazetteer) -> None:
    # given
    text = "Morning Wire (Azerbaijan)\n\nAzerbaijan sent 500 rescuers."
    # when
    resolution = _resolve(text, "500", "en", gazetteer, ignore=["Morning Wire (Azerbaijan)"])
    # then
    assert resolution.place == "iso:AZ"


def test_an_outlets_places_are_those_every_language_reads_in_its_name(gazetteer: Gazetteer) -> None:
    # given: an outlet whose name holds a country and an English word that is also a town's name
    outlet = "Mission Weekly for Germany"
    # when
    places = ArticleResolver([], ignore=[outlet], gazetteer=gazetteer).outlet_places
    # then: the country, not the towns called Mission
    assert {gazetteer.ids[index] for index in places} == {"iso:DE"}


def test_a_capitalised_german_noun_does_not_become_the_subject(gazetteer: Gazetteer) -> None:
    # given
    text = "Erdbeben in Marokko\n\nLebensgefahr: Die Regierung meldet 2000 Tote."
    # when
    resolution = _resolve(text, "2000", "de", gazetteer)
    # then
    assert resolution.place == "iso:MA"


def test_a_body_is_a_subject(gazetteer: Gazetteer) -> None:
    # given
    text = "Vote\n\nДокумент поддержали 141 государство в Генеральной Ассамблее ООН."
    # when
    resolution = _resolve(text, "141", "ru", gazetteer)
    # then
    assert resolution.place == "body:un-general-assembly"
    assert gazetteer.ancestors("body:un-general-assembly") == ("body:united-nations",)


def test_nothing_named_gives_no_place(gazetteer: Gazetteer) -> None:
    assert _resolve("Toll\n\nAt least 12 people died.", "12", "en", gazetteer) == Resolution(
        place=None, confidence=0.0, ambiguous=False, rule="none"
    )


def test_a_vote_is_the_bodys_not_the_voters(gazetteer: Gazetteer) -> None:
    """Countries named beside a vote count are voters or what the resolution is about."""
    # given
    text = (
        "Vote on Ukraine\n\nThe UN General Assembly adopted the text on Wednesday.\n\n"
        "Russia, Belarus and Syria were among the 5 states that voted against."
    )
    # when
    as_vote = _resolve(text, "5 states", "en", gazetteer, vote=True)
    as_count = _resolve(text, "5 states", "en", gazetteer)
    # then
    assert as_vote.place == "body:un-general-assembly"
    assert as_count.place != "body:un-general-assembly"


def test_an_article_resolver_gives_each_number_what_resolve_gives(gazetteer: Gazetteer) -> None:
    """The engine resolves every number of an article with one `ArticleResolver`."""
    # given
    text = (
        "Floods in Spain\n\nRescuers reached Paiporta. In all, 62 people died in Valencia, "
        "and 12 in Turkey and Syria; 5 more were missing."
    )
    mentions = find_places(text, "en", gazetteer=gazetteer)
    lead = [mention for mention in mentions if mention.end <= text.index("In all")]
    resolver = ArticleResolver(mentions, lead, (), gazetteer)
    for number in ("62", "12", "5"):
        anchor = text.index(number + " ")
        sentence = [m for m in mentions if m.start > text.index("In all")]
        clause = [m for m in sentence if anchor - 30 <= m.start <= anchor + 30]
        # when
        once = resolver.resolve(clause, sentence, anchor, False)
        alone = resolve(clause=clause, sentence=sentence, lead=lead, article=mentions, anchor=anchor, gazetteer=gazetteer)
        # then
        assert once == alone
