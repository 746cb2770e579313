from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from articles.models import Article, Source


def source_list(**filters: Any) -> QuerySet[Source]:
    return Source.objects.filter(**filters)


def article_list(**filters: Any) -> QuerySet[Article]:
    return Article.objects.filter(**filters).select_related("source")


def article_get(*, article_id: int) -> Article | None:
    """The article with its source."""
    return article_list(id=article_id).first()
