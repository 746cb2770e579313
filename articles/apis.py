from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
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
from articles.selectors import article_get, article_list, health_check, source_list
from articles.services import article_ingest, source_create, source_update
from claims.models import Claim
from claims.selectors import article_claims
from config.api import CanIngest, ReadOrManageSources, capped
from config.api_output import FastOutputSerializer


# Outside ATOMIC_REQUESTS: opening the request's transaction would itself fail when the database is down.
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class HealthzApi(View):
    """Database and broker reachability: 200 when both answer, 503 naming the part that failed."""

    def get(self, request):  # type: ignore[no-untyped-def]
        report = health_check()
        return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


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
            if "over the limit" in error.message:
                raise
            field = error.field or api_settings.NON_FIELD_ERRORS_KEY
            raise exceptions.ValidationError({field: [error.message]}) from None
        body = ArticleOutputSerializer(article, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK,
                        headers={"Location": body["api_url"]})


class ArticleClaimSpanOutputSerializer(FastOutputSerializer):
    id = serializers.IntegerField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    quote = serializers.CharField()
    metric = serializers.CharField()
    subject = serializers.CharField(allow_null=True)
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    lower = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    upper = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    qualifier = serializers.CharField()
    unit = serializers.CharField()
    as_of = serializers.CharField(source="as_of_display")
    review_status = serializers.CharField()

    class Meta:
        ref_name = "ArticleClaimSpan"


class ArticleDetailApi(APIView):
    """An article with its claims and their spans into its text (title, blank line, body): the
    first TALLY_API_NESTED_LIMIT in text order, all of them at `claims_url`."""

    class OutputSerializer(ArticleOutputSerializer):
        body = serializers.CharField()
        text = serializers.CharField(help_text="What claim spans index: the title, a blank line, the body")
        origin = serializers.CharField()
        extractor_version = serializers.CharField()
        claims = ArticleClaimSpanOutputSerializer(many=True, source="claim_spans",
                                                  help_text="The first claims in text order")
        claims_truncated = serializers.BooleanField(help_text="Whether the article has more claims than `claims`")
        claims_url = serializers.URLField(help_text="All of the article's claims, page by page")

        class Meta:
            ref_name = "ArticleDetail"

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        article = article_get(article_id=pk)
        if article is None:
            raise exceptions.NotFound(f"No article {pk}.")
        article = with_claims(article, request=request)
        return Response(self.OutputSerializer(article, context={"request": request}).data)


def with_claims(article: Article, *, request: Request) -> Article:
    """The article with what ArticleDetailApi shows of its claims: `claim_spans`, the first
    TALLY_API_NESTED_LIMIT, `claims_truncated` and `claims_url`."""
    article.claim_spans, article.claims_truncated = capped(  # type: ignore[attr-defined]
        article_claims(article_id=article.id), settings.TALLY_API_NESTED_LIMIT)
    article.claims_url = request.build_absolute_uri(  # type: ignore[attr-defined]
        reverse("api:article-claims", kwargs={"pk": article.id}))
    return article


class ArticleClaimListApi(ListAPIView):
    """An article's claims and their spans into its text, in text order; cursor-paginated."""

    serializer_class = ArticleClaimSpanOutputSerializer
    filter_backends: list[type] = []
    ordering = ["start", "end", "id"]

    def get_queryset(self) -> QuerySet[Claim]:
        pk = self.kwargs["pk"]
        if not Article.objects.filter(pk=pk).exists():
            raise exceptions.NotFound(f"No article {pk}.")
        return article_claims(article_id=pk)
