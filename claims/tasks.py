"""Thin Celery tasks: load by id, call one service, hold the retry policy."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    # Lost connections and lock time-outs pass; bad data is marked failed by the service instead.
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def extract_claims(article_id: int) -> str:
    from claims.services.claims import article_extract_claims

    article = article_extract_claims(article_id=article_id)
    return article.status if article is not None else "missing"
