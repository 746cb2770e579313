"""Worst-case articles: peak memory and CPU of one 1 MB article of dense number-like text.

    .venv/bin/python bench/poison.py [--bytes 1000000] [--only NAME,...] [--keep]

Each body below is about --bytes long (TALLY_MAX_BODY_BYTES, the largest an article may be) and is
written to cost as much as such a body can: half a million number-like tokens, a million digits,
runs of number words, thousands of claims of one figure. Each is stored as a pending article and
processed the way a worker does it (`claims.tasks.process_articles`: extraction, storage, conflict
detection) in a fresh child process, once with the engine `make engine` compiled and once with the
plain Python engine (TALLY_COMPILED_ENGINE=false). Reported per body and engine: the claims stored,
the article's status and warning, the CPU seconds (user + system) of the processing, and the
child's peak resident memory (ru_maxrss: Django, the engine and the processing together, what a
worker's pool process holds). The target: under 500 MB and 30 CPU seconds each; a line over it is
marked, and the bench exits 1.

The articles go to a database of the bench's own: TALLY_BENCH_POISON_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/tally_bench_poison, dropped and created again), or an SQLite file
in a temporary folder when PostgreSQL cannot be reached. The claims limit is the settings' default
(TALLY_MAX_CLAIMS_PER_ARTICLE); "toll again" is the second article of one figure, so its detection
compares thousands of claims with the first's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tally_bench_poison"
LIMIT_MB, LIMIT_CPU_SECONDS = 500, 30


def _repeat(unit: str, size: int, prefix: str = "") -> str:
    return (prefix + unit * (size // len(unit) + 1))[:size]


def _random_words(size: int) -> str:
    """Number words in a random order: runs text2num cannot read whole, each different."""
    chooser = random.Random(20231207)
    words = ("one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
             "thousand million and").split()
    return " ".join(chooser.choice(words) for _ in range(size // 4))[:size]


# (name, language, body of `size` characters): ASCII, so characters are bytes.
BODIES: list[tuple[str, str, Callable[[int], str]]] = [
    # The article of the report: 495,000 claims and 616 MB in the engine alone before the limits.
    ("5-5-5-...", "en", lambda size: _repeat("5-", size, "Officials said ")),
    ("1 2 3 ...", "en", lambda size: _repeat("1 2 3 4 5 6 7 8 9 0 ", size)),
    ("1 000 000 000 ...", "fr", lambda size: _repeat(" 000", size, "1")),
    ("123-123-123-...", "en", lambda size: _repeat("123-", size)),
    ("123 123 123 ...", "en", lambda size: _repeat("123 ", size)),
    ("9999... (a million nines)", "fr", lambda size: "9" * size),
    ("one one one ...", "en", lambda size: _repeat("one ", size)),
    ("un un un ...", "fr", lambda size: _repeat("un ", size)),
    ("eins eins eins ...", "de", lambda size: _repeat("eins ", size)),
    ("one two three ...", "en", lambda size: _repeat("one two three four five six seven eight nine ten ", size)),
    ("random number words", "en", lambda size: _random_words(size)),
    ("about 5 to 6 killed ...", "en", lambda size: _repeat("About 5 to 6 people were killed, 2 of them children. ",
                                                            size)),
    ("toll", "en", lambda size: " ".join(f"In Valmora {n} people were killed." for n in range(1, size // 20))[:size]),
    ("toll again", "en",
     lambda size: " ".join(f"In Valmora, {n + 7} people were killed." for n in range(1, size // 20))[:size]),
]


def _admin_url(database_url: str) -> str:
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path="/postgres"))


def _database(url: str, *, drop_only: bool = False) -> str | None:
    """Create the bench's PostgreSQL database again; None when PostgreSQL cannot be reached."""
    try:
        import psycopg

        with psycopg.connect(_admin_url(url), autocommit=True, connect_timeout=3) as conn:
            name = urlsplit(url).path.lstrip("/")
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if not drop_only:
                conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # noqa: BLE001 - any failure means: use SQLite
        print(f"PostgreSQL unreachable at {_admin_url(url)} ({type(error).__name__}): SQLite instead", flush=True)
        return None
    return url


