"""Pipeline benchmark: bulk load, conflict-detection latency as the claims table grows, end-to-end rate.

    .venv/bin/python bench/pipeline.py [--claims 1000000] [--articles 1000] [--sample 200] [--keep]

1. Creates its own database (TALLY_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/tally_bench;
   dropped and created again) and migrates it.
2. Loads claims with COPY (psycopg 3 `cursor.copy`) in steps of 10k, 100k and 1M (up to --claims):
   sources, articles to hold them, and claims spread over ~3,500 invented towns with a skewed
   popularity (a few towns draw most reports, as a war or a disaster does), 12 metrics and dates
   over 2023-2024, then VACUUM ANALYZE and CHECKPOINT (as autovacuum and the checkpointer would
   have done in a database that grew over months). `--noise realistic` (the default): most reports
   repeat the day's official figure, some quote an older one, a few are wrong; `--noise heavy`:
   every report is off by up to 7%, so a busy town's new claim conflicts with hundreds of stored
   ones (the worst case). After each step it ingests --sample new articles, extracts them, and
   times `article_detect_conflicts` on each one in-process: p50/p95.
3. With two real `celery worker` processes (--pool=solo) on Redis (TALLY_BENCH_REDIS_URL, default
   redis://127.0.0.1:6379/14, queue tally-bench), ingests --articles new articles and reports the
   wall clock from the first ingest to the last article `done`, and the times of the
   `process_articles` tasks (--batch articles each: extraction, then detection) the workers logged.

Prints a skip line and exits 0 when PostgreSQL or Redis cannot be reached. The workers are stopped
and the database dropped on the way out (unless --keep).
"""

from __future__ import annotations

import argparse
import atexit
import io
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tally_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
QUEUE = "tally-bench"
STEPS = (10_000, 100_000, 1_000_000)
FIRST_DAY, DAYS = date(2023, 1, 1), 731
# The lexicon's extractor version is what a re-extraction compares with; the bench's own rows say
# where they came from.
BENCH_VERSION = "bench"

# ~3,500 invented town names: prefix + link + ending.
_PREFIXES = ["Val", "Bren", "Cor", "Dros", "El", "Far", "Gav", "Hol", "Is", "Jor", "Kel", "Lor", "Mar", "Nor",
             "Os", "Pel", "Quar", "Ras", "Sol", "Tor", "Ul", "Var", "Wis", "Ys", "Zan"]
_LINKS = ["a", "e", "i", "o", "u", "ar", "en"]
_ENDINGS = ["mora", "zau", "vella", "heim", "vaigne", "holt", "recca", "dorp", "trane", "vasse", "mark", "vena",
            "nesse", "berg", "tavia", "court", "nelle", "bach", "vira", "mund"]
TOWNS = [p + link + e for p in _PREFIXES for link in _LINKS for e in _ENDINGS]

# Share of loaded claims per metric, with its (low, high) base value and the kind of growth.
METRICS = {
    "deaths": (0.34, 5, 3000), "injured": (0.16, 10, 8000), "missing": (0.08, 3, 400),
    "displaced": (0.10, 200, 90000), "deaths_children": (0.08, 1, 900), "deaths_women": (0.04, 1, 700),
    "hostages_held": (0.03, 2, 250), "hostages_released": (0.02, 1, 120), "detained": (0.04, 5, 3000),
    "aid_trucks": (0.05, 10, 2000), "other": (0.06, 1, 5000),
}
CUMULATIVE = {"deaths", "injured", "deaths_children", "deaths_women", "hostages_released", "aid_trucks"}
QUALIFIERS = ["exact"] * 6 + ["approx", "more_than", "at_least", "approx"]
LANGUAGES = ["en", "fr", "es", "de"]

