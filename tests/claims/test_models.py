"""What the database itself refuses: the rules the schema holds, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import DataError, IntegrityError, connection, transaction

from articles.models import Article
from claims.extraction.types import VALUE_DECIMAL_PLACES, VALUE_MAX, VALUE_MAX_DIGITS
from claims.models import AppendOnlyError, Claim, Conflict, Event, Review
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_article_content_hash_and_url_are_unique():
    article = ArticleFactory(url="https://news.example/a")
    assert refused(lambda: ArticleFactory(content_hash=article.content_hash))
    assert refused(lambda: ArticleFactory(url="https://news.example/a"))
    # several articles without a url are fine
    ArticleFactory(url=None)
    ArticleFactory(url=None)
    assert Article.objects.count() == 3


def test_month_precision_is_stored_as_the_first_day_only():
    assert refused(lambda: ArticleFactory(published=date(2023, 12, 10), published_precision="month"))
    assert refused(lambda: ArticleFactory(published=date(2023, 12, 1), published_precision=""))
    assert refused(lambda: ArticleFactory(published=None, published_precision="day"))
    article = ArticleFactory(published=date(2023, 12, 1), published_precision="month")
    assert article.published_display == "2023-12"


def test_claim_interval_and_span_rules():
    article = ArticleFactory()
    assert refused(lambda: ClaimFactory(article=article, lower=Decimal("20"), upper=Decimal("10"), value=None))
    assert refused(lambda: ClaimFactory(article=article, start=5, end=5))
    assert refused(lambda: ClaimFactory(article=article, value=Decimal("9"), lower=Decimal("10"), upper=None))
    assert refused(lambda: ClaimFactory(article=article, confidence=1.5))
    open_ended = ClaimFactory(article=article, lower=Decimal("7000"), upper=None, value=Decimal("7000"))
    assert refused(lambda: ClaimFactory(article=article, start=open_ended.start, end=open_ended.end))


def test_conflict_is_stored_once_per_unordered_pair():
    first, second = ClaimFactory(start=0, end=4), ClaimFactory(start=0, end=4)
    low, high = sorted([first, second], key=lambda claim: claim.id)
    Conflict.objects.create(claim_a=low, claim_b=high, kind="value_mismatch", severity=0.5)
    assert refused(lambda: Conflict.objects.create(claim_a=low, claim_b=high, kind="value_mismatch", severity=0.4))
    assert refused(lambda: Conflict.objects.create(claim_a=high, claim_b=low, kind="value_mismatch", severity=0.4))
    assert refused(lambda: Conflict.objects.create(claim_a=low, claim_b=low, kind="value_mismatch", severity=0.4))
    assert Conflict.objects.count() == 1


def test_review_is_never_self_approved_and_published_only_with_approval():
    user = get_user_model().objects.create_user("rita")
    editor = get_user_model().objects.create_user("eddie")
    claim = ClaimFactory()
    assert refused(lambda: ReviewFactory(claim=claim, reviewer=user, approved_by=user))
    assert refused(lambda: ReviewFactory(claim=claim, reviewer=user, status="published"))
    ReviewFactory(claim=claim, reviewer=user, approved_by=editor)


def test_a_review_always_pins_the_reading_it_judged():
    user = get_user_model().objects.create_user("rita")
    claim = ClaimFactory()
    assert refused(lambda: Review.objects.create(claim=claim, reviewer=user, rating="accurate", rationale="r"))
    assert refused(lambda: ReviewFactory(claim=claim, reviewer=user, judged_qualifier=""))
    ReviewFactory(claim=claim, reviewer=user)
    assert Review.objects.count() == 1


def test_events_are_append_only():
    event = Event.objects.create(action="transition", object_type="claims.claim", object_id=1, from_state="a", to_state="b")
    event.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(id=event.id).update(note="rewritten")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    assert Event.objects.get(id=event.id).note == ""


def test_the_engine_bounds_values_by_the_claim_columns():
    # The engine leaves out values beyond VALUE_MAX instead of handing the database one it refuses.
    for name in ("value", "lower", "upper"):
        field = Claim._meta.get_field(name)
        assert (field.max_digits, field.decimal_places) == (VALUE_MAX_DIGITS, VALUE_DECIMAL_PLACES), name


def test_the_engine_bound_is_the_widest_value_a_claim_column_holds():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not enforce a decimal column's digits")
    # given the widest value the engine lets through
    claim = ClaimFactory(value=VALUE_MAX, lower=VALUE_MAX, upper=VALUE_MAX)
    claim.refresh_from_db()
    assert claim.value == VALUE_MAX
    # then one unit of the last place more is refused by PostgreSQL
    with pytest.raises(DataError, match="numeric field overflow"), transaction.atomic():
        ClaimFactory(value=None, lower=None, upper=VALUE_MAX + Decimal("0.0001"))
