"""The index: hierarchy and names, and a stale index never used."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path
from typing import Any

import pytest

from claims.extraction.gazetteer import build, index
from claims.extraction.gazetteer.index import Gazetteer
from claims.extraction.languages.registry import available_languages, lexicon_head, load_lexicon


def test_ids_have_their_ancestors(gazetteer: Gazetteer) -> None:
    assert gazetteer.ancestors("iso:MA-HAO") == ("iso:MA-07", "iso:MA")
    assert gazetteer.ancestors("region:gaza-strip") == ("iso:PS",)
    assert gazetteer.ancestors("iso:PS-GZA") == ("region:gaza-strip", "iso:PS")
    assert gazetteer.ancestors("iso:MA") == ()


def test_is_part_of_follows_the_hierarchy(gazetteer: Gazetteer) -> None:
    paiporta = "geonames:2513029"
    assert gazetteer.is_part_of(paiporta, "iso:ES")
    assert gazetteer.is_part_of(paiporta, "iso:ES-VC")
    assert gazetteer.is_part_of(paiporta, paiporta)
    assert not gazetteer.is_part_of("iso:ES", paiporta)
    assert not gazetteer.is_part_of(paiporta, "iso:PT")


@pytest.mark.parametrize(
    ("language", "name"),
    [("en", "Morocco"), ("fr", "Maroc"), ("es", "Marruecos"), ("de", "Marokko"), ("ar", "المغرب"), ("ru", "Марокко")],
)
def test_a_country_has_a_name_in_each_language(gazetteer: Gazetteer, language: str, name: str) -> None:
    assert gazetteer.display_name("iso:MA", language) == name


def test_overlay_names_are_shown_and_a_town_falls_back_to_its_own_name(gazetteer: Gazetteer) -> None:
    assert gazetteer.display_name("region:gaza-strip", "de") == "Gazastreifen"
    assert gazetteer.display_name("body:un-security-council", "fr") == "Conseil de sécurité de l'ONU"
    assert gazetteer.display_name("iso:TR", "en") == "Turkey"
    assert gazetteer.display_name("geonames:2513029", "fr") == "Paiporta"
    assert gazetteer.display_name("geonames:2513029", "ru") == "Пайпорта"


def test_a_place_carries_its_kind_parent_and_country(gazetteer: Gazetteer) -> None:
    place = gazetteer.place("geonames:2513029")
    assert (place.kind, place.parent, place.country) == ("city", "iso:ES-VC", "ES")
    assert place.population > 15000
    assert gazetteer.place("body:un-general-assembly").kind == "body"


def _copy_package(tmp_path: Path) -> Path:
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    for name in index.SOURCES:
        shutil.copy(index.PACKAGE / name, package / name)
    for path in (index.PACKAGE / "data").glob("*.toml"):
        shutil.copy(path, package / "data" / path.name)
    return package


TINY: dict[str, Any] = {"format": build.FORMAT, "ids": ["iso:XX"]}


@pytest.mark.parametrize("code", available_languages())
def test_the_stamp_reads_every_table_of_a_lexicon_the_index_is_built_from(code: str) -> None:
    # The stamp reads a lexicon's head: its `[gazetteer]` table must stand before its other tables.
    head, whole = lexicon_head(code), load_lexicon(code)
    assert (head["script"], head.get("gazetteer")) == (whole["script"], whole.get("gazetteer"))


def test_an_index_whose_stamp_matches_its_inputs_is_used(tmp_path: Path) -> None:
    # given
    build_dir = tmp_path / "build"
    index.write_index(TINY, build_dir)
    # when
    found = index.current_index_path(build_dir)
    # then
    assert found == build_dir / index.INDEX_NAME


@pytest.mark.parametrize("edit", ["data/overlay.toml", "data/demonyms.toml", "data/new.toml", "normalize.py", "build.py"])
def test_an_index_built_from_other_inputs_is_not_used(tmp_path: Path, edit: str) -> None:
    # given
    package = _copy_package(tmp_path)
    build_dir = tmp_path / "build"
    (build_dir).mkdir()
    (build_dir / index.INDEX_NAME).write_bytes(b"")
    (build_dir / index.STAMP_NAME).write_text(index.input_digest(package) + "\n")
    assert index.current_index_path(build_dir, package) is not None
    # when
    path = package / edit
    path.write_text((path.read_text() if path.exists() else "") + "\n# edited\n")
    # then
    assert index.current_index_path(build_dir, package) is None


def test_a_new_package_version_makes_the_index_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # given
    build_dir = tmp_path / "build"
    index.write_index(TINY, build_dir)
    real_version = index.metadata.version
    # when
    monkeypatch.setattr(index.metadata, "version", lambda name: "0.0" if name == "pycountry" else real_version(name))
    # then
    assert index.current_index_path(build_dir) is None


def test_a_stale_index_is_rebuilt_in_memory_and_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a current index, loading builds one (the packages' slow path) and writes it."""
    # given
    build_dir = tmp_path / "build"
    build_dir.mkdir()
    (build_dir / index.STAMP_NAME).write_text("an older digest\n")
    (build_dir / index.INDEX_NAME).write_bytes(b"not an index")
    built = {"calls": 0}
    data = {**TINY, "languages": ["en"], "kinds": ["country"], "parents": [-1], "countries": ["XX"],
            "populations": [0], "names": [("Nowhere",)]}

    def fake_build() -> dict[str, Any]:
        built["calls"] += 1
        return data

    monkeypatch.setattr(build, "build_index", fake_build)
    # when
    loaded = index.load(build_dir)
    # then
    assert built["calls"] == 1
    assert loaded.display_name("iso:XX", "en") == "Nowhere"
    assert index.current_index_path(build_dir) == build_dir / index.INDEX_NAME
    assert index.load(build_dir).ids == ["iso:XX"]
    assert built["calls"] == 1


_NAMED: dict[str, Any] = {**TINY, "languages": ["en"], "kinds": ["country"], "parents": [-1], "countries": ["XX"],
                          "populations": [0], "names": [("Nowhere",)]}


def test_display_names_are_kept_apart_and_read_when_first_shown(tmp_path: Path) -> None:
    """The engine never shows a name: a worker does not hold them."""
    # given
    build_dir = tmp_path / "build"
    index.write_index(_NAMED, build_dir)
    # when
    loaded = index.load(build_dir)
    # then
    assert "names" not in marshal.loads((build_dir / index.INDEX_NAME).read_bytes())
    assert loaded.display_name("iso:XX", "en") == "Nowhere"
    assert loaded.place("iso:XX").names == {"en": "Nowhere"}


def test_names_written_by_a_later_build_are_not_taken_for_the_index_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given
    build_dir = tmp_path / "build"
    index.write_index(_NAMED, build_dir)
    loaded = index.load(build_dir)
    index.write_index({**_NAMED, "ids": ["iso:YY", "iso:XX"], "names": [("Elsewhere",), ("Nowhere again",)]}, build_dir)
    monkeypatch.setattr(build, "build_index", lambda: {**_NAMED, "names": [("Nowhere, built again",)]})
    # when
    shown = loaded.display_name("iso:XX", "en")
    # then
    assert shown == "Nowhere, built again"
