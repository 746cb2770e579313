"""The annotated corpus, one test per case, scored by the same code as `python -m claims.extraction.evaluate`.

No database: the engine is pure Python, so these tests run with `-p no:django` as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from claims.extraction.evaluate import (
    DEFAULT_CORPUS,
    Case,
    CorpusError,
    Score,
    load_corpus,
    load_corpus_file,
    score_case,
)

CASES = load_corpus(DEFAULT_CORPUS)


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(reason=case.xfail, strict=False)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_corpus_case(case: Case) -> None:
    """Every expected claim is matched with every given field equal, and nothing else tracked comes out."""
    from claims.extraction import extract

    # when
    predictions = extract(
        case.text,
        language=case.language,
        published=case.published,
        published_precision=case.published_precision,
    )

    # then
    result = score_case(case, predictions)
    assert result.passed, f"{case.text!r}\n" + "\n".join(result.misses)


def test_corpus_covers_every_language_with_enough_cases() -> None:
    """At least 60 cases per supported language, as the issue asks."""
    counts = {language: sum(1 for case in CASES if case.language == language) for language in ("en", "fr", "es", "de")}

    assert all(count >= 60 for count in counts.values()), counts


# --- the loader ---------------------------------------------------------------------------------


def _write(directory: Path, language: str, body: str) -> Path:
    path = directory / f"{language}.toml"
    path.write_text(f'language = "{language}"\n\n{body}', encoding="utf-8")
    return path


def test_loader_rejects_an_anchor_missing_from_the_text_naming_file_and_case(tmp_path: Path) -> None:
    """A malformed case stops the load with a message naming the file, the case and the problem."""
    # given
    path = _write(
        tmp_path,
        "en",
        '[[case]]\nid = "en-900"\ntext = "At least 12 people were killed."\n'
        '  [[case.claims]]\n  anchor = "13"\n  metric = "deaths"\n',
    )

    # when
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path)

    # then
    message = str(raised.value)
    assert str(path) in message
    assert "'en-900'" in message
    assert "anchor '13' (occurrence 1) is not in the text" in message


@pytest.mark.parametrize(
    ("claim", "problem"),
    [
        ('anchor = "12"\n  metric = "casualties"', "metric 'casualties' is not a tracked metric"),
        ('anchor = "12"\n  metric = "deaths"\n  value = "twelve"', "value = 'twelve' is not a decimal"),
        ('anchor = "12"\n  metric = "deaths"\n  value = 12.5', "value must be a decimal string"),
        ('anchor = "12"\n  metric = "deaths"\n  qualifier = "roughly"', "qualifier 'roughly' is not one of"),
        ('anchor = "12"\n  metric = "deaths"\n  lower = "20"\n  upper = "10"', "breaks lower <= upper"),
        ('anchor = "12"\n  metric = "deaths"\n  as_of = "12/10/2023"', "is not \"YYYY-MM-DD\""),
        ('anchor = "12"\n  metric = "deaths"\n  part_of = "40"', "part_of anchor '40' is not in the text"),
        ('anchor = "12"\n  metric = "deaths"\n  occurrence = 2', "(occurrence 2) is not in the text"),
        ('anchor = "12"\n  metric = "deaths"\n  subjet = "gaza-strip"', "unknown key(s) subjet"),
        ('anchor = "12"', "missing key(s) metric"),
    ],
)
def test_loader_rejects_malformed_claims(tmp_path: Path, claim: str, problem: str) -> None:
    """Each kind of mistake in an expected claim is refused with a message saying what is wrong."""
    # given
    _write(tmp_path, "en", f'[[case]]\nid = "en-901"\ntext = "At least 12 people were killed."\n  [[case.claims]]\n  {claim}\n')

    # when
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path)

    # then
    assert "'en-901'" in str(raised.value)
    assert problem in str(raised.value)


def test_loader_rejects_a_repeated_id_and_a_wrong_language(tmp_path: Path) -> None:
    """Ids are unique across the corpus, and a file's language is its name."""
    # given
    case = '[[case]]\nid = "x-1"\ntext = "Nothing here."\n'
    _write(tmp_path, "en", case)
    _write(tmp_path, "fr", case)
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "de.toml").write_text(f'language = "es"\n{case}', encoding="utf-8")

    # when / then
    with pytest.raises(CorpusError, match="repeats an id"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="must equal the file name 'de'"):
        load_corpus_file(wrong / "de.toml")


def test_loader_reads_month_precision_and_escaped_spaces(tmp_path: Path) -> None:
    """ "YYYY-MM" is the 1st of the month with month precision; \\u escapes reach the text and anchor."""
    # given
    _write(
        tmp_path,
        "fr",
        '[[case]]\nid = "fr-900"\ntext = "Au moins 20\\u202f000 morts."\npublished = "2023-12"\n'
        '  [[case.claims]]\n  anchor = "20\\u202f000"\n  metric = "deaths"\n  upper = "none"\n',
    )

    # when
    (case,) = load_corpus(tmp_path)

    # then
    assert case.published.isoformat() == "2023-12-01"
    assert case.published_precision == "month"
    assert case.claims[0].anchor == "20\u202f000"
    assert (case.claims[0].start, case.claims[0].end) == (9, 15)
    assert case.claims[0].given == {"metric": "deaths", "upper": None}


