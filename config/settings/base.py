"""Settings read from the environment, with defaults that work on a bare machine.

- DATABASE_URL: any dj-database-url URL; default an SQLite file under var/.
- REDIS_URL: the Celery broker and result store; unset, tasks run in-process (eager).
- DJANGO_SECRET_KEY (or SECRET_KEY), DJANGO_DEBUG (or DEBUG), DJANGO_ALLOWED_HOSTS (or ALLOWED_HOSTS).
- DJANGO_ENV=production turns on the deployment hardening and refuses a default secret key or DEBUG.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("TALLY_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None) -> str | None:
    """The DJANGO_-prefixed variable, else the bare one, else the default."""
    for key in (f"DJANGO_{name}", name):
        value = os.environ.get(key)
        if value is not None and value != "":
            return value
    return default


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in (env(name) or default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"

# Only good for a development machine: production refuses to start with it (below).
DEFAULT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = env("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    # Swagger UI and ReDoc served from the app's own static files, so the API docs work offline.
    "drf_spectacular_sidecar",
    "core",
    "users",
    "articles",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The UI language: the reader's choice (a cookie set by /i18n/setlang/), else Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "claims.places.ReaderLanguageMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if not env("DATABASE_URL"):
    # The embedded default lives in var/, which a fresh clone does not have yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'tally.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a batch ingests; the timeout rides out short write locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
    # The covering indexes' included columns serve PostgreSQL's index-only scans; SQLite builds
    # the same indexes without them, as intended.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Requests and tasks here are many small indexed queries; starting parallel workers for one
    # costs more (a few ms each, measured by bench/pipeline.py) than it saves. TALLY_PG_PARALLEL
    # sets the number per query for a deployment that wants them.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c max_parallel_workers_per_gather={env_int('TALLY_PG_PARALLEL', 0)}"
    )
    # Conflict detection prepares its lookups (claims.services.conflicts.lookups._run), so that they are
    # planned once per connection rather than once per article. Django's own queries bind on the
    # client and are never prepared, whatever this threshold. TALLY_DETECTION_PREPARED=false turns it off
    # behind a pooler that cannot keep prepared statements (PgBouncer in transaction mode < 1.21).
    if env_bool("TALLY_DETECTION_PREPARED", True):
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 2**31 - 1

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# The desk's languages, each named in itself for the language chooser. Their catalogs are
# locale/<code>/LC_MESSAGES/django.po, compiled to the .mo files beside them (tools/messages.py).
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("de", "Deutsch"),
    ("ar", "العربية"),
    ("ru", "Русский"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The reader's choice of language is remembered for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# REST API v1 (core/api.py): token and session authentication, one JSON error shape, JSON only,
# cursor pagination, throttled writes.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "core.api_schema.TallyAutoSchema",
    # Token first: its WWW-Authenticate header makes a missing login a 401 rather than a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.CanRead"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.api.LimitedJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.Cursor",
    "DEFAULT_THROTTLE_CLASSES": ["core.api.WriteThrottle"],
    "DEFAULT_THROTTLE_RATES": {"write": env("TALLY_API_WRITE_RATE", "120/minute")},
    "EXCEPTION_HANDLER": "core.api.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tally API",
    "DESCRIPTION": "Articles, numeric claims, figures, conflicts between sources, reviews, and published "
                   "verdicts as schema.org ClaimReview. Errors share one shape: "
                   "{status, code, message, fields}.",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs pages load their scripts and styles from drf-spectacular-sidecar's static files,
    # never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "ConflictStatusEnum": "claims.models.Conflict.Status",
        "ReviewStatusEnum": "claims.models.Review.Status",
        "ArticleStatusEnum": "articles.models.Article.Status",
        "SourceKindEnum": "articles.models.Source.Kind",
        "ConflictKindEnum": "claims.models.Conflict.Kind",
    },
}
# The largest API request body read (an article body of TALLY_MAX_BODY_BYTES may grow several
# times when JSON escapes it).
TALLY_API_MAX_REQUEST_BYTES = env_int("TALLY_API_MAX_REQUEST_BYTES", 8_000_000)
# How many claims a figure's timeline shows, most recent last (the rest: its timeline's pages).
TALLY_API_TIMELINE_LIMIT = env_int("TALLY_API_TIMELINE_LIMIT", 1000)
# How many items the other nested lists of a detail show: an article's claims, an audit trail
# (the rest: the list's own pages, at <name>_url).
TALLY_API_NESTED_LIMIT = env_int("TALLY_API_NESTED_LIMIT", 100)
# The reviewing organisation named in published ClaimReviews.
TALLY_ORGANISATION_NAME = env("TALLY_ORGANISATION_NAME", "Tally")
TALLY_ORGANISATION_URL = env("TALLY_ORGANISATION_URL", "https://tally.example.org")

# Celery: with no REDIS_URL the tasks run in-process, so that nothing else has to run.
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", "tally")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A broker that is down must not hang an ingest: fail fast, the article stays pending.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "socket_connect_timeout": 2, "socket_timeout": 5}
# Limits per task (the prefork pool enforces them; the solo pool has none): past the soft limit the
# task gets SoftTimeLimitExceeded, past the hard one its process is killed; 0 turns one off. A batch
# of TALLY_PIPELINE_BATCH articles takes a second or two; the worst 1 MB article a few seconds
# (bench/poison.py). An article task stopped either way marks its article failed, or sends a batch's
# articles again one a task (claims.tasks.ArticlesTask); feed polls have limits of their own. The
# process that sends a task writes these into its message, so web and workers must share them.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("TALLY_TASK_SOFT_TIME_LIMIT", 300) or None
CELERY_TASK_TIME_LIMIT = env_int("TALLY_TASK_TIME_LIMIT", 360) or None
if CELERY_TASK_SOFT_TIME_LIMIT and CELERY_TASK_TIME_LIMIT and CELERY_TASK_SOFT_TIME_LIMIT >= CELERY_TASK_TIME_LIMIT:
    # The prefork pool starts the hard limit's clock only when the soft limit has passed.
    raise ImproperlyConfigured("TALLY_TASK_SOFT_TIME_LIMIT must be less than TALLY_TASK_TIME_LIMIT (or 0).")
# A pool process whose resident memory ends a task above this is replaced by a fresh one (Celery
# counts in KiB): the worst 1 MB article peaks near 350 MB (bench/poison.py), so a process above
# 500 MB holds what no article needs. It does not stop a running task: the kernel's limits do, and
# the processing attempts counted on each article (TALLY_PROCESSING_ATTEMPTS) keep that from
# happening for ever.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("TALLY_WORKER_MAX_MEMORY_MB", 500) * 1024

# Tally
TALLY_MAX_BODY_BYTES = env_int("TALLY_MAX_BODY_BYTES", 1_000_000)
TALLY_INGEST_CHUNK_SIZE = env_int("TALLY_INGEST_CHUNK_SIZE", 500)
# New articles go to the workers this many to a task (extraction, then detection, in one go).
TALLY_PIPELINE_BATCH = env_int("TALLY_PIPELINE_BATCH", 20)
# Relative half-width of the interval read for "about", "environ", "rund"...
TALLY_APPROX_TOLERANCE = env("TALLY_APPROX_TOLERANCE", "0.1")
# The claims kept per article, the first in the text: far above any real article (a news report
# holds tens; the samples a dozen at most), it bounds what a page of dense numbers costs
# (bench/poison.py). An article that reaches it says so in its `warning`.
TALLY_MAX_CLAIMS_PER_ARTICLE = env_int("TALLY_MAX_CLAIMS_PER_ARTICLE", 5000)
# Times an article's processing step may start without ending (its task killed by a limit, its
# worker lost) before the article is marked failed instead of tried again.
TALLY_PROCESSING_ATTEMPTS = env_int("TALLY_PROCESSING_ATTEMPTS", 3)


def weak_secret_key(key: str) -> bool:
    """The development key, or a key Django's deploy check (security.W009) calls weak: under 50
    characters, fewer than 5 different ones ("x" * 64), or the prefix of the keys Django generates
    for development. Production refuses it outright rather than with that check's warning."""
    return key == DEFAULT_SECRET_KEY or len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-")


