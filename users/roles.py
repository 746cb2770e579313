"""The roles of DESIGN.md: reviewer, editor and admin, each a group (the groups and their
permissions are made by the data migration claims/migrations/0002_roles.py)."""

from __future__ import annotations

from typing import Any

# Lowest first: a user's role is the highest of their groups.
ROLES = ("reviewer", "editor", "admin")
# The roles that may enter Django's admin.
STAFF_ROLES = ("editor", "admin")


def user_role(user: Any) -> str | None:
    """The highest of the user's roles, or None (read from prefetched groups when there are)."""
    names = {group.name for group in user.groups.all()}
    for role in reversed(ROLES):
        if role in names:
            return role
    return None
