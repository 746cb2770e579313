"""Thin Celery tasks: load by id, call one service, hold the retry policy."""

from __future__ import annotations

from collections import Counter

from celery import shared_task
from django.db import InterfaceError, OperationalError

# acks_late + reject_on_worker_lost: a worker killed mid-task leaves the message to another worker.
# Lost connections and lock time-outs pass, so they are retried with backoff; bad data is marked
# `failed` by the services instead of retried.
RELIABLE = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 8,
}


@shared_task(**RELIABLE)
def extract_claims(article_id: int) -> str:
    from claims.services.claims import article_extract_claims

    article = article_extract_claims(article_id=article_id)
    return article.status if article is not None else "missing"


@shared_task(**RELIABLE)
def process_articles(article_ids: list[int]) -> dict[str, int]:
    """Extraction then detection for a batch of new articles: how many ended in each status."""
    from claims.services.claims import articles_process

    return dict(Counter(str(article.status) for article in articles_process(article_ids=article_ids)))


@shared_task(**RELIABLE)
def detect_conflicts(article_id: int) -> str:
    from claims.services.conflicts import article_detect_conflicts

    article = article_detect_conflicts(article_id=article_id)
    return article.status if article is not None else "missing"


@shared_task(acks_late=True)
def sweep_stale_articles() -> dict[str, int]:
    from claims.services.pipeline import articles_sweep_stale

    return articles_sweep_stale()


@shared_task(acks_late=True)
def release_idle_assignments() -> int:
    from claims.services.review import conflicts_release_idle

    return conflicts_release_idle()
