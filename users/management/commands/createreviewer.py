from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from users.roles import ROLES, STAFF_ROLES


class Command(BaseCommand):
    help = "Create a user with a role (reviewer, editor or admin) and print a first password."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("--role", choices=ROLES, default="reviewer")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Default: a random one, printed once")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        users = get_user_model()
        if users.objects.filter(username=options["username"]).exists():
            raise CommandError(f"a user called {options['username']!r} exists already")
        password = options["password"] or secrets.token_urlsafe(12)
        user = users.objects.create_user(
            username=options["username"], email=options["email"], password=password,
            is_staff=options["role"] in STAFF_ROLES,
        )
        user.groups.add(Group.objects.get(name=options["role"]))
        self.stdout.write(f"created {options['role']} {user.username!r} with password {password}")
