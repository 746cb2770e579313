"""Re-evaluation: the open conflicts of a corrected claim judged again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from claims.extraction.compare import Reading, Verdict, judge_part_whole, judge_same_metric, judge_votes, vocabulary
from claims.independence import KEY_FIELDS, claim_keys
from claims.models import Claim, Conflict
from claims.places import members
from claims.services.audit import event_record
from claims.services.conflicts.detection import tolerance_for
from claims.workflow import conflict_holder, transition

_READING_FIELDS = (
    "id", "metric", "subject", "qualifier", "value", "lower", "upper", "time_start", "time_end",
    "period_start", *KEY_FIELDS,
)
OPEN_STATUSES = (Conflict.Status.OPEN, Conflict.Status.IN_REVIEW)


def _reading(row: dict) -> Reading:
    # Independence follows the originator: a syndicated copy speaks with its original's voice, and
    # outlets relaying one ministry's (or one wire's) figure are one source (claims/independence.py).
    outlet_key, source_key = claim_keys(row)
    return Reading(
        id=row["id"], metric=row["metric"], subject=row["subject"] or "", qualifier=row["qualifier"],
        value=row["value"], lower=row["lower"], upper=row["upper"], time_start=row["time_start"],
        time_end=row["time_end"], period_start=row["period_start"], article=row["article_id"], source=source_key,
        outlet=outlet_key,
    )


def _readings(queryset: QuerySet) -> list[Reading]:
    return [_reading(row) for row in queryset.values(*_READING_FIELDS)]


def conflicts_reevaluate(*, claim_ids: Iterable[int], actor: Any, note: str = "") -> dict[str, int]:
    """Judge again the open conflicts of these claims after `actor` changed one (a correction).

    A conflict that no longer holds is closed as resolved by an extraction error; one that holds
    gets fresh numbers. Each change is an Event of the actor's, `note` saying what changed. A
    conflict another reviewer holds is refused to a reviewer (PermissionDenied, nothing changed
    when called in the caller's transaction) and taken over by an editor or admin when it closes;
    when it holds, its holder keeps it and the Event tells them. Returns how many were closed and
    kept.
    """
    ids = list(claim_ids)
    conflicts = Conflict.objects.filter(Q(claim_a_id__in=ids) | Q(claim_b_id__in=ids), status__in=OPEN_STATUSES)
    outcome = {"closed": 0, "kept": 0}
    with transaction.atomic():
        for conflict in conflicts.select_for_update().order_by("id"):
            closed = _reevaluate_one(conflict, actor=actor, note=note)
            outcome["closed" if closed else "kept"] += 1
    return outcome


def _reevaluate_one(conflict: Conflict, *, actor: Any, note: str) -> bool:
    """Call inside select_for_update. True when the conflict no longer holds and was closed."""
    holder = conflict_holder(conflict, actor=actor)
    claim_ids = [conflict.claim_a_id, conflict.claim_b_id]
    readings = {r.id: r for r in _readings(Claim.objects.filter(id__in=[i for i in claim_ids if i]))}
    verdict = _rejudge(conflict, readings)
    if verdict is not None:
        details = {**verdict.details, "support": conflict.details.get("support", {"a": 1, "b": 1})}
        if details != conflict.details:
            conflict.details = details
            conflict.save(update_fields=["details", "updated_at"])
            event_record(actor=actor, obj=conflict, action="reevaluate", from_state=conflict.status,
                         to_state=conflict.status, note=f"{note} Still a conflict: its numbers are updated.".strip(),
                         data={"holder": holder.pk} if holder is not None else None)
        return False
    closing = f"{note} Closed on re-evaluation: the two claims agree.".strip()
    transition(conflict, Conflict.Status.RESOLVED, actor=actor, action="reevaluate", note=closing, fields={
        "resolution": Conflict.Resolution.EXTRACTION_ERROR, "resolution_note": closing,
    })
    return True


def _rejudge(conflict: Conflict, readings: dict[int, Reading]) -> Verdict | None:
    vocab = vocabulary()
    a = readings.get(conflict.claim_a_id)
    b = readings.get(conflict.claim_b_id) if conflict.claim_b_id else None
    if a is None or a.metric not in vocab.metrics or (conflict.claim_b_id and (b is None or b.metric not in vocab.metrics)):
        return None
    if conflict.kind == Conflict.Kind.EXCEEDS_BODY_SIZE:
        size = vocab.body_size(a.subject)
        if size is None:
            return None
        found = judge_votes([r for r in (a, b) if r is not None], size)
        return found[0] if found else None
    assert b is not None
    if a.subject != b.subject:
        # A part and its whole in place (a province's toll and its country's): still so, the pair
        # is judged as such; otherwise the two are no longer compared.
        if conflict.kind != Conflict.Kind.PART_EXCEEDS_WHOLE or a.metric != b.metric:
            return None
        paths = dict(Claim.objects.filter(id__in=[a.id, b.id]).values_list("id", "subject_path"))
        if _holds(b, a.subject, paths.get(a.id) or []):
            part, whole = a, b
        elif _holds(a, b.subject, paths.get(b.id) or []):
            part, whole = b, a
        else:
            return None
        return judge_part_whole(part, whole, tolerance_for(vocab.metrics[whole.metric].kind))
    if conflict.kind == Conflict.Kind.PART_EXCEEDS_WHOLE:
        part, whole = (a, b) if vocab.metrics[a.metric].part_of == b.metric else (b, a)
        return judge_part_whole(part, whole, tolerance_for(vocab.metrics[whole.metric].kind))
    if a.metric != b.metric:
        return None
    info = vocab.metrics[a.metric]
    return judge_same_metric(a, b, info.kind, tolerance_for(info.kind), same_period_only=info.same_period_only)


def _holds(whole: Reading, part_subject: str, part_path: list[str]) -> bool:
    """Whether `whole`'s subject holds `part_subject` (whose path is `part_path`): a place the part
    lies in, or a combined subject that has the part, or a place holding it, as a member."""
    if members(part_subject):
        return False
    return whole.subject in part_path or bool(set(members(whole.subject)) & {part_subject, *part_path})
