from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from tools import SHARED_ENV, shared_dir

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO_ROOT / "samples"


def shared_path(name: str, what: str) -> Path:
    """`name` in the folder of third-party text (TALLY_SHARED_DIR, ../shared by default), which is
    never copied into the repository: the test is skipped, saying why, where it is absent."""
    path = shared_dir() / name
    if not path.is_dir():
        pytest.skip(f"{what} (third-party text) are read from {path}, which is absent; "
                    f"{SHARED_ENV} names the folder that holds {name}/ (.ci/run sets it)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    """The two seed articles the project started from."""
    return shared_path("seeds", "the seed articles")


@pytest.fixture
def shared_corpus_dir() -> Path:
    """The real-news corpus: excerpts of published articles with their gold claims and scorer."""
    return shared_path("corpus", "the real-news corpus's articles")


@pytest.fixture
def roles(transactional_db) -> None:
    """The groups of the roles migration. A transactional test starts from a flushed database,
    which has lost what data migrations wrote; the migration's own lists put them back."""
    from django.contrib.auth.models import Group, Permission

    migration = importlib.import_module("claims.migrations.0002_roles")
    for name, codes in (("reviewer", migration.REVIEWER), ("editor", migration.EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([Permission.objects.get(content_type__app_label=app_label, codename=codename)
                               for app_label, codename in (code.split(".") for code in codes)])


@pytest.fixture(autouse=True)
def _language_reset():  # type: ignore[no-untyped-def]
    """LocaleMiddleware leaves the last request's language active in the thread: each test starts
    and ends in the default language, whatever the previous one asked for."""
    from django.utils import translation

    yield
    translation.activate("en")


@pytest.fixture
def reviewer_api(django_user_model):  # type: ignore[no-untyped-def]
    """A reviewer, and an API client signed in as them: (user, client)."""
    from django.contrib.auth.models import Group
    from rest_framework.test import APIClient

    user = django_user_model.objects.create_user("reader", password="pw")
    user.groups.add(Group.objects.get(name="reviewer"))
    api = APIClient()
    api.force_authenticate(user)
    return user, api
