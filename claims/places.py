"""A claim's subject as a place: its path for detection, its name for readers.

Subjects are the gazetteer's ids ("iso:MA", "geonames:2542997", "body:un-security-council"), or a
combined subject, the sorted ids of its members joined by "+" ("iso:SY+iso:TR", a toll "in Turkey
and Syria"). A subject the gazetteer does not know (an old slug, a reviewer's free text) has an
empty path and is shown as it is written. A name the extraction kept because the gazetteer lacks it
("name:valmora", an invented or unlisted town) is shown as that name ("Valmora"), as uncertain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation.trans_real import parse_accept_lang_header

from claims.extraction.gazetteer import default as gazetteer
from claims.models import Claim, ClaimPlace

COMBINED = "+"
# The prefix of a place name the gazetteer lacks, its words folded and joined by "-".
UNRESOLVED_NAME = "name:"
# Below this, a resolved subject is shown as uncertain, like an ambiguous one.
UNCERTAIN_BELOW = 0.5
DEFAULT_LANGUAGE = "en"


def members(subject: str | None) -> tuple[str, ...]:
    """The member ids of a combined subject; () for any other."""
    if not subject or COMBINED not in subject:
        return ()
    return tuple(part for part in subject.split(COMBINED) if part)


def subject_path(subject: str | None) -> list[str]:
    """The places `subject` lies in, nearest first (town, province, country); for a combined subject
    its members. Empty for no subject or an id the gazetteer does not know.

    An area the opposition holds (north-west Syria) is counted apart from its country: the
    country's tolls are mostly its government's, which leave that area out, so neither is the
    other's part or whole. Its path is empty, and a place within it stops there."""
    if not subject:
        return []
    combined = members(subject)
    if combined:
        return list(combined)
    places = gazetteer()
    if subject not in places or subject in places.held:
        return []
    path: list[str] = []
    for place in places.ancestors(subject):
        path.append(place)
        if place in places.held:
            break
    return path


def claim_places_write(claims: Iterable[Claim]) -> None:
    """Replace the ClaimPlace rows of these stored claims by those of their `subject_path`, with
    their metric, bounds and time as they read now."""
    claims = [claim for claim in claims if claim.pk is not None]
    if not claims:
        return
    ClaimPlace.objects.filter(claim_id__in=[claim.pk for claim in claims]).delete()
    rows = []
    for claim in claims:
        relation = ClaimPlace.Relation.MEMBER if members(claim.subject) else ClaimPlace.Relation.WITHIN
        rows += [ClaimPlace(claim_id=claim.pk, place=place, relation=relation, metric=claim.metric, value=claim.value,
                            lower=claim.lower, upper=claim.upper, time_start=claim.time_start,
                            time_end=claim.time_end)
                 for place in dict.fromkeys(claim.subject_path or [])]
    ClaimPlace.objects.bulk_create(rows)


def subject_name(subject: str | None, language: str = "en") -> str:
    """The subject's name in `language` (else English): "Marruecos" for iso:MA in Spanish, the
    members' names joined for a combined subject, a kept name ("name:valmora") as the name
    ("Valmora"), and the subject as written for another the gazetteer does not know; "" for none."""
    if not subject:
        return ""
    places = gazetteer()
    ids = members(subject) or (subject,)
    return " + ".join(places.display_name(place, language) if place in places else _written(place) for place in ids)


def _written(place: str) -> str:
    """A subject the gazetteer does not know as readers see it: "Valmora Heights" for
    name:valmora-heights, any other as it is written."""
    if place.startswith(UNRESOLVED_NAME) and len(place) > len(UNRESOLVED_NAME):
        return " ".join(word[:1].upper() + word[1:] for word in place[len(UNRESOLVED_NAME):].split("-"))
    return place


def subject_uncertain(subject: str | None, confidence: float | None, ambiguous: bool | None) -> bool:
    """Whether the place a claim is about is shown as uncertain: ambiguous, resolved with low
    confidence, or an id the gazetteer does not know. No subject is nothing to be unsure of."""
    if not subject:
        return False
    places = gazetteer()
    known = all(place in places for place in (members(subject) or (subject,)))
    return bool(ambiguous) or not known or float(confidence or 0) < UNCERTAIN_BELOW


# The language the current request's reader asked for; set by ReaderLanguageMiddleware.
_reader_language: ContextVar[str] = ContextVar("reader_language", default=DEFAULT_LANGUAGE)


def current_reader_language() -> str:
    return _reader_language.get()


def reader_language(request: HttpRequest) -> str:
    """The language to name places in: ?lang=, else the desk's language the reader chose (the
    language chooser's cookie, which LocaleMiddleware reads too), else the first of
    Accept-Language's languages the gazetteer names places in, else English."""
    languages = gazetteer().languages
    asked = (request.GET.get("lang") or "").strip().lower()
    if asked:
        code = asked.split("-")[0]
        return code if code in languages else DEFAULT_LANGUAGE
    chosen = (request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or "").strip().lower().split("-")[0]
    if chosen in languages:
        return chosen
    for wanted, _ in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        code = wanted.lower().split("-")[0]
        if code in languages:
            return code
    return DEFAULT_LANGUAGE


class ReaderLanguageMiddleware:
    """Sets the reader's language (reader_language) for the request: the API's and the desk's
    subject names follow it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _reader_language.set(reader_language(request))
        try:
            return self.get_response(request)
        finally:
            _reader_language.reset(token)
