from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.utils.dates import WEEKDAYS

from articles.models import Article, BaseModel, DatePrecision, date_display


class Qualifier(models.TextChoices):
    EXACT = "exact", "Exact"
    APPROX = "approx", "Approximately"
    MORE_THAN = "more_than", "More than"
    AT_LEAST = "at_least", "At least"
    LESS_THAN = "less_than", "Less than"
    AT_MOST = "at_most", "At most"
    RANGE = "range", "Range"


class ClaimStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    IN_REVIEW = "in_review", "In review"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"
    FALSE = "false", "False"
    UNVERIFIABLE = "unverifiable", "Unverifiable"
    PUBLISHED = "published", "Published"
    NOT_A_CLAIM = "not_a_claim", "Not a claim"


# Big enough for "1.9 million" read exactly and a tolerance's fraction of a small count.
_DECIMAL = {"max_digits": 20, "decimal_places": 4, "null": True, "blank": True}


class Figure(BaseModel):
    """What a group of claims is about: a metric, a subject and a scope."""

    class Scope(models.TextChoices):
        SERIES = "series", "Series over time"
        EVENT = "event", "One event"

    metric = models.CharField(max_length=40)
    subject = models.CharField(
        max_length=100, blank=True,
        help_text="The gazetteer's id of the place or body (\"iso:MA\", \"iso:SY+iso:TR\" for a combined one); blank when none was named",
    )
    scope = models.CharField(max_length=6, choices=Scope.choices)
    event_key = models.CharField(
        max_length=100, blank=True, help_text="Which event, for an event scope (e.g. the vote's date)"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["metric", "subject", "scope", "event_key"], name="figure_unique_key"),
        ]

    def __str__(self) -> str:
        suffix = f" {self.event_key}" if self.event_key else ""
        return f"{self.metric} / {self.subject or '—'}{suffix}"


