"""A published verdict as readers and search engines see it: the words of its rating, and its
schema.org ClaimReview as Google's Fact Check tools read it
(developers.google.com/search/docs/appearance/structured-data/factcheck).

The ClaimReview's `url` is the verdict's public page (claims.views_public), which embeds it; the
API serves the same JSON-LD. A retracted verdict has no ClaimReview: Google asks that markup be
removed when a fact check is withdrawn, and the page says that it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from articles.parsing import url_host
from claims.models import Qualifier, Review
from claims.presentation import date_at_precision, judged_reading, number

# ratingValue on a 1 (worst) to 5 (best) scale, in Review.Rating order. Google requires
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
# Characters that could end a <script> element or open markup inside it, as JSON escapes (the
# ones django.utils.html.json_script escapes).
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def range_words(lower: Decimal | None, upper: Decimal | None) -> str:
    """'19,600 to 20,400', '25,000', 'at least 7,000', 'at most 40'; '' for no bound at all."""
    if lower is None and upper is None:
        return ""
    if lower is None:
        return _("at most %(number)s") % {"number": number(upper)}
    if upper is None:
        return _("at least %(number)s") % {"number": number(lower)}
    if lower == upper:
        return number(lower)
    return _("%(lower)s to %(upper)s") % {"lower": number(lower), "upper": number(upper)}


def report_words(review: Review) -> str:
    """The figure the report gave, as the verdict judged it: '25,000', 'more than 7,000',
    'about 20,000', '15 to 30'."""
    value = review.judged_value
    shown = number(value) if value is not None else ""
    qualifier = review.judged_qualifier
    if qualifier == Qualifier.RANGE or value is None:
        return range_words(review.judged_lower, review.judged_upper)
    words = {
        Qualifier.APPROX: _("about %(number)s"), Qualifier.MORE_THAN: _("more than %(number)s"),
        Qualifier.AT_LEAST: _("at least %(number)s"), Qualifier.LESS_THAN: _("less than %(number)s"),
        Qualifier.AT_MOST: _("at most %(number)s"),
    }
    return words[qualifier] % {"number": shown} if qualifier in words else shown


def number_explanation(review: Review) -> str:
    """'supported: 19,600 to 20,400 as of 20 December 2023; this report: 25,000', or '' when the
    verdict names no supported figure."""
    supported = range_words(review.supported_lower, review.supported_upper)
    if not supported:
        return ""
    if review.supported_as_of is not None:
        when = date_at_precision(review.supported_as_of, review.supported_as_of_precision or "day")
        supported = _("%(range)s as of %(date)s") % {"range": supported, "date": when}
    return _("supported: %(supported)s; this report: %(report)s") % {
        "supported": supported, "report": report_words(review)}


def rating_explanation(review: Review) -> str:
    """The number-level explanation, then the reviewer's rationale."""
    numbers, rationale = number_explanation(review), review.rationale.strip()
    return f"{numbers}. {rationale}" if numbers and rationale else numbers or rationale


def claim_author(review: Review) -> dict[str, Any] | None:
    """Who made the claim: its attribution ("the health ministry"), else the outlet that published
    it (its Source, else its address's host)."""
    claim, article = review.claim, review.claim.article
    if claim.attribution.strip():
        return {"@type": "Organization", "name": claim.attribution.strip()}
    if article.source is not None:
        author = {"@type": "Organization", "name": article.source.name}
        if article.source.domain:
            author["url"] = f"https://{article.source.domain}"
        return author
    if article.url:
        return {"@type": "Organization", "name": url_host(article.url)}
    return None


def verdict_path(review: Review) -> str:
    return reverse("desk:verdict", kwargs={"pk": review.pk})


def claim_review_jsonld(review: Review, *, absolute: Callable[[str], str]) -> dict[str, Any]:
    """One published Review as ClaimReview; needs its claim, article and source loaded.
    `absolute` turns a path into an absolute URL (a request's build_absolute_uri). In English
    whatever the request's language: a ClaimReview is the same document for every reader."""
    with override("en"):
        return _claim_review_jsonld(review, absolute=absolute)


def _claim_review_jsonld(review: Review, *, absolute: Callable[[str], str]) -> dict[str, Any]:
    claim, article = review.claim, review.claim.article
    url = absolute(verdict_path(review))
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": review.get_rating_display()}
    if review.rating in RATING_VALUE:
        rating.update(ratingValue=RATING_VALUE[review.rating], bestRating=BEST_RATING, worstRating=WORST_RATING)
    if explanation := rating_explanation(review):
        rating["ratingExplanation"] = explanation
    appearance: dict[str, Any] = {"@type": "NewsArticle", "headline": article.title, "quotation": claim.quote}
    if article.url:
        appearance["url"] = article.url
    if article.published_display:
        appearance["datePublished"] = article.published_display
    # The reading the reviewer judged, not the claim's current one: a verdict is pinned to it.
    item: dict[str, Any] = {"@type": "Claim", "description": judged_reading(review), "appearance": appearance}
    if (author := claim_author(review)) is not None:
        item["author"] = author
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
    if review.corrected_at is not None:
        body["dateModified"] = review.corrected_at.date().isoformat()
    if claim.language:
        body["inLanguage"] = claim.language
    return body


def jsonld_script(data: dict[str, Any]) -> SafeString:
    """`data` inside <script type="application/ld+json">, escaped so that no text in it (an
    article's title, a quote) can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
