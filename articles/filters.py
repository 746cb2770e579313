"""Query-string filters of the article and source lists."""

from __future__ import annotations

import django_filters

from articles.models import Article, Source
from core.filters import IdFilter


class ArticleFilter(django_filters.FilterSet):
    source = IdFilter(field_name="source_id")
    language = django_filters.CharFilter(max_length=8)
    status = django_filters.MultipleChoiceFilter(choices=Article.Status.choices, distinct=False)
    published_from = django_filters.DateFilter(field_name="published", lookup_expr="gte")
    published_to = django_filters.DateFilter(field_name="published", lookup_expr="lte")

    class Meta:
        model = Article
        fields: list[str] = []


class SourceFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Source.Kind.choices, distinct=False)
    country = django_filters.CharFilter(max_length=2)
    domain = django_filters.CharFilter(max_length=253)

    class Meta:
        model = Source
        fields: list[str] = []
