from django.contrib import admin

from claims.models import Claim, Conflict, Event, Figure, Review


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["id", "metric", "subject", "quote", "qualifier", "value", "lower", "upper", "as_of", "review_status"]
    list_filter = ["metric", "qualifier", "language", "review_status"]
    search_fields = ["quote", "sentence", "subject", "attribution"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "part_of", "figure"]


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["id", "metric", "subject", "scope", "event_key"]
    list_filter = ["metric", "scope"]
    search_fields = ["subject"]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "severity", "status", "assignee", "created_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["claim_a", "claim_b", "figure"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["id", "rating", "status", "reviewer", "approved_by", "created_at"]
    list_filter = ["rating", "status"]
    raw_id_fields = ["claim", "conflict"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """The audit trail: read-only."""

    list_display = ["created_at", "actor", "action", "object_type", "object_id", "from_state", "to_state"]
    list_filter = ["action", "object_type"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