def child(name: str, size: int) -> None:
    """Store the body as a pending article and process it as a worker does; print what it cost."""
    import django

    django.setup()
    from articles.models import Article
    from articles.parsing import content_hash
    from claims.extraction import COMPILED
    from claims.models import Conflict
    from claims.tasks import process_articles

    language, make = next((language, make) for body, language, make in BODIES if body == name)
    body = make(size)
    title = f"Bench: {name}, {'compiled' if COMPILED else 'plain'} engine"
    article = Article.objects.create(title=title, body=body, language=language, content_hash=content_hash(title, body),
                                     published=date(2023, 12, 1), published_precision="day")
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    process_articles([article.id])
    after = resource.getrusage(resource.RUSAGE_SELF)
    article.refresh_from_db()
    print(json.dumps({
        "compiled": COMPILED, "bytes": len(body.encode()), "status": article.status, "warning": article.warning,
        "last_error": article.last_error, "claims": article.claims.count(),
        "conflicts": Conflict.objects.filter(claim_a__article=article).count()
        + Conflict.objects.filter(claim_b__article=article).count(),
        "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
        "wall": time.perf_counter() - started,
        "baseline_mb": before.ru_maxrss / 1024, "peak_mb": after.ru_maxrss / 1024,
    }))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bytes", type=int, default=1_000_000, help="size of each body (TALLY_MAX_BODY_BYTES)")
    parser.add_argument("--only", default="", help="comma-separated names of the bodies to run (default: all)")
    parser.add_argument("--plain-only", action="store_true", help="measure the plain Python engine only")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.bytes)
        return 0

    folder = Path(tempfile.mkdtemp(prefix="tally-bench-poison-"))
    url = _database(os.environ.get("TALLY_BENCH_POISON_DATABASE_URL", DEFAULT_DATABASE_URL))
    database_url = url or f"sqlite:///{folder / 'bench.sqlite3'}"
    environment = {
        **os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "LOG_LEVEL": "ERROR", "PYTHONUNBUFFERED": "1",
    }
    environment.pop("REDIS_URL", None)  # tasks in-process: the bench runs them itself
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=REPO, env=environment,
                   check=True)
    names = [name for name, _, _ in BODIES if not args.only or name in args.only.split(",")]
    engines = [("plain", {"TALLY_COMPILED_ENGINE": "false"})]
    from claims.extraction import native

    if not args.plain_only and native.compiled_dir() is not None:
        engines.insert(0, ("compiled", {}))
    print(f"database {database_url.split('@')[-1]}, bodies of {args.bytes:,} bytes, "
          f"TALLY_MAX_CLAIMS_PER_ARTICLE default, peak RSS and CPU of the processing child", flush=True)
    print(f"{'body':<27} {'engine':<8} {'claims':>6} {'conflicts':>9} {'status':<6} {'CPU s':>6} {'wall s':>6} "
          f"{'peak MB':>7} {'(start)':>7}  warning or error", flush=True)
    over = 0
    try:
        for engine, extra in engines:
            for name in names:
                done = subprocess.run(
                    [sys.executable, __file__, "--child", name, "--bytes", str(args.bytes)],
                    cwd=REPO, env={**environment, **extra}, capture_output=True, text=True,
                )
                if done.returncode != 0:
                    print(f"{name:<27} {engine:<8} child failed:\n{done.stderr[-2000:]}", flush=True)
                    over += 1
                    continue
                found = json.loads(done.stdout.strip().splitlines()[-1])
                beyond = found["peak_mb"] >= LIMIT_MB or found["cpu"] >= LIMIT_CPU_SECONDS
                over += beyond
                note = (found["warning"] or found["last_error"])[:60]
                print(f"{name:<27} {engine:<8} {found['claims']:>6} {found['conflicts']:>9} {found['status']:<6} "
                      f"{found['cpu']:>6.1f} "
                      f"{found['wall']:>6.1f} {found['peak_mb']:>7.0f} {found['baseline_mb']:>7.0f}  {note}"
                      f"{'  <-- over ' + str(LIMIT_MB) + ' MB or ' + str(LIMIT_CPU_SECONDS) + ' s' if beyond else ''}",
                      flush=True)
    finally:
        if url and not args.keep:
            _database(url, drop_only=True)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
