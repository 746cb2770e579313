"""Dates: a vote is for the day it was held, read from the text against the article's date.
Every sentence is written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction import extract

# A Monday.
PUBLISHED = date(2023, 10, 30)


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        (
            "Assembly demands a truce\n\nThe General Assembly voted on Friday on a call for a truce. "
            "The text passed with 120 votes in favour and 14 against.",
            "en", date(2023, 10, 27),
        ),
        (
            "L'Assemblée réclame une trêve\n\nL'Assemblée générale a voté le 27 octobre un appel à une trêve. "
            "Le texte a été adopté par 120 voix contre 14.",
            "fr", date(2023, 10, 27),
        ),
        (
            "La Asamblea pide una tregua\n\nLa Asamblea General votó el viernes un llamamiento a una tregua. "
            "El texto se aprobó con 120 votos a favor y 14 en contra.",
            "es", date(2023, 10, 27),
        ),
        (
            "Vollversammlung fordert Waffenruhe\n\nDie UN-Vollversammlung stimmte am Dienstag über eine Waffenruhe ab. "
            "Die Resolution wurde mit 120 Stimmen angenommen.",
            "de", date(2023, 10, 24),
        ),
        (
            "Vollversammlung fordert Waffenruhe\n\nDie UN-Vollversammlung stimmte gestern über eine Waffenruhe ab. "
            "Die Resolution wurde mit 120 Stimmen angenommen.",
            "de", date(2023, 10, 29),
        ),
    ],
)
def test_a_votes_day_is_read_from_the_sentence_before_it(text: str, language: str, day: date) -> None:
    # when
    votes = [c for c in extract(text, language=language, published=PUBLISHED) if c.metric.startswith("un_votes")]
    # then
    assert votes
    assert {(c.as_of, c.as_of_precision) for c in votes} == {(day, "day")}
    assert all("time.vote_day" in c.rules for c in votes)
    assert {c.subject for c in votes} == {"body:un-general-assembly"}


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        ("The Security Council voted 13 to 2 on Friday to adopt the text.", "en", date(2023, 10, 27)),
        ("Le Conseil de sécurité a adopté vendredi le texte par 13 voix contre 2.", "fr", date(2023, 10, 27)),
        ("El Consejo de Seguridad aprobó el viernes el texto con 13 votos a favor y 2 en contra.", "es", date(2023, 10, 27)),
        ("Der Sicherheitsrat nahm die Resolution am Dienstag mit 13 Stimmen an.", "de", date(2023, 10, 24)),
    ],
)
def test_a_votes_day_named_in_its_sentence(text: str, language: str, day: date) -> None:
    votes = [c for c in extract(text, language=language, published=PUBLISHED) if c.metric.startswith("un_votes")]
    assert votes
    assert {(c.as_of, c.subject) for c in votes} == {(day, "body:un-security-council")}


def test_a_vote_whose_text_names_no_day_keeps_the_articles_date() -> None:
    text = "Assembly demands a truce\n\nThe General Assembly adopted the text with 120 votes in favour and 14 against."
    votes = [c for c in extract(text, language="en", published=PUBLISHED) if c.metric.startswith("un_votes")]
    assert {(c.as_of, c.as_of_precision) for c in votes} == {(PUBLISHED, "day")}


def test_another_count_does_not_take_the_votes_day() -> None:
    text = (
        "Assembly demands a truce\n\nThe General Assembly voted on Friday on a call for a truce. "
        "More than 8,000 people have died in the Gaza Strip so far."
    )
    deaths = [c for c in extract(text, language="en", published=PUBLISHED) if c.metric == "deaths"]
    assert [(c.as_of, c.subject) for c in deaths] == [(PUBLISHED, "region:gaza-strip")]


def test_a_vote_whose_sentence_names_its_month_keeps_it() -> None:
    text = (
        "Vollversammlung fordert Waffenruhe\n\nDie UN-Vollversammlung stimmte am Freitag über eine Waffenruhe ab. "
        "Anfang September hatte eine frühere Resolution noch 90 Ja-Stimmen erhalten."
    )
    # when
    votes = [c for c in extract(text, language="de", published=PUBLISHED) if c.metric.startswith("un_votes")]
    # then
    assert [(c.value, c.as_of, c.as_of_precision) for c in votes] == [(90, date(2023, 9, 1), "month")]
    assert "time.vote_day" not in votes[0].rules
