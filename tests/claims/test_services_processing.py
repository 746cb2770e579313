"""Processing attempts: counted before the work, so that a task that dies cannot come back for ever."""

from __future__ import annotations

import psycopg
import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.db import OperationalError, connection

from articles.models import Article
from claims.services.processing import articles_attempt, articles_task_failed
from tests.articles.factories import ArticleFactory
from tests.articles.memory_broker import broker  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

PROCESS, DETECT = "claims.tasks.process_articles", "claims.tasks.detect_conflicts"


def attempts(article: Article) -> tuple[str, int]:
    article.refresh_from_db()
    return article.status, article.processing_attempts


def test_an_attempt_is_counted_before_the_work_and_forgotten_when_it_ends():
    # given
    article = ArticleFactory()
    # when
    with articles_attempt(article_ids=[article.id]) as attempt:
        # then the count is stored while the work runs, where a killed worker would leave it
        assert attempt.ready == [article.id]
        assert attempts(article) == ("pending", 1)
    assert attempts(article) == ("pending", 0)


def test_an_attempt_that_raises_is_taken_back_for_the_task_to_handle():
    article = ArticleFactory()
    Article.objects.filter(id=article.id).update(processing_attempts=1)
    with pytest.raises(OperationalError), articles_attempt(article_ids=[article.id]):
        assert attempts(article) == ("pending", 2)
        raise OperationalError("connection lost")
    assert attempts(article) == ("pending", 1)


def test_articles_that_wait_for_nothing_are_run_uncounted():
    done, failed = ArticleFactory(status="done"), ArticleFactory(status="failed")
    with articles_attempt(article_ids=[failed.id, done.id]) as attempt:
        assert attempt.ready == sorted([done.id, failed.id])
        assert (attempts(done), attempts(failed)) == (("done", 0), ("failed", 0))


def test_a_batch_that_died_before_is_sent_again_one_article_a_task(
    broker, django_capture_on_commit_callbacks  # noqa: F811
):
    # given a batch whose first article's attempt was left counted (its worker died with it)
    died = ArticleFactory()
    Article.objects.filter(id=died.id).update(processing_attempts=1)
    waiting, extracted, done = ArticleFactory(), ArticleFactory(status="extracted"), ArticleFactory(status="done")
    # when it comes back
    with django_capture_on_commit_callbacks(execute=True):
        with articles_attempt(article_ids=[waiting.id, died.id, extracted.id, done.id]) as attempt:
            # then nothing of it runs as a batch
            assert attempt.ready == []
    # and each article waiting for a step is sent on its own: processing, or detection once extracted
    assert broker() == [(PROCESS, [[died.id]]), (PROCESS, [[waiting.id]]), (DETECT, [extracted.id])]
    assert [attempts(a) for a in (died, waiting, extracted, done)] == [
        ("pending", 1), ("pending", 0), ("extracted", 0), ("done", 0)
    ]


def test_an_article_another_live_process_works_on_is_not_taken_for_dead(broker):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("the advisory locks that tell a live attempt are PostgreSQL's")
    # given a batch whose first article another process is working on: its attempt counted, its
    # advisory lock held by that process's session (a batch delivered twice, say)
    busy, other = ArticleFactory(), ArticleFactory()
    Article.objects.filter(id=busy.id).update(processing_attempts=1)
    db = connection.settings_dict
    with psycopg.connect(dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"] or None,
                         host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, autocommit=True) as elsewhere:
        elsewhere.execute("SELECT pg_advisory_lock(%s)", [busy.id])
        # when the batch comes
        with articles_attempt(article_ids=[busy.id, other.id]) as attempt:
            # then it runs whole, the busy article uncounted here
            assert attempt.ready == [busy.id, other.id]
            assert [attempts(busy), attempts(other)] == [("pending", 1), ("pending", 1)]
    assert [attempts(busy), attempts(other)] == [("pending", 1), ("pending", 0)]
    assert broker() == []


def test_an_article_cut_short_too_often_is_failed_instead_of_run_again(settings):
    # given an article whose processing started three times and never ended
    settings.TALLY_PROCESSING_ATTEMPTS = 3
    article = ArticleFactory(status="extracted")
    Article.objects.filter(id=article.id).update(processing_attempts=3)
    # when it comes back once more
    with articles_attempt(article_ids=[article.id]) as attempt:
        assert (attempt.ready, attempt.given_up) == ([], [article.id])
    # then it is failed, with the reason
    article.refresh_from_db()
    assert (article.status, article.last_error) == (
        "failed", "processing was cut short 3 times (killed by a time or memory limit, or its worker was lost): "
                  "not tried again (TALLY_PROCESSING_ATTEMPTS)",
    )


def test_one_attempt_fewer_than_the_limit_runs():
    article = ArticleFactory()
    Article.objects.filter(id=article.id).update(processing_attempts=2)
    with articles_attempt(article_ids=[article.id]) as attempt:
        assert attempt.ready == [article.id]
        assert attempts(article) == ("pending", 3)


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (TimeLimitExceeded(360), "processing killed by the hard time limit (360 s, TALLY_TASK_TIME_LIMIT)"),
        (SoftTimeLimitExceeded(), "processing stopped by the soft time limit (300 s, TALLY_TASK_SOFT_TIME_LIMIT)"),
        (ValueError("no figure"), "ValueError: no figure"),
    ],
)
def test_a_single_article_task_that_failed_fails_its_article(settings, error, reason):
    settings.CELERY_TASK_TIME_LIMIT, settings.CELERY_TASK_SOFT_TIME_LIMIT = 360, 300
    article = ArticleFactory(status="extracted")
    articles_task_failed(article_ids=[article.id], error=error)
    article.refresh_from_db()
    assert (article.status, article.last_error) == ("failed", reason)


def test_a_batch_task_that_failed_sends_its_articles_again_one_a_task(
    broker, django_capture_on_commit_callbacks  # noqa: F811
):
    first, second, done = ArticleFactory(), ArticleFactory(), ArticleFactory(status="done")
    with django_capture_on_commit_callbacks(execute=True):
        articles_task_failed(article_ids=[second.id, first.id, done.id], error=TimeLimitExceeded(360))
    assert broker() == [(PROCESS, [[first.id]]), (PROCESS, [[second.id]])]
    assert {attempts(a) for a in (first, second)} == {("pending", 0)}


def test_a_task_failed_for_a_lost_connection_leaves_its_article_to_the_sweep(broker):  # noqa: F811
    article = ArticleFactory()
    articles_task_failed(article_ids=[article.id], error=OperationalError("connection lost"))
    assert attempts(article) == ("pending", 0)
    assert broker() == []


def test_an_article_done_meanwhile_keeps_its_work():
    article = ArticleFactory(status="done")
    articles_task_failed(article_ids=[article.id], error=TimeLimitExceeded(360))
    article.refresh_from_db()
    assert (article.status, article.last_error) == ("done", "")
