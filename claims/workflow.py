"""The state machines of DESIGN.md in one table. Every move goes through `transition`, which
refuses an illegal one and records each legal one as an Event.

A conflict in review is its assignee's: `transition` refuses another reviewer's move of it, and an
editor's or admin's move takes it over first, an Event that names the holder it was taken from.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from claims.models import ClaimStatus, Conflict, Review
from core.errors import ApplicationError

C, K, R = ClaimStatus, Conflict.Status, Review.Status
VERDICTS = {C.VERIFIED, C.DISPUTED, C.FALSE, C.UNVERIFIABLE}

TRANSITIONS: dict[str, dict[str, set[str]]] = {
    "claims.claim": {
        C.UNREVIEWED: {C.IN_REVIEW, C.NOT_A_CLAIM},
        C.IN_REVIEW: VERDICTS | {C.UNREVIEWED, C.NOT_A_CLAIM},
        # A verdict waits for an editor: published, or sent back for another look.
        **{verdict: {C.PUBLISHED, C.IN_REVIEW} for verdict in VERDICTS},
        # A retracted verdict sends its claim back for another look.
        C.PUBLISHED: {C.IN_REVIEW},
        C.NOT_A_CLAIM: {C.UNREVIEWED},
    },
    "claims.conflict": {
        # open -> resolved without review: re-evaluation found the claims agree after a correction.
        K.OPEN: {K.IN_REVIEW, K.RESOLVED, K.DISMISSED},
        K.IN_REVIEW: {K.RESOLVED, K.DISMISSED, K.OPEN},
        K.RESOLVED: set(),
        K.DISMISSED: {K.OPEN},
    },
    "claims.review": {
        R.SUBMITTED: {R.PUBLISHED, R.REJECTED},
        R.PUBLISHED: {R.RETRACTED},
        R.REJECTED: set(),
        R.RETRACTED: set(),
    },
}
STATUS_FIELD = {"claims.claim": "review_status", "claims.conflict": "status", "claims.review": "status"}
# Who may change a conflict that another reviewer holds: editors and admins.
OVERRIDE_PERMISSION = "claims.publish_review"


class TransitionNotAllowed(ApplicationError):
    """An illegal move of a state machine; the API answers it with 409."""

    status = 409
    code = "transition_not_allowed"

    def __init__(self, obj: models.Model, current: str, target: str) -> None:
        label = obj._meta.verbose_name
        allowed = sorted(TRANSITIONS[obj._meta.label_lower].get(current, set()))
        super().__init__(
            f"A {label} cannot go from '{current}' to '{target}'"
            + (f"; from '{current}' it can go to: {', '.join(allowed)}." if allowed else f"; '{current}' is final.")
        )
        self.current = current
        self.target = target
        self.object_type = obj._meta.label_lower


def allowed_targets(obj: models.Model) -> set[str]:
    label = obj._meta.label_lower
    return set(TRANSITIONS[label].get(getattr(obj, STATUS_FIELD[label]), set()))


def conflict_holder(conflict: Conflict, *, actor: Any) -> Any | None:
    """The reviewer who holds `conflict` when `actor`, an editor or admin, is about to change it over
    them; None when the conflict is nobody's or the actor's own, or the actor is the system (None).

    Refuses (PermissionDenied) a change by a reviewer to a conflict another reviewer holds.
    """
    if actor is None or conflict.status != Conflict.Status.IN_REVIEW or conflict.assignee_id in (None, actor.pk):
        return None
    holder = conflict.assignee
    if not actor.has_perm(OVERRIDE_PERMISSION):
        raise PermissionDenied(
            f"Conflict {conflict.pk} is assigned to {holder}: only they, an editor or an admin can change it."
        )
    return holder


def _take_over(conflict: Conflict, *, actor: Any, note: str) -> None:
    """Before an editor's or admin's move of a conflict another reviewer holds: the actor becomes its
    assignee, and the trail says from whom and why. Refuses a reviewer (see `conflict_holder`)."""
    from claims.services.audit import event_record

    holder = conflict_holder(conflict, actor=actor)
    if holder is None:
        return
    conflict.assignee, conflict.assigned_at = actor, timezone.now()
    conflict.save(update_fields=["assignee", "assigned_at", "updated_at"])
    event_record(actor=actor, obj=conflict, action="take_over", from_state=conflict.status,
                 to_state=conflict.status, note=f"Taken over from {holder}" + (f": {note}" if note else "."),
                 data={"from": holder.pk, "to": actor.pk})


def transition(obj: models.Model, target: str, *, actor: Any, note: str = "", action: str = "transition",
               fields: dict[str, Any] | None = None, data: dict[str, Any] | None = None) -> models.Model:
    """Move `obj` to `target`, saving `fields` with it, and record an Event. A conflict another
    reviewer holds is refused to a reviewer and taken over by an editor or admin first.

    Call inside a transaction, on a row locked with select_for_update (or freshly compared-and-set),
    so that the current state checked is the state changed.
    """
    from claims.services.audit import event_record

    label = obj._meta.label_lower
    status_field = STATUS_FIELD[label]
    current = getattr(obj, status_field)
    if target not in TRANSITIONS[label].get(current, set()):
        raise TransitionNotAllowed(obj, current, target)
    if isinstance(obj, Conflict):
        _take_over(obj, actor=actor, note=note)
    setattr(obj, status_field, target)
    for name, value in (fields or {}).items():
        setattr(obj, name, value)
    obj.full_clean(exclude=["details", "rules", "evidence_links"])
    obj.save(update_fields=[status_field, *(fields or {}), "updated_at"])
    event_record(actor=actor, obj=obj, action=action, from_state=current, to_state=target, note=note, data=data)
    return obj
