"""Users and roles as an admin manages them: one role each, audit events, refusals."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Event
from tests.api.conftest import make_user
from users.roles import user_role
from users.services import user_create, user_update

pytestmark = pytest.mark.django_db


def test_admin_creates_a_reviewer_without_a_password() -> None:
    ada = make_user("ada", "admin")
    nina = user_create(actor=ada, username="nina", role="reviewer")
    assert (user_role(nina), nina.has_usable_password(), nina.is_staff) == ("reviewer", False, False)
    assert list(Event.objects.values_list("action", "object_type", "object_id", "to_state")) == [
        ("user_create", "auth.user", nina.id, "reviewer")]


def test_only_an_admin_manages_users() -> None:
    edna = make_user("edna", "editor")
    with pytest.raises(PermissionDenied):
        user_create(actor=edna, username="nina", role="reviewer")
    assert Event.objects.count() == 0


def test_role_change_and_deactivation_are_recorded() -> None:
    ada = make_user("ada", "admin")
    rita = make_user("rita", "reviewer")
    user_update(actor=ada, user=rita, role="editor", is_active=False)
    rita.refresh_from_db()
    assert (user_role(rita), rita.is_active, rita.is_staff) == ("editor", False, True)
    assert list(Event.objects.order_by("id").values_list("action", "from_state", "to_state")) == [
        ("role_change", "reviewer", "editor"), ("deactivate", "", "")]


def test_unknown_role_and_self_deactivation_are_refused() -> None:
    ada = make_user("ada", "admin")
    with pytest.raises(ValidationError) as unknown:
        user_create(actor=ada, username="x", role="owner")
    assert list(unknown.value.message_dict) == ["role"]
    with pytest.raises(ValidationError) as own:
        user_update(actor=ada, user=ada, is_active=False)
    assert list(own.value.message_dict) == ["is_active"]
