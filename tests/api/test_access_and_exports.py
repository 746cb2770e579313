"""Who may read what, published verdicts as ClaimReview JSON-LD, and the streaming CSV exports."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import Review
from tests.api.conftest import World, published_review, toll
from tests.claims.factories import ReviewFactory

pytestmark = pytest.mark.django_db

READS = ["/api/v1/claims/", "/api/v1/conflicts/", "/api/v1/figures/", "/api/v1/reviews/", "/api/v1/articles/",
         "/api/v1/sources/", "/api/v1/claims/export/", "/api/v1/conflicts/export/"]


@pytest.mark.parametrize("path", READS)
def test_anonymous_reads_nothing_but_claimreviews(anonymous: APIClient, world: World, path: str) -> None:
    response = anonymous.get(path)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("path", READS + ["/api/v1/users/"])
def test_a_user_without_a_role_is_refused(nobody: APIClient, world: World, path: str) -> None:
    response = nobody.get(path)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("role", ["reviewer", "editor", "admin"])
@pytest.mark.parametrize("path", READS)
def test_every_role_reads_everything(role: str, path: str, world: World, request: pytest.FixtureRequest) -> None:
    client = request.getfixturevalue(role)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("post", "/api/v1/conflicts/take-next/", {"reviewer", "editor", "admin"}),
        ("post", "/api/v1/conflicts/{conflict}/assign/", {"editor", "admin"}),
        ("post", "/api/v1/reviews/1/approve/", {"editor", "admin"}),
        ("post", "/api/v1/articles/", {"admin"}),
        ("post", "/api/v1/sources/", {"admin"}),
        ("get", "/api/v1/users/", {"admin"}),
    ],
)
def test_write_permissions_by_role(method: str, path: str, allowed: set[str], world: World,
                                   request: pytest.FixtureRequest) -> None:
    """A role that may not act is refused with 403 before any work; one that may gets past the
    permission check (the answer then depends on the input, but is never 401/403)."""
    path = path.format(conflict=world.conflicts[1].id)
    for role in ("reviewer", "editor", "admin"):
        status = getattr(request.getfixturevalue(role), method)(path, {}, format="json").status_code
        if role in allowed:
            assert status not in (401, 403), (role, status)
        else:
            assert status == 403, (role, status)


def test_anonymous_cannot_write(anonymous: APIClient, world: World) -> None:
    response = anonymous.post("/api/v1/conflicts/take-next/")
    assert response.status_code == 401


def test_session_authentication_works(rita: Any, world: World) -> None:
    client = APIClient()
    client.force_login(rita)
    assert client.get("/api/v1/claims/").status_code == 200


# --- ClaimReview ------------------------------------------------------------------------------

def test_claimreview_jsonld(anonymous: APIClient, rita: Any, edna: Any, world: World, settings: Any) -> None:
    settings.TALLY_ORGANISATION_NAME = "Valmora Checks"
    settings.TALLY_ORGANISATION_URL = "https://checks.example"
    claim = world.claims[2]
    article = claim.article
    article.url = "https://reuters.com/valmora"
    article.save(update_fields=["url"])
    review = published_review(claim, reviewer=rita, editor=edna, rating=Review.Rating.INACCURATE)
    response = anonymous.get(f"/api/v1/claims/{claim.id}/claimreview/")
    assert response.status_code == 200
    # the verdict's public page, which embeds the same JSON-LD, not the API
    url = f"http://testserver/verdicts/{review.id}/"
    assert response.json() == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": url,
        "url": url,
        "claimReviewed": claim.sentence,
        "datePublished": review.published_at.date().isoformat(),
        "inLanguage": "en",
        "author": {"@type": "Organization", "name": "Valmora Checks", "url": "https://checks.example"},
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                         "alternateName": "Inaccurate", "ratingExplanation": "The ministry's own figure is 120."},
        "itemReviewed": {
            "@type": "Claim",
            "description": "Deaths / valmora: 90 people (exactly)",
            "author": {"@type": "Organization", "name": "Reuters", "url": "https://reuters.com"},
            "datePublished": "2024-03-08",
            "appearance": {"@type": "NewsArticle", "headline": article.title, "quotation": claim.quote,
                           "url": "https://reuters.com/valmora", "datePublished": "2024-03-08"},
        },
    }


def test_claimreview_shows_the_reading_the_verdict_judged(anonymous: APIClient, reviewer: APIClient, rita: Any,
                                                          edna: Any, world: World) -> None:
    claim = world.claims[2]
    ReviewFactory(claim=claim, reviewer=rita, approved_by=edna, status=Review.Status.PUBLISHED,
                  published_at=timezone.now(), judged_value=Decimal("1200"), judged_lower=Decimal("1200"),
                  judged_upper=None, judged_qualifier="more_than")
    # the claim reads otherwise (a verdict published before readings were pinned, its claim corrected since)
    given = anonymous.get(f"/api/v1/claims/{claim.id}/claimreview/").json()
    assert given["itemReviewed"]["description"] == "Deaths / valmora: ≥ 1,200 people (more than)"
    listed = anonymous.get("/api/v1/claimreviews/").json()["results"]
    assert [item["itemReviewed"]["description"] for item in listed] == ["Deaths / valmora: ≥ 1,200 people (more than)"]
    review = reviewer.get("/api/v1/reviews/").json()["results"][0]
    assert (review["judged"]["value"], review["judged"]["upper"], review["claim"]["value"]) == (
        "1200.0000", None, "90.0000")


@pytest.mark.parametrize("claim_id", [2**63 - 1, 2**63, 2**87])
def test_claimreview_of_an_id_beyond_any_key_is_not_found(anonymous: APIClient, world: World, claim_id: int) -> None:
    response = anonymous.get(f"/api/v1/claims/{claim_id}/claimreview/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("rating", "value"),
    [("accurate", 5), ("mostly_accurate", 4), ("misleading", 3), ("inaccurate", 1), ("unverifiable", None)],
)
def test_rating_values(anonymous: APIClient, rita: Any, edna: Any, world: World, rating: str,
                       value: int | None) -> None:
    published_review(world.claims[0], reviewer=rita, editor=edna, rating=rating)
    given = anonymous.get(f"/api/v1/claims/{world.claims[0].id}/claimreview/").json()["reviewRating"]
    assert given.get("ratingValue") == value
    assert ("bestRating" in given, "worstRating" in given) == (value is not None, value is not None)
    assert given["alternateName"] == Review.Rating(rating).label


def test_claimreview_list_has_published_verdicts_only(anonymous: APIClient, rita: Any, edna: Any, world: World,
                                                      django_assert_max_num_queries: Any) -> None:
    older = published_review(world.claims[0], reviewer=rita, editor=edna)
    newer = published_review(world.claims[1], reviewer=rita, editor=edna, rating="accurate")
    ReviewFactory(claim=world.claims[2], reviewer=rita, rating="accurate", rationale="not yet")
    for _ in range(10):
        published_review(toll("3"), reviewer=rita, editor=edna)
    # The request's savepoint and release, the page; anonymous: no token or permission queries.
    with django_assert_max_num_queries(3):
        response = anonymous.get("/api/v1/claimreviews/?page_size=50")
    urls = [item["url"] for item in response.json()["results"]]
    assert len(urls) == 12
    assert urls[-2:] == [f"http://testserver/verdicts/{r.id}/" for r in (newer, older)]
    filtered = anonymous.get("/api/v1/claimreviews/?rating=accurate").json()["results"]
    assert [item["reviewRating"]["alternateName"] for item in filtered] == ["Accurate"]


def test_claim_without_a_published_verdict_has_no_claimreview(anonymous: APIClient, rita: Any,
                                                               world: World) -> None:
    ReviewFactory(claim=world.claims[0], reviewer=rita, rating="accurate", rationale="not yet")
    response = anonymous.get(f"/api/v1/claims/{world.claims[0].id}/claimreview/")
    assert response.status_code == 404
    assert response.json()["message"] == f"Claim {world.claims[0].id} has no published verdict."


# --- CSV exports -----------------------------------------------------------------------------

def _csv(response: Any) -> list[dict[str, str]]:
    assert response.streaming
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_claims_export_streams_the_filtered_rows(reviewer: APIClient, world: World,
                                                 django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(5):
        response = reviewer.get("/api/v1/claims/export/?metric=deaths&subject=valmora")
        rows = _csv(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="claims.csv"'
    assert [(r["id"], r["source"], r["value"], r["as_of"]) for r in rows] == [
        (str(world.claims[0].id), "Reuters", "100.0000", "2024-03-01"),
        (str(world.claims[1].id), "AFP", "120.0000", "2024-03-05"),
        (str(world.claims[2].id), "Reuters", "90.0000", "2024-03-08"),
    ]


def test_conflicts_export(reviewer: APIClient, world: World) -> None:
    rows = _csv(reviewer.get("/api/v1/conflicts/export/?status=open"))
    assert [(r["id"], r["kind"], r["claim_a_source"], r["claim_b_source"]) for r in rows] == [
        (str(world.conflicts[0].id), "decreasing_count", "AFP", "Reuters"),
        (str(world.conflicts[1].id), "value_mismatch", "Reuters", "AFP"),
    ]


def test_export_with_a_bad_filter_is_a_json_400(reviewer: APIClient, world: World) -> None:
    response = reviewer.get("/api/v1/claims/export/?date_from=soon")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["date_from"]
