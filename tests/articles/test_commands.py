"""`manage.py reprocess`: which articles it selects, what it resets, and what --force replaces;
`manage.py ingest`: each bad line reported at its file and line, every other one stored."""

from __future__ import annotations

import io
import json
import os
import threading

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from articles.parsing import ArticleInput
from articles.services import article_ingest
from claims.extraction import EXTRACTOR_VERSION
from claims.models import Claim, ClaimStatus
from claims.tasks import detect_conflicts, extract_claims
from tests.articles.factories import ArticleFactory
from tests.articles.memory_broker import broker  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

PROCESS = "claims.tasks.process_articles"


def processed(title: str, body: str, *, language: str = "en") -> Article:
    """An ingested article taken through extraction and detection by calling the tasks directly."""
    article, _ = article_ingest(data=ArticleInput(title=title, body=body, language=language, published=None))
    extract_claims(article.id)
    detect_conflicts(article.id)
    article.refresh_from_db()
    return article


@pytest.fixture
def reports(broker) -> list[Article]:  # noqa: F811
    made = [
        processed("Valmora: 12 dead", "Twelve people were killed in the floods in Valmora, officials said."),
        processed("Brenzau: 20 dead", "20 people have been killed in the floods in Brenzau."),
        processed("Corvella : 31 morts", "31 personnes ont été tuées dans les inondations à Corvella.", language="fr"),
    ]
    broker()  # what ingestion and extraction sent on the way is not what these tests look at
    return made


def state(article: Article) -> tuple:
    article.refresh_from_db()
    return article.status, article.last_error, article.extractor_version, article.updated_at


def claims_of(article: Article) -> list[tuple]:
    return list(Claim.objects.filter(article=article).order_by("start")
                .values_list("id", "start", "end", "review_status"))


def test_reports_are_processed_before_the_command_runs(reports):
    assert [(a.status, a.extractor_version) for a in reports] == [("done", EXTRACTOR_VERSION)] * 3
    assert [len(claims_of(a)) for a in reports] == [2, 2, 2]


def test_ids_reset_only_those_articles_and_send_them_after_commit(
    reports, broker, django_capture_on_commit_callbacks  # noqa: F811
):
    # given
    first, second, third = reports
    third_before = state(third)
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("reprocess", str(first.id), str(third.id))
    # then both are pending, and nothing is sent before the commit
    assert [state(a)[:3] for a in (first, third)] == [("pending", "", EXTRACTOR_VERSION)] * 2
    assert state(second)[:3] == ("done", "", EXTRACTOR_VERSION)
    assert broker() == []
    # when the transaction commits
    for callback in callbacks:
        callback()
    # then exactly the selected articles are sent to extraction, in one batch
    sent = broker()
    assert [name for name, _ in sent] == [PROCESS]
    assert sorted(sent[0][1][0]) == [first.id, third.id]
    assert state(second)[0] == "done" and third_before[0] == "done"


def test_status_selects_only_articles_in_that_status(reports, broker, django_capture_on_commit_callbacks):  # noqa: F811
    # given an article that failed (Italian, set in the admin: ingestion refuses a language
    # without extraction rules) among done ones
    failed = ArticleFactory(title="Valmora: 12 morti", body="Dodici persone sono morte a Valmora.", language="it")
    extract_claims(failed.id)
    assert state(failed)[:2] == ("failed", "ExtractionUnsupported: language 'it' has no extraction rules "
                                           "(supported: en, fr, es, de, ar, ru)")
    broker()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reprocess", "--status", "failed")
    # then only it is reset, its error cleared, and sent again
    assert state(failed)[:2] == ("pending", "")
    assert broker() == [(PROCESS, [[failed.id]])]
    assert [state(a)[0] for a in reports] == ["done"] * 3
    # and running the task again gives the same verdict, not a retry loop
    extract_claims(failed.id)
    assert state(failed)[:2] == ("failed", "ExtractionUnsupported: language 'it' has no extraction rules "
                                           "(supported: en, fr, es, de, ar, ru)")


def test_without_force_claims_of_the_current_version_are_kept_with_their_review(
    reports, broker, django_capture_on_commit_callbacks  # noqa: F811
):
    # given a claim a reviewer has verified (set directly: the review workflow is not under test)
    article = reports[0]
    Claim.objects.filter(id=claims_of(article)[0][0]).update(review_status=ClaimStatus.VERIFIED)
    before = claims_of(article)
    # when it is reprocessed and its tasks run
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reprocess", str(article.id))
    assert broker() == [(PROCESS, [[article.id]])]
    extract_claims(article.id)
    detect_conflicts(article.id)
    # then the same rows stand, review included
    assert claims_of(article) == before
    assert state(article)[:3] == ("done", "", EXTRACTOR_VERSION)


def test_force_replaces_the_claims_and_drops_review_work(reports, broker, django_capture_on_commit_callbacks):  # noqa: F811
    # given a verified claim
    article = reports[0]
    Claim.objects.filter(id=claims_of(article)[0][0]).update(review_status=ClaimStatus.VERIFIED)
    before = claims_of(article)
    # when it is reprocessed with --force
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reprocess", "--force", str(article.id))
    assert state(article)[:3] == ("pending", "", "")
    assert broker() == [(PROCESS, [[article.id]])]
    extract_claims(article.id)
    detect_conflicts(article.id)
    # then the same spans are stored again as new rows, unreviewed
    after = claims_of(article)
    assert [row[1:3] for row in after] == [row[1:3] for row in before]
    assert {row[0] for row in after}.isdisjoint({row[0] for row in before})
    assert [row[3] for row in after] == [ClaimStatus.UNREVIEWED] * len(before)
    assert state(article)[:3] == ("done", "", EXTRACTOR_VERSION)
    # and the other articles' claims are untouched
    assert [len(claims_of(a)) for a in reports[1:]] == [2, 2]


