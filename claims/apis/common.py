"""What the API modules share: the nested output serializers, input fields, lookups that answer 404,
audit trails and CSV streaming."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db import models
from django.http import StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request

from articles.models import date_display
from claims import selectors
from claims.models import Event, Review
from config.api import MAX_ID, capped
from config.api_output import FastOutputSerializer

# --- shared output ---------------------------------------------------------------------------

class DateDisplayField(serializers.CharField):
    """A date as written at its precision (YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown), read
    from its date and precision columns: a row has no `as_of_display` to read."""

    def __init__(self, *, date: str, precision: str, **kwargs: Any) -> None:
        super().__init__(source="*", **kwargs)
        self.date, self.precision = date, precision

    def to_representation(self, value: Any) -> str:
        return date_display(getattr(value, self.date), getattr(value, self.precision))

    def object_getter(self) -> Callable[[Any], str]:
        return self.to_representation

    def row_getter(self, prefix: str) -> Callable[[dict[str, Any]], str]:
        date, precision = prefix + self.date, prefix + self.precision
        return lambda row: date_display(row[date], row[precision])

    def columns(self, prefix: str) -> list[str]:
        return [prefix + self.date, prefix + self.precision]


class ArticleRefOutputSerializer(FastOutputSerializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True, help_text="The article's canonical URL")
    source = serializers.CharField(source="source.name", allow_null=True, default=None)
    published = DateDisplayField(date="published", precision="published_precision",
                                 help_text="YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown")


class ClaimBriefOutputSerializer(FastOutputSerializer):
    id = serializers.IntegerField()
    article_id = serializers.IntegerField()
    source = serializers.CharField(source="article.source.name", allow_null=True, default=None)
    quote = serializers.CharField()
    metric = serializers.CharField()
    subject = serializers.CharField(allow_null=True)
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    lower = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    upper = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    qualifier = serializers.CharField()
    unit = serializers.CharField()
    as_of = DateDisplayField(date="as_of", precision="as_of_precision",
                             help_text="YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown")
    review_status = serializers.CharField()


class EventOutputSerializer(FastOutputSerializer):
    id = serializers.IntegerField()
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    note = serializers.CharField()
    data = serializers.JSONField()
    created_at = serializers.DateTimeField()


def missing(label: str, pk: int) -> exceptions.NotFound:
    return exceptions.NotFound(f"No {label} {pk}.")


def require_exists(model: type[models.Model], pk: int) -> None:
    """A 404 for an action on an object that does not exist (the services' own check is a 400)."""
    if not model.objects.filter(pk=pk).exists():
        raise missing(model._meta.verbose_name, pk)


class IdField(serializers.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class NoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)

    class Meta:
        ref_name = "NoteInput"


class RequiredNoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=10_000)

    class Meta:
        ref_name = "RequiredNoteInput"


# --- audit trails ----------------------------------------------------------------------------

def events_of(model: type[models.Model], pk: int) -> models.QuerySet[Event]:
    """The audit trail of one object, in the order it was written."""
    object_type = f"{model._meta.app_label}.{model._meta.model_name}"
    return selectors.event_list(object_type=object_type, object_ids=[pk]).order_by("id")


def with_events(instance: Any, url_name: str, *, request: Request) -> Any:
    """The claim or conflict with the first TALLY_API_NESTED_LIMIT `events`, `events_truncated`
    and `events_url` (the list `url_name` names)."""
    instance.events, instance.events_truncated = capped(events_of(type(instance), instance.id),
                                                        settings.TALLY_API_NESTED_LIMIT)
    instance.events_url = request.build_absolute_uri(reverse(url_name, kwargs={"pk": instance.id}))
    return instance


class EventListApi(ListAPIView):
    serializer_class = EventOutputSerializer
    filter_backends: list[type] = []
    ordering = ["id"]
    model: type[models.Model]

    def get_queryset(self) -> models.QuerySet[Event]:
        require_exists(self.model, self.kwargs["pk"])
        return events_of(self.model, self.kwargs["pk"])


class VerdictInputSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Review.Rating.choices)
    rationale = serializers.CharField(max_length=20_000)
    evidence_links = serializers.ListField(child=serializers.URLField(max_length=2000), required=False,
                                           default=list, max_length=50)


def validated(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """The validated input; a body that is not a JSON object is a 400 like any other bad input."""
    body = request.data if request.data is not None else {}
    serializer = serializer_class(data=body)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- CSV exports -----------------------------------------------------------------------------

class _Echo:
    """A file-like object whose write returns the line, for csv.writer inside a generator."""

    def write(self, value: str) -> str:
        return value


def _csv_stream(header: Iterable[str], rows: Iterator[tuple[Any, ...]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(list(header))
    for row in rows:
        yield writer.writerow(["" if cell is None else cell for cell in row])


def csv_response(filename: str, header: Iterable[str], rows: Iterator[tuple[Any, ...]]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_stream(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def filtered(filterset_class: type, request: Request, queryset: models.QuerySet) -> models.QuerySet:
    filterset = filterset_class(request.query_params, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise exceptions.ValidationError(filterset.errors)
    return filterset.qs


CSV_RESPONSE = {(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV, one row per item, by id")}
