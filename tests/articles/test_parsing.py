"""Reading the seed format and JSON Lines, and the normal forms behind deduplication."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date

import pytest

from articles.parsing import (
    MAX_SOURCE_CHARS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
    ArticleInput,
    IngestError,
    canonical_url,
    content_hash,
    parse_date,
    parse_jsonl_line,
    parse_seed,
    read_articles,
    validate,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-12-10", (date(2023, 12, 10), "day")),
        ("2023-12", (date(2023, 12, 1), "month")),
        ("2023", (date(2023, 1, 1), "year")),
        ("2023-12-10T08:30:00Z", (date(2023, 12, 10), "day")),
    ],
)
def test_parse_date_keeps_precision(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2023-13", "2023-02-30", "10/12/2023", "December 2023", ""])
def test_parse_date_refuses_malformed(text):
    with pytest.raises(ValueError, match="malformed date"):
        parse_date(text)


def test_parse_seed_reads_header_title_and_body():
    # given
    data = " date 2023-12 Floods in Valmora\n\nTwelve people died.\n\nMore rain is due.\n".encode()
    # when
    article = parse_seed(data, "a.txt")
    # then
    assert article.title == "Floods in Valmora"
    assert article.body == "Twelve people died.\n\nMore rain is due."
    assert (article.published, article.published_precision) == (date(2023, 12, 1), "month")
    assert article.origin == "a.txt"


def test_parse_seed_accepts_crlf_and_bom():
    data = "\ufeff date 2024-01-05 Title\r\n\r\nBody line.\r\n".encode()
    article = parse_seed(data, "b.txt")
    assert (article.title, article.body, article.published) == ("Title", "Body line.", date(2024, 1, 5))


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"Floods in Valmora\n\nTwelve people died.", 1, "no header"),
        (b" date 2023-13-01 Title\n\nBody.", 1, "malformed date"),
        (b" date 2023-12-10 Title\n\n   \n", 2, "empty body"),
        (b" date 2023-12-10 Title\n", 2, "empty body"),
        (" date 2023-12-10 Title\n\nGood line.\nBad ".encode() + b"\xff\xfe byte.", 4, "not UTF-8"),
    ],
)
def test_parse_seed_errors_name_file_and_line(data, line, message):
    with pytest.raises(IngestError) as caught:
        parse_seed(data, "bad.txt")
    assert caught.value.path == "bad.txt"
    assert caught.value.line == line
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"bad.txt:{line}: ")


def test_parse_jsonl_line_reads_optional_fields():
    raw = (
        b'{"title": "Toll rises", "body": "Thirty-one dead.", "url": "https://news.example/a?utm_source=x",'
        b' "source": "news.example", "language": "EN", "published": "2024-03"}'
    )
    article = parse_jsonl_line(raw, "feed.jsonl", 7)
    assert article is not None
    assert (article.title, article.body, article.language) == ("Toll rises", "Thirty-one dead.", "en")
    assert (article.published, article.published_precision) == (date(2024, 3, 1), "month")
    assert article.origin == "feed.jsonl:7"
    assert parse_jsonl_line(b"   \n", "feed.jsonl", 8) is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"title": "T", "body": ', "JSON that does not parse"),
        (b'["title", "body"]', "expected a JSON object"),
        (b'{"title": "T"}', "missing or non-string field 'body'"),
        (b'{"title": "T", "body": "B", "published": "yesterday"}', "malformed date"),
        (b'{"title": "T", "body": "B", "url": 5}', "field 'url' must be a string"),
        (b'{"title": "T", "body": "\xc3\x28"}', "not UTF-8"),
    ],
)
def test_parse_jsonl_line_errors(raw, message):
    with pytest.raises(IngestError) as caught:
        parse_jsonl_line(raw, "feed.jsonl", 3)
    assert caught.value.location == "feed.jsonl:3"
    assert message in caught.value.message


def test_validate_refuses_body_over_limit_and_canonicalises_url():
    article = parse_jsonl_line(b'{"title": "T", "body": "' + b"x" * 101 + b'"}', "f.jsonl", 1)
    with pytest.raises(IngestError, match="body is 101 bytes, over the limit of 100 bytes"):
        validate(article, max_body_bytes=100)
    ok = parse_jsonl_line(b'{"title": "T", "body": "B", "url": "HTTP://News.Example:80/a/?b=2&a=1#top"}', "f.jsonl", 2)
    assert validate(ok, max_body_bytes=100).url == "https://news.example/a?a=1&b=2"


def test_content_hash_ignores_typography_case_and_spacing():
    base = content_hash("Toll rises", "L\u2019ONU a compt\u00e9 20\u00a0000 morts.")
    assert content_hash("toll  rises", "l'onu a compté 20 000 morts.") == base
    assert content_hash("Toll rises", "L'ONU a compté 21 000 morts.") != base


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/news/1/", "https://www.example.com/news/1"),
        ("http://example.com/a?utm_medium=x&id=3&fbclid=z", "https://example.com/a?id=3"),
        ("https://example.com:8443/a#frag", "https://example.com:8443/a"),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_refuses_non_http():
    with pytest.raises(ValueError, match="not an http"):
        canonical_url("ftp://example.com/file")


def test_read_articles_reports_each_bad_input_and_keeps_the_rest(tmp_path):
    # given a folder with good and bad files, and a JSON Lines file with a bad line
    (tmp_path / "good.txt").write_text(" date 2024-02-01 Title one\n\nNine people died.\n", encoding="utf-8")
    (tmp_path / "nohead.txt").write_text("Just text\n\nand more", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored: not an article file", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_bytes(b'{"title": "A", "body": "B"}\n{oops\n\n{"title": "C", "body": "D"}\n')
    # when
    results = list(read_articles([str(tmp_path), str(tmp_path / "missing.txt")], max_body_bytes=1000))
    # then
    good = [r for r in results if not isinstance(r, IngestError)]
    errors = [str(r) for r in results if isinstance(r, IngestError)]
    assert [a.title for a in good] == ["A", "C", "Title one"]
    assert errors == [
        f"{tmp_path / 'feed.jsonl'}:2: JSON that does not parse: Expecting property name enclosed in double quotes at column 2",
        f"{tmp_path / 'nohead.txt'}:1: no header: the first line must be ' date YYYY-MM[-DD] Title'",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
    ]


def test_read_articles_refuses_huge_file_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b" date 2024-02-01 Big\n\n" + b"a" * 200_000)
    [result] = list(read_articles([str(path)], max_body_bytes=100_000))
    assert isinstance(result, IngestError)
    assert "over the body limit of 100,000 bytes" in result.message


def test_a_lone_surrogate_is_reported_and_the_rest_of_the_file_lands(tmp_path):
    # given a JSON Lines file whose first record escapes half of a surrogate pair, in its body and
    # in its title, between two good records
    (tmp_path / "feed.jsonl").write_text(
        '{"title": "A", "body": "Nine \\ud800 died."}\n'
        '{"title": "B", "body": "Ten died."}\n'
        '{"title": "C \\udfff", "body": "Eleven died."}\n',
        encoding="utf-8",
    )
    # when
    results = list(read_articles([str(tmp_path)], max_body_bytes=1000))
    # then
    assert [r.title for r in results if not isinstance(r, IngestError)] == ["B"]
    assert [str(r) for r in results if isinstance(r, IngestError)] == [
        f"{tmp_path / 'feed.jsonl'}:1: body holds a lone surrogate (U+D800 at character 5), which is not valid Unicode",
        f"{tmp_path / 'feed.jsonl'}:3: title holds a lone surrogate (U+DFFF at character 2), which is not valid Unicode",
    ]


def _line(**fields) -> bytes:
    return json.dumps({"title": "Valmora floods", "body": "Twelve people died.", **fields}).encode()


def _error(article: ArticleInput) -> IngestError:
    with pytest.raises(IngestError) as caught:
        validate(article, max_body_bytes=1000)
    return caught.value


def test_json_nested_too_deeply_is_an_error_for_its_line():
    raw = b'{"title": "T", "body": "B", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(IngestError) as caught:
        parse_jsonl_line(raw, "feed.jsonl", 4)
    assert str(caught.value) == "feed.jsonl:4: JSON that does not parse: nested too deeply"


def test_json_number_too_long_to_read_is_an_error_for_its_line():
    raw = b'{"title": "T", "body": "B", "n": 1' + b"0" * 5000 + b"}"
    with pytest.raises(IngestError) as caught:
        parse_jsonl_line(raw, "feed.jsonl", 2)
    assert caught.value.location == "feed.jsonl:2"
    assert caught.value.message.startswith("JSON that does not parse: Exceeds the limit (4300 digits)")


@pytest.mark.parametrize("field", ["title", "body", "source", "url"])
def test_a_nul_character_is_an_error_naming_its_field(field):
    # given a NUL at character 3 of one field
    values = {"title": "Val\x00mora", "body": "Twe\x00lve died.", "source": "Neu\x00es Blatt",
              "url": "htt\x00ps://news.example/a"}
    article = ArticleInput(title="Valmora", body="Twelve died.", path="f.jsonl", line=5)
    article = replace(article, **{field: values[field]})
    # when
    error = _error(article)
    # then
    assert (error.location, error.field) == ("f.jsonl:5", field)
    assert error.message == f"{field} holds a NUL character (at character 3), which cannot be stored"


@pytest.mark.parametrize("field", ["source", "url"])
def test_a_control_character_in_a_source_or_url_is_an_error(field):
    values = {"source": "Neues\nBlatt", "url": "https://news.example/a\x01b"}
    error = _error(replace(ArticleInput(title="T", body="B"), **{field: values[field]}))
    assert error.field == field
    assert "control character" in error.message


def test_a_title_over_the_api_limit_is_an_error():
    error = _error(ArticleInput(title="x" * (MAX_TITLE_CHARS + 1), body="B"))
    assert (error.field, error.message) == ("title", "title is 2,001 characters; at most 2,000 are allowed")
    assert validate(ArticleInput(title="x" * MAX_TITLE_CHARS, body="B"), max_body_bytes=1000).title


def test_a_url_that_grows_past_the_limit_once_canonical_is_an_error():
    # given URLs within the limit as written: http becomes https (one character more), and a
    # query's non-ASCII characters are percent-encoded (six characters for one)
    plain = "http://news.example/" + "a" * (MAX_URL_CHARS - len("http://news.example/"))
    encoded = "https://news.example/a?q=" + "é" * 400
    # when
    errors = [_error(ArticleInput(title="T", body="B", url=url)) for url in (plain, encoded)]
    # then
    assert [len(plain), len(encoded)] == [2000, 425]
    assert [(e.field, e.message) for e in errors] == [
        ("url", "url is 2,001 characters in its canonical form; at most 2,000 are allowed"),
        ("url", "url is 2,425 characters in its canonical form; at most 2,000 are allowed"),
    ]
    assert validate(ArticleInput(title="T", body="B", url="https://" + plain[8:]), max_body_bytes=1000).url


def test_a_url_over_the_limit_as_written_is_an_error():
    url = "https://news.example/a?utm_source=" + "x" * MAX_URL_CHARS
    error = _error(ArticleInput(title="T", body="B", url=url))
    assert (error.field, error.message) == ("url", "url is 2,034 characters; at most 2,000 are allowed")


@pytest.mark.parametrize(
    "url",
    ["not a url", "news.example/a", "javascript:alert(1)", "ftp://news.example/a", "https://exa mple.com/a",
     "http://[::1/a", "https://news.example:99999/a", "https://news.example:port/a", "https:///a", "https://-/a"],
)
def test_a_url_that_is_not_an_http_url_is_an_error_naming_it(url):
    error = _error(ArticleInput(title="T", body="B", url=url, path="f.jsonl", line=2))
    assert (error.location, error.field) == ("f.jsonl:2", "url")
    assert error.message.startswith("url is not a valid http(s) URL: ")


def test_a_source_name_over_the_limit_is_an_error():
    error = _error(ArticleInput(title="T", body="B", source="S" * (MAX_SOURCE_CHARS + 1)))
    assert (error.field, error.message) == ("source", "source is 201 characters; at most 200 are allowed")


def test_a_url_host_too_long_for_a_source_name_is_an_error_unless_a_source_is_given():
    # given a host of 244 characters (four labels of 60), a valid DNS name
    host = ".".join(["h" * 60] * 3 + ["h" * 58]) + ".ex"
    article = ArticleInput(title="T", body="B", url=f"https://{host}/a")
    # when
    error = _error(article)
    # then
    assert len(host) == 244
    assert (error.field, error.message) == (
        "url", "url's host is 244 characters, too long to name its source (at most 200): give the source")
    assert validate(replace(article, source="Outlet"), max_body_bytes=1000).url == f"https://{host}/a"


def test_a_well_formed_language_without_extraction_rules_is_an_error():
    error = _error(ArticleInput(title="T", body="B", language="it"))
    assert (error.field, error.message) == ("language", "language 'it' is not supported (supported: ar, de, en, es, fr, ru, uk)")
    assert validate(ArticleInput(title="T", body="B", language="DE"), max_body_bytes=1000).language == "de"


def test_a_fifo_named_explicitly_is_not_a_regular_file(tmp_path):
    # given a named pipe beside a good file (reading it would wait for a writer forever)
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    (tmp_path / "good.jsonl").write_bytes(_line() + b"\n")
    # when
    results = list(read_articles([str(fifo), str(tmp_path / "good.jsonl")], max_body_bytes=1000))
    # then
    assert [str(r) for r in results if isinstance(r, IngestError)] == [f"{fifo}: not a regular file"]
    assert [r.title for r in results if isinstance(r, ArticleInput)] == ["Valmora floods"]
