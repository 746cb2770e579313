"""What a published verdict settles: the open conflicts of its claim.

A published rating answers the question a conflict asks, which claim holds, for one of its two:
- "accurate" or "mostly accurate": the claim holds; its open conflicts close as such;
- "inaccurate": the claim is the source's error; its open conflicts close as a source error;
- "misleading" or "unverifiable" settle nothing, but the disagreement is explained in part: the
  conflict stays open and drops in the queue (its severity halved), its numbers say why.
A conflict a reviewer holds is theirs to close: it is left as it is, and its holder is told.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from claims.models import Claim, Conflict, Notification, Review
from claims.services.audit import event_record
from claims.services.notifications import label as label_of, message, notify
from claims.workflow import transition

HOLDS = {Review.Rating.ACCURATE, Review.Rating.MOSTLY_ACCURATE}
WRONG = {Review.Rating.INACCURATE}
# How far a conflict one of whose claims is published as misleading or unverifiable drops.
RERANK_FACTOR = 0.5


def conflicts_settle(*, claim: Claim, review: Review, actor: Any) -> dict[str, int]:
    """Close or re-rank the open conflicts of `claim`, whose verdict `review` was just published by
    `actor`. Call inside the publishing transaction. Returns how many were closed, re-ranked and
    left to their holder."""
    outcome = {"closed": 0, "reranked": 0, "held": 0}
    rating = review.rating
    label = review.get_rating_display()
    conflicts = (Conflict.objects.select_for_update()
                 .filter(Q(claim_a_id=claim.pk) | Q(claim_b_id=claim.pk),
                         status__in=[Conflict.Status.OPEN, Conflict.Status.IN_REVIEW])
                 .order_by("id"))
    for conflict in conflicts:
        side = "A" if conflict.claim_a_id == claim.pk else "B"
        note = _("Claim %(side)s (claim %(claim)s) was published as %(rating)s.") % {
            "side": side, "claim": claim.pk, "rating": label}
        if conflict.status == Conflict.Status.IN_REVIEW:
            published = message(N_("Claim %(side)s (claim %(claim)s) was published as %(rating)s."),
                                side=side, claim=claim.pk, rating=label_of("rating", rating))
            notify(recipients=[conflict.assignee], kind=Notification.Kind.SETTLED, obj=conflict, actor=actor,
                   template=N_("Conflict %(id)s, which you hold: %(note)s"),
                   params={"id": conflict.pk, "note": published})
            outcome["held"] += 1
            continue
        if rating in HOLDS or rating in WRONG:
            if rating in HOLDS:
                resolution = Conflict.Resolution.CLAIM_A_HOLDS if side == "A" else Conflict.Resolution.CLAIM_B_HOLDS
            else:
                resolution = Conflict.Resolution.SOURCE_ERROR
            transition(conflict, Conflict.Status.RESOLVED, actor=actor, action="settle", note=note,
                       fields={"resolution": resolution, "resolution_note": note},
                       data={"review": review.pk, "rating": rating})
            outcome["closed"] += 1
            continue
        before = conflict.severity
        conflict.severity = round(before * RERANK_FACTOR, 4)
        conflict.details = {**conflict.details, "settled_in_part": {"review": review.pk, "rating": rating,
                                                                    "severity_before": before}}
        conflict.save(update_fields=["severity", "details", "updated_at"])
        event_record(actor=actor, obj=conflict, action="rerank", from_state=conflict.status, to_state=conflict.status,
                     note=note + " " + _("Its severity drops from %(before)s to %(after)s.") % {
                         "before": f"{before:.2f}", "after": f"{conflict.severity:.2f}"},
                     data={"review": review.pk, "severity": {"before": before, "after": conflict.severity}})
        outcome["reranked"] += 1
    return outcome
