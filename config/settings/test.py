"""Test settings: the base settings with what tests need, nothing more.

DATABASE_URL and REDIS_URL still come from the environment, so `make test` runs on PostgreSQL and
Redis where they are given, and on SQLite with in-process tasks otherwise.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import REDIS_URL, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In-process tasks raise in the test that caused them.
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TALLY_SCREENSHOT_DIR = VAR_DIR / "screenshots"
