"""The audit trail: every state change is an append-only Event."""

from __future__ import annotations

from typing import Any

from django.db import models

from claims.models import Event


def event_record(*, actor: Any, obj: models.Model, action: str, from_state: str = "", to_state: str = "",
                 note: str = "", data: dict[str, Any] | None = None) -> Event:
    return Event.objects.create(
        actor=actor, action=action, object_type=obj._meta.label_lower, object_id=obj.pk,
        from_state=from_state, to_state=to_state, note=note, data=data or {},
    )
