"""Published verdicts as schema.org ClaimReview JSON-LD, open to everyone."""

from __future__ import annotations

from typing import Any

from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import publication, selectors
from claims.filters import ClaimReviewFilter
from claims.models import Review
from core.api import MAX_ID

BEST_RATING, WORST_RATING = publication.BEST_RATING, publication.WORST_RATING

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
        "dateModified": {"type": "string", "format": "date", "description": "The last correction's date"},
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
    """One published Review as ClaimReview, its `url` the verdict's public page."""
    return publication.claim_review_jsonld(review, absolute=request.build_absolute_uri)


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
