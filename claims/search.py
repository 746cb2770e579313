"""Full-text search of claims' sentences and articles' titles and bodies, in each one's language.

On PostgreSQL each language the engine reads is stemmed with its own text search configuration
(a query for "killed" finds "kills" in English rows, one for "tués" finds "tué" in French rows):
the words typed are parsed once per configuration and each parse is matched against the rows of
that language only, through a partial GIN index per language (migration
0011_search_and_verdict_history), so a search walks the indexes, never the table. Rows in any
other language, or in none, are matched with the `simple` configuration (lower case, no stemming).

Elsewhere (the embedded SQLite default) every word typed must occur in the text, case-insensitive:
no stemming, but the same rows for a search of whole words.

The expressions here and the indexes' must stay the same, word for word: PostgreSQL uses an
expression index only for the very expression it was built on.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.functions import Left

# The engine's languages and PostgreSQL's configuration for each (all in PostgreSQL 15's
# pg_ts_config); any other language is searched with FALLBACK_CONFIG.
CONFIGS: dict[str, str] = {
    "en": "english", "fr": "french", "es": "spanish", "de": "german", "ru": "russian", "ar": "arabic",
}
FALLBACK_CONFIG = "simple"
# An article's body is indexed up to this many characters: a tsvector holds at most 1 MB, which a
# 1 MB body of distinct tokens would pass (refusing the article's row); news articles are a few
# thousand characters, so nothing real is cut.
ARTICLE_BODY_INDEXED_CHARS = 100_000
MAX_QUERY_CHARS = 200


def claim_vector(config: str) -> SearchVector:
    return SearchVector("sentence", config=config)


def article_vector(config: str) -> SearchVector:
    return SearchVector("title", Left("body", ARTICLE_BODY_INDEXED_CHARS), config=config)


def index_name(table: str, config: str) -> str:
    return f"{table}_search_{config}"


def _configs() -> list[tuple[Q, str]]:
    """(the rows a configuration reads, the configuration), the fallback's rows last."""
    return [*((Q(language=code), config) for code, config in CONFIGS.items()),
            (~Q(language__in=list(CONFIGS)), FALLBACK_CONFIG)]


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _words(query: str) -> list[str]:
    return query[:MAX_QUERY_CHARS].split()


def search(queryset: QuerySet, query: str, *, vector: str, text_fields: tuple[str, ...]) -> QuerySet:
    """`queryset` narrowed to the rows whose text matches `query` (words, "a phrase", -excluded,
    as a web search box takes them); unchanged for an empty query. `vector` names the model's
    vector ("claim" or "article"); `text_fields` are what the fallback looks in."""
    words = _words(query)
    if not words:
        return queryset
    if not uses_full_text():
        for word in words:
            word = word.strip('"').lstrip("-")
            if word:
                queryset = queryset.filter(_any_field(text_fields, word))
        return queryset
    build = claim_vector if vector == "claim" else article_vector
    text = " ".join(words)
    matches = Q()
    aliases = {}
    for rows, config in _configs():
        alias = f"search_{config}"
        aliases[alias] = build(config)
        matches |= rows & Q(**{alias: SearchQuery(text, config=config, search_type="websearch")})
    return queryset.alias(**aliases).filter(matches)


def _any_field(fields: tuple[str, ...], word: str) -> Q:
    found = Q()
    for name in fields:
        found |= Q(**{f"{name}__icontains": word})
    return found
