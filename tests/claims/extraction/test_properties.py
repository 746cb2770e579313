"""Properties that hold for any input (hypothesis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import available_languages, extract
from claims.extraction.types import ExtractedClaim

LANGUAGES = available_languages()

# Fragments that steer generated text into the engine's rules: numbers in every notation,
# qualifiers, metric words, cues, dates and separators.
FRAGMENTS = (
    "20.000", "20,000", "20\u00a0000", "20\u202f000", "1,9 million", "1.9m", "2 millions", "dos millones",
    "1,2 Millionen", "zwanzigtausend", "vingt et un", "one", "une", "einer", "Dutzende", "des milliers",
    "more than", "plus de", "más de", "mehr als", "about", "environ", "between", "entre", "zwischen", "and",
    "et", "y", "und", "-", "\u2013", " to ", " à ", "killed", "morts", "muertos", "Tote", "children",
    "enfants", "niños", "Kinder", "including", "dont", "darunter", "of them", "votes", "voix", "in favour",
    "against", "abstentions", "minutes", "heures", "Stunden", "since October 7", "depuis le 7 octobre",
    "seit dem 7. Oktober", "on Friday", "vendredi", "según", "according to", "said", "Gaza", "in Valmora",
    "à Brisel", "Security Council", "%", "2023", "10:30", "+33 1 23 45 67 89", "resolution 2720", ", ",
    ". ", "\n\n", "\u0662\u0660", "\u0661\u0669\u0660\u0660", " ", "7.", "1st", "(", ")",
    "\u0661\u066c\u0662\u0660\u0660", "\u0662\u066b\u0665", "\u06f3\u06f1", "قتيلاً", "و12", "أكثر من",
    "ثلاثة آلاف", "قتيلان", "وعشرون", "\u060c ", "\u061f", "امتنعت", "15,3 тыс.", "1 670", "двадцати тысяч",
    "погибших", "ещё", "более", "воздержались — ", "Против —", "пʼятьох", "сім'я", "понад", "загинули",
    "2,5 мільйона", "утрималися",
)

# Every code point, lone surrogates included (a JSON escape such as "\ud800" makes one).
any_character = st.characters(exclude_categories=())

text_strategy = st.one_of(
    st.text(any_character, max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
)


def _check(text: str, claims: list[ExtractedClaim]) -> None:
    for index, claim in enumerate(claims):
        assert 0 <= claim.start < claim.end <= len(text)
        quote = text[claim.start : claim.end]
        assert quote
        if claim.value is not None:
            if claim.lower is not None:
                assert claim.lower <= claim.value
            if claim.upper is not None:
                assert claim.value <= claim.upper
        if claim.lower is not None and claim.upper is not None:
            assert claim.lower <= claim.upper
        if claim.part_of is not None:
            assert 0 <= claim.part_of < len(claims)
            assert claim.part_of != index
        assert 0.0 <= claim.confidence <= 1.0
        assert claim.rules
        assert claim.metric
    starts = [claim.start for claim in claims]
    assert starts == sorted(starts)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=text_strategy,
    language=st.sampled_from(LANGUAGES),
    published=st.one_of(st.none(), st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))),
    precision=st.sampled_from(("day", "month", "year")),
    tolerance=st.decimals(min_value=Decimal("-1"), max_value=Decimal("2"), allow_nan=False, places=2),
)
def test_any_text_yields_well_formed_claims(
    text: str, language: str, published: date | None, precision: str, tolerance: Decimal
) -> None:
    # when
    claims = extract(text, language=language, published=published, published_precision=precision,
                     approx_tolerance=tolerance)
    # then
    _check(text, claims)


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(
    st.text(any_character, max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(any_character, max_size=3)), max_size=30).map(" ".join),
))
def test_detected_language_never_raises(text: str) -> None:
    """Without a language the detector runs; text it cannot place yields no claims, not an error."""
    _check(text, extract(text))


def test_a_lone_surrogate_does_not_stop_language_detection():
    text = "Plus de 20 000 morts \ud800 à Gaza depuis le 7 octobre, selon le ministère."
    claims = extract(text)
    _check(text, claims)
    assert [claim.metric for claim in claims] == ["deaths"]
