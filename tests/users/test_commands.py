"""`manage.py createreviewer`: a user with one role and a first password."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_createreviewer_makes_a_user_with_the_role(capsys):
    call_command("createreviewer", "nadia", "--role", "editor", "--password", "s3cret-pass")
    nadia = get_user_model().objects.get(username="nadia")
    assert nadia.has_perm("claims.publish_review") and nadia.check_password("s3cret-pass") and nadia.is_staff
    assert "created editor 'nadia'" in capsys.readouterr().out