# Sentences written for this benchmark; {t} is a town, the other fields numbers.
TEXTS = {
    "en": {"title": "Floods in {t}: {deaths} dead",
           "deaths": "{deaths} people have been killed in {t} since the river burst its banks, the regional health office said.",
           "injured": "At least {injured} people were injured in {t}, according to the hospital.",
           "missing": "More than {missing} residents of {t} are still missing.",
           "displaced": "About {displaced} people have been displaced in {t}, aid workers said."},
    "fr": {"title": "Inondations à {t} : {deaths} morts",
           "deaths": "{deaths} personnes ont été tuées à {t} depuis la crue, selon le bureau régional de la santé.",
           "injured": "Au moins {injured} personnes ont été blessées à {t}, selon l'hôpital.",
           "missing": "Plus de {missing} habitants de {t} sont toujours portés disparus.",
           "displaced": "Environ {displaced} personnes ont été déplacées à {t}, selon les humanitaires."},
    "es": {"title": "Inundaciones en {t}: {deaths} muertos",
           "deaths": "{deaths} personas han muerto en {t} desde la crecida, según la oficina regional de salud.",
           "injured": "Al menos {injured} personas resultaron heridas en {t}, según el hospital.",
           "missing": "Más de {missing} vecinos de {t} siguen desaparecidos.",
           "displaced": "Unas {displaced} personas han sido desplazadas en {t}, según los cooperantes."},
    "de": {"title": "Hochwasser in {t}: {deaths} Tote",
           "deaths": "{deaths} Menschen sind in {t} seit dem Hochwasser ums Leben gekommen, teilte das regionale Gesundheitsamt mit.",
           "injured": "Mindestens {injured} Menschen wurden in {t} verletzt, teilte das Krankenhaus mit.",
           "missing": "Mehr als {missing} Bewohner von {t} werden noch vermisst.",
           "displaced": "Rund {displaced} Menschen wurden in {t} vertrieben, sagten Helfer."},
}


def say(message: str) -> None:
    print(message, flush=True)


# --- reachability ---------------------------------------------------------------------------------


def _admin_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres"))


def unreachable(database_url: str, redis_url: str) -> str | None:
    import psycopg
    import redis

    try:
        psycopg.connect(_admin_url(database_url), connect_timeout=3).close()
    except Exception as error:  # noqa: BLE001 - any failure means: skip
        return f"PostgreSQL unreachable at {_admin_url(database_url)} ({type(error).__name__})"
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001
        return f"Redis unreachable at {redis_url} ({type(error).__name__})"
    return None


def recreate_database(database_url: str, *, drop_only: bool = False) -> None:
    import psycopg

    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(_admin_url(database_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


# --- generated data -------------------------------------------------------------------------------


class World:
    """Sources, towns with skewed popularity, and a toll curve per (town, metric)."""

    def __init__(self, seed: int = 7, noise: str = "realistic") -> None:
        self.random = random.Random(seed)
        self.noise = noise
        # Zipf-like: the town of rank k draws reports in proportion to 1 / k^0.9.
        self.weights = [1 / (rank ** 0.9) for rank in range(1, len(TOWNS) + 1)]
        self.order = TOWNS[:]
        self.random.shuffle(self.order)
        self.cumulative_weights = []
        total = 0.0
        for weight in self.weights:
            total += weight
            self.cumulative_weights.append(total)
        self.sources = 400
        self.bases = {}

    def town(self) -> str:
        return self.random.choices(self.order, cum_weights=self.cumulative_weights, k=1)[0]

    def day(self) -> date:
        return FIRST_DAY + timedelta(days=self.random.randrange(DAYS))

    def value(self, town: str, metric: str, day: date) -> int:
        key = (town, metric)
        if key not in self.bases:
            _, low, high = METRICS[metric]
            self.bases[key] = self.random.randint(low, high)
        base = self.bases[key]

        def official(on: date) -> float:
            if metric in CUMULATIVE:
                return base * (1 + (on - FIRST_DAY).days / 120)  # a rising toll
            return base * (1 + 0.3 * ((on - FIRST_DAY).days % 90) / 90)

        if self.noise == "heavy":
            # Every report off by up to 7%: most reports of a busy town then conflict with hundreds
            # of others, the worst case for detection.
            return max(1, round(official(day) * self.random.uniform(0.93, 1.07)))
        # Outlets mostly repeat the official figure of the day; some quote one a few days old; a
        # few get it wrong.
        draw = self.random.random()
        if draw < 0.05:
            return max(1, round(official(day - timedelta(days=self.random.randint(1, 3)))))
        if draw < 0.08:
            return max(1, round(official(day) * self.random.uniform(0.8, 1.2)))
        return max(1, round(official(day)))

    def metric(self) -> str:
        names = list(METRICS)
        return self.random.choices(names, weights=[METRICS[m][0] for m in names], k=1)[0]

    def article_text(self, town: str, day: date, language: str) -> tuple[str, str]:
        numbers = {name: self.value(town, name, day) for name in ("deaths", "injured", "missing", "displaced")}
        texts = TEXTS[language]
        parts = ["deaths", *self.random.sample(["injured", "missing", "displaced"], k=self.random.randint(1, 3))]
        body = " ".join(texts[part].format(t=town, **numbers) for part in parts)
        return texts["title"].format(t=town, **numbers), body


def _copy_text(value) -> str:  # type: ignore[no-untyped-def]
    if value is None:
        return r"\N"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def _filler(data_type: str) -> str:
    """A value for a NOT NULL column this script does not know (added by a later migration)."""
    if data_type in ("jsonb", "json"):
        return "[]"
    if data_type == "boolean":
        return "f"
    if data_type in ("integer", "bigint", "smallint", "double precision", "numeric", "real"):
        return "0"
    if data_type == "ARRAY":
        return "{}"
    return ""


def copy_rows(cursor, table: str, columns: list[str], rows) -> int:  # type: ignore[no-untyped-def]
    """COPY rows (tuples in `columns` order) into `table`; other NOT NULL columns get a neutral value."""
    cursor.execute(
        "SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns "
        "WHERE table_name = %s", [table],
    )
    extra = [(name, _filler(kind)) for name, kind, nullable, default in cursor.fetchall()
             if name not in columns and nullable == "NO" and default is None]
    names = columns + [name for name, _ in extra]
    tail = "".join("\t" + value for _, value in extra)
    count = 0
    quoted = ", ".join(f'"{name}"' for name in names)
    with cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(_copy_text(value) for value in row) + tail + "\n")
            count += 1
            if count % 20_000 == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())
    return count


