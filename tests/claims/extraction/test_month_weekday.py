"""The weekday of a claim in an article dated by its month alone: the month stays the claim's date,
and the weekday the text names is reported beside it (0 = Monday). Every sentence is written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction import extract

# An article known to be of April 2025 only.
MONTH = date(2025, 4, 1)


def _tracked(text: str, language: str, published: date = MONTH, precision: str = "month") -> list:
    return [c for c in extract(text, language=language, published=published, published_precision=precision)
            if c.metric != "other"]


@pytest.mark.parametrize(
    ("text", "language", "weekday"),
    [
        ("Floods in Dravona\n\nOn Tuesday evening the regional office put the toll at 48 dead.", "en", 1),
        ("Crues à Dravona\n\nLe bureau régional a fait état mardi soir de 48 morts.", "fr", 1),
        ("Inundaciones en Dravona\n\nLa oficina regional cifró el martes por la noche en 48 los muertos.", "es", 1),
        ("Hochwasser in Dravona\n\nDas Regionalbüro meldete am Dienstagabend 48 Tote.", "de", 1),
        ("فيضانات في درافونا\n\nأعلن المكتب الإقليمي مساء الثلاثاء عن 48 قتيلا.", "ar", 1),
        ("Наводнение в Дравоне\n\nВо вторник вечером региональное бюро сообщило о 48 погибших.", "ru", 1),
        ("Floods in Dravona\n\nBy Friday the regional office counted 48 dead.", "en", 4),
        ("Hochwasser in Dravona\n\nAm Sonntag zählte das Regionalbüro 48 Tote.", "de", 6),
    ],
)
def test_a_weekday_in_an_article_dated_by_its_month_is_reported_beside_the_month(
    text: str, language: str, weekday: int
) -> None:
    # when
    claims = _tracked(text, language)
    # then
    assert [(c.value, c.as_of, c.as_of_precision, c.as_of_weekday) for c in claims] == [(48, MONTH, "month", weekday)]
    assert "time.weekday_of_month" in claims[0].rules


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Floods in Dravona\n\nOn Tuesday evening the regional office put the toll at 48 dead.", "en"),
        ("Hochwasser in Dravona\n\nDas Regionalbüro meldete am Dienstagabend 48 Tote.", "de"),
    ],
)
def test_an_article_dated_to_the_day_places_the_weekday_itself(text: str, language: str) -> None:
    # A Thursday: its Tuesday is two days before.
    claims = _tracked(text, language, published=date(2025, 4, 10), precision="day")
    assert [(c.as_of, c.as_of_precision, c.as_of_weekday) for c in claims] == [(date(2025, 4, 8), "day", None)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # A weekday to come, two different weekdays, a weekday that is a date's, no weekday.
        ("Floods in Dravona\n\nThe regional office will update the toll of 48 dead next Tuesday.", "en"),
        ("Crues à Dravona\n\nLe bureau régional publiera mardi prochain un bilan de 48 morts.", "fr"),
        ("Floods in Dravona\n\nBetween Monday and Wednesday the regional office counted 48 dead.", "en"),
        ("Hochwasser in Dravona\n\nAm Dienstag, 8. April, meldete das Regionalbüro 48 Tote.", "de"),
        ("Floods in Dravona\n\nThe regional office put the toll at 48 dead.", "en"),
    ],
)
def test_no_weekday_is_reported_where_the_text_does_not_state_the_figure_for_one(text: str, language: str) -> None:
    claims = _tracked(text, language)
    assert [c.value for c in claims] == [48]
    assert claims[0].as_of_weekday is None


def test_the_weekday_of_an_event_is_not_the_figures() -> None:
    text = "Quake in Dravona\n\nThe quake that struck on Saturday has killed 48 people, the regional office said."
    claims = _tracked(text, "en")
    assert [(c.value, c.as_of_weekday) for c in claims] == [(48, None)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Floods in Dravona\n\nOn Tuesday evening the regional office put the toll at 48 dead. "
         "Another 12 people are missing.", "en"),
        ("Наводнение в Дравоне\n\nВо вторник вечером региональное бюро сообщило о 48 погибших. "
         "Еще 12 человек пропали без вести.", "ru"),
    ],
)
def test_a_weekday_is_carried_to_the_next_sentence_of_its_paragraph(text: str, language: str) -> None:
    claims = _tracked(text, language)
    assert [(c.value, c.as_of, c.as_of_weekday) for c in claims] == [(48, MONTH, 1), (12, MONTH, 1)]
    assert "time.carried_weekday" in claims[1].rules


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Assembly demands a truce\n\nThe General Assembly voted on Wednesday on a call for a truce. "
         "The text passed with 120 votes in favour and 14 against.", "en"),
        ("L'Assemblée réclame une trêve\n\nL'Assemblée générale a voté mercredi un appel à une trêve. "
         "Le texte a été adopté par 120 voix contre 14.", "fr"),
        ("La Asamblea pide una tregua\n\nLa Asamblea General votó el miércoles un llamamiento a una tregua. "
         "El texto se aprobó con 120 votos a favor y 14 en contra.", "es"),
        ("Vollversammlung fordert Waffenruhe\n\nDie UN-Vollversammlung stimmte am Mittwoch über eine Waffenruhe ab. "
         "Die Resolution wurde mit 120 Stimmen angenommen.", "de"),
        ("الجمعية تطالب بهدنة\n\nفي يوم الأربعاء صوتت الجمعية العامة للأمم المتحدة لصالح نص يطالب بهدنة. "
         "وحصل القرار على تأييد 120 دولة.", "ar"),
        ("Ассамблея требует перемирия\n\nГенеральная Ассамблея ООН в среду проголосовала за перемирие. "
         "Резолюцию поддержали 120 стран.", "ru"),
    ],
)
def test_a_votes_weekday_is_read_from_the_sentence_before_it(text: str, language: str) -> None:
    votes = [c for c in _tracked(text, language) if c.metric.startswith("un_votes")]
    assert votes
    assert {(c.as_of, c.as_of_precision, c.as_of_weekday) for c in votes} == {(MONTH, "month", 2)}
    assert {c.subject for c in votes} == {"body:un-general-assembly"}
