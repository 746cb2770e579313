from __future__ import annotations

import importlib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
SAMPLES_DIR = REPO_ROOT / "samples"


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.fail(f"the seed articles are expected at {SEEDS_DIR}")
    return SEEDS_DIR


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
