"""Tally's claim-extraction engine: numeric claims with spans, intervals, metrics and context.

Pure Python, no Django import (tests/claims/extraction/test_no_django.py enforces it), so it runs
the same in a worker, a management command or a notebook. `make` also compiles the engine's hot
modules with mypyc for speed (`claims.extraction.native`); the plain source gives the same results.

    from claims.extraction import extract, EXTRACTOR_VERSION
    found = extract(text, language="fr", published=date(2023, 12, 1), published_precision="month")
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from claims.extraction import native

# The compiled engine (`claims.extraction.native`), found before the source while it is current.
_compiled = native.compiled_dir()
if _compiled is not None:
    __path__.insert(0, str(_compiled))
    from claims.extraction import languages

    languages.__path__.insert(0, str(_compiled / "languages"))

from claims.extraction import engine  # noqa: E402
from claims.extraction.engine import run  # noqa: E402
from claims.extraction.languages.registry import available_languages, get_language  # noqa: E402
from claims.extraction.types import PRECISIONS, ExtractedClaim, Extraction  # noqa: E402

# Bumped whenever the output for some text can change (rules or lexicons), so that stored claims
# are re-extracted only when they would differ.
EXTRACTOR_VERSION = "1.5.0"
# Whether the engine running is the compiled one; its results are the same either way.
COMPILED = not engine.__file__.endswith(".py")

__all__ = [
    "COMPILED", "EXTRACTOR_VERSION", "ExtractedClaim", "Extraction", "available_languages", "extract", "extract_report",
]


def extract(
    text: str,
    language: str | None = None,
    published: date | None = None,
    published_precision: str = "day",
    approx_tolerance: Decimal = Decimal("0.1"),
    max_claims: int | None = None,
) -> list[ExtractedClaim]:
    """The numeric claims of an article's text (title, a blank line, body), in text order.

    `language` is an ISO 639-1 code; None detects it. A language without a lexicon yields no
    claims rather than an error, since nothing in it can be read. `published` is the article's
    date; with month or year precision it is the first day of that month or year. Approximate
    values ("about 50") get the interval value × (1 ± `approx_tolerance`). With `max_claims`, only
    the first that many claims are read. A number whose value a claim cannot hold (beyond
    `types.VALUE_MAX`) is left out. Never raises on any text.
    """
    return extract_report(text, language, published, published_precision, approx_tolerance, max_claims).claims


def extract_report(
    text: str,
    language: str | None = None,
    published: date | None = None,
    published_precision: str = "day",
    approx_tolerance: Decimal = Decimal("0.1"),
    max_claims: int | None = None,
) -> Extraction:
    """`extract`, with what it left out: the numbers out of range, and whether `max_claims` cut
    the claims short."""
    if not isinstance(text, str) or not text:
        return Extraction([])
    if language is None:
        from claims.extraction.detect import detect_language

        language = detect_language(text)
        if language is None:
            return Extraction([])
    compiled = get_language(language.lower())
    if compiled is None:
        return Extraction([])
    if published_precision not in PRECISIONS:
        raise ValueError(f"published_precision must be one of {PRECISIONS}, not {published_precision!r}")
    if max_claims is not None and max_claims < 0:
        raise ValueError(f"max_claims must be None or at least 0, not {max_claims!r}")
    return run(text, compiled, published, published_precision, Decimal(approx_tolerance), max_claims)
