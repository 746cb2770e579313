"""The days after an event of a claim in an article dated by its month alone ("a week after the
storm"): the month stays the claim's date, and the offset the text states is reported beside it,
in days. Every sentence is written for these tests."""

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
    ("text", "language", "offset"),
    [
        ("Storm over Dravona\n\nFour days after the storm, the regional office put the toll at 48 dead.", "en", 4),
        ("Storm over Dravona\n\nA week after the storm the regional office counted 48 dead.", "en", 7),
        ("Tempête sur Dravona\n\nTrois jours après la tempête, le bureau régional fait état de 48 morts.", "fr", 3),
        ("Tempête sur Dravona\n\nUne semaine après la tempête, le bureau régional recense 48 morts.", "fr", 7),
        ("Temporal en Dravona\n\nUna semana después del temporal, la oficina regional cifra en 48 los muertos.",
         "es", 7),
        ("Temporal en Dravona\n\nDos días tras el temporal, la oficina regional contaba 48 muertos.", "es", 2),
        ("Sturm über Dravona\n\nEine Woche nach dem Sturm meldete das Regionalbüro 48 Tote.", "de", 7),
        ("Sturm über Dravona\n\nZwei Wochen nach dem Sturm zählte das Regionalbüro 48 Tote.", "de", 14),
        ("عاصفة في درافونا\n\nبعد أسبوع من العاصفة أعلن المكتب الإقليمي عن 48 قتيلا.", "ar", 7),
        ("عاصفة في درافونا\n\nوبعد ثلاثة أيام من العاصفة أحصى المكتب الإقليمي 48 قتيلا.", "ar", 3),
        ("Буря в Дравоне\n\nЧерез неделю после бури региональное бюро сообщило о 48 погибших.", "ru", 7),
        ("Буря в Дравоне\n\nСпустя три дня после бури региональное бюро насчитало 48 погибших.", "ru", 3),
    ],
)
def test_days_after_an_event_in_an_article_dated_by_its_month_are_reported_beside_the_month(
    text: str, language: str, offset: int
) -> None:
    # when
    claims = _tracked(text, language)
    # then
    assert [(c.value, c.as_of, c.as_of_precision, c.as_of_weekday, c.as_of_offset) for c in claims] == [
        (48, MONTH, "month", None, offset)]
    assert "time.after_event" in claims[0].rules


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Storm over Dravona\n\nFour days after the storm, the regional office put the toll at 48 dead.", "en"),
        ("Sturm über Dravona\n\nEine Woche nach dem Sturm meldete das Regionalbüro 48 Tote.", "de"),
    ],
)
def test_an_article_dated_to_the_day_reports_no_offset(text: str, language: str) -> None:
    claims = _tracked(text, language, published=date(2025, 4, 10), precision="day")
    assert [(c.as_of, c.as_of_precision, c.as_of_offset) for c in claims] == [(date(2025, 4, 10), "day", None)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # A duration, a time to come, a day named, a weekday named, no offset.
        ("Storm over Dravona\n\nRescuers searched for three days after the storm and found 48 dead.", "en"),
        ("Storm over Dravona\n\nOver its first two days after the storm the regional office counted 48 dead.", "en"),
        ("Storm over Dravona\n\nThe regional office will update its toll of 48 dead in a week.", "en"),
        ("Tempête sur Dravona\n\nPendant trois jours après la tempête, les secours ont relevé 48 morts.", "fr"),
        ("Буря в Дравоне\n\nЧерез неделю региональное бюро обновит данные о 48 погибших.", "ru"),
        ("عاصفة في درافونا\n\nخلال أسبوع أحصى المكتب الإقليمي 48 قتيلا.", "ar"),
        ("Storm over Dravona\n\nOn Tuesday, a week after the storm, the regional office counted 48 dead.", "en"),
        ("Storm over Dravona\n\nThe regional office put the toll at 48 dead.", "en"),
    ],
)
def test_no_offset_is_reported_where_the_text_does_not_state_the_figure_so_many_days_after_an_event(
    text: str, language: str
) -> None:
    claims = _tracked(text, language)
    assert [c.value for c in claims] == [48]
    assert claims[0].as_of_offset is None


def test_a_day_named_in_the_month_dates_the_claim_instead() -> None:
    text = "Storm over Dravona\n\nOn 9 April, a week after the storm, the regional office counted 48 dead."
    claims = _tracked(text, "en")
    assert [(c.as_of, c.as_of_precision, c.as_of_offset) for c in claims] == [(date(2025, 4, 9), "day", None)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Storm over Dravona\n\nA week after the storm, 48 people are confirmed dead. Another 12 are still missing.",
         "en"),
        ("Буря в Дравоне\n\nЧерез неделю после бури число погибших достигло 48. Еще 12 человек пропали без вести.",
         "ru"),
    ],
)
def test_an_offset_is_carried_to_the_next_sentence_of_its_paragraph(text: str, language: str) -> None:
    claims = _tracked(text, language)
    assert [(c.value, c.as_of, c.as_of_offset) for c in claims] == [(48, MONTH, 7), (12, MONTH, 7)]
    assert "time.carried_offset" in claims[1].rules


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Storm kills 48 in Dravona\n\nA week after the storm, the regional office now counts 48 dead.\n\n"
         "Another 12 people are still missing in the hills.", "en"),
        ("Sturm fordert 48 Tote in Dravona\n\nEine Woche nach dem Sturm meldet das Regionalbüro nun 48 Tote.\n\n"
         "Weitere 12 Menschen werden in den Bergen vermisst.", "de"),
    ],
)
def test_the_leads_offset_dates_the_headline_and_later_paragraphs(text: str, language: str) -> None:
    claims = _tracked(text, language)
    assert [(c.value, c.as_of_offset) for c in claims] == [(48, 7), (48, 7), (12, 7)]
    assert "time.same_figure" in claims[0].rules
    assert {"time.carried_offset", "time.lead"} <= set(claims[2].rules)


def test_two_different_offsets_in_one_sentence_date_nothing() -> None:
    text = ("Storm over Dravona\n\nTwo days after the storm 30 were dead, and a week after the storm "
            "the regional office counted 48.")
    claims = _tracked(text, "en")
    assert {c.as_of_offset for c in claims} == {None}
