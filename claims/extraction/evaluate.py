"""Score the extraction engine against the annotated corpus.

    python -m claims.extraction.evaluate [--corpus DIR] [--language xx] [--verbose]

The corpus (tests/claims/extraction/corpus/<lang>.toml, format in the shared contract) lists short
texts with the claims a careful fact-checker expects. A predicted claim matches an expected one when
its span [start, end) contains the expected anchor's occurrence. Only tracked metrics are scored at
claim level: a predicted "other" claim that matches nothing is not an error, because the engine keeps
such claims so that nothing read is lost.

Claim level, per language and overall:
- true positive: an expected claim matched by a prediction with a tracked metric;
- false negative: an expected claim with no such match;
- false positive: a prediction with a tracked metric that matches no expected claim.

Field level (metric, value, bounds = lower and upper, qualifier, subject, part_of, period_start,
as_of, attribution): a field is scored only where the expectation gives it. It is correct only on a
matched claim whose field is equal. Recall divides by the expectations that give the field; precision
divides by the matched claims scored on it plus the false positives that assert a value for it (a
spurious claim is wrong about everything it asserts).

Corpus format, one file per language:

    language = "fr"
    [[case]]
    id = "fr-001"                 # unique across the corpus
    text = "..."                  # passed to extract() as the whole text
    published = "2023-12-10"      # optional; "YYYY-MM" means month precision (the 1st)
    note = "..."                  # optional: what the case covers
    xfail = "..."                 # optional, known miss of the engine (the test tolerates it)
      [[case.claims]]             # tracked claims in text order; none at all = nothing tracked
      anchor = "7000"             # text the predicted span must contain
      occurrence = 1              # optional, which occurrence of anchor (1-based, may overlap)
      metric = "deaths_children"  # required; every other key is checked only when given:
      value / lower / upper       # decimal strings or "none" (leave bounds out for approx)
      qualifier, subject          # subject: slug or "none"
      part_of = "20.000"          # anchor (first occurrence) of the whole, or "none"
      period_start, as_of         # "YYYY-MM-DD" or "none"
      attribution = "ministère"   # case-insensitive substring of the predicted one, or "none"

The loading and scoring functions are shared with tests/claims/extraction/test_corpus.py, so the test
and this report cannot disagree. Pure Python, like the rest of the package: no Django import.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

# The tracked vocabulary of the contract, kept here rather than read from the engine's own data so
# that the yardstick stays independent of the thing it measures.
TRACKED_METRICS = frozenset(
    {
        "deaths",
        "deaths_children",
        "deaths_women",
        "injured",
        "missing",
        "hostages_held",
        "hostages_released",
        "displaced",
        "detained",
        "aid_trucks",
        "un_votes_for",
        "un_votes_against",
        "un_votes_abstain",
        "duration",
    }
)
QUALIFIERS = frozenset({"exact", "approx", "more_than", "at_least", "less_than", "at_most", "range"})

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

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "claims" / "extraction" / "corpus"

_TOP_KEYS = frozenset({"language", "case"})
_CASE_KEYS = frozenset({"id", "text", "published", "note", "xfail", "claims"})
_REQUIRED_CASE_KEYS = frozenset({"id", "text"})
_CLAIM_KEYS = frozenset(
    {
        "anchor",
        "occurrence",
        "metric",
        "value",
        "lower",
        "upper",
        "qualifier",
        "subject",
        "part_of",
        "period_start",
        "as_of",
        "attribution",
    }
)
_REQUIRED_CLAIM_KEYS = frozenset({"anchor", "metric"})

NONE = "none"


class CorpusError(ValueError):
    """The corpus cannot be loaded; the message names the file and the case."""


@dataclass(frozen=True, slots=True)
class ExpectedClaim:
    """One claim a case expects. Optional fields hold `_UNSET` when the case leaves them out."""

    anchor: str
    occurrence: int
    start: int
    end: int
    metric: str
    given: dict[str, Any]
    """The fields the case gives, parsed: Decimal or None for numbers, date or None for dates,
    str or None for the rest; `part_of` is (start, end, anchor) of the whole's anchor, or None."""

    def describe(self) -> str:
        return f"{self.anchor!r} ({self.metric})"


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    language: str
    text: str
    published: date | None
    published_precision: str
    note: str | None
    xfail: str | None
    claims: tuple[ExpectedClaim, ...]
    source: str


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


# --- loading ------------------------------------------------------------------------------------


def _find(text: str, needle: str, occurrence: int) -> int | None:
    """Start of the `occurrence`-th (1-based) occurrence of needle; occurrences may overlap."""
    position = -1
    for _ in range(occurrence):
        position = text.find(needle, position + 1)
        if position < 0:
            return None
    return position


def _parse_decimal(raw: Any, where: str, key: str) -> Decimal | None:
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        # A TOML float would already have lost the decimal digits the corpus means.
        raise CorpusError(f"{where}: {key} must be a decimal string or \"none\", got {raw!r}")
    if isinstance(raw, str) and raw.strip().lower() == NONE:
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise CorpusError(f"{where}: {key} = {raw!r} is not a decimal") from None
    if not value.is_finite():
        raise CorpusError(f"{where}: {key} = {raw!r} is not a finite decimal")
    return value


