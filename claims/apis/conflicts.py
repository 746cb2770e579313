"""Conflicts: the list and queue, a conflict with its audit trail, assignment, resolution, the CSV export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.http import StreamingHttpResponse
from django.utils.decorators import method_decorator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.filters import OrderingFilter
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors
from claims.apis.common import (CSV_RESPONSE, ClaimBriefOutputSerializer, EventListApi, IdField, NoteInputSerializer,
                                RequiredNoteInputSerializer, VerdictInputSerializer, csv_response, detail_with_events,
                                filtered, missing, require_exists, with_events)
from claims.filters import ConflictFilter
from claims.models import Conflict
from claims.services import review as review_services
from core.api import CanPublish, CanReview, validated
from core.api_output import FastOutputSerializer


class ConflictOutputSerializer(FastOutputSerializer):
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


class ConflictEventListApi(EventListApi):
    """A conflict's audit trail, oldest first; cursor-paginated."""

    model = Conflict


# Outside ATOMIC_REQUESTS, as ClaimExportApi.
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class ConflictExportApi(APIView):
    """The conflicts matching the list's filters as CSV, streamed."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = ConflictFilter
    pagination_class = None

    @extend_schema(responses=CSV_RESPONSE)
    def get(self, request: Request) -> StreamingHttpResponse:
        queryset = filtered(ConflictFilter, request, Conflict.objects.all())
        columns = [column.replace("__article__source__name", "_source").replace("__", "_")
                   for column in selectors.CONFLICT_EXPORT_COLUMNS]
        return csv_response("conflicts.csv", columns, selectors.conflicts_export_rows(queryset))


class ConflictListApi(ListAPIView):
    """Conflicts, most severe first unless `ordering` says otherwise; cursor-paginated."""

    serializer_class = ConflictOutputSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ConflictFilter
    ordering_fields = ["id", "severity", "created_at"]
    ordering = ["-severity", "-id"]

    def get_queryset(self) -> models.QuerySet[Conflict]:
        return selectors.conflict_list()

    # The page is read as rows of the serializer's columns, not as model instances.
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        columns = ConflictOutputSerializer.row_columns()
        rows = selectors.conflict_rows(self.filter_queryset(self.get_queryset()), columns)
        return self.get_paginated_response(ConflictOutputSerializer(self.paginate_queryset(rows), many=True).data)


class ConflictDetailApi(APIView):
    """A conflict with the first TALLY_API_NESTED_LIMIT events of its audit trail (all at `events_url`)."""

    OutputSerializer = detail_with_events(ConflictOutputSerializer, "ConflictDetail")

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        conflict = selectors.conflict_get(conflict_id=pk)
        if conflict is None:
            raise missing("conflict", pk)
        return Response(self.OutputSerializer(with_events(conflict, "api:conflict-events", request=request)).data)


def _conflict_response(conflict_id: int) -> Response:
    return Response(ConflictOutputSerializer(selectors.conflict_get(conflict_id=conflict_id)).data)


class ConflictTakeNextApi(APIView):
    """Assign the highest-priority open conflict to the caller: 200 with it, 204 when the queue is
    empty. A reviewer holds one conflict at a time: while the caller holds one, 409
    (`conflict_held`, naming it), unless `release_held` puts it back in the queue first."""

    permission_classes = [CanReview]

    class InputSerializer(serializers.Serializer):
        release_held = serializers.BooleanField(required=False, default=False,
                                                help_text="Put the conflict the caller holds back in the queue first")

        class Meta:
            ref_name = "ConflictTakeNextInput"

    @extend_schema(request=InputSerializer, responses={200: ConflictOutputSerializer, 204: None})
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request)
        conflict = review_services.conflict_take_next(reviewer=request.user, release_held=data["release_held"])
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
        require_exists(Conflict, pk)
        data = validated(self.InputSerializer, request)
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
        require_exists(Conflict, pk)
        data = validated(NoteInputSerializer, request)
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
        require_exists(Conflict, pk)
        data = validated(self.InputSerializer, request)
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
        require_exists(Conflict, pk)
        data = validated(RequiredNoteInputSerializer, request)
        review_services.conflict_dismiss(conflict_id=pk, reviewer=request.user, note=data["note"])
        return _conflict_response(pk)
