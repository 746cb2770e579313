from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from articles.models import Article, Source
from articles.services import articles_reprocess
from claims.models import Claim
from claims.presentation import highlight, highlight_all


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "country", "kind", "article_count"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "domain"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, obj: Source) -> int:
        return obj.article_count  # type: ignore[attr-defined]


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "source", "language", "published_display", "status", "claim_count", "created_at"]
    list_filter = ["status", "language", "published_precision", "source__kind"]
    search_fields = ["title", "url", "content_hash", "source__name"]
    list_select_related = ["source"]
    readonly_fields = ["content_hash", "status", "last_error", "warning", "processing_attempts", "extractor_version",
                       "origin", "syndicated_from", "text_with_claims"]
    raw_id_fields = ["source"]
    inlines = [ClaimInline]
    actions = ["reextract", "reextract_replacing", "redetect"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="Published", ordering="published")
    def published_display(self, obj: Article) -> str:
        return obj.published_display

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
        from claims.tasks import detect_conflicts as detect_conflicts_task

        ids = list(queryset.values_list("id", flat=True))
        # After the request's transaction commits, so that a worker sees the rows as they are.
        transaction.on_commit(lambda: [detect_conflicts_task.delay(article_id) for article_id in ids])
        self.message_user(request, f"Conflict detection queued for {len(ids)} article(s).", messages.SUCCESS)
