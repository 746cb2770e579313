"""Language detection over the languages the engine reads."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction.detect import SUPPORTED_LANGUAGES, detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("أعلنت وزارة الصحة في الوردية مقتل 25 شخصا وإصابة العشرات في قصف ليلي.", "ar"),
        ("В Велигорске в результате обстрела погибли 12 человек, сообщили спасатели.", "ru"),
        ("Twelve people were killed in Valmora overnight, rescuers said.", "en"),
    ],
)
def test_arabic_and_russian_are_detected_beside_the_first_four(text: str, language: str) -> None:
    assert detect_language(text) == language
    assert language in SUPPORTED_LANGUAGES


def test_a_body_of_mixed_scripts_keeps_its_spans_on_the_original_text() -> None:
    # A Russian report quoting an English and an Arabic source, with Arabic-Indic digits.
    text = (
        "Заголовок\n\nПо данным ООН («at least 40 killed»), погибли 40 человек; "
        "местные власти («قتل ٤٠ شخصا») называют ту же цифру, ещё 15 пострадавших."
    )
    claims = extract(text, language="ru")
    quotes = [(text[c.start : c.end], c.metric) for c in claims if c.metric != "other"]
    assert ("40 человек", "deaths") in quotes
    assert ("15 пострадавших", "injured") in quotes
    for claim in claims:
        assert text[claim.start : claim.end].strip() == text[claim.start : claim.end]
