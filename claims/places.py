"""A claim's subject as a place: its path for detection, its name for readers.

Subjects are the gazetteer's ids ("iso:MA", "geonames:2542997", "body:un-security-council"), or a
combined subject, the sorted ids of its members joined by "+" ("iso:SY+iso:TR", a toll "in Turkey
and Syria"). A subject the gazetteer does not know (an old slug, a reviewer's free text) has an
empty path and is shown as it is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from claims.extraction.gazetteer import default as gazetteer
from claims.models import Claim, ClaimPlace

COMBINED = "+"
# Below this, a resolved subject is shown as uncertain, like an ambiguous one.
UNCERTAIN_BELOW = 0.5


def members(subject: str | None) -> tuple[str, ...]:
    """The member ids of a combined subject; () for any other."""
    if not subject or COMBINED not in subject:
        return ()
    return tuple(part for part in subject.split(COMBINED) if part)


def subject_path(subject: str | None) -> list[str]:
    """The places `subject` lies in, nearest first (town, province, country); for a combined subject
    its members. Empty for no subject or an id the gazetteer does not know."""
    if not subject:
        return []
    combined = members(subject)
    if combined:
        return list(combined)
    places = gazetteer()
    return list(places.ancestors(subject)) if subject in places else []


def claim_places_write(claims: Iterable[Claim]) -> None:
    """Replace the ClaimPlace rows of these stored claims by those of their `subject_path`."""
    claims = [claim for claim in claims if claim.pk is not None]
    if not claims:
        return
    ClaimPlace.objects.filter(claim_id__in=[claim.pk for claim in claims]).delete()
    rows = []
    for claim in claims:
        relation = ClaimPlace.Relation.MEMBER if members(claim.subject) else ClaimPlace.Relation.WITHIN
        rows += [ClaimPlace(claim_id=claim.pk, place=place, relation=relation)
                 for place in dict.fromkeys(claim.subject_path or [])]
    ClaimPlace.objects.bulk_create(rows)


def subject_name(subject: str | None, language: str = "en") -> str:
    """The subject's name in `language` (else English): "Marruecos" for iso:MA in Spanish, the
    members' names joined for a combined subject, and the subject as written for one the gazetteer
    does not know; "" for none."""
    if not subject:
        return ""
    places = gazetteer()
    ids = members(subject) or (subject,)
    return " + ".join(places.display_name(place, language) if place in places else place for place in ids)


def subject_uncertain(claim: object) -> bool:
    """Whether the place a claim is about should be shown as uncertain: ambiguous, resolved with
    low confidence, or an id the gazetteer does not know."""
    subject = getattr(claim, "subject", None)
    if not subject:
        return False
    known = all(place in gazetteer() for place in (members(subject) or (subject,)))
    return (bool(getattr(claim, "subject_ambiguous", False)) or not known
            or float(getattr(claim, "subject_confidence", 0) or 0) < UNCERTAIN_BELOW)