class Loader:
    """Appends articles and claims with COPY, continuing ids from one step to the next."""

    CLAIMS_PER_ARTICLE = 5

    def __init__(self, world: World) -> None:
        self.world = world
        self.claims = 0
        self.articles = 0

    def sources(self, cursor) -> None:  # type: ignore[no-untyped-def]
        now = "2025-01-01 00:00:00+00"
        kinds = ["wire_agency", "newspaper", "broadcaster", "state_media", "government", "ngo", "un_agency"]
        copy_rows(cursor, "articles_source", ["id", "created_at", "updated_at", "name", "domain", "country", "kind"],
                  ((n, now, now, f"Bench outlet {n}", f"outlet{n}.bench.example", "", kinds[n % len(kinds)])
                   for n in range(1, self.world.sources + 1)))

    def grow(self, cursor, target: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        """Load claims until there are `target`; returns (articles, claims) added."""
        world = self.world
        wanted = target - self.claims
        article_count = -(-wanted // self.CLAIMS_PER_ARTICLE)
        # Articles and claims ingested for the measurements take ids too: continue after them.
        cursor.execute("SELECT coalesce(max(id), 0) FROM articles_article")
        first_article = cursor.fetchone()[0] + 1
        cursor.execute("SELECT coalesce(max(id), 0) FROM claims_claim")
        first_claim = cursor.fetchone()[0] + 1
        now = "2025-01-01 00:00:00+00"
        plan = []  # (article id, town, day, language, claim count)
        remaining = wanted
        for offset in range(article_count):
            count = min(self.CLAIMS_PER_ARTICLE, remaining)
            remaining -= count
            plan.append((first_article + offset, world.town(), world.day(), world.random.choice(LANGUAGES), count))

        def articles():  # type: ignore[no-untyped-def]
            for article_id, town, day, language, _ in plan:
                title = f"Bench report {article_id} on {town}"
                yield (article_id, now, now, 1 + article_id % world.sources, None, title,
                       f"Loaded report {article_id} about {town}.", language, day.isoformat(), "day",
                       f"bench-{article_id:012d}", "bench", "done", "", BENCH_VERSION)

        copy_rows(cursor, "articles_article",
                  ["id", "created_at", "updated_at", "source_id", "url", "title", "body", "language", "published",
                   "published_precision", "content_hash", "origin", "status", "last_error", "extractor_version"],
                  articles())

        def claims():  # type: ignore[no-untyped-def]
            claim_id = first_claim - 1
            for article_id, town, day, language, count in plan:
                subject = town.lower()
                for position in range(count):
                    claim_id += 1
                    metric = world.metric()
                    value = world.value(town, metric, day)
                    qualifier = world.random.choice(QUALIFIERS)
                    lower, upper = value, value
                    if qualifier == "approx":
                        lower, upper = round(value * 0.9, 4), round(value * 1.1, 4)
                    elif qualifier in ("more_than", "at_least"):
                        upper = None
                    # One claim in ten is dated by its month only.
                    if world.random.random() < 0.1:
                        start = day.replace(day=1)
                        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                        as_of, precision = start, "month"
                    else:
                        start = end = as_of = day
                        precision = "day"
                    span = position * 40
                    yield (claim_id, now, now, article_id, span, span + 12, f"{value} people", f"{value} people in {town}.",
                           metric, "", subject, value, lower, upper, qualifier, "people", as_of.isoformat(), precision,
                           start.isoformat(), end.isoformat(), "", language, 0.9, '["bench"]', BENCH_VERSION,
                           "unreviewed")

        added = copy_rows(cursor, "claims_claim",
                          ["id", "created_at", "updated_at", "article_id", "start", "end", "quote", "sentence",
                           "metric", "noun", "subject", "value", "lower", "upper", "qualifier", "unit", "as_of",
                           "as_of_precision", "time_start", "time_end", "attribution", "language", "confidence",
                           "rules", "extractor_version", "review_status"],
                          claims())
        self.articles += article_count
        self.claims += added
        for table in ("articles_source", "articles_article", "claims_claim"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        return article_count, added


def new_articles(world: World, count: int, tag: str):  # type: ignore[no-untyped-def]
    from articles.parsing import ArticleInput

    for number in range(count):
        town, day, language = world.town(), world.day(), LANGUAGES[number % len(LANGUAGES)]
        title, body = world.article_text(town, day, language)
        yield ArticleInput(title=f"{title} ({tag} {number})", body=body, language=language, published=day,
                           published_precision="day", source=f"outlet{1 + number % world.sources}.bench.example",
                           origin=f"bench {tag}")


# --- measurements ---------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def measure_detection(world: World, size: int, sample: int) -> tuple[float, float, float]:
    """Ingest and extract `sample` new articles in-process, then time detection on each: (p50, p95, max) ms."""
    from articles.services import article_ingest_many
    from claims.services.claims import article_extract_claims
    from claims.services.conflicts import article_detect_conflicts

    report = article_ingest_many(items=new_articles(world, sample, f"sample-{size}"))
    for article_id in report.new:
        article_extract_claims(article_id=article_id)
    timings = []
    for article_id in report.new:
        started = time.perf_counter()
        article_detect_conflicts(article_id=article_id)
        timings.append((time.perf_counter() - started) * 1000)
    return percentile(timings, 0.5), percentile(timings, 0.95), max(timings)


class Workers:
    def __init__(self, environment: dict[str, str], log_dir: Path) -> None:
        self.environment = environment
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []

    def start(self, count: int) -> None:
        for number in range(1, count + 1):
            log = self.log_dir / f"w{number}.log"
            self.processes.append(subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--without-gossip",
                 "--without-mingle", "--without-heartbeat", "-n", f"bench{number}@%h", "--loglevel=INFO"],
                cwd=REPO, env=self.environment, stdout=log.open("w"), stderr=subprocess.STDOUT,
            ))
        deadline = time.monotonic() + 60
        for number, process in enumerate(self.processes, start=1):
            log = self.log_dir / f"w{number}.log"
            while "ready." not in log.read_text(errors="replace"):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"worker {number} did not start:\n{log.read_text(errors='replace')}")
                time.sleep(0.1)

    def task_times(self, task: str) -> list[float]:
        pattern = re.compile(rf"Task {re.escape(task)}\[[0-9a-f-]+\] succeeded in ([0-9.e-]+)s")
        found: list[float] = []
        for log in self.log_dir.glob("w*.log"):
            found += [float(seconds) * 1000 for seconds in pattern.findall(log.read_text(errors="replace"))]
        return found

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes = []


