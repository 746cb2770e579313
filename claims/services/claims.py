"""Writes for claims: storing what the extraction engine found in an article."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, date_interval
from claims.models import Claim

logger = logging.getLogger(__name__)


class ExtractionUnsupported(Exception):
    pass


def _claims_from_extraction(article: Article) -> tuple[str, list]:
    from claims.extraction import EXTRACTOR_VERSION, extract
    from claims.extraction.detect import SUPPORTED_LANGUAGES

    if article.language and article.language not in SUPPORTED_LANGUAGES:
        raise ExtractionUnsupported(
            f"language {article.language!r} has no extraction rules (supported: {', '.join(SUPPORTED_LANGUAGES)})"
        )
    found = extract(
        article.text,
        language=article.language or None,
        published=article.published,
        published_precision=article.published_precision or "day",
        approx_tolerance=Decimal(settings.TALLY_APPROX_TOLERANCE),
    )
    return EXTRACTOR_VERSION, found


def _mark_failed(article_id: int, error: Exception) -> Article | None:
    Article.objects.filter(id=article_id).update(
        status=Article.Status.FAILED, last_error=f"{type(error).__name__}: {error}", updated_at=timezone.now()
    )
    return Article.objects.filter(id=article_id).first()


def article_extract_claims(*, article_id: int) -> Article | None:
    """Run the engine on an article and store its claims, then enqueue conflict detection; idempotent.

    Earlier claims are replaced only when the extractor version changed: claims of the current
    version may already carry a reviewer's work. Returns None when the article no longer exists.
    Bad data marks the article `failed` with the error, rather than raising for a retry.
    """
    article = Article.objects.filter(id=article_id).first()
    if article is None:
        return None
    loaded_hash = article.content_hash
    try:
        version, found = _claims_from_extraction(article)
    except Exception as error:  # noqa: BLE001 - any engine failure on this text is this article's failure
        logger.exception("extraction failed for article %s", article_id)
        return _mark_failed(article_id, error)

    try:
        with transaction.atomic():
            article = Article.objects.select_for_update().filter(id=article_id).first()
            if article is None or article.content_hash != loaded_hash:
                # Gone, or edited while the engine ran: the run that follows the edit stores claims.
                return article
            if article.extractor_version != version or not article.claims.exists():
                article.claims.all().delete()
                _store_claims(article, version, found)
            article.status = Article.Status.EXTRACTED
            article.extractor_version = version
            article.last_error = ""
            article.save(update_fields=["status", "extractor_version", "last_error", "updated_at"])
            transaction.on_commit(lambda: enqueue_detection(article_id))
    except IntegrityError as error:
        # The engine produced a row the database refuses (a constraint): bad data, not a retry.
        logger.exception("claims of article %s refused by the database", article_id)
        return _mark_failed(article_id, error)
    return article


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


def _store_claims(article: Article, version: str, found: list) -> list[Claim]:
    text = article.text
    rows = [
        Claim(
            article=article, start=item.start, end=item.end, quote=text[item.start:item.end],
            sentence=item.sentence, metric=item.metric, noun=(item.noun or "")[:100], subject=item.subject,
            value=item.value, lower=item.lower, upper=item.upper, qualifier=item.qualifier,
            unit=item.unit or "", as_of=item.as_of, as_of_precision=item.as_of_precision or "",
            period_start=item.period_start, attribution=(item.attribution or "")[:500],
            time_start=_time_window(item)[0], time_end=_time_window(item)[1],
            language=item.language or article.language, confidence=item.confidence,
            rules=list(item.rules), extractor_version=version,
        )
        for item in found
    ]
    created = Claim.objects.bulk_create(rows)
    linked = []
    for claim, item in zip(created, found, strict=True):
        if item.part_of is not None:
            claim.part_of = created[item.part_of]
            linked.append(claim)
    if linked:
        Claim.objects.bulk_update(linked, ["part_of"])
    return created
