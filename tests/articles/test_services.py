"""Batched ingestion: deduplication, language, date precision, bad input, enqueueing on commit."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import LANGUAGE_UNKNOWN_ERROR, Article, Source
from articles.parsing import IngestError, read_articles
from articles.services import article_ingest, article_ingest_many, source_get_or_create
from articles.parsing import ArticleInput

pytestmark = pytest.mark.django_db

LIMIT = 1_000_000


def ingest(paths):
    return article_ingest_many(items=read_articles([str(p) for p in paths], max_body_bytes=LIMIT))


def test_seed_articles_ingest_with_language_and_date_precision(seeds_dir):
    # when
    report = ingest([seeds_dir])
    # then
    assert (len(report.new), len(report.duplicates), len(report.failed)) == (2, 0, 0)
    french = Article.objects.get(origin__endswith="000_f6a4e54e645a0619.txt")
    english = Article.objects.get(origin__endswith="002_be4e621d5bde9bce.txt")
    assert (french.language, french.published, french.published_precision) == ("fr", date(2023, 12, 1), "month")
    assert french.published_display == "2023-12"
    assert (english.language, english.published, english.published_precision) == ("en", date(2023, 12, 10), "day")
    assert french.status == english.status == Article.Status.PENDING
    assert french.text.startswith(french.title + "\n\n")


def test_same_article_by_another_path_is_stored_once(seeds_dir, tmp_path):
    # given the French seed, re-typed with other spacing and apostrophes, as a JSON line
    text = (seeds_dir / "000_f6a4e54e645a0619.txt").read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    title = header.split(" ", 3)[3]
    retyped = {"title": title.upper(), "body": body.replace("\u2019", "'").replace(" ", "  "), "published": "2023-12"}
    (tmp_path / "copy.jsonl").write_text(json.dumps(retyped) + "\n", encoding="utf-8")
    first = ingest([seeds_dir])
    # when
    again = ingest([seeds_dir, tmp_path])
    # then
    assert len(first.new) == 2
    assert (len(again.new), len(again.duplicates)) == (0, 3)
    assert Article.objects.count() == 2


def test_same_url_is_a_duplicate_even_with_edited_text(tmp_path):
    lines = [
        {"title": "Toll at 31", "body": "Thirty-one dead in Valmora.", "url": "https://news.example/valmora?utm_source=rss"},
        {"title": "Toll at 31 (updated)", "body": "Thirty-one dead in Valmora, officials said.", "url": "https://NEWS.example/valmora/"},
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    report = ingest([tmp_path])
    assert (len(report.new), len(report.duplicates)) == (1, 1)
    article = Article.objects.get()
    assert article.url == "https://news.example/valmora"
    assert report.duplicates == [(f"{tmp_path / 'a.jsonl'}:2", article.id)]
    assert article.source == Source.objects.get(domain="news.example")


def test_every_bad_input_is_reported_and_the_rest_land(tmp_path):
    # given one good article per kind of file and each kind of bad input beside them
    (tmp_path / "01_good.txt").write_text(" date 2024-05-02 Valmora floods\n\nTwelve people died.\n", encoding="utf-8")
    (tmp_path / "02_no_header.txt").write_text("Valmora floods\n\nTwelve people died.\n", encoding="utf-8")
    (tmp_path / "03_bad_date.txt").write_text(" date 2024-5-2 Valmora\n\nTwelve people died.\n", encoding="utf-8")
    (tmp_path / "04_empty.txt").write_text(" date 2024-05-02 Valmora\n\n\n", encoding="utf-8")
    (tmp_path / "05_latin1.txt").write_bytes(" date 2024-05-02 Valmora\n\nDouze morts à Valmora.\n".encode("latin-1"))
    (tmp_path / "06_big.txt").write_text(" date 2024-05-02 Big\n\n" + "word " * 2_000, encoding="utf-8")
    (tmp_path / "07_feed.jsonl").write_text(
        '{"title": "Aid arrives", "body": "Forty trucks reached Valmora.", "language": "en"}\n'
        '{"title": "Broken", "body": \n'
        '{"title": "Sin cuerpo", "body": ""}\n'
        '{"title": "Otra", "body": "Doce muertos en Valmora.", "published": "2024-05-03"}\n',
        encoding="utf-8",
    )
    # when
    with mock.patch("django.conf.settings.TALLY_MAX_BODY_BYTES", 5_000):
        from django.conf import settings

        report = article_ingest_many(
            items=read_articles([str(tmp_path)], max_body_bytes=settings.TALLY_MAX_BODY_BYTES)
        )
    # then
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Aid arrives", "Otra", "Valmora floods"]
    assert len(report.new) == 3
    failures = {(error.path.rsplit("/", 1)[-1], error.line): error.message for error in report.failed}
    assert set(failures) == {
        ("02_no_header.txt", 1), ("03_bad_date.txt", 1), ("04_empty.txt", 2), ("05_latin1.txt", 3),
        ("06_big.txt", 1), ("07_feed.jsonl", 2), ("07_feed.jsonl", 3),
    }
    assert "no header" in failures[("02_no_header.txt", 1)]
    assert "malformed date" in failures[("03_bad_date.txt", 1)]
    assert "empty body" in failures[("04_empty.txt", 2)]
    assert "not UTF-8" in failures[("05_latin1.txt", 3)]
    assert "over the limit of 5,000 bytes" in failures[("06_big.txt", 1)]
    assert "JSON that does not parse" in failures[("07_feed.jsonl", 2)]
    assert "empty body" in failures[("07_feed.jsonl", 3)]
    assert Article.objects.get(title="Otra").language == "es"


def test_large_jsonl_batch_is_bulk_inserted_with_few_queries(tmp_path):
    # given 10,000 distinct JSON lines
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(10_000):
            handle.write(json.dumps({"title": f"Report {n}", "body": f"{n} people were displaced in Valmora.",
                                     "language": "en", "source": "wire.example"}) + "\n")
    # when
    with CaptureQueriesContext(connection) as queries:
        report = ingest([path])
    # then: per chunk of 500, a couple of lookups and one multi-row insert, never a query per line
    assert len(report.new) == 10_000
    assert Article.objects.count() == 10_000
    inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "articles_article"')]
    # SQLite caps the parameters of one statement at 999, so Django splits each chunk's insert
    # (into ten, with the article's columns since warning and processing_attempts).
    assert len(inserts) == (20 if connection.vendor == "postgresql" else 200)
    assert len(queries.captured_queries) - len(inserts) < 100


def test_extraction_is_enqueued_after_commit_for_new_articles_only(django_capture_on_commit_callbacks):
    # given
    data = ArticleInput(title="Valmora", body="Twelve people died in Valmora.", language="en")
    # when
    with mock.patch("claims.tasks.process_articles.delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            article, created = article_ingest(data=data)
        assert delay.call_count == 0  # nothing is sent before the commit
        for callback in callbacks:
            callback()
        again, created_again = article_ingest(data=data)
    # then
    assert created is True and created_again is False and again.id == article.id
    delay.assert_called_once_with([article.id])


def test_new_articles_are_sent_in_batches_of_the_pipeline_size(django_capture_on_commit_callbacks, settings):
    # given
    settings.TALLY_PIPELINE_BATCH = 20
    items = [ArticleInput(title=f"T{n}", body=f"{n} dead in Valmora.", language="en") for n in range(45)]
    # when
    with mock.patch("claims.tasks.process_articles.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            report = article_ingest_many(items=items)
    # then every new article is sent once, in order, in batches of 20, 20 and 5
    batches = [call.args[0] for call in delay.call_args_list]
    assert [len(batch) for batch in batches] == [20, 20, 5]
    assert [article_id for batch in batches for article_id in batch] == report.new


def test_broker_down_leaves_articles_pending_and_does_not_fail_ingest(django_capture_on_commit_callbacks, settings):
    from kombu.exceptions import OperationalError

    settings.TALLY_PIPELINE_BATCH = 1
    items = [ArticleInput(title=f"T{n}", body=f"{n} dead in Valmora.", language="en") for n in range(3)]
    with mock.patch("claims.tasks.process_articles.delay", side_effect=OperationalError("connection refused")) as delay:
        with django_capture_on_commit_callbacks(execute=True):
            report = article_ingest_many(items=items)
    assert len(report.new) == 3
    assert delay.call_count == 1  # the first refusal leaves the rest to the sweep, no timeout per article
    assert set(Article.objects.values_list("status", flat=True)) == {"pending"}


def test_article_ingest_raises_for_invalid_input():
    with pytest.raises(IngestError, match="empty body"):
        article_ingest(data=ArticleInput(title="T", body="  "))
    assert Article.objects.count() == 0


def test_source_get_or_create_matches_domain_names():
    first = source_get_or_create(name="www.Wire.example")
    assert (first.name, first.domain) == ("wire.example", "wire.example")
    assert source_get_or_create(name="wire.example") == first
    named = source_get_or_create(name="Valmora Courier")
    assert named.domain is None and source_get_or_create(name="Valmora Courier") == named


def test_a_row_the_database_refuses_is_reported_and_the_rest_of_its_chunk_lands():
    # given a chunk whose second item slipped past validation with a month that is not a first
    # day, which a constraint refuses, and whose last item is a copy of it
    refused = ArticleInput(title="Brenzau", body="Twenty people died in Brenzau.", language="en",
                           published=date(2024, 5, 7), published_precision="month",
                           origin="feed.jsonl:2", path="feed.jsonl", line=2)
    items = [
        ArticleInput(title="Valmora", body="Twelve people died in Valmora.", language="en",
                     origin="feed.jsonl:1", path="feed.jsonl", line=1),
        refused,
        ArticleInput(title="Corvella", body="Thirty people died in Corvella.", language="en",
                     origin="feed.jsonl:3", path="feed.jsonl", line=3),
        replace(refused, origin="feed.jsonl:4", line=4),
    ]
    # when
    with mock.patch("claims.tasks.process_articles.delay"):
        report = article_ingest_many(items=items)
    # then
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Corvella", "Valmora"]
    assert sorted(report.new) == sorted(Article.objects.values_list("id", flat=True))
    assert report.duplicates == []
    assert [(error.location, error.message.split(":")[0]) for error in report.failed] == [
        ("feed.jsonl:2", "refused by the database"),
        ("feed.jsonl:4", "not stored"),
    ]
    assert report.failed[1].message == "not stored: a copy of an article of the same batch, which failed"


def test_on_postgresql_a_nul_that_slipped_past_validation_loses_only_its_own_article():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite stores a NUL; PostgreSQL refuses it")
    # given
    items = [
        ArticleInput(title="Valmora", body="Twelve people died in Valmora.", language="en", path="f.jsonl", line=1),
        ArticleInput(title="Brenzau", body="Twenty people\x00 died.", language="en", path="f.jsonl", line=2),
        ArticleInput(title="Corvella", body="Thirty people died in Corvella.", language="en", path="f.jsonl", line=3),
    ]
    # when
    with mock.patch("claims.tasks.process_articles.delay"):
        report = article_ingest_many(items=items)
    # then
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Corvella", "Valmora"]
    assert [(error.location, "NUL" in error.message) for error in report.failed] == [("f.jsonl:2", True)]


def test_a_source_the_database_refuses_fails_only_its_articles():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not enforce a column's length")
    # given a source name too long for its column, which slipped past validation
    items = [
        ArticleInput(title="Valmora", body="Twelve people died in Valmora.", language="en", source="Courier",
                     path="f.jsonl", line=1),
        ArticleInput(title="Brenzau", body="Twenty people died in Brenzau.", language="en", source="S" * 300,
                     path="f.jsonl", line=2),
    ]
    # when
    with mock.patch("claims.tasks.process_articles.delay"):
        report = article_ingest_many(items=items)
    # then
    assert list(Article.objects.values_list("title", "source__name")) == [("Valmora", "Courier")]
    assert [error.location for error in report.failed] == ["f.jsonl:2"]
    assert report.failed[0].message == "refused by the database: value too long for type character varying(200)"


def test_an_article_whose_language_cannot_be_detected_is_stored_as_such_and_not_sent(
    django_capture_on_commit_callbacks,
):
    # given an article with no words to read a language from, beside an English one
    items = [
        ArticleInput(title="2024-05-02", body="12 + 30 = 42; 7 / 9 - 1.", path="f.jsonl", line=1),
        ArticleInput(title="Valmora", body="Twelve people died in Valmora.", path="f.jsonl", line=2),
    ]
    # when
    with mock.patch("claims.tasks.process_articles.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            report = article_ingest_many(items=items)
    # then both are stored, and only the readable one is sent to extraction
    unknown = Article.objects.get(title="2024-05-02")
    english = Article.objects.get(title="Valmora")
    assert report.failed == [] and sorted(report.new) == sorted([unknown.id, english.id])
    assert (unknown.language, unknown.status, unknown.last_error) == ("", "no_language", LANGUAGE_UNKNOWN_ERROR)
    assert (english.language, english.status) == ("en", "pending")
    delay.assert_called_once_with([english.id])
