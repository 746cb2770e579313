from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from articles.filters import ArticleFilter, SourceFilter
from articles.models import Article, Source
from articles.parsing import MAX_SOURCE_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS, ArticleInput, IngestError, parse_date
from articles.selectors import article_list, source_list
from articles.services import article_ingest, source_create, source_update
from core.api import CanIngest, ReadOrManageSources
from core.api_output import FastOutputSerializer


# --- REST API v1: sources and articles --------------------------------------------------------

class SourceOutputSerializer(FastOutputSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    domain = serializers.CharField(allow_null=True)
    country = serializers.CharField()
    kind = serializers.ChoiceField(choices=Source.Kind.choices)


class SourceListApi(ListAPIView):
    """Sources, by name; admins add them."""

    permission_classes = [ReadOrManageSources]
    serializer_class = SourceOutputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = SourceFilter
    ordering = ["name"]

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        domain = serializers.CharField(max_length=253, required=False, allow_null=True, allow_blank=True, default=None)
        country = serializers.RegexField(r"^[A-Za-z]{2}\Z", required=False, allow_blank=True, default="",
                                         help_text="ISO 3166-1 alpha-2")
        kind = serializers.ChoiceField(choices=Source.Kind.choices, required=False, default=Source.Kind.OTHER)

        class Meta:
            ref_name = "SourceCreateInput"

    def get_queryset(self) -> QuerySet[Source]:
        return source_list()

    @extend_schema(request=InputSerializer, responses={201: SourceOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source = source_create(**serializer.validated_data)
        return Response(SourceOutputSerializer(source).data, status=status.HTTP_201_CREATED)


class SourceDetailApi(APIView):
    permission_classes = [ReadOrManageSources]

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200, required=False)
        domain = serializers.CharField(max_length=253, required=False, allow_null=True, allow_blank=True)
        country = serializers.RegexField(r"^[A-Za-z]{2}\Z", required=False, allow_blank=True)
        kind = serializers.ChoiceField(choices=Source.Kind.choices, required=False)

        class Meta:
            ref_name = "SourceUpdateInput"

    def _source(self, pk: int) -> Source:
        source = source_list(id=pk).first()
        if source is None:
            raise exceptions.NotFound(f"No source {pk}.")
        return source

    @extend_schema(responses=SourceOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(SourceOutputSerializer(self._source(pk)).data)

    @extend_schema(request=InputSerializer, responses=SourceOutputSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        source = self._source(pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(SourceOutputSerializer(source_update(source=source, changes=serializer.validated_data)).data)


class ArticleOutputSerializer(FastOutputSerializer):
    id = serializers.IntegerField()
    api_url = serializers.SerializerMethodField(help_text="This article in the API")
    url = serializers.CharField(allow_null=True, help_text="The article's canonical URL")
    source = SourceOutputSerializer(allow_null=True)
    title = serializers.CharField()
    language = serializers.CharField()
    published = serializers.CharField(source="published_display", help_text="YYYY, YYYY-MM or YYYY-MM-DD")
    published_precision = serializers.CharField()
    status = serializers.ChoiceField(choices=Article.Status.choices, help_text="Processing status")
    last_error = serializers.CharField()
    warning = serializers.CharField(help_text="What extraction left out (claims beyond the limit, numbers too large)")
    syndicated_from_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()

    def get_api_url(self, article: Article) -> str:
        return _article_url(self.context["request"], article.id)


def _article_url(request: Request, article_id: int) -> str:
    return request.build_absolute_uri(reverse("api:article-detail", kwargs={"pk": article_id}))


class StringField(serializers.CharField):
    """A CharField that takes only a JSON string: DRF's turns a number into its digits, so that
    `"title": 2024` would be stored as the title "2024"."""

    default_error_messages = {"invalid": "Not a valid string."}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ArticleListApi(ListAPIView):
    """Articles, newest first; POST ingests one (202 when new, 200 with the existing one when a duplicate)."""

    serializer_class = ArticleOutputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ArticleFilter
    ordering = ["-id"]

    class InputSerializer(serializers.Serializer):
        # The limits are the ingest service's (articles.parsing.validate), which checks every field
        # again; here they also document the schema.
        title = StringField(max_length=MAX_TITLE_CHARS)
        # No max_length: a body over TALLY_MAX_BODY_BYTES is the ingest service's 413.
        body = StringField(trim_whitespace=False)
        url = StringField(max_length=MAX_URL_CHARS, required=False, allow_null=True, allow_blank=True, default=None,
                          help_text="An http(s) URL; stored in canonical form, which must fit the same limit")
        source = StringField(max_length=MAX_SOURCE_CHARS, required=False, allow_null=True, allow_blank=True,
                             default=None, help_text="A source's name or domain")
        language = StringField(max_length=2, required=False, allow_null=True, allow_blank=True,
                               default=None, help_text="ISO 639-1 (en, fr, es or de); detected when absent")
        published = StringField(max_length=40, required=False, allow_null=True, allow_blank=True,
                                default=None, help_text="YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time")

        class Meta:
            ref_name = "ArticleIngestInput"

        def validate_published(self, value: str | None) -> tuple[Any, str] | None:
            if not value:
                return None
            try:
                return parse_date(value)
            except ValueError as error:
                raise serializers.ValidationError(str(error)) from None

    def get_queryset(self) -> QuerySet[Article]:
        return article_list()

    def get_permissions(self) -> list[Any]:
        return [CanIngest()] if self.request.method == "POST" else super().get_permissions()

    @extend_schema(request=InputSerializer, responses={202: ArticleOutputSerializer, 200: ArticleOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        published, precision = data["published"] or (None, "")
        item = ArticleInput(
            title=data["title"], body=data["body"], url=data["url"] or None, source=data["source"] or None,
            language=data["language"] or None, published=published, published_precision=precision, origin="api",
        )
        try:
            article, created = article_ingest(data=item)
        except IngestError as error:
            if error.status != status.HTTP_400_BAD_REQUEST:
                # A body over the limit: the 413 of the API's exception handler (core.api).
                raise
            field = error.field or api_settings.NON_FIELD_ERRORS_KEY
            raise exceptions.ValidationError({field: [error.message]}) from None
        body = ArticleOutputSerializer(article, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK,
                        headers={"Location": body["api_url"]})


