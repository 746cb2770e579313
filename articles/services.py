"""Writes for articles: sources and ingestion.

Ingestion is batched: a chunk of articles is deduplicated against itself and the database with two
queries, language-detected in one call, and inserted with one `bulk_create` in one transaction.
After the commit the new articles are handed on to the app that reads them (articles.handoff).
A row the database refuses costs only itself: the chunk is then inserted again one row at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from django.conf import settings
from django.db import DataError, IntegrityError, transaction

from articles.handoff import reader
from articles.models import LANGUAGE_UNKNOWN_ERROR, Article, Source
from articles.parsing import ArticleInput, IngestError, checked_url, content_hash, is_domain, url_host, validate
from articles.syndication import articles_link_copies
from articles.wires import wire_agencies_in

logger = logging.getLogger(__name__)


@dataclass
class IngestReport:
    new: list[int] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)

    def merge(self, other: IngestReport) -> None:
        self.new += other.new
        self.duplicates += other.duplicates
        self.failed += other.failed


def source_get_or_create(*, name: str) -> Source:
    """The source called `name`; a name that looks like a domain ("lemonde.fr") is matched on domain."""
    name = name.strip()
    # Only a valid host name becomes a Source's domain; "Yahoo!News.com" or "lemonde..fr" is a name.
    looks_like_domain = "." in name and " " not in name and is_domain(name.lower().removeprefix("www."))
    if looks_like_domain:
        domain = name.lower().removeprefix("www.")
        source = Source.objects.filter(domain=domain).first()
        if source is not None:
            return source
        source, _ = Source.objects.get_or_create(name=domain, defaults={"domain": domain})
        return source
    source, _ = Source.objects.get_or_create(name=name)
    return source


def _resolve_sources(items: list[ArticleInput]) -> dict[str, Source]:
    """One Source per distinct name, with the url's host standing in for a missing name."""
    names = {_source_name(item) for item in items} - {None}
    return {name: source_get_or_create(name=name) for name in sorted(names)}  # type: ignore[arg-type]


def _reason(error: Exception) -> str:
    """The first line of a database error: PostgreSQL's DETAIL line repeats the whole row."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _source_name(item: ArticleInput) -> str | None:
    if item.source:
        return item.source
    if item.url:
        return url_host(item.url) or None
    return None


def _detect_languages(items: list[ArticleInput]) -> list[ArticleInput]:
    detect_language = reader().detect_language
    return [
        item if item.language else replace(item, language=detect_language(f"{item.title}\n\n{item.body}"))
        for item in items
    ]


def hand_on(article_ids: list[int]) -> None:
    """Give new articles to the app that reads them (articles.handoff). Call after commit."""
    if article_ids:
        reader().articles_stored(article_ids)


def _article_row(item: ArticleInput, digest: str, source: Source | None) -> Article:
    """A new row; an article whose language is neither given nor detected waits, marked, for
    someone to set it rather than being extracted with nothing to read it by."""
    return Article(
        source=source, url=item.url, title=item.title, body=item.body, language=item.language or "",
        published=item.published, published_precision=item.published_precision,
        content_hash=digest, origin=item.origin[:500], wire_agencies=wire_agencies_in(f"{item.title}\n\n{item.body}"),
        status=Article.Status.PENDING if item.language else Article.Status.NO_LANGUAGE,
        last_error="" if item.language else LANGUAGE_UNKNOWN_ERROR,
    )


def _to_extract(articles: list[Article]) -> list[int]:
    return [article.id for article in articles if article.status == Article.Status.PENDING]


def _insert_one_by_one(unique: list[tuple[ArticleInput, str]], report: IngestReport) -> list[Article]:
    """Each article with its source in a savepoint of its own: new, a duplicate stored meanwhile by
    another ingest, or refused by the database (reported with its file and line); never the
    others' loss."""
    created = []
    for item, digest in unique:
        name = _source_name(item)
        row = _article_row(item, digest, None)
        try:
            with transaction.atomic():
                row.source = source_get_or_create(name=name) if name else None
                row.save(force_insert=True)
                articles_link_copies(articles=[row])
                if ids := _to_extract([row]):
                    transaction.on_commit(lambda ids=ids: hand_on(ids))
            created.append(row)
        except (DataError, IntegrityError) as error:
            row.pk = None
            existing_id = None
            if isinstance(error, IntegrityError):
                existing_id = Article.objects.filter(content_hash=row.content_hash).values_list("id", flat=True).first()
                if existing_id is None and row.url:
                    existing_id = Article.objects.filter(url=row.url).values_list("id", flat=True).first()
            if existing_id is not None:
                report.duplicates.append((row.origin, existing_id))
            else:
                logger.warning("article %s refused by the database: %s", item.origin or "<input>", error)
                report.failed.append(item.error(f"refused by the database: {_reason(error)}"))
    return created


