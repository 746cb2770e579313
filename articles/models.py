from __future__ import annotations

import calendar
from datetime import date

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from articles.parsing import DOMAIN_VALIDATOR, MAX_SOURCE_CHARS, MAX_URL_CHARS


class BaseModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


def date_interval(value: date, precision: str) -> tuple[date, date]:
    """The first and last day a date of this precision could mean ("2023-12" is all of December)."""
    if precision == DatePrecision.YEAR:
        return date(value.year, 1, 1), date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        last = calendar.monthrange(value.year, value.month)[1]
        return date(value.year, value.month, 1), date(value.year, value.month, last)
    return value, value


def date_display(value: date | None, precision: str) -> str:
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class Source(BaseModel):
    class Kind(models.TextChoices):
        WIRE_AGENCY = "wire_agency", "Wire agency"
        NEWSPAPER = "newspaper", "Newspaper"
        BROADCASTER = "broadcaster", "Broadcaster"
        STATE_MEDIA = "state_media", "State media"
        GOVERNMENT = "government", "Government"
        NGO = "ngo", "NGO"
        UN_AGENCY = "un_agency", "UN agency"
        OTHER = "other", "Other"

    name = models.CharField(max_length=MAX_SOURCE_CHARS, unique=True)
    domain = models.CharField(max_length=253, unique=True, null=True, blank=True, validators=[DOMAIN_VALIDATOR],
                              help_text="The outlet's host name, without www. (lemonde.fr)")
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


LANGUAGE_UNKNOWN_ERROR = (
    "no language was given and none of the supported ones was detected in the text: "
    "set the language and re-extract"
)


class Article(BaseModel):
    """A news article as ingested. Its claims' spans index `text`: the title, a blank line, the body."""

    class Status(models.TextChoices):
        # pending: stored, claims not yet extracted; extracted: claims stored, conflicts not yet
        # detected; done: both; failed: bad data, with the error in last_error (also when its
        # processing was cut short TALLY_PROCESSING_ATTEMPTS times: killed by a limit, a lost worker);
        # no_language: no language given and none of the supported ones detected, so nothing can be
        # extracted until someone sets it (LANGUAGE_UNKNOWN_ERROR in last_error).
        PENDING = "pending", "Pending"
        EXTRACTED = "extracted", "Claims extracted"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        NO_LANGUAGE = "no_language", "Language unknown"

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    url = models.URLField(max_length=MAX_URL_CHARS, unique=True, null=True, blank=True, help_text="Canonical URL")
    title = models.TextField()
    body = models.TextField()
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1; blank when unknown")
    published = models.DateField(null=True, blank=True)
    published_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, blank=True,
        help_text="A month-precision date is stored as its first day and means the whole month.",
    )
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the normalised title and body")
    syndicated_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="syndicated_copies"
    )
    origin = models.CharField(max_length=500, blank=True, help_text="Where it came from: file and line, api, feed")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    last_error = models.TextField(blank=True)
    # Both with a database default too: a process still running the code from before these
    # columns inserts articles without them.
    warning = models.TextField(
        blank=True, db_default="",
        help_text="What extraction left out: claims beyond the limit, numbers too large for a claim",
    )
    processing_attempts = models.PositiveSmallIntegerField(
        default=0, db_default=0, help_text="Processing steps started and not finished (a killed task leaves its count)"
    )
    extractor_version = models.CharField(max_length=32, blank=True)
    wire_agencies = models.JSONField(
        default=list, blank=True, help_text="Keys of the wire agencies the article credits (articles/data/agencies.toml)"
    )

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [
            models.Index(fields=["status", "updated_at"], name="article_status_updated"),
            models.Index(fields=["language", "published"], name="article_language_published"),
            # Conflict detection reads, for each candidate claim, who stands behind its article
            # (claims.independence): on PostgreSQL this index answers from its entries alone, a
            # table visit fewer for each of a busy article's hundreds of candidates. (SQLite has no
            # included columns: there it is a plain index on the id.)
            models.Index(fields=["id"], include=["source", "syndicated_from", "wire_agencies"],
                         name="article_source_keys"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(published__isnull=True, published_precision="")
                           | (Q(published__isnull=False) & ~Q(published_precision=""))),
                name="article_published_has_precision",
            ),
            models.CheckConstraint(
                condition=~Q(published_precision=DatePrecision.MONTH) | Q(published__day=1),
                name="article_month_precision_first_day",
            ),
            models.CheckConstraint(
                condition=~Q(published_precision=DatePrecision.YEAR) | Q(published__day=1, published__month=1),
                name="article_year_precision_first_day",
            ),
            models.CheckConstraint(
                condition=~Q(syndicated_from=F("id")), name="article_not_copy_of_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.title[:80]

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}"

    @property
    def published_display(self) -> str:
        return date_display(self.published, self.published_precision)


class SyndicationBand(models.Model):
    """One LSH band of an article's MinHash signature (articles/syndication.py).

    Two articles that share any band key are candidate copies; the index on `key` makes finding
    them one lookup, whatever the number of stored articles.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="syndication_bands")
    key = models.BigIntegerField(help_text="Hash of the band's number and its rows of the signature")

    class Meta:
        indexes = [models.Index(fields=["key"], name="syndication_band_key")]

    def __str__(self) -> str:
        return f"{self.article_id}:{self.key}"


class Feed(BaseModel):
    """An RSS or Atom feed of a Source, polled every `poll_interval_seconds` (articles/feeds.py).

    A feed that fails waits longer after each failure (doubling, up to
    TALLY_FEED_BACKOFF_MAX_SECONDS); its last error stays here for the desk to see.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="feeds")
    url = models.URLField(max_length=2000, unique=True)
    poll_interval_seconds = models.PositiveIntegerField(default=900)
    is_active = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["source__name", "url"]
        indexes = [models.Index(fields=["is_active", "next_poll_at"], name="feed_due")]
        constraints = [
            models.CheckConstraint(condition=Q(poll_interval_seconds__gte=60), name="feed_poll_interval_min"),
        ]

    def __str__(self) -> str:
        return self.url
