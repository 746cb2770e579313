"""Cost per article of syndication detection against a large store.

    python bench/syndication.py [--stored 100000] [--measured 300] [--database URL] [--keep]

Fills a scratch database with `--stored` articles and their LSH band rows, then ingests
`--measured` articles one at a time through `article_ingest` (normalise, dedupe, detect language
from the given code, store, index and link copies) and reports the time and queries per article:
once against an almost empty store and once against the full one. Detection reads candidates
through the index on the band keys, so the figures should not grow with the store.

The store: a few hundred originals from the evaluation corpus (tools/syndication_eval.py),
indexed for real, so the measured articles include copies that find their originals; the rest are
filler articles whose 32 band keys are random 64-bit numbers. That is what the band keys of
unrelated texts are (hashes of MinHash values), and it keeps the fill to bulk inserts instead of
hours of MinHash. Claim extraction, which ingestion enqueues after commit, is left out.

Database: --database, else DATABASE_URL, else PostgreSQL on 127.0.0.1:5432 as user postgres if it
answers (a scratch database `tally_bench_syndication`, dropped afterwards unless --keep), else an
SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SCRATCH = "tally_bench_syndication"


def _postgres_scratch() -> str | None:
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=2, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
            conn.execute(f"CREATE DATABASE {SCRATCH}")
    except Exception as error:  # noqa: BLE001 - any failure means PostgreSQL is not usable here
        print(f"PostgreSQL not reachable ({type(error).__name__}); using SQLite")
        return None
    return f"postgres://postgres@127.0.0.1:5432/{SCRATCH}"


def _drop_postgres_scratch() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=2, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")


def _fill(stored: int, originals: list, rng: random.Random) -> None:
    from articles.models import Article, SyndicationBand
    from articles.parsing import content_hash
    from articles.services import article_ingest_many
    from articles.syndication import BANDS

    # The real originals first, indexed through ingestion like any article.
    article_ingest_many(items=originals, chunk_size=500)
    filler = stored - len(originals)
    batch = 5000
    started = time.perf_counter()
    for offset in range(0, filler, batch):
        rows = []
        for n in range(offset, min(offset + batch, filler)):
            title, body = f"Filler report {n}", f"Filler article number {n} about an unrelated matter, {rng.random()}."
            rows.append(Article(title=title, body=body, language="en", content_hash=content_hash(title, body),
                                status=Article.Status.DONE))
        created = Article.objects.bulk_create(rows, batch_size=1000)
        bands = [SyndicationBand(article_id=a.id, key=rng.getrandbits(64) - 2**63) for a in created for _ in range(BANDS)]
        SyndicationBand.objects.bulk_create(bands, batch_size=10000)
        done = offset + len(rows)
        if done % 20000 < batch:
            print(f"  filled {done:,} filler articles ({time.perf_counter() - started:.0f} s)", flush=True)


def _measure(items: list) -> tuple[list[float], list[float], list[int], int]:
    from unittest import mock

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles import services
    from articles.services import article_ingest

    link = services.articles_link_copies
    detection: list[float] = []

    def timed_link(**kwargs):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return link(**kwargs)
        finally:
            detection.append(time.perf_counter() - started)

    times, queries, linked = [], [], 0
    with mock.patch.object(services, "articles_link_copies", timed_link):
        for item in items:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                article, _ = article_ingest(data=item)
                times.append(time.perf_counter() - started)
            queries.append(len(captured))
            article.refresh_from_db(fields=["syndicated_from"])
            linked += article.syndicated_from_id is not None
    return times, detection, queries, linked


def _report(label: str, stored: int, times: list[float], detection: list[float], queries: list[int], linked: int) -> None:
    ms = sorted(t * 1000 for t in times)
    detect = sorted(t * 1000 for t in detection)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f"{label}: {stored:,} stored, {len(ms)} ingested one at a time, {linked} linked as copies")
    print(f"  ingest per article: median {statistics.median(ms):.2f} ms, mean {statistics.fmean(ms):.2f} ms, "
          f"p95 {p95:.2f} ms; queries median {statistics.median(queries):.0f} (max {max(queries)})")
    print(f"  of which detection (shingles, MinHash, bands, lookup, confirm, link): median "
          f"{statistics.median(detect):.2f} ms, p95 {detect[min(len(detect) - 1, int(len(detect) * 0.95))]:.2f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=100_000, help="articles in the store (default 100,000)")
    parser.add_argument("--measured", type=int, default=300, help="articles ingested and timed (default 300)")
    parser.add_argument("--database", default=None, help="a DATABASE_URL; default: see the module docstring")
    parser.add_argument("--keep", action="store_true", help="keep the scratch PostgreSQL database")
    parser.add_argument("--seed", type=int, default=20240308)
    options = parser.parse_args(argv)

    scratch_postgres = False
    url = options.database or os.environ.get("DATABASE_URL")
    if not url:
        url = _postgres_scratch()
        scratch_postgres = url is not None
    tmp = None
    if not url:
        tmp = tempfile.TemporaryDirectory()
        url = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from unittest import mock

    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article
    from articles.parsing import ArticleInput
    from tools.syndication_eval import corpus

    try:
        call_command("migrate", verbosity=0)
        if Article.objects.exists():
            print(f"refusing to run: {connection.settings_dict['NAME']} already holds articles")
            return 2
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        rng = random.Random(options.seed)
        stories = corpus(stories=max(50, options.measured), seed=options.seed)
        families: dict[int, list] = {}
        for story in stories:
            families.setdefault(story.family, []).append(story)

        def as_input(story, tag: str) -> ArticleInput:  # type: ignore[no-untyped-def]
            return ArticleInput(title=story.title, body=story.body, language=story.language, source=story.outlet,
                                published=story.published, published_precision="day", origin=tag)

        # Half the families are stored (their first article); the measured articles are the rest
        # of those families (copies that must be found) and whole new families.
        stored_families = sorted(families)[: len(families) // 2]
        originals = [as_input(families[f][0], "stored") for f in stored_families]
        measured = [as_input(s, "measured") for f in stored_families for s in families[f][1:]]
        measured += [as_input(s, "measured") for f in sorted(families)[len(families) // 2:] for s in families[f]]
        rng.shuffle(measured)
        measured = measured[: options.measured]
        half = len(measured) // 2
        with mock.patch("articles.services.hand_on"):
            # First half against a store of only the originals, second half against the full store.
            _fill(len(originals), originals, rng)
            small = _measure(measured[:half])
            _report("small store", Article.objects.count() - half, *small)
            print(f"filling to {options.stored:,} articles ...", flush=True)
            started = time.perf_counter()
            missing = options.stored - Article.objects.count()
            if missing > 0:
                _fill(missing, [], rng)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE articles_syndicationband; ANALYZE articles_article")
            print(f"  fill took {time.perf_counter() - started:.0f} s")
            large = _measure(measured[half:])
            _report("large store", Article.objects.count() - (len(measured) - half), *large)
        ratio = statistics.median(large[0]) / statistics.median(small[0])
        print(f"median cost, large store / small store: {ratio:.2f}")
    finally:
        connection.close()
        if scratch_postgres and not options.keep:
            _drop_postgres_scratch()
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
