"""The article tasks' failure policy: a batch that fails as a whole is sent again one article a
task, and a single article's task that fails marks it failed. The worker-level kill is in
tests/integration/test_limits.py."""

from __future__ import annotations

from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded

from articles.models import Article
from claims.services import claims as claims_service
from claims.services import conflicts as conflicts_service
from claims.services.conflicts import detection as detection_service
from claims.tasks import detect_conflicts, extract_claims, process_articles
from tests.articles.factories import ArticleFactory
from tests.articles.memory_broker import broker  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

PROCESS, DETECT = "claims.tasks.process_articles", "claims.tasks.detect_conflicts"


def _articles(count: int) -> list[Article]:
    return [ArticleFactory(language="en", title=f"Flood report {chr(65 + n)}",
                           body=f"In Valmora {n + 10} people were killed.") for n in range(count)]


def _statuses(articles: list[Article]) -> list[tuple[str, str]]:
    return [(a.status, a.last_error) for a in Article.objects.filter(id__in=[a.id for a in articles]).order_by("id")]


def test_a_batch_whose_detection_fails_for_one_article_ends_with_that_article_alone_failed(
    broker, django_capture_on_commit_callbacks  # noqa: F811
):
    # given a batch of five in which detection raises whenever it meets the third article
    articles = _articles(5)
    bad = articles[2]
    real = conflicts_service.articles_detect_conflicts

    def detection(*, article_ids):  # type: ignore[no-untyped-def]
        if bad.id in article_ids:
            raise RuntimeError("detection broke on this article")
        return real(article_ids=article_ids)

    # (the batch calls the package's name, the one-article service the detection module's)
    with (
        mock.patch.object(conflicts_service, "articles_detect_conflicts", detection),
        mock.patch.object(detection_service, "articles_detect_conflicts", detection),
    ):
        # when the batch task runs
        with django_capture_on_commit_callbacks(execute=True):
            assert process_articles.apply(args=[[a.id for a in articles]], throw=False).failed()
        # then each article, its claims stored, is sent to detection on its own
        sent = broker()
        assert sent == [(DETECT, [a.id]) for a in articles]
        # and when those tasks run, the third alone fails, with its error
        with django_capture_on_commit_callbacks(execute=True):
            for _, args in sent:
                detect_conflicts.apply(args=args, throw=False)
    assert _statuses(articles) == [("done", "")] * 2 + [("failed", "RuntimeError: detection broke on this article")] + [
        ("done", "")
    ] * 2
    assert broker() == []


def test_the_soft_time_limit_in_a_batch_is_no_article_s_fault(broker, django_capture_on_commit_callbacks):  # noqa: F811
    # given a batch of three in which the engine runs out of time on the second article
    articles = _articles(3)
    slow = articles[1]
    real = claims_service._claims_from_extraction

    def engine(article):  # type: ignore[no-untyped-def]
        if article.id == slow.id:
            raise SoftTimeLimitExceeded()
        return real(article)

    with mock.patch.object(claims_service, "_claims_from_extraction", engine):
        # when the batch task runs
        with django_capture_on_commit_callbacks(execute=True):
            assert process_articles.apply(args=[[a.id for a in articles]], throw=False).failed()
        # then no article is blamed, and each is sent again on its own
        assert _statuses(articles) == [("pending", "")] * 3
        sent = broker()
        assert sent == [(PROCESS, [[a.id]]) for a in articles]
        # and on its own, the slow one fails for the time limit, the others are done
        with django_capture_on_commit_callbacks(execute=True):
            for _, args in sent:
                process_articles.apply(args=args, throw=False)
            for _, args in broker():
                detect_conflicts.apply(args=args, throw=False)
    assert _statuses(articles) == [
        ("done", ""), ("failed", "processing stopped by the soft time limit (300 s, TALLY_TASK_SOFT_TIME_LIMIT)"),
        ("done", ""),
    ]


@pytest.mark.parametrize("task", [process_articles, extract_claims, detect_conflicts])
def test_a_task_killed_by_the_hard_time_limit_fails_its_single_article(task, settings):
    # given the handler the worker's main process runs for a task whose process it killed
    settings.CELERY_TASK_TIME_LIMIT = 360
    article = ArticleFactory()
    args = ([article.id],) if task is process_articles else (article.id,)
    # when
    task.on_failure(TimeLimitExceeded(360), "a-task-id", args, {}, None)
    # then
    article.refresh_from_db()
    assert (article.status, article.last_error) == (
        "failed", "processing killed by the hard time limit (360 s, TALLY_TASK_TIME_LIMIT)"
    )


def test_a_batch_killed_by_the_hard_time_limit_is_sent_again_one_article_a_task(
    broker, django_capture_on_commit_callbacks  # noqa: F811
):
    articles = _articles(3)
    with django_capture_on_commit_callbacks(execute=True):
        process_articles.on_failure(TimeLimitExceeded(360), "a-task-id", ([a.id for a in articles],), {}, None)
    assert broker() == [(PROCESS, [[a.id]]) for a in articles]
    assert _statuses(articles) == [("pending", "")] * 3


def test_a_task_given_up_on_says_its_article_failed(settings):
    settings.TALLY_PROCESSING_ATTEMPTS = 2
    first, second = _articles(2)
    Article.objects.filter(id__in=[first.id, second.id]).update(processing_attempts=2)
    assert extract_claims(first.id) == "failed"
    assert process_articles([second.id]) == {"failed": 1}
    assert not first.claims.exists() and not second.claims.exists()
