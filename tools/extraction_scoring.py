"""The engine's output scored against an annotated corpus (`tools.extraction_corpus`).

A predicted claim matches an expected one when its span [start, end) contains the expected
anchor's occurrence. Only tracked metrics are scored at claim level: a predicted "other" claim that
matches nothing is not an error, because the engine keeps such claims so that nothing read is lost.

Claim level, per language and overall:
- true positive: an expected claim matched by a prediction with a tracked metric;
- false negative: an expected claim with no such match;
- false positive: a prediction with a tracked metric that matches no expected claim.

Field level (metric, value, bounds = lower and upper, qualifier, subject, part_of, period_start,
as_of, attribution): a field is scored only where the expectation gives it. It is correct only on a
matched claim whose field is equal. Recall divides by the expectations that give the field; precision
divides by the matched claims scored on it plus the false positives that assert a value for it (a
spurious claim is wrong about everything it asserts).

The same functions score tests/claims/extraction/test_corpus.py and `python -m tools.evaluate`, so
the test and the report cannot disagree. Pure Python: no Django import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from tools.extraction_corpus import TRACKED_METRICS, Case, ExpectedClaim

# Order of the rows in the field report.
FIELDS = (
    "metric",
    "value",
    "bounds",
    "qualifier",
    "subject",
    "part_of",
    "period_start",
    "as_of",
    "attribution",
)


@dataclass(slots=True)
class FieldCount:
    correct: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, other: FieldCount) -> None:
        self.correct += other.correct
        self.predicted += other.predicted
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.correct, self.expected)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


@dataclass(slots=True)
class CaseResult:
    case: Case
    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    predicted_tracked: int = 0
    fields: dict[str, FieldCount] = field(default_factory=lambda: {f: FieldCount() for f in FIELDS})
    misses: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not self.misses and self.error is None


@dataclass(slots=True)
class Score:
    """Counts summed over any number of cases."""

    cases: int = 0
    passed: int = 0
    errors: int = 0
    expected: int = 0
    predicted_tracked: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    fields: dict[str, FieldCount] = field(default_factory=lambda: {f: FieldCount() for f in FIELDS})

    def add(self, result: CaseResult) -> None:
        self.cases += 1
        self.passed += int(result.passed)
        self.errors += int(result.error is not None)
        self.expected += len(result.case.claims)
        self.predicted_tracked += result.predicted_tracked
        self.true_positives += result.true_positives
        self.false_positives += result.false_positives
        self.false_negatives += result.false_negatives
        for name, count in result.fields.items():
            self.fields[name].add(count)

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


def _ratio(numerator: int, denominator: int) -> float:
    # Nothing to find and nothing found is a perfect score, not a division by zero.
    return 1.0 if denominator == 0 else numerator / denominator


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


# --- matching and scoring -----------------------------------------------------------------------


def _contains(prediction: Any, start: int, end: int) -> bool:
    return prediction.start <= start and end <= prediction.end


def _is_tracked(prediction: Any) -> bool:
    return prediction.metric in TRACKED_METRICS


def match(expected: Sequence[ExpectedClaim], predictions: Sequence[Any]) -> list[int | None]:
    """For each expected claim, the index of the prediction matched to it, or None.

    A prediction matches when its span contains the anchor's occurrence; each prediction serves
    one expectation at most. Among several candidates the one with the expected metric wins, then a
    tracked one, then the narrowest span, so that a wide span covering two anchors does not steal
    the match from the prediction that is really about the anchor.
    """
    used: set[int] = set()
    matched: list[int | None] = []
    for claim in expected:
        candidates = [
            index
            for index, prediction in enumerate(predictions)
            if index not in used and _contains(prediction, claim.start, claim.end)
        ]
        if not candidates:
            matched.append(None)
            continue
        best = min(
            candidates,
            key=lambda i: (
                predictions[i].metric != claim.metric,
                not _is_tracked(predictions[i]),
                predictions[i].end - predictions[i].start,
                i,
            ),
        )
        used.add(best)
        matched.append(best)
    return matched


def _as_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _same_decimal(expected: Decimal | None, predicted: Any) -> bool:
    if expected is None or predicted is None:
        return expected is None and predicted is None
    try:
        return Decimal(str(predicted)) == expected
    except InvalidOperation:
        return False


def _field_verdict(
    name: str, claim: ExpectedClaim, prediction: Any, predictions: Sequence[Any]
) -> tuple[bool, str, str] | None:
    """(correct, expected shown, predicted shown) for one given field, or None when not given."""
    given = claim.given
    if name == "bounds":
        keys = [key for key in ("lower", "upper") if key in given]
        if not keys:
            return None
        correct = all(_same_decimal(given[key], getattr(prediction, key, None)) for key in keys)
        shown_expected = " ".join(f"{key}={given[key]}" for key in keys)
        shown_predicted = " ".join(f"{key}={getattr(prediction, key, None)}" for key in keys)
        return correct, shown_expected, shown_predicted
    if name not in given:
        return None
    expected = given[name]
    predicted = getattr(prediction, name, None)
    if name == "value":
        return _same_decimal(expected, predicted), str(expected), str(predicted)
    if name in ("period_start", "as_of"):
        return _as_date(predicted) == expected, str(expected), str(predicted)
    if name == "attribution":
        if expected is None:
            return predicted is None, "none", str(predicted)
        correct = predicted is not None and expected.casefold() in str(predicted).casefold()
        return correct, f"contains {expected!r}", repr(predicted)
    if name == "part_of":
        if expected is None:
            return predicted is None, "none", str(predicted)
        whole_start, whole_end, whole_anchor = expected
        correct = (
            isinstance(predicted, int)
            and not isinstance(predicted, bool)
            and 0 <= predicted < len(predictions)
            and _contains(predictions[predicted], whole_start, whole_end)
        )
        shown_predicted = str(predicted)
        if correct or (isinstance(predicted, int) and 0 <= predicted < len(predictions)):
            shown_predicted = f"{predicted} (span [{predictions[predicted].start}:{predictions[predicted].end}])"
        return correct, f"the claim at {whole_anchor!r}", shown_predicted
    # metric, qualifier, subject: plain equality, None meaning "none".
    return expected == predicted, str(expected), str(predicted)


def _asserts(name: str, prediction: Any) -> bool:
    """Whether a spurious prediction asserts something for this field."""
    if name == "metric":
        return True
    if name == "bounds":
        return getattr(prediction, "lower", None) is not None or getattr(prediction, "upper", None) is not None
    return getattr(prediction, name, None) is not None


def _quote(text: str, prediction: Any) -> str:
    return repr(text[prediction.start : prediction.end])


def score_case(case: Case, predictions: Sequence[Any]) -> CaseResult:
    """Compare one case's expectations with the engine's predictions for its text."""
    result = CaseResult(case=case)
    result.predicted_tracked = sum(1 for p in predictions if _is_tracked(p))
    matched = match(case.claims, predictions)
    used = {index for index in matched if index is not None}

    for claim, index in zip(case.claims, matched):
        prediction = predictions[index] if index is not None else None
        for name in FIELDS:
            if name == "bounds":
                gives = "lower" in claim.given or "upper" in claim.given
            else:
                gives = name in claim.given
            if not gives:
                continue
            count = result.fields[name]
            count.expected += 1
            if prediction is None:
                continue
            count.predicted += 1
            verdict = _field_verdict(name, claim, prediction, predictions)
            assert verdict is not None
            correct, shown_expected, shown_predicted = verdict
            if correct:
                count.correct += 1
            else:
                result.misses.append(
                    f"{case.id}: {claim.describe()} {name}: expected {shown_expected}, "
                    f"got {shown_predicted} from {_quote(case.text, prediction)}"
                )
        if prediction is not None and _is_tracked(prediction):
            result.true_positives += 1
        else:
            result.false_negatives += 1
            if prediction is None:
                result.misses.append(f"{case.id}: {claim.describe()} missed: no predicted span contains it")
            else:
                result.misses.append(
                    f"{case.id}: {claim.describe()} missed: only an untracked "
                    f"{prediction.metric!r} claim {_quote(case.text, prediction)} covers it"
                )

    for index, prediction in enumerate(predictions):
        if index in used or not _is_tracked(prediction):
            continue
        result.false_positives += 1
        for name in FIELDS:
            if _asserts(name, prediction):
                result.fields[name].predicted += 1
        result.misses.append(
            f"{case.id}: false positive {prediction.metric} {_quote(case.text, prediction)} "
            f"value={getattr(prediction, 'value', None)} subject={getattr(prediction, 'subject', None)}"
        )
    return result


ExtractFunction = Callable[..., Sequence[Any]]


def run_case(case: Case, extract: ExtractFunction) -> CaseResult:
    """Run the engine on one case and score it; an exception in the engine is a failed case."""
    try:
        predictions = list(
            extract(
                case.text,
                language=case.language,
                published=case.published,
                published_precision=case.published_precision,
            )
        )
    except Exception as error:  # noqa: BLE001 - a crash on one case must not hide the others.
        result = score_case(case, [])
        result.error = f"{type(error).__name__}: {error}"
        result.misses.insert(0, f"{case.id}: the engine raised {result.error}")
        return result
    return score_case(case, predictions)


def score_cases(cases: Iterable[Case], extract: ExtractFunction) -> tuple[dict[str, Score], list[CaseResult]]:
    """Scores per language plus "all", and every case's result, in corpus order."""
    scores: dict[str, Score] = {}
    results: list[CaseResult] = []
    for case in cases:
        result = run_case(case, extract)
        results.append(result)
        scores.setdefault(case.language, Score()).add(result)
    total = Score()
    for result in results:
        total.add(result)
    scores["all"] = total
    return scores, results
