"""What the API modules share: the nested output serializers, input fields, lookups that answer 404,
audit trails and CSV streaming."""

from __future__ import annotations

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
from claims import exports, selectors
from claims.models import Event, Review
from claims.places import current_reader_language, subject_name, subject_uncertain
from core.api import MAX_ID, capped
from core.api_output import FastOutputSerializer

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


class SubjectNameField(serializers.CharField):
    """The name of a subject column's place in the reader's language (claims.places.reader_language:
    ?lang=, else Accept-Language, else English); the subject as written when the gazetteer does not
    know it."""

    def __init__(self, *, subject: str = "subject", **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "The subject's name in the reader's language (?lang= or Accept-Language); "
                                       "null for no subject")
        super().__init__(source=subject, allow_null=True, **kwargs)
        self.subject = subject

    def to_representation(self, value: Any) -> str:
        return subject_name(value, current_reader_language())

    def object_getter(self) -> Callable[[Any], str | None]:
        subject = self.subject
        return lambda obj: self._name(getattr(obj, subject))

    def row_getter(self, prefix: str) -> Callable[[dict[str, Any]], str | None]:
        column = prefix + self.subject
        return lambda row: self._name(row[column])

    @staticmethod
    def _name(subject: str | None) -> str | None:
        # None stays None, as DRF renders an empty attribute.
        return None if subject is None else subject_name(subject, current_reader_language())

    def columns(self, prefix: str) -> list[str]:
        return [prefix + self.subject]


class SubjectUncertainField(serializers.BooleanField):
    """Whether the claim's place is shown as uncertain (claims.places.subject_uncertain), read from
    its subject, confidence and ambiguity."""

    _COLUMNS = ("subject", "subject_confidence", "subject_ambiguous")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", **kwargs)

    def to_representation(self, value: Any) -> bool:
        return subject_uncertain(*(getattr(value, column) for column in self._COLUMNS))

    def object_getter(self) -> Callable[[Any], bool]:
        return self.to_representation

    def row_getter(self, prefix: str) -> Callable[[dict[str, Any]], bool]:
        subject, confidence, ambiguous = (prefix + column for column in self._COLUMNS)
        return lambda row: subject_uncertain(row[subject], row[confidence], row[ambiguous])

    def columns(self, prefix: str) -> list[str]:
        return [prefix + column for column in self._COLUMNS]


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
    subject = serializers.CharField(allow_null=True, help_text="The gazetteer's id of the place or body")
    subject_name = SubjectNameField()
    subject_confidence = serializers.FloatField(help_text="How sure the engine is of the subject, 0-1")
    subject_ambiguous = serializers.BooleanField(help_text="The text allows another subject")
    subject_uncertain = SubjectUncertainField(
        help_text="Ambiguous, resolved with low confidence, or not a known place: shown as uncertain")
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


def detail_with_events(base: type[FastOutputSerializer], ref_name: str) -> type[FastOutputSerializer]:
    """`base` with the first events of the object's audit trail, as `with_events` fills them."""
    fields = {
        "events": EventOutputSerializer(many=True, help_text="The first events, oldest first"),
        "events_truncated": serializers.BooleanField(help_text="Whether there are more events than `events`"),
        "events_url": serializers.URLField(help_text="The whole audit trail, page by page"),
        "Meta": type("Meta", (), {"ref_name": ref_name}),
        "__module__": base.__module__,
        "__qualname__": f"{ref_name}OutputSerializer",
    }
    return type(base)(f"{ref_name}OutputSerializer", (base,), fields)


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


# --- CSV exports -----------------------------------------------------------------------------

def csv_response(filename: str, header: Iterable[str], rows: Iterator[tuple[Any, ...]]) -> StreamingHttpResponse:
    """Rows streamed as CSV, each text cell guarded against formula injection (claims.exports)."""
    return exports.csv_response(filename, header, rows)


def filtered(filterset_class: type, request: Request, queryset: models.QuerySet) -> models.QuerySet:
    filterset = filterset_class(request.query_params, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise exceptions.ValidationError(filterset.errors)
    return filterset.qs


CSV_RESPONSE = {(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV, one row per item, by id")}
