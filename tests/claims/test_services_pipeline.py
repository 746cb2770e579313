"""The pipeline: new articles handed over by ingest, and the sweep that sends again, once per interval
and in batches, work accepted but never finished."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.handoff import reader
from articles.models import Article
from claims.extraction import available_languages
from claims.services.pipeline import articles_sweep_stale, enqueue_extraction
from claims.tasks import sweep_stale_articles
from tests.articles.factories import ArticleFactory
from tests.articles.memory_broker import broker  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

PROCESS, DETECT, SWEEP = "claims.tasks.process_articles", "claims.tasks.detect_conflicts", "claims.tasks.sweep_stale_articles"


def article(status: str, *, age: int) -> Article:
    """An article left in `status`, last touched `age` seconds ago."""
    made = ArticleFactory(status=status)
    Article.objects.filter(id=made.id).update(updated_at=timezone.now() - timedelta(seconds=age))
    made.refresh_from_db()
    return made


@pytest.fixture
def sweep_after(settings) -> int:
    settings.TALLY_SWEEP_AFTER_SECONDS = 300
    settings.TALLY_SWEEP_BATCH = 1000
    return 300


def test_only_stale_pending_and_extracted_articles_are_sent(broker, sweep_after):  # noqa: F811
    # given articles in every status, some touched just before the cut-off and some just after
    stale_pending = article(Article.Status.PENDING, age=sweep_after + 5)
    stale_extracted = article(Article.Status.EXTRACTED, age=sweep_after + 5)
    untouched = [
        article(Article.Status.PENDING, age=sweep_after - 5),
        article(Article.Status.EXTRACTED, age=sweep_after - 5),
        article(Article.Status.DONE, age=sweep_after + 5),
        article(Article.Status.FAILED, age=sweep_after + 5),
    ]
    before = timezone.now()
    # when the periodic task runs
    counts = sweep_stale_articles()
    # then the stale pending article is sent to extraction and the stale extracted one to detection
    assert counts == {"pending": 1, "extracted": 1}
    assert broker() == [(PROCESS, [[stale_pending.id]]), (DETECT, [stale_extracted.id])]
    # and the swept articles' clocks restart, their status unchanged; nothing else is touched
    for swept in (stale_pending, stale_extracted):
        fresh = Article.objects.get(id=swept.id)
        assert (fresh.status, fresh.updated_at >= before) == (swept.status, True)
    assert [(a.status, a.updated_at) for a in Article.objects.filter(id__in=[a.id for a in untouched])
            .order_by("id")] == [(a.status, a.updated_at) for a in untouched]


def test_a_swept_article_waits_a_full_interval_before_it_is_sent_again(broker, sweep_after):  # noqa: F811
    # given a stale pending article that a sweep has just sent
    stale = article(Article.Status.PENDING, age=sweep_after + 5)
    articles_sweep_stale()
    assert broker() == [(PROCESS, [[stale.id]])]
    # when the sweep runs again at once
    counts = articles_sweep_stale()
    # then nothing is sent twice
    assert counts == {"pending": 0, "extracted": 0}
    assert broker() == []
    # and once another interval has passed, it is sent again
    Article.objects.filter(id=stale.id).update(updated_at=timezone.now() - timedelta(seconds=sweep_after + 1))
    assert articles_sweep_stale() == {"pending": 1, "extracted": 0}
    assert broker() == [(PROCESS, [[stale.id]])]


def test_a_full_batch_sends_the_sweep_again_for_the_rest(broker, sweep_after):  # noqa: F811
    # given three stale pending articles, the oldest first
    oldest, middle, newest = (article(Article.Status.PENDING, age=sweep_after + age) for age in (30, 20, 10))
    # when a sweep of batch 2 runs
    counts = articles_sweep_stale(batch=2)
    # then the two oldest are sent, and the sweep itself to take the rest
    assert counts == {"pending": 2, "extracted": 0}
    assert broker() == [(PROCESS, [[oldest.id, middle.id]]), (SWEEP, [])]
    # when the sweep it sent runs with the same batch
    counts = articles_sweep_stale(batch=2)
    # then only the last one is left, and a batch that is not full does not send the sweep again
    assert counts == {"pending": 1, "extracted": 0}
    assert broker() == [(PROCESS, [[newest.id]])]


def test_the_sweep_reaches_done_when_its_tasks_run(django_capture_on_commit_callbacks, sweep_after):
    # given a stored article whose extraction was never sent (the broker was down at ingest)
    stale = ArticleFactory(title="Valmora: 31 dead", body="31 people were killed in the floods in Valmora.")
    Article.objects.filter(id=stale.id).update(updated_at=timezone.now() - timedelta(seconds=sweep_after + 1))
    # when the sweep runs, its tasks in-process as the test settings run them
    with django_capture_on_commit_callbacks(execute=True):
        counts = articles_sweep_stale()
    # then the article is extracted and compared
    stale.refresh_from_db()
    assert counts == {"pending": 1, "extracted": 0}
    assert (stale.status, stale.last_error, stale.claims.count()) == (Article.Status.DONE, "", 2)


def test_claims_is_the_reader_ingest_hands_articles_to():
    """Registered when the app is ready: the engine's languages and detection, and the pipeline."""
    # when
    registered = reader()
    # then
    assert registered.languages == available_languages()
    assert registered.detect_language("Zwölf Menschen sind bei den Überschwemmungen gestorben.") == "de"
    assert registered.articles_stored is enqueue_extraction