# --- the scorer ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Predicted:
    """The fields of ExtractedClaim the scorer reads; the scorer must work on any such object."""

    start: int
    end: int
    metric: str
    value: Decimal | None = None
    lower: Decimal | None = None
    upper: Decimal | None = None
    qualifier: str = "exact"
    subject: str | None = None
    part_of: int | None = None
    period_start: object = None
    as_of: object = None
    attribution: str | None = None


SCORER_TEXT = "Strikes killed 40 people, including 12 children, and 60 were hurt; 3 trucks and 5 goats arrived."


def _scorer_case(tmp_path: Path) -> Case:
    _write(
        tmp_path,
        "en",
        f'[[case]]\nid = "en-950"\ntext = "{SCORER_TEXT}"\n'
        '  [[case.claims]]\n  anchor = "40"\n  metric = "deaths"\n  value = "40"\n  subject = "none"\n'
        '  [[case.claims]]\n  anchor = "12"\n  metric = "deaths_children"\n  value = "12"\n  part_of = "40"\n'
        '  [[case.claims]]\n  anchor = "60"\n  metric = "injured"\n  value = "60"\n'
        '  [[case.claims]]\n  anchor = "3 trucks"\n  metric = "aid_trucks"\n',
    )
    (case,) = load_corpus(tmp_path)
    return case


def test_scorer_counts_matches_misses_and_false_positives_exactly(tmp_path: Path) -> None:
    """Claim level: tracked matches are true positives, an 'other' match is a miss, stray tracked claims
    are false positives and stray 'other' claims are ignored; fields are scored where given."""
    # given
    case = _scorer_case(tmp_path)
    at = SCORER_TEXT.index
    predictions = [
        Predicted(at("40"), at("40") + 9, "deaths", value=Decimal("40")),  # right
        Predicted(at("12"), at("12") + 11, "deaths_children", value=Decimal("12"), part_of=0),  # right
        Predicted(at("60"), at("60") + 2, "other", value=Decimal("60")),  # found, metric untracked
        # "3 trucks" not found at all.
        Predicted(at("5 goats"), at("5 goats") + 7, "other", value=Decimal("5")),  # stray, untracked
        Predicted(at("hurt"), at("hurt") + 4, "injured", value=Decimal("1"), subject="rafah"),  # stray, tracked
    ]

    # when
    result = score_case(case, predictions)
    total = Score()
    total.add(result)

    # then
    assert (result.true_positives, result.false_negatives, result.false_positives) == (2, 2, 1)
    assert result.predicted_tracked == 3
    assert not result.passed
    assert total.precision == pytest.approx(2 / 3)
    assert total.recall == pytest.approx(2 / 4)
    assert total.f1 == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))  # 4/7
    metric = result.fields["metric"]
    assert (metric.correct, metric.predicted, metric.expected) == (2, 4, 4)
    value = result.fields["value"]
    assert (value.correct, value.predicted, value.expected) == (3, 4, 3)
    assert value.precision == pytest.approx(3 / 4)
    assert value.recall == pytest.approx(1.0)
    subject = result.fields["subject"]
    assert (subject.correct, subject.predicted, subject.expected) == (1, 2, 1)
    part_of = result.fields["part_of"]
    assert (part_of.correct, part_of.predicted, part_of.expected) == (1, 1, 1)


def test_scorer_passes_a_case_whose_claims_all_match(tmp_path: Path) -> None:
    """All tracked claims found with their given fields, plus an ignored 'other': the case passes."""
    # given
    case = _scorer_case(tmp_path)
    at = SCORER_TEXT.index
    trucks = SCORER_TEXT.index("3 trucks")
    predictions = [
        Predicted(at("40"), at("40") + 9, "deaths", value=Decimal("40.0")),
        Predicted(at("12"), at("12") + 11, "deaths_children", value=Decimal("12"), part_of=0),
        Predicted(at("60"), at("60") + 2, "injured", value=Decimal("60")),
        Predicted(trucks, trucks + 8, "aid_trucks", value=Decimal("3")),
        Predicted(at("5 goats"), at("5 goats") + 7, "other", value=Decimal("5")),
    ]

    # when
    result = score_case(case, predictions)

    # then
    assert result.passed, result.misses
    assert (result.true_positives, result.false_negatives, result.false_positives) == (4, 0, 0)


def test_scorer_checks_part_of_against_the_whole_span(tmp_path: Path) -> None:
    """part_of must point at the prediction that covers the whole's anchor, not just any claim."""
    # given
    case = _scorer_case(tmp_path)
    at = SCORER_TEXT.index
    predictions = [
        Predicted(at("40"), at("40") + 9, "deaths", value=Decimal("40")),
        Predicted(at("12"), at("12") + 11, "deaths_children", value=Decimal("12"), part_of=2),
        Predicted(at("60"), at("60") + 2, "injured", value=Decimal("60")),
    ]

    # when
    result = score_case(case, predictions)

    # then
    part_of = result.fields["part_of"]
    assert (part_of.correct, part_of.predicted, part_of.expected) == (0, 1, 1)
    assert any("part_of" in miss for miss in result.misses)
