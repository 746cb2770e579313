"""Cross-outlet detection measured on the real-news corpus: what the pipeline links and flags
against the disagreements, agreements and must-not-link pairs of its `conflicts.json`.

    DATABASE_URL=postgres://.../a_fresh_db python -m tools.cross_outlet [corpus folder]

The corpus (`corpus/` of TALLY_SHARED_DIR by default, see tools.shared_dir) is ingested into the
configured database, which must hold no articles (`--flush` empties it first), then each article
is extracted and compared in the calling process, as `articles_process` does. A pair of
`conflicts.json` names each claim by its file and a text inside its quote; the stored claim whose
span covers that text stands for it. Reported:

- conflicts: the outlets' disagreements stored as a conflict between the two claims (and of the
  kind named);
- agreements: compatible reports of one figure wrongly stored as a conflict;
- must-not-link: pairs never to be compared that are stored as a conflict, or put in one figure;
- places: of the gold claims matched by a stored claim, how often its subject is the gold `place`
  (the name, or for a combined place its countries), and how often the country is.

A pair whose claim was not extracted is counted apart ("unmatched"): it says what the engine
missed, not what detection did.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tools import shared_dir

CONFLICTS = "conflicts.json"
GOLD = "gold.jsonl"


@dataclass
class PairScore:
    total: int = 0
    unmatched: int = 0
    flagged: int = 0
    kind_right: int = 0
    linked: int = 0  # put in one figure
    # Not stored between these two claims, but between another mention of the same figure and
    # value in the same article and the other claim (detection compares an article's first mention).
    through_mention: int = 0
    misses: list[str] = field(default_factory=list)


@dataclass
class Report:
    articles: int = 0
    claims: int = 0
    conflicts_stored: int = 0
    conflicts: PairScore = field(default_factory=PairScore)
    agreements: PairScore = field(default_factory=PairScore)
    must_not_link: PairScore = field(default_factory=PairScore)
    places_gold: int = 0
    places_matched: int = 0
    places_right: int = 0
    places_country_right: int = 0
    places_uncertain: int = 0
    places_misses: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        c, a, m = self.conflicts, self.agreements, self.must_not_link
        rate = (lambda n, d: f"{n}/{d} ({100 * n / d:.0f}%)" if d else f"{n}/0")
        return [
            f"articles: {self.articles}, claims: {self.claims}, conflicts stored: {self.conflicts_stored}",
            f"conflicts found: {rate(c.flagged, c.total)}, of the kind named {c.kind_right}, and "
            f"{c.through_mention} more through another mention of the same figure and value in the same article "
            f"(claims not extracted: {c.unmatched})",
            f"agreements wrongly flagged: {rate(a.flagged, a.total - a.unmatched)} "
            f"(claims not extracted: {a.unmatched}); in one figure: {a.linked}",
            f"must-not-link pairs flagged: {rate(m.flagged, m.total - m.unmatched)}, put in one figure: {m.linked} "
            f"(claims not extracted: {m.unmatched})",
            f"places: gold claims with a place {self.places_gold}, matched by a stored claim {self.places_matched}, "
            f"subject right {rate(self.places_right, self.places_matched)}, country right "
            f"{rate(self.places_country_right, self.places_matched)}, shown uncertain {self.places_uncertain}",
        ]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).casefold()
    return "".join(char for char in text if not unicodedata.combining(char)).strip()


# The words of an annotated subdivision's name that say what kind of area it is.
_AREA_WORDS = r"\b(province|governorate|region|oblast|prefecture|department|county)\b"


def place_matches(subject: str | None, gold: str) -> tuple[bool, bool]:
    """(the subject is the gold place, the subject is in the gold place's country or countries).

    A gold place is written "Name (note), CC" ("Valencia (province), ES", "Turkey and Syria
    (combined), TR/SY", "UN General Assembly"): the name without its note is compared with the
    subject's English name, a combined place by its countries.
    """
    from claims.extraction.gazetteer import default
    from claims.places import members

    if not subject:
        return False, False
    places = default()
    name, _, codes = gold.rpartition(", ") if re.search(r", [A-Z]{2}(/[A-Z]{2})*$", gold) else (gold, "", "")
    countries = {code for code in codes.split("/") if code}
    ids = members(subject) or (subject,)
    if not all(place in places for place in ids):
        # A subject the gazetteer does not know (an old engine's slug): compared by its name alone.
        slug = _fold(re.sub(r"\s*\(.*?\)", "", name)).replace(" ", "-")
        return subject == slug, False
    subject_countries = {places.place(place).country for place in ids}
    if members(subject):
        right = countries == subject_countries and "combined" in name
        return right, bool(countries) and subject_countries <= countries
    plain = _fold(re.sub(r"\s*\(.*?\)", "", name))
    shown = _fold(places.display_name(subject, "en"))
    right = plain == shown
    if not right and places.place(subject).kind in ("admin1", "region", "territory"):
        # "Hatay Province" is the subdivision shown as "Hatay".
        right = re.sub(_AREA_WORDS, "", plain).strip() == shown
    return right, bool(countries) and subject_countries <= countries


def _ingest(folder: Path, gold: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Each article of the corpus stored once, with its gold outlet and language: file -> article id."""
    from articles.parsing import IngestError, parse_seed, validate
    from articles.services import article_ingest_many

    found: dict[str, int] = {}
    for path in sorted((folder / "articles").glob("*.txt")):
        entry = gold.get(path.name, {})
        item = parse_seed(path.read_bytes(), str(path))
        item = replace(item, source=item.source or entry.get("outlet"), language=item.language or entry.get("language"),
                       url=item.url or entry.get("url"))
        try:
            checked = validate(item, max_body_bytes=1_000_000)
        except IngestError as error:
            # A language the engine does not read yet: the article is left out, and so are its pairs.
            print(f"{path.name}: left out: {error}", file=sys.stderr)
            continue
        report = article_ingest_many(items=[checked])
        if report.new:
            found[path.name] = report.new[0]
        elif report.duplicates:
            found[path.name] = report.duplicates[0][1]
        else:
            print(f"{path.name}: not stored: {'; '.join(str(error) for error in report.failed)}", file=sys.stderr)
    return found


def _claim_at(claims_by_article: dict[int, list[Any]], texts: dict[int, str], article_id: int | None, quote: str,
              occurrence: int = 0) -> Any | None:
    """The stored claim whose span overlaps the `occurrence`th appearance of `quote`."""
    if article_id is None:
        return None
    text = texts[article_id]
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(quote, start + 1)
        if start < 0:
            return None
    end = start + len(quote)
    overlapping = [c for c in claims_by_article.get(article_id, []) if c.start < end and start < c.end]
    # The claim whose number lies inside the text named, else the first that overlaps it.
    inside = [c for c in overlapping if start <= c.start and c.end <= end]
    return (inside or overlapping or [None])[0]


def _same_reading(claim: Any, other: Any) -> bool:
    return (claim.figure_id is not None and claim.figure_id == other.figure_id
            and (claim.value, claim.lower, claim.upper) == (other.value, other.lower, other.upper))


def _through_mention(a: Any, b: Any, claims_by_article: dict[int, list[Any]],
                     stored: dict[frozenset[int], str]) -> bool:
    """Whether a conflict is stored between one of the two claims and another claim of the other's
    article that reads the same figure and value (its first mention there)."""
    for claim, other in ((a, b), (b, a)):
        for mention in claims_by_article.get(claim.article_id, []):
            if mention.id != claim.id and _same_reading(mention, claim) and frozenset((mention.id, other.id)) in stored:
                return True
    return False


def measure(folder: Path) -> Report:
    from articles.models import Article
    from claims.models import Claim, Conflict
    from claims.places import subject_uncertain
    from claims.services.claims import articles_process

    gold = {}
    for line in (folder / GOLD).read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            gold[entry["file"]] = entry
    files = _ingest(folder, gold)
    articles_process(article_ids=sorted(files.values()))
    report = Report(articles=len(files), conflicts_stored=Conflict.objects.count())
    texts = {article.id: article.text for article in Article.objects.filter(id__in=list(files.values()))}
    claims_by_article: dict[int, list[Any]] = {}
    for claim in Claim.objects.filter(article_id__in=list(files.values())).order_by("article_id", "start"):
        claims_by_article.setdefault(claim.article_id, []).append(claim)
        report.claims += 1
    stored = {}
    for conflict in Conflict.objects.all():
        stored[frozenset((conflict.claim_a_id, conflict.claim_b_id))] = conflict.kind

    pairs = json.loads((folder / CONFLICTS).read_text(encoding="utf-8"))
    for name, score in (("conflicts", report.conflicts), ("agreements", report.agreements),
                        ("must_not_link", report.must_not_link)):
        for pair in pairs.get(name, []):
            score.total += 1
            a = _claim_at(claims_by_article, texts, files.get(pair["a"][0]), pair["a"][1])
            b = _claim_at(claims_by_article, texts, files.get(pair["b"][0]), pair["b"][1])
            label = f"{pair['a']} / {pair['b']}"
            if a is None or b is None or a.id == b.id:
                score.unmatched += 1
                score.misses.append(f"unmatched: {label}")
                continue
            kind = stored.get(frozenset((a.id, b.id)))
            if kind is not None:
                score.flagged += 1
                score.kind_right += kind == pair.get("kind")
                if name != "conflicts":
                    score.misses.append(f"flagged {kind}: {label}")
            elif name == "conflicts" and _through_mention(a, b, claims_by_article, stored):
                score.through_mention += 1
                score.misses.append(f"found through another mention ({a.subject} / {b.subject}): {label}")
            elif name == "conflicts":
                score.misses.append(f"not found ({a.subject} / {b.subject}): {label}")
            if a.figure_id is not None and a.figure_id == b.figure_id:
                score.linked += 1

    for file_name, article_id in files.items():
        for item in gold.get(file_name, {}).get("claims", []):
            if not item.get("place"):
                continue
            report.places_gold += 1
            claim = _claim_at(claims_by_article, texts, article_id, item["quote"], item.get("occurrence", 0))
            if claim is None:
                continue
            report.places_matched += 1
            right, country = place_matches(claim.subject, item["place"])
            report.places_right += right
            if not right:
                report.places_misses.append(f"place {item['place']!r} read as {claim.subject} "
                                            f"({'country right' if country else 'country wrong'}): "
                                            f"[{file_name!r}, {item['quote']!r}]")
            report.places_country_right += country
            report.places_uncertain += subject_uncertain(claim.subject, claim.subject_confidence,
                                                         claim.subject_ambiguous)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", help="The corpus folder (default: corpus/ of TALLY_SHARED_DIR)")
    parser.add_argument("--flush", action="store_true", help="Empty the configured database first")
    parser.add_argument("--show", action="store_true", help="List the pairs missed or wrongly flagged")
    options = parser.parse_args(argv)
    folder = Path(options.folder) if options.folder else shared_dir() / "corpus"
    if not (folder / CONFLICTS).is_file() or not (folder / GOLD).is_file():
        print(f"{folder}: no {CONFLICTS} and {GOLD} here", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from unittest import mock

    from django.core.management import call_command

    from articles.models import Article

    call_command("migrate", verbosity=0)
    if options.flush:
        call_command("flush", interactive=False, verbosity=0)
    if Article.objects.exists():
        print("the configured database holds articles: measure on a fresh one, or pass --flush", file=sys.stderr)
        return 2
    # Extraction and detection run here, in order; nothing is sent to a worker.
    with mock.patch("articles.services.hand_on"):
        report = measure(folder)
    print("\n".join(report.lines()))
    if options.show:
        for score in (report.conflicts, report.agreements, report.must_not_link):
            print("\n".join(score.misses))
        print("\n".join(report.places_misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
