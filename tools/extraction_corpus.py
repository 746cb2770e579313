"""The annotated corpus of the extraction engine: its format, and the loader that checks it.

A corpus is a folder of `<lang>.toml` files (the project's own is tests/claims/extraction/corpus/,
passed in by its callers) listing short texts with the claims a careful fact-checker expects.
`tools.extraction_scoring` compares the engine's output with them; `python -m tools.evaluate`
reports the scores.

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

Pure Python: no Django import, and nothing read from the engine.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
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


def load_corpus(directory: Path, languages: Iterable[str] | None = None) -> list[Case]:
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
