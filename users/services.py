"""Users and their roles (reviewer, editor, admin): an admin's moves, recorded in the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from claims.services.audit import event_record
from users.roles import ROLES, STAFF_ROLES, user_role


def _require_admin(actor: Any) -> None:
    if not actor.has_perm("auth.change_user"):
        raise PermissionDenied("Only an admin can manage users.")


def user_create(*, actor: Any, username: str, role: str, email: str = "", password: str | None = None) -> Any:
    """A user with one role; without a password the user signs in with an API token only."""
    _require_admin(actor)
    if role not in ROLES:
        raise ValidationError({"role": f"'{role}' is not a role; choose one of {', '.join(ROLES)}."})
    users = get_user_model()
    with transaction.atomic():
        user = users(username=username, email=email, is_staff=role in STAFF_ROLES)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        event_record(actor=actor, obj=user, action="user_create", to_state=role)
    return user


def user_update(*, actor: Any, user: Any, role: str | None = None, is_active: bool | None = None) -> Any:
    """Change a user's role or deactivate them (users who acted stay in the trail, never deleted)."""
    _require_admin(actor)
    if role is not None and role not in ROLES:
        raise ValidationError({"role": f"'{role}' is not a role; choose one of {', '.join(ROLES)}."})
    if is_active is False and user.pk == actor.pk:
        raise ValidationError({"is_active": "An admin cannot deactivate themselves."})
    with transaction.atomic():
        before = user_role(user)
        if role is not None and role != before:
            user.groups.set([Group.objects.get(name=role)])
            user.is_staff = role in STAFF_ROLES
            user.save(update_fields=["is_staff"])
            event_record(actor=actor, obj=user, action="role_change", from_state=before or "", to_state=role)
        if is_active is not None and is_active != user.is_active:
            user.is_active = is_active
            user.save(update_fields=["is_active"])
            event_record(actor=actor, obj=user, action="activate" if is_active else "deactivate")
    return user
