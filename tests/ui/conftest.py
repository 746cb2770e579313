"""Users with roles, and conflicts made the way the pipeline makes them (detection over claims)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import Article
from claims.models import Claim, Conflict
from claims.services.conflicts import article_detect_conflicts
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory

PASSWORD = "correct-horse-battery"


def make_user(name: str, role: str | None, **extra):  # type: ignore[no-untyped-def]
    person = get_user_model().objects.create_user(name, password=PASSWORD, **extra)
    if role:
        person.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=person.pk)


def toll(value: str, day: str = "2024-03-08", body: str | None = None, **extra) -> Claim:  # type: ignore[no-untyped-def]
    number = Decimal(value)
    text = body or f"At least {value} people were killed in the floods in Valmora, officials said."
    article = ArticleFactory(published=date.fromisoformat(day), status=Article.Status.EXTRACTED, body=text)
    start = len(article.title) + 2 + text.index(value)
    fields = {"value": number, "lower": number, "upper": number, "as_of": date.fromisoformat(day), **extra}
    return ClaimFactory(article=article, start=start, end=start + len(value), sentence=text, **fields)


def conflict_between(first: str, second: str, day: str = "2024-03-08", **extra) -> Conflict:  # type: ignore[no-untyped-def]
    one, two = toll(first, day, **extra), toll(second, day, **extra)
    # Each article in turn, as the pipeline does: that also puts both claims in their figure.
    article_detect_conflicts(article_id=one.article_id)
    article_detect_conflicts(article_id=two.article_id)
    return Conflict.objects.get(claim_a=one, claim_b=two)


@pytest.fixture
def rita():  # type: ignore[no-untyped-def]
    return make_user("rita", "reviewer")


@pytest.fixture
def rob():  # type: ignore[no-untyped-def]
    return make_user("rob", "reviewer")


@pytest.fixture
def edna():  # type: ignore[no-untyped-def]
    return make_user("edna", "editor", is_staff=True)


@pytest.fixture
def visitor():  # type: ignore[no-untyped-def]
    return make_user("visitor", None)
