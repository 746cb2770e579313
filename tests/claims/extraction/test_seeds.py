"""The engine on the two third-party seed articles the project started from.

The articles are read from seeds/ of TALLY_SHARED_DIR, ../shared by default (never copied into the
repository); the tests are skipped, saying why, where it is absent.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from claims.extraction import extract
from claims.extraction.types import ExtractedClaim

_HEADER = re.compile(r"\s*date (\d{4})-(\d{2})(?:-(\d{2}))? (.*)")


def _seed(seeds_dir: Path, prefix: str) -> tuple[str, date, str]:
    """(title + blank line + body, published date, precision) of the seed whose name starts with prefix."""
    matches = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.fail(f"seed {prefix}_*.txt expected in {seeds_dir}")
    first_line, _, body = matches[0].read_text(encoding="utf-8").partition("\n")
    header = _HEADER.match(first_line)
    assert header is not None, first_line
    year, month, day, title = header.groups()
    published = date(int(year), int(month), int(day or 1))
    return title + "\n\n" + body.lstrip("\n"), published, "day" if day else "month"


def _tracked(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    return [claim for claim in claims if claim.metric != "other"]


def test_french_seed_yields_the_toll_its_parts_and_the_vote(seeds_dir: Path) -> None:
    # given
    text, published, precision = _seed(seeds_dir, "000")
    # when
    claims = extract(text, language="fr", published=published, published_precision=precision)
    tracked = _tracked(claims)
    # then
    assert precision == "month"
    assert [(c.metric, c.value, c.qualifier) for c in tracked] == [
        ("un_votes_for", Decimal(13), "exact"),
        ("deaths", Decimal(20000), "exact"),
        ("deaths_children", Decimal(7000), "more_than"),
        ("missing", Decimal(3000), "more_than"),
    ]
    vote, deaths, children, missing = tracked
    assert vote.subject == "body:un-security-council"
    assert vote.unit == "votes"
    assert (deaths.lower, deaths.upper) == (Decimal(20000), Decimal(20000))
    assert deaths.period_start == date(2023, 10, 7)
    assert (deaths.as_of, deaths.as_of_precision) == (date(2023, 12, 1), "month")
    assert deaths.subject == "region:gaza-strip"
    assert (children.lower, children.upper) == (Decimal(7000), None)
    assert claims[children.part_of] == deaths
    assert (missing.lower, missing.upper) == (Decimal(3000), None)
    for claim in claims:
        assert text[claim.start : claim.end].strip() == text[claim.start : claim.end]
    assert text[children.start : children.end] == "plus de 7000 enfants"


def test_english_seed_yields_only_the_call_duration(seeds_dir: Path) -> None:
    # given
    text, published, precision = _seed(seeds_dir, "002")
    # when
    claims = extract(text, language="en", published=published, published_precision=precision)
    tracked = _tracked(claims)
    # then
    assert published == date(2023, 12, 10)
    assert len(tracked) == 1
    duration = tracked[0]
    assert (duration.metric, duration.unit, duration.qualifier) == ("duration", "minutes", "approx")
    assert duration.value == Decimal(50)
    assert (duration.lower, duration.upper) == (Decimal(45), Decimal(55))
    assert (duration.as_of, duration.as_of_precision) == (date(2023, 12, 10), "day")
    assert "50 minutes" in text[duration.start : duration.end]


def test_seeds_detected_language_gives_the_same_claims(seeds_dir: Path) -> None:
    """Without a language the detector picks it, and the claims are the same."""
    for prefix, code in (("000", "fr"), ("002", "en")):
        text, published, precision = _seed(seeds_dir, prefix)
        assert extract(text, published=published, published_precision=precision) == extract(
            text, language=code, published=published, published_precision=precision
        )
