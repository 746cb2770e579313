"""{% provenance claim %}: where a claim comes from (claims.provenance), with the way to read it in
its whole article."""

from __future__ import annotations

from typing import Any

from django import template

from claims.provenance import claim_provenance
from claims.services.notifications import notification_unread_count

register = template.Library()


@register.inclusion_tag("claims/_provenance.html")
def provenance(claim: Any, heading: bool = False) -> dict[str, Any]:
    return {"claim": claim, "p": claim_provenance(claim), "heading": heading}


@register.simple_tag(takes_context=True)
def unread_notifications(context: dict[str, Any]) -> int:
    """{% unread_notifications as count %}: the user's unread notifications, for the menu."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return notification_unread_count(recipient=user)
