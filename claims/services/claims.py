"""Writes for claims: storing what the extraction engine found in an article."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import LANGUAGE_UNKNOWN_ERROR, Article, date_interval
from claims.models import Claim, ClaimStatus
from claims.places import claim_places_write, subject_path

logger = logging.getLogger(__name__)


# Not the article's fault: a lost connection or a lock time-out (the task retries), or the task's
# soft time limit (the task's failure handler sends a batch's articles again one a task).
_NOT_THE_ARTICLE = (OperationalError, InterfaceError, SoftTimeLimitExceeded)


class ExtractionUnsupported(Exception):
    pass


class LanguageUnknown(Exception):
    """The article has no language and none of the supported ones is detected in its text."""


def _claims_from_extraction(article: Article) -> tuple[str, list, str]:
    """(extractor version, claims, warning): the warning says what the limits left out."""
    from claims.extraction import EXTRACTOR_VERSION, extract_report
    from claims.extraction.detect import SUPPORTED_LANGUAGES, detect_language

    if article.language and article.language not in SUPPORTED_LANGUAGES:
        raise ExtractionUnsupported(
            f"language {article.language!r} has no extraction rules (supported: {', '.join(SUPPORTED_LANGUAGES)})"
        )
    # Left to the engine, an undetected language would be "no claims", as if the text had none.
    language = article.language or detect_language(article.text)
    if language is None:
        raise LanguageUnknown(LANGUAGE_UNKNOWN_ERROR)
    limit = settings.TALLY_MAX_CLAIMS_PER_ARTICLE
    found = extract_report(
        article.text,
        language=language,
        published=article.published,
        published_precision=article.published_precision or "day",
        approx_tolerance=Decimal(settings.TALLY_APPROX_TOLERANCE),
        max_claims=limit,
    )
    return EXTRACTOR_VERSION, found.claims, _warning(found, limit)


def _warning(found, limit: int) -> str:  # type: ignore[no-untyped-def]
    from claims.extraction.types import VALUE_MAX

    warnings = []
    if found.truncated:
        warnings.append(
            f"claims limit reached: only the first {len(found.claims)} claims were kept "
            f"(TALLY_MAX_CLAIMS_PER_ARTICLE is {limit})"
        )
    if found.out_of_range:
        numbers = "number was" if found.out_of_range == 1 else "numbers were"
        warnings.append(
            f"{found.out_of_range} {numbers} left out, too large for a claim (at most {VALUE_MAX.normalize():f})"
        )
    return "; ".join(warnings)


def _mark_failed(article: Article, error: Exception) -> None:
    if isinstance(error, LanguageUnknown):
        status, message = Article.Status.NO_LANGUAGE, str(error)
    else:
        status, message = Article.Status.FAILED, f"{type(error).__name__}: {error}"
    Article.objects.filter(id=article.id).update(status=status, last_error=message, updated_at=timezone.now())
    article.status, article.last_error = status, message


def articles_extract_claims(*, article_ids: Iterable[int]) -> list[Article]:
    """Run the engine on these articles and store their claims, in one transaction; idempotent.
    Returns the articles that exist, in id order. Does not send detection: see
    `article_extract_claims` and `articles_process`.

    Earlier claims are replaced only when the extractor version changed: claims of the current
    version may already carry a reviewer's work. Bad data marks its own article `failed` with the
    error, rather than raising for a retry: an engine error, a row the database refuses (a
    constraint, a value out of a column's range) or any other error of one article's claims fails
    that article alone, and the others of the batch are stored. What the engine's limits left out
    (TALLY_MAX_CLAIMS_PER_ARTICLE, numbers too large for a claim) is the article's `warning`.
    """
    articles = list(Article.objects.filter(id__in=list(article_ids)).order_by("id"))
    extracted: dict[int, tuple[str, list, str]] = {}
    for article in articles:
        try:
            extracted[article.id] = _claims_from_extraction(article)
        except _NOT_THE_ARTICLE:
            raise
        except LanguageUnknown as error:
            _mark_failed(article, error)
        except Exception as error:  # noqa: BLE001 - any engine failure on this text is this article's failure
            logger.exception("extraction failed for article %s", article.id)
            _mark_failed(article, error)
    loaded = {article.id: article.content_hash for article in articles if article.id in extracted}
    try:
        _store_batch(loaded, extracted, articles)
    except _NOT_THE_ARTICLE:
        raise
    except Exception as error:  # noqa: BLE001 - a row refused, or anything else: find the article at fault
        if len(loaded) == 1:
            (article,) = (a for a in articles if a.id in loaded)
            logger.exception("claims of article %s could not be stored", article.id)
            _mark_failed(article, error)
        else:
            # Each article's claims again on their own, with what the engine already found.
            for article_id in loaded:
                try:
                    _store_batch({article_id: loaded[article_id]}, extracted, articles)
                except _NOT_THE_ARTICLE:
                    raise
                except Exception as article_error:  # noqa: BLE001 - this article's claims alone fail
                    logger.exception("claims of article %s could not be stored", article_id)
                    _mark_failed(next(a for a in articles if a.id == article_id), article_error)
    return articles


HELD_WARNING = (
    "claims of an earlier engine kept: a reviewer has worked on them (manage.py reprocess --force replaces them)"
)


def _holding_review_work(article_ids: list[int]) -> set[int]:
    """The articles among `article_ids` with a claim a reviewer has worked on (a verdict, or a
    status other than unreviewed). A new engine version does not throw such claims away: only an
    operator's `reprocess --force`, which blanks the stored version, does."""
    if not article_ids:
        return set()
    worked = Q(reviews__isnull=False) | ~Q(review_status=ClaimStatus.UNREVIEWED)
    return set(
        Claim.objects.filter(worked, article_id__in=article_ids).order_by().values_list("article_id", flat=True)
        .distinct()
    )


def _store_batch(
    loaded: dict[int, str], extracted: dict[int, tuple[str, list, str]], articles: list[Article]
) -> None:
    if not loaded:
        return
    by_id = {article.id: article for article in articles}
    with transaction.atomic():
        locked = {
            row["id"]: row
            for row in Article.objects.select_for_update().filter(id__in=list(loaded)).order_by("id")
            .values("id", "content_hash", "extractor_version")
        }
        # Gone, or edited while the engine ran: the run that follows the edit stores claims.
        current = [i for i in loaded if i in locked and locked[i]["content_hash"] == loaded[i]]
        with_claims = set(
            Claim.objects.filter(article_id__in=current).order_by().values_list("article_id", flat=True).distinct()
        )
        replace = [i for i in current if locked[i]["extractor_version"] != extracted[i][0] or i not in with_claims]
        stale = [i for i in replace if i in with_claims]
        held = _holding_review_work([i for i in stale if locked[i]["extractor_version"]])
        replace = [i for i in replace if i not in held]
        stale = [i for i in stale if i not in held]
        if stale:
            Claim.objects.filter(article_id__in=stale).delete()
        _store_claims([(by_id[i], *extracted[i][:2]) for i in replace])
        now = timezone.now()
        # The claims stored now come with this run's warning; claims kept keep theirs (None).
        outcomes: dict[tuple[str, str | None], list[int]] = {}
        for i in current:
            if i in held:
                outcomes.setdefault((locked[i]["extractor_version"], HELD_WARNING), []).append(i)
            else:
                outcomes.setdefault((extracted[i][0], extracted[i][2] if i in replace else None), []).append(i)
        for (version, warning), ids in outcomes.items():
            changes = {"status": Article.Status.EXTRACTED, "extractor_version": version, "last_error": "",
                       "updated_at": now}
            if warning is not None:
                changes["warning"] = warning
            Article.objects.filter(id__in=ids).update(**changes)
    for article_id in current:
        article = by_id[article_id]
        version = locked[article_id]["extractor_version"] if article_id in held else extracted[article_id][0]
        article.status, article.extractor_version, article.last_error = Article.Status.EXTRACTED, version, ""
        if article_id in replace:
            article.warning = extracted[article_id][2]
        elif article_id in held:
            article.warning = HELD_WARNING
        article.updated_at = now


def article_extract_claims(*, article_id: int) -> Article | None:
    """`articles_extract_claims` for one article, then conflict detection sent once its claims are
    committed. Returns None when the article no longer exists."""
    found = articles_extract_claims(article_ids=[article_id])
    if not found:
        return None
    article = found[0]
    if article.status == Article.Status.EXTRACTED:
        transaction.on_commit(lambda: enqueue_detection(article_id))
    return article


def articles_process(*, article_ids: Iterable[int]) -> list[Article]:
    """Extraction then conflict detection for a batch of articles, in the calling process: the
    path new articles take (one task per batch instead of two per article)."""
    from claims.services.conflicts import articles_detect_conflicts

    extracted = articles_extract_claims(article_ids=article_ids)
    ready = [a.id for a in extracted if a.status == Article.Status.EXTRACTED]
    if not ready:
        return extracted
    detected = {a.id: a for a in articles_detect_conflicts(article_ids=ready)}
    return [detected.get(a.id, a) for a in extracted]


def enqueue_detection(article_id: int) -> None:
    """Send conflict detection for an article whose claims are committed; a broker that is down
    leaves the article `extracted`, for the sweep."""
    from claims.tasks import detect_conflicts as detect_conflicts_task

    try:
        detect_conflicts_task.delay(article_id)
    except Exception as error:  # noqa: BLE001 - kombu and redis raise several kinds
        logger.warning("broker unavailable (%s): article %s left for the sweep", error, article_id)


def _time_window(item) -> tuple:  # type: ignore[no-untyped-def]
    if item.as_of is None:
        return None, None
    return date_interval(item.as_of, item.as_of_precision or "day")


def _claim_row(article: Article, version: str, item) -> Claim:  # type: ignore[no-untyped-def]
    time_start, time_end = _time_window(item)
    return Claim(
        article=article, start=item.start, end=item.end, quote=article.text[item.start:item.end],
        sentence=item.sentence, metric=item.metric, noun=(item.noun or "")[:100], subject=item.subject,
        # An engine that does not say how sure it is of the subject: not sure, not flagged.
        subject_confidence=getattr(item, "subject_confidence", 0.0),
        subject_ambiguous=getattr(item, "subject_ambiguous", False), subject_path=subject_path(item.subject),
        value=item.value, lower=item.lower, upper=item.upper, qualifier=item.qualifier,
        unit=item.unit or "", as_of=item.as_of, as_of_precision=item.as_of_precision or "",
        as_of_weekday=getattr(item, "as_of_weekday", None), as_of_offset=getattr(item, "as_of_offset", None),
        period_start=item.period_start, attribution=(item.attribution or "")[:500],
        time_start=time_start, time_end=time_end,
        language=item.language or article.language, confidence=item.confidence,
        rules=list(item.rules), extractor_version=version,
    )


def _store_claims(batch: list[tuple[Article, str, list]]) -> list[Claim]:
    """Insert the claims of several articles: wholes first, then the parts that point at them, so
    that every row is written once with its link (no update afterwards)."""
    pending = [
        (position, number, item, _claim_row(article, version, item))
        for position, (article, version, found) in enumerate(batch)
        for number, item in enumerate(found)
    ]
    stored: dict[tuple[int, int], Claim] = {}
    created: list[Claim] = []
    while pending:
        # One insert per level: claims that are no part, then parts of those, and so on.
        level = [entry for entry in pending if entry[2].part_of is None or (entry[0], entry[2].part_of) in stored]
        if not level:
            # Not something the engine makes; refused like a row the database refuses.
            raise IntegrityError("claims whose part_of links form a cycle")
        for position, _, item, row in level:
            if item.part_of is not None:
                row.part_of = stored[(position, item.part_of)]
        created += Claim.objects.bulk_create([row for *_, row in level])
        stored.update({(position, number): row for position, number, _, row in level})
        placed = {(position, number) for position, number, _, _ in level}
        pending = [entry for entry in pending if (entry[0], entry[1]) not in placed]
    claim_places_write(created)
    return created
