"""Figures: what sources report about one number, and its timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors
from claims.apis.common import missing
from claims.filters import FigureFilter
from claims.models import Claim, Figure
from config.api import capped


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
            raise missing("figure", pk)
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
            raise missing("figure", self.kwargs["pk"])
        return selectors.figure_timeline(figure)
