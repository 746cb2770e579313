"""The desk's flow of work beyond one verdict: a claim in its whole article, assignment by an
editor, comments, and the notifications list. Thin views, as in claims.views: a form and one
service, POST/redirect/GET, refused forms sent back to their page (claims.prg)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from claims import selectors
from claims.forms import AssignForm, CommentForm
from claims.models import Claim, Conflict
from claims.prg import redirect_with_errors
from claims.presentation import highlight_all
from claims.provenance import provenance
from claims.services import review as review_services
from claims.services.comments import comment_create
from claims.services.notifications import (
    notification_link,
    notification_list,
    notification_text,
    notifications_mark_read,
)
from claims.views import PAGE_SIZE, _show_errors, editor_required, reviewer_required
from claims.workflow import TransitionNotAllowed


@require_GET
@reviewer_required
def claim_in_context(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole article, this claim marked (and scrolled to), the article's other claims marked
    too, with where it comes from."""
    claim = get_object_or_404(selectors.claim_list(), pk=pk)
    article = claim.article
    others = Claim.objects.filter(article=article, in_text=True).exclude(pk=claim.pk).values_list(
        "id", "start", "end", "metric")
    spans = [(start, end, f"{metric} #{other}") for other, start, end, metric in others]
    text = highlight_all(article.text, [(claim.start, claim.end, "THIS"), *spans]) if claim.in_text else \
        highlight_all(article.text, spans)
    # The claim's own mark: an id to scroll to, and a class to tell it from the others.
    marked = SafeString(str(text).replace('<mark title="THIS">', format_html(
        '<mark id="claim-in-context" class="focus" title="{}">', _("This claim")), 1))
    return render(request, "claims/in_context.html", {
        "claim": claim, "article": article, "p": provenance(article), "text": marked,
    })


@require_POST
@editor_required
def conflict_assign(request: HttpRequest, pk: int) -> HttpResponse:
    conflict = get_object_or_404(Conflict, pk=pk)
    form = AssignForm(request.POST)
    here = reverse("desk:conflict", args=[pk])
    if form.is_valid():
        assignee = form.cleaned_data["assignee"]
        try:
            review_services.conflict_assign(conflict_id=conflict.pk, assignee=assignee, actor=request.user,
                                            note=form.cleaned_data["note"])
        except ValidationError as error:
            _show_errors(form, error)
        except TransitionNotAllowed as error:
            messages.error(request, _("Not assigned: %(error)s") % {"error": error})
            return redirect(here)
        else:
            messages.success(request, _("Conflict %(id)s assigned to %(name)s.") % {
                "id": pk, "name": assignee.get_username()})
            return redirect(here)
    return redirect_with_errors(request, form_id="assign", form=form, to=here)


def _comment(request: HttpRequest, *, claim_id: int | None = None, conflict_id: int | None = None) -> HttpResponse:
    here = reverse("desk:claim", args=[claim_id]) if claim_id else reverse("desk:conflict", args=[conflict_id])
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_create(author=request.user, body=form.cleaned_data["body"], claim_id=claim_id,
                           conflict_id=conflict_id)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("Comment added."))
            return redirect(f"{here}#comments")
    return redirect_with_errors(request, form_id="comment", form=form, to=here)


@require_POST
@reviewer_required
def claim_comment(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Claim, pk=pk)
    return _comment(request, claim_id=pk)


@require_POST
@reviewer_required
def conflict_comment(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Conflict, pk=pk)
    return _comment(request, conflict_id=pk)


@require_GET
@reviewer_required
def notifications(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(notification_list(recipient=request.user, unread_only=unread_only),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"n": n, "link": notification_link(n), "text": notification_text(n)} for n in page.object_list]
    return render(request, "claims/notifications.html", {"page": page, "rows": rows, "unread_only": unread_only})


@require_POST
@reviewer_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (`notification`) or all of them read; with `next`, go on to that page
    of the desk (the notification's own)."""
    one = request.POST.get("notification", "")
    ids = [int(one)] if one.isdigit() else None
    notifications_mark_read(recipient=request.user, notification_ids=ids)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect("desk:notifications")
