"""Nothing accepted is lost and nothing is stored twice, with real workers, beat, PostgreSQL and Redis.

- A worker killed with SIGKILL while it holds a task: its unacknowledged message is delivered again
  after the broker's visibility timeout, and every article still ends `done` with exactly the
  claims the engine finds in its text and exactly the conflicts an in-process run finds.
- The broker down during ingestion: articles are accepted and stay `pending`; once Redis is back,
  the periodic sweep (a real `celery beat`) sends them again and they reach `done`.
- Two workers detecting two mutually conflicting articles at the same moment store the conflict once.
- Two workers processing batches that hold the same articles store every claim and conflict once.
"""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article
from articles.parsing import ArticleInput
from articles.services import article_ingest
from claims.extraction import extract
from claims.models import Claim, Conflict, Figure
from claims.services.claims import article_extract_claims
from claims.services.conflicts import article_detect_conflicts
from claims.tasks import detect_conflicts as detect_conflicts_task
from claims.tasks import process_articles as process_articles_task
from config.celery import app as celery_app
from tests.integration.conftest import use_broker, wait_for
from tests.integration.texts import SERIES, TEMPLATES, TOWNS, flood_reports, write_jsonl

pytestmark = pytest.mark.integration

# Short enough that a dead worker's message comes back within the test, and still far longer than
# any task here takes (a task running longer than this would be delivered twice).
VISIBILITY_TIMEOUT = 5
# Each town's series has one pair of same-day reports with different tolls. The title and the body
# of each state the toll, but a figure an article repeats is one statement: one conflict a town.
CONFLICTS_PER_TOWN = 1


def _set_visibility_timeout(seconds: int, url: str) -> None:
    celery_app.conf.broker_transport_options = {**celery_app.conf.broker_transport_options,
                                                "visibility_timeout": seconds}
    use_broker(url)


def _done() -> int:
    return Article.objects.filter(status=Article.Status.DONE).count()


def _expected_spans(article: Article) -> list[tuple[int, int]]:
    found = extract(article.text, language=article.language, published=article.published,
                    published_precision=article.published_precision,
                    approx_tolerance=Decimal(settings.TALLY_APPROX_TOLERANCE))
    return sorted((item.start, item.end) for item in found)


def _stored_spans(article: Article) -> list[tuple[int, int]]:
    return sorted(Claim.objects.filter(article=article).values_list("start", "end"))


def _conflict_keys() -> set[tuple]:
    """Conflicts by what they are about (article and span of each side), not by row ids."""
    return set(Conflict.objects.values_list(
        "kind", "claim_a__article_id", "claim_a__start", "claim_b__article_id", "claim_b__start"
    ))


