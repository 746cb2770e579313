"""The state machines of DESIGN.md in one table. Every move goes through `transition`, which
refuses an illegal one and records each legal one as an Event."""

from __future__ import annotations

from typing import Any

from django.db import models

from claims.models import ClaimStatus, Conflict, Review

C, K, R = ClaimStatus, Conflict.Status, Review.Status
VERDICTS = {C.VERIFIED, C.DISPUTED, C.FALSE, C.UNVERIFIABLE}

TRANSITIONS: dict[str, dict[str, set[str]]] = {
    "claims.claim": {
        C.UNREVIEWED: {C.IN_REVIEW, C.NOT_A_CLAIM},
        C.IN_REVIEW: VERDICTS | {C.UNREVIEWED, C.NOT_A_CLAIM},
        # A verdict waits for an editor: published, or sent back for another look.
        **{verdict: {C.PUBLISHED, C.IN_REVIEW} for verdict in VERDICTS},
        C.PUBLISHED: set(),
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
        R.PUBLISHED: set(),
        R.REJECTED: set(),
    },
}
STATUS_FIELD = {"claims.claim": "review_status", "claims.conflict": "status", "claims.review": "status"}


class TransitionNotAllowed(Exception):
    """An illegal move of a state machine; the API answers it with 409."""

    def __init__(self, obj: models.Model, current: str, target: str) -> None:
        label = obj._meta.verbose_name
        allowed = sorted(TRANSITIONS[obj._meta.label_lower].get(current, set()))
        super().__init__(
            f"A {label} cannot go from '{current}' to '{target}'"
            + (f"; from '{current}' it can go to: {', '.join(allowed)}." if allowed else f"; '{current}' is final.")
        )
        self.current = current
        self.target = target


def allowed_targets(obj: models.Model) -> set[str]:
    label = obj._meta.label_lower
    return set(TRANSITIONS[label].get(getattr(obj, STATUS_FIELD[label]), set()))


def transition(obj: models.Model, target: str, *, actor: Any, note: str = "", action: str = "transition",
               fields: dict[str, Any] | None = None, data: dict[str, Any] | None = None) -> models.Model:
    """Move `obj` to `target`, saving `fields` with it, and record an Event.

    Call inside a transaction, on a row locked with select_for_update (or freshly compared-and-set),
    so that the current state checked is the state changed.
    """
    from claims.services.audit import event_record

    label = obj._meta.label_lower
    status_field = STATUS_FIELD[label]
    current = getattr(obj, status_field)
    if target not in TRANSITIONS[label].get(current, set()):
        raise TransitionNotAllowed(obj, current, target)
    setattr(obj, status_field, target)
    for name, value in (fields or {}).items():
        setattr(obj, name, value)
    obj.full_clean(exclude=["details", "rules", "evidence_links"])
    obj.save(update_fields=[status_field, *(fields or {}), "updated_at"])
    event_record(actor=actor, obj=obj, action=action, from_state=current, to_state=target, note=note, data=data)
    return obj
