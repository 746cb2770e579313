"""REST API v1 for claims, figures, conflicts, reviews and published ClaimReviews.

Each API validates its input with an InputSerializer, calls one service or selector, and renders
with an OutputSerializer. Who may do what is checked twice: by the permission class here (for a
clear refusal before any work) and by the service (the rule every entry point shares).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.filters import OrderingFilter
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.models import date_display
from claims import selectors
from claims.filters import ClaimFilter, ClaimReviewFilter, ConflictFilter, FigureFilter, ReviewFilter
from claims.models import Claim, Conflict, Event, Figure, Review
from claims.presentation import judged_reading
from claims.services import review as review_services
from core.api import MAX_ID, CanPublish, CanReview, capped, date_json, datetime_json, decimal_json

# --- shared output ---------------------------------------------------------------------------


class ArticleRefOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True, help_text="The article's canonical URL")
    source = serializers.CharField(source="source.name", allow_null=True, default=None)
    published = serializers.CharField(source="published_display",
                                      help_text="YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown")


class ClaimBriefOutputSerializer(serializers.Serializer):
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
    as_of = serializers.CharField(source="as_of_display", help_text="YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown")
    review_status = serializers.CharField()


class ClaimOutputSerializer(ClaimBriefOutputSerializer):
    article = ArticleRefOutputSerializer()
    figure_id = serializers.IntegerField(allow_null=True)
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    sentence = serializers.CharField()
    noun = serializers.CharField()
    as_of_precision = serializers.CharField()
    period_start = serializers.DateField(allow_null=True)
    time_start = serializers.DateField(allow_null=True)
    time_end = serializers.DateField(allow_null=True)
    attribution = serializers.CharField()
    part_of_id = serializers.IntegerField(allow_null=True)
    language = serializers.CharField()
    confidence = serializers.FloatField()
    rules = serializers.ListField(child=serializers.CharField())
    extractor_version = serializers.CharField()
    corrected = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class EventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    note = serializers.CharField()
    data = serializers.JSONField()
    created_at = serializers.DateTimeField()


class ConflictOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Conflict.Kind.choices)
    severity = serializers.FloatField()
    sources = serializers.IntegerField()
    details = serializers.JSONField()
    status = serializers.ChoiceField(choices=Conflict.Status.choices)
    assignee = serializers.CharField(source="assignee.username", allow_null=True, default=None)
    assigned_at = serializers.DateTimeField(allow_null=True)
    resolution = serializers.CharField()
    resolution_note = serializers.CharField()
    figure_id = serializers.IntegerField(allow_null=True)
    claim_a = ClaimBriefOutputSerializer()
    claim_b = ClaimBriefOutputSerializer(allow_null=True)
    created_at = serializers.DateTimeField()


class JudgedReadingOutputSerializer(serializers.Serializer):
    metric = serializers.CharField(source="judged_metric")
    subject = serializers.CharField(source="judged_subject", allow_null=True)
    value = serializers.DecimalField(source="judged_value", max_digits=20, decimal_places=4, allow_null=True)
    lower = serializers.DecimalField(source="judged_lower", max_digits=20, decimal_places=4, allow_null=True)
    upper = serializers.DecimalField(source="judged_upper", max_digits=20, decimal_places=4, allow_null=True)
    qualifier = serializers.CharField(source="judged_qualifier")


class ReviewOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    claim = ClaimBriefOutputSerializer()
    judged = JudgedReadingOutputSerializer(
        source="*", help_text="The claim's reading the verdict judged (the claim may read otherwise since)"
    )
    conflict_id = serializers.IntegerField(allow_null=True)
    reviewer = serializers.CharField(source="reviewer.username")
    rating = serializers.ChoiceField(choices=Review.Rating.choices)
    rationale = serializers.CharField()
    evidence_links = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=Review.Status.choices)
    approved_by = serializers.CharField(source="approved_by.username", allow_null=True, default=None)
    editor_note = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class FigureOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    metric = serializers.CharField()
    subject = serializers.CharField()
    scope = serializers.ChoiceField(choices=Figure.Scope.choices)
    event_key = serializers.CharField()


class TimelinePointOutputSerializer(serializers.Serializer):
    claim_id = serializers.IntegerField(source="id")
    article_id = serializers.IntegerField()
    source = serializers.CharField(source="article.source.name", allow_null=True, default=None)
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    lower = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    upper = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    qualifier = serializers.CharField()
    as_of = serializers.CharField(source="as_of_display")
    time_start = serializers.DateField(allow_null=True)
    time_end = serializers.DateField(allow_null=True)
    review_status = serializers.CharField()


# --- list pages from plain rows ----------------------------------------------------------------

# The claims and conflicts lists render selectors.claim_rows / conflict_rows dicts with these
# functions: the same JSON as ClaimOutputSerializer and ConflictOutputSerializer (which stay the
# schema's response types), at a fraction of the cost per row. A field added to one of those
# serializers must be added here too; tests/api/test_reads.py compares the two.

def _claim_brief_json(row: dict[str, Any], prefix: str = "", source: str = "article__source__name") -> dict[str, Any]:
    subject = row[prefix + "subject"]
    return {
        "id": row[prefix + "id"],
        "article_id": row[prefix + "article_id"],
        "source": row[source],
        "quote": row[prefix + "quote"],
        "metric": row[prefix + "metric"],
        "subject": None if subject is None else str(subject),
        "value": decimal_json(row[prefix + "value"]),
        "lower": decimal_json(row[prefix + "lower"]),
        "upper": decimal_json(row[prefix + "upper"]),
        "qualifier": row[prefix + "qualifier"],
        "unit": row[prefix + "unit"],
        "as_of": date_display(row[prefix + "as_of"], row[prefix + "as_of_precision"]),
        "review_status": row[prefix + "review_status"],
    }


def claim_row_json(row: dict[str, Any]) -> dict[str, Any]:
    """One selectors.claim_rows row as ClaimOutputSerializer renders the claim."""
    body = _claim_brief_json(row)
    body.update(
        article={
            "id": row["article_id"],
            "title": row["article__title"],
            "url": row["article__url"],
            "source": row["article__source__name"],
            "published": date_display(row["article__published"], row["article__published_precision"]),
        },
        figure_id=row["figure_id"],
        start=row["start"],
        end=row["end"],
        sentence=row["sentence"],
        noun=row["noun"],
        as_of_precision=row["as_of_precision"],
        period_start=date_json(row["period_start"]),
        time_start=date_json(row["time_start"]),
        time_end=date_json(row["time_end"]),
        attribution=row["attribution"],
        part_of_id=row["part_of_id"],
        language=row["language"],
        confidence=float(row["confidence"]),
        rules=[None if rule is None else str(rule) for rule in row["rules"]],
        extractor_version=row["extractor_version"],
        corrected=bool(row["corrected"]),
        created_at=datetime_json(row["created_at"]),
    )
    return body


def conflict_row_json(row: dict[str, Any]) -> dict[str, Any]:
    """One selectors.conflict_rows row as ConflictOutputSerializer renders the conflict."""
    return {
        "id": row["id"],
        "kind": row["kind"],
        "severity": float(row["severity"]),
        "sources": row["sources"],
        "details": row["details"],
        "status": row["status"],
        "assignee": row["assignee__username"],
        "assigned_at": datetime_json(row["assigned_at"]),
        "resolution": row["resolution"],
        "resolution_note": row["resolution_note"],
        "figure_id": row["figure_id"],
        "claim_a": _claim_brief_json(row, "claim_a__", "claim_a_source"),
        "claim_b": None if row["claim_b__id"] is None else _claim_brief_json(row, "claim_b__", "claim_b_source"),
        "created_at": datetime_json(row["created_at"]),
    }


def _missing(label: str, pk: int) -> exceptions.NotFound:
    return exceptions.NotFound(f"No {label} {pk}.")


def _require_exists(model: type[models.Model], pk: int) -> None:
    """A 404 for an action on an object that does not exist (the services' own check is a 400)."""
    if not model.objects.filter(pk=pk).exists():
        raise _missing(model._meta.verbose_name, pk)


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


# --- claims ----------------------------------------------------------------------------------

class ClaimListApi(ListAPIView):
    """Claims, newest first unless `ordering` says otherwise; cursor-paginated."""

    serializer_class = ClaimOutputSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["id", "created_at", "confidence"]
    ordering = ["-id"]

    def get_queryset(self) -> models.QuerySet[Claim]:
        return selectors.claim_list()

    # serializer_class stays the schema's response type; the page itself is rendered from rows.
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(selectors.claim_rows(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response([claim_row_json(row) for row in page])


class ClaimDetailApi(APIView):
    """A claim with the first TALLY_API_NESTED_LIMIT events of its audit trail (all at `events_url`)."""

    class OutputSerializer(ClaimOutputSerializer):
        events = EventOutputSerializer(many=True, help_text="The first events, oldest first")
        events_truncated = serializers.BooleanField(help_text="Whether there are more events than `events`")
        events_url = serializers.URLField(help_text="The whole audit trail, page by page")

        class Meta:
            ref_name = "ClaimDetail"

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        claim = selectors.claim_get(claim_id=pk)
        if claim is None:
            raise _missing("claim", pk)
        return Response(self.OutputSerializer(_with_events(claim, "api:claim-events", request=request)).data)


# --- audit trails ----------------------------------------------------------------------------

def _events(model: type[models.Model], pk: int) -> models.QuerySet[Event]:
    """The audit trail of one object, in the order it was written."""
    object_type = f"{model._meta.app_label}.{model._meta.model_name}"
    return selectors.event_list(object_type=object_type, object_ids=[pk]).order_by("id")


def _with_events(instance: Any, url_name: str, *, request: Request) -> Any:
    """The claim or conflict with the first TALLY_API_NESTED_LIMIT `events`, `events_truncated`
    and `events_url` (the list `url_name` names)."""
    instance.events, instance.events_truncated = capped(_events(type(instance), instance.id),
                                                        settings.TALLY_API_NESTED_LIMIT)
    instance.events_url = request.build_absolute_uri(reverse(url_name, kwargs={"pk": instance.id}))
    return instance


class _EventListApi(ListAPIView):
    serializer_class = EventOutputSerializer
    filter_backends: list[type] = []
    ordering = ["id"]
    model: type[models.Model]

    def get_queryset(self) -> models.QuerySet[Event]:
        _require_exists(self.model, self.kwargs["pk"])
        return _events(self.model, self.kwargs["pk"])


class ClaimEventListApi(_EventListApi):
    """A claim's audit trail, oldest first; cursor-paginated."""

    model = Claim


class ConflictEventListApi(_EventListApi):
    """A conflict's audit trail, oldest first; cursor-paginated."""

    model = Conflict


class VerdictInputSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Review.Rating.choices)
    rationale = serializers.CharField(max_length=20_000)
    evidence_links = serializers.ListField(child=serializers.URLField(max_length=2000), required=False,
                                           default=list, max_length=50)


class ClaimVerdictApi(APIView):
    """A reviewer's verdict on a claim; it waits for an editor's approval."""

    permission_classes = [CanReview]

    @extend_schema(request=VerdictInputSerializer, responses={201: ReviewOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        _require_exists(Claim, pk)
        data = _valid(VerdictInputSerializer, request)
        review = review_services.claim_review_submit(claim_id=pk, reviewer=request.user, **data)
        return Response(ReviewOutputSerializer(selectors.review_get(review_id=review.id)).data,
                        status=status.HTTP_201_CREATED)


class ClaimCorrectApi(APIView):
    """Correct what the engine read; the claim's conflicts are judged again."""

    permission_classes = [CanReview]

    class InputSerializer(serializers.Serializer):
        value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True, required=False)
        lower = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True, required=False)
        upper = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True, required=False)
        metric = serializers.CharField(max_length=40, required=False)
        subject = serializers.CharField(max_length=100, allow_blank=True, allow_null=True, required=False)
        qualifier = serializers.ChoiceField(choices=Claim._meta.get_field("qualifier").choices, required=False)
        note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)

        class Meta:
            ref_name = "ClaimCorrectInput"

    @extend_schema(request=InputSerializer, responses=ClaimOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        _require_exists(Claim, pk)
        data = _valid(self.InputSerializer, request)
        note = data.pop("note")
        review_services.claim_correct(claim_id=pk, reviewer=request.user, changes=data, note=note)
        return Response(ClaimOutputSerializer(selectors.claim_get(claim_id=pk)).data)


class ClaimNotAClaimApi(APIView):
    """The engine read something that is not a claim; its open conflicts close with it."""

    permission_classes = [CanReview]

    @extend_schema(request=NoteInputSerializer, responses=ClaimOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        _require_exists(Claim, pk)
        data = _valid(NoteInputSerializer, request)
        review_services.claim_mark_not_a_claim(claim_id=pk, reviewer=request.user, note=data["note"])
        return Response(ClaimOutputSerializer(selectors.claim_get(claim_id=pk)).data)


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
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


def _csv_response(filename: str, header: Iterable[str], rows: Iterator[tuple[Any, ...]]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_stream(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filtered(filterset_class: type, request: Request, queryset: models.QuerySet) -> models.QuerySet:
    filterset = filterset_class(request.query_params, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise exceptions.ValidationError(filterset.errors)
    return filterset.qs


CSV_RESPONSE = {(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV, one row per item, by id")}


# Outside ATOMIC_REQUESTS: the rows are read while the response streams, after the view returns,
# through a server-side cursor that must not wait on a request transaction.
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class ClaimExportApi(APIView):
    """The claims matching the list's filters as CSV, streamed (fit for millions of rows)."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter
    pagination_class = None

    @extend_schema(responses=CSV_RESPONSE)
    def get(self, request: Request) -> StreamingHttpResponse:
        queryset = _filtered(ClaimFilter, request, Claim.objects.all())
        columns = [column.replace("article__source__name", "source").replace("__", "_")
                   for column in selectors.CLAIM_EXPORT_COLUMNS]
        return _csv_response("claims.csv", columns, selectors.claims_export_rows(queryset))


@method_decorator(transaction.non_atomic_requests, name="dispatch")
class ConflictExportApi(APIView):
    """The conflicts matching the list's filters as CSV, streamed."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = ConflictFilter
    pagination_class = None

    @extend_schema(responses=CSV_RESPONSE)
    def get(self, request: Request) -> StreamingHttpResponse:
        queryset = _filtered(ConflictFilter, request, Conflict.objects.all())
        columns = [column.replace("__article__source__name", "_source").replace("__", "_")
                   for column in selectors.CONFLICT_EXPORT_COLUMNS]
        return _csv_response("conflicts.csv", columns, selectors.conflicts_export_rows(queryset))


# --- figures ---------------------------------------------------------------------------------

class FigureListApi(ListAPIView):
    serializer_class = FigureOutputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = FigureFilter

    def get_queryset(self) -> models.QuerySet[Figure]:
        return selectors.figure_list()


class FigureDetailApi(APIView):
    """A figure with its timeline: every source's value over time, oldest first (at most
    TALLY_API_TIMELINE_LIMIT points; `timeline_truncated` says when there are more, all of them
    at `timeline_url`)."""

    class OutputSerializer(FigureOutputSerializer):
        timeline = TimelinePointOutputSerializer(many=True)
        timeline_truncated = serializers.BooleanField()
        timeline_url = serializers.URLField(help_text="The whole timeline, page by page")

        class Meta:
            ref_name = "FigureDetail"

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        figure = selectors.figure_list(id=pk).first()
        if figure is None:
            raise _missing("figure", pk)
        figure.timeline, figure.timeline_truncated = capped(selectors.figure_timeline(figure),
                                                            settings.TALLY_API_TIMELINE_LIMIT)
        figure.timeline_url = request.build_absolute_uri(reverse("api:figure-timeline", kwargs={"pk": figure.id}))
        return Response(self.OutputSerializer(figure).data)


class FigureTimelineApi(ListAPIView):
    """A figure's timeline, oldest first, undated points last; cursor-paginated."""

    serializer_class = TimelinePointOutputSerializer
    filter_backends: list[type] = []
    ordering = ["timeline_key"]  # selectors.figure_timeline's unique key

    def get_queryset(self) -> models.QuerySet[Claim]:
        figure = selectors.figure_list(id=self.kwargs["pk"]).first()
        if figure is None:
            raise _missing("figure", self.kwargs["pk"])
        return selectors.figure_timeline(figure)


# --- conflicts -------------------------------------------------------------------------------

class ConflictListApi(ListAPIView):
    """Conflicts, most severe first unless `ordering` says otherwise; cursor-paginated."""

    serializer_class = ConflictOutputSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ConflictFilter
    ordering_fields = ["id", "severity", "created_at"]
    ordering = ["-severity", "-id"]

    def get_queryset(self) -> models.QuerySet[Conflict]:
        return selectors.conflict_list()

    # serializer_class stays the schema's response type; the page itself is rendered from rows.
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(selectors.conflict_rows(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response([conflict_row_json(row) for row in page])


class ConflictDetailApi(APIView):
    """A conflict with the first TALLY_API_NESTED_LIMIT events of its audit trail (all at `events_url`)."""

    class OutputSerializer(ConflictOutputSerializer):
        events = EventOutputSerializer(many=True, help_text="The first events, oldest first")
        events_truncated = serializers.BooleanField(help_text="Whether there are more events than `events`")
        events_url = serializers.URLField(help_text="The whole audit trail, page by page")

        class Meta:
            ref_name = "ConflictDetail"

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        conflict = selectors.conflict_get(conflict_id=pk)
        if conflict is None:
            raise _missing("conflict", pk)
        return Response(self.OutputSerializer(_with_events(conflict, "api:conflict-events", request=request)).data)


def _conflict_response(conflict_id: int) -> Response:
    return Response(ConflictOutputSerializer(selectors.conflict_get(conflict_id=conflict_id)).data)


class ConflictTakeNextApi(APIView):
    """Assign the highest-priority open conflict to the caller: 200 with it, 204 when the queue is empty."""

    permission_classes = [CanReview]

    @extend_schema(request=None, responses={200: ConflictOutputSerializer, 204: None})
    def post(self, request: Request) -> Response:
        conflict = review_services.conflict_take_next(reviewer=request.user)
        if conflict is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return _conflict_response(conflict.id)


class ConflictAssignApi(APIView):
    """Give a conflict to a reviewer (editors and admins)."""

    permission_classes = [CanPublish]

    class InputSerializer(serializers.Serializer):
        assignee = IdField(help_text="The reviewer's user id")
        note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)

        class Meta:
            ref_name = "ConflictAssignInput"

    @extend_schema(request=InputSerializer, responses=ConflictOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        _require_exists(Conflict, pk)
        data = _valid(self.InputSerializer, request)
        assignee = get_user_model().objects.filter(pk=data["assignee"], is_active=True).first()
        if assignee is None:
            raise exceptions.ValidationError({"assignee": [f"No active user {data['assignee']}."]})
        review_services.conflict_assign(conflict_id=pk, assignee=assignee, actor=request.user, note=data["note"])
        return _conflict_response(pk)


class ConflictReleaseApi(APIView):
    """Put an assigned conflict back in the queue (its assignee, or an editor)."""

    permission_classes = [CanReview]

    @extend_schema(request=NoteInputSerializer, responses=ConflictOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        _require_exists(Conflict, pk)
        data = _valid(NoteInputSerializer, request)
        review_services.conflict_release(conflict_id=pk, actor=request.user, note=data["note"])
        return _conflict_response(pk)


class ConflictResolveApi(APIView):
    """Resolve a conflict: which claim holds, or why both can stand; optional verdicts on its claims."""

    permission_classes = [CanReview]

    class InputSerializer(serializers.Serializer):
        class VerdictSerializer(VerdictInputSerializer):
            claim = IdField()

            class Meta:
                ref_name = "ConflictVerdictInput"

        resolution = serializers.ChoiceField(choices=Conflict.Resolution.choices)
        note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)
        verdicts = VerdictSerializer(many=True, required=False, default=list)
        wrong_claim = IdField(required=False, allow_null=True, default=None,
                              help_text="For an extraction error: the claim the engine read wrongly")

        class Meta:
            ref_name = "ConflictResolveInput"

    @extend_schema(request=InputSerializer, responses=ConflictOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        _require_exists(Conflict, pk)
        data = _valid(self.InputSerializer, request)
        verdicts = [
            review_services.VerdictInput(claim_id=item["claim"], rating=item["rating"], rationale=item["rationale"],
                                         evidence_links=tuple(item["evidence_links"]))
            for item in data["verdicts"]
        ]
        review_services.conflict_resolve(conflict_id=pk, reviewer=request.user, resolution=data["resolution"],
                                         note=data["note"], verdicts=verdicts, wrong_claim_id=data["wrong_claim"])
        return _conflict_response(pk)


class ConflictDismissApi(APIView):
    """Not a real disagreement; the note says why."""

    permission_classes = [CanReview]

    @extend_schema(request=RequiredNoteInputSerializer, responses=ConflictOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        _require_exists(Conflict, pk)
        data = _valid(RequiredNoteInputSerializer, request)
        review_services.conflict_dismiss(conflict_id=pk, reviewer=request.user, note=data["note"])
        return _conflict_response(pk)


# --- reviews ---------------------------------------------------------------------------------

class ReviewListApi(ListAPIView):
    serializer_class = ReviewOutputSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ReviewFilter
    ordering_fields = ["id", "created_at"]
    ordering = ["-id"]

    def get_queryset(self) -> models.QuerySet[Review]:
        return selectors.review_list()


class ReviewDetailApi(APIView):
    @extend_schema(responses=ReviewOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        review = selectors.review_get(review_id=pk)
        if review is None:
            raise _missing("review", pk)
        return Response(ReviewOutputSerializer(review).data)


class ReviewApproveApi(APIView):
    """An editor publishes a reviewer's verdict (never their own)."""

    permission_classes = [CanPublish]

    @extend_schema(request=NoteInputSerializer, responses=ReviewOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        _require_exists(Review, pk)
        data = _valid(NoteInputSerializer, request)
        review_services.review_approve(review_id=pk, editor=request.user, note=data["note"])
        return Response(ReviewOutputSerializer(selectors.review_get(review_id=pk)).data)


class ReviewRejectApi(APIView):
    """An editor sends a verdict back; the claim returns to review."""

    permission_classes = [CanPublish]

    @extend_schema(request=RequiredNoteInputSerializer, responses=ReviewOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        _require_exists(Review, pk)
        data = _valid(RequiredNoteInputSerializer, request)
        review_services.review_reject(review_id=pk, editor=request.user, note=data["note"])
        return Response(ReviewOutputSerializer(selectors.review_get(review_id=pk)).data)


# --- published verdicts as schema.org ClaimReview ---------------------------------------------

# ratingValue on a 1 (worst) to 5 (best) scale, in Review.Rating order. Google's fact-check
# documentation (developers.google.com/search/docs/appearance/structured-data/factcheck) requires
# reviewRating.alternateName, the rating as words, and wants ratingValue, when given, between
# worstRating and bestRating. "Unverifiable" is not a point on a truth scale, so its Rating carries
# alternateName only: no ratingValue, bestRating or worstRating.
RATING_VALUE: dict[str, int] = {
    Review.Rating.ACCURATE: 5,
    Review.Rating.MOSTLY_ACCURATE: 4,
    Review.Rating.MISLEADING: 3,
    Review.Rating.INACCURATE: 1,
}
BEST_RATING, WORST_RATING = 5, 1

_ORGANIZATION = {
    "type": "object", "required": ["@type", "name"],
    "properties": {"@type": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string"}},
}
CLAIM_REVIEW_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A published verdict as schema.org ClaimReview (JSON-LD).",
    "required": ["@context", "@type", "url", "claimReviewed", "reviewRating", "itemReviewed", "author",
                 "datePublished"],
    "properties": {
        "@context": {"type": "string", "enum": ["https://schema.org"]},
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "@id": {"type": "string"},
        "url": {"type": "string"},
        "claimReviewed": {"type": "string"},
        "datePublished": {"type": "string", "format": "date"},
        "inLanguage": {"type": "string"},
        "author": _ORGANIZATION,
        "reviewRating": {
            "type": "object", "required": ["@type", "alternateName"],
            "properties": {
                "@type": {"type": "string", "enum": ["Rating"]},
                "ratingValue": {"type": "integer", "minimum": WORST_RATING, "maximum": BEST_RATING},
                "bestRating": {"type": "integer", "enum": [BEST_RATING]},
                "worstRating": {"type": "integer", "enum": [WORST_RATING]},
                "alternateName": {"type": "string"},
                "ratingExplanation": {"type": "string"},
            },
        },
        "itemReviewed": {
            "type": "object", "required": ["@type", "appearance", "description"],
            "properties": {
                "@type": {"type": "string", "enum": ["Claim"]},
                "description": {"type": "string", "description": "The reading the verdict judged"},
                "author": _ORGANIZATION,
                "datePublished": {"type": "string"},
                "appearance": {
                    "type": "object", "required": ["@type", "headline"],
                    "properties": {
                        "@type": {"type": "string"}, "url": {"type": "string"}, "headline": {"type": "string"},
                        "datePublished": {"type": "string"}, "quotation": {"type": "string"},
                    },
                },
            },
        },
    },
}
def claim_review_jsonld(review: Review, *, request: Request) -> dict[str, Any]:
    """One published Review as ClaimReview; needs claim, its article and source loaded."""
    claim, article = review.claim, review.claim.article
    url = request.build_absolute_uri(reverse("api:claim-claimreview", kwargs={"pk": claim.id}))
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": review.get_rating_display()}
    if review.rating in RATING_VALUE:
        rating.update(ratingValue=RATING_VALUE[review.rating], bestRating=BEST_RATING, worstRating=WORST_RATING)
    if review.rationale:
        rating["ratingExplanation"] = review.rationale
    appearance: dict[str, Any] = {"@type": "NewsArticle", "headline": article.title, "quotation": claim.quote}
    if article.url:
        appearance["url"] = article.url
    if article.published_display:
        appearance["datePublished"] = article.published_display
    # The reading the reviewer judged, not the claim's current one: a verdict is pinned to it.
    item: dict[str, Any] = {"@type": "Claim", "description": judged_reading(review), "appearance": appearance}
    if article.source is not None:
        item["author"] = {"@type": "Organization", "name": article.source.name}
        if article.source.domain:
            item["author"]["url"] = f"https://{article.source.domain}"
    if article.published_display:
        item["datePublished"] = article.published_display
    body: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": url,
        "url": url,
        "claimReviewed": claim.sentence or claim.quote,
        "datePublished": review.published_at.date().isoformat(),
        "author": {"@type": "Organization", "name": settings.TALLY_ORGANISATION_NAME,
                   "url": settings.TALLY_ORGANISATION_URL},
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if claim.language:
        body["inLanguage"] = claim.language
    return body


class ClaimReviewListApi(ListAPIView):
    """Published verdicts as schema.org ClaimReview JSON-LD, newest first. Open to everyone."""

    permission_classes = [AllowAny]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimReviewFilter
    ordering = ["-published_at", "-id"]

    def get_queryset(self) -> models.QuerySet[Review]:
        return selectors.published_reviews()

    # A list view: the schema wraps the item in the cursor page.
    @extend_schema(responses={200: CLAIM_REVIEW_SCHEMA})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response([claim_review_jsonld(review, request=request) for review in page])


class ClaimClaimReviewApi(APIView):
    """The claim's latest published verdict as ClaimReview JSON-LD; 404 until one is published."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: CLAIM_REVIEW_SCHEMA})
    def get(self, request: Request, pk: int) -> Response:
        # The claim is looked up through the reviews' foreign key, for which Django does not turn an
        # id beyond the key's range into "no row" as it does for a primary key.
        review = selectors.claim_published_review(claim_id=pk) if pk <= MAX_ID else None
        if review is None:
            raise exceptions.NotFound(f"Claim {pk} has no published verdict.")
        return Response(claim_review_jsonld(review, request=request))