def test_a_worker_killed_mid_task_loses_nothing_and_duplicates_nothing(workers, tmp_path, settings):
    # given two workers whose broker gives an unacknowledged message back after 5 seconds, and
    # batches of 5 articles a task, so that the run is many tasks long
    settings.TALLY_PIPELINE_BATCH = 5
    environment = {"TALLY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    _set_visibility_timeout(VISIBILITY_TIMEOUT, workers.broker_url)
    workers.start("w1", env=environment)
    workers.start("w2", env=environment)
    towns = 50
    path = write_jsonl(tmp_path / "reports.jsonl", flood_reports(towns))
    # when 200 articles are ingested and w1 is killed while it holds a task, then w3 starts
    call_command("ingest", str(path))
    assert Article.objects.count() == towns * len(SERIES) == 200
    wait_for(lambda: _done() >= 20, timeout=60, what="the workers to get going", interval=0.02)
    held = workers.kill_mid_task("w1")
    done_at_kill = _done()
    workers.start("w3", env=environment)
    wait_for(lambda: _done() == 200, timeout=90, what="all 200 articles to be done")
    # then the kill landed mid-run, and the message w1 held was delivered again to another worker
    # (once its visibility timeout ran out: when w1 was killed after committing its batch but
    # before acknowledging it, the other articles can all be done before that)
    assert 20 <= done_at_kill < 200
    assert len(held) == 1
    wait_for(lambda: held <= set(workers.received("w2")) | set(workers.received("w3")),
             timeout=VISIBILITY_TIMEOUT + 30, what="the held message to be delivered again")
    assert held <= set(workers.received("w2")) | set(workers.received("w3"))
    assert set(Article.objects.values_list("status", "last_error")) == {("done", "")}
    # and every article has exactly the claims the engine finds in its text, each once
    for article in Article.objects.all():
        assert _stored_spans(article) == _expected_spans(article), article.title
    assert Claim.objects.count() == 200 * 3
    # and exactly the conflicts a sequential in-process detection finds, each once
    found_by_workers = _conflict_keys()
    assert Conflict.objects.count() == len(found_by_workers) == towns * CONFLICTS_PER_TOWN
    assert Figure.objects.count() == towns * 2  # deaths and missing, per town
    Conflict.objects.all().delete()
    Figure.objects.all().delete()
    for article_id in Article.objects.order_by("id").values_list("id", flat=True):
        article_detect_conflicts(article_id=article_id)
    assert _conflict_keys() == found_by_workers


def test_articles_ingested_while_the_broker_is_down_are_swept_to_done(own_redis, workers, tmp_path):
    # given workers and beat on a private Redis, sweeping every second for articles pending 2 s
    workers.broker_url = own_redis.url
    use_broker(own_redis.url)
    environment = {"TALLY_SWEEP_INTERVAL_SECONDS": "1", "TALLY_SWEEP_AFTER_SECONDS": "2"}
    workers.start("w1", env=environment)
    workers.start("w2", env=environment)
    workers.start_beat(env=environment)
    # when Redis stops and 20 articles are ingested
    own_redis.stop()
    path = write_jsonl(tmp_path / "reports.jsonl", flood_reports(5))
    started = time.monotonic()
    call_command("ingest", str(path))
    ingest_seconds = time.monotonic() - started
    # then they are accepted and stored, without waiting out a timeout per article
    assert set(Article.objects.values_list("status", flat=True)) == {"pending"}
    assert Article.objects.count() == 20
    assert ingest_seconds < 5, f"ingestion with the broker down took {ingest_seconds:.1f}s"
    # when Redis comes back
    own_redis.start()
    # then beat's sweep sends them again and the workers bring all 20 to done
    wait_for(lambda: _done() == 20, timeout=90, what="the sweep to bring all 20 articles to done")
    assert "claims.tasks.sweep_stale_articles" in workers.log_text("w1") + workers.log_text("w2")
    for article in Article.objects.all():
        assert _stored_spans(article) == _expected_spans(article), article.title
    assert Conflict.objects.count() == 5 * CONFLICTS_PER_TOWN


def test_two_workers_detecting_mutually_conflicting_articles_store_each_conflict_once(workers):
    # given pairs of reports on the same town and day with different tolls, their claims stored
    # in-process and their detection not yet run
    rounds = 15
    pairs = []
    for town in TOWNS[:rounds]:
        ids = []
        for language, deaths in (("en", 20), ("de", 26)):
            title, body = TEMPLATES[language]
            article, _ = article_ingest(data=ArticleInput(
                title=title.format(town=town, n=deaths), body=body.format(town=town, n=deaths, m=45),
                language=language, published=date(2024, 3, 6), published_precision="day",
                source=f"{town.lower()}-{language}.example"))
            article_extract_claims(article_id=article.id)
            ids.append(article.id)
        pairs.append(ids)
    # The tasks that ingestion and extraction sent on commit are dropped: the test sends detection
    # itself, when both workers are idle.
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)
    assert set(Article.objects.values_list("status", flat=True)) == {"extracted"}
    workers.start("w1")
    workers.start("w2")
    # when each pair's two detections are sent at once to the two idle workers
    sent = []
    for first, second in pairs:
        tasks = (detect_conflicts_task.delay(first).id, detect_conflicts_task.delay(second).id)
        sent.append(tasks)
        wait_for(lambda ids=(first, second): Article.objects.filter(id__in=ids, status="done").count() == 2,
                 timeout=30, what=f"detection of articles {first} and {second}", interval=0.01)
        # Let both workers finish acknowledging and block on the queue again, so that the next
        # two messages go one to each.
        time.sleep(0.2)
    # then each pair was detected by both workers, one article each
    by_w1, by_w2 = set(workers.received("w1")), set(workers.received("w2"))
    assert [len(set(tasks) & by_w1) for tasks in sent] == [1] * rounds
    assert [len(set(tasks) & by_w2) for tasks in sent] == [1] * rounds
    # and each pair's conflicts are stored once, with no task failing on the other's insert
    assert "raised unexpected" not in workers.log_text("w1") + workers.log_text("w2")
    assert Conflict.objects.count() == rounds * CONFLICTS_PER_TOWN
    for first, second in pairs:
        assert Conflict.objects.filter(claim_a__article_id=first, claim_b__article_id=second).count() == (
            CONFLICTS_PER_TOWN
        )
    assert Figure.objects.count() == rounds * 2


def test_two_workers_processing_overlapping_batches_store_everything_once(workers, tmp_path):
    # given 80 stored articles whose processing was never sent (the test sends it)
    towns = 20
    path = write_jsonl(tmp_path / "reports.jsonl", flood_reports(towns))
    with mock.patch("articles.services.hand_on"):
        call_command("ingest", str(path))
    ids = sorted(Article.objects.values_list("id", flat=True))
    assert len(ids) == towns * len(SERIES) == 80
    workers.start("w1")
    workers.start("w2")
    # when two batches holding every article, in opposite orders, run on the two workers at once
    # (a redelivered batch while its first delivery still runs, or the sweep catching up with one)
    first, second = process_articles_task.delay(ids), process_articles_task.delay(ids[::-1])
    wait_for(lambda: _done() == 80, timeout=90, what="all 80 articles to be done")
    wait_for(lambda: set(workers.received("w1")) | set(workers.received("w2")) == {first.id, second.id}
             and not workers.in_flight("w1") and not workers.in_flight("w2"),
             timeout=30, what="both batches to finish")
    # then both workers ran one each, neither failed (no deadlock, no duplicate key), and every row
    # is stored once
    assert {len(workers.received("w1")), len(workers.received("w2"))} == {1}
    assert "raised unexpected" not in workers.log_text("w1") + workers.log_text("w2")
    for article in Article.objects.all():
        assert _stored_spans(article) == _expected_spans(article), article.title
    assert Conflict.objects.count() == towns * CONFLICTS_PER_TOWN
    assert Figure.objects.count() == towns * 2
