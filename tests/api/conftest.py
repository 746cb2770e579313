"""Users with roles, API clients that authenticate as them, and a small world of rows to read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from articles.models import Article, Source
from claims.models import Claim, ClaimStatus, Conflict, Figure, Review
from tests.articles.factories import ArticleFactory, SourceFactory
from tests.claims.factories import ClaimFactory, ReviewFactory


@pytest.fixture(autouse=True)
def _fresh_throttle_counts() -> Iterator[None]:
    """Throttle counts live in the cache, which outlives a test; each test starts at zero."""
    cache.clear()
    yield
    cache.clear()


def make_user(name: str, role: str | None) -> Any:
    person = get_user_model().objects.create_user(name, password="pw-secret-1")
    if role:
        person.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=person.pk)


def client_for(user: Any | None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def nobody(db: None) -> APIClient:
    """Signed in, but with no role."""
    return client_for(make_user("nobody", None))


@pytest.fixture
def rita(db: None) -> Any:
    return make_user("rita", "reviewer")


@pytest.fixture
def rob(db: None) -> Any:
    return make_user("rob", "reviewer")


@pytest.fixture
def edna(db: None) -> Any:
    return make_user("edna", "editor")


@pytest.fixture
def ada(db: None) -> Any:
    return make_user("ada", "admin")


@pytest.fixture
def reviewer(rita: Any) -> APIClient:
    return client_for(rita)


@pytest.fixture
def editor(edna: Any) -> APIClient:
    return client_for(edna)


@pytest.fixture
def admin(ada: Any) -> APIClient:
    return client_for(ada)


def toll(value: str, day: str = "2024-03-08", *, source: Source | None = None, metric: str = "deaths",
         subject: str = "valmora", language: str = "en", **extra: Any) -> Claim:
    article = ArticleFactory(published=date.fromisoformat(day), status=Article.Status.DONE, language=language,
                             **({"source": source} if source else {}))
    number = Decimal(value)
    return ClaimFactory(article=article, value=number, lower=number, upper=number, metric=metric, subject=subject,
                        language=language, as_of=date.fromisoformat(day), **extra)


def conflict(one: Claim, two: Claim | None, *, severity: float = 0.5, kind: str = Conflict.Kind.VALUE_MISMATCH,
             status: str = Conflict.Status.OPEN, figure: Figure | None = None) -> Conflict:
    first, second = (one, two) if two is None or one.id < two.id else (two, one)
    return Conflict.objects.create(claim_a=first, claim_b=second, kind=kind, severity=severity, status=status,
                                   figure=figure, details={"gap": "1"})


def published_review(claim: Claim, *, reviewer: Any, editor: Any, rating: str = Review.Rating.INACCURATE,
                     rationale: str = "The ministry's own figure is 120.") -> Review:
    """A published Review written straight to the table (the workflow itself is tested elsewhere)."""
    Claim.objects.filter(id=claim.id).update(review_status=ClaimStatus.PUBLISHED)
    return ReviewFactory(claim=claim, reviewer=reviewer, rating=rating, rationale=rationale,
                         evidence_links=["https://example.org/evidence"], status=Review.Status.PUBLISHED,
                         approved_by=editor, published_at=timezone.now())


@dataclass
class World:
    reuters: Source
    afp: Source
    figure: Figure
    claims: list[Claim]
    conflicts: list[Conflict]


@pytest.fixture
def world(db: None) -> World:
    """Two sources, six claims on two metrics in two languages, three conflicts."""
    reuters = SourceFactory(name="Reuters", domain="reuters.com", kind=Source.Kind.WIRE_AGENCY)
    afp = SourceFactory(name="AFP", domain="afp.com", kind=Source.Kind.WIRE_AGENCY, country="FR")
    figure = Figure.objects.create(metric="deaths", subject="valmora", scope=Figure.Scope.SERIES)
    claims = [
        toll("100", "2024-03-01", source=reuters, figure=figure),
        toll("120", "2024-03-05", source=afp, figure=figure, language="fr"),
        toll("90", "2024-03-08", source=reuters, figure=figure),
        toll("40", "2024-03-02", source=afp, metric="displaced", subject="valmora"),
        toll("45", "2024-03-09", source=reuters, metric="displaced", subject="valmora"),
        toll("7", "2024-02-01", source=afp, metric="deaths", subject="gaza", language="fr"),
    ]
    conflicts = [
        conflict(claims[1], claims[2], severity=0.9, kind=Conflict.Kind.DECREASING_COUNT, figure=figure),
        conflict(claims[0], claims[1], severity=0.3, figure=figure),
        conflict(claims[3], claims[4], severity=0.6, status=Conflict.Status.DISMISSED),
    ]
    return World(reuters, afp, figure, claims, conflicts)


def ids(response: Any) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


Url = Callable[..., str]