def _parse_date(raw: Any, where: str, key: str, *, allow_none: bool) -> tuple[date | None, str]:
    """A date and its precision from "YYYY-MM-DD" (day) or "YYYY-MM" (month, the 1st)."""
    if isinstance(raw, date):
        return raw, "day"
    if not isinstance(raw, str):
        raise CorpusError(f"{where}: {key} must be a \"YYYY-MM-DD\" or \"YYYY-MM\" string")
    if allow_none and raw.strip().lower() == NONE:
        return None, "day"
    try:
        if len(raw) == 7:
            return date.fromisoformat(raw + "-01"), "month"
        if len(raw) == 10:
            return date.fromisoformat(raw), "day"
    except ValueError:
        pass
    raise CorpusError(f"{where}: {key} = {raw!r} is not \"YYYY-MM-DD\" or \"YYYY-MM\"")


def _parse_text_field(raw: Any, where: str, key: str) -> str | None:
    if not isinstance(raw, str) or not raw.strip():
        raise CorpusError(f"{where}: {key} must be a non-empty string or \"none\"")
    return None if raw.strip().lower() == NONE else raw


def _parse_claim(raw: Any, text: str, where: str) -> ExpectedClaim:
    if not isinstance(raw, dict):
        raise CorpusError(f"{where}: each [[case.claims]] must be a table")
    unknown = sorted(set(raw) - _CLAIM_KEYS)
    if unknown:
        raise CorpusError(f"{where}: unknown key(s) {', '.join(unknown)}")
    missing = sorted(_REQUIRED_CLAIM_KEYS - set(raw))
    if missing:
        raise CorpusError(f"{where}: missing key(s) {', '.join(missing)}")

    anchor = raw["anchor"]
    if not isinstance(anchor, str) or not anchor:
        raise CorpusError(f"{where}: anchor must be a non-empty string")
    occurrence = raw.get("occurrence", 1)
    if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
        raise CorpusError(f"{where}: occurrence must be a positive integer")
    start = _find(text, anchor, occurrence)
    if start is None:
        raise CorpusError(f"{where}: anchor {anchor!r} (occurrence {occurrence}) is not in the text")
    where = f"{where} (anchor {anchor!r})"

    metric = raw["metric"]
    if metric not in TRACKED_METRICS:
        raise CorpusError(
            f"{where}: metric {metric!r} is not a tracked metric; expected one of "
            f"{', '.join(sorted(TRACKED_METRICS))}"
        )

    given: dict[str, Any] = {"metric": metric}
    for key in ("value", "lower", "upper"):
        if key in raw:
            given[key] = _parse_decimal(raw[key], where, key)
    if "qualifier" in raw:
        if raw["qualifier"] not in QUALIFIERS:
            raise CorpusError(f"{where}: qualifier {raw['qualifier']!r} is not one of {sorted(QUALIFIERS)}")
        given["qualifier"] = raw["qualifier"]
    if "subject" in raw:
        given["subject"] = _parse_text_field(raw["subject"], where, "subject")
    if "attribution" in raw:
        given["attribution"] = _parse_text_field(raw["attribution"], where, "attribution")
    for key in ("period_start", "as_of"):
        if key in raw:
            given[key] = _parse_date(raw[key], where, key, allow_none=True)[0]
    if "part_of" in raw:
        whole = _parse_text_field(raw["part_of"], where, "part_of")
        if whole is None:
            given["part_of"] = None
        else:
            # The whole is named by its anchor's first occurrence in the text.
            whole_start = _find(text, whole, 1)
            if whole_start is None:
                raise CorpusError(f"{where}: part_of anchor {whole!r} is not in the text")
            given["part_of"] = (whole_start, whole_start + len(whole), whole)

    lower, upper, value = given.get("lower"), given.get("upper"), given.get("value")
    for low, high, names in ((lower, value, "lower <= value"), (value, upper, "value <= upper"),
                             (lower, upper, "lower <= upper")):
        if low is not None and high is not None and low > high:
            raise CorpusError(f"{where}: the expectation breaks {names}")

    return ExpectedClaim(
        anchor=anchor,
        occurrence=occurrence,
        start=start,
        end=start + len(anchor),
        metric=metric,
        given=given,
    )


