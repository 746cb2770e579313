"""How often the engine's subject is the gold claim's place, on the real-news corpus.

    python -m tools.place_match [--corpus ../shared/corpus]

Each gold claim with a `place` ("Hatay Province, TR", "UN General Assembly", "Turkey and Syria
(combined), TR/SY") is mapped to the gazetteer's ids (as tests/claims/extraction/gazetteer/
test_corpus_places.py does), the engine is run on its article, and the claim whose span holds the
gold quote is compared:

- exact: its subject is one of the gold place's ids (for a combined place, its ids joined by "+");
- related: a place holding the gold one or held by it (the country for a province);
- none: no subject; wrong: another place; unmatched: no claim of the engine holds the quote.

An engine whose subjects are slugs (before they were ids) is compared by name: its slug is exact
when it is the slug of the gold place's name or of a name of one of its ids in any language.
Prints the counts per language and overall, and how many of the engine's subjects said they were
ambiguous.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claims.extraction import extract  # noqa: E402
from claims.extraction.gazetteer.finder import find_places  # noqa: E402
from claims.extraction.gazetteer.index import Gazetteer, default  # noqa: E402
from tools import shared_dir  # noqa: E402

_HEADER = re.compile(r"^\s*date\s+\S+\s+(.*)$")
_AREA_WORDS = re.compile(r"\b(Province|Governorate|Community|province|region)\b")
OUTCOMES = ("exact", "related", "none", "wrong", "unmatched")


def article_text(path: Path) -> str:
    """Title, a blank line and the body: the text the gold quotes are cut from."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header = _HEADER.match(lines[0])
    title = header.group(1) if header else lines[0]
    body = "\n".join(lines[1:]).lstrip("\n")
    return f"{title}\n\n{body}"


def gold_ids(gazetteer: Gazetteer, place: str) -> set[str]:
    """The ids a gold place names: its name's candidates within its country."""
    name, _, countries = place.rpartition(", ") if re.search(r", [A-Z]{2}(/[A-Z]{2})*$", place) else (place, "", "")
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    codes = countries.split("/") if countries else []
    if "combined" in place:
        return {f"iso:{code}" for code in codes}
    mentions = find_places(name, "en", demonyms=False, gazetteer=gazetteer)
    if not mentions:
        return set()
    ids = set(mentions[-1].ids if _AREA_WORDS.search(name) is None else mentions[0].ids)
    if codes:
        ids = {place_id for place_id in ids if any(gazetteer.is_part_of(place_id, f"iso:{code}") for code in codes)}
    return ids


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = ascii_name if ascii_name.strip() else name
    return re.sub(r"[^\w]+", "-", base.lower()).strip("-_")


def _published(value: str | None) -> tuple[date | None, str]:
    if not value:
        return None, "day"
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2]), "day"
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), "month"
    return date(parts[0], 1, 1), "year"


def outcome(gazetteer: Gazetteer, place: str, expected: set[str], subject: str | None) -> str:
    if subject is None:
        return "none"
    if ":" not in subject:
        # A slug: compared by name.
        name = re.sub(r"\s*\([^)]*\)", "", place.rpartition(", ")[0] or place).strip()
        names = {slug(name), slug(_AREA_WORDS.sub("", name))}
        for place_id in expected:
            names.update(slug(gazetteer.display_name(place_id, language)) for language in gazetteer.languages)
        return "exact" if subject in names else "wrong"
    if "combined" in place:
        return "exact" if subject == "+".join(sorted(expected)) else "wrong"
    parts = subject.split("+")
    if subject in expected:
        return "exact"
    if all(part in gazetteer.position for part in parts) and any(
        gazetteer.is_part_of(part, gold) or gazetteer.is_part_of(gold, part) for part in parts for gold in expected
    ):
        return "related"
    return "wrong"


def measure(corpus: Path) -> tuple[dict[str, Counter[str]], int]:
    gazetteer = default()
    outcomes: dict[str, Counter[str]] = {}
    ambiguous = 0
    for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        path = corpus / "articles" / article["file"]
        claims = [claim for claim in article["claims"] if claim.get("place")]
        if not path.exists() or not claims:
            continue
        text = article_text(path)
        published, precision = _published(article.get("published"))
        predictions = extract(text, article["language"], published, precision)
        counts = outcomes.setdefault(article["language"], Counter())
        for claim in claims:
            start = -1
            for _ in range(claim.get("occurrence", 0) + 1):
                start = text.find(claim["quote"], start + 1)
            held = [p for p in predictions if start >= 0 and p.start < start + len(claim["quote"]) and start < p.end]
            if not held:
                counts["unmatched"] += 1
                continue
            prediction = held[0]
            ambiguous += bool(getattr(prediction, "subject_ambiguous", False))
            counts[outcome(gazetteer, claim["place"], gold_ids(gazetteer, claim["place"]), prediction.subject)] += 1
    return outcomes, ambiguous


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=shared_dir() / "corpus")
    options = parser.parse_args(argv)
    if not (options.corpus / "gold.jsonl").is_file():
        print(f"no gold.jsonl in {options.corpus}")
        return 1
    outcomes, ambiguous = measure(options.corpus)
    total: Counter[str] = Counter()
    for language in sorted(outcomes):
        counts = outcomes[language]
        total.update(counts)
        print(f"{language}: " + ", ".join(f"{name} {counts[name]}" for name in OUTCOMES))
    matched = sum(total[name] for name in OUTCOMES if name != "unmatched")
    print("all: " + ", ".join(f"{name} {total[name]}" for name in OUTCOMES))
    if matched:
        print(
            f"subject is the gold place for {total['exact']}/{matched} matched claims ({total['exact'] / matched:.1%}); "
            f"exact or related {total['exact'] + total['related']}/{matched} "
            f"({(total['exact'] + total['related']) / matched:.1%}); flagged ambiguous: {ambiguous}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
