"""Writes for articles: sources and ingestion.

Ingestion is batched: a chunk of articles is deduplicated against itself and the database with two
queries, language-detected in one call, and inserted with one `bulk_create` in one transaction.
Extraction and detection are enqueued after the commit, one task per TALLY_PIPELINE_BATCH new articles.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Source
from articles.parsing import ArticleInput, IngestError, content_hash, url_host, validate
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
    looks_like_domain = "." in name and " " not in name
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


def _source_name(item: ArticleInput) -> str | None:
    if item.source:
        return item.source
    if item.url:
        return url_host(item.url) or None
    return None


def _detect_languages(items: list[ArticleInput]) -> list[ArticleInput]:
    from claims.extraction.detect import detect_language

    return [
        item if item.language else replace(item, language=detect_language(f"{item.title}\n\n{item.body}"))
        for item in items
    ]


def enqueue_extraction(article_ids: list[int]) -> None:
    """Send the articles' extraction and detection, TALLY_PIPELINE_BATCH articles a task. Call after
    commit.

    A broker that is down must not fail an ingest whose rows are already committed: the articles
    stay `pending` and the periodic sweep sends them later. After the first refusal the rest of
    the batch is left to the sweep too, rather than waiting out a timeout per task.
    """
    from claims.tasks import process_articles as process_articles_task

    size = max(1, settings.TALLY_PIPELINE_BATCH)
    for start in range(0, len(article_ids), size):
        try:
            process_articles_task.delay(article_ids[start : start + size])
        except Exception as error:  # noqa: BLE001 - kombu and redis raise several kinds
            logger.warning(
                "broker unavailable (%s): %d article(s) left pending for the sweep",
                error, len(article_ids) - start,
            )
            return


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

    detected = _detect_languages([item for item, _ in unique])
    sources = _resolve_sources(detected)
    rows = [
        Article(
            source=sources.get(_source_name(item)),  # type: ignore[arg-type]
            url=item.url, title=item.title, body=item.body, language=item.language or "",
            published=item.published, published_precision=item.published_precision,
            content_hash=digest, origin=item.origin[:500], wire_agencies=wire_agencies_in(f"{item.title}\n\n{item.body}"),
        )
        for item, (_, digest) in zip(detected, unique, strict=True)
    ]
    try:
        with transaction.atomic():
            created = Article.objects.bulk_create(rows)
            articles_link_copies(articles=created)
            ids = [article.id for article in created]
            transaction.on_commit(lambda: enqueue_extraction(ids))
    except IntegrityError:
        # Another ingest stored some of these between the lookup and the insert: fall back to
        # one row at a time, each a duplicate or new on its own.
        created = []
        for row in rows:
            try:
                with transaction.atomic():
                    row.save(force_insert=True)
                    articles_link_copies(articles=[row])
                    article_id = row.id
                    transaction.on_commit(lambda article_id=article_id: enqueue_extraction([article_id]))
                created.append(row)
            except IntegrityError:
                row.pk = None
                existing_id = (
                    Article.objects.filter(content_hash=row.content_hash).values_list("id", flat=True).first()
                    or Article.objects.filter(url=row.url).values_list("id", flat=True).first()
                )
                report.duplicates.append((row.origin, existing_id))  # type: ignore[arg-type]
    report.new += [article.id for article in created]

    stored = {article.content_hash: article.id for article in created}
    stored_url = {article.url: article.id for article in created if article.url}
    for item, digest in copies:
        existing = stored.get(digest) or (stored_url.get(item.url) if item.url else None)
        if existing is None:
            existing = (
                Article.objects.filter(content_hash=digest).values_list("id", flat=True).first()
                or Article.objects.filter(url=item.url).values_list("id", flat=True).first()
            )
        report.duplicates.append((item.origin, existing))  # type: ignore[arg-type]
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

    Raises IngestError for invalid input.
    """
    item = validate(data, max_body_bytes=settings.TALLY_MAX_BODY_BYTES)
    report = _ingest_chunk([item])
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

    try:
        page = fetch(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
    except FetchError as error:
        raise IngestError(str(error), path=url) from None
    item = parse_html(page.content, url=page.url, source=source, origin=origin or page.url, path=url,
                      content_type=page.content_type)
    if language:
        item = replace(item, language=language)
    return article_ingest(data=item)


def articles_sweep_stale(*, batch: int | None = None) -> dict[str, int]:
    """Send again the work of articles left `pending` (never extracted: the broker was down, the
    worker died) or `extracted` (never compared) for longer than TALLY_SWEEP_AFTER_SECONDS.

    Each swept article's `updated_at` is moved to now, so the next sweep waits a full interval
    before sending it again. A full batch means more may be waiting: the sweep sends itself again.
    """
    from claims.services.claims import enqueue_detection
    from claims.tasks import sweep_stale_articles as sweep_stale_articles_task

    size = batch or settings.TALLY_SWEEP_BATCH
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.TALLY_SWEEP_AFTER_SECONDS)
    counts = {}
    for status in (Article.Status.PENDING, Article.Status.EXTRACTED):
        ids = list(
            Article.objects.filter(status=status, updated_at__lt=cutoff)
            .order_by("updated_at").values_list("id", flat=True)[:size]
        )
        Article.objects.filter(id__in=ids, status=status).update(updated_at=now)
        if status == Article.Status.PENDING:
            enqueue_extraction(ids)
        else:
            for article_id in ids:
                enqueue_detection(article_id)
        counts[str(status)] = len(ids)
    if max(counts.values()) >= size:
        sweep_stale_articles_task.delay()
    return counts


def articles_reprocess(*, queryset, force: bool = False) -> list[int]:  # type: ignore[no-untyped-def]
    """Run extraction and detection again for a selection of articles.

    Claims of the current extractor version are kept (a reviewer may have worked on them) unless
    `force`, which replaces them.
    """
    ids = list(queryset.values_list("id", flat=True))
    with transaction.atomic():
        changes = {"status": Article.Status.PENDING, "last_error": "", "processing_attempts": 0,
                   "updated_at": timezone.now()}
        if force:
            changes["extractor_version"] = ""
        Article.objects.filter(id__in=ids).update(**changes)
        transaction.on_commit(lambda: enqueue_extraction(ids))
    return ids


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
