from django.contrib import admin

from articles.models import Article, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "country", "kind"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "domain"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "source", "language", "published_display", "status", "created_at"]
    list_filter = ["status", "language", "published_precision"]
    search_fields = ["title", "url", "content_hash"]
    list_select_related = ["source"]
    readonly_fields = ["content_hash", "status", "last_error", "extractor_version", "origin", "syndicated_from"]
    raw_id_fields = ["source"]

    @admin.display(description="Published", ordering="published")
    def published_display(self, obj: Article) -> str:
        return obj.published_display
