"""Reads for claims, conflicts, figures and the audit trail, with their related rows loaded."""

from __future__ import annotations

from django.db.models import QuerySet

from claims.models import Claim, Conflict, Event, Figure, Review

_CLAIM_RELATED = ("article", "article__source")


def conflict_queue(**filters) -> QuerySet[Conflict]:  # type: ignore[no-untyped-def]
    """Open, unassigned conflicts by priority: severity, then how many independent sources stand
    behind the two claims, then the newest."""
    return (
        Conflict.objects.filter(status=Conflict.Status.OPEN, assignee__isnull=True, **filters)
        .select_related(*(f"claim_{side}__{rel}" for side in "ab" for rel in _CLAIM_RELATED))
        .order_by("-severity", "-sources", "-created_at", "id")
    )


def conflict_list(**filters) -> QuerySet[Conflict]:  # type: ignore[no-untyped-def]
    return (
        Conflict.objects.filter(**filters)
        .select_related("assignee", "figure", *(f"claim_{side}__{rel}" for side in "ab" for rel in _CLAIM_RELATED))
        .order_by("-severity", "-created_at", "id")
    )


def claim_list(**filters) -> QuerySet[Claim]:  # type: ignore[no-untyped-def]
    return Claim.objects.filter(**filters).select_related(*_CLAIM_RELATED)


def figure_timeline(figure: Figure) -> QuerySet[Claim]:
    """Every source's value over time: the figure's claims, oldest first."""
    return (
        figure.claims.exclude(review_status="not_a_claim")
        .select_related(*_CLAIM_RELATED)
        .order_by("time_start", "time_end", "id")
    )


def review_list(**filters) -> QuerySet[Review]:  # type: ignore[no-untyped-def]
    return Review.objects.filter(**filters).select_related(
        "reviewer", "approved_by", "conflict", *(f"claim__{rel}" for rel in _CLAIM_RELATED)
    )


def published_reviews() -> QuerySet[Review]:
    return review_list(status=Review.Status.PUBLISHED).order_by("-published_at", "-id")


def event_list(*, object_type: str, object_ids: list[int]) -> QuerySet[Event]:
    return Event.objects.filter(object_type=object_type, object_id__in=object_ids).select_related("actor")

