"""The reviewer's desk: thin views, each a form and one service (or one selector to read).

Every page needs a login and a role. A POST that works redirects (POST/redirect/GET), so the core
actions work without JavaScript; htmx only swaps parts of pages. A refused move shows its reason:
a ValidationError on the form, a TransitionNotAllowed as a message, a PermissionDenied as the 403
page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from claims import labels, selectors
from claims.forms import (
    AssignForm,
    ClaimCorrectForm,
    CommentForm,
    ConflictResolveForm,
    NoteForm,
    OptionalNoteForm,
    QueueFilterForm,
    VerdictForm,
)
from claims.models import Claim, Conflict, Figure, Review
from claims.prg import failed_form, redirect_with_errors
from claims.presentation import highlight, highlight_all, timeline_chart
from claims.services import review as review_services
from claims.services.comments import comment_list
from claims.services.notifications import notification_link, notification_list, notification_text
from claims.workflow import TransitionNotAllowed

REVIEWER_PERMISSION = "claims.change_conflict"
EDITOR_PERMISSION = "claims.publish_review"
PAGE_SIZE = 50


def role_required(permission: str, role: str) -> Callable:
    """Log in first; then a user without the role gets a 403 page that says which role is needed."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(permission):
                reason = (_("This page is for editors. Ask an admin to give your account the editor role.")
                          if role == "editor" else
                          _("This page is for reviewers. Ask an admin to give your account the reviewer role."))
                raise PermissionDenied(reason)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


reviewer_required = role_required(REVIEWER_PERMISSION, "reviewer")
editor_required = role_required(EDITOR_PERMISSION, "editor")


def _show_errors(form: Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None,
                           [f"{labels.field(name)}: {e}" if name not in form.fields and name != "__all__" else e
                            for e in errors])
    else:
        form.add_error(None, error.messages)


def _refusal(error: TransitionNotAllowed) -> str:
    """A refused move in the reader's words, not the state machine's codes."""
    return labels.refusal(error.object_type, error.current, error.target)


# --- the queue -------------------------------------------------------------------------------

