"""URLs are validated as URLs at ingest: an address to fetch before any request goes out, a
source given as a URL, a source's domain, in every way in."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, Source
from articles.parsing import ArticleInput, IngestError, validate
from articles.services import article_ingest, article_ingest_url, source_create, source_get_or_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["http://[::1", "https://exa mple.org/news", "https:///news", "ftp://example.org/a",
                                 "https://example", "https://example.org/\x07", "example.org/news"])
def test_an_address_to_fetch_that_is_not_a_url_is_refused_before_any_request(url, monkeypatch):
    # given: any request would fail the test
    def no_request(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a request went out")

    monkeypatch.setattr("articles.fetch.fetch", no_request)
    # when / then
    with pytest.raises(IngestError) as refused:
        article_ingest_url(url=url)
    assert "url" in str(refused.value)
    assert Article.objects.count() == 0


@pytest.mark.parametrize("source", ["https://www.lemonde.fr/", "http://afp.com"])
def test_a_source_given_as_a_url_is_refused_saying_what_to_give(source):
    with pytest.raises(IngestError) as refused:
        validate(ArticleInput(title="T", body="B", source=source, path="feed.jsonl", line=3), max_body_bytes=1000)
    assert str(refused.value).startswith("feed.jsonl:3: source is a URL")
    assert refused.value.field == "source"


def test_a_source_that_only_looks_like_a_domain_is_a_name_without_a_domain():
    # given / when
    odd = source_get_or_create(name="Valmora..News")
    domain = source_get_or_create(name="www.Valmora-News.example")
    # then
    assert (odd.name, odd.domain) == ("Valmora..News", None)
    assert (domain.name, domain.domain) == ("valmora-news.example", "valmora-news.example")


def test_an_article_with_a_source_url_lands_nothing_and_says_why():
    with pytest.raises(IngestError):
        article_ingest(data=ArticleInput(title="T", body="Body", source="https://valmora.example/"))
    assert (Article.objects.count(), Source.objects.count()) == (0, 0)


@pytest.mark.parametrize("domain", ["https://valmora.example", "valmora..example", "valmora example", "-valmora.example"])
def test_a_source_domain_must_be_a_host_name(domain):
    with pytest.raises(ValidationError) as refused:
        source_create(name="Valmora News", domain=domain)
    assert list(refused.value.message_dict) == ["domain"]
    assert Source.objects.count() == 0
