"""An ingested article reaches `done` through a real celery worker process."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from articles.models import Article
from claims.models import Claim
from tests.integration.conftest import wait_for

pytestmark = pytest.mark.integration


def test_ingested_articles_reach_done_through_a_real_worker(workers, seeds_dir):
    # given a worker process on the real broker and database
    workers.start()
    # when the seed articles are ingested (extraction is enqueued on commit)
    call_command("ingest", str(seeds_dir))
    # then the worker processes both
    finished = [Article.Status.DONE, Article.Status.FAILED]
    wait_for(lambda: Article.objects.filter(status__in=finished).count() == 2, timeout=90,
             what="the worker to process both articles")
    assert list(Article.objects.order_by("id").values_list("status", "last_error")) == [("done", "")] * 2
    french = Article.objects.get(language="fr")
    deaths = Claim.objects.get(article=french, metric="deaths")
    assert deaths.value == Decimal("20000")
    assert french.text[deaths.start:deaths.end] == deaths.quote
    assert Claim.objects.filter(article__language="en", metric="duration").count() == 1
