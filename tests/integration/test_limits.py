"""A poison article in a batch, with a real prefork worker, PostgreSQL and Redis: killed by the hard
time limit, or with its pool process, it fails alone and is not delivered again for ever; the
other 19 articles of its batch are done.

The poison is the dense "5-5-5-..." body of a megabyte read with the claims limit lifted, which
keeps the engine busy for many seconds while an ordinary article takes milliseconds.
"""

from __future__ import annotations

import os
import signal
from datetime import date
from unittest import mock

import pytest
from django.db.models import Q

from articles.models import Article
from articles.parsing import ArticleInput
from articles.services import article_ingest_many
from claims.models import Claim
from claims.tasks import process_articles as process_articles_task
from tests.integration.conftest import wait_for

pytestmark = pytest.mark.integration

POISON_TITLE = "Officials said"
# No claims limit: reading every one of the half a million claims takes the engine tens of seconds.
UNLIMITED = {"TALLY_MAX_CLAIMS_PER_ARTICLE": "100000000"}


def _send_batch_with_poison(**limits: int | None) -> Article:
    """20 new articles sent as one batch task, the eighth the poison; returns the poison. A task's
    time limits travel in its message, from the sender's settings: `limits` are the worker's."""
    day = {"language": "en", "published": date(2024, 3, 8), "published_precision": "day"}
    items = [ArticleInput(title=f"Flood report {chr(65 + n)}", body=f"In Valmora {n + 10} people were killed.", **day)
             for n in range(20)]
    items[7] = ArticleInput(title=POISON_TITLE, body="5-" * 495_000, **day)
    with mock.patch("articles.services.hand_on"):
        report = article_ingest_many(items=items)
    assert len(report.new) == 20 and not report.failed
    process_articles_task.apply_async(args=[report.new], **limits)
    return Article.objects.get(title=POISON_TITLE)


def _settled() -> bool:
    return not Article.objects.filter(status__in=[Article.Status.PENDING, Article.Status.EXTRACTED]).exists()


def _outcome(poison: Article) -> tuple[set[tuple[str, str]], tuple[str, str]]:
    others = set(Article.objects.exclude(id=poison.id).values_list("status", "last_error"))
    poison.refresh_from_db()
    return others, (poison.status, poison.last_error)


def test_a_batch_killed_by_the_hard_time_limit_leaves_its_poison_alone_failed(workers):
    # given a prefork worker whose tasks are killed after 3 seconds (the soft limit off)
    workers.start("w1", env={"TALLY_TASK_TIME_LIMIT": "3", "TALLY_TASK_SOFT_TIME_LIMIT": "0", **UNLIMITED},
                  prefork=True)
    # when a batch of 20 holding one poison article is sent
    poison = _send_batch_with_poison(time_limit=3, soft_time_limit=None)
    # then the batch is killed, its articles are sent again one a task, and all settle
    wait_for(_settled, timeout=60, what="every article to be done or failed")
    others, poisoned = _outcome(poison)
    assert others == {("done", "")}
    assert poisoned == ("failed", "processing killed by the hard time limit (3 s, TALLY_TASK_TIME_LIMIT)")
    assert Claim.objects.count() == 19 and not poison.claims.exists()
    log = workers.log_text("w1")
    assert log.count("Hard time limit (3s) exceeded for claims.tasks.process_articles") == 2


def test_a_poison_that_kills_its_pool_process_every_time_is_given_up(workers):
    # given a prefork worker (redelivering what a lost pool process held), and three attempts
    workers.start("w1", env={"TALLY_PROCESSING_ATTEMPTS": "3", **UNLIMITED}, prefork=True)
    # when a batch of 20 holding one poison article is sent, and the pool process is killed each
    # time it starts on the poison (as the kernel's memory killer would)
    poison = _send_batch_with_poison()
    killed = 0

    def kill_on_each_attempt() -> bool:
        nonlocal killed
        attempts, status = Article.objects.filter(id=poison.id).values_list("processing_attempts", "status").get()
        if status == Article.Status.FAILED:
            return True
        if attempts > killed:
            for pid in workers.pool_processes("w1"):
                os.kill(pid, signal.SIGKILL)
            killed = attempts
        return False

    wait_for(kill_on_each_attempt, timeout=90, what="the poison to be given up", interval=0.05)
    # then the poison was tried as part of its batch and twice alone, then failed; the others are done
    assert killed == 3
    wait_for(_settled, timeout=60, what="every article to be done or failed")
    others, poisoned = _outcome(poison)
    assert others == {("done", "")}
    assert poisoned == ("failed", "processing was cut short 3 times (killed by a time or memory limit, or its "
                                  "worker was lost): not tried again (TALLY_PROCESSING_ATTEMPTS)")
    assert Claim.objects.count() == 19 and not poison.claims.exists()
    assert not Article.objects.filter(~Q(id=poison.id), processing_attempts__gt=0).exists()
