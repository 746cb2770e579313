"""The admin as an operator's tool: what the engine read is read-only, every state change goes
through the same services as the desk, and the audit trail cannot be edited."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleAdmin
from articles.models import Article
from claims import labels
from claims.models import Claim, Conflict, Event, Figure, Review
from claims.presentation import highlight, highlight_all, interval
from claims.services.edits import article_edit, article_edit_validate
from claims.services.pipeline import articles_reprocess
from claims.services.review import conflict_assign, conflict_release, review_approve
from claims.tasks import detect_conflicts as detect_conflicts_task
from claims.workflow import TransitionNotAllowed

# Everything the engine read, and the workflow state (which only services change).
EXTRACTED_FIELDS = [
    "article", "figure", "start", "end", "quote", "sentence", "metric", "noun", "subject", "value", "lower",
    "upper", "qualifier", "unit", "as_of", "as_of_precision", "period_start", "time_start", "time_end",
    "attribution", "part_of", "language", "confidence", "rules", "extractor_version", "review_status", "corrected",
    "in_text",
]


def _sentence(claim: Claim | None) -> str:
    if claim is None:
        return "—"
    return highlight(claim.article.text, claim.start, claim.end, claim.sentence)


def _desk_link(name: str, pk: int, label: str = "Open in the desk") -> str:
    return format_html('<a href="{}">{}</a>', reverse(f"desk:{name}", args=[pk]), label)


def _apply(modeladmin: admin.ModelAdmin, request: HttpRequest, objects: QuerySet, action, done: str) -> None:
    """Run a service on each selected row; report what worked and each refusal with its reason."""
    succeeded, refused = 0, []
    for obj in objects:
        try:
            with transaction.atomic():
                action(obj)
            succeeded += 1
        except (ValidationError, PermissionDenied, TransitionNotAllowed) as error:
            text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            refused.append(f"#{obj.pk}: {text}")
    if succeeded:
        modeladmin.message_user(request, f"{succeeded} {done}.", messages.SUCCESS)
    for line in refused:
        modeladmin.message_user(request, f"Refused {line}", messages.ERROR)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ConflictAsAInline(ReadOnlyInline):
    model = Conflict
    fk_name = "claim_a"
    verbose_name_plural = "Conflicts (as claim A)"
    fields = readonly_fields = ["kind", "severity", "status", "claim_b", "resolution"]


class ConflictAsBInline(ConflictAsAInline):
    fk_name = "claim_b"
    verbose_name_plural = "Conflicts (as claim B)"
    fields = readonly_fields = ["kind", "severity", "status", "claim_a", "resolution"]


class ReviewInline(ReadOnlyInline):
    model = Review
    fields = readonly_fields = ["rating", "status", "reviewer", "approved_by", "rationale", "published_at"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["id", "metric", "subject", "quote", "reads", "as_of", "language", "review_status", "corrected",
                    "article"]
    list_filter = ["review_status", "metric", "qualifier", "language", "corrected", "as_of_precision",
                   "extractor_version"]
    search_fields = ["quote", "sentence", "subject", "attribution", "article__title"]
    list_select_related = ["article"]
    readonly_fields = ["in_context", "desk", *EXTRACTED_FIELDS]
    fields = ["in_context", "desk", *EXTRACTED_FIELDS]
    inlines = [ConflictAsAInline, ConflictAsBInline, ReviewInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Claims come from extraction; a reviewer's change is a correction made in the desk.
        return False

    @admin.display(description="Reads")
    def reads(self, obj: Claim) -> str:
        return interval(obj)

    @admin.display(description="Span in its sentence")
    def in_context(self, obj: Claim) -> str:
        return _sentence(obj)

    @admin.display(description="Correct or review")
    def desk(self, obj: Claim) -> str:
        return _desk_link("claim", obj.pk)


class FigureClaimInline(ReadOnlyInline):
    model = Claim
    fk_name = "figure"
    fields = readonly_fields = ["quote", "as_of", "lower", "upper", "article", "review_status"]


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["id", "metric", "subject", "scope", "event_key", "claim_count"]
    list_filter = ["metric", "scope"]
    search_fields = ["subject", "metric", "event_key"]
    readonly_fields = ["metric", "subject", "scope", "event_key"]
    inlines = [FigureClaimInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Figure]:
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, obj: Figure) -> int:
        return obj.claim_count  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label="Reviewer")
    note = forms.CharField(required=False)

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        reviewers = Q(groups__permissions__codename="change_conflict") | Q(is_superuser=True)
        self.fields["assignee"].queryset = (
            get_user_model().objects.filter(reviewers, is_active=True).distinct().order_by("username")
        )


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "severity", "status", "quote_a", "quote_b", "sources", "assignee", "resolution",
                    "created_at"]
    list_filter = ["status", "kind", "resolution", "assignee", "claim_a__metric", "claim_a__language"]
    search_fields = ["claim_a__quote", "claim_b__quote", "claim_a__subject", "resolution_note"]
    list_select_related = ["claim_a", "claim_b", "assignee"]
    readonly_fields = ["desk", "claim_a", "sentence_a", "claim_b", "sentence_b", "figure", "kind", "severity",
                       "sources", "details", "status", "assignee", "assigned_at", "resolution", "resolution_note"]
    fields = readonly_fields
    actions = ["reassign", "release", "redetect"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Conflict]:
        return super().get_queryset(request).select_related("claim_a__article", "claim_b__article")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="Claim A")
    def quote_a(self, obj: Conflict) -> str:
        return obj.claim_a.quote

    @admin.display(description="Claim B")
    def quote_b(self, obj: Conflict) -> str:
        return obj.claim_b.quote if obj.claim_b_id else "—"

    @admin.display(description="Sentence A")
    def sentence_a(self, obj: Conflict) -> str:
        return _sentence(obj.claim_a)

    @admin.display(description="Sentence B")
    def sentence_b(self, obj: Conflict) -> str:
        return _sentence(obj.claim_b)

    @admin.display(description="Resolve or dismiss")
    def desk(self, obj: Conflict) -> str:
        return _desk_link("conflict", obj.pk)

    @admin.action(description="Reassign to a reviewer…", permissions=["change"])
    def reassign(self, request: HttpRequest, queryset: QuerySet[Conflict]) -> HttpResponse | None:
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            assignee, note = form.cleaned_data["assignee"], form.cleaned_data["note"]
            _apply(self, request, queryset, lambda c: conflict_assign(
                conflict_id=c.pk, assignee=assignee, actor=request.user, note=note), f"conflict(s) given to {assignee}")
            return None
        return render(request, "admin/claims/conflict/reassign.html", {
            **self.admin_site.each_context(request), "title": "Reassign conflicts", "conflicts": queryset,
            "form": form, "opts": self.model._meta, "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })

    @admin.action(description="Release to the queue", permissions=["change"])
    def release(self, request: HttpRequest, queryset: QuerySet[Conflict]) -> None:
        _apply(self, request, queryset, lambda c: conflict_release(conflict_id=c.pk, actor=request.user,
                                                                   note="Released from the admin."),
               "conflict(s) back in the queue")

    @admin.action(description="Re-detect conflicts of both claims' articles", permissions=["change"])
    def redetect(self, request: HttpRequest, queryset: QuerySet[Conflict]) -> None:
        ids = sorted({i for pair in queryset.values_list("claim_a__article_id", "claim_b__article_id")
                      for i in pair if i})
        transaction.on_commit(lambda: [detect_conflicts_task.delay(article_id) for article_id in ids])
        self.message_user(request, f"Conflict detection queued for {len(ids)} article(s).", messages.SUCCESS)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["id", "claim_quote", "rating", "status", "reviewer", "approved_by", "published_at", "created_at"]
    list_filter = ["status", "rating", "reviewer", "approved_by"]
    search_fields = ["rationale", "claim__quote", "editor_note"]
    list_select_related = ["claim", "reviewer", "approved_by"]
    readonly_fields = ["claim", "conflict", "reviewer", "rating", "rationale", "evidence_links", "judged_metric",
                       "judged_subject", "judged_value", "judged_lower", "judged_upper", "judged_qualifier", "status",
                       "approved_by", "editor_note", "published_at"]
    fields = readonly_fields
    actions = ["approve"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="Claim")
    def claim_quote(self, obj: Review) -> str:
        return obj.claim.quote

    @admin.action(description="Approve and publish", permissions=["publish"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        _apply(self, request, queryset, lambda r: review_approve(review_id=r.pk, editor=request.user),
               "verdict(s) published")

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.publish_review")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """The audit trail: read-only."""

    list_display = ["created_at", "actor", "what", "on", "move", "note_shown"]
    list_filter = ["action", "object_type", "actor"]
    search_fields = ["note", "=object_id", "actor__username"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"
    # Newest first: the model's own order (oldest first) is the order of an object's history.
    ordering = ["-created_at", "-id"]

    @admin.display(description=_("Action"), ordering="action")
    def what(self, event: Event) -> str:
        return labels.action(event.action)

    @admin.display(description=_("Object"), ordering="object_type")
    def on(self, event: Event) -> str:
        return f"{labels.object_type(event.object_type)} {event.object_id}"

    @admin.display(description=_("From → to"))
    def move(self, event: Event) -> str:
        if event.from_state == event.to_state:
            return ""
        return f"{labels.state(event.object_type, event.from_state) or '—'} → {labels.state(event.object_type, event.to_state)}"

    @admin.display(description=_("Note"))
    def note_shown(self, event: Event) -> SafeString:
        """The whole note, wrapped in its column (the list's cells do not wrap by default)."""
        return format_html('<div class="event-note" style="white-space: pre-wrap; max-width: 40rem; '
                           'overflow-wrap: anywhere;" dir="auto">{}</div>', event.note)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


# --- articles, with what this app found in them ------------------------------------------------

class ClaimInline(admin.TabularInline):
    """The article's claims as the engine read them, each span highlighted in its sentence.
    Read-only: corrections go through the desk, which records them."""

    model = Claim
    fk_name = "article"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["span", "metric", "subject", "qualifier", "value", "lower", "upper", "as_of", "review_status", "desk"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="Span in its sentence")
    def span(self, obj: Claim) -> str:
        return highlight(obj.article.text, obj.start, obj.end, obj.sentence)

    @admin.display(description="Desk")
    def desk(self, obj: Claim) -> str:
        return format_html('<a href="{}">review</a>', reverse("desk:claim", args=[obj.pk]))



admin.site.unregister(Article)


@admin.register(Article)
class ArticleWithClaimsAdmin(ArticleAdmin):
    """The articles' admin (articles.admin) in its place, with the article's claims: a count in the
    list, the claims inline and highlighted in the text, and the actions that run extraction and
    detection again."""

    list_display = ["id", "title", "source", "language", "published_display", "status", "claim_count", "created_at"]
    readonly_fields = [*ArticleAdmin.readonly_fields, "text_with_claims"]
    inlines = [ClaimInline]
    actions = ["reextract", "reextract_replacing", "redetect"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    def get_form(self, request: HttpRequest, obj: Article | None = None, change: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        """The article's form, which refuses a title or body that ingest would refuse, or another
        article's text, on the form (claims.services.edits.article_edit_validate)."""
        form = super().get_form(request, obj, change=change, **kwargs)

        class ArticleEditForm(form):  # type: ignore[misc, valid-type]
            def clean(self) -> dict:  # type: ignore[type-arg]
                data = super().clean()
                if self.instance.pk and {"title", "body"} & set(self.changed_data) and "title" in data \
                        and "body" in data:
                    try:
                        article_edit_validate(article=self.instance, title=data["title"], body=data["body"])
                    except ValidationError as error:
                        for name, errors in error.message_dict.items():
                            self.add_error(name if name in self.fields else None, errors)
                return data

        return ArticleEditForm

    def save_model(self, request: HttpRequest, obj: Article, form: forms.ModelForm, change: bool) -> None:
        """An edit of the title or body goes through `article_edit`: the claims are read again and
        none keeps a stale span. The other fields are saved as they are."""
        edited = {"title", "body"} & set(form.changed_data) if change else set()
        if not edited:
            super().save_model(request, obj, form, change)
            return
        stored = Article.objects.values("title", "body").get(pk=obj.pk)
        new = {"title": obj.title, "body": obj.body}
        obj.title, obj.body = stored["title"], stored["body"]
        super().save_model(request, obj, form, change)
        outcome = article_edit(article_id=obj.pk, actor=request.user, **{name: new[name] for name in edited})
        obj.refresh_from_db()
        self.message_user(request, (
            f"Claims read again: {outcome.added} read in the new text, {outcome.kept} reviewed claim(s) kept "
            f"({outcome.moved} in a changed sentence, {outcome.vanished} no longer in the text; "
            f"{outcome.sent_back} verdict(s) sent back for a re-check)."), messages.SUCCESS)

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, obj: Article) -> int:
        return obj.claim_count  # type: ignore[attr-defined]

    @admin.display(description="Text with its claims highlighted")
    def text_with_claims(self, obj: Article) -> str:
        spans = [(start, end, f"{metric} #{pk}") for pk, start, end, metric in
                 obj.claims.values_list("id", "start", "end", "metric")]
        return format_html('<div style="white-space: pre-wrap; max-width: 60rem">{}</div>',
                           highlight_all(obj.text, spans))

    @admin.action(description="Re-extract claims (keep reviewed claims of this extractor version)",
                  permissions=["change"])
    def reextract(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        ids = articles_reprocess(queryset=queryset)
        self.message_user(request, f"{len(ids)} article(s) queued for extraction and detection.", messages.SUCCESS)

    @admin.action(description="Re-extract claims, replacing the current ones", permissions=["change"])
    def reextract_replacing(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        ids = articles_reprocess(queryset=queryset, force=True)
        self.message_user(request, f"{len(ids)} article(s) queued for a fresh extraction.", messages.SUCCESS)

    @admin.action(description="Re-detect conflicts", permissions=["change"])
    def redetect(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        ids = list(queryset.values_list("id", flat=True))
        # After the request's transaction commits, so that a worker sees the rows as they are.
        transaction.on_commit(lambda: [detect_conflicts_task.delay(article_id) for article_id in ids])
        self.message_user(request, f"Conflict detection queued for {len(ids)} article(s).", messages.SUCCESS)
