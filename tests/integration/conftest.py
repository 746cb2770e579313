"""Real worker processes against the real PostgreSQL and Redis.

These tests run where DATABASE_URL names PostgreSQL and REDIS_URL names Redis (as `.ci/run` sets
them); on the embedded default they are skipped, since an SQLite file and an in-memory broker
cannot be shared with another process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from tests.conftest import REPO_ROOT


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(predicate: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


class Workers:
    """Starts and stops `celery worker` processes pointed at the test database."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []

    def start(self, name: str = "w1") -> subprocess.Popen:
        log = self.log_dir / f"{name}.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
            "CONN_MAX_AGE": "0",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--without-gossip",
             "--without-mingle", "--without-heartbeat", "-n", f"{name}@%h", "--loglevel=INFO"],
            cwd=REPO_ROOT, env=environment, stdout=log.open("w"), stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        wait_for(lambda: "ready." in log.read_text(errors="replace") or process.poll() is not None,
                 timeout=60, what=f"worker {name} to be ready")
        if process.poll() is not None:
            raise AssertionError(f"worker {name} exited:\n{log.read_text(errors='replace')}")
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(transactional_db, tmp_path) -> Iterator[Workers]:
    """Switch task sending to the real broker, empty this run's queue, stop the workers at the end."""
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs DATABASE_URL on PostgreSQL and REDIS_URL (as .ci/run sets them)")
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = settings.REDIS_URL
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)
    pool = Workers(tmp_path)
    try:
        yield pool
    finally:
        pool.stop_all()
        celery_app.conf.task_always_eager = True
