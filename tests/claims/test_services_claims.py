"""Storing the engine's claims: spans, part-of links, idempotence, version changes, failures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from articles.models import Article
from articles.parsing import read_articles
from articles.services import article_ingest_many
from claims.extraction import EXTRACTOR_VERSION
from claims.models import Claim
from claims.services.claims import article_extract_claims
from claims.tasks import extract_claims
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_seed(seeds_dir) -> Article:
    report = article_ingest_many(
        items=read_articles([str(seeds_dir / "000_f6a4e54e645a0619.txt")], max_body_bytes=1_000_000)
    )
    return Article.objects.get(id=report.new[0])


def test_claims_are_stored_with_exact_spans_and_part_of_links(french_seed, django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = article_extract_claims(article_id=french_seed.id)
    # then: claims stored, and conflict detection sent once they are committed
    assert (article.status, article.last_error, article.extractor_version) == ("extracted", "", EXTRACTOR_VERSION)
    assert len(callbacks) == 1
    claims = list(article.claims.order_by("start"))
    text = article.text
    assert claims and all(text[claim.start:claim.end] == claim.quote for claim in claims)
    deaths = Claim.objects.get(article=article, metric="deaths")
    children = Claim.objects.get(article=article, metric="deaths_children")
    assert (deaths.value, children.lower, children.upper, children.qualifier) == (
        Decimal("20000"), Decimal("7000"), None, "more_than"
    )
    assert children.part_of_id == deaths.id
    assert all(claim.extractor_version == EXTRACTOR_VERSION and claim.rules for claim in claims)


def test_running_twice_leaves_the_same_rows(french_seed):
    article_extract_claims(article_id=french_seed.id)
    before = list(Claim.objects.order_by("id").values_list("id", "start", "end", "metric", "value"))
    # when
    extract_claims(french_seed.id)
    # then
    assert list(Claim.objects.order_by("id").values_list("id", "start", "end", "metric", "value")) == before


def test_a_new_extractor_version_replaces_earlier_claims(french_seed):
    # given claims stored by an earlier version of the engine
    stale = ClaimFactory(article=french_seed, start=0, end=2, metric="other", extractor_version="0-old")
    Article.objects.filter(id=french_seed.id).update(extractor_version="0-old", status="done")
    # when
    article_extract_claims(article_id=french_seed.id)
    # then
    assert not Claim.objects.filter(id=stale.id).exists()
    assert set(Claim.objects.filter(article=french_seed).values_list("extractor_version", flat=True)) == {EXTRACTOR_VERSION}


def test_the_same_version_keeps_claims_a_reviewer_may_have_touched(french_seed):
    article_extract_claims(article_id=french_seed.id)
    claim = Claim.objects.get(article=french_seed, metric="deaths")
    Claim.objects.filter(id=claim.id).update(review_status="verified")
    article_extract_claims(article_id=french_seed.id)
    assert Claim.objects.get(id=claim.id).review_status == "verified"


def test_unsupported_language_fails_clearly_without_retry():
    article = ArticleFactory(language="ar", title="عنوان", body="قتل 20 شخصا")
    result = extract_claims(article.id)
    article.refresh_from_db()
    assert result == "failed"
    assert article.status == "failed"
    assert article.last_error == "ExtractionUnsupported: language 'ar' has no extraction rules (supported: en, fr, es, de)"
    assert article.claims.count() == 0


def test_a_missing_article_is_a_quiet_no_op():
    assert extract_claims(987654) == "missing"


def test_ingest_runs_extraction_on_commit(seeds_dir, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article_ingest_many(items=read_articles([str(seeds_dir)], max_body_bytes=1_000_000))
    # extraction, then detection, each after the commit of the step before
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}
    english = Article.objects.get(language="en")
    duration = Claim.objects.get(article=english, metric="duration")
    assert (duration.value, duration.unit, duration.qualifier) == (Decimal("50"), "minutes", "approx")
