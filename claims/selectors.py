"""Reads for claims, conflicts, figures and the audit trail, with their related rows loaded."""

from __future__ import annotations

from datetime import date

from django.db.models import Case, CharField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Cast, Concat, Extract, LPad

from articles.models import Article, Source
from claims import search
from claims.models import Claim, ClaimPlace, ClaimStatus, Conflict, Event, Figure, Review

_CLAIM_RELATED = ("article", "article__source")


def conflict_queue(**filters) -> QuerySet[Conflict]:  # type: ignore[no-untyped-def]
    """Open, unassigned conflicts by priority: severity, then how many independent sources stand
    behind the two claims, then the newest."""
    return (
        Conflict.objects.filter(status=Conflict.Status.OPEN, assignee__isnull=True, **filters)
        .select_related(*(f"claim_{side}__{rel}" for side in "ab" for rel in _CLAIM_RELATED))
        .order_by("-severity", "-sources", "-created_at", "id")
    )


def conflict_list(**filters) -> QuerySet[Conflict]:  # type: ignore[no-untyped-def]
    return (
        Conflict.objects.filter(**filters)
        .select_related("assignee", "figure", *(f"claim_{side}__{rel}" for side in "ab" for rel in _CLAIM_RELATED))
        .order_by("-severity", "-created_at", "id")
    )


def claim_list(**filters) -> QuerySet[Claim]:  # type: ignore[no-untyped-def]
    return Claim.objects.filter(**filters).select_related(*_CLAIM_RELATED)


# --- list pages as plain rows ------------------------------------------------------------------

# A list page read as `.values()` rows of the columns its output serializer names
# (FastOutputSerializer.row_columns): no model instances, and none of the other columns (an
# article's body is the bulk of its row).

def claim_rows(queryset: QuerySet[Claim], columns: list[str]) -> QuerySet[Claim]:
    """A (filtered) claim queryset as dicts of `columns`."""
    return queryset.values(*columns)


def _source_name(article_id: str) -> Subquery:
    return Subquery(Article.objects.filter(id=OuterRef(article_id)).order_by().values("source__name"))


def conflict_rows(queryset: QuerySet[Conflict], columns: list[str]) -> QuerySet[Conflict]:
    """A (filtered) conflict queryset as dicts of `columns`, both claims in the same row.

    The claims' source names (`claim_a__article__source__name`, `claim_b__...`) are scalar
    subqueries rather than joins: with both claims' articles and sources joined, PostgreSQL spent
    longer choosing among the eight tables' join orders (~3 ms) than running the query (~1 ms); as
    subqueries it plans four tables.
    """
    sources = {f"claim_{side}__article__source__name": _source_name(f"claim_{side}__article_id") for side in "ab"}
    return queryset.values(*(column for column in columns if column not in sources),
                           **{column: sources[column] for column in columns if column in sources})


def _date_digits(field: str) -> Case:
    """A date column as YYYYMMDD text, the same on every database (no date style is involved);
    99999999, after every date, when there is none."""
    digits = Concat(*(LPad(Cast(Extract(field, part), CharField()), width, Value("0"))
                      for part, width in (("year", 4), ("month", 2), ("day", 2))), output_field=CharField())
    return Case(When(**{f"{field}__isnull": True}, then=Value("99999999")), default=digits,
                output_field=CharField())


def figure_timeline(figure: Figure) -> QuerySet[Claim]:
    """Every source's value over time: the figure's claims, oldest first, undated ones last.

    Ordered by `timeline_key`, the (time_start, time_end, id) order written as one string of
    digits: unique, so that an API cursor can resume after any point however many points share a
    date (a cursor positions on one value, and skips ties by an offset it caps).
    """
    return (
        figure.claims.exclude(review_status="not_a_claim")
        .select_related(*_CLAIM_RELATED)
        .annotate(timeline_key=Concat(_date_digits("time_start"), _date_digits("time_end"),
                                      LPad(Cast("id", CharField()), 19, Value("0")), output_field=CharField()))
        .order_by("timeline_key")
    )


def article_claims(*, article_id: int) -> QuerySet[Claim]:
    """An article's claims in text order."""
    return Claim.objects.filter(article_id=article_id).order_by("start", "end", "id")


def review_list(**filters) -> QuerySet[Review]:  # type: ignore[no-untyped-def]
    return Review.objects.filter(**filters).select_related(
        "reviewer", "approved_by", "conflict", *(f"claim__{rel}" for rel in _CLAIM_RELATED)
    )


def published_reviews() -> QuerySet[Review]:
    return review_list(status=Review.Status.PUBLISHED).order_by("-published_at", "-id")


def event_list(*, object_type: str, object_ids: list[int]) -> QuerySet[Event]:
    return Event.objects.filter(object_type=object_type, object_id__in=object_ids).select_related("actor")


# --- the reviewer's desk -----------------------------------------------------------------------