@require_GET
@reviewer_required
def queue(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    if "status" not in params:
        params["status"] = Conflict.Status.OPEN
    form = QueueFilterForm(params, choices=selectors.conflict_filter_choices())
    conflicts = selectors.conflict_search(**form.filters())
    page = Paginator(conflicts, PAGE_SIZE).get_page(request.GET.get("page"))
    mine = selectors.conflict_list(status=Conflict.Status.IN_REVIEW, assignee=request.user)
    query = params.copy()
    query.pop("page", None)
    return render(request, "claims/queue.html", {
        "form": form, "page": page, "mine": mine, "query": query.urlencode(),
        "waiting": selectors.conflict_queue().count(),
        "notifications": [{"n": n, "link": notification_link(n), "text": notification_text(n)}
                          for n in notification_list(recipient=request.user, unread_only=True)[:10]],
    })


@require_POST
@reviewer_required
def take_next(request: HttpRequest) -> HttpResponse:
    """Take the next conflict. While holding one, the reviewer is asked first (the prompt page),
    unless this POST says to release it (`release_held`)."""
    try:
        conflict = review_services.conflict_take_next(reviewer=request.user,
                                                      release_held=request.POST.get("release_held") == "1")
    except review_services.ConflictHeld:
        return redirect("desk:take_next_prompt")
    if conflict is None:
        messages.info(request, _("The queue is empty: no open conflict is waiting."))
        return redirect("desk:queue")
    return redirect("desk:conflict", pk=conflict.pk)


@require_GET
@reviewer_required
def take_next_prompt(request: HttpRequest) -> HttpResponse:
    """Asked before taking another conflict while holding one: back to it, or release it and take
    the next. Holding none, the reviewer is sent to the queue."""
    held = review_services.conflict_held(reviewer=request.user)
    if held is None:
        return redirect("desk:queue")
    return render(request, "claims/take_next_prompt.html", {"held": held})


# --- a conflict ------------------------------------------------------------------------------

def _timelines(figure_ids: list[int], focus: Conflict | None = None) -> list[dict[str, Any]]:
    figures = {f.id: f for f in Figure.objects.filter(id__in=figure_ids)}
    conflicts = list(selectors.figure_conflicts(figure_ids=figure_ids))
    timelines = []
    for figure_id in figure_ids:
        figure = figures.get(figure_id)
        if figure is None:
            continue
        claims = selectors.claims_with_verdict_states(list(selectors.figure_timeline(figure)))
        timelines.append({"figure": figure, "claims": claims, "chart": timeline_chart(claims, conflicts, focus)})
    return timelines


def claim_sentence(claim: Claim) -> str:
    """The claim's sentence with its quote marked: in the article's text, or, once an edit removed
    the quote (`in_text` false), in the sentence as it was read."""
    if claim.in_text:
        return highlight(claim.article.text, claim.start, claim.end, claim.sentence)
    at = claim.sentence.find(claim.quote)
    if at < 0:
        return highlight(claim.quote, 0, len(claim.quote))
    return highlight(claim.sentence, at, at + len(claim.quote), claim.sentence)


def _side(claim: Claim, letter: str) -> dict[str, Any]:
    return {"letter": letter, "claim": claim, "sentence": claim_sentence(claim)}


def _conflict_page(request: HttpRequest, conflict: Conflict, *, status: int = 200) -> HttpResponse:
    resolve_form = failed_form(request, "resolve", lambda data: ConflictResolveForm(data, conflict=conflict))
    dismiss_form = failed_form(request, "dismiss", NoteForm)
    assign_form = failed_form(request, "assign", AssignForm)
    comment_form = failed_form(request, "comment", CommentForm)
    claims = [c for c in (conflict.claim_a, conflict.claim_b) if c is not None]
    figure_ids = list(dict.fromkeys(f for f in [conflict.figure_id, *(c.figure_id for c in claims)] if f))
    actionable = conflict.status in (Conflict.Status.OPEN, Conflict.Status.IN_REVIEW)
    return render(request, "claims/conflict.html", {
        "conflict": conflict,
        "sides": [_side(claim, letter) for claim, letter in zip(claims, "AB", strict=False)],
        "timelines": _timelines(figure_ids, focus=conflict),
        "events": selectors.event_list(object_type="claims.conflict", object_ids=[conflict.pk]),
        "reviews": selectors.review_list(conflict=conflict).order_by("id"),
        "actionable": actionable,
        "mine": conflict.assignee_id == request.user.pk,
        "taken_by_other": conflict.status == Conflict.Status.IN_REVIEW and conflict.assignee_id != request.user.pk,
        "resolve_form": resolve_form or ConflictResolveForm(conflict=conflict),
        "dismiss_form": dismiss_form or NoteForm(),
        "assign_form": assign_form or AssignForm(initial={"assignee": conflict.assignee_id}),
        "comment_form": comment_form or CommentForm(),
        "comments": comment_list(conflict_id=conflict.pk),
    }, status=status)


def _conflict(pk: int) -> Conflict:
    return get_object_or_404(selectors.conflict_list(), pk=pk)


@require_GET
@reviewer_required
def conflict_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _conflict_page(request, _conflict(pk))


@require_POST
@reviewer_required
def conflict_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    conflict = _conflict(pk)
    form = ConflictResolveForm(request.POST, conflict=conflict)
    if form.is_valid():
        try:
            review_services.conflict_resolve(
                conflict_id=conflict.pk, reviewer=request.user, resolution=form.cleaned_data["resolution"],
                note=form.cleaned_data["note"], verdicts=form.verdicts(), wrong_claim_id=form.wrong_claim_id(),
            )
        except ValidationError as error:
            _show_errors(form, error)
        except TransitionNotAllowed as error:
            messages.error(request, _("Not resolved: %(reason)s") % {"reason": _refusal(error)})
            return redirect("desk:conflict", pk=pk)
        else:
            messages.success(request, _("Conflict %(id)s resolved: %(resolution)s.") % {
                "id": pk, "resolution": labels.resolution(form.cleaned_data["resolution"])})
            return redirect("desk:conflict", pk=pk)
    return redirect_with_errors(request, form_id="resolve", form=form, to=reverse("desk:conflict", args=[pk]))


@require_POST
@reviewer_required
def conflict_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    conflict = _conflict(pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            review_services.conflict_dismiss(conflict_id=conflict.pk, reviewer=request.user,
                                             note=form.cleaned_data["note"])
        except ValidationError as error:
            _show_errors(form, error)
        except TransitionNotAllowed as error:
            messages.error(request, _("Not dismissed: %(reason)s") % {"reason": _refusal(error)})
            return redirect("desk:conflict", pk=pk)
        else:
            messages.success(request, _("Conflict %(id)s dismissed.") % {"id": pk})
            return redirect("desk:conflict", pk=pk)
    return redirect_with_errors(request, form_id="dismiss", form=form, to=reverse("desk:conflict", args=[pk]))


@require_POST
@reviewer_required
def conflict_release(request: HttpRequest, pk: int) -> HttpResponse:
    conflict = _conflict(pk)
    try:
        review_services.conflict_release(conflict_id=conflict.pk, actor=request.user,
                                         note=request.POST.get("note", ""))
    except TransitionNotAllowed as error:
        messages.error(request, _("Not released: %(reason)s") % {"reason": _refusal(error)})
        return redirect("desk:conflict", pk=pk)
    messages.success(request, _("Conflict %(id)s is back in the queue.") % {"id": pk})
    return redirect("desk:queue")


# --- a claim ---------------------------------------------------------------------------------

def _claim_page(request: HttpRequest, claim: Claim, *, status: int = 200) -> HttpResponse:
    article = claim.article
    verdict_form = failed_form(request, "verdict", VerdictForm)
    correct_form = failed_form(request, "correct", ClaimCorrectForm)
    not_a_claim_form = failed_form(request, "not_a_claim", OptionalNoteForm)
    comment_form = failed_form(request, "comment", CommentForm)
    spans = [(claim.start, claim.end, labels.metric(claim.metric))] if claim.in_text else []
    return render(request, "claims/claim.html", {
        "claim": claim,
        "sentence": claim_sentence(claim),
        "article_text": highlight_all(article.text, spans),
        "conflicts": selectors.claim_conflicts(claim_id=claim.pk),
        "reviews": selectors.review_list(claim=claim).order_by("id"),
        "events": selectors.event_list(object_type="claims.claim", object_ids=[claim.pk]),
        "timelines": _timelines([claim.figure_id]) if claim.figure_id else [],
        "verdict_form": verdict_form or VerdictForm(),
        "correct_form": correct_form or ClaimCorrectForm.for_claim(claim),
        "not_a_claim_form": not_a_claim_form or OptionalNoteForm(),
        "comment_form": comment_form or CommentForm(),
        "comments": comment_list(claim_id=claim.pk),
        "can_review": claim.review_status in ("unreviewed", "in_review"),
        "can_correct": claim.review_status != "published",
    }, status=status)


def _claim(pk: int) -> Claim:
    return get_object_or_404(selectors.claim_list().select_related("figure"), pk=pk)


@require_GET
@reviewer_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _claim_page(request, _claim(pk))


@require_POST
@reviewer_required
def claim_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    form = VerdictForm(request.POST)
    if form.is_valid():
        try:
            review_services.claim_review_submit(
                claim_id=claim.pk, reviewer=request.user, rating=form.cleaned_data["rating"],
                rationale=form.cleaned_data["rationale"], evidence_links=form.cleaned_data["evidence_links"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        except TransitionNotAllowed as error:
            messages.error(request, _("No verdict recorded: %(reason)s") % {"reason": _refusal(error)})
            return redirect("desk:claim", pk=pk)
        else:
            messages.success(request, _("Verdict proposed: it waits for an editor's approval."))
            return redirect("desk:claim", pk=pk)
    return redirect_with_errors(request, form_id="verdict", form=form, to=reverse("desk:claim", args=[pk]))


@require_POST
@reviewer_required
def claim_correct(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    form = ClaimCorrectForm(request.POST)
    if form.is_valid():
        changes = form.changes(claim)
        if not changes:
            messages.info(request, _("Nothing changed: the claim is as the engine read it."))
            return redirect("desk:claim", pk=pk)
        try:
            review_services.claim_correct(claim_id=claim.pk, reviewer=request.user, changes=changes,
                                          note=form.cleaned_data["note"])
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("Claim corrected: %(fields)s.") % {
                "fields": ", ".join(sorted(labels.field(name) for name in changes))})
            return redirect("desk:claim", pk=pk)
    return redirect_with_errors(request, form_id="correct", form=form, to=reverse("desk:claim", args=[pk]))


@require_POST
@reviewer_required
def claim_not_a_claim(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    form = OptionalNoteForm(request.POST)
    if form.is_valid():
        try:
            review_services.claim_mark_not_a_claim(claim_id=claim.pk, reviewer=request.user,
                                                   note=form.cleaned_data["note"])
        except TransitionNotAllowed as error:
            messages.error(request, _("Not changed: %(reason)s") % {"reason": _refusal(error)})
        else:
            messages.success(request, _("Marked as not a claim; its open conflicts are closed as misread by the engine."))
        return redirect("desk:claim", pk=pk)
    return redirect_with_errors(request, form_id="not_a_claim", form=form, to=reverse("desk:claim", args=[pk]))


# --- the editor's sign-off -------------------------------------------------------------------

def _approvals_page(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    reviews = list(selectors.review_awaiting_approval())
    failed: dict[int, Form] = {}
    for review in reviews:
        form = failed_form(request, f"reject-{review.pk}", NoteForm)
        if form is not None:
            failed[review.pk] = form
    rows = [{"review": r, "sentence": claim_sentence(r.claim),
             "reject_form": failed.get(r.pk) or NoteForm(), "own": r.reviewer_id == request.user.pk}
            for r in reviews]
    return render(request, "claims/approvals.html", {"rows": rows}, status=status)


@require_GET
@editor_required
def approvals(request: HttpRequest) -> HttpResponse:
    return _approvals_page(request)


@require_POST
@editor_required
def review_approve(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review, pk=pk)
    form = OptionalNoteForm(request.POST)
    form.is_valid()
    try:
        review_services.review_approve(review_id=review.pk, editor=request.user,
                                       note=form.cleaned_data.get("note", ""))
    except TransitionNotAllowed as error:
        messages.error(request, _("Not published: %(reason)s") % {"reason": _refusal(error)})
    else:
        messages.success(request, _("Verdict %(id)s published.") % {"id": pk})
    return redirect("desk:approvals")


@require_POST
@editor_required
def review_reject(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            review_services.review_reject(review_id=review.pk, editor=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            _show_errors(form, error)
        except TransitionNotAllowed as error:
            messages.error(request, _("Not sent back: %(reason)s") % {"reason": _refusal(error)})
            return redirect("desk:approvals")
        else:
            messages.success(request, _("Verdict %(id)s sent back to its reviewer.") % {"id": pk})
            return redirect("desk:approvals")
    return redirect_with_errors(request, form_id=f"reject-{review.pk}", form=form, to=reverse("desk:approvals"))


# --- published verdicts and the audit trail ---------------------------------------------------

@require_GET
@reviewer_required
def published(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.published_reviews(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "claims/published.html", {"page": page})


AUDIT_OBJECT_TYPES = ("claims.conflict", "claims.claim", "claims.review")


@require_GET
@reviewer_required
def audit(request: HttpRequest) -> HttpResponse:
    filters: dict[str, Any] = {}
    object_type = request.GET.get("object_type", "")
    if object_type in AUDIT_OBJECT_TYPES:
        filters["object_type"] = object_type
    if request.GET.get("object_id", "").isdigit():
        filters["object_id"] = int(request.GET["object_id"])
    if request.GET.get("actor"):
        filters["actor__username"] = request.GET["actor"]
    page = Paginator(selectors.event_feed(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "claims/audit.html", {
        "page": page, "object_types": AUDIT_OBJECT_TYPES, "selected": filters, "query": query.urlencode(),
        "actor": request.GET.get("actor", ""),
    })
