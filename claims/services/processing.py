"""Processing attempts: what keeps one article from holding others back, or a worker busy, for ever.

A worker task over articles may die without running another line of Python: killed by its hard
time limit (CELERY_TASK_TIME_LIMIT), by the kernel when memory runs out, or with its worker. Its
message then comes back (acks_late, reject_on_worker_lost, the broker's visibility timeout) or the
sweep sends its articles again, and the same poison would kill the next worker too. So each step
counts an attempt on its articles, committed before the work starts, and forgets it when the work
ends either way (a Python error is the task's to handle, see `articles_task_failed`). While it
works, the step holds a PostgreSQL session advisory lock keyed by each article's id (the only
advisory locks Tally takes), which the server releases when the process dies with its connection.
A count left with no lock held shows a death:

- a batch holding such an article is not run again as a batch: each of its articles is sent again
  on its own, so that no article waits on another;
- an article whose step started TALLY_PROCESSING_ATTEMPTS times without ending is marked `failed`.

An article whose lock another process holds is being worked on there (a batch delivered twice, the
sweep catching up with a slow one): it is worked on again, uncounted, as the steps are idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from articles.models import Article
from claims.services.claims import enqueue_detection

logger = logging.getLogger(__name__)

# The statuses whose articles still wait for a step: the only ones an attempt is counted on.
_WAITING = (Article.Status.PENDING, Article.Status.EXTRACTED)


@dataclass(frozen=True)
class Attempt:
    # The ids to work on.
    ready: list[int]
    # The ids marked failed instead, having reached TALLY_PROCESSING_ATTEMPTS.
    given_up: list[int] = field(default_factory=list)


@contextmanager
def articles_attempt(*, article_ids: Iterable[int]) -> Iterator[Attempt]:
    """Count a processing attempt on the waiting ones of these articles, run the body with the ids
    to work on, then forget the attempt. Use around one task's work:

        with articles_attempt(article_ids=ids) as attempt:
            articles_process(article_ids=attempt.ready)

    `ready` is empty when the articles are a batch that an earlier attempt started and never
    finished: they have been sent again one a task instead. It lacks the articles that reached
    TALLY_PROCESSING_ATTEMPTS unfinished attempts, which are marked `failed` (`given_up`). Articles
    that wait for nothing (done, failed) are in `ready` uncounted, as the services handle them.
    """
    ids = sorted(set(article_ids))
    counts = dict(Article.objects.filter(id__in=ids, status__in=_WAITING).values_list("id", "processing_attempts"))
    mine = _lock(sorted(counts))
    try:
        died = [article_id for article_id in mine if counts[article_id]]
        if len(ids) > 1 and died:
            logger.warning("a batch of %d articles died before: each is sent again on its own", len(ids))
            _unlock(mine)
            mine = []
            articles_send_separately(article_ids=ids)
            yield Attempt([])
            return
        limit = settings.TALLY_PROCESSING_ATTEMPTS
        exhausted = [article_id for article_id in died if counts[article_id] >= limit]
        if exhausted:
            _fail(exhausted, f"processing was cut short {limit} times (killed by a time or memory limit, or its "
                             f"worker was lost): not tried again (TALLY_PROCESSING_ATTEMPTS)")
        counted = [article_id for article_id in mine if article_id not in exhausted]
        # Committed at once (tasks run in autocommit): a worker killed in the body leaves it behind.
        Article.objects.filter(id__in=counted).update(processing_attempts=F("processing_attempts") + 1)
        try:
            yield Attempt([article_id for article_id in ids if article_id not in exhausted], exhausted)
        except BaseException:
            # Python saw the end: the task's retry or failure handler decides, not the count.
            _take_back(counted)
            raise
        Article.objects.filter(id__in=counted).update(processing_attempts=0)
    finally:
        _unlock(mine)


def _lock(ids: list[int]) -> list[int]:
    """The ids whose advisory lock this session now holds: those no other live process works on.
    Elsewhere than on PostgreSQL (SQLite: tasks in the one process) all of them."""
    if connection.vendor != "postgresql" or not ids:
        return ids
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM unnest(%s::bigint[]) AS id WHERE pg_try_advisory_lock(id) ORDER BY id", [ids])
        return [row[0] for row in cursor.fetchall()]


def _unlock(ids: list[int]) -> None:
    if connection.vendor != "postgresql" or not ids:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(id) FROM unnest(%s::bigint[]) AS id", [ids])
    except DatabaseError as error:
        # The locks go with the connection, which Django closes once it is unusable.
        logger.warning("advisory locks of %d article(s) not released: %s", len(ids), error)


def _take_back(ids: list[int]) -> None:
    try:
        Article.objects.filter(id__in=ids, processing_attempts__gt=0).update(
            processing_attempts=F("processing_attempts") - 1
        )
    except DatabaseError as error:
        # The database is what failed: the count stays, and at worst splits a batch or costs one try.
        logger.warning("attempt count of %d article(s) not taken back: %s", len(ids), error)


def articles_send_separately(*, article_ids: Iterable[int]) -> None:
    """Send each waiting article's next step as a task of its own: processing for a `pending`
    one, detection for an `extracted` one. A broker that is down leaves them for the sweep."""
    from claims.tasks import process_articles as process_articles_task

    waiting = list(
        Article.objects.filter(id__in=list(article_ids), status__in=_WAITING).order_by("id").values_list("id", "status")
    )

    def send() -> None:
        for article_id, status in waiting:
            if status == Article.Status.EXTRACTED:
                enqueue_detection(article_id)
                continue
            try:
                process_articles_task.delay([article_id])
            except Exception as error:  # noqa: BLE001 - kombu and redis raise several kinds
                logger.warning("broker unavailable (%s): article %s left for the sweep", error, article_id)

    transaction.on_commit(send)


def articles_task_failed(*, article_ids: Iterable[int], error: BaseException) -> None:
    """After a task over these articles failed as a whole, with an error no service pinned on one
    article (a soft or hard time limit, an error in detection): a batch's waiting articles are sent
    again one a task, so that the one at fault fails alone; a single article is marked `failed`
    with the reason. A lost connection or lock time-out, after the task's retries, is left to the
    sweep: the article is not at fault.
    """
    ids = sorted(set(article_ids))
    if isinstance(error, (OperationalError, InterfaceError)) or not ids:
        return
    if len(ids) > 1:
        articles_send_separately(article_ids=ids)
        return
    _fail(ids, _reason(error))


def _reason(error: BaseException) -> str:
    if isinstance(error, TimeLimitExceeded):
        return (f"processing killed by the hard time limit ({settings.CELERY_TASK_TIME_LIMIT} s, "
                "TALLY_TASK_TIME_LIMIT)")
    if isinstance(error, SoftTimeLimitExceeded):
        return (f"processing stopped by the soft time limit ({settings.CELERY_TASK_SOFT_TIME_LIMIT} s, "
                "TALLY_TASK_SOFT_TIME_LIMIT)")
    return f"{type(error).__name__}: {error}"


def _fail(ids: list[int], message: str) -> None:
    """Mark these articles `failed` with the message, those still waiting only (one that reached
    `done` in the meantime keeps its work)."""
    logger.error("articles %s failed: %s", ids, message)
    Article.objects.filter(id__in=ids, status__in=_WAITING).update(
        status=Article.Status.FAILED, last_error=message, updated_at=timezone.now()
    )
