"""Test settings: the base settings with what tests need, nothing more.

DATABASE_URL and REDIS_URL still come from the environment, so `make test` runs on PostgreSQL and
Redis where they are given, and on SQLite with in-process tasks otherwise.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import VAR_DIR, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run in-process and raise in the test that caused them; the integration tests switch this
# off and start real worker processes on a queue of their own.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", "tally-test")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TALLY_SCREENSHOT_DIR = VAR_DIR / "screenshots"
