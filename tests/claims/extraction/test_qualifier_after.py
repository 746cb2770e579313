"""A language that writes its qualifier after the number says so in its lexicon alone: a minimal
Turkish lexicon (data, written for this test, with sentences of our own) reads "120'den fazla"
as more than 120 and "40 civarında" as about 40, with no code of its own."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest

from claims.extraction.engine import run
from claims.extraction.languages.base import Language
from claims.extraction.languages.registry import LexiconError, validate_lexicon

MINIMAL_TURKISH = """
language = "tr"
name = "Türkçe"
decimal_separator = ","
thousands_separators = ["."]

[script]
name = "Latin"
letters = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
cased = true
direction = "ltr"

[numbers]
words = []

[qualifiers]
at_least = ["en az"]
more_than_after = ["'den fazla", "'dan fazla", "'ten fazla", "'tan fazla", "’den fazla", "’dan fazla"]
approx_after = ["civarında"]
less_than_after = ["'den az", "'dan az"]

[metrics]
deaths = ["öldü", "hayatını kaybetti", "ölü"]
injured = ["yaralandı", "yaralı"]

[time]
months = [
  ["ocak"], ["şubat"], ["mart"], ["nisan"], ["mayıs"], ["haziran"], ["temmuz"], ["ağustos"], ["eylül"],
  ["ekim"], ["kasım"], ["aralık"],
]
weekdays = [["pazartesi"], ["salı"], ["çarşamba"], ["perşembe"], ["cuma"], ["cumartesi"], ["pazar"]]
"""


@pytest.fixture(scope="module")
def turkish() -> Language:
    data = tomllib.loads(MINIMAL_TURKISH)
    validate_lexicon(data, source="tr (test)")
    return Language(data)


def _one(text: str, language: Language):
    claims = run(text, language, None, "day", Decimal("0.1")).claims
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    ("text", "qualifier", "metric"),
    [
        ("Selde 120'den fazla kişi hayatını kaybetti.", "more_than", "deaths"),
        ("Kazada 35’den fazla yolcu yaralandı.", "more_than", "injured"),
        ("Çığda 40 civarında kişi yaralandı.", "approx", "injured"),
        ("Yangında 20'den az kişi öldü.", "less_than", "deaths"),
        ("Depremde en az 75 kişi öldü.", "at_least", "deaths"),
        ("Depremde 75 kişi öldü.", "exact", "deaths"),
    ],
)
def test_a_qualifier_after_the_number_is_lexicon_data(turkish: Language, text: str, qualifier: str, metric: str) -> None:
    claim = _one(text, turkish)
    assert (claim.qualifier, claim.metric) == (qualifier, metric)
    if qualifier != "exact" and qualifier != "at_least":
        assert f"qualifier.{qualifier}_after" in claim.rules


def test_the_after_number_keys_are_checked_like_the_others() -> None:
    data = tomllib.loads(MINIMAL_TURKISH)
    data["qualifiers"]["more_than_after"] = "'den fazla"
    with pytest.raises(LexiconError, match="more_than_after must be list"):
        validate_lexicon(data, source="tr (test)")