def end_to_end(world: World, count: int, workers: Workers, worker_count: int) -> tuple[float, int, int]:
    """Ingest `count` articles with the workers running; (seconds to the last done, done, failed)."""
    from articles.models import Article
    from articles.services import article_ingest_many
    from config.celery import app as celery_app

    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(QUEUE)
    workers.start(worker_count)
    started = time.monotonic()
    report = article_ingest_many(items=new_articles(world, count, "e2e"))
    ids = report.new
    finished = (Article.Status.DONE, Article.Status.FAILED)
    deadline = started + max(120, count)
    while time.monotonic() < deadline:
        if Article.objects.filter(id__in=ids, status__in=finished).count() == len(ids):
            break
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    done = Article.objects.filter(id__in=ids, status=Article.Status.DONE).count()
    failed = Article.objects.filter(id__in=ids, status=Article.Status.FAILED).count()
    return elapsed, done, failed


# --- main -----------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims to load (steps of 10k, 100k, 1M below it)")
    parser.add_argument("--articles", type=int, default=1000, help="articles through the workers end to end")
    parser.add_argument("--sample", type=int, default=200, help="articles timed in-process at each step")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=20, help="TALLY_PIPELINE_BATCH: new articles per worker task")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--noise", choices=["realistic", "heavy"], default="realistic",
                        help="realistic: 92%% of reports repeat the day's official figure, 5%% quote one a few days "
                             "old, 3%% are off by up to 20%%; heavy: every report off by up to 7%%")
    args = parser.parse_args()

    database_url = os.environ.get("TALLY_BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("TALLY_BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    reason = unreachable(database_url, redis_url)
    if reason:
        say(f"skip: bench/pipeline.py: {reason}")
        return 0

    recreate_database(database_url)
    environment = {
        **os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url, "CELERY_QUEUE": QUEUE,
        "DJANGO_SETTINGS_MODULE": "config.settings.base", "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1",
        "TALLY_PIPELINE_BATCH": str(args.batch),
    }
    os.environ.update(environment)
    log_dir = Path(tempfile.mkdtemp(prefix="tally-bench-"))
    workers = Workers(environment, log_dir)

    def clean_up() -> None:
        workers.stop()
        if not args.keep:
            from django.db import connections

            connections.close_all()
            recreate_database(database_url, drop_only=True)

    atexit.register(clean_up)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    say(f"database {urlsplit(database_url).path.lstrip('/')}, broker {redis_url}, queue {QUEUE}, logs {log_dir}, "
        f"noise {args.noise}")

    world = World(noise=args.noise)
    loader = Loader(world)
    steps = [step for step in STEPS if step < args.claims] + [args.claims]
    say(f"{'claims':>9} | {'COPY s':>7} | {'VACUUM+CHECKPOINT s':>19} | {'articles':>8} | {'detect p50 ms':>13} | {'p95 ms':>7} | "
        f"{'max ms':>7}")
    with connection.cursor() as cursor:
        loader.sources(cursor.cursor)
    for step in steps:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            articles, claims = loader.grow(cursor.cursor, step)
            copy_seconds = time.perf_counter() - started
            # What a database that grew over months has done: autovacuum (without it, the first
            # reads of the loaded rows write their hint bits, and no index-only scan is possible)
            # and a checkpoint (without it, the load's WAL is flushed while the timings run).
            started = time.perf_counter()
            cursor.execute("VACUUM ANALYZE articles_article")
            cursor.execute("VACUUM ANALYZE claims_claim")
            cursor.execute("CHECKPOINT")
            vacuum_seconds = time.perf_counter() - started
        p50, p95, slowest = measure_detection(world, step, args.sample)
        say(f"{loader.claims:>9,} | {copy_seconds:>7.1f} | {vacuum_seconds:>19.1f} | {loader.articles:>8,} | "
            f"{p50:>13.1f} | {p95:>7.1f} | {slowest:>7.1f}")

    elapsed, done, failed = end_to_end(world, args.articles, workers, args.workers)
    batch_times = workers.task_times("claims.tasks.process_articles")
    say(f"end to end: {args.articles} articles through {args.workers} workers in {elapsed:.1f} s = "
        f"{args.articles / elapsed:.0f} articles/s ({done} done, {failed} failed)")
    if batch_times:
        batch = settings.TALLY_PIPELINE_BATCH
        p50, p95 = percentile(batch_times, 0.5), percentile(batch_times, 0.95)
        say(f"worker task times: process_articles ({batch} articles a task) p50 {p50:.1f} ms, p95 {p95:.1f} ms "
            f"({p50 / batch:.1f} ms an article at the median)")
    return 0 if done == args.articles else 1


if __name__ == "__main__":
    sys.exit(main())
