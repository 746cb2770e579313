"""Feeds against a local server: RSS and Atom in several languages, conditional requests, broken
feeds reported on the Feed and backed off, one broken feed never stopping the others."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from articles.feeds import feed_create, feed_poll, feeds_dispatch_due, html_text
from articles.models import Article, Feed
from articles.tasks import feed_poll as feed_poll_task
from config.celery import app
from tests.articles.factories import SourceFactory
from tests.articles.web_content import PAGE_DIGUE, atom_de, rss_fr
from tests.articles.webserver import LocalWeb

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_fetch")]

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=dt_timezone.utc)
RSS = "application/rss+xml; charset=utf-8"


def _feed(url: str, name: str = "Le Courrier du Sud", interval: int = 600) -> Feed:
    return feed_create(source=SourceFactory(name=name), url=url, poll_interval_seconds=interval)


def test_an_rss_feed_is_ingested_with_dates_language_source_and_full_text(web: LocalWeb) -> None:
    # given: an RSS feed whose second entry is a one-line teaser of a full page
    url = web.add("/rss", body=rss_fr(web.base).encode(), content_type=RSS, etag='"r1"')
    web.add("/articles/digue", body=PAGE_DIGUE.encode())
    feed = _feed(url)
    # when
    report = feed_poll(feed_id=feed.id, now=NOW)
    # then
    assert report is not None and (report.status, report.entries, len(report.new), report.failed) == ("ok", 2, 2, [])
    port = web.server.server_address[1]
    stored = {a.url: (a.title, a.language, a.published, a.source.name) for a in Article.objects.select_related("source")}
    assert stored == {
        f"https://127.0.0.1:{port}/articles/evacues": (
            "Valmora : des milliers d'évacués", "fr", date(2024, 3, 9), "Le Courrier du Sud"),
        f"https://127.0.0.1:{port}/articles/digue": (
            "Crues : une digue cède près de Valmora", "fr", date(2024, 3, 10), "Le Courrier du Sud"),
    }
    digue = Article.objects.get(title__startswith="Crues")
    assert digue.body.startswith("Une digue a cédé dimanche soir près de Valmora, inondant trois hameaux")
    evacues = Article.objects.get(title__startswith="Valmora")
    assert evacues.body.count("\n\n") == 1 and evacues.body.startswith("Plus de 3 000 habitants")
    feed.refresh_from_db()
    assert (feed.etag, feed.consecutive_failures, feed.last_success_at, feed.last_error) == ('"r1"', 0, NOW, "")
    assert feed.next_poll_at == NOW + timedelta(seconds=600)


def test_an_atom_feed_in_german(web: LocalWeb) -> None:
    url = web.add("/atom", body=atom_de(web.base).encode(), content_type="application/atom+xml")
    report = feed_poll(feed_id=_feed(url, "Nordkurier").id, now=NOW)
    assert report is not None and (report.status, len(report.new)) == ("ok", 1)
    article = Article.objects.get()
    assert (article.title, article.language, article.published) == ("Valmora: Zahl der Toten steigt", "de", date(2024, 3, 9))
    assert article.body.startswith("Die Zahl der Todesopfer nach dem Hochwasser in Valmora ist auf mindestens 52")


def test_a_second_poll_is_conditional_and_304_stores_nothing(web: LocalWeb) -> None:
    # given: a feed polled once
    url = web.add("/rss", body=rss_fr(web.base).encode(), content_type=RSS, etag='"r1"',
                  last_modified="Sun, 10 Mar 2024 17:15:00 GMT")
    web.add("/articles/digue", body=PAGE_DIGUE.encode())
    feed = _feed(url)
    feed_poll(feed_id=feed.id, now=NOW)
    # when
    later = NOW + timedelta(minutes=10)
    report = feed_poll(feed_id=feed.id, now=later)
    # then
    assert report is not None and report.status == "not_modified"
    second = web.hits_for("/rss")[1].headers
    assert (second["if-none-match"], second["if-modified-since"]) == ('"r1"', "Sun, 10 Mar 2024 17:15:00 GMT")
    assert Article.objects.count() == 2
    assert len(web.hits_for("/articles/digue")) == 1
    feed.refresh_from_db()
    assert (feed.last_success_at, feed.next_poll_at) == (later, later + timedelta(seconds=600))


def test_unchanged_entries_without_validators_are_duplicates(web: LocalWeb) -> None:
    url = web.add("/rss", body=rss_fr(web.base).encode(), content_type=RSS)
    web.add("/articles/digue", body=PAGE_DIGUE.encode())
    feed = _feed(url)
    feed_poll(feed_id=feed.id, now=NOW)
    report = feed_poll(feed_id=feed.id, now=NOW + timedelta(minutes=10))
    assert report is not None and (report.status, report.new, report.duplicates) == ("ok", [], 2)
    # a page already stored is not fetched again
    assert len(web.hits_for("/articles/digue")) == 1


@pytest.mark.parametrize(
    ("route", "error"),
    [
        ({"body": b"<html><body>Maintenance</body></html>", "content_type": "text/html"}, "feed does not parse"),
        ({"body": b"<?xml version='1.0'?><rss><channel><item><title>cut", "content_type": RSS}, "feed does not parse"),
        ({"status": 500, "body": b"oops"}, "http_status: HTTP 500"),
        ({"delay": 2.0, "body": b"<rss/>"}, "timeout: no answer within 0.5 s"),
        ({"body": b"<rss>" + b" " * 100_000 + b"</rss>", "content_type": RSS}, "too_large: 100,011 bytes declared"),
    ],
    ids=["html", "truncated", "500", "slow", "huge"],
)
def test_a_broken_feed_is_reported_on_the_feed(web: LocalWeb, route: dict, error: str) -> None:
    url = web.add("/broken", **route)
    feed = _feed(url)
    report = feed_poll(feed_id=feed.id, now=NOW)
    assert report is not None and report.status == "failed"
    feed.refresh_from_db()
    assert feed.last_error.startswith(error)
    assert (feed.consecutive_failures, feed.last_error_at, feed.last_success_at) == (1, NOW, None)
    assert Article.objects.count() == 0


def test_a_feed_that_keeps_failing_backs_off_and_recovers(web: LocalWeb, settings) -> None:  # type: ignore[no-untyped-def]
    # given: a feed polled every 10 minutes that answers 503, with backoff capped at 2 hours
    settings.TALLY_FEED_BACKOFF_MAX_SECONDS = 7200
    url = web.add("/rss", status=503, body=b"busy")
    feed = _feed(url)
    waits = []
    moment = NOW
    # when: polled each time it is due
    for _ in range(6):
        feed_poll(feed_id=feed.id, now=moment)
        feed.refresh_from_db()
        waits.append(int((feed.next_poll_at - moment).total_seconds()))
        moment = feed.next_poll_at
    # then: the wait doubles after each failure, up to the cap
    assert waits == [1200, 2400, 4800, 7200, 7200, 7200]
    assert feed.consecutive_failures == 6
    # and a success resets it
    web.add("/rss", body=rss_fr(web.base).encode(), content_type=RSS)
    web.add("/articles/digue", body=PAGE_DIGUE.encode())
    feed_poll(feed_id=feed.id, now=moment)
    feed.refresh_from_db()
    assert (feed.consecutive_failures, feed.next_poll_at, feed.last_success_at) == (0, moment + timedelta(seconds=600), moment)
    assert feed.last_error.startswith("http_status: HTTP 503")  # the last error stays for the desk to read


def test_the_dispatcher_polls_due_feeds_and_a_broken_one_does_not_stop_the_others(web: LocalWeb) -> None:
    # given: a broken feed due first, a good feed due, and one not yet due
    broken = _feed(web.add("/loop", redirect="/loop"), "Broken Outlet")
    good = _feed(web.add("/atom", body=atom_de(web.base).encode(), content_type="application/atom+xml"), "Nordkurier")
    later = _feed(web.add("/later", body=b""), "Later Outlet")
    Feed.objects.filter(id=broken.id).update(next_poll_at=NOW - timedelta(hours=1))
    Feed.objects.filter(id=good.id).update(next_poll_at=NOW - timedelta(minutes=1))
    Feed.objects.filter(id=later.id).update(next_poll_at=NOW + timedelta(minutes=5))
    # when: tasks run in-process in tests
    dispatched = feeds_dispatch_due(now=NOW)
    # then
    assert dispatched == [broken.id, good.id]
    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.last_error.startswith("too_many_redirects: more than 3 redirects")
    assert (good.consecutive_failures, good.last_error) == (0, "")
    assert Article.objects.get().title == "Valmora: Zahl der Toten steigt"
    assert web.hits_for("/later") == []


def test_inactive_or_missing_feeds_are_not_polled(web: LocalWeb) -> None:
    feed = _feed(web.add("/rss", body=b"<rss/>"))
    Feed.objects.filter(id=feed.id).update(is_active=False)
    assert feed_poll(feed_id=feed.id) is None
    assert feed_poll_task(feed_id=10**9) == "missing"
    assert feeds_dispatch_due(now=NOW + timedelta(days=1)) == []
    assert web.hits == []


def test_feed_create_refuses_a_too_short_interval_and_a_duplicate() -> None:
    source = SourceFactory()
    feed_create(source=source, url="https://outlet.example/rss")
    with pytest.raises(ValidationError):
        feed_create(source=source, url="https://outlet.example/rss")
    with pytest.raises(ValidationError):
        feed_create(source=source, url="https://outlet.example/other", poll_interval_seconds=5)
    assert Feed.objects.count() == 1


def test_beat_runs_the_dispatcher() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["poll-due-feeds"]
    assert entry == {"task": "articles.tasks.feeds_dispatch_due", "schedule": 60.0}
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks


def test_html_text_keeps_paragraphs_and_drops_markup() -> None:
    assert html_text("<p>Un <b>bilan</b> lourd.</p><p>Deux<br>lignes</p><script>x()</script>") == (
        "Un bilan lourd.\n\nDeux lignes")
    assert html_text("plain text ") == "plain text"
