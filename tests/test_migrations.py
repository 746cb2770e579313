"""The models and their migrations agree: a model change without its migration fails here. And
the migrations that move data move it right."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _pinning_migration(executor: MigrationExecutor) -> tuple[tuple[str, str], tuple[str, str]]:
    """The migration that pins verdicts to their readings, and the one before it (found by name, so
    that a renumbering leaves the test as it is)."""
    (mine,) = [key for key in executor.loader.disk_migrations
               if key[0] == "claims" and key[1].endswith("_review_judged_reading")]
    (parent,) = [node.key for node in executor.loader.graph.node_map[mine].parents if node.key[0] == "claims"]
    return mine, parent


@pytest.mark.django_db(transaction=True)
def test_verdicts_given_before_pinning_are_pinned_to_the_reading_they_judged():
    executor = MigrationExecutor(connection)
    _, before = _pinning_migration(executor)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    # given, before the migration: a claim read as 1200, rated, then corrected to 99999 (value) and
    # to "injured" (metric) by two corrections, and rated again; another claim corrected before its
    # verdict only
    reviewer = old.get_model("auth", "User").objects.create(username="rita")
    article = old.get_model("articles", "Article").objects.create(title="T", body="B", content_hash="h")
    Claim, Review, Event = (old.get_model("claims", name) for name in ("Claim", "Review", "Event"))

    def claim(start: int, value: str, metric: str):  # type: ignore[no-untyped-def]
        return Claim.objects.create(article=article, start=start, end=start + 1, quote="q", sentence="s",
                                    metric=metric, subject="valmora", value=Decimal(value), lower=Decimal(value),
                                    upper=Decimal(value), qualifier="exact", confidence=0.9, extractor_version="t")

    def correction(claim_id: int, before: dict, after: dict, at: datetime):  # type: ignore[no-untyped-def]
        event = Event.objects.create(action="correct", object_type="claims.claim", object_id=claim_id,
                                     data={"before": before, "after": after})
        Event.objects.filter(id=event.id).update(created_at=at)

    def verdict(claim_id: int, at: datetime):  # type: ignore[no-untyped-def]
        review = Review.objects.create(claim_id=claim_id, reviewer=reviewer, rating="accurate", rationale="r")
        Review.objects.filter(id=review.id).update(created_at=at)
        return review.id

    start = timezone.now() - timedelta(days=1)
    corrected = claim(0, "99999", "injured")
    first = verdict(corrected.id, start)
    correction(corrected.id, {"value": "1200", "lower": "1200", "upper": "1200"},
               {"value": "99999", "lower": "99999", "upper": "99999"}, start + timedelta(hours=1))
    correction(corrected.id, {"metric": "deaths"}, {"metric": "injured"}, start + timedelta(hours=2))
    second = verdict(corrected.id, start + timedelta(hours=3))
    earlier = claim(2, "47", "deaths")
    correction(earlier.id, {"value": "4", "lower": "4", "upper": "4"}, {"value": "47", "lower": "47", "upper": "47"},
               start)
    third = verdict(earlier.id, start + timedelta(hours=1))
    # when
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    # then
    from claims.models import Review as CurrentReview

    judged = {review.id: (review.judged_metric, review.judged_value, review.judged_lower, review.judged_upper,
                          review.judged_subject, review.judged_qualifier) for review in CurrentReview.objects.all()}
    assert judged == {
        first: ("deaths", Decimal("1200"), Decimal("1200"), Decimal("1200"), "valmora", "exact"),
        second: ("injured", Decimal("99999"), Decimal("99999"), Decimal("99999"), "valmora", "exact"),
        third: ("deaths", Decimal("47"), Decimal("47"), Decimal("47"), "valmora", "exact"),
    }


@pytest.mark.django_db(transaction=True)
def test_claims_stored_before_places_are_unrated_unflagged_and_pathless_until_reprocessed():
    executor = MigrationExecutor(connection)
    (mine,) = [key for key in executor.loader.disk_migrations
               if key[0] == "claims" and key[1].endswith("_claim_subject_place")]
    (before,) = [node.key for node in executor.loader.graph.node_map[mine].parents if node.key[0] == "claims"]
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    article = old.get_model("articles", "Article").objects.create(title="T", body="B", content_hash="h")
    old_claim = old.get_model("claims", "Claim").objects.create(
        article=article, start=0, end=1, quote="q", sentence="s", metric="deaths", subject="morocco",
        value=Decimal(3), lower=Decimal(3), upper=Decimal(3), qualifier="exact", confidence=0.9, extractor_version="t")
    # when
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    # then
    from claims.models import Claim, ClaimPlace

    claim = Claim.objects.get(id=old_claim.id)
    assert (claim.subject, claim.subject_confidence, claim.subject_ambiguous, claim.subject_path) == (
        "morocco", 0, False, [])
    assert not ClaimPlace.objects.exists()
