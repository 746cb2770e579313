"""Subjects: the gazetteer id of the place a number is about, how sure that is, and when it is
ambiguous. Every sentence is written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction import ExtractedClaim, extract

PUBLISHED = date(2023, 2, 8)


def _claim(text: str, language: str, number: str) -> ExtractedClaim:
    """The claim whose span holds the first occurrence of `number`."""
    at = text.index(number)
    found = [c for c in extract(text, language=language, published=PUBLISHED) if c.start <= at < c.end]
    assert found, f"no claim at {number!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "language", "country_number", "province_number"),
    [
        ("Earthquake in Turkey\n\nNationwide, 9,300 people died, 2,100 of them in Hatay province.", "en", "9,300", "2,100"),
        (
            "Séisme en Turquie\n\nDans tout le pays, 9300 personnes sont mortes, dont 2100 personnes dans la province de Hatay.",
            "fr", "9300", "2100",
        ),
        (
            "Terremoto en Turquía\n\nEn todo el país murieron 9300 personas, entre ellas 2100 personas en la provincia de Hatay.",
            "es", "9300", "2100",
        ),
        ("Erdbeben in der Türkei\n\nLandesweit starben 9300 Menschen, darunter 2100 Menschen in der Provinz Hatay.", "de", "9300", "2100"),
    ],
)
def test_a_national_toll_is_the_countrys_and_its_provinces_share_the_provinces(
    text: str, language: str, country_number: str, province_number: str
) -> None:
    # when
    national = _claim(text, language, country_number)
    provincial = _claim(text, language, province_number)
    # then
    assert (national.subject, national.subject_ambiguous) == ("iso:TR", False)
    assert (provincial.subject, provincial.subject_ambiguous) == ("iso:TR-31", False)
    assert "subject.sentence-nationwide" in national.rules


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("Earthquake in Turkey\n\nRescuers said 2,100 people died in Hatay province.", "en", "2,100"),
        ("Séisme en Turquie\n\nSelon les secours, 2100 personnes sont mortes dans la province de Hatay.", "fr", "2100"),
        ("Terremoto en Turquía\n\nSegún los rescatistas, 2100 personas murieron en la provincia de Hatay.", "es", "2100"),
        ("Erdbeben in der Türkei\n\nNach Angaben der Retter starben 2100 Menschen in der Provinz Hatay.", "de", "2100"),
    ],
)
def test_a_provinces_toll_is_the_province_not_the_country_of_the_headline(text: str, language: str, number: str) -> None:
    claim = _claim(text, language, number)
    assert (claim.subject, claim.subject_confidence, claim.subject_ambiguous) == ("iso:TR-31", 0.9, False)


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("Storm hits coast\n\nMobile phone networks failed as 40 people were injured, Rescue teams said.", "en", "40"),
        ("Tempête sur la côte\n\nTours et clochers ont été endommagés et 40 personnes ont été blessées.", "fr", "40"),
        ("Temporal en la costa\n\nVictoria parcial: los equipos rescataron a 40 personas heridas.", "es", "40"),
        ("Erdbeben fordert Opfer\n\nNach dem Erdbeben schweben 40 Verletzte in Lebensgefahr.", "de", "40"),
    ],
)
def test_a_capitalised_common_noun_is_no_place(text: str, language: str, number: str) -> None:
    """German capitalises every noun ("Erdbeben", "Lebensgefahr"); every language capitalises a
    sentence's first word ("Mobile", "Tours", "Victoria")."""
    claim = _claim(text, language, number)
    assert (claim.subject, claim.subject_confidence, claim.subject_ambiguous) == (None, 0.0, True)
    assert "subject.none" in claim.rules


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("Quake toll rises\n\nBAKU, Feb. 8 (Trend) - At least 9,300 people have died, Turkish officials said.", "en", "9,300"),
        ("Quake in Turkey\n\nAt least 9,300 people died, Azerbaijan's Trend news agency reported.", "en", "9,300"),
        (
            "Le bilan s'alourdit\n\nBAKOU, 8 février (Trend) - Au moins 9300 personnes sont mortes, "
            "ont indiqué les autorités turques.",
            "fr", "9300",
        ),
        ("Séisme en Turquie\n\nAu moins 9300 personnes sont mortes, a rapporté l'agence azerbaïdjanaise Trend.", "fr", "9300"),
        ("Terremoto en Turquía\n\nAl menos 9300 personas murieron, informó la agencia azerbaiyana Trend.", "es", "9300"),
        (
            "Zahl der Toten steigt\n\nBAKU, 8. Februar (Trend) - Mindestens 9300 Menschen sind gestorben, "
            "teilten die türkischen Behörden mit.",
            "de", "9300",
        ),
    ],
)
def test_the_outlets_country_is_never_the_subject(text: str, language: str, number: str) -> None:
    """A dateline ("BAKU (Trend) -") and an agency's country ("the Azerbaijani agency") tell who
    reports, not what the number is about."""
    claim = _claim(text, language, number)
    assert claim.subject == "iso:TR"


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("Quake\n\nThe death toll in Turkey and Syria rose to 41,000.", "en", "41,000"),
        ("Séisme\n\nLe bilan en Turquie et en Syrie dépasse 41 000 morts.", "fr", "41 000"),
        ("Terremoto\n\nEl balance en Turquía y Siria supera los 41.000 muertos.", "es", "41.000"),
        ("Erdbeben\n\nDie Zahl der Toten in der Türkei und Syrien stieg auf 41.000.", "de", "41.000"),
    ],
)
def test_a_combined_toll_is_a_subject_of_its_own(text: str, language: str, number: str) -> None:
    claim = _claim(text, language, number)
    assert (claim.subject, claim.subject_ambiguous) == ("iso:SY+iso:TR", False)
    assert "subject.clause-several-combined" in claim.rules


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("Floods\n\nFloods killed 12 people in Valmora overnight.", "en", "12"),
        ("Inondations\n\nLes crues ont fait 12 morts à Valmora dans la nuit.", "fr", "12"),
        ("Inundaciones\n\nLas riadas dejaron 12 muertos en Valmora durante la noche.", "es", "12"),
        ("Hochwasser in Valmora\n\nDas Hochwasser tötete in der Nacht 12 Menschen in Valmora.", "de", "12"),
    ],
)
def test_a_place_the_gazetteer_does_not_know_is_flagged(text: str, language: str, number: str) -> None:
    """Kept by its name, never guessed: reports of the same unknown place are still compared."""
    claim = _claim(text, language, number)
    assert (claim.subject, claim.subject_confidence, claim.subject_ambiguous) == ("name:valmora", 0.2, True)
    assert "subject.unresolved-name" in claim.rules


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("Earthquake in Turkey\n\nThe rescue went on overnight.\n\nOfficials said 300 people were still missing.", "en", "300"),
        ("Séisme en Turquie\n\nLes secours ont travaillé toute la nuit.\n\nQuelque 300 personnes sont portées disparues.", "fr", "300"),
        ("Terremoto en Turquía\n\nEl rescate siguió durante la noche.\n\nUnas 300 personas siguen desaparecidas.", "es", "300"),
        ("Erdbeben in der Türkei\n\nDie Rettung ging die Nacht hindurch.\n\nEtwa 300 Menschen werden noch vermisst.", "de", "300"),
    ],
)
def test_a_place_taken_from_the_headline_is_less_sure(text: str, language: str, number: str) -> None:
    claim = _claim(text, language, number)
    assert claim.subject == "iso:TR"
    assert claim.subject_confidence < 0.75
    assert "subject.lead" in claim.rules


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The toll in Gaza passed 21,000 as the Security Council met again.", "en"),
        ("Le bilan à Gaza dépasse 21 000 morts alors que le Conseil de sécurité se réunit.", "fr"),
        ("El balance en Gaza supera los 21.000 muertos mientras se reúne el Consejo de Seguridad.", "es"),
        ("Die Zahl der Toten in Gaza stieg auf 21.000, während der Sicherheitsrat erneut tagte.", "de"),
    ],
)
def test_a_voting_body_is_the_subject_of_votes_only(text: str, language: str) -> None:
    claims = extract(text, language=language, published=PUBLISHED)
    assert [(c.metric, c.subject) for c in claims] == [("deaths", "region:gaza-strip")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("A convoy of 200 aid trucks entered Gaza on Sunday through the Rafah crossing.", "en"),
        ("Un convoi de 200 camions est entré dans la bande de Gaza par le point de passage de Rafah.", "fr"),
        ("Un convoy de 200 camiones entró en Gaza este domingo por el paso de Rafah.", "es"),
        ("Ein Konvoi mit 200 Lkw fuhr am Sonntag über Rafah in den Gazastreifen.", "de"),
    ],
)
def test_a_place_named_as_the_way_through_is_not_the_subject(text: str, language: str) -> None:
    claim = _claim(text, language, "200")
    assert claim.subject == "region:gaza-strip"