def _ingest_chunk(items: list[ArticleInput]) -> IngestReport:
    report = IngestReport()
    hashes = [content_hash(item.title, item.body) for item in items]
    urls = [item.url for item in items if item.url]
    existing_by_hash = dict(Article.objects.filter(content_hash__in=hashes).values_list("content_hash", "id"))
    existing_by_url = dict(Article.objects.filter(url__in=urls).values_list("url", "id")) if urls else {}

    unique: list[tuple[ArticleInput, str]] = []
    copies: list[tuple[ArticleInput, str]] = []
    batch_hashes: set[str] = set()
    batch_urls: set[str] = set()
    for item, digest in zip(items, hashes, strict=True):
        existing = existing_by_hash.get(digest) or (existing_by_url.get(item.url) if item.url else None)
        if existing is not None:
            report.duplicates.append((item.origin, existing))
        elif digest in batch_hashes or (item.url and item.url in batch_urls):
            # A copy of an article earlier in this chunk: reported once that one has an id.
            copies.append((item, digest))
        else:
            batch_hashes.add(digest)
            if item.url:
                batch_urls.add(item.url)
            unique.append((item, digest))

    detected = [(item, digest) for item, (_, digest) in
                zip(_detect_languages([item for item, _ in unique]), unique, strict=True)]
    try:
        with transaction.atomic():
            sources = _resolve_sources([item for item, _ in detected])
            rows = [_article_row(item, digest, sources.get(_source_name(item) or "")) for item, digest in detected]
            created = Article.objects.bulk_create(rows)
            articles_link_copies(articles=created)
            ids = _to_extract(created)
            transaction.on_commit(lambda: hand_on(ids))
    except (DataError, IntegrityError):
        # Another ingest stored some of these between the lookup and the insert, or a value the
        # database refuses slipped past validation: one article at a time, each on its own.
        created = _insert_one_by_one(detected, report)
    report.new += [article.id for article in created]

    stored = {article.content_hash: article.id for article in created}
    stored_url = {article.url: article.id for article in created if article.url}
    for item, digest in copies:
        existing = stored.get(digest) or (stored_url.get(item.url) if item.url else None)
        if existing is None:
            existing = Article.objects.filter(content_hash=digest).values_list("id", flat=True).first()
        if existing is None and item.url:
            existing = Article.objects.filter(url=item.url).values_list("id", flat=True).first()
        if existing is None:
            report.failed.append(item.error("not stored: a copy of an article of the same batch, which failed"))
        else:
            report.duplicates.append((item.origin, existing))
    return report


def article_ingest_many(
    *, items: Iterable[ArticleInput | IngestError], chunk_size: int | None = None, progress=None
) -> IngestReport:
    """Store every valid article once; errors in the stream are collected, never raised.

    `progress`, if given, is called with the number of inputs handled after each chunk.
    """
    size = chunk_size or settings.TALLY_INGEST_CHUNK_SIZE
    report = IngestReport()
    stream: Iterator[ArticleInput | IngestError] = iter(items)
    while chunk := list(islice(stream, size)):
        valid = [item for item in chunk if isinstance(item, ArticleInput)]
        report.failed += [item for item in chunk if isinstance(item, IngestError)]
        if valid:
            report.merge(_ingest_chunk(valid))
        if progress is not None:
            progress(len(chunk))
    return report


def article_ingest(*, data: ArticleInput) -> tuple[Article, bool]:
    """One article: (the stored article, True) when new, (the existing one, False) when a duplicate.

    Raises IngestError for invalid input, and for a row the database refuses all the same.
    """
    item = validate(data, max_body_bytes=settings.TALLY_MAX_BODY_BYTES)
    report = _ingest_chunk([item])
    if report.failed:
        raise report.failed[0]
    if report.new:
        return Article.objects.get(id=report.new[0]), True
    return Article.objects.get(id=report.duplicates[0][1]), False


def article_ingest_url(
    *, url: str, source: str | None = None, language: str | None = None, origin: str = ""
) -> tuple[Article, bool]:
    """Fetch a page and store its article: (the article, True) when new, (the existing one, False)
    when a duplicate (same canonical URL or same text).

    `source` names the outlet (a name or a domain; the page's host when None); `language`
    overrides the page's own. Raises IngestError for a page that cannot be fetched (its message
    says why: timeout, too large, redirect loop, HTTP status) or holds no article text.
    """
    from articles.fetch import FetchError, fetch
    from articles.pages import parse_html

    url = checked_url(url)  # a URL before any request goes out
    try:
        page = fetch(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
    except FetchError as error:
        raise IngestError(str(error), path=url) from None
    item = parse_html(page.content, url=page.url, source=source, origin=origin or page.url, path=url,
                      content_type=page.content_type)
    if language:
        item = replace(item, language=language)
    return article_ingest(data=item)


def source_create(*, name: str, domain: str | None = None, country: str = "", kind: str = Source.Kind.OTHER) -> Source:
    """A new source; ValidationError names a duplicate name or domain or a bad kind."""
    source = Source(name=name.strip(), domain=(domain or "").strip().lower().removeprefix("www.") or None,
                    country=country.strip().upper(), kind=kind)
    source.full_clean()
    source.save()
    return source


def source_update(*, source: Source, changes: dict) -> Source:  # type: ignore[type-arg]
    """Change a source's name, domain, country or kind."""
    fields = [name for name in ("name", "domain", "country", "kind") if name in changes]
    for name in fields:
        value = changes[name]
        if name == "domain":
            value = (value or "").strip().lower().removeprefix("www.") or None
        elif name == "country":
            value = value.strip().upper()
        elif name == "name":
            value = value.strip()
        setattr(source, name, value)
    if fields:
        source.full_clean()
        source.save(update_fields=[*fields, "updated_at"])
    return source
