"""A broker inside the test process, so a test can read exactly which tasks a service sent.

Tasks are not run: the messages wait in kombu's in-memory transport until `sent()` takes them.
Use it as a fixture: `from tests.articles.memory_broker import broker  # noqa: F401`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import kombu.pools
import pytest
from django.conf import settings

from config.celery import app as celery_app


def _use(url: str, *, eager: bool) -> None:
    celery_app.conf.broker_url = url
    celery_app.conf.task_always_eager = eager
    # The app keeps the pools made for the first URL it used: close and forget them.
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _drain() -> list[tuple[str, list]]:
    sent = []
    with celery_app.connection_for_write() as conn:
        queue = conn.SimpleQueue(settings.CELERY_TASK_DEFAULT_QUEUE, no_ack=True)
        try:
            while True:
                try:
                    message = queue.get(block=False)
                except queue.Empty:
                    break
                args, _kwargs, _options = message.payload
                sent.append((message.headers["task"], args))
        finally:
            queue.close()
    return sent


@pytest.fixture
def broker() -> Iterator[Callable[[], list[tuple[str, list]]]]:
    """Returns `sent()`: the (task name, args) sent since the last call, in order."""
    previous = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    _use("memory://", eager=False)
    _drain()
    try:
        yield _drain
    finally:
        _drain()
        _use(previous[0], eager=previous[1])
