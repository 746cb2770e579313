"""REST API v1: an article with its claims, and its claims page by page (the article's own fields
are articles.apis's)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.apis import ArticleOutputSerializer
from articles.models import Article
from articles.selectors import article_get
from claims.models import Claim
from claims.selectors import article_claims
from core.api import capped
from core.api_output import FastOutputSerializer


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