@pytest.mark.parametrize(
    ("text", "language", "number", "subject"),
    [
        ("Flood in Valmora\n\nAt least 12 people died, officials said.", "en", "12", "name:valmora"),
        ("Crue à Valmora\n\nAu moins 31 personnes sont mortes, selon la mairie.", "fr", "31", "name:valmora"),
        ("Inundación en Valmora\n\nAl menos 31 personas murieron, dijo el alcalde.", "es", "31", "name:valmora"),
        ("Hochwasser in Valmora\n\nIn Valmora starben 47 Menschen.", "de", "47", "name:valmora"),
        ("Hochwasser in Valmora\n\nDie Flut, die in Valmora Spuren hinterließ, tötete 47 Menschen.", "de", "47", "name:valmora"),
        ("Flood\n\nIn the valley, 12 people died in Valmora Heights.", "en", "12", "name:valmora-heights"),
    ],
)
def test_a_name_the_gazetteer_lacks_stays_uncertain(text: str, language: str, number: str, subject: str) -> None:
    """An invented town after a locative word is kept by its name, never guessed, and flagged."""
    claim = _claim(text, language, number)
    assert (claim.subject, claim.subject_confidence, claim.subject_ambiguous) == (subject, 0.2, True)
    assert "subject.unresolved-name" in claim.rules


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        # German capitalises nouns: a word after a locative carrying an article, or named once.
        ("Hochwasser\n\nIm Krankenhaus starben 47 Menschen.", "de", "47"),
        ("Hochwasser\n\nNach dem Hochwasser liegen 40 Verletzte im Krankenhaus beim Valmora.", "de", "40"),
        ("Hochwasser\n\n40 Verletzte schweben in Lebensgefahr.", "de", "40"),
        ("Hochwasser\n\nDas Hochwasser tötete in der Nacht 12 Menschen in Valmora.", "de", "12"),
        # A common word of the language after a locative names no place.
        ("Flood\n\nAt least 12 people died, the Ministry of Health said.", "en", "12"),
    ],
)
def test_a_common_word_after_a_locative_is_no_unresolved_name(text: str, language: str, number: str) -> None:
    claim = _claim(text, language, number)
    assert (claim.subject, claim.subject_confidence, claim.subject_ambiguous) == (None, 0.0, True)


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        (
            "Assembly demands a truce\n\nThe General Assembly demanded a truce on Tuesday.\n\n"
            "A similar draft failed in the Security Council on Friday. There, 13 members voted in favour.",
            "en", "13",
        ),
        (
            "Vollversammlung fordert Waffenruhe\n\nDie UN-Vollversammlung verlangte am Dienstag eine Waffenruhe.\n\n"
            "Im Sicherheitsrat war ein ähnlicher Entwurf am Freitag gescheitert. Dort hatten 13 Mitglieder dafür gestimmt.",
            "de", "13",
        ),
    ],
)
def test_a_vote_naming_no_body_is_the_one_named_just_before_not_the_leads(text: str, language: str, number: str) -> None:
    claim = _claim(text, language, number)
    assert (claim.metric, claim.subject) == ("un_votes_for", "body:un-security-council")
    assert "subject.previous-sentence" in claim.rules
