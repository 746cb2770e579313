"""Unit tests of the engine's readings, per language: digits, number words, scales, qualifiers,
ranges, vague counts, metrics, votes, durations, parts, subjects, time, attribution and the
numbers that are not claims. Every text here is written for these tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from claims.extraction import EXTRACTOR_VERSION, extract
from claims.extraction.numbers import parse_digits
from claims.extraction.types import ExtractedClaim

D = Decimal


def only(text: str, language: str, **options: object) -> ExtractedClaim:
    claims = extract(text, language=language, **options)  # type: ignore[arg-type]
    assert len(claims) == 1, [(text[c.start : c.end], c.metric) for c in claims]
    return claims[0]


def tracked(text: str, language: str, **options: object) -> list[ExtractedClaim]:
    return [c for c in extract(text, language=language, **options) if c.metric != "other"]  # type: ignore[arg-type]


# -- digits and scales ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("core", "separator", "expected"),
    [
        ("20.000", ",", D(20000)),
        ("20,000", ".", D(20000)),
        ("1,9", ",", D("1.9")),
        ("1.9", ".", D("1.9")),
        ("20\u00a0000", ",", D(20000)),
        ("1.5", ",", D("1.5")),
        ("1.234.567", ",", D(1234567)),
    ],
)
def test_parse_digits_follows_the_language_separators(core: str, separator: str, expected: Decimal) -> None:
    assert parse_digits(core, separator) == expected


@pytest.mark.parametrize(
    ("core", "scaled", "groups", "expected"),
    [
        ("20,000", False, True, D(20000)),
        ("1,424,000", False, False, D(1424000)),
        ("2,500", True, True, D("2.5")),
        ("0,125", False, True, D("0.125")),
        ("1.234,567", False, True, D("1234.567")),
        ("20,000", False, False, D(20)),
        ("1,5", False, True, D("1.5")),
    ],
)
def test_parse_digits_reads_three_digits_after_a_grouping_decimal_mark_as_a_group(
    core: str, scaled: bool, groups: bool, expected: Decimal
) -> None:
    """Where the press also groups with the decimal mark, three digits after it are thousands unless
    a scale word follows or the whole part is zero; repeated, it always groups."""
    assert parse_digits(core, ",", scaled=scaled, groups=groups) == expected


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Au moins 20.000 morts.", "fr", D(20000)),
        ("Hubo 20.000 muertos.", "es", D(20000)),
        ("Es gab 20.000 Tote.", "de", D(20000)),
        ("There were 20,000 deaths.", "en", D(20000)),
        ("On compte 20\u00a0000 morts.", "fr", D(20000)),
        ("On compte 20\u202f000 morts.", "fr", D(20000)),
        ("On compte 20\u2009000 morts.", "fr", D(20000)),
        ("On compte 20 000 morts.", "fr", D(20000)),
        ("Quelque 1,9 million de déplacés.", "fr", D(1900000)),
        ("Some 1.9m people were displaced.", "en", D(1900000)),
        ("Il y a 2 millions de déplacés.", "fr", D(2000000)),
        ("Hay dos millones de desplazados.", "es", D(2000000)),
        ("Es gibt 1,2 Millionen Vertriebene.", "de", D(1200000)),
        ("Hay 20 mil desplazados.", "es", D(20000)),
        ("Es gibt 1,2 Mio. Vertriebene.", "de", D(1200000)),
        ("There are \u0662\u0660 dead.", "en", D(20)),
        ("Hubo unos 20,000 muertos.", "es", D(20000)),
        ("Hay 1,424,000 desplazados.", "es", D(1424000)),
        ("Hubo 2 mil 300 muertos.", "es", D(2300)),
        ("The ministry counted 1 159 deaths.", "en", D(1159)),
        ("Es gab 68'000 Vertriebene.", "de", D(68000)),
        ("Hay 2 millones 500 mil desplazados.", "es", D(500000)),
    ],
)
def test_digits_and_scales_by_language(text: str, language: str, value: Decimal) -> None:
    claim = tracked(text, language)[0]
    assert claim.value == value or claim.lower == value


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Vingt et un morts ont été recensés.", "fr", D(21)),
        ("Twenty-three people were killed.", "en", D(23)),
        ("Murieron veintitrés personas.", "es", D(23)),
        ("Dreiundzwanzig Menschen wurden getötet.", "de", D(23)),
        ("Zwei Millionen Menschen wurden vertrieben.", "de", D(2000000)),
        ("Quatre-vingt-dix otages restent détenus.", "fr", D(90)),
    ],
)
def test_number_words_are_read_by_text2num(text: str, language: str, value: Decimal) -> None:
    claim = tracked(text, language)[0]
    assert claim.value == value
    assert "number.words" in claim.rules


def test_number_word_span_indexes_the_original_text() -> None:
    text = "Selon l\u2019ONU, vingt et un morts ont été recensés à Gaza."
    claim = tracked(text, "fr")[0]
    assert text[claim.start : claim.end] == "vingt et un morts"


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Сообщается о десяти погибших.", "ru", D(10)),
        ("Эвакуированы около полутора тысяч человек.", "ru", D(1500)),
        ("Без крова остались двадцати тысячам жителей.", "ru", D(20000)),
        ("Погибших уже более трёхсот.", "ru", D(300)),
        ("Свыше 15,3 тыс. человек эвакуированы.", "ru", D(15300)),
        ("Пострадали 1 670 человек.", "ru", D(1670)),
        ("قتل خمسة وعشرون شخصا.", "ar", D(25)),
        ("أصيب ثلاث نساء.", "ar", D(3)),
        ("قتل اثنتا عشرة شخصا.", "ar", D(12)),
        ("بلغ عدد الجرحى ألفين وخمسمئة.", "ar", D(2500)),
        ("نزح ثلاثة آلاف شخص.", "ar", D(3000)),
        ("سقط مائة قتيل.", "ar", D(100)),
        ("قتل جنديان.", "ar", D(2)),
        ("نزح ١٬٢٠٠ شخص.", "ar", D(1200)),
        ("يعيش ٢٫٥ مليون نازح في المخيمات.", "ar", D(2500000)),
        ("قتل 9 أشخاص و۳۱ جريحا.", "ar", D(9)),
    ],
)
def test_numbers_read_from_a_lexicon_s_own_values_and_separators(text: str, language: str, value: Decimal) -> None:
    claim = tracked(text, language)[0]
    assert claim.value == value or claim.lower == value


def test_a_number_glued_to_a_clitic_is_read_and_its_span_indexes_the_original_text() -> None:
    text = "أسفر القصف عن ٤٧ قتيلاً و١٢٠ جريحاً، بحسب الدفاع المدني."
    claims = tracked(text, "ar")
    assert [(c.metric, c.value) for c in claims] == [("deaths", D(47)), ("injured", D(120))]
    assert text[claims[0].start : claims[0].end] == "٤٧ قتيلاً"
    assert text[claims[1].start : claims[1].end].startswith("١٢٠ جريح")


def test_russian_spans_index_the_original_text_through_the_yo_map() -> None:
    text = "Ещё 12 погибших опознаны, сообщили в МЧС."
    claim = tracked(text, "ru")[0]
    assert text[claim.start : claim.end] == "12 погибших"


# -- qualifiers, ranges, vague counts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "qualifier", "value", "lower", "upper"),
    [
        ("More than 7000 children were killed.", "en", "more_than", D(7000), D(7000), None),
        ("Plus de 7000 enfants ont été tués.", "fr", "more_than", D(7000), D(7000), None),
        ("Más de 7.000 niños murieron.", "es", "more_than", D(7000), D(7000), None),
        ("Mehr als 7000 Kinder wurden getötet.", "de", "more_than", D(7000), D(7000), None),
        ("At least 300 people were killed.", "en", "at_least", D(300), D(300), None),
        ("Au moins 300 personnes ont été tuées.", "fr", "at_least", D(300), D(300), None),
        ("About 50 people were killed.", "en", "approx", D(50), D(45), D(55)),
        ("Environ 50 morts.", "fr", "approx", D(50), D(45), D(55)),
        ("Unos 50 muertos.", "es", "approx", D(50), D(45), D(55)),
        ("Rund 50 Tote.", "de", "approx", D(50), D(45), D(55)),
        ("Fewer than 100 people were injured.", "en", "less_than", D(100), D(0), D(100)),
        ("Menos de 100 heridos.", "es", "less_than", D(100), D(0), D(100)),
        ("Up to 100 people were injured.", "en", "at_most", D(100), D(0), D(100)),
        ("Bis zu 100 Verletzte.", "de", "at_most", D(100), D(0), D(100)),
        ("Jusqu'à 100 blessés.", "fr", "at_most", D(100), D(0), D(100)),
        ("Between 20 and 30 people were killed.", "en", "range", None, D(20), D(30)),
        ("Entre 20 et 30 morts.", "fr", "range", None, D(20), D(30)),
        ("Entre 20 y 30 muertos.", "es", "range", None, D(20), D(30)),
        ("Zwischen 20 und 30 Tote.", "de", "range", None, D(20), D(30)),
        ("20-30 people were killed.", "en", "range", None, D(20), D(30)),
        ("20 people were killed or more.", "en", "exact", D(20), D(20), D(20)),
        ("20 or more people were killed.", "en", "at_least", D(20), D(20), None),
    ],
)
def test_qualifiers_become_intervals(
    text: str,
    language: str,
    qualifier: str,
    value: Decimal | None,
    lower: Decimal | None,
    upper: Decimal | None,
) -> None:
    claim = tracked(text, language)[0]
    assert (claim.qualifier, claim.value, claim.lower, claim.upper) == (qualifier, value, lower, upper)


def test_approx_tolerance_is_an_option() -> None:
    claim = tracked("About 50 people were killed.", "en", approx_tolerance=D("0.2"))[0]
    assert (claim.lower, claim.upper) == (D(40), D(60))


@pytest.mark.parametrize(
    ("text", "language", "lower"),
    [
        ("Dozens of people were killed.", "en", D(24)),
        ("Des centaines de personnes ont été blessées.", "fr", D(200)),
        ("Miles de personas fueron desplazadas.", "es", D(2000)),
        ("Tausende Menschen wurden vertrieben.", "de", D(2000)),
        ("Tens of thousands of people were displaced.", "en", D(20000)),
        ("Des dizaines de milliers de personnes ont été déplacées.", "fr", D(20000)),
        ("Millions of people were displaced.", "en", D(2000000)),
    ],
)
def test_vague_counts_are_lower_bounds_never_exact(text: str, language: str, lower: Decimal) -> None:
    claim = tracked(text, language)[0]
    assert (claim.qualifier, claim.value, claim.lower, claim.upper) == ("at_least", None, lower, None)
    assert any("vague" in rule for rule in claim.rules)


# -- metrics -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "metric"),
    [
        ("20.000 martyrs ont été recensés.", "fr", "deaths"),
        ("300 personnes ont été tuées.", "fr", "deaths"),
        ("Israeli strikes killed 300 people.", "en", "deaths"),
        ("Hubo 300 muertos.", "es", "deaths"),
        ("Es gab 300 Tote.", "de", "deaths"),
        ("500 people were injured.", "en", "injured"),
        ("Plus de 3000 disparus.", "fr", "missing"),
        ("Hamas holds 130 hostages.", "en", "hostages_held"),
        ("Hamas freed 24 hostages.", "en", "hostages_released"),
        ("1,9 million de déplacés.", "fr", "displaced"),
        ("Las fuerzas detuvieron a 25 personas.", "es", "detained"),
        ("200 aid trucks entered.", "en", "aid_trucks"),
        ("20 Lastwagen fuhren ein.", "de", "aid_trucks"),
    ],
)
def test_metrics_from_nearby_words(text: str, language: str, metric: str) -> None:
    assert tracked(text, language)[0].metric == metric


def test_children_are_deaths_children_only_when_the_sentence_is_about_deaths() -> None:
    assert tracked("The strike killed 12 children.", "en")[0].metric == "deaths_children"
    assert extract("The school teaches 300 children.", language="en")[0].metric == "other"


def test_unknown_metric_is_other_with_its_noun() -> None:
    claim = only("The army destroyed 40 buildings.", "en")
    assert (claim.metric, claim.noun, claim.unit) == ("other", "buildings", None)


def test_prisoners_are_not_hostages() -> None:
    assert tracked("Israel freed 39 Palestinian prisoners.", "en") == []


# -- votes and durations -------------------------------------------------------------------------


def test_vote_tally_with_the_body_as_subject() -> None:
    text = "In the General Assembly the resolution passed with 153 in favour, 10 against, 23 abstentions."
    claims = tracked(text, "en")
    assert [(c.metric, c.value, c.unit, c.subject) for c in claims] == [
        ("un_votes_for", D(153), "votes", "body:un-general-assembly"),
        ("un_votes_against", D(10), "votes", "body:un-general-assembly"),
        ("un_votes_abstain", D(23), "votes", "body:un-general-assembly"),
    ]


def test_countries_voting_in_favour() -> None:
    claim = tracked("Au Conseil de sécurité, 13 pays ont voté en faveur du texte.", "fr")[0]
    assert (claim.metric, claim.subject) == ("un_votes_for", "body:un-security-council")


def test_vote_pair_reads_for_then_against() -> None:
    claims = tracked("The Security Council voted 13 to 1 on the draft.", "en")
    assert [(c.metric, c.value) for c in claims] == [("un_votes_for", D(13)), ("un_votes_against", D(1))]


@pytest.mark.parametrize(
    ("text", "language", "value", "qualifier"),
    [
        ("The call lasted about 50 minutes.", "en", D(50), "approx"),
        ("The meeting lasted two hours.", "en", D(120), "exact"),
        ("L'entretien a duré deux heures.", "fr", D(120), "exact"),
        ("La reunión duró 90 minutos.", "es", D(90), "exact"),
        ("Das Telefonat dauerte eine Stunde.", "de", D(60), "exact"),
    ],
)
def test_durations_in_minutes(text: str, language: str, value: Decimal, qualifier: str) -> None:
    claim = tracked(text, language)[0]
    assert (claim.metric, claim.unit, claim.value, claim.qualifier) == ("duration", "minutes", value, qualifier)


def test_a_time_window_is_not_a_duration() -> None:
    claims = tracked("Over the past 24 hours, 201 people were killed.", "en")
    assert [(c.metric, c.value) for c in claims] == [("deaths", D(201))]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Over the past 24 hours, 201 people were killed.", "en"),
        ("En las últimas 48 horas, 201 personas murieron.", "es"),
        ("Au cours des dernières 48 heures, 201 personnes sont mortes.", "fr"),
    ],
)
def test_a_time_window_is_no_claim_at_all(text: str, language: str) -> None:
    assert [c.value for c in extract(text, language=language)] == [D(201)]


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("De los 40 fallecidos en Kolvana, 19 eran mayores de 80 años.", "es", D(80)),
        ("Three children under 5 years of age were among the injured.", "en", D(5)),
        ("Parmi les blessés figurent deux enfants de 9 ans.", "fr", D(9)),
    ],
)
def test_an_age_is_no_claim(text: str, language: str, value: Decimal) -> None:
    assert value not in [c.value for c in extract(text, language=language)]


# -- parts of wholes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "part_metric"),
    [
        ("20.000 martyrs, dont plus de 7000 enfants.", "fr", "deaths_children"),
        ("300 people were killed, including 120 children.", "en", "deaths_children"),
        ("300 people were killed, of whom 80 women.", "en", "deaths_women"),
        ("Murieron 300 personas, entre ellos 120 niños.", "es", "deaths_children"),
        ("300 Menschen wurden getötet, darunter 120 Kinder.", "de", "deaths_children"),
    ],
)
def test_parts_point_at_their_whole(text: str, language: str, part_metric: str) -> None:
    claims = extract(text, language=language)
    whole, part = claims
    assert whole.metric == "deaths"
    assert (part.metric, part.part_of) == (part_metric, 0)


def test_of_them_inherits_the_metric_of_the_whole() -> None:
    claims = extract("The army said 392 soldiers had been killed, 161 of them in Gaza.", language="en")
    assert [(c.metric, c.part_of) for c in claims] == [("deaths", None), ("deaths", 0)]


# -- subjects ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "subject"),
    [
        ("300 people were killed in the Gaza Strip.", "en", "region:gaza-strip"),
        ("300 morts dans la bande de Gaza.", "fr", "region:gaza-strip"),
        ("300 muertos en la Franja de Gaza.", "es", "region:gaza-strip"),
        ("300 Tote im Gazastreifen.", "de", "region:gaza-strip"),
        ("Israel said 300 people were killed in Rafah.", "en", "iso:PS-RFH"),
    ],
)
def test_subject_is_the_nearest_place(text: str, language: str, subject: str) -> None:
    assert tracked(text, language)[0].subject == subject


def test_subject_falls_back_to_the_previous_paragraph() -> None:
    text = "Strikes on Khan Younis\n\nDoctors said 40 people were killed overnight."
    assert tracked(text, "en")[0].subject == "geonames:281124"


def test_no_place_no_subject() -> None:
    claim = tracked("Doctors said 40 people were killed.", "en")[0]
    assert (claim.subject, claim.subject_confidence, claim.subject_ambiguous) == (None, 0.0, True)


@pytest.mark.parametrize(
    ("text", "language", "subject"),
    [
        ("Floods killed 12 people in Valmora.", "en", "name:valmora"),
        ("Les inondations ont fait 12 morts à Valmora.", "fr", "name:valmora"),
        ("Murieron 12 personas en Tarnovel.", "es", "name:tarnovel"),
    ],
)
def test_a_town_the_gazetteer_does_not_hold_is_kept_by_its_name(text: str, language: str, subject: str) -> None:
    claim = tracked(text, language)[0]
    assert (claim.subject, claim.subject_ambiguous) == (subject, True)


# -- time ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Since October 7, 20,000 people have been killed.", "en"),
        ("Depuis le 7 octobre, 20.000 personnes ont été tuées.", "fr"),
        ("Desde el 7 de octubre han muerto 20.000 personas.", "es"),
        ("Seit dem 7. Oktober wurden 20.000 Menschen getötet.", "de"),
    ],
)
def test_since_gives_the_period_start_in_the_year_before_publication(text: str, language: str) -> None:
    claim = tracked(text, language, published=date(2024, 1, 15))[0]
    assert claim.period_start == date(2023, 10, 7)
    assert (claim.as_of, claim.as_of_precision) == (date(2024, 1, 15), "day")
    assert claim.value == D(20000)


def test_month_precision_is_kept_and_dates_of_that_month_resolve() -> None:
    claim = tracked("Depuis le 7 octobre, 20.000 morts.", "fr", published=date(2023, 12, 1),
                    published_precision="month")[0]
    assert (claim.as_of, claim.as_of_precision, claim.period_start) == (date(2023, 12, 1), "month", date(2023, 10, 7))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("On Friday, 40 people were killed.", "en"),
        ("Vendredi, 40 personnes ont été tuées.", "fr"),
        ("Este viernes murieron 40 personas.", "es"),
        ("Am Freitag wurden 40 Menschen getötet.", "de"),
    ],
)
def test_weekday_resolves_on_or_before_a_day_precision_date(text: str, language: str) -> None:
    sunday = date(2023, 12, 10)
    claim = tracked(text, language, published=sunday)[0]
    assert (claim.as_of, claim.as_of_precision) == (date(2023, 12, 8), "day")


def test_weekday_of_the_publication_day_is_that_day() -> None:
    claim = tracked("On Sunday, 40 people were killed.", "en", published=date(2023, 12, 10))[0]
    assert claim.as_of == date(2023, 12, 10)


def test_without_a_publication_date_there_is_no_as_of() -> None:
    claim = tracked("40 people were killed.", "en")[0]
    assert (claim.as_of, claim.as_of_precision) == (None, None)


# -- attribution ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("According to the health ministry, 300 people were killed.", "en", "the health ministry"),
        ("300 people were killed, the ministry said.", "en", "the ministry"),
        ("Selon le ministère de la Santé, 300 personnes ont été tuées.", "fr", "le ministère de la Santé"),
        ("Según el ministerio, murieron 300 personas.", "es", "el ministerio"),
        ("Laut dem Ministerium wurden 300 Menschen getötet.", "de", "dem Ministerium wurden 300 Menschen getötet"),
        ("Ein Sprecher sagte, 300 Menschen seien getötet worden.", "de", "Ein Sprecher"),
    ],
)
def test_attribution(text: str, language: str, source: str) -> None:
    assert tracked(text, language)[0].attribution == source


def test_no_attribution_cue_no_attribution() -> None:
    assert tracked("300 people were killed in Rafah.", "en")[0].attribution is None


# -- not claims ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The war began on October 7, 2023.", "en"),
        ("La guerre a commencé le 7 octobre 2023.", "fr"),
        ("La reunión empieza a las 10:30.", "es"),
        ("Das Treffen beginnt um 14 Uhr.", "de"),
        ("In 2023 the situation worsened.", "en"),
        ("Resolution 2720 was adopted.", "en"),
        ("La résolution 2728 a été adoptée.", "fr"),
        ("He finished 1st in the race.", "en"),
        ("Am 3. Tag der Waffenruhe herrschte Ruhe.", "de"),
        ("Call +33 1 23 45 67 89 for help.", "en"),
        ("Llame al 91 123 45 67.", "es"),
        ("See page 12 of the report.", "en"),
        ("1. The first point\n2. The second point", "en"),
        ("Jane Doe, 45, said the talks would resume.", "en"),
        ("One of the hostages was a child.", "en"),
        ("F-16 jets flew over the area.", "en"),
    ],
)
def test_numbers_that_are_not_claims(text: str, language: str) -> None:
    assert extract(text, language=language) == []


def test_percentages_are_kept_as_other() -> None:
    claim = only("About 85 percent of the population fled.", "en")
    assert (claim.metric, claim.unit) == ("other", "percent")


# -- the entry point -----------------------------------------------------------------------------


def test_claims_are_in_text_order_with_rules_and_confidence() -> None:
    text = "Rafah: 40 people were killed and 60 injured. Another 10 are missing."
    claims = extract(text, language="en")
    assert [c.metric for c in claims] == ["deaths", "injured", "missing"]
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for claim in claims:
        assert claim.rules
        assert 0 < claim.confidence <= 1
        assert claim.language == "en"
        assert text[claim.start : claim.end] in claim.sentence


def test_unsupported_language_and_empty_text_yield_nothing() -> None:
    assert extract("Bij de overstroming kwamen 300 mensen om.", language="nl") == []
    assert extract("", language="en") == []


def test_extractor_version_is_a_string() -> None:
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("A 6.4-magnitude quake killed 31 people in Kolvana.", "en"),
        ("6,4 Grad stark war das Beben, das 31 Menschen tötete.", "de"),
    ],
)
def test_a_fraction_is_never_a_count_of_people(text: str, language: str) -> None:
    """People, votes and trucks come whole: a magnitude read beside a toll stays untracked."""
    claims = tracked(text, language)

    assert [(c.metric, c.value) for c in claims] == [("deaths", D(31))]


@pytest.mark.parametrize(
    ("text", "language", "lower", "upper"),
    [
        ("Il y a eu de 15 à 30 000 déplacés.", "fr", D(15000), D(30000)),
        ("Hubo de 15 a 30.000 desplazados.", "es", D(15000), D(30000)),
        ("Es gab 15 bis 30.000 Vertriebene.", "de", D(15000), D(30000)),
        ("Between 2 and 3,500 people were displaced.", "en", D(2), D(3500)),
    ],
)
def test_a_range_shares_the_thousands_of_its_upper_bound(text: str, language: str, lower: Decimal, upper: Decimal) -> None:
    """"de 15 à 30 000": the lower bound is fifteen thousand; a bound far below a thousandth is kept."""
    claim = tracked(text, language)[0]

    assert (claim.lower, claim.upper) == (lower, upper)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Murieron veintitres personas.", D(23)), ("Hubo veintiseis heridos.", D(26))],
)
def test_unaccented_spanish_number_words_are_read(text: str, value: Decimal) -> None:
    assert tracked(text, "es")[0].value == value