class Claim(BaseModel):
    """One atomic numeric statement in one article; `article.text[start:end] == quote`."""

    # No index of its own: the unique (article, start, end) constraint's index serves every lookup
    # by article, and one index fewer is one less to update per claim stored.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims", db_index=False)
    figure = models.ForeignKey(Figure, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    sentence = models.TextField()
    metric = models.CharField(max_length=40)
    noun = models.CharField(max_length=100, blank=True, help_text="Head noun, kept for metric 'other'")
    subject = models.CharField(max_length=100, null=True, blank=True,
                               help_text="The gazetteer's id of the place or body the number is about")
    # Defaults in the database too: rows written by COPY or raw SQL that name none of these read as
    # unrated, unflagged and pathless, as rows stored before them do.
    subject_confidence = models.FloatField(default=0, db_default=0,
                                           help_text="How sure the engine is of the subject, 0-1")
    subject_ambiguous = models.BooleanField(default=False, db_default=False,
                                            help_text="The text allows another subject")
    # The places the subject lies in, nearest first (town, province, country), or the members of a
    # combined subject ("iso:SY+iso:TR"): what detection compares as parts and wholes. Copied
    # into ClaimPlace rows, which detection reads through an index.
    subject_path = models.JSONField(default=list, db_default=Value([], output_field=models.JSONField()), blank=True)
    value = models.DecimalField(**_DECIMAL)
    lower = models.DecimalField(**_DECIMAL, help_text="Empty: unbounded below")
    upper = models.DecimalField(**_DECIMAL, help_text="Empty: unbounded above")
    qualifier = models.CharField(max_length=10, choices=Qualifier.choices)
    unit = models.CharField(max_length=20, blank=True)
    as_of = models.DateField(null=True, blank=True)
    as_of_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    # Of an article dated by its month alone, the weekday its text states the claim for ("on Monday
    # evening", 0 = Monday): detection places the claim on that weekday of its month, nearest the
    # days other articles report its figure for (claims.services.conflicts.weekdays), and marks
    # the day so placed as inferred.
    as_of_weekday = models.PositiveSmallIntegerField(null=True, blank=True,
                                                     help_text="The weekday the text names, 0 = Monday")
    # Of such an article, the days after an event its text states the claim for ("a week after the
    # storm": 7): detection places the claim that many days after the earliest day other articles
    # report the metric for its place (claims.services.conflicts.offsets), marked as inferred.
    as_of_offset = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The days after an event the text names (\"a week after\": 7)")
    as_of_inferred = models.BooleanField(
        default=False, db_default=False,
        help_text="The day was inferred from the weekday or the days after an event the text names and other "
                  "articles' reports",
    )
    period_start = models.DateField(null=True, blank=True)
    # The days the as-of date could mean ("2023-12" is 1-31 December), kept as columns so that
    # conflict detection finds earlier and later claims through an index.
    time_start = models.DateField(null=True, blank=True)
    time_end = models.DateField(null=True, blank=True)
    attribution = models.CharField(max_length=500, blank=True)
    part_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="parts")
    language = models.CharField(max_length=8, blank=True)
    confidence = models.FloatField()
    rules = models.JSONField(default=list, help_text="Ids of the extraction rules that fired")
    extractor_version = models.CharField(max_length=32)
    review_status = models.CharField(max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.UNREVIEWED)
    corrected = models.BooleanField(default=False, help_text="A reviewer changed what the engine read")
    # False once an edit of the article removed the quote: the claim is kept for its review work,
    # its span then lies past the end of the text (no span), and it waits for a re-check.
    in_text = models.BooleanField(default=True, db_default=True,
                                  help_text="The quote still occurs in the article's text at start-end")

    class Meta:
        ordering = ["article_id", "start"]
        indexes = [
            # The candidate lookups of conflict detection (earlier, later, overlapping) and the
            # API's main filter. The value after the date, and the bounds and id included (on
            # PostgreSQL), let "later and smaller" and "earlier and larger" pick their nearest
            # claims from the index entries alone: a busy town's long history costs no table visit.
            # The end date is a key here, not an included column, so that the overlapping window's
            # "starts on the 1st of the month, ends on or after our day" is tested on the index:
            # a busy town's claims of that 1st (or of 1 January) cost no table visit.
            models.Index(fields=["metric", "subject", "time_start", "time_end", "value"],
                         include=["lower", "upper", "id"], name="claim_metric_subject_start_end"),
            models.Index(fields=["metric", "subject", "time_end", "value"],
                         include=["time_start", "lower", "upper", "id"], name="claim_metric_subject_end_v"),
            # Earlier-and-larger, later-and-smaller candidates (claims.services.conflicts.candidates._above).
            models.Index(fields=["metric", "subject", "value"], name="claim_metric_subject_value"),
            models.Index(fields=["review_status"], name="claim_review_status"),
            # The API's claims list filtered by metric and subject, newest first: the index walks
            # one (metric, subject) in id order, and the date-range test reads time_end and
            # time_start from the index entry, so rows outside the range cost no table visit.
            models.Index(fields=["metric", "subject", "id", "time_end", "time_start"], name="claim_metric_subject_id"),
            # The few claims dated by a weekday of their month, found by the subject of a claim
            # dated to a day (claims.services.conflicts.weekdays): an empty index for most data.
            models.Index(fields=["subject", "time_start"], condition=Q(as_of_weekday__isnull=False),
                         name="claim_weekday_subject"),
            # The few claims dated by the days after an event, found by the metric of a claim dated
            # to a day (claims.services.conflicts.offsets): an empty index for most data.
            models.Index(fields=["metric", "time_start"], condition=Q(as_of_offset__isnull=False),
                         name="claim_offset_metric"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(lower__isnull=True) | Q(upper__isnull=True) | Q(lower__lte=F("upper")),
                name="claim_lower_le_upper",
            ),
            models.CheckConstraint(
                condition=Q(lower__isnull=True) | Q(value__isnull=True) | Q(lower__lte=F("value")),
                name="claim_lower_le_value",
            ),
            models.CheckConstraint(
                condition=Q(upper__isnull=True) | Q(value__isnull=True) | Q(value__lte=F("upper")),
                name="claim_value_le_upper",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="claim_confidence_0_1"
            ),
            models.CheckConstraint(
                condition=Q(subject_confidence__gte=0) & Q(subject_confidence__lte=1),
                name="claim_subject_confidence_0_1",
            ),
            models.CheckConstraint(condition=~Q(part_of=F("id")), name="claim_not_part_of_itself"),
            models.CheckConstraint(
                condition=Q(as_of_weekday__isnull=True) | Q(as_of_weekday__lte=6), name="claim_as_of_weekday_0_6"
            ),
            models.CheckConstraint(
                condition=Q(time_start__isnull=True) | Q(time_end__gte=F("time_start")), name="claim_time_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric}: {self.quote}"

    @property
    def as_of_display(self) -> str:
        return date_display(self.as_of, self.as_of_precision)

    @property
    def as_of_weekday_name(self) -> str:
        """The weekday the text names, in the active language ("Monday"); "" for none."""
        return str(WEEKDAYS[self.as_of_weekday]) if self.as_of_weekday is not None else ""

    @property
    def as_of_offset_weeks(self) -> int | None:
        """The days after an event the text names, in weeks when they are whole weeks; else None."""
        if not self.as_of_offset or self.as_of_offset % 7:
            return None
        return self.as_of_offset // 7


class ClaimPlace(models.Model):
    """One place of a claim's subject path: the claim lies `within` the place (a town's toll within
    its province and its country), or the place is a `member` of the claim's combined subject (a
    toll "in Turkey and Syria" has both countries as members). Conflict detection finds a claim's
    parts and combined wholes through this table's index instead of asking the gazetteer about
    every candidate; the rows are written with the claim, and again when a correction changes it
    (claims.places.claim_places_write).

    The claim's metric, bounds and time are copied here: a country's parts are thousands of claims,
    of which detection wants the few larger than the country's count (or, for a combined whole, the
    few smaller than a part), read as a short range of the (place, relation, metric, value) index.
    """

    class Relation(models.TextChoices):
        WITHIN = "within", "The claim's subject lies within the place"
        MEMBER = "member", "The place is a member of the claim's combined subject"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="places", db_index=False)
    place = models.CharField(max_length=100)
    relation = models.CharField(max_length=6, choices=Relation.choices)
    metric = models.CharField(max_length=40)
    value = models.DecimalField(**_DECIMAL)
    lower = models.DecimalField(**_DECIMAL)
    upper = models.DecimalField(**_DECIMAL)
    time_start = models.DateField(null=True, blank=True)
    time_end = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["place", "relation", "metric", "value"],
                         include=["lower", "upper", "time_start", "time_end", "claim"], name="claimplace_lookup"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["claim", "place"], name="claimplace_unique"),
        ]

    def __str__(self) -> str:
        return f"#{self.claim_id} {self.relation} {self.place}"


