"""Reading articles from files and JSON Lines, and the normal forms used to recognise duplicates.

Pure functions: no database. Every problem is an `IngestError` that names the file and line.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator, URLValidator

from articles.handoff import reader
from core.errors import ApplicationError

# Seed format: " date YYYY-MM[-DD] Title" (the leading space is optional), a blank line, the body.
_HEADER = re.compile(r"^\s*date\s+(?P<date>\S+)\s+(?P<title>\S.*?)\s*$")
_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")

ARTICLE_SUFFIXES = {".txt": "seed", ".jsonl": "jsonl", ".ndjson": "jsonl"}

# The limits every way in shares (files, the API, feeds, pages), checked by `validate` before the
# database sees a value: the sizes of the columns that hold them (articles.models declares its
# columns with these), and for a title, which has no column limit, one no headline comes near.
MAX_TITLE_CHARS = 2000
MAX_URL_CHARS = 2000
MAX_SOURCE_CHARS = 200
_URL_VALIDATOR = URLValidator(schemes=["http", "https"])
# A source given as a domain ("lemonde.fr") is stored as its Source's domain: a host name, as
# Django's DomainNameValidator reads one (labels of letters, digits and hyphens, a top-level label).
DOMAIN_VALIDATOR = DomainNameValidator(accept_idna=True)
# C0 and C1 control characters: never part of a name or a URL.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Query parameters that only track a click and never change what a URL points at.
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ocid|cmpid)$", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}

# Typographic variants that outlets swap when they re-run a story; folded before hashing.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
})
_SPACES = re.compile(r"\s+")


class IngestError(ApplicationError):
    """A problem with one input, located by file and line where it has them; `field` names the
    input field at fault, when one is."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.path = path
        self.line = line

    @property
    def location(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or "<input>"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class BodyTooLarge(IngestError):
    """A body over the size limit (TALLY_MAX_BODY_BYTES): the API's 413 rather than a field's 400."""

    status = 413
    code = "payload_too_large"


@dataclass(frozen=True, slots=True)
class ArticleInput:
    title: str
    body: str
    url: str | None = None
    source: str | None = None
    language: str | None = None
    published: date | None = None
    published_precision: str = ""
    origin: str = ""
    path: str | None = None
    line: int | None = None

    def error(self, message: str, *, field: str | None = None) -> IngestError:
        return IngestError(message, path=self.path, line=self.line, field=field)


def parse_date(value: str) -> tuple[date, str]:
    """'2023', '2023-12' or '2023-12-10' (or an ISO datetime) into (first day, precision).

    A month stays a month: it is stored as its first day with precision "month", never as a day.
    """
    text = value.strip()
    match = _DATE.match(text)
    if match is None:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"malformed date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD") from None
        return moment.date(), "day"
    year, month, day = match.group("year", "month", "day")
    try:
        if day:
            return date(int(year), int(month), int(day)), "day"
        if month:
            return date(int(year), int(month), 1), "month"
        return date(int(year), 1, 1), "year"
    except ValueError as error:
        raise ValueError(f"malformed date {value!r}: {error}") from None


def content_hash(title: str, body: str) -> str:
    """SHA-256 of the title and body in a normal form: the same article re-typed hashes the same.

    NFKC (so no-break spaces and full-width digits fold), typographic quotes and dashes folded,
    case folded, every run of white space one space.
    """
    def normal(text: str) -> str:
        folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
        return _SPACES.sub(" ", folded).strip()

    return hashlib.sha256(f"{normal(title)}\n{normal(body)}".encode()).hexdigest()


def canonical_url(url: str) -> str:
    """One spelling per page: https, lower-case host, no default port, fragment, tracking
    parameters or trailing slash, remaining parameters sorted."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname.lower()
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k))
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("https", netloc, path, urlencode(query), ""))


def url_host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _utf8_size(article: ArticleInput, field: str, text: str) -> int:
    """The text's size in UTF-8, or an IngestError when it holds what cannot be stored: a lone
    surrogate (a JSON escape such as "\ud800" without its pair), which is not text, or a NUL,
    which PostgreSQL refuses in any text."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise article.error(
            f"{field} holds a lone surrogate (U+{ord(text[error.start]):04X} at character {error.start}), "
            "which is not valid Unicode", field=field,
        ) from None
    if "\x00" in text:
        raise article.error(f"{field} holds a NUL character (at character {text.index(chr(0))}), "
                            "which cannot be stored", field=field)
    return size


def _check_length(article: ArticleInput, field: str, text: str, limit: int, form: str = "") -> None:
    if len(text) > limit:
        raise article.error(f"{field} is {len(text):,} characters{form}; at most {limit:,} are allowed", field=field)


