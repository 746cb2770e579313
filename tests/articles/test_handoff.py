"""Ingest asks the registered reader which languages it reads and which one a text is in, and hands
it the new articles after the commit; with no reader registered it says so."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from articles import handoff
from articles.models import Article
from articles.parsing import ArticleInput, IngestError
from articles.services import article_ingest, article_ingest_many


class FakeReader:
    """Reads Latin only, recognised by a word of it; keeps what it was handed."""

    def __init__(self) -> None:
        self.handed: list[list[int]] = []
        self.reader = handoff.Reader(languages=("la",), detect_language=self.detect,
                                     articles_stored=self.handed.append)

    @staticmethod
    def detect(text: str) -> str | None:
        return "la" if " est." in text else None


@pytest.fixture
def latin(monkeypatch) -> FakeReader:
    fake = FakeReader()
    monkeypatch.setattr(handoff, "_registered", fake.reader)
    return fake


def test_without_a_reader_ingest_says_that_no_app_reads_articles(monkeypatch):
    # given
    monkeypatch.setattr(handoff, "_registered", None)
    # when / then
    with pytest.raises(ImproperlyConfigured, match="No app reads articles.*articles.handoff.reader_register"):
        handoff.reader()


@pytest.mark.django_db
def test_new_articles_are_read_by_the_registered_reader_and_handed_to_it_after_the_commit(
    latin, django_capture_on_commit_callbacks,
):
    # given one article the reader can read, one it cannot, and a copy of the first
    items = [
        ArticleInput(title="Roma", body="Roma aeterna est.", path="f.jsonl", line=1),
        ArticleInput(title="Valmora", body="Twelve people died in Valmora.", path="f.jsonl", line=2),
        ArticleInput(title="Roma", body="Roma aeterna est.", path="f.jsonl", line=3),
    ]
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = article_ingest_many(items=items)
    # then both are stored with what the reader detected, and nothing is handed on before the commit
    latin_article, unread = Article.objects.get(title="Roma"), Article.objects.get(title="Valmora")
    assert sorted(report.new) == sorted([latin_article.id, unread.id]) and len(report.duplicates) == 1
    assert (latin_article.language, latin_article.status) == ("la", "pending")
    assert (unread.language, unread.status) == ("", "no_language")
    assert latin.handed == []
    # when the transaction commits, then only the article waiting to be read is handed on
    for callback in callbacks:
        callback()
    assert latin.handed == [[latin_article.id]]


@pytest.mark.django_db
def test_a_language_the_reader_does_not_read_is_refused_naming_the_ones_it_does(latin):
    # when
    with pytest.raises(IngestError) as refused:
        article_ingest(data=ArticleInput(title="Valmora", body="Twelve people died.", language="en"))
    # then
    assert (refused.value.field, refused.value.message) == ("language", "language 'en' is not supported (supported: la)")
    assert Article.objects.count() == 0 and latin.handed == []
