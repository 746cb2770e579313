"""A measurement over the real-news corpus: how many gold places the resolver finds.

The corpus (`shared/corpus/`, read from TALLY_SHARED_DIR, by default `../shared` beside the
repository) gives each gold claim a free-text `place` ("Hatay Province, TR", "UN General Assembly",
"Turkey and Syria (combined), TR/SY"). Each is first mapped to the gazetteer's ids, then the
resolver is run on the claim's own article, at the quote, and the two compared:

- exact: the resolver gives one of the gold place's ids;
- related: it gives a place holding the gold one or held by it (the country for a province);
- joined: a gold "combined" place, and the resolver found the places joined and named none;
- none: it gives no place; wrong: another place.

The figures are printed; the test holds only the gazetteer's coverage of the gold places and a
floor under the exact and related resolutions, so that a change that loses many shows.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from claims.extraction.gazetteer.index import Gazetteer
from claims.extraction.gazetteer.resolve import resolve_text
from tools.place_match import article_text, gold_ids

REPO = Path(__file__).resolve().parents[4]
SHARED = Path(os.environ.get("TALLY_SHARED_DIR", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
def _outlet_names(outlet: str) -> list[str]:
    name = outlet.split(" (")[0].strip()
    return [name] if name else []


@pytest.mark.skipif(not (CORPUS / "gold.jsonl").exists(), reason=f"the real-news corpus is not at {CORPUS}")
def test_gold_places_are_resolved_from_their_claims_sentences(gazetteer: Gazetteer, capsys: pytest.CaptureFixture[str]) -> None:
    outcomes: dict[str, Counter[str]] = {}
    mapped = total = 0
    for line in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        path = CORPUS / "articles" / article["file"]
        if not path.exists():
            continue
        text = article_text(path)
        language = article["language"]
        for claim in article["claims"]:
            if not claim.get("place"):
                continue
            total += 1
            expected = gold_ids(gazetteer, claim["place"])
            if expected:
                mapped += 1
            start = -1
            for _ in range(claim.get("occurrence", 0) + 1):
                start = text.find(claim["quote"], start + 1)
            if start < 0:
                continue
            resolution = resolve_text(
                text, language, start=start, end=start + len(claim["quote"]),
                ignore=_outlet_names(article.get("outlet", "")), vote=claim["metric"].startswith("un_votes"),
                gazetteer=gazetteer,
            )
            found = resolution.place
            if "combined" in claim["place"]:
                outcome = "joined" if found is None and expected <= set(resolution.alternatives) else (
                    "none" if found is None else "wrong")
            elif found is None:
                outcome = "none"
            elif found in expected:
                outcome = "exact"
            elif any(gazetteer.is_part_of(found, gold) or gazetteer.is_part_of(gold, found) for gold in expected):
                outcome = "related"
            else:
                outcome = "wrong"
            outcomes.setdefault(language, Counter())[outcome] += 1
    summary = Counter[str]()
    for counts in outcomes.values():
        summary.update(counts)
    with capsys.disabled():
        print(f"\ngold places mapped to an id: {mapped}/{total}")
        for language in sorted(outcomes):
            counts = outcomes[language]
            print(f"  {language}: " + ", ".join(f"{name} {counts[name]}" for name in ("exact", "related", "joined", "none", "wrong")))
        print("  all: " + ", ".join(f"{name} {summary[name]}" for name in ("exact", "related", "joined", "none", "wrong")))
    assert mapped >= 0.9 * total
    assert summary["exact"] + summary["related"] + summary["joined"] >= 0.7 * total