def _check_no_control(article: ArticleInput, field: str, text: str) -> None:
    if (found := _CONTROL.search(text)) is not None:
        raise article.error(
            f"{field} holds a control character (U+{ord(found.group()):04X} at character {found.start()})", field=field
        )


def _shortened(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[:limit] + "\u2026"


def _valid_url(article: ArticleInput, url: str) -> str:
    """The url in canonical form, checked as the column will hold it: an http(s) URL (as Django's
    URLField validates one), at most MAX_URL_CHARS long once canonical, which can be longer than
    as written (https for http, a query's parameters percent-encoded)."""
    _check_no_control(article, "url", url)
    _check_length(article, "url", url, MAX_URL_CHARS)
    try:
        canonical = canonical_url(url)
    except ValueError:
        raise article.error(f"url is not a valid http(s) URL: {_shortened(url)!r}", field="url") from None
    _check_length(article, "url", canonical, MAX_URL_CHARS, " in its canonical form")
    try:
        _URL_VALIDATOR(canonical)
    except ValidationError:
        raise article.error(f"url is not a valid http(s) URL: {_shortened(url)!r}", field="url") from None
    return canonical


def checked_url(url: str) -> str:
    """`url` as given, once it passes the checks an article's url passes (an http(s) URL as
    Django's URLField reads one, no control character, not too long): what is fetched at ingest is
    a URL before any request is made. IngestError, naming the URL, otherwise."""
    _valid_url(ArticleInput(title="", body="", path=url), url)
    return url.strip()


def is_domain(name: str) -> bool:
    """Whether `name` is a host name ("lemonde.fr", "news.example.co.uk"), which a source given
    by its domain is."""
    try:
        DOMAIN_VALIDATOR(name)
    except ValidationError:
        return False
    return True


def _check_source(article: ArticleInput, source: str) -> None:
    """A source is an outlet's name or its domain: a URL in its place would become the name of an
    outlet called "https://...", so it is refused, saying what to give instead."""
    _check_no_control(article, "source", source)
    _check_length(article, "source", source, MAX_SOURCE_CHARS)
    if "://" in source:
        raise article.error(f"source is a URL ({_shortened(source)!r}): give the outlet's name or its domain "
                            "(example.org), and the article's address as url", field="source")


def validate(article: ArticleInput, *, max_body_bytes: int) -> ArticleInput:
    """The article with its url in canonical form and its source and language normalised, or an
    IngestError naming the field at fault.

    The one check of every way in (files, the API, feeds, pages), so that their limits are the
    same and nothing the database would refuse reaches it: text it cannot store, a value longer
    than its column, a URL that is not one, a language that the reader of articles (articles.handoff)
    does not read.
    """
    if not article.title.strip():
        raise article.error("empty title", field="title")
    if not article.body.strip():
        raise article.error("empty body", field="body")
    for field in ("title", "url", "source", "language"):
        if (value := getattr(article, field)) is not None:
            _utf8_size(article, field, value)
    size = _utf8_size(article, "body", article.body)
    if size > max_body_bytes:
        raise BodyTooLarge(f"body is {size:,} bytes, over the limit of {max_body_bytes:,} bytes",
                           path=article.path, line=article.line, field="body")
    _check_length(article, "title", article.title, MAX_TITLE_CHARS)
    language = (article.language or "").strip().lower() or None
    if language is not None:
        if not _LANGUAGE.match(language):
            raise article.error(f"language must be a two-letter ISO 639-1 code, not {article.language!r}",
                                field="language")
        languages = reader().languages
        if language not in languages:
            raise article.error(f"language {language!r} is not supported (supported: {', '.join(languages)})",
                                field="language")
    source = (article.source or "").strip() or None
    if source is not None:
        _check_source(article, source)
    url = _valid_url(article, article.url) if article.url is not None else None
    if url is not None and source is None and len(host := url_host(url)) > MAX_SOURCE_CHARS:
        # The host stands in for a missing source name (articles.services), in a column of this size.
        raise article.error(f"url's host is {len(host):,} characters, too long to name its source "
                            f"(at most {MAX_SOURCE_CHARS}): give the source", field="url")
    return replace(article, url=url, source=source, language=language)


def _decode(data: bytes, path: str, first_line: int = 1) -> str:
    try:
        return data.decode("utf-8-sig" if first_line == 1 else "utf-8")
    except UnicodeDecodeError as error:
        line = first_line + data[: error.start].count(b"\n")
        raise IngestError(
            f"bytes that are not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})",
            path=path, line=line,
        ) from None


def parse_seed(data: bytes, path: str) -> ArticleInput:
    """One article in the seed format."""
    text = _decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
    header, _, rest = text.partition("\n")
    match = _HEADER.match(header)
    if match is None:
        raise IngestError("no header: the first line must be ' date YYYY-MM[-DD] Title'", path=path, line=1)
    try:
        published, precision = parse_date(match.group("date"))
    except ValueError as error:
        raise IngestError(str(error), path=path, line=1) from None
    body = rest.strip("\n")
    if not body.strip():
        raise IngestError("empty body: the header must be followed by a blank line and the text", path=path, line=2)
    return ArticleInput(
        title=match.group("title"), body=body.rstrip(), published=published,
        published_precision=precision, origin=path, path=path, line=1,
    )


def _optional_str(record: dict, key: str, path: str, line: int) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IngestError(f"field {key!r} must be a string, not {type(value).__name__}", path=path, line=line)
    return value.strip()


def parse_jsonl_line(raw: bytes, path: str, line: int) -> ArticleInput | None:
    """One JSON Lines record (`title`, `body`; optional `url`, `source`, `language`, `published`),
    or None for a blank line."""
    text = _decode(raw, path, first_line=line)
    if line == 1:
        text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise IngestError(f"JSON that does not parse: {error.msg} at column {error.colno}", path=path, line=line) from None
    except RecursionError:
        raise IngestError("JSON that does not parse: nested too deeply", path=path, line=line) from None
    except ValueError as error:
        # An integer of more digits than Python converts (sys.get_int_max_str_digits).
        raise IngestError(f"JSON that does not parse: {error}", path=path, line=line) from None
    if not isinstance(record, dict):
        raise IngestError(f"expected a JSON object, got {type(record).__name__}", path=path, line=line)
    for key in ("title", "body"):
        if not isinstance(record.get(key), str):
            raise IngestError(f"missing or non-string field {key!r}", path=path, line=line)
    published, precision = None, ""
    published_text = _optional_str(record, "published", path, line)
    if published_text:
        try:
            published, precision = parse_date(published_text)
        except ValueError as error:
            raise IngestError(str(error), path=path, line=line) from None
    language = _optional_str(record, "language", path, line)
    return ArticleInput(
        title=record["title"].strip(), body=record["body"].strip(),
        url=_optional_str(record, "url", path, line), source=_optional_str(record, "source", path, line),
        language=language.lower() if language else None, published=published,
        published_precision=precision, origin=f"{path}:{line}", path=path, line=line,
    )


def file_error(name: str) -> IngestError | None:
    """None when `name` is a regular file (or a link to one), else the error saying what it is not."""
    path = Path(name)
    if path.is_file():
        return None
    if path.exists():
        # A folder, FIFO, socket or device: reading one may fail, wait forever, or never end.
        return IngestError("not a regular file", path=name)
    return IngestError("no such file or folder", path=name)


def expand_paths(paths: list[str]) -> Iterator[Path | IngestError]:
    """Files named, and the article files inside folders named (recursively, in name order)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in ARTICLE_SUFFIXES and not child.name.startswith("."):
                    yield child
        else:
            yield file_error(name) or path


def read_articles(paths: list[str], *, max_body_bytes: int) -> Iterator[ArticleInput | IngestError]:
    """Every article in the files and folders, each either valid or an error; never raises for bad input."""
    for item in expand_paths(paths):
        if isinstance(item, IngestError):
            yield item
            continue
        path = str(item)
        kind = ARTICLE_SUFFIXES.get(item.suffix.lower(), "seed")
        try:
            if kind == "jsonl":
                yield from _read_jsonl(item, path, max_body_bytes)
            else:
                # A file far beyond the body limit is refused before it is read into memory.
                if item.stat().st_size > max_body_bytes + 64 * 1024:
                    yield IngestError(
                        f"file is {item.stat().st_size:,} bytes, over the body limit of {max_body_bytes:,} bytes",
                        path=path,
                    )
                    continue
                yield validate(parse_seed(item.read_bytes(), path), max_body_bytes=max_body_bytes)
        except IngestError as error:
            yield error
        except OSError as error:
            yield IngestError(f"cannot read: {error.strerror or error}", path=path)


def _read_jsonl(item: Path, path: str, max_body_bytes: int) -> Iterator[ArticleInput | IngestError]:
    with item.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                article = parse_jsonl_line(raw, path, number)
                if article is not None:
                    yield validate(article, max_body_bytes=max_body_bytes)
            except IngestError as error:
                yield error