class Conflict(BaseModel):
    """Two claims that cannot both be true, stored once per unordered pair (claim_a.id < claim_b.id).

    A claim that is impossible on its own (16 votes in a 15-member council) is a conflict with no
    claim_b, stored once per claim and kind.
    """

    class Kind(models.TextChoices):
        VALUE_MISMATCH = "value_mismatch", "Values do not match"
        DECREASING_COUNT = "decreasing_count", "A count decreases over time"
        PART_EXCEEDS_WHOLE = "part_exceeds_whole", "A part exceeds its whole"
        EXCEEDS_BODY_SIZE = "exceeds_body_size", "Votes exceed the body's size"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_REVIEW = "in_review", "In review"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    class Resolution(models.TextChoices):
        CLAIM_A_HOLDS = "claim_a_holds", "The first claim holds"
        CLAIM_B_HOLDS = "claim_b_holds", "The second claim holds"
        DIFFERENT_DATES = "different_dates", "Both stand: different dates"
        DIFFERENT_DEFINITIONS = "different_definitions", "Both stand: different definitions"
        EXTRACTION_ERROR = "extraction_error", "Extraction error"
        SOURCE_ERROR = "source_error", "Source error"

    # No index of its own: the unique pair's index (claim_a, claim_b) serves lookups by claim_a.
    claim_a = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="conflicts_as_a", db_index=False)
    claim_b = models.ForeignKey(
        Claim, on_delete=models.CASCADE, null=True, blank=True, related_name="conflicts_as_b"
    )
    figure = models.ForeignKey(Figure, on_delete=models.SET_NULL, null=True, blank=True, related_name="conflicts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    severity = models.FloatField()
    sources = models.PositiveIntegerField(default=2, help_text="Independent sources on both sides together")
    details = models.JSONField(default=dict, help_text="Both intervals, the gap and the tolerance used")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_conflicts"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=24, choices=Resolution.choices, blank=True)
    resolution_note = models.TextField(blank=True)

    class Meta:
        # The review queue: open conflicts, most severe first, then the most repeated, then the newest.
        indexes = [
            models.Index(fields=["status", "-severity", "-sources", "-created_at"], name="conflict_queue"),
            # The API's conflicts list: by status, most severe first, ties newest id first.
            models.Index(fields=["status", "-severity", "-id"], name="conflict_status_severity_id"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["claim_a", "claim_b"], name="conflict_unique_pair"),
            models.UniqueConstraint(
                fields=["claim_a", "kind"], condition=Q(claim_b__isnull=True), name="conflict_unique_single"
            ),
            models.CheckConstraint(
                condition=Q(claim_b__isnull=True) | Q(claim_a__lt=F("claim_b")), name="conflict_pair_ordered"
            ),
            models.CheckConstraint(
                condition=Q(severity__gte=0) & Q(severity__lte=1), name="conflict_severity_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: #{self.claim_a_id} / #{self.claim_b_id}"


class Review(BaseModel):
    """A reviewer's verdict on a claim, reached on its own or while resolving a conflict; an
    editor's approval publishes it (as schema.org ClaimReview)."""

    class Rating(models.TextChoices):
        # Ordered from best to worst: ClaimReview's ratingValue is the position (5 = accurate).
        ACCURATE = "accurate", "Accurate"
        MOSTLY_ACCURATE = "mostly_accurate", "Mostly accurate"
        MISLEADING = "misleading", "Misleading"
        INACCURATE = "inaccurate", "Inaccurate"
        UNVERIFIABLE = "unverifiable", "Unverifiable"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        # Withdrawn by an editor after publication: its public page stays, saying so.
        RETRACTED = "retracted", "Retracted"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="reviews")
    conflict = models.ForeignKey(Conflict, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    rating = models.CharField(max_length=16, choices=Rating.choices)
    rationale = models.TextField()
    evidence_links = models.JSONField(default=list, blank=True)
    # The reading the verdict judged, as the claim read when it was given: every field a correction
    # can change. A published verdict shows this reading, whatever the claim says since.
    judged_metric = models.CharField(max_length=40)
    judged_subject = models.CharField(max_length=100, null=True, blank=True)
    judged_value = models.DecimalField(**_DECIMAL)
    judged_lower = models.DecimalField(**_DECIMAL, help_text="Empty: unbounded below")
    judged_upper = models.DecimalField(**_DECIMAL, help_text="Empty: unbounded above")
    judged_qualifier = models.CharField(max_length=10, choices=Qualifier.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="approved_reviews"
    )
    editor_note = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # What the evidence supports, for a verdict on a number: "supported: 19,600 to 20,400 as of
    # 20 December 2023" (a conflict's holding claim, or the editor's figure). Empty bounds are open.
    supported_lower = models.DecimalField(**_DECIMAL)
    supported_upper = models.DecimalField(**_DECIMAL)
    supported_as_of = models.DateField(null=True, blank=True)
    supported_as_of_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    # An editor's correction of the published verdict (its history is in the Events) and its retraction.
    corrected_at = models.DateTimeField(null=True, blank=True)
    retracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("publish_review", "Can approve and publish a verdict")]
        indexes = [models.Index(fields=["status", "-published_at"], name="review_status_published")]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("reviewer")),
                name="review_not_self_approved",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(approved_by__isnull=False, published_at__isnull=False),
                name="review_published_has_approval",
            ),
            models.CheckConstraint(
                condition=~Q(status="retracted") | Q(published_at__isnull=False, retracted_at__isnull=False),
                name="review_retracted_was_published",
            ),
            models.CheckConstraint(
                condition=Q(supported_lower__isnull=True) | Q(supported_upper__isnull=True)
                | Q(supported_lower__lte=F("supported_upper")),
                name="review_supported_lower_le_upper",
            ),
            models.CheckConstraint(
                condition=~Q(judged_metric="") & ~Q(judged_qualifier=""), name="review_pins_its_reading",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating} on claim #{self.claim_id}"