def _parse_case(raw: Any, language: str, source: str, index: int) -> Case:
    if not isinstance(raw, dict):
        raise CorpusError(f"{source}: [[case]] number {index} must be a table")
    case_id = raw.get("id")
    where = f"{source}: case {case_id!r}" if case_id else f"{source}: [[case]] number {index}"
    unknown = sorted(set(raw) - _CASE_KEYS)
    if unknown:
        raise CorpusError(f"{where}: unknown key(s) {', '.join(unknown)}")
    missing = sorted(_REQUIRED_CASE_KEYS - set(raw))
    if missing:
        raise CorpusError(f"{where}: missing key(s) {', '.join(missing)}")
    if not isinstance(case_id, str) or not case_id.strip():
        raise CorpusError(f"{where}: id must be a non-empty string")
    text = raw["text"]
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{where}: text must be a non-empty string")

    published, precision = None, "day"
    if "published" in raw:
        published, precision = _parse_date(raw["published"], where, "published", allow_none=False)
    for key in ("note", "xfail"):
        if key in raw and (not isinstance(raw[key], str) or not raw[key].strip()):
            raise CorpusError(f"{where}: {key} must be a non-empty string")

    raw_claims = raw.get("claims", [])
    if not isinstance(raw_claims, list):
        raise CorpusError(f"{where}: claims must be written as [[case.claims]] tables")
    claims = tuple(
        _parse_claim(item, text, f"{where}, claim {number}")
        for number, item in enumerate(raw_claims, start=1)
    )
    return Case(
        id=case_id,
        language=language,
        text=text,
        published=published,
        published_precision=precision,
        note=raw.get("note"),
        xfail=raw.get("xfail"),
        claims=claims,
        source=source,
    )


def load_corpus_file(path: Path) -> list[Case]:
    """Parse and check one <lang>.toml; raises CorpusError naming the file and the case."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise CorpusError(f"{source}: cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise CorpusError(f"{source}: invalid TOML ({error})") from None
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise CorpusError(f"{source}: unknown top-level key(s) {', '.join(unknown)}")
    language = data.get("language")
    if language != path.stem:
        raise CorpusError(f"{source}: language = {language!r} must equal the file name {path.stem!r}")
    raw_cases = data.get("case", [])
    if not isinstance(raw_cases, list) or not raw_cases:
        raise CorpusError(f"{source}: no [[case]] tables")
    return [_parse_case(raw, language, source, index) for index, raw in enumerate(raw_cases, start=1)]


def load_corpus(directory: Path = DEFAULT_CORPUS, languages: Iterable[str] | None = None) -> list[Case]:
    """Every case of every <lang>.toml in directory (or only the given languages), ids unique."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CorpusError(f"{directory}: corpus directory not found")
    wanted = set(languages) if languages else None
    paths = sorted(p for p in directory.glob("*.toml") if wanted is None or p.stem in wanted)
    if not paths:
        raise CorpusError(f"{directory}: no corpus file for {sorted(wanted) if wanted else 'any language'}")
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in paths:
        for case in load_corpus_file(path):
            if case.id in seen:
                raise CorpusError(f"{path}: case {case.id!r} repeats an id already used in {seen[case.id]}")
            seen[case.id] = str(path)
            cases.append(case)
    return cases


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


def evaluate(cases: Iterable[Case], extract: ExtractFunction) -> tuple[dict[str, Score], list[CaseResult]]:
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


# --- report -------------------------------------------------------------------------------------


def format_report(scores: dict[str, Score]) -> str:
    scopes = list(scores)
    lines = [
        "Claims (tracked metrics only; unmatched 'other' predictions are not false positives)",
        f"{'lang':<5} {'cases':>5} {'pass':>5} {'err':>4} {'exp':>5} {'pred':>5} {'tp':>5} {'fp':>4} "
        f"{'fn':>4} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for scope in scopes:
        s = scores[scope]
        lines.append(
            f"{scope:<5} {s.cases:>5} {s.passed:>5} {s.errors:>4} {s.expected:>5} "
            f"{s.predicted_tracked:>5} {s.true_positives:>5} {s.false_positives:>4} "
            f"{s.false_negatives:>4} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    lines.append("")
    lines.append("Fields (P / R / F1; n = expectations giving the field)")
    header = f"{'field':<13}" + "".join(f" {scope:>22}" for scope in scopes)
    lines.append(header)
    for name in FIELDS:
        cells = []
        for scope in scopes:
            count = scores[scope].fields[name]
            cells.append(
                f" {count.precision:.2f}/{count.recall:.2f}/{count.f1:.2f} n={count.expected:<4}".rjust(23)
            )
        lines.append(f"{name:<13}" + "".join(cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m claims.extraction.evaluate",
        description="Precision, recall and F1 of the extraction engine on the annotated corpus.",
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of <lang>.toml files")
    parser.add_argument("--language", action="append", help="only this language (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="list every miss with its case id")
    options = parser.parse_args(argv)

    try:
        cases = load_corpus(options.corpus, options.language)
    except CorpusError as error:
        print(f"corpus error: {error}", file=sys.stderr)
        return 2

    try:
        from claims.extraction import extract
    except ImportError as error:
        print(f"the engine cannot be imported (claims.extraction.extract): {error}", file=sys.stderr)
        return 1
    try:
        from claims.extraction import EXTRACTOR_VERSION as version
    except ImportError:
        version = "unknown"

    started = time.perf_counter()
    scores, results = evaluate(cases, extract)
    elapsed = time.perf_counter() - started

    print(f"extractor version {version}; {len(cases)} cases from {options.corpus} in {elapsed:.2f} s")
    print()
    print(format_report(scores))
    if options.verbose:
        print()
        print("Misses")
        misses = [line for result in results for line in result.misses]
        for line in misses:
            print(f"  {line}")
        if not misses:
            print("  none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