if PRODUCTION:
    if weak_secret_key(SECRET_KEY):
        raise ImproperlyConfigured(
            "DJANGO_ENV=production needs DJANGO_SECRET_KEY set to a random value of 50+ characters."
        )
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_ENV=production refuses to start with DEBUG on.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ENV=production needs DJANGO_ALLOWED_HOSTS.")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

# Conflict detection. Tolerances per metric kind (DESIGN.md): `approx` widens "about 50" by that
# fraction, `rounding` widens a round bare number ("20,000" may be 19,600). A JSON object in
# TALLY_TOLERANCES replaces the defaults, e.g. {"cumulative": {"approx": "0.1", "rounding": "0.02"}, ...}.
TALLY_TOLERANCES = {
    "cumulative": {"approx": "0.1", "rounding": "0.02"},
    "stock": {"approx": "0.1", "rounding": "0.02"},
    "event": {"approx": "0.1", "rounding": "0"},
}
if env("TALLY_TOLERANCES"):
    import json as _json

    TALLY_TOLERANCES = _json.loads(env("TALLY_TOLERANCES"))  # type: ignore[arg-type]
# How many earlier and later claims that contradict a new claim it is compared with, nearest in time first.
TALLY_DETECTION_CANDIDATES = env_int("TALLY_DETECTION_CANDIDATES", 50)
# How many of an article's claims (its first, once a repeated figure counts once) are compared with
# others: each with up to six times TALLY_DETECTION_CANDIDATES, so this bounds an article's
# detection (bench/poison.py). The rest are stored and grouped into figures all the same.
TALLY_DETECTION_MAX_CLAIMS = env_int("TALLY_DETECTION_MAX_CLAIMS", 200)

