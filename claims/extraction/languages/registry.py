"""Loading and validating the per-language lexicons.

Each language is one TOML file in `claims/extraction/lexicons/`, read once per process with
`tomllib` and `importlib.resources` and checked against a known key set, so that a typo in a
lexicon fails loudly at load time instead of silently matching nothing.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from claims.extraction.languages.base import Language

# Every key a lexicon may hold, with the type its value must have. Nested tables list their own
# keys; `None` marks a table whose keys are free (phrases, place names) and whose values must be
# of the given type.
_LIST = list
LEXICON_SCHEMA: dict[str, Any] = {
    "language": str,
    "name": str,
    # The script the language is written in, and what the engine needs to know of it.
    "script": {
        "name": str,
        # The script's letters, as the ranges of a regex character class ("\u0400-\u04ff").
        "letters": str,
        # Whether the script has capitals: a place's name then starts with one.
        "cased": bool,
        # "ltr" or "rtl".
        "direction": str,
        # The language's own letters (lower case), where its script is shared with other languages
        # ("ї" is Ukrainian, "ы" Russian): a place name written with others is not filed under it.
        "alphabet": str,
        # Letters of other languages in the script that no name of this one holds (Persian "پ").
        "foreign_letters": str,
        # How a name's letters fold into the gazetteer's keys (`gazetteer/normalize.py`): whether
        # marks are taken off ("ü" as "u"; not "й" as "и"), letters read as others ("ё" as "е",
        # "" to drop one), characters that sit inside words (the body of a character class: the
        # Arabic short vowels), and an article dropped from the front of a word ("ال").
        "fold_marks": bool,
        "fold_letters": dict,
        "in_words": str,
        "article": str,
    },
    # The place finder's words (as in gazetteer/data/words.toml, for a language that has no table
    # there): common words that are also names, locative words, titles, agencies...; and
    # `name_countries`, the countries whose towns this language's news name in its own script.
    "gazetteer": dict,
    "decimal_separator": str,
    "thousands_separators": _LIST,
    "decimal_mark_groups": bool,
    # Letters printed between the fraction and the integer of a decimal ("9ر1" for 1.9).
    "reversed_decimal_marks": _LIST,
    "abbreviations": _LIST,
    "digit_map": dict,
    # Characters read as others, one for one, in the text and in the lexicon alike ("ё" as "е",
    # "أ" as "ا", a short-vowel mark as the tatweel that keeps its word whole).
    "char_map": dict,
    # Letters glued to the front of a word ("و", "ب", "ال"): a word not known as written is looked
    # up again without them.
    "clitics": _LIST,
    # The clitics that are a conjunction ("و"): a word carrying one opens a new phrase.
    "conjunction_clitics": _LIST,
    # Characters a word is looked up without ("قتـيل" as "قتيل").
    "ignored_in_words": _LIST,
    # German capitalises every noun: a lower-case word after a number cannot be its head noun.
    "nouns_capitalised": bool,
    # "media hora", "half an hour": a fraction before a unit.
    "fractions": dict,
    "scale_words": dict,
    "scale_suffixes": dict,
    "numbers": {
        "words": _LIST,
        "joiners": _LIST,
        "compound": bool,
        "ambiguous": _LIST,
        "partitive": _LIST,
        "spellings": dict,
        # Number word -> value, for a language text2num does not read (every case and gender).
        "values": dict,
        # Letters that may be glued to the front of a number, in digits or words ("و2421", "وعشرون").
        "clitics": _LIST,
        # Glued to the digits after a scale word, joining them to it ("24 ألفا و617": 24,617).
        "scale_joiners": _LIST,
    },
    "qualifiers": {
        "more_than": _LIST,
        "at_least": _LIST,
        "approx": _LIST,
        "less_than": _LIST,
        "at_most": _LIST,
        # Qualifiers written after the number ("100 or more", Turkish "100'den fazla"), by kind.
        "at_least_after": _LIST,
        "more_than_after": _LIST,
        "approx_after": _LIST,
        "less_than_after": _LIST,
        "at_most_after": _LIST,
        "between": _LIST,
        "exact": _LIST,
        "fillers": _LIST,
        "between_joiners": _LIST,
        "range_connectors": _LIST,
        "range_blockers": _LIST,
    },
    "vague": dict,
    "approx_words": dict,
    "metrics": {
        "deaths": _LIST,
        "injured": _LIST,
        "missing": _LIST,
        "hostages_held": _LIST,
        "hostages_released": _LIST,
        "displaced": _LIST,
        "detained": _LIST,
        "aid_trucks": _LIST,
    },
    "groups": {
        "people": _LIST,
        "children": _LIST,
        "women": _LIST,
    },
    "votes": {
        "context": _LIST,
        "nouns": _LIST,
        "members": _LIST,
        "pair": _LIST,
        "for": _LIST,
        "against": _LIST,
        "abstain": _LIST,
        "weak_for": _LIST,
        "weak_against": _LIST,
        "particle_for": _LIST,
        "particle_against": _LIST,
        "negation": _LIST,
    },
    "durations": dict,
    "words": {
        "stop": _LIST,
        "percent": _LIST,
        "age": _LIST,
        "release": _LIST,
        "prisoners": _LIST,
        "toll": _LIST,
        "condition": _LIST,
        "forensic": _LIST,
        "still": _LIST,
        "not_nouns": _LIST,
        "untracked": _LIST,
    },
    "cues": {
        "part_of": _LIST,
        "part_of_after": _LIST,
        "time_window_before": _LIST,
        "not_claim_before": _LIST,
        "ordinal_dot_before": _LIST,
        "clock_words": _LIST,
        "clock_before": _LIST,
        "locative": _LIST,
        "locative_article": _LIST,
        "baseline": _LIST,
        "change_before": _LIST,
        "alternatives": _LIST,
        "conjunctions": _LIST,
        "more_after": _LIST,
        "anaphora": _LIST,
        "exchange": _LIST,
        "each": _LIST,
        "threshold_before": _LIST,
        "population_before": _LIST,
        "denominator_before": _LIST,
        "change_from": _LIST,
        "body_size_before": _LIST,
        "one_before": _LIST,
        "relative": _LIST,
        "half_after": _LIST,
        "not_places": _LIST,
        "not_place_suffixes": _LIST,
        "copula": _LIST,
    },
    "places": dict,
    "bodies": dict,
    "time": {
        "months": _LIST,
        "weekdays": _LIST,
        "since": _LIST,
        "date_articles": _LIST,
        "yesterday": _LIST,
        "today": _LIST,
        "last": _LIST,
        "next": _LIST,
        "day_before_yesterday": _LIST,
        "since_phrase": _LIST,
        "event_verbs": _LIST,
        "event_verbs_after": _LIST,
        "now": _LIST,
        "compared": _LIST,
        "compared_clause": _LIST,
        # "a week after the storm": phrases with {count}, {unit} and {single}, the words of one, each
        # unit's days, and the words that make a count a duration (see `Language.after_event_re`).
        "after_event": _LIST,
        "after_event_one": _LIST,
        "after_event_units": dict,
        "after_event_single": dict,
        "after_event_duration": _LIST,
    },
    "attribution": {
        "before_source": _LIST,
        "after_source": _LIST,
        "phrases": _LIST,
        "verbs": _LIST,
    },
}

REQUIRED_KEYS = ("language", "script", "decimal_separator", "thousands_separators", "numbers", "metrics", "time")


class LexiconError(ValueError):
    """A lexicon file does not match the known key set."""


def validate_lexicon(data: dict[str, Any], *, source: str) -> None:
    """Raise LexiconError on an unknown key, a missing required key or a value of the wrong type."""
    for key in REQUIRED_KEYS:
        if key not in data:
            raise LexiconError(f"{source}: missing required key {key!r}")
    for key, value in data.items():
        if key not in LEXICON_SCHEMA:
            raise LexiconError(f"{source}: unknown key {key!r}")
        expected = LEXICON_SCHEMA[key]
        if isinstance(expected, dict):
            if not isinstance(value, dict):
                raise LexiconError(f"{source}: {key!r} must be a table")
            for sub_key, sub_value in value.items():
                if sub_key not in expected:
                    raise LexiconError(f"{source}: unknown key {key}.{sub_key!r}")
                if not isinstance(sub_value, expected[sub_key]):
                    raise LexiconError(f"{source}: {key}.{sub_key} must be {expected[sub_key].__name__}")
        elif not isinstance(value, expected):
            raise LexiconError(f"{source}: {key!r} must be {expected.__name__}")


def available_languages() -> tuple[str, ...]:
    """ISO 639-1 codes of every lexicon shipped with the engine."""
    folder = resources.files("claims.extraction") / "lexicons"
    return tuple(sorted(entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".toml")))


def load_lexicon(code: str) -> dict[str, Any]:
    """The validated raw lexicon of one language."""
    resource = resources.files("claims.extraction") / "lexicons" / f"{code}.toml"
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    validate_lexicon(data, source=f"{code}.toml")
    if data["language"] != code:
        raise LexiconError(f"{code}.toml: language is {data['language']!r}")
    return data


_OTHER_TABLE = re.compile(r"^\[(?!script\]|gazetteer[\].])", re.MULTILINE)


def lexicon_head(code: str) -> dict[str, Any]:
    """A lexicon's top-level keys with its `[script]` and `[gazetteer]` tables, read without the
    rest when those tables come first (as they do in the shipped lexicons): what the gazetteer's
    stamp needs, at a fraction of the cost of the whole file."""
    text = (resources.files("claims.extraction") / "lexicons" / f"{code}.toml").read_text(encoding="utf-8")
    found = _OTHER_TABLE.search(text)
    head = tomllib.loads(text[: found.start()] if found else text)
    return head if "script" in head else tomllib.loads(text)


@lru_cache(maxsize=None)
def get_language(code: str) -> Language | None:
    """The compiled Language for an ISO 639-1 code, or None when no lexicon exists for it.

    Compiled once per process: every regex a language needs is built here, not per call.
    """
    if code not in available_languages():
        return None
    return Language(load_lexicon(code))
