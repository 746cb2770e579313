"""The gazetteer's values: a place, a place named in a text, the place a number is about."""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of place, from the widest to the narrowest. A region or territory of the overlay (the
# Gaza Strip, Donbas) sits between a country and its subdivisions; a body (the UN Security
# Council, a parliament) is a subject of its own, under a country or under the UN.
KINDS = ("country", "territory", "region", "admin1", "city", "body")


@dataclass(frozen=True, slots=True)
class Place:
    """A place or body with a stable id: "iso:MA", "iso:MA-HAO", "geonames:2538475",
    "region:gaza-strip", "body:un-security-council", or "geonames-admin1:MA.03" for a GeoNames
    area that no ISO subdivision matched (it has no name of its own)."""

    id: str
    kind: str
    parent: str | None
    country: str
    population: int
    # Language code -> the name shown in that language, for the languages that have one.
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A name of a place (or a demonym) found in a text: `text[start:end]` is `surface`.

    `ids` are the places it may name, homonyms included ("Valencia": the Spanish province, the
    Spanish city, the Venezuelan city). `demonym` marks "Moroccan", "marocaines", "марокканские",
    whose ids are the country's. `role` is "" for a place the text speaks of, "agency" when it
    stands beside a news outlet's name ("the Turkish agency Anadolu") and "dateline" when it opens
    a line as the place a report was filed from ("ANKARA (Reuters) -"): such a mention tells the
    outlet, not what a number is about. `qualified` marks a name a word for a region or province
    beside it moved to that area.
    """

    start: int
    end: int
    surface: str
    ids: tuple[str, ...]
    demonym: bool = False
    role: str = ""
    # Read with a word for a region or province beside it ("la région de Valence"), which moved
    # the name to that area.
    qualified: bool = False


@dataclass(frozen=True, slots=True)
class Resolution:
    """The place a number is about, or None, and how sure that is.

    `confidence` is between 0 and 1. `ambiguous` is true when the text allows another answer:
    homonyms that nothing in the article told apart, several places the number may be about
    (`alternatives` lists them, "in Turkey and Syria"), or a place taken only from the headline
    or the rest of the article. `rule` names the step that decided, for review and tests.
    """

    place: str | None
    confidence: float
    ambiguous: bool
    rule: str
    alternatives: tuple[str, ...] = ()
