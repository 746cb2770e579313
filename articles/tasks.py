"""Thin Celery tasks for articles: load by id, call one service."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def feeds_dispatch_due() -> int:
    """Beat's entry point (CELERY_BEAT_SCHEDULE "poll-due-feeds"): one poll task per due feed."""
    from articles.feeds import feeds_dispatch_due as dispatch

    return len(dispatch())


# A poll is bounded by its fetches (TALLY_FETCH_TIMEOUT_SECONDS each); the hard limit only stops a
# poll stuck elsewhere. Failures are recorded on the feed, never retried here: backoff is the retry.
@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def feed_poll(feed_id: int) -> str:
    from articles.feeds import feed_poll as poll

    report = poll(feed_id=feed_id)
    return report.status if report is not None else "missing"