class AppendOnlyError(Exception):
    pass


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("The audit trail is append-only: events are never updated.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("The audit trail is append-only: events are never deleted.")


class Event(models.Model):
    """Append-only audit log of every state change."""

    # PROTECT: a user who acted stays in the trail (deactivate, do not delete); SET_NULL would
    # rewrite events.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40, help_text="app_label.model of the object acted on")
    object_id = models.BigIntegerField()
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True, help_text="What changed: fields before and after")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id", "created_at"], name="event_object_time")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id}: {self.from_state} -> {self.to_state}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise AppendOnlyError("The audit trail is append-only: events are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("The audit trail is append-only: events are never deleted.")


class Comment(BaseModel):
    """A reviewer's or editor's remark on a claim or a conflict (exactly one of the two)."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    body = models.TextField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(claim__isnull=False) & Q(conflict__isnull=True))
                | (Q(claim__isnull=True) & Q(conflict__isnull=False)),
                name="comment_on_claim_or_conflict",
            ),
            models.CheckConstraint(condition=~Q(body=""), name="comment_not_empty"),
        ]

    def __str__(self) -> str:
        target = f"claim #{self.claim_id}" if self.claim_id else f"conflict #{self.conflict_id}"
        return f"{self.author} on {target}"


class Notification(BaseModel):
    """Something a person should know of: a verdict sent back, a conflict assigned, a comment, a
    conflict settled by a published verdict. Shown in their queue and notifications list, and
    e-mailed when a mail backend is configured."""

    class Kind(models.TextChoices):
        SENT_BACK = "sent_back", "Verdict sent back"
        ASSIGNED = "assigned", "Conflict assigned"
        COMMENT = "comment", "New comment"
        SETTLED = "settled", "Conflict settled by a published verdict"
        TEXT_CHANGED = "text_changed", "Article text changed"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                                  db_index=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    object_type = models.CharField(max_length=40, help_text="app_label.model of the object it is about")
    object_id = models.BigIntegerField()
    # What it says, in English: the admin's text, and the one shown for a notification stored
    # before `template` (which then is empty).
    message = models.TextField()
    # The untranslated message (a msgid marked with gettext_noop) and its parameters, rendered in
    # each reader's language when shown (claims.services.notifications.notification_text).
    template = models.TextField(blank=True, default="")
    params = models.JSONField(blank=True, default=dict)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # A person's list, newest first, and their unread count.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_recipient_time"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient}: {self.message[:60]}"
