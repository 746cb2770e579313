"""Which wire agencies an article credits: "(Reuters)", "AFP", "cité par l'agence turque Anadolu".

The agencies are data (articles/data/agencies.toml). Pure functions: no database.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_KEYS = {"name", "names", "acronyms", "acronyms_in_context"}


@dataclass(frozen=True, slots=True)
class Agency:
    key: str
    name: str
    pattern: re.Pattern[str]


def _words(alternatives: list[str]) -> str:
    # Longest first, so "Agence France-Presse" wins over "France-Presse".
    return "|".join(re.escape(item) for item in sorted(alternatives, key=len, reverse=True))


@lru_cache(maxsize=1)
def agencies() -> tuple[Agency, ...]:
    data = tomllib.loads((resources.files("articles") / "data" / "agencies.toml").read_text("utf-8"))
    cues = data.pop("context")["cues"]
    cue = rf"(?:{_words(cues)})\s+(?:(?:the|l'|la|le|el|la|die|der|den|agency|agence|agencia|agentur)\s+)*"
    found = []
    for key, entry in data.items():
        unknown = set(entry) - _KEYS
        if unknown:
            raise ValueError(f"agencies.toml [{key}]: unknown keys {sorted(unknown)}")
        parts = []
        if entry.get("names"):
            parts.append(rf"(?i:{_words(entry['names'])})")
        if entry.get("acronyms"):
            parts.append(_words(entry["acronyms"]))
        if entry.get("acronyms_in_context"):
            short = _words(entry["acronyms_in_context"])
            parts += [
                rf"(?<=\()(?:{short})(?=\))",  # (AP)
                rf"(?:{short})(?=\s*[-\u2013\u2014/])",  # AP — / AP/Reuters
                rf"(?<=/)(?:{short})",  # Reuters/AP
                rf"(?i:{cue})(?-i:{short})",  # according to AP
                rf"^(?:{short})$",  # an attribution that is the acronym alone
            ]
        pattern = re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.MULTILINE)
        found.append(Agency(key=key, name=entry.get("name", key), pattern=pattern))
    return tuple(found)


def wire_agencies_in(text: str) -> list[str]:
    """Keys of the agencies `text` credits, in the data file's order; empty when none."""
    return [agency.key for agency in agencies() if agency.pattern.search(text)]
