"""Published verdicts as schema.org ClaimReview JSON-LD, open to everyone."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import override
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors
from claims.filters import ClaimReviewFilter
from claims.models import Review
from claims.presentation import judged_reading
from core.api import MAX_ID

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
    # In English whatever the request's language: a ClaimReview is the same document for every reader.
    with override("en"):
        description = judged_reading(review)
    item: dict[str, Any] = {"@type": "Claim", "description": description, "appearance": appearance}
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