def test_no_selection_is_refused_and_changes_nothing(reports, broker):  # noqa: F811
    before = [state(a) for a in reports]
    with pytest.raises(CommandError, match="say which articles"):
        call_command("reprocess")
    assert [state(a) for a in reports] == before
    assert broker() == []


# --- manage.py ingest ---------------------------------------------------------------------------

def _jsonl(**fields) -> str:
    return json.dumps({"body": "Twelve people died in the floods in Valmora, officials said.", **fields})


def test_ingest_reports_each_bad_line_at_its_file_and_line_and_the_rest_of_its_chunk_lands(
    tmp_path, broker  # noqa: F811
):
    # given a JSON Lines file where each bad line sits between good ones, in chunks of four
    long_host = ".".join(["h" * 60] * 3 + ["h" * 58]) + ".ex"
    bad = {
        "nested": '{"title": "Nested", "body": "B", "x": ' + "[" * 50_000 + "]" * 50_000 + "}",
        "nul title": _jsonl(title="Brenzau\u0000 floods"),
        "nul body": _jsonl(title="NUL body", body="Twenty people\u0000 died."),
        "canonical url too long": _jsonl(title="Long URL", url="http://news.example/" + "a" * 1980),
        "encoded url too long": _jsonl(title="Encoded URL", url="https://news.example/a?q=" + "é" * 400),
        "long source": _jsonl(title="Long source", source="S" * 201),
        "long host": _jsonl(title="Long host", url=f"https://{long_host}/a"),
        "italian": _jsonl(title="Italian", body="Dodici persone sono morte a Valmora.", language="it"),
        "not a url": _jsonl(title="Not a URL", url="news.example/valmora"),
        "numeric title": '{"title": 2024, "body": "Twelve people died."}',
    }
    lines = []
    for number, line in enumerate(bad.values()):
        lines += [_jsonl(title=f"Good {number}", language="en"), line]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    # when
    with pytest.raises(CommandError) as caught:
        call_command("ingest", str(path), "--chunk-size", "4", stdout=stdout, stderr=stderr)
    # then every good line landed, and every bad one is reported at its line (the even lines)
    assert caught.value.returncode == 1
    assert sorted(Article.objects.values_list("title", flat=True)) == [f"Good {n}" for n in range(len(bad))]
    failures = stderr.getvalue().splitlines()
    assert [line.split(": ", 2)[1] for line in failures] == [f"{path}:{2 * n}" for n in range(1, len(bad) + 1)]
    assert stdout.getvalue() == f"new: {len(bad)}, duplicate: 0, failed: {len(bad)}\n"
    messages = dict(zip(bad, (line.split(": ", 2)[2] for line in failures), strict=True))
    assert messages == {
        "nested": "JSON that does not parse: nested too deeply",
        "nul title": "title holds a NUL character (at character 7), which cannot be stored",
        "nul body": "body holds a NUL character (at character 13), which cannot be stored",
        "canonical url too long": "url is 2,001 characters in its canonical form; at most 2,000 are allowed",
        "encoded url too long": "url is 2,425 characters in its canonical form; at most 2,000 are allowed",
        "long source": "source is 201 characters; at most 200 are allowed",
        "long host": "url's host is 244 characters, too long to name its source (at most 200): give the source",
        "italian": "language 'it' is not supported (supported: en, fr, es, de, ar, ru)",
        "not a url": "url is not a valid http(s) URL: 'news.example/valmora'",
        "numeric title": "missing or non-string field 'title'",
    }


def test_ingest_reports_a_fifo_named_explicitly_as_not_a_regular_file(tmp_path, broker):  # noqa: F811
    # given named pipes, one with an HTML file's suffix, beside a good file; a writer waits on the
    # HTML one, so reading it would not hang the test but would ingest the page
    feed, page = tmp_path / "pipe.jsonl", tmp_path / "pipe.html"
    os.mkfifo(feed)
    os.mkfifo(page)
    good = tmp_path / "good.jsonl"
    good.write_text(_jsonl(title="Good", language="en") + "\n", encoding="utf-8")

    def write_page() -> None:
        with page.open("w", encoding="utf-8") as handle:
            handle.write("<html lang=en><title>Piped</title><body><p>" + "Twelve people died. " * 20 + "</p></body>")

    writer = threading.Thread(target=write_page, daemon=True)
    writer.start()
    stderr = io.StringIO()
    # when
    try:
        with pytest.raises(CommandError):
            call_command("ingest", str(feed), str(good), str(page), stdout=io.StringIO(), stderr=stderr)
    finally:
        os.close(os.open(page, os.O_RDONLY | os.O_NONBLOCK))  # lets a writer still waiting go
        writer.join(timeout=5)
    # then
    assert stderr.getvalue().splitlines() == [
        f"failed: {feed}: not a regular file", f"failed: {page}: not a regular file",
    ]
    assert list(Article.objects.values_list("title", flat=True)) == ["Good"]
