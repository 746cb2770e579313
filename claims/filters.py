"""Query-string filters of the API's lists and exports; an invalid value is a 400 naming the field."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from claims.models import Claim, ClaimStatus, Conflict, Figure, Review
from core.filters import IdFilter


class FilterSet(django_filters.FilterSet):
    """A FilterSet that builds its form class once rather than on every request.

    django-filter makes a new form class for each FilterSet instance, building every filter's form
    field (and its translated label) on the way: about half a millisecond a request, more than the
    filtering itself. The class depends only on the declared filters, none of which depends on the
    request, so one per FilterSet class serves every request (each form still copies its fields).
    """

    def get_form_class(self) -> type:
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class = form_class
        return form_class


class ClaimFilter(FilterSet):
    metric = django_filters.CharFilter(max_length=40)
    subject = django_filters.CharFilter(max_length=100)
    language = django_filters.CharFilter(max_length=8)
    qualifier = django_filters.ChoiceFilter(choices=Claim._meta.get_field("qualifier").choices)
    status = django_filters.MultipleChoiceFilter(field_name="review_status", choices=ClaimStatus.choices,
                                                 distinct=False)
    source = IdFilter(field_name="article__source_id")
    article = IdFilter(field_name="article_id")
    figure = IdFilter(field_name="figure_id")
    corrected = django_filters.BooleanFilter()
    # The claim's time interval (its as-of date widened by its precision) meets [date_from, date_to].
    date_from = django_filters.DateFilter(field_name="time_end", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="time_start", lookup_expr="lte")
    published_from = django_filters.DateFilter(field_name="article__published", lookup_expr="gte")
    published_to = django_filters.DateFilter(field_name="article__published", lookup_expr="lte")

    class Meta:
        model = Claim
        fields: list[str] = []


class ConflictFilter(FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Conflict.Kind.choices, distinct=False)
    status = django_filters.MultipleChoiceFilter(choices=Conflict.Status.choices, distinct=False)
    resolution = django_filters.ChoiceFilter(choices=Conflict.Resolution.choices)
    severity_min = django_filters.NumberFilter(field_name="severity", lookup_expr="gte", min_value=0, max_value=1)
    severity_max = django_filters.NumberFilter(field_name="severity", lookup_expr="lte", min_value=0, max_value=1)
    metric = django_filters.CharFilter(field_name="claim_a__metric", max_length=40)
    subject = django_filters.CharFilter(field_name="claim_a__subject", max_length=100)
    language = django_filters.CharFilter(method="filter_language", max_length=8)
    source = IdFilter(method="filter_source")
    article = IdFilter(method="filter_article")
    claim = IdFilter(method="filter_claim")
    figure = IdFilter(field_name="figure_id")
    assignee = IdFilter(field_name="assignee_id")
    date_from = django_filters.DateFilter(method="filter_date_from")
    date_to = django_filters.DateFilter(method="filter_date_to")

    class Meta:
        model = Conflict
        fields: list[str] = []

    # Either side of the pair matches.
    def _either(self, queryset: QuerySet[Conflict], lookup: str, value: Any) -> QuerySet[Conflict]:
        return queryset.filter(Q(**{f"claim_a__{lookup}": value}) | Q(**{f"claim_b__{lookup}": value}))

    def filter_language(self, queryset: QuerySet[Conflict], name: str, value: str) -> QuerySet[Conflict]:
        return self._either(queryset, "language", value)

    def filter_source(self, queryset: QuerySet[Conflict], name: str, value: int) -> QuerySet[Conflict]:
        return self._either(queryset, "article__source_id", value)

    def filter_article(self, queryset: QuerySet[Conflict], name: str, value: int) -> QuerySet[Conflict]:
        return self._either(queryset, "article_id", value)

    def filter_claim(self, queryset: QuerySet[Conflict], name: str, value: int) -> QuerySet[Conflict]:
        return queryset.filter(Q(claim_a_id=value) | Q(claim_b_id=value))

    def filter_date_from(self, queryset: QuerySet[Conflict], name: str, value: Any) -> QuerySet[Conflict]:
        return self._either(queryset, "time_end__gte", value)

    def filter_date_to(self, queryset: QuerySet[Conflict], name: str, value: Any) -> QuerySet[Conflict]:
        return self._either(queryset, "time_start__lte", value)


class FigureFilter(FilterSet):
    metric = django_filters.CharFilter(max_length=40)
    subject = django_filters.CharFilter(max_length=100)
    scope = django_filters.ChoiceFilter(choices=Figure.Scope.choices)

    class Meta:
        model = Figure
        fields: list[str] = []


class ReviewFilter(FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Review.Status.choices, distinct=False)
    rating = django_filters.MultipleChoiceFilter(choices=Review.Rating.choices, distinct=False)
    claim = IdFilter(field_name="claim_id")
    conflict = IdFilter(field_name="conflict_id")
    reviewer = IdFilter(field_name="reviewer_id")
    metric = django_filters.CharFilter(field_name="claim__metric", max_length=40)
    language = django_filters.CharFilter(field_name="claim__language", max_length=8)

    class Meta:
        model = Review
        fields: list[str] = []


class ClaimReviewFilter(FilterSet):
    claim = IdFilter(field_name="claim_id")
    rating = django_filters.MultipleChoiceFilter(choices=Review.Rating.choices, distinct=False)
    metric = django_filters.CharFilter(field_name="claim__metric", max_length=40)
    language = django_filters.CharFilter(field_name="claim__language", max_length=8)

    class Meta:
        model = Review
        fields: list[str] = []
