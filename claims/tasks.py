"""Thin Celery tasks: load by id, call one service, hold the retry policy."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from celery import Task, shared_task
from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)

# acks_late + reject_on_worker_lost: a worker killed mid-task leaves the message to another worker.
# Lost connections and lock time-outs pass, so they are retried with backoff; bad data is marked
# `failed` by the services instead of retried. A message that kills its worker every time is
# stopped by the attempts its articles count (claims.services.processing).
RELIABLE = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 8,
}


class ArticlesTask(Task):
    """A task whose first argument is an article id or a list of them. When it fails as a whole
    (an error no service pinned on one article, the soft time limit, or the hard one: then this
    runs in the worker's main process, the task's own process being killed), a batch's articles are
    sent again one a task and a single article is marked `failed` (`articles_task_failed`)."""

    def on_failure(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        from claims.services.processing import articles_task_failed

        ids = args[0] if args else next(iter(kwargs.values()), [])
        try:
            articles_task_failed(article_ids=ids if isinstance(ids, list) else [ids], error=exc)
        except Exception:  # noqa: BLE001 - the failure handler must not take the worker down
            logger.exception("failure of task %s[%s] on articles %s not handled", self.name, task_id, ids)


@shared_task(base=ArticlesTask, **RELIABLE)
def extract_claims(article_id: int) -> str:
    from claims.services.claims import article_extract_claims
    from claims.services.processing import articles_attempt

    with articles_attempt(article_ids=[article_id]) as attempt:
        article = article_extract_claims(article_id=article_id) if attempt.ready else None
    return article.status if article is not None else ("failed" if attempt.given_up else "missing")


@shared_task(base=ArticlesTask, **RELIABLE)
def process_articles(article_ids: list[int]) -> dict[str, int]:
    """Extraction then detection for a batch of new articles: how many ended in each status."""
    from claims.services.claims import articles_process
    from claims.services.processing import articles_attempt

    with articles_attempt(article_ids=article_ids) as attempt:
        processed = articles_process(article_ids=attempt.ready)
    return dict(Counter(str(article.status) for article in processed) + Counter(failed=len(attempt.given_up)))


@shared_task(base=ArticlesTask, **RELIABLE)
def detect_conflicts(article_id: int) -> str:
    from claims.services.conflicts import article_detect_conflicts
    from claims.services.processing import articles_attempt

    with articles_attempt(article_ids=[article_id]) as attempt:
        article = article_detect_conflicts(article_id=article_id) if attempt.ready else None
    return article.status if article is not None else ("failed" if attempt.given_up else "missing")


@shared_task(acks_late=True)
def sweep_stale_articles() -> dict[str, int]:
    from claims.services.pipeline import articles_sweep_stale

    return articles_sweep_stale()


@shared_task(acks_late=True)
def release_idle_assignments() -> int:
    from claims.services.review import conflicts_release_idle

    return conflicts_release_idle()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=5)
def email_notification(notification_id: int) -> bool:
    """E-mail one notification; a mail server that does not answer (OSError, smtplib's errors
    included) is tried again later."""
    from claims.services.notifications import notification_email

    return notification_email(notification_id=notification_id)
