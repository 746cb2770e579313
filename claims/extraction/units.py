"""Units of the metric vocabulary (DESIGN.md) and duration conversion."""

from __future__ import annotations

from decimal import Decimal

METRIC_UNITS: dict[str, str] = {
    "deaths": "people",
    "deaths_children": "people",
    "deaths_women": "people",
    "injured": "people",
    "missing": "people",
    "hostages_held": "people",
    "hostages_released": "people",
    "displaced": "people",
    "detained": "people",
    "aid_trucks": "trucks",
    "un_votes_for": "votes",
    "un_votes_against": "votes",
    "un_votes_abstain": "votes",
    "duration": "minutes",
}

VOTE_METRICS: dict[str, str] = {
    "for": "un_votes_for",
    "against": "un_votes_against",
    "abstain": "un_votes_abstain",
}

# The part metric a group noun becomes when its whole is a deaths toll.
DEATHS_PARTS: dict[str, str] = {"children": "deaths_children", "women": "deaths_women"}

_MINUTE_QUANTUM = Decimal("0.01")


def to_minutes(value: Decimal | None, minutes_per_unit: Decimal) -> Decimal | None:
    """A duration in minutes, rounded to hundredths so that "90 seconds" reads 1.5."""
    if value is None:
        return None
    result = (value * minutes_per_unit).quantize(_MINUTE_QUANTUM)
    if result == result.to_integral_value():
        return result.to_integral_value()
    return result.normalize()
