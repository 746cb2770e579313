"""What happens to an article once it is stored is the business of the app that reads articles.

That app registers a `Reader` here when it is ready (claims does, in `ClaimsConfig.ready`), and
this app imports nothing of it: ingest asks the reader which languages it reads (any other is
refused), which of them an article without one is written in, and hands it the new articles once
they are committed. Registration is an explicit call, not a signal, so that there is one place to
read who takes the articles and the order of events stays in the code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True, slots=True)
class Reader:
    # ISO 639-1 codes of the languages read; ingest refuses an article in any other.
    languages: tuple[str, ...]
    # The most likely of `languages` for a text, or None when none of them is readable in it.
    detect_language: Callable[[str], str | None]
    # Called after the commit with the ids of new articles waiting to be read (status `pending`).
    # It must not raise for a broker that is down: the articles are stored already.
    articles_stored: Callable[[list[int]], None]


_registered: Reader | None = None


def reader_register(reader: Reader) -> None:
    """Make `reader` the one that takes stored articles (the last registration wins)."""
    global _registered
    _registered = reader


def reader() -> Reader:
    """The registered reader; ImproperlyConfigured when no installed app registered one."""
    if _registered is None:
        raise ImproperlyConfigured(
            "No app reads articles: an app that does registers a Reader with "
            "articles.handoff.reader_register when it is ready (claims is the one that does)."
        )
    return _registered