def conflict_search(*, kind: str = "", metric: str = "", subject: str = "", language: str = "",
                    status: str = "") -> QuerySet[Conflict]:
    """The desk's queue with its filters; an empty filter matches everything. With status open it
    is the queue of `conflict_queue` (unassigned only), in the same order."""
    if status == Conflict.Status.OPEN:
        conflicts = conflict_queue().select_related("assignee", "figure")
    else:
        conflicts = conflict_list(**({"status": status} if status else {}))
    if kind:
        conflicts = conflicts.filter(kind=kind)
    if metric:
        conflicts = conflicts.filter(Q(claim_a__metric=metric) | Q(claim_b__metric=metric))
    if subject:
        conflicts = conflicts.filter(Q(claim_a__subject=subject) | Q(claim_b__subject=subject))
    if language:
        conflicts = conflicts.filter(Q(claim_a__language=language) | Q(claim_b__language=language))
    return conflicts


def conflict_filter_choices() -> dict[str, list[str]]:
    """The metrics, subjects and languages that occur in conflicts, for the queue's filters."""
    sides = Claim.objects.filter(Q(conflicts_as_a__isnull=False) | Q(conflicts_as_b__isnull=False))

    def distinct(name: str) -> list[str]:
        return sorted({v for v in sides.values_list(name, flat=True).distinct() if v})

    return {"metric": distinct("metric"), "subject": distinct("subject"), "language": distinct("language")}


def figure_conflicts(*, figure_ids: list[int]) -> QuerySet[Conflict]:
    """The conflicts among a figure's claims, to mark them on its timeline."""
    return Conflict.objects.filter(
        Q(figure_id__in=figure_ids) | Q(claim_a__figure_id__in=figure_ids) | Q(claim_b__figure_id__in=figure_ids)
    ).distinct().order_by("id")


def claim_conflicts(*, claim_id: int) -> QuerySet[Conflict]:
    return conflict_list().filter(Q(claim_a_id=claim_id) | Q(claim_b_id=claim_id))


def review_awaiting_approval() -> QuerySet[Review]:
    """Submitted verdicts, oldest first: what an editor signs off next."""
    return review_list(status=Review.Status.SUBMITTED).order_by("created_at", "id")


def event_feed(**filters) -> QuerySet[Event]:  # type: ignore[no-untyped-def]
    """The audit trail, newest first."""
    return Event.objects.filter(**filters).select_related("actor").order_by("-created_at", "-id")


def claim_get(*, claim_id: int) -> Claim | None:
    return claim_list().select_related("figure").filter(id=claim_id).first()


def conflict_get(*, conflict_id: int) -> Conflict | None:
    return conflict_list().filter(id=conflict_id).first()


def review_get(*, review_id: int) -> Review | None:
    return review_list().filter(id=review_id).first()


def figure_list(**filters) -> QuerySet[Figure]:  # type: ignore[no-untyped-def]
    return Figure.objects.filter(**filters)


def claim_published_review(*, claim_id: int) -> Review | None:
    """The claim's most recently published verdict, which its ClaimReview shows."""
    return published_reviews().filter(claim_id=claim_id).first()


CLAIM_EXPORT_COLUMNS = (
    "id", "article_id", "article__source__name", "article__url", "article__published", "language", "metric",
    "subject", "value", "lower", "upper", "qualifier", "unit", "as_of", "as_of_precision", "attribution",
    "confidence", "review_status", "corrected", "figure_id", "start", "end", "quote",
)
CONFLICT_EXPORT_COLUMNS = (
    "id", "kind", "severity", "sources", "status", "resolution", "figure_id", "assignee__username",
    "claim_a_id", "claim_a__article__source__name", "claim_a__value", "claim_a__as_of",
    "claim_b_id", "claim_b__article__source__name", "claim_b__value", "claim_b__as_of", "created_at",
)


def claims_export_rows(queryset: QuerySet[Claim], *, chunk_size: int = 2000):  # type: ignore[no-untyped-def]
    """Plain rows (tuples in CLAIM_EXPORT_COLUMNS order) for a filtered queryset, read in chunks:
    one join, no model instances, and on PostgreSQL a server-side cursor, so a million rows
    stream in bounded memory."""
    return queryset.order_by("id").values_list(*CLAIM_EXPORT_COLUMNS).iterator(chunk_size=chunk_size)


def conflicts_export_rows(queryset: QuerySet[Conflict], *, chunk_size: int = 2000):  # type: ignore[no-untyped-def]
    return queryset.order_by("id").values_list(*CONFLICT_EXPORT_COLUMNS).iterator(chunk_size=chunk_size)


# --- browsing and search ------------------------------------------------------------------------

# The statuses of a claim whose verdict waits for an editor, and the browse filter's one name for them.
PROPOSED_STATUSES = (ClaimStatus.VERIFIED, ClaimStatus.DISPUTED, ClaimStatus.FALSE, ClaimStatus.UNVERIFIABLE)
PROPOSED = "proposed"

