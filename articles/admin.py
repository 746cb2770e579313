from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from articles.models import Article, Source


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """The articles as stored. The app that reads them adds what it found (claims.admin registers a
    subclass in this one's place)."""

    list_display = ["id", "title", "source", "language", "published_display", "status", "created_at"]
    list_filter = ["status", "language", "published_precision", "source__kind"]
    search_fields = ["title", "url", "content_hash", "source__name"]
    list_select_related = ["source"]
    readonly_fields = ["content_hash", "status", "last_error", "warning", "processing_attempts", "extractor_version",
                       "origin", "syndicated_from"]
    raw_id_fields = ["source"]

    @admin.display(description="Published", ordering="published")
    def published_display(self, obj: Article) -> str:
        return obj.published_display
