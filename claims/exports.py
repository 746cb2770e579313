"""CSV exports of the desk: claims with their sentence, quote, place and verdict; conflicts with both
quotes and the resolution; the published verdicts, which anyone may download.

Every text cell goes through `csv_cell`: a spreadsheet opening the file runs a cell that starts with
=, +, -, @ (or a tab or carriage return before one) as a formula, and an article's text is anybody's
to write ("=HYPERLINK(...)" in a headline). Such a cell is prefixed with an apostrophe, which
spreadsheets show as text (OWASP, "CSV Injection").
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import StreamingHttpResponse

from claims import publication
from claims.models import Claim, Conflict, Review
from claims.places import subject_name

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: None empty, text that a spreadsheet would run as a formula
    prefixed with an apostrophe, anything else as it is (numbers stay numbers)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write returns the line, for csv.writer inside a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(list(header))
    for row in rows:
        yield writer.writerow([csv_cell(cell) for cell in row])


def csv_response(filename: str, header: Iterable[str], rows: Iterable[Iterable[Any]]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- claims ---------------------------------------------------------------------------------------

CLAIM_HEADER = ("id", "article_id", "source", "article_url", "article_published", "language", "metric", "place_id",
                "place", "value", "lower", "upper", "qualifier", "unit", "as_of", "attribution", "review_status",
                "corrected", "sentence", "quote", "rating", "rationale")
_CLAIM_COLUMNS = ("id", "article_id", "article__source__name", "article__url", "article__published", "language",
                  "metric", "subject", "value", "lower", "upper", "qualifier", "unit", "as_of", "attribution",
                  "review_status", "corrected", "sentence", "quote", "verdict_rating", "verdict_rationale")


def _latest_verdict(field: str) -> Subquery:
    """The claim's latest verdict that stands (submitted or published)."""
    return Subquery(Review.objects.filter(claim_id=OuterRef("id"), status__in=[
        Review.Status.SUBMITTED, Review.Status.PUBLISHED]).order_by("-id").values(field)[:1])


def claim_rows(claims: QuerySet[Claim], *, language: str = "en") -> Iterator[tuple[Any, ...]]:
    """The claims of a (filtered) queryset in CLAIM_HEADER order, read in chunks, by id; each
    place named in `language` next to its id."""
    rows = (claims.select_related(None).order_by("id")
            .annotate(verdict_rating=_latest_verdict("rating"), verdict_rationale=_latest_verdict("rationale"))
            .values_list(*_CLAIM_COLUMNS).iterator(chunk_size=CHUNK_SIZE))
    subject = _CLAIM_COLUMNS.index("subject")
    for row in rows:
        yield (*row[:subject + 1], subject_name(row[subject], language), *row[subject + 1:])


# --- conflicts ------------------------------------------------------------------------------------

CONFLICT_HEADER = ("id", "kind", "severity", "sources", "status", "metric", "place_id", "claim_a_id", "claim_a_source",
                   "claim_a_value", "claim_a_as_of", "claim_a_quote", "claim_b_id", "claim_b_source", "claim_b_value",
                   "claim_b_as_of", "claim_b_quote", "resolution", "resolution_note")
_CONFLICT_COLUMNS = ("id", "kind", "severity", "sources", "status", "claim_a__metric", "claim_a__subject",
                     "claim_a_id", "claim_a__article__source__name", "claim_a__value", "claim_a__as_of",
                     "claim_a__quote", "claim_b_id", "claim_b__article__source__name", "claim_b__value",
                     "claim_b__as_of", "claim_b__quote", "resolution", "resolution_note")


def conflict_rows(conflicts: QuerySet[Conflict]) -> Iterator[tuple[Any, ...]]:
    return conflicts.select_related(None).order_by("id").values_list(*_CONFLICT_COLUMNS).iterator(
        chunk_size=CHUNK_SIZE)


# --- published verdicts ---------------------------------------------------------------------------

VERDICT_HEADER = ("id", "page", "published_at", "corrected_at", "claim_id", "language", "metric", "place", "outlet",
                  "article_url", "article_published", "claimed_by", "sentence", "quote", "judged", "rating",
                  "explanation", "rationale")


def verdict_rows(reviews: Iterable[Review], *, absolute: Callable[[str], str],
                 language: str = "en") -> Iterator[tuple[Any, ...]]:
    """Published verdicts (claim, article and source loaded) in VERDICT_HEADER order."""
    for review in reviews:
        claim, article = review.claim, review.claim.article
        author = publication.claim_author(review)
        yield (review.id, absolute(publication.verdict_path(review)), review.published_at.isoformat(),
               review.corrected_at.isoformat() if review.corrected_at else "", claim.id, claim.language,
               review.judged_metric, subject_name(review.judged_subject, language),
               article.source.name if article.source else "", article.url or "", article.published_display,
               author["name"] if author else "", claim.sentence, claim.quote,
               publication.judged_reading(review), review.get_rating_display(),
               publication.number_explanation(review), review.rationale)
