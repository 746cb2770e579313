from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.articles.webserver import LocalWeb


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    """A local HTTP server on 127.0.0.1 with routes the test adds (tests/articles/webserver.py)."""
    with LocalWeb() as server:
        yield server


@pytest.fixture
def fast_fetch(settings):  # type: ignore[no-untyped-def]
    """Short limits, so the slow and huge cases fail in well under a second."""
    settings.TALLY_FETCH_TIMEOUT_SECONDS = 0.5
    settings.TALLY_FETCH_MAX_BYTES = 50_000
    settings.TALLY_FETCH_MAX_REDIRECTS = 3
    settings.TALLY_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    return settings
