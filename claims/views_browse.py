"""The desk's browse pages: every claim and every article, filtered and searched, and the same
lists as CSV; the engine's accuracy on what reviewers checked."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims import exports, selectors
from claims.filters import ConflictFilter
from claims.forms_browse import BrowseForm
from claims.models import Conflict
from claims.places import current_reader_language
from claims.services.corrections import engine_accuracy
from claims.views import PAGE_SIZE, reviewer_required

# A count beyond this is shown as "10,000+": counting every match of a broad search over millions
# of claims would cost more than reading the page.
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A Paginator whose count stops at COUNT_CAP (`capped` says when it did)."""

    capped = False

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        counted = self.object_list.order_by()[:COUNT_CAP + 1].count()
        self.capped = counted > COUNT_CAP
        return min(counted, COUNT_CAP)


def _browse(request: HttpRequest) -> tuple[BrowseForm, dict[str, Any] | None, str]:
    form = BrowseForm(request.GET or None, sources=selectors.claim_browse_choices()["source"])
    filters = form.filters() if form.is_bound else {}
    query = request.GET.copy()
    query.pop("page", None)
    return form, filters, query.urlencode()


def _article_filter(request: HttpRequest) -> int | None:
    raw = request.GET.get("article", "")
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


@require_GET
@reviewer_required
def claim_browse(request: HttpRequest) -> HttpResponse:
    form, filters, query = _browse(request)
    page = None
    if filters is not None:
        claims = selectors.claim_browse(**filters, article=_article_filter(request))
        page = CappedPaginator(claims, PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = selectors.claims_with_verdict_states(list(page.object_list))
    return render(request, "claims/browse_claims.html", {
        "form": form, "page": page, "query": query, "article": _article_filter(request),
    }, status=200 if filters is not None else 400)


@require_GET
@reviewer_required
def article_browse(request: HttpRequest) -> HttpResponse:
    form, filters, query = _browse(request)
    page = None
    if filters is not None:
        page = CappedPaginator(selectors.article_browse(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "claims/browse_articles.html", {"form": form, "page": page, "query": query},
                  status=200 if filters is not None else 400)


# Outside ATOMIC_REQUESTS: the rows are read while the response streams, after the view returns,
# through a server-side cursor that must not wait on a request transaction.
@transaction.non_atomic_requests
@require_GET
@reviewer_required
def claim_export(request: HttpRequest) -> HttpResponse:
    """The claims the browse page lists, with the same filters, as CSV."""
    form, filters, _ = _browse(request)
    if filters is None:
        return HttpResponse(f"Bad filters: {form.errors.as_text()}", status=400, content_type="text/plain")
    claims = selectors.claim_browse(**filters, article=_article_filter(request))
    return exports.csv_response("claims.csv", exports.CLAIM_HEADER,
                                exports.claim_rows(claims, language=current_reader_language()))


@transaction.non_atomic_requests
@require_GET
@reviewer_required
def conflict_export(request: HttpRequest) -> HttpResponse:
    """Conflicts as CSV, with both quotes and the resolution note; the API's conflict filters."""
    filterset = ConflictFilter(request.GET, queryset=Conflict.objects.all())
    if not filterset.is_valid():
        return HttpResponse(f"Bad filters: {filterset.errors.as_text()}", status=400, content_type="text/plain")
    return exports.csv_response("conflicts.csv", exports.CONFLICT_HEADER, exports.conflict_rows(filterset.qs))


@require_GET
@reviewer_required
def accuracy(request: HttpRequest) -> HttpResponse:
    """Per language and metric, the share of reviewed claims the engine read right."""
    return render(request, "claims/accuracy.html", {"rows": engine_accuracy()})
