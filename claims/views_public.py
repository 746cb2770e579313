"""The public side of the desk, open to everyone: a page per published verdict, with its
ClaimReview embedded for search engines and its history of corrections, and the published verdicts
as CSV. An editor corrects or retracts a verdict from its page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from claims import exports, publication, selectors
from claims.forms_browse import RetractForm, VerdictCorrectionForm
from claims.models import Review
from claims.places import current_reader_language
from claims.services import publication as publication_services
from claims.views import _refusal, _show_errors, editor_required
from claims.workflow import TransitionNotAllowed
from core.api import MAX_ID


def _verdict(pk: int) -> Review:
    review = selectors.verdict_public_get(review_id=pk) if pk <= MAX_ID else None
    if review is None:
        raise Http404(_("No published verdict has this number."))
    return review


def _history(review: Review) -> list[dict[str, object]]:
    return [{"event": event, "before": event.data.get("before", {}), "after": event.data.get("after", {})}
            for event in selectors.verdict_history(review_id=review.pk)]


def _page(request: HttpRequest, review: Review, *, correct_form: Form | None = None,
          retract_form: Form | None = None, status: int = 200) -> HttpResponse:
    published = review.status == Review.Status.PUBLISHED
    jsonld = publication.claim_review_jsonld(review, absolute=request.build_absolute_uri) if published else None
    return render(request, "claims/verdict_public.html", {
        "review": review, "claim": review.claim, "article": review.claim.article,
        "jsonld": publication.jsonld_script(jsonld) if jsonld else "",
        "explanation": publication.number_explanation(review),
        "author": publication.claim_author(review),
        "history": _history(review),
        "published": published,
        "can_edit": published and request.user.has_perm("claims.publish_review"),
        "correct_form": correct_form or VerdictCorrectionForm.for_review(review),
        "retract_form": retract_form or RetractForm(),
    }, status=status)


@require_GET
def verdict(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _verdict(pk))


@require_GET
def verdicts_csv(request: HttpRequest) -> HttpResponse:
    """Every published verdict as CSV, newest first: open to everyone, like the pages."""
    reviews = selectors.published_reviews().iterator(chunk_size=exports.CHUNK_SIZE)
    rows = exports.verdict_rows(reviews, absolute=request.build_absolute_uri, language=current_reader_language())
    return exports.csv_response("verdicts.csv", exports.VERDICT_HEADER, rows)


@require_POST
@editor_required
def verdict_correct(request: HttpRequest, pk: int) -> HttpResponse:
    review = _verdict(pk)
    form = VerdictCorrectionForm(request.POST)
    if form.is_valid():
        try:
            publication_services.review_correct_published(review_id=review.pk, editor=request.user,
                                                          changes=form.changes(), note=form.cleaned_data["note"])
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("The verdict is corrected; its page shows the correction."))
            return redirect("desk:verdict", pk=pk)
    return _page(request, review, correct_form=form, status=400)


@require_POST
@editor_required
def verdict_retract(request: HttpRequest, pk: int) -> HttpResponse:
    review = _verdict(pk)
    form = RetractForm(request.POST)
    if form.is_valid():
        try:
            publication_services.review_retract(review_id=review.pk, editor=request.user,
                                                note=form.cleaned_data["note"])
        except ValidationError as error:
            _show_errors(form, error)
        except TransitionNotAllowed as error:
            messages.error(request, _("Not retracted: %(reason)s") % {"reason": _refusal(error)})
            return redirect("desk:verdict", pk=pk)
        else:
            messages.success(request, _("The verdict is retracted; its claim is back in review."))
            return redirect("desk:verdict", pk=pk)
    return _page(request, review, retract_form=form, status=400)
