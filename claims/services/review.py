"""The reviewer's desk: taking work from the queue, verdicts, corrections and the editor's sign-off.

Every state change goes through `claims.workflow.transition` (one table, an Event each). Rules
about who may do what live here too, so the web UI, the API and the admin enforce the same ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from claims.models import Claim, ClaimStatus, Conflict, Event, Notification, Review
from claims.places import claim_places_write, subject_path
from claims.services.audit import event_record
from claims.services.notifications import message, notify, sent_back_message
from claims.services.settlement import conflicts_settle
from claims.workflow import VERDICTS, transition
from core.errors import ApplicationError

RATING_TO_STATUS = {
    Review.Rating.ACCURATE: ClaimStatus.VERIFIED,
    Review.Rating.MOSTLY_ACCURATE: ClaimStatus.VERIFIED,
    Review.Rating.MISLEADING: ClaimStatus.DISPUTED,
    Review.Rating.INACCURATE: ClaimStatus.FALSE,
    Review.Rating.UNVERIFIABLE: ClaimStatus.UNVERIFIABLE,
}
# What a reviewer can correct of the engine's reading; a verdict is pinned to these fields as they
# were when it was given (Review.judged_*).
CORRECTABLE_FIELDS = ("value", "lower", "upper", "metric", "subject", "qualifier")


@dataclass(frozen=True)
class VerdictInput:
    claim_id: int
    rating: str
    rationale: str
    evidence_links: Sequence[str] = field(default_factory=tuple)


def _require(user: Any, permission: str, doing: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(f"Only a user allowed to {doing} can do this.")


def _locked(model: type, pk: int) -> Any:
    try:
        return model.objects.select_for_update().get(pk=pk)
    except model.DoesNotExist:
        raise ValidationError(f"{model._meta.verbose_name} {pk} does not exist.") from None


# --- the queue -------------------------------------------------------------------------------

class ConflictHeld(ApplicationError):
    """Take next while holding a conflict: the reviewer goes back to it, or releases it first (the
    API answers 409, naming it)."""

    status = 409
    code = "conflict_held"

    def __init__(self, conflict_id: int) -> None:
        super().__init__(_("You are holding conflict %(id)s: finish or release it before taking the next "
                           "(or ask to release it and take the next).") % {"id": conflict_id})
        self.conflict_id = conflict_id


def conflict_held(*, reviewer: Any) -> Conflict | None:
    """The conflict the reviewer holds (in review, assigned to them), the oldest first; None when none."""
    return (Conflict.objects.filter(status=Conflict.Status.IN_REVIEW, assignee=reviewer)
            .order_by("assigned_at", "id").first())


def conflict_take_next(*, reviewer: Any, release_held: bool = False) -> Conflict | None:
    """Assign the highest-priority open conflict to the reviewer; None when the queue is empty.

    A reviewer holds one conflict at a time: while they hold one, ConflictHeld is raised (nothing
    changed), unless `release_held`, which puts the held ones back in the queue first, in the same
    transaction as the take. Two requests of one reviewer (two tabs) are serialised on their user
    row, so that they never end up holding two.

    Two reviewers pressing at once never get the same conflict: on PostgreSQL the candidate row is
    read with SELECT ... FOR UPDATE SKIP LOCKED, so the other session takes the next row; on every
    database the assignment is a compare-and-set on (status open, no assignee) that only one
    session can win.
    """
    _require(reviewer, "claims.change_conflict", "review conflicts")
    from claims.selectors import conflict_queue

    for _attempt in range(20):
        with transaction.atomic():
            get_user_model().objects.select_for_update().filter(pk=reviewer.pk).first()
            held = list(Conflict.objects.select_for_update().filter(status=Conflict.Status.IN_REVIEW,
                                                                    assignee=reviewer).order_by("assigned_at", "id"))
            if held and not release_held:
                raise ConflictHeld(held[0].pk)
            for conflict in held:
                transition(conflict, Conflict.Status.OPEN, actor=reviewer, action="release",
                           note=_("Released to take the next conflict."), fields={"assignee": None, "assigned_at": None})
            candidates = conflict_queue().select_related(None).only("id").exclude(id__in=[c.pk for c in held])
            if connection.features.has_select_for_update_skip_locked:
                candidates = candidates.select_for_update(skip_locked=True, of=("self",))
            chosen = candidates.first()
            if chosen is None:
                return None
            now = timezone.now()
            won = Conflict.objects.filter(id=chosen.id, status=Conflict.Status.OPEN, assignee__isnull=True).update(
                status=Conflict.Status.IN_REVIEW, assignee=reviewer, assigned_at=now, updated_at=now
            )
            if won:
                conflict = Conflict.objects.get(id=chosen.id)
                event_record(actor=reviewer, obj=conflict, action="take", from_state=Conflict.Status.OPEN,
                             to_state=Conflict.Status.IN_REVIEW)
                return conflict
    return None


def conflict_assign(*, conflict_id: int, assignee: Any, actor: Any, note: str = "") -> Conflict:
    """Give a conflict to a reviewer (an editor's or admin's move)."""
    _require(actor, "claims.publish_review", "reassign work")
    if not assignee.has_perm("claims.change_conflict"):
        raise ValidationError({"assignee": f"{assignee} is not a reviewer."})
    with transaction.atomic():
        conflict = _locked(Conflict, conflict_id)
        now = timezone.now()
        said = {"actor": actor.get_username(), "id": conflict.pk}
        told = (message(N_("%(actor)s assigned conflict %(id)s to you: %(note)s"), **said, note=note.strip())
                if note.strip() else message(N_("%(actor)s assigned conflict %(id)s to you."), **said))
        if conflict.status == Conflict.Status.OPEN:
            transition(conflict, Conflict.Status.IN_REVIEW, actor=actor, action="assign", note=note,
                       fields={"assignee": assignee, "assigned_at": now}, data={"assignee": assignee.pk})
            notify(recipients=[assignee], kind=Notification.Kind.ASSIGNED, obj=conflict, actor=actor, **told)
            return conflict
        if conflict.status != Conflict.Status.IN_REVIEW:
            transition(conflict, Conflict.Status.IN_REVIEW, actor=actor)  # raises: not a move from here
        previous = conflict.assignee_id
        if previous == assignee.pk:
            return conflict
        conflict.assignee, conflict.assigned_at = assignee, now
        conflict.save(update_fields=["assignee", "assigned_at", "updated_at"])
        event_record(actor=actor, obj=conflict, action="reassign", from_state=conflict.status,
                     to_state=conflict.status, note=note, data={"from": previous, "to": assignee.pk})
        notify(recipients=[assignee], kind=Notification.Kind.ASSIGNED, obj=conflict, actor=actor, **told)
        return conflict


def conflict_release(*, conflict_id: int, actor: Any, note: str = "") -> Conflict:
    """Put an assigned conflict back in the queue."""
    with transaction.atomic():
        conflict = _locked(Conflict, conflict_id)
        if conflict.assignee_id not in (None, actor.pk) and not actor.has_perm("claims.publish_review"):
            raise PermissionDenied("Only its assignee or an editor can put this conflict back.")
        return transition(conflict, Conflict.Status.OPEN, actor=actor, action="release", note=note,
                          fields={"assignee": None, "assigned_at": None})


def conflicts_release_idle() -> int:
    """Return to the queue every assignment left idle past TALLY_ASSIGNMENT_IDLE_SECONDS."""
    cutoff = timezone.now() - timedelta(seconds=settings.TALLY_ASSIGNMENT_IDLE_SECONDS)
    released = 0
    idle = Conflict.objects.filter(status=Conflict.Status.IN_REVIEW, assigned_at__lt=cutoff).values_list("id", flat=True)
    for conflict_id in list(idle):
        with transaction.atomic():
            conflict = Conflict.objects.select_for_update().get(id=conflict_id)
            if conflict.status != Conflict.Status.IN_REVIEW or conflict.assigned_at >= cutoff:
                continue  # taken up again meanwhile
            transition(conflict, Conflict.Status.OPEN, actor=None, action="release_idle",
                       note="Assignment left idle; back in the queue.", fields={"assignee": None, "assigned_at": None})
            released += 1
    return released


# --- verdicts --------------------------------------------------------------------------------

def _validate_verdict(rating: str, rationale: str, evidence_links: Sequence[str]) -> list[str]:
    errors: dict[str, str] = {}
    if rating not in Review.Rating.values:
        errors["rating"] = f"'{rating}' is not a rating; choose one of {', '.join(Review.Rating.values)}."
    if not rationale.strip():
        errors["rationale"] = "Say why: a verdict needs a rationale."
    links = [link.strip() for link in evidence_links if link.strip()]
    bad = [link for link in links if not link.startswith(("http://", "https://"))]
    if bad:
        errors["evidence_links"] = f"Evidence links must be http(s) URLs: {', '.join(bad)}."
    if errors:
        raise ValidationError(errors)
    return links


def _supported(claim: Claim | None) -> dict[str, Any]:
    """The Review fields of what `claim` reads (its bounds and date): what a verdict found supported."""
    if claim is None:
        return {}
    return {"supported_lower": claim.lower, "supported_upper": claim.upper, "supported_as_of": claim.as_of,
            "supported_as_of_precision": claim.as_of_precision if claim.as_of else ""}


def claim_review_submit(*, claim_id: int, reviewer: Any, rating: str, rationale: str,
                        evidence_links: Sequence[str] = (), conflict: Conflict | None = None,
                        supported_by: Claim | None = None) -> Review:
    """A reviewer's verdict on a claim; the claim waits in the verdict's state for an editor.

    `supported_by`, a claim that holds (a conflict's), gives the figure the evidence supports,
    which the published verdict states beside the claim's own ("supported: 19,600 to 20,400 as of
    20 December 2023; this report: 25,000")."""
    _require(reviewer, "claims.add_review", "review claims")
    links = _validate_verdict(rating, rationale, evidence_links)
    with transaction.atomic():
        claim = _locked(Claim, claim_id)
        if claim.review_status == ClaimStatus.UNREVIEWED:
            transition(claim, ClaimStatus.IN_REVIEW, actor=reviewer, action="start_review")
        transition(claim, RATING_TO_STATUS[rating], actor=reviewer, action="verdict", note=rationale,
                   data={"rating": rating})
        # Pinned to the reading judged: a later correction sends the verdict back, and what is
        # published is what the reviewer saw.
        judged = {f"judged_{name}": getattr(claim, name) for name in CORRECTABLE_FIELDS}
        return Review.objects.create(claim=claim, conflict=conflict, reviewer=reviewer, rating=rating,
                                     rationale=rationale.strip(), evidence_links=links, **judged,
                                     **_supported(supported_by))


def conflict_resolve(*, conflict_id: int, reviewer: Any, resolution: str, note: str = "",
                     verdicts: Sequence[VerdictInput] = (), wrong_claim_id: int | None = None) -> Conflict:
    """Resolve a conflict assigned to the reviewer: which claim holds, or why both can stand.

    Verdicts given with it become Reviews of those claims, awaiting an editor. An extraction error
    names the wrong claim, which is marked not a claim; its other conflicts close with it.
    """
    _require(reviewer, "claims.change_conflict", "review conflicts")
    if resolution not in Conflict.Resolution.values:
        raise ValidationError({"resolution": f"'{resolution}' is not a resolution; choose one of "
                                             f"{', '.join(Conflict.Resolution.values)}."})
    with transaction.atomic():
        conflict = _locked(Conflict, conflict_id)
        if conflict.status == Conflict.Status.IN_REVIEW and conflict.assignee_id != reviewer.pk:
            raise PermissionDenied("This conflict is assigned to someone else.")
        pair = {conflict.claim_a_id, conflict.claim_b_id} - {None}
        for verdict in verdicts:
            if verdict.claim_id not in pair:
                raise ValidationError({"verdicts": f"Claim {verdict.claim_id} is not part of this conflict."})
        if resolution == Conflict.Resolution.EXTRACTION_ERROR and wrong_claim_id not in pair:
            raise ValidationError({"wrong_claim": "Say which of the two claims the engine read wrongly."})
        transition(conflict, Conflict.Status.RESOLVED, actor=reviewer, action="resolve", note=note,
                   fields={"resolution": resolution, "resolution_note": note.strip()},
                   data={"resolution": resolution, "wrong_claim": wrong_claim_id})
        holding = {Conflict.Resolution.CLAIM_A_HOLDS: conflict.claim_a_id,
                   Conflict.Resolution.CLAIM_B_HOLDS: conflict.claim_b_id}.get(resolution)
        supported_by = Claim.objects.filter(id=holding).first() if holding else None
        for verdict in verdicts:
            claim_review_submit(claim_id=verdict.claim_id, reviewer=reviewer, rating=verdict.rating,
                                rationale=verdict.rationale, evidence_links=verdict.evidence_links, conflict=conflict,
                                supported_by=supported_by)
        if wrong_claim_id is not None and resolution == Conflict.Resolution.EXTRACTION_ERROR:
            claim_mark_not_a_claim(claim_id=wrong_claim_id, reviewer=reviewer, note=note or "Extraction error.")
        return conflict


def conflict_dismiss(*, conflict_id: int, reviewer: Any, note: str) -> Conflict:
    """Not a real disagreement (the engine compared what should not be compared)."""
    _require(reviewer, "claims.change_conflict", "review conflicts")
    if not note.strip():
        raise ValidationError({"note": "Say why the conflict is dismissed."})
    with transaction.atomic():
        conflict = _locked(Conflict, conflict_id)
        if conflict.status == Conflict.Status.IN_REVIEW and conflict.assignee_id != reviewer.pk:
            raise PermissionDenied("This conflict is assigned to someone else.")
        return transition(conflict, Conflict.Status.DISMISSED, actor=reviewer, action="dismiss", note=note,
                          fields={"assignee": None, "assigned_at": None})


# --- corrections -----------------------------------------------------------------------------

def decimal_field(name: str, value: Any) -> Decimal | None:
    """A number a person typed for the field `name`: None when left empty, a ValidationError of
    that field when it is no number."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({name: _("“%(value)s” is not a number.") % {"value": value}}) from None


def claim_correct(*, claim_id: int, reviewer: Any, changes: dict[str, Any], note: str = "") -> Claim:
    """Correct what the engine read (value, bounds, metric, subject, qualifier); the change is kept
    in the audit trail, a verdict waiting for an editor goes back for another look, and the claim's
    conflicts are judged again with the corrected reading.

    Refused (PermissionDenied, nothing changed) to a reviewer when one of the claim's conflicts is
    held by another reviewer; an editor or admin changes it over its holder, who is told in its trail.
    """
    from claims.services.conflicts import article_detect_conflicts, conflicts_reevaluate

    _require(reviewer, "claims.change_claim", "correct claims")
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be corrected." for name in sorted(unknown)})
    with transaction.atomic():
        claim = _locked(Claim, claim_id)
        if claim.review_status == ClaimStatus.PUBLISHED:
            raise ValidationError("A published claim cannot be corrected.")
        before, after = {}, {}
        for name, value in changes.items():
            new = decimal_field(name, value) if name in ("value", "lower", "upper") else (value or None)
            old = getattr(claim, name)
            if new != old:
                before[name], after[name] = _plain(old), _plain(new)
                setattr(claim, name, new)
        if not after:
            return claim
        claim.corrected = True
        extra = []
        if "subject" in after:
            # The reviewer's subject: certain, and its parts and wholes follow it.
            claim.subject_confidence, claim.subject_ambiguous = 1.0, False
            claim.subject_path = subject_path(claim.subject)
            extra = ["subject_confidence", "subject_ambiguous", "subject_path"]
        if claim.lower is not None and claim.upper is not None and claim.lower > claim.upper:
            raise ValidationError({"lower": "The lower bound is above the upper bound."})
        if claim.value is not None and ((claim.lower is not None and claim.value < claim.lower)
                                        or (claim.upper is not None and claim.value > claim.upper)):
            raise ValidationError({"value": "The value lies outside its bounds."})
        claim.full_clean(exclude=["rules", "article", "figure", "part_of"])
        claim.save(update_fields=[*after, *extra, "corrected", "updated_at"])
        # Its parts and wholes are found through copies of its reading: kept in step.
        claim_places_write([claim])
        event_record(actor=reviewer, obj=claim, action="correct", from_state=claim.review_status,
                     to_state=claim.review_status, note=note, data={"before": before, "after": after})
        changed = ", ".join(f"{name} {before[name]} → {after[name]}" for name in after)
        send_back_pending(claim, actor=reviewer, note=f"Claim {claim.id} was corrected after the verdict: {changed}.",
                           data={"before": before, "after": after})
        conflicts_reevaluate(claim_ids=[claim.id], actor=reviewer,
                             note=f"Claim {claim.id} corrected by {reviewer}: {changed}.")
        if {"metric", "subject"} & set(after):
            claim.figure = None
            claim.save(update_fields=["figure", "updated_at"])
        article_id = claim.article_id
    # New disagreements the corrected reading makes are found like any others.
    article_detect_conflicts(article_id=article_id)
    claim.refresh_from_db()
    return claim


def _plain(value: Any) -> Any:
    return format(value.normalize(), "f") if isinstance(value, Decimal) else value


def claim_mark_not_a_claim(*, claim_id: int, reviewer: Any, note: str = "") -> Claim:
    """The engine read something that is not a claim; its open conflicts close as extraction errors,
    and a verdict waiting for an editor goes back.

    Refused (PermissionDenied, nothing changed) to a reviewer when one of those conflicts is held by
    another reviewer; an editor or admin takes it over, an Event that names its holder.
    """
    _require(reviewer, "claims.change_claim", "correct claims")
    with transaction.atomic():
        claim = _locked(Claim, claim_id)
        send_back_pending(claim, actor=reviewer, note=f"Claim {claim.id} was marked not a claim after the verdict.")
        transition(claim, ClaimStatus.NOT_A_CLAIM, actor=reviewer, action="not_a_claim", note=note)
        for conflict in Conflict.objects.select_for_update().filter(
            status__in=[Conflict.Status.OPEN, Conflict.Status.IN_REVIEW]
        ).filter(Q(claim_a_id=claim.id) | Q(claim_b_id=claim.id)):
            transition(conflict, Conflict.Status.RESOLVED, actor=reviewer, action="resolve",
                       note=f"Claim {claim.id} is not a claim.", fields={
                           "resolution": Conflict.Resolution.EXTRACTION_ERROR,
                           "resolution_note": f"Claim {claim.id} is not a claim.",
                       })
        return claim


def send_back_pending(claim: Claim, *, actor: Any, note: str, data: dict[str, Any] | None = None) -> None:
    """A claim waiting for an editor's sign-off changed: its verdict was given on another reading,
    so it goes back (rejected, the claim in review again), an Event of the actor's each.

    Call on the claim locked with select_for_update.
    """
    if claim.review_status not in VERDICTS:
        return
    reviewers = []
    for review in Review.objects.select_for_update().filter(claim=claim, status=Review.Status.SUBMITTED).order_by("id"):
        transition(review, Review.Status.REJECTED, actor=actor, action="send_back", note=note, data=data)
        reviewers.append(review.reviewer)
    transition(claim, ClaimStatus.IN_REVIEW, actor=actor, action="send_back", note=note)
    notify(recipients=reviewers, kind=Notification.Kind.SENT_BACK, obj=claim, actor=actor,
           **sent_back_message(claim_id=claim.pk, note=note))


def corrections_export() -> Iterator[dict[str, Any]]:
    """Reviewers' corrections as labelled examples for the extractor: the sentence, the quote, what
    the engine read and what the reviewer says it should be."""
    events = Event.objects.filter(object_type="claims.claim", action__in=["correct", "not_a_claim"]).order_by("id")
    claims = Claim.objects.select_related("article").in_bulk([e.object_id for e in events])
    for event in events.iterator():
        claim = claims.get(event.object_id)
        if claim is None:
            continue
        yield {
            "claim": claim.id, "language": claim.language, "sentence": claim.sentence, "quote": claim.quote,
            "extractor_version": claim.extractor_version, "rules": claim.rules,
            "label": "not_a_claim" if event.action == "not_a_claim" else "corrected",
            "engine": event.data.get("before", {}), "reviewer": event.data.get("after", {}),
            "at": event.created_at.isoformat(),
        }


# --- the editor's sign-off -------------------------------------------------------------------

def _locked_claim_and_review(review_id: int) -> tuple[Claim, Review]:
    """The review and its claim locked, the claim first: the order a correction locks them in, so
    that a sign-off and a correction of its claim wait on each other instead of deadlocking, and
    the one that comes second sees what the first did."""
    claim_id = Review.objects.filter(pk=review_id).values_list("claim_id", flat=True).first()
    if claim_id is None:
        raise ValidationError(f"review {review_id} does not exist.")
    return _locked(Claim, claim_id), _locked(Review, review_id)


def review_approve(*, review_id: int, editor: Any, note: str = "") -> Review:
    """An editor publishes a reviewer's verdict; never their own."""
    _require(editor, "claims.publish_review", "publish verdicts")
    with transaction.atomic():
        claim, review = _locked_claim_and_review(review_id)
        if review.reviewer_id == editor.pk:
            raise PermissionDenied("A verdict is approved by someone other than its reviewer.")
        transition(review, Review.Status.PUBLISHED, actor=editor, action="approve", note=note, fields={
            "approved_by": editor, "published_at": timezone.now(), "editor_note": note.strip(),
        })
        transition(claim, ClaimStatus.PUBLISHED, actor=editor, action="publish", note=note)
        conflicts_settle(claim=claim, review=review, actor=editor)
        return review


def review_reject(*, review_id: int, editor: Any, note: str) -> Review:
    """Send a verdict back: the claim returns to review."""
    _require(editor, "claims.publish_review", "publish verdicts")
    if not note.strip():
        raise ValidationError({"note": "Tell the reviewer why the verdict is sent back."})
    with transaction.atomic():
        claim, review = _locked_claim_and_review(review_id)
        transition(review, Review.Status.REJECTED, actor=editor, action="reject", note=note,
                   fields={"editor_note": note.strip()})
        transition(claim, ClaimStatus.IN_REVIEW, actor=editor, action="send_back", note=note)
        notify(recipients=[review.reviewer], kind=Notification.Kind.SENT_BACK, obj=claim, actor=editor,
               **sent_back_message(claim_id=claim.pk, note=note.strip()))
        return review
