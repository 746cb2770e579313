"""The scorer of the extraction corpus, on predictions written out by hand."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from tests.tools.test_extraction_corpus import write_corpus
from tools.extraction_corpus import Case, load_corpus
from tools.extraction_scoring import Score, score_case


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
    write_corpus(
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
