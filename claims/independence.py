"""Who stands behind a claim, for counting independent sources.

Two keys per claim:
- the outlet: the article's source, or for a syndicated copy its original's source (a copy does
  not corroborate its original);
- the originator: who first said the figure, read from the claim's attribution ("according to the
  Hamas-run health ministry" and "selon le ministère de la Santé" are both `o:health-ministry`),
  else the wire agency the article credits (`w:reuters`), else the outlet. Ten outlets relaying one
  ministry's toll are ten outlets but one originator.

The bodies, stop words and vague attributions are data: claims/data/originators.toml.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from articles.wires import wire_agencies_in

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
# Indefinite articles that are also acronyms ("UN", "UNO"): dropped only when written in lower case.
_LOWER_CASE_STOPWORDS = frozenset({"un", "une", "uno", "una", "ein", "eine", "einer", "einem", "eines", "who"})


@dataclass(frozen=True, slots=True)
class _Originators:
    stopwords: frozenset[str]
    vague: frozenset[tuple[str, ...]]
    bodies: tuple[tuple[str, tuple[frozenset[str], ...]], ...]


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.casefold())


@lru_cache(maxsize=1)
def _data() -> _Originators:
    raw = tomllib.loads((resources.files("claims") / "data" / "originators.toml").read_text("utf-8"))
    unknown = set(raw) - {"stopwords", "vague", "bodies"}
    if unknown:
        raise ValueError(f"originators.toml: unknown keys {sorted(unknown)}")
    stopwords = frozenset(_fold(word) for word in raw["stopwords"])
    vague = frozenset(tuple(_words(phrase, stopwords)) for phrase in raw["vague"])
    bodies = tuple(
        (key, tuple(frozenset(_words(pattern, stopwords, pattern=True)) for pattern in entry["patterns"]))
        for key, entry in raw["bodies"].items()
    )
    return _Originators(stopwords, vague, bodies)


def _words(text: str, stopwords: frozenset[str], *, pattern: bool = False) -> list[str]:
    words = []
    for token in _WORD.findall(text.replace("\u2019", "'")):
        # French and Italian elision: "l'agence" is "agence".
        token = token.split("'", 1)[1] if re.match(r"^[ldjmnst]'", token, re.IGNORECASE) else token
        folded = _fold(token)
        if folded in stopwords or (not pattern and folded in _LOWER_CASE_STOPWORDS and token.islower()):
            continue
        words.append(folded.removesuffix("'s"))
    return words


# Attributions repeat ("according to the health ministry"), and detection reads the key of every
# candidate claim: remember the answers.
@lru_cache(maxsize=65536)
def originator_key(attribution: str) -> str | None:
    """The originator an attribution names, or None when it names nobody in particular.

    A known body (data file) gives `o:<body>`, a wire agency `w:<agency>`, anything else
    `o:<its words without stop words>`.
    """
    if not attribution or not attribution.strip():
        return None
    wires = wire_agencies_in(attribution)
    if wires:
        return "w:" + "+".join(wires)
    data = _data()
    words = _words(attribution, data.stopwords)
    if not words or tuple(words) in data.vague:
        return None
    present = set(words)
    for key, patterns in data.bodies:
        if any(pattern and pattern <= present for pattern in patterns):
            return f"o:{key}"
    return "o:" + " ".join(words)


def outlet_key(*, article_id: int, source_id: int | None, original_id: int | None,
               original_source_id: int | None) -> str:
    """The outlet an article speaks for: a syndicated copy speaks with its original's voice."""
    if original_id:
        return f"s{original_source_id}" if original_source_id else f"a{original_id}"
    return f"s{source_id}" if source_id else f"a{article_id}"


# The claim fields (as Claim.objects.values() names them) that the two keys are read from.
KEY_FIELDS = (
    "article_id", "attribution", "article__source_id", "article__syndicated_from_id",
    "article__syndicated_from__source_id", "article__wire_agencies",
)


def claim_keys(row: dict[str, Any]) -> tuple[str, str]:
    """(outlet key, originator key) of a claim read with KEY_FIELDS."""
    return keys_of(
        article_id=row["article_id"], attribution=row.get("attribution") or "", source_id=row["article__source_id"],
        original_id=row["article__syndicated_from_id"], original_source_id=row["article__syndicated_from__source_id"],
        wire_agencies=row.get("article__wire_agencies"),
    )


def keys_of(*, article_id: int, attribution: str, source_id: int | None, original_id: int | None,
            original_source_id: int | None, wire_agencies: list[str] | None) -> tuple[str, str]:
    """(outlet key, originator key) of a claim: its attribution, else the wire its article credits,
    else its outlet."""
    outlet = outlet_key(article_id=article_id, source_id=source_id, original_id=original_id,
                        original_source_id=original_source_id)
    originator = originator_key(attribution)
    if originator is None and wire_agencies:
        originator = "w:" + "+".join(wire_agencies)
    return outlet, originator or outlet


@dataclass(frozen=True, slots=True)
class SourceCounts:
    outlets: int
    originators: int


def figure_source_counts(figure: Any) -> SourceCounts:
    """How many outlets and how many independent originators report a Figure.

    Claims a reviewer marked "not a claim" do not count. Two queries' worth of work: one read of
    the figure's claims with their articles.
    """
    from claims.models import Claim, ClaimStatus

    rows = (
        Claim.objects.filter(figure=figure).exclude(review_status=ClaimStatus.NOT_A_CLAIM).values(*KEY_FIELDS)
    )
    keys = [claim_keys(row) for row in rows]
    return SourceCounts(outlets=len({k[0] for k in keys}), originators=len({k[1] for k in keys}))
