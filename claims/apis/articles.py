"""REST API v1: an article with its claims, and its claims page by page (the article's own fields
are articles.apis's)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.apis import ArticleOutputSerializer, StringField
from articles.models import Article
from articles.selectors import article_get
from claims.models import Claim
from claims.selectors import article_claims
from claims.services.edits import article_edit
from core.api import capped, has_permission, validated
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


CanEditArticles = has_permission("articles.change_article")


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

    class InputSerializer(serializers.Serializer):
        title = StringField(required=False, allow_blank=True, trim_whitespace=False)
        body = StringField(required=False, allow_blank=True, trim_whitespace=False)

        class Meta:
            ref_name = "ArticleEditInput"

        def validate(self, data: dict) -> dict:  # type: ignore[type-arg]
            if not data:
                raise serializers.ValidationError("Give the new title, the new body, or both.")
            return data

    class EditOutputSerializer(serializers.Serializer):
        kept = serializers.IntegerField(help_text="Claims a reviewer had worked on, kept")
        shifted = serializers.IntegerField(help_text="Of those, in their sentence as before at a new place")
        moved = serializers.IntegerField(help_text="Of those, in a changed sentence: sent for a re-check")
        vanished = serializers.IntegerField(help_text="Of those, no longer in the text: sent for a re-check")
        sent_back = serializers.IntegerField(help_text="Verdicts waiting for an editor sent back")
        replaced = serializers.IntegerField(help_text="Claims nobody had worked on, removed")
        added = serializers.IntegerField(help_text="Claims read in the new text")

        class Meta:
            ref_name = "ArticleEditOutcome"

    def get_permissions(self) -> list[Any]:
        if self.request.method == "PATCH":
            return [CanEditArticles()]
        return super().get_permissions()

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        article = article_get(article_id=pk)
        if article is None:
            raise exceptions.NotFound(f"No article {pk}.")
        article = with_claims(article, request=request)
        return Response(self.OutputSerializer(article, context={"request": request}).data)

    @extend_schema(request=InputSerializer, responses=OutputSerializer, description=(
        "Edit the title and/or body: the claims are read again; claims a reviewer worked on are kept and "
        "anchored again, sent for a re-check when their quote's sentence changed or the quote is gone. "
        "The response is the article with `edit`, what happened to its claims."))
    def patch(self, request: Request, pk: int) -> Response:
        if article_get(article_id=pk) is None:
            raise exceptions.NotFound(f"No article {pk}.")
        data = validated(self.InputSerializer, request)
        outcome = article_edit(article_id=pk, actor=request.user, title=data.get("title"), body=data.get("body"))
        article = with_claims(article_get(article_id=pk), request=request)  # type: ignore[arg-type]
        body = dict(self.OutputSerializer(article, context={"request": request}).data)
        body["edit"] = self.EditOutputSerializer(outcome).data
        return Response(body)


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
