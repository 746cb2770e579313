"""Claims: the list, a claim with its audit trail, a reviewer's verdict and corrections, the CSV export."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.http import StreamingHttpResponse
from django.utils.decorators import method_decorator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.filters import OrderingFilter
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors
from claims.apis.common import (CSV_RESPONSE, ArticleRefOutputSerializer, ClaimBriefOutputSerializer, EventListApi,
                                NoteInputSerializer, VerdictInputSerializer, csv_response, detail_with_events,
                                filtered, missing, require_exists, with_events)
from claims.apis.reviews import ReviewOutputSerializer
from claims.filters import ClaimFilter
from claims.models import Claim
from claims.services import review as review_services
from core.api import CanReview, validated


class ClaimOutputSerializer(ClaimBriefOutputSerializer):
    article = ArticleRefOutputSerializer()
    figure_id = serializers.IntegerField(allow_null=True)
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    sentence = serializers.CharField()
    noun = serializers.CharField()
    as_of_precision = serializers.CharField()
    as_of_weekday = serializers.IntegerField(
        allow_null=True, help_text="Of an article dated by its month alone: the weekday its text names, 0 = Monday")
    as_of_offset = serializers.IntegerField(
        allow_null=True, help_text="Of an article dated by its month alone: the days after an event its text names")
    as_of_inferred = serializers.BooleanField(
        help_text="The day was inferred from the weekday or the days after an event the text names and other "
                  "articles' reports")
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


class ClaimListApi(ListAPIView):
    """Claims, newest first unless `ordering` says otherwise; cursor-paginated."""

    serializer_class = ClaimOutputSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["id", "created_at", "confidence"]
    ordering = ["-id"]

    def get_queryset(self) -> models.QuerySet[Claim]:
        return selectors.claim_list()

    # The page is read as rows of the serializer's columns, not as model instances.
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = selectors.claim_rows(self.filter_queryset(self.get_queryset()), ClaimOutputSerializer.row_columns())
        return self.get_paginated_response(ClaimOutputSerializer(self.paginate_queryset(rows), many=True).data)


class ClaimDetailApi(APIView):
    """A claim with the first TALLY_API_NESTED_LIMIT events of its audit trail (all at `events_url`)."""

    OutputSerializer = detail_with_events(ClaimOutputSerializer, "ClaimDetail")

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        claim = selectors.claim_get(claim_id=pk)
        if claim is None:
            raise missing("claim", pk)
        return Response(self.OutputSerializer(with_events(claim, "api:claim-events", request=request)).data)


class ClaimEventListApi(EventListApi):
    """A claim's audit trail, oldest first; cursor-paginated."""

    model = Claim


class ClaimVerdictApi(APIView):
    """A reviewer's verdict on a claim; it waits for an editor's approval."""

    permission_classes = [CanReview]

    @extend_schema(request=VerdictInputSerializer, responses={201: ReviewOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        require_exists(Claim, pk)
        data = validated(VerdictInputSerializer, request)
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
        require_exists(Claim, pk)
        data = validated(self.InputSerializer, request)
        note = data.pop("note")
        review_services.claim_correct(claim_id=pk, reviewer=request.user, changes=data, note=note)
        return Response(ClaimOutputSerializer(selectors.claim_get(claim_id=pk)).data)


class ClaimNotAClaimApi(APIView):
    """The engine read something that is not a claim; its open conflicts close with it."""

    permission_classes = [CanReview]

    @extend_schema(request=NoteInputSerializer, responses=ClaimOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        require_exists(Claim, pk)
        data = validated(NoteInputSerializer, request)
        review_services.claim_mark_not_a_claim(claim_id=pk, reviewer=request.user, note=data["note"])
        return Response(ClaimOutputSerializer(selectors.claim_get(claim_id=pk)).data)


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
        queryset = filtered(ClaimFilter, request, Claim.objects.all())
        columns = [column.replace("article__source__name", "source").replace("__", "_")
                   for column in selectors.CLAIM_EXPORT_COLUMNS]
        return csv_response("claims.csv", columns, selectors.claims_export_rows(queryset))
