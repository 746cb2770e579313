"""`manage.py ingest`: each bad line reported at its file and line, every other one stored."""

from __future__ import annotations

import io
import json
import os
import threading

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.articles.memory_broker import broker  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


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
        "italian": "language 'it' is not supported (supported: ar, de, en, es, fr, ru, uk)",
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