def claim_browse(*, query: str = "", language: str = "", metric: str = "", place: str = "",
                 source: int | None = None, article: int | None = None, date_from: date | None = None,
                 date_to: date | None = None, status: str = "") -> QuerySet[Claim]:
    """Claims for the desk's browse page, newest first; an empty filter matches everything.

    `place` is a subject id: the claims about it and about any place inside it (its towns and
    provinces, through the ClaimPlace index). The date range meets the claim's own time interval
    (its as-of date widened by its precision). `query` is a full-text search of the sentence in
    each claim's language (claims.search).
    """
    claims = Claim.objects.select_related(*_CLAIM_RELATED).defer("article__body")
    if language:
        claims = claims.filter(language=language)
    if metric:
        claims = claims.filter(metric=metric)
    if place:
        within = ClaimPlace.objects.filter(place=place, relation=ClaimPlace.Relation.WITHIN).values("claim_id")
        claims = claims.filter(Q(subject=place) | Q(id__in=within))
    if source is not None:
        claims = claims.filter(article__source_id=source)
    if article is not None:
        claims = claims.filter(article_id=article)
    if date_from is not None:
        claims = claims.filter(time_end__gte=date_from)
    if date_to is not None:
        claims = claims.filter(time_start__lte=date_to)
    if status == PROPOSED:
        claims = claims.filter(review_status__in=PROPOSED_STATUSES)
    elif status:
        claims = claims.filter(review_status=status)
    claims = search.search(claims, query, vector="claim", text_fields=("sentence",))
    return claims.order_by("-id")


def article_browse(*, query: str = "", language: str = "", metric: str = "", place: str = "",
                   source: int | None = None, date_from: date | None = None, date_to: date | None = None,
                   status: str = "") -> QuerySet[Article]:
    """Articles for the desk's browse page, newest first; an empty filter matches everything.

    The date range is the publication date's; `metric`, `place` and `status` (a claim review
    status) keep the articles with at least one claim that has them. `query` searches the title and
    the body in each article's language (claims.search). The body is deferred: a list needs none.
    """
    articles = Article.objects.select_related("source").defer("body")
    if language:
        articles = articles.filter(language=language)
    if source is not None:
        articles = articles.filter(source_id=source)
    if date_from is not None:
        articles = articles.filter(published__gte=date_from)
    if date_to is not None:
        articles = articles.filter(published__lte=date_to)
    if metric or place or status:
        claims = claim_browse(metric=metric, place=place, status=status).order_by().values("article_id")
        articles = articles.filter(id__in=claims)
    articles = search.search(articles, query, vector="article", text_fields=("title", "body"))
    return articles.order_by("-id")


def claim_browse_choices() -> dict[str, list[tuple[str, str]]]:
    """The sources for the browse pages' filters, by name."""
    return {"source": [(str(pk), name) for pk, name in Source.objects.order_by("name").values_list("id", "name")]}


# --- public verdict pages ---------------------------------------------------------------------

PUBLIC_REVIEW_STATUSES = (Review.Status.PUBLISHED, Review.Status.RETRACTED)
# The moves of a verdict its public page tells: its publication, each correction, its retraction.
VERDICT_HISTORY_ACTIONS = ("approve", "correct_verdict", "retract")


def verdict_public_get(*, review_id: int) -> Review | None:
    """A verdict with a public page: published, or retracted after it was."""
    return review_list(status__in=PUBLIC_REVIEW_STATUSES).filter(id=review_id).first()


def verdict_history(*, review_id: int) -> QuerySet[Event]:
    """What happened to a published verdict, oldest first."""
    return Event.objects.filter(object_type="claims.review", object_id=review_id,
                                action__in=VERDICT_HISTORY_ACTIONS).order_by("created_at", "id")


def claim_verdict_states(claim_ids: list[int]) -> dict[int, tuple[str | None, bool]]:
    """For each claim, the rating of its latest verdict that was not sent back (None if none) and
    whether its latest verdict of all was sent back: what its badge says. One query for them all."""
    latest: dict[int, tuple[str | None, bool]] = {}
    rows = (Review.objects.filter(claim_id__in=claim_ids).order_by("claim_id", "-id")
            .values_list("claim_id", "rating", "status"))
    for claim_id, rating, status in rows:
        if claim_id not in latest:
            latest[claim_id] = (None, status == Review.Status.REJECTED)
        kept, sent_back = latest[claim_id]
        if kept is None and status not in (Review.Status.REJECTED, Review.Status.RETRACTED):
            latest[claim_id] = (rating, sent_back)
    return latest


def claims_with_verdict_states(claims: list[Claim]) -> list[Claim]:
    """The claims, each with `verdict_state` (claim_verdict_states) set, for their badges."""
    states = claim_verdict_states([claim.pk for claim in claims])
    for claim in claims:
        claim.verdict_state = states.get(claim.pk, (None, False))  # type: ignore[attr-defined]
    return claims
