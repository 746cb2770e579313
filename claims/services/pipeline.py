"""The pipeline a stored article goes through, driven from here: extraction, conflict detection, and
the sweep that sends again what was left half-done.

Articles come in through ingest (articles.services), which knows nothing of this app: it hands the
new articles over through `articles.handoff`, where `ClaimsConfig.ready` registers `articles_reader`.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.handoff import Reader
from articles.models import Article
from claims.extraction.detect import SUPPORTED_LANGUAGES, detect_language
from claims.services.claims import enqueue_detection
from claims.tasks import process_articles as process_articles_task
from claims.tasks import sweep_stale_articles as sweep_stale_articles_task

logger = logging.getLogger(__name__)


def articles_reader() -> Reader:
    """What ingest needs of this app (articles.handoff): the languages the engine reads, its
    language detection, and the pipeline for new articles."""
    return Reader(languages=tuple(SUPPORTED_LANGUAGES), detect_language=detect_language,
                  articles_stored=enqueue_extraction)


def enqueue_extraction(article_ids: list[int]) -> None:
    """Send the articles' extraction and detection, TALLY_PIPELINE_BATCH articles a task. Call after
    commit.

    A broker that is down must not fail an ingest whose rows are already committed: the articles
    stay `pending` and the periodic sweep sends them later. After the first refusal the rest of
    the batch is left to the sweep too, rather than waiting out a timeout per task.
    """
    size = max(1, settings.TALLY_PIPELINE_BATCH)
    for start in range(0, len(article_ids), size):
        try:
            process_articles_task.delay(article_ids[start : start + size])
        except Exception as error:  # noqa: BLE001 - kombu and redis raise several kinds
            logger.warning(
                "broker unavailable (%s): %d article(s) left pending for the sweep",
                error, len(article_ids) - start,
            )
            return


def articles_sweep_stale(*, batch: int | None = None) -> dict[str, int]:
    """Send again the work of articles left `pending` (never extracted: the broker was down, the
    worker died) or `extracted` (never compared) for longer than TALLY_SWEEP_AFTER_SECONDS.

    Each swept article's `updated_at` is moved to now, so the next sweep waits a full interval
    before sending it again. A full batch means more may be waiting: the sweep sends itself again.
    """
    size = batch or settings.TALLY_SWEEP_BATCH
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.TALLY_SWEEP_AFTER_SECONDS)
    counts = {}
    for status in (Article.Status.PENDING, Article.Status.EXTRACTED):
        ids = list(
            Article.objects.filter(status=status, updated_at__lt=cutoff)
            .order_by("updated_at").values_list("id", flat=True)[:size]
        )
        Article.objects.filter(id__in=ids, status=status).update(updated_at=now)
        if status == Article.Status.PENDING:
            enqueue_extraction(ids)
        else:
            for article_id in ids:
                enqueue_detection(article_id)
        counts[str(status)] = len(ids)
    if max(counts.values()) >= size:
        sweep_stale_articles_task.delay()
    return counts


def articles_reprocess(*, queryset, force: bool = False) -> list[int]:  # type: ignore[no-untyped-def]
    """Run extraction and detection again for a selection of articles.

    Claims of the current extractor version are kept (a reviewer may have worked on them) unless
    `force`, which replaces them.
    """
    ids = list(queryset.values_list("id", flat=True))
    with transaction.atomic():
        changes = {"status": Article.Status.PENDING, "last_error": "", "processing_attempts": 0,
                   "updated_at": timezone.now()}
        if force:
            changes["extractor_version"] = ""
        Article.objects.filter(id__in=ids).update(**changes)
        transaction.on_commit(lambda: enqueue_extraction(ids))
    return ids
