from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the admin login on first run (password kept in var/admin-password.txt) and print it."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--username", default="admin")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        username = options["username"]
        password_file = settings.VAR_DIR / "admin-password.txt"
        user_model = get_user_model()
        if not user_model.objects.filter(username=username).exists():
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser(username=username, email="", password=password)
            settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n", encoding="utf-8")
            password_file.chmod(0o600)
            self.stdout.write(f"created the admin user {username!r}")
        if password_file.exists():
            password = password_file.read_text(encoding="utf-8").strip()
            self.stdout.write(f"admin login: http://127.0.0.1:8000/admin/  user {username}  password {password}")
        else:
            self.stdout.write(f"admin login: user {username} (password set outside this command)")
