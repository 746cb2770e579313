"""Filters of the desk's templates: dates at their precision, numbers, value intervals, and the
labels of claims.labels (metrics, statuses, actions, languages, badges) in the reader's language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

from babel.numbers import format_percent
from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims import labels, presentation, selectors
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


# --- labels (claims.labels) ------------------------------------------------------------------------

@register.filter
def label(code: Any, kind: str) -> str:
    """{{ claim.metric|label:"metric" }} -> 'Children killed'; kind is a function of claims.labels:
    metric, unit, qualifier, claim_status, conflict_status, review_status, rating, conflict_kind,
    resolution, action, object_type, field, language, source_kind, country, notification_kind."""
    if kind not in _LABEL_KINDS:
        raise template.TemplateSyntaxError(f"label: unknown kind {kind!r}; one of {', '.join(sorted(_LABEL_KINDS))}")
    return getattr(labels, kind)(code)


_LABEL_KINDS = frozenset({"metric", "unit", "qualifier", "claim_status", "conflict_status", "review_status", "rating",
                          "conflict_kind", "resolution", "action", "object_type", "field", "language", "source_kind", "country",
                          "notification_kind"})


@register.filter
def state_label(code: Any, object_type: str) -> str:
    """{{ event.to_state|state_label:event.object_type }}: a state of that kind of object."""
    return labels.state(object_type, code)


def _badge(badge: labels.Badge) -> SafeString:
    return format_html('<span class="status tone-{}">{}</span>', badge.tone, badge.text)


@register.filter
def claim_badge(claim: Any) -> SafeString:
    """{{ claim|claim_badge }}: what is true of the claim ("Published: Inaccurate", "Verdict proposed:
    Accurate", "Sent back"). Reads `claim.verdict_state` when a view set it for many claims
    (selectors.claims_with_verdict_states), else asks for this claim's."""
    state = getattr(claim, "verdict_state", None)
    if state is None:
        state = selectors.claim_verdict_states([claim.pk]).get(claim.pk, (None, False))
    return _badge(labels.claim_badge(claim.review_status, *state))


@register.filter
def review_badge(review: Any) -> SafeString:
    return _badge(labels.review_badge(review.status, review.rating))


@register.filter
def conflict_badge(conflict: Any) -> SafeString:
    return _badge(labels.conflict_badge(conflict.status))


@register.filter
def language_name(code: str | None) -> str:
    """{{ claim.language|language_name }} -> 'French', 'Französisch' to a German reader."""
    return labels.language(code)


def _field_value(name: str, value: Any) -> str:
    if value is None or value == "":
        return "∅"
    if name == "metric":
        return labels.metric(value)
    if name == "qualifier":
        return labels.qualifier(value)
    if name == "subject":
        return subject_name(value, current_reader_language())
    if name == "rating":
        return labels.rating(value)
    if name == "supported_as_of":
        try:
            return presentation.date_at_precision(date.fromisoformat(str(value)), "day")
        except ValueError:
            return str(value)
    if name in ("value", "lower", "upper", "supported_lower", "supported_upper"):
        try:
            return presentation.number(Decimal(str(value)))
        except (InvalidOperation, ValueError):
            return str(value)
    return str(value)


@register.simple_tag
def change_line(name: str, before: Any, after: Any) -> str:
    """{% change_line "lower" "7000.0000" "6500" %} -> 'lower bound 7,000 → 6,500': a corrected field
    of the audit trail, named and valued for the reader."""
    return f"{labels.field(name)} {_field_value(name, before)} → {_field_value(name, after)}"


@register.filter
def country_name(code: str | None) -> str:
    return labels.country(code)


@register.filter
def outlet(claim: Any) -> str:
    """{{ claim|outlet }} (or {{ article|outlet }}): who published it (the Source, else the page's
    host, else the title)."""
    return presentation.outlet_name(claim if hasattr(claim, "article") else SimpleNamespace(article=claim))


@register.filter
def percent(value: Any) -> str:
    """0.83 -> '83%' in English ('83 %' in French)."""
    if value is None:
        return ""
    return format_percent(float(value), locale=presentation.reader_locale())
