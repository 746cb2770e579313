"""An editor's changes to a published verdict: a correction (rating, rationale, the supported
figure) or a retraction. Both keep the verdict's public page, which shows them as its history
(claims.selectors.verdict_history), each an Event with its public note."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import DatePrecision
from claims import labels
from claims.models import Claim, ClaimStatus, Review
from claims.services.audit import event_record
from claims.services.review import decimal_field
from claims.workflow import transition

# What a correction can change of a published verdict.
CORRECTABLE_VERDICT_FIELDS = ("rating", "rationale", "supported_lower", "supported_upper", "supported_as_of",
                              "supported_as_of_precision")


def _require_editor(user: Any) -> None:
    if not user.has_perm("claims.publish_review"):
        raise PermissionDenied("Only an editor can correct or retract a published verdict.")


def _locked(review_id: int) -> tuple[Claim, Review]:
    """The claim then the review, locked in the order the sign-off locks them."""
    claim_id = Review.objects.filter(pk=review_id).values_list("claim_id", flat=True).first()
    if claim_id is None:
        raise ValidationError(f"review {review_id} does not exist.")
    return Claim.objects.select_for_update().get(pk=claim_id), Review.objects.select_for_update().get(pk=review_id)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def review_correct_published(*, review_id: int, editor: Any, changes: dict[str, Any], note: str) -> Review:
    """Correct a published verdict in place: its public page keeps its address and shows the
    correction, with `note`, in its history; the ClaimReview's dateModified is the correction's."""
    _require_editor(editor)
    if not note.strip():
        raise ValidationError({"note": _("Say what was corrected: the note is shown with the verdict.")})
    unknown = set(changes) - set(CORRECTABLE_VERDICT_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be corrected.") for name in sorted(unknown)})
    if "rating" in changes and changes["rating"] not in Review.Rating.values:
        raise ValidationError({"rating": _("“%(value)s” is not a rating.") % {"value": changes["rating"]}})
    if "rationale" in changes and not str(changes["rationale"]).strip():
        raise ValidationError({"rationale": _("A verdict needs a rationale.")})
    with transaction.atomic():
        review = _locked(review_id)[1]
        if review.status != Review.Status.PUBLISHED:
            raise ValidationError(_("Only a published verdict can be corrected; this one is “%(status)s”.")
                                  % {"status": labels.review_status(review.status)})
        before, after = {}, {}
        for name, value in changes.items():
            if name in ("supported_lower", "supported_upper"):
                value = decimal_field(name, value)
            if name == "rationale":
                value = str(value).strip()
            if name == "supported_as_of_precision" and value not in ("", *DatePrecision.values):
                raise ValidationError({name: _("“%(value)s” is not a precision.") % {"value": value}})
            if value != getattr(review, name):
                before[name], after[name] = _plain(getattr(review, name)), _plain(value)
                setattr(review, name, value)
        if not after:
            raise ValidationError(_("Nothing changed: the verdict is as published."))
        review.corrected_at = timezone.now()
        review.full_clean(exclude=["evidence_links"])
        review.save(update_fields=[*after, "corrected_at", "updated_at"])
        event_record(actor=editor, obj=review, action="correct_verdict", from_state=review.status,
                     to_state=review.status, note=note.strip(), data={"before": before, "after": after})
        return review


def review_retract(*, review_id: int, editor: Any, note: str) -> Review:
    """Withdraw a published verdict: its public page says so and why, and no longer carries a
    ClaimReview; its claim goes back to review for another verdict."""
    _require_editor(editor)
    if not note.strip():
        raise ValidationError({"note": _("Say why the verdict is retracted: the note is shown with it.")})
    with transaction.atomic():
        claim, review = _locked(review_id)
        transition(review, Review.Status.RETRACTED, actor=editor, action="retract", note=note.strip(),
                   fields={"retracted_at": timezone.now()})
        if claim.review_status == ClaimStatus.PUBLISHED:
            transition(claim, ClaimStatus.IN_REVIEW, actor=editor, action="retract", note=note.strip())
        return review
