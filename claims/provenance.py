"""Where a claim comes from, as a reader checks it: the outlet, the address, the publication date and
the language, each shown by name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from articles.models import Article
from articles.parsing import url_host
from claims import labels
from claims.presentation import date_at_precision


def outlet_name(article: Article) -> str:
    """The outlet an article speaks for: its Source's name; without one, its page's host; else its
    title."""
    if article.source_id and article.source is not None:
        return article.source.name
    if article.url:
        host = url_host(article.url)
        if host:
            return host
    return article.title


def language_name(code: str) -> str:
    """A language code by name, in the reader's language ("fr" is "French" to an English reader,
    "Französisch" to a German one); "" for none."""
    return labels.language(code)


@dataclass(frozen=True)
class Provenance:
    outlet: str
    outlet_kind: str
    url: str
    published: str
    language: str
    syndicated: bool
    title: str


def provenance(article: Article) -> Provenance:
    """An article's provenance as the desk shows it (every part a plain string, "" when unknown)."""
    kind = labels.source_kind(article.source.kind) if article.source_id and article.source is not None else ""
    return Provenance(
        outlet=outlet_name(article), outlet_kind=str(kind), url=article.url or "",
        published=date_at_precision(article.published, article.published_precision) or "",
        language=language_name(article.language), syndicated=bool(article.syndicated_from_id), title=article.title,
    )


def claim_provenance(claim: Any) -> Provenance:
    return provenance(claim.article)
