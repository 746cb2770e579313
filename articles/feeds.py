"""Feeds: registering a Source's RSS or Atom feed, and polling it.

Celery beat runs `feeds_dispatch_due` every TALLY_FEED_DISPATCH_INTERVAL_SECONDS; it sends one
`feed_poll` task per feed that is due, so a slow or broken feed holds up only its own task. A
poll makes a conditional request (ETag / Last-Modified), reads the entries with feedparser, fetches
the page of an entry that carries only a short summary, and ingests them like any other article. A
failure is written on the Feed (last_error, consecutive_failures) and pushes its next poll back
exponentially: interval * 2**failures, at most TALLY_FEED_BACKOFF_MAX_SECONDS.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone

import feedparser
import lxml.html
from django.conf import settings
from django.utils import timezone

from articles.fetch import FetchError, fetch
from articles.models import Feed, Source
from articles.pages import parse_html
from articles.parsing import ArticleInput, IngestError, canonical_url, validate

logger = logging.getLogger(__name__)

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
# An entry whose text is shorter than this is taken for a teaser: its page is fetched for the
# full text (falling back to the teaser when the page fails).
FULL_TEXT_MIN_CHARS = 400
# A dispatched feed is not dispatched again for this long, in case its poll task is lost; the
# poll itself sets the real next time.
DISPATCH_LEASE = timedelta(minutes=15)


@dataclass
class FeedPollReport:
    status: str  # "ok", "not_modified" or "failed"
    entries: int = 0
    new: list[int] = field(default_factory=list)
    duplicates: int = 0
    failed: list[str] = field(default_factory=list)
    error: str = ""


def feed_create(*, source: Source, url: str, poll_interval_seconds: int = 900) -> Feed:
    """A new feed of `source`, due at once. ValidationError for a bad URL, a duplicate or an
    interval under a minute."""
    feed = Feed(source=source, url=url.strip(), poll_interval_seconds=poll_interval_seconds)
    feed.full_clean()
    feed.save()
    return feed


def feeds_dispatch_due(*, now: datetime | None = None, batch: int | None = None) -> list[int]:
    """Send a poll task for each active feed whose time has come (most overdue first); returns
    their ids. Each is leased for DISPATCH_LEASE so the next dispatch does not send it twice."""
    from articles.tasks import feed_poll as feed_poll_task

    now = now or timezone.now()
    size = batch or settings.TALLY_FEED_DISPATCH_BATCH
    ids = list(
        Feed.objects.filter(is_active=True, next_poll_at__lte=now)
        .order_by("next_poll_at", "id").values_list("id", flat=True)[:size]
    )
    Feed.objects.filter(id__in=ids).update(next_poll_at=now + DISPATCH_LEASE)
    for feed_id in ids:
        try:
            feed_poll_task.delay(feed_id)
        except Exception as error:  # noqa: BLE001 - kombu and redis raise several kinds
            # The lease runs out and a later dispatch sends them again.
            logger.warning("broker unavailable (%s): feed polls left for the next dispatch", error)
            break
    return ids


def backoff_seconds(feed: Feed) -> int:
    """How long a feed waits after its latest failure: its interval doubled per failure in a row."""
    exponent = min(feed.consecutive_failures, 20)
    return min(feed.poll_interval_seconds * 2**exponent, settings.TALLY_FEED_BACKOFF_MAX_SECONDS)


def _record_failure(feed: Feed, message: str, now: datetime) -> FeedPollReport:
    feed.consecutive_failures += 1
    feed.last_error = message[:2000]
    feed.last_error_at = now
    feed.last_polled_at = now
    feed.next_poll_at = now + timedelta(seconds=backoff_seconds(feed))
    feed.save(update_fields=["consecutive_failures", "last_error", "last_error_at", "last_polled_at",
                             "next_poll_at", "updated_at"])
    logger.warning("feed %s failed (%d in a row): %s", feed.url, feed.consecutive_failures, message)
    return FeedPollReport(status="failed", error=feed.last_error)


def _record_success(feed: Feed, etag: str, last_modified: str, now: datetime) -> None:
    feed.etag = etag[:500]
    feed.last_modified = last_modified[:100]
    feed.consecutive_failures = 0
    feed.last_success_at = now
    feed.last_polled_at = now
    feed.next_poll_at = now + timedelta(seconds=feed.poll_interval_seconds)
    feed.save(update_fields=["etag", "last_modified", "consecutive_failures", "last_success_at",
                             "last_polled_at", "next_poll_at", "updated_at"])


def html_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), one paragraph per block element."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment.strip()
    for element in root.iter("script", "style"):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        element.tail = "\n\n" + (element.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return "\n\n".join(paragraphs)


def _language(tag: str | None) -> str | None:
    code = (tag or "").strip().lower()[:2]
    return code if len(code) == 2 and code.isalpha() else None


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = entry.get(key)
        if moment:
            return datetime(*moment[:6], tzinfo=dt_timezone.utc).date()
    return None


def _entry_input(entry: feedparser.FeedParserDict, *, feed: Feed, language: str | None,
                 known_urls: set[str]) -> ArticleInput | IngestError:
    link = (entry.get("link") or "").strip()
    where = f"{feed.url} entry {link or entry.get('id') or entry.get('title', '?')}"
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="") or entry.get("summary", "")
    body = html_text(html)
    title = html_text(entry.get("title", ""))
    published = _entry_date(entry)
    entry_language = _language(contents[0].get("language")) if contents else None
    url = None
    if link:
        try:
            url = canonical_url(link)
        except ValueError:
            url = None
    item = ArticleInput(
        title=title, body=body, url=url, source=feed.source.name, language=entry_language or language,
        published=published, published_precision="day" if published else "", origin=f"feed {feed.id}: {link}"[:500],
        path=where,
    )
    if url and url not in known_urls and len(body) < FULL_TEXT_MIN_CHARS:
        try:
            page = fetch(link, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
            from_page = parse_html(page.content, url=link, source=feed.source.name, origin=item.origin, path=where,
                                   content_type=page.content_type)
            if len(from_page.body) > len(body):
                item = ArticleInput(
                    title=title or from_page.title, body=from_page.body, url=url, source=feed.source.name,
                    language=item.language or from_page.language, published=published or from_page.published,
                    published_precision=item.published_precision or from_page.published_precision,
                    origin=item.origin, path=where,
                )
        except (FetchError, IngestError) as error:
            logger.info("feed %s: page %s not read (%s); the entry's own text is kept", feed.url, link, error)
    try:
        return validate(item, max_body_bytes=settings.TALLY_MAX_BODY_BYTES)
    except IngestError as error:
        return error


def feed_poll(*, feed_id: int, now: datetime | None = None) -> FeedPollReport | None:
    """Poll one feed and ingest its new entries; None when the feed is gone or inactive.

    Never raises for what the remote side does: every failure is recorded on the feed and backs
    it off.
    """
    from articles.models import Article
    from articles.services import article_ingest_many

    feed = Feed.objects.select_related("source").filter(id=feed_id, is_active=True).first()
    if feed is None:
        return None
    now = now or timezone.now()
    try:
        result = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT)
    except FetchError as error:
        return _record_failure(feed, str(error), now)
    if result.not_modified:
        _record_success(feed, result.etag, result.last_modified, now)
        return FeedPollReport(status="not_modified")
    try:
        parsed = feedparser.parse(result.content, response_headers={
            "content-type": result.content_type or "application/xml", "content-location": result.url,
        })
        if parsed.get("bozo") and not parsed.get("entries"):
            reason = parsed.get("bozo_exception") or "not a feed"
            return _record_failure(feed, f"feed does not parse: {reason}", now)
        if not parsed.get("version") and not parsed.get("entries"):
            return _record_failure(feed, "not an RSS or Atom feed", now)
        language = _language(parsed.feed.get("language"))
        links = []
        for entry in parsed.entries:
            try:
                links.append(canonical_url(entry.get("link", "")))
            except ValueError:
                continue
        known = set(Article.objects.filter(url__in=links).values_list("url", flat=True)) if links else set()
        items = [_entry_input(entry, feed=feed, language=language, known_urls=known) for entry in parsed.entries]
        if parsed.get("bozo") and not any(isinstance(item, ArticleInput) for item in items):
            # A malformed feed whose entries are all unusable (a truncated download) is broken, not empty.
            return _record_failure(feed, f"feed does not parse: {parsed.get('bozo_exception')}", now)
        report = article_ingest_many(items=items)
    except Exception as error:  # noqa: BLE001 - a feed's bytes are the outside world: whatever they break is this feed's failure
        logger.exception("feed %s: poll failed", feed.url)
        return _record_failure(feed, f"{type(error).__name__}: {error}", now)
    _record_success(feed, result.etag, result.last_modified, now)
    return FeedPollReport(
        status="ok", entries=len(parsed.entries), new=report.new, duplicates=len(report.duplicates),
        failed=[str(error) for error in report.failed],
    )
