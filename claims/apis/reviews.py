"""Reviews: reviewers' verdicts, and their approval or rejection by an editor."""

from __future__ import annotations

from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.filters import OrderingFilter
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors
from claims.apis.common import (ClaimBriefOutputSerializer, NoteInputSerializer, RequiredNoteInputSerializer, missing,
                                require_exists, validated)
from claims.filters import ReviewFilter
from claims.models import Review
from claims.services import review as review_services
from config.api import CanPublish


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
            raise missing("review", pk)
        return Response(ReviewOutputSerializer(review).data)


class ReviewApproveApi(APIView):
    """An editor publishes a reviewer's verdict (never their own)."""

    permission_classes = [CanPublish]

    @extend_schema(request=NoteInputSerializer, responses=ReviewOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        require_exists(Review, pk)
        data = validated(NoteInputSerializer, request)
        review_services.review_approve(review_id=pk, editor=request.user, note=data["note"])
        return Response(ReviewOutputSerializer(selectors.review_get(review_id=pk)).data)


class ReviewRejectApi(APIView):
    """An editor sends a verdict back; the claim returns to review."""

    permission_classes = [CanPublish]

    @extend_schema(request=RequiredNoteInputSerializer, responses=ReviewOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        require_exists(Review, pk)
        data = validated(RequiredNoteInputSerializer, request)
        review_services.review_reject(review_id=pk, editor=request.user, note=data["note"])
        return Response(ReviewOutputSerializer(selectors.review_get(review_id=pk)).data)
