"""Filters of the desk's templates: dates at their precision, numbers, value intervals."""

from __future__ import annotations

from typing import Any

from django import template

from claims import presentation
from claims.places import current_reader_language, subject_name, subject_uncertain

register = template.Library()


@register.filter
def at_precision(value: Any, precision: str) -> str:
    """{{ claim.as_of|at_precision:claim.as_of_precision }} -> 'December 2023' for a month."""
    return presentation.date_at_precision(value, precision)


@register.filter
def number(value: Any) -> str:
    return presentation.number(value)


@register.filter
def interval(claim: Any) -> str:
    return presentation.interval(claim)


@register.filter
def judged_reading(review: Any) -> str:
    """{{ review|judged_reading }}: the reading the verdict judged, not the claim's current one."""
    return presentation.judged_reading(review)


@register.filter
def place(subject: str | None) -> str:
    """{{ claim.subject|place }} -> 'Marruecos' for iso:MA to a Spanish reader; '' for no subject."""
    return subject_name(subject, current_reader_language())


@register.filter
def place_uncertain(claim: Any) -> bool:
    """Whether the claim's place is shown with the "place uncertain" mark."""
    return subject_uncertain(claim.subject, claim.subject_confidence, claim.subject_ambiguous)
