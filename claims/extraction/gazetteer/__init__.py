"""The gazetteer: places and bodies with stable ids, found in text and resolved for a number.

    from claims.extraction.gazetteer import find_places, resolve, default

    mentions = find_places(text, "fr", ignore=["Anadolu"])
    resolution = resolve(clause=..., sentence=..., lead=..., article=mentions, anchor=offset)
    default().ancestors("geonames:2513029")   # ('iso:ES-VC', 'iso:ES')

Ids: `iso:MA` (country), `iso:MA-HAO` (ISO 3166-2 subdivision), `geonames:<id>` (town),
`geonames-admin1:<CC>.<code>` (a GeoNames area no ISO subdivision matched), `region:...` and
`body:...` (the overlay's territories, regions and bodies). The index is built ahead of time into
`build/gazetteer/` (`python -m claims.extraction.gazetteer.build`; see `index.py`).

Pure Python, no Django, like the rest of the extraction package.
"""

import claims.extraction as _engine

# The compiled finder and resolver (`claims.extraction.native`), found before the source while
# the build is current.
if _engine._compiled is not None:
    __path__.insert(0, str(_engine._compiled / "gazetteer"))

from claims.extraction.gazetteer.finder import find_places  # noqa: E402
from claims.extraction.gazetteer.index import Gazetteer, default, load  # noqa: E402
from claims.extraction.gazetteer.resolve import resolve, resolve_text  # noqa: E402
from claims.extraction.gazetteer.types import Place, PlaceMention, Resolution  # noqa: E402

__all__ = [
    "Gazetteer",
    "Place",
    "PlaceMention",
    "Resolution",
    "default",
    "find_places",
    "load",
    "resolve",
    "resolve_text",
]