# The sweep re-enqueues articles left pending or half-processed for longer than this.
TALLY_SWEEP_AFTER_SECONDS = env_int("TALLY_SWEEP_AFTER_SECONDS", 300)
TALLY_SWEEP_INTERVAL_SECONDS = env_int("TALLY_SWEEP_INTERVAL_SECONDS", 60)
TALLY_SWEEP_BATCH = env_int("TALLY_SWEEP_BATCH", 1000)
# Notifications are e-mailed through Django's mail backend only when one is named
# (DJANGO_EMAIL_BACKEND, e.g. django.core.mail.backends.smtp.EmailBackend): the dummy default sends
# nothing, and the desk's notifications list holds them either way.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 15)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "tally@localhost")
# The desk's address, for the links in e-mailed notifications.
TALLY_SITE_URL = env("TALLY_SITE_URL", "http://127.0.0.1:8000")
# An assigned conflict nobody acted on for this long goes back to the queue.
TALLY_ASSIGNMENT_IDLE_SECONDS = env_int("TALLY_ASSIGNMENT_IDLE_SECONDS", 1800)
# Fetching pages and feeds (articles/fetch.py): a total deadline, a size cap and a redirect limit per
# request. Non-public addresses are refused in production, where a submitted URL could otherwise
# make the server read its own network.
TALLY_FETCH_TIMEOUT_SECONDS = float(env("TALLY_FETCH_TIMEOUT_SECONDS", "15"))  # type: ignore[arg-type]
TALLY_FETCH_MAX_BYTES = env_int("TALLY_FETCH_MAX_BYTES", 5_000_000)
TALLY_FETCH_MAX_REDIRECTS = env_int("TALLY_FETCH_MAX_REDIRECTS", 5)
TALLY_FETCH_USER_AGENT = env("TALLY_FETCH_USER_AGENT", "Tally/1.0 (fact-check claim tracker)")
TALLY_FETCH_ALLOW_PRIVATE_ADDRESSES = env_bool("TALLY_FETCH_ALLOW_PRIVATE_ADDRESSES", not PRODUCTION)
# Feeds (articles/feeds.py): the dispatcher runs this often and sends at most this many due feeds;
# a failing feed waits its interval times 2**failures, at most TALLY_FEED_BACKOFF_MAX_SECONDS.
TALLY_FEED_DISPATCH_INTERVAL_SECONDS = env_int("TALLY_FEED_DISPATCH_INTERVAL_SECONDS", 60)
TALLY_FEED_DISPATCH_BATCH = env_int("TALLY_FEED_DISPATCH_BATCH", 200)
TALLY_FEED_BACKOFF_MAX_SECONDS = env_int("TALLY_FEED_BACKOFF_MAX_SECONDS", 86_400)
# Syndication (articles/syndication.py): the Jaccard similarity of two bodies' word shingles from
# which the later one is a copy. Set on the test corpus (python -m tools.syndication_eval).
TALLY_SYNDICATION_THRESHOLD = float(env("TALLY_SYNDICATION_THRESHOLD", "0.5"))  # type: ignore[arg-type]
CELERY_BEAT_SCHEDULE = {
    "poll-due-feeds": {
        "task": "articles.tasks.feeds_dispatch_due",
        "schedule": float(TALLY_FEED_DISPATCH_INTERVAL_SECONDS),
    },
    "sweep-stale-articles": {
        "task": "claims.tasks.sweep_stale_articles",
        "schedule": float(TALLY_SWEEP_INTERVAL_SECONDS),
    },
    "release-idle-assignments": {
        "task": "claims.tasks.release_idle_assignments",
        "schedule": 60.0,
    },
}
# A message taken by a worker that died is delivered again after this many seconds (Redis has no
# acknowledgement timeout of its own). Longer than the longest task.
CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = env_int("TALLY_VISIBILITY_TIMEOUT", 3600)
# Each worker looks for such messages every 10 s (kombu's unacked_restore_interval), but by default
# scans Redis only on every 10th look, so a dead worker's message could wait 100 s past its timeout.
# One ZRANGE every 10 s per worker is cheap: scan each time.
CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_throttle"] = 1
