"""Settings from the environment; production refuses unsafe defaults and passes `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

STRONG_KEY = "k" * 20 + "-Zq8#x2!vT0pL9@wR4$mN7^bC1&hJ6*" + "s" * 10


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    environment.pop("DATABASE_URL", None)
    environment.pop("SECRET_KEY", None)
    environment.pop("DEBUG", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=environment,
        capture_output=True, text=True, timeout=120,
    )


def test_production_refuses_the_default_secret_key():
    result = manage("check", DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="tally.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("key", ["x" * 64, "ab" * 40, "Zq8#x2!vT0pL9@wR4$mN7^bC1&hJ6*",
                                 "django-insecure-" + STRONG_KEY])
def test_production_check_deploy_refuses_a_weak_secret_key(key: str) -> None:
    """All one character (or a few), under 50 characters, or Django's generated development
    prefix: `check --deploy` fails and names the setting, as every other command does."""
    result = manage("check", "--deploy", DJANGO_ENV="production", DJANGO_SECRET_KEY=key,
                    DJANGO_ALLOWED_HOSTS="tally.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = manage(
        "check", DJANGO_ENV="production", DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_DEBUG="true",
        DJANGO_ALLOWED_HOSTS="tally.example",
    )
    assert result.returncode != 0
    assert "refuses to start with DEBUG on" in result.stderr


def test_production_check_deploy_reports_nothing():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", DJANGO_ENV="production",
        DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="tally.example",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_development_defaults_work_on_a_bare_machine(tmp_path):
    result = manage("check", TALLY_VAR_DIR=str(tmp_path / "var"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "var").is_dir()


def test_a_soft_time_limit_not_below_the_hard_one_is_refused(tmp_path):
    # The prefork pool starts the hard limit's clock only once the soft limit has passed.
    result = manage("check", TALLY_VAR_DIR=str(tmp_path), TALLY_TASK_SOFT_TIME_LIMIT="400", TALLY_TASK_TIME_LIMIT="360")
    assert result.returncode != 0
    assert "TALLY_TASK_SOFT_TIME_LIMIT must be less than TALLY_TASK_TIME_LIMIT (or 0)." in result.stderr


def test_worker_limits_come_from_the_environment(tmp_path):
    script = ("from django.conf import settings as s; print(s.CELERY_TASK_SOFT_TIME_LIMIT, s.CELERY_TASK_TIME_LIMIT, "
              "s.CELERY_WORKER_MAX_MEMORY_PER_CHILD, s.TALLY_MAX_CLAIMS_PER_ARTICLE, s.TALLY_PROCESSING_ATTEMPTS)")
    defaults = manage("shell", "-c", script, TALLY_VAR_DIR=str(tmp_path))
    assert defaults.stdout.splitlines()[-1].split() == ["300", "360", "512000", "5000", "3"], defaults.stderr
    chosen = manage("shell", "-c", script, TALLY_VAR_DIR=str(tmp_path), TALLY_TASK_SOFT_TIME_LIMIT="0",
                    TALLY_TASK_TIME_LIMIT="5", TALLY_WORKER_MAX_MEMORY_MB="300", TALLY_MAX_CLAIMS_PER_ARTICLE="10",
                    TALLY_PROCESSING_ATTEMPTS="2")
    assert chosen.stdout.splitlines()[-1].split() == ["None", "5", "307200", "10", "2"], chosen.stderr
