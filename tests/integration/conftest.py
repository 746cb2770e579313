"""Real worker processes against the real PostgreSQL and Redis.

These tests run where DATABASE_URL names PostgreSQL and REDIS_URL names Redis (as `.ci/run` sets
them); on the embedded default they are skipped, since an SQLite file and an in-memory broker
cannot be shared with another process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import kombu.pools
import pytest
import redis
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from tests.conftest import REPO_ROOT

# Celery's INFO lines for a task taken from the broker and for one that returned.
_RECEIVED = re.compile(r"Task (\S+)\[([0-9a-f-]+)\] received")
_SUCCEEDED = re.compile(r"Task (\S+)\[([0-9a-f-]+)\] succeeded")


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(predicate: Callable[[], bool], *, timeout: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def _state(pid: int) -> str:
    """The process's state letter from /proc (R running, S sleeping, T stopped...)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.rindex(")") + 2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_broker(url: str) -> None:
    """Send this process's tasks to `url`. The app keeps the connection and producer pools made
    for the URL it first used, so they are closed and forgotten (kombu's registry too)."""
    celery_app.conf.broker_url = url
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


class Workers:
    """Starts and stops `celery worker` and `celery beat` processes pointed at the test database."""

    def __init__(self, log_dir: Path, broker_url: str) -> None:
        self.log_dir = log_dir
        self.broker_url = broker_url
        self.processes: dict[str, subprocess.Popen] = {}

    def _environment(self, extra: dict[str, str] | None) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": self.broker_url,
            "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
            "CONN_MAX_AGE": "0",
            "PYTHONUNBUFFERED": "1",
            **(extra or {}),
        }

    def _spawn(self, name: str, arguments: list[str], env: dict[str, str] | None, ready: str) -> subprocess.Popen:
        log = self.log(name)
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", *arguments, "--loglevel=INFO"],
            cwd=REPO_ROOT, env=self._environment(env), stdout=log.open("w"), stderr=subprocess.STDOUT,
        )
        self.processes[name] = process
        wait_for(lambda: ready in self.log_text(name) or process.poll() is not None,
                 timeout=60, what=f"{name} to start")
        if process.poll() is not None:
            raise AssertionError(f"{name} exited:\n{self.log_text(name)}")
        return process

    def start(self, name: str = "w1", env: dict[str, str] | None = None, *, prefork: bool = False) -> subprocess.Popen:
        """A worker of the solo pool, or with `prefork` of one pool process: the pool that
        enforces time limits and whose process can die while the worker lives on."""
        pool = ["--pool=prefork", "--concurrency=1"] if prefork else ["--pool=solo"]
        return self._spawn(
            name,
            ["worker", *pool, "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{name}@%h"],
            env, ready="ready.",
        )

    def pool_processes(self, name: str) -> list[int]:
        """The pids of a prefork worker's pool processes."""
        parent = self.processes[name].pid
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:
                continue
            if int(text[text.rindex(")") + 2 :].split()[1]) == parent:
                found.append(int(stat.parent.name))
        return found

    def start_beat(self, name: str = "beat", env: dict[str, str] | None = None) -> subprocess.Popen:
        return self._spawn(
            name, ["beat", "--schedule", str(self.log_dir / f"{name}-schedule")], env, ready="beat: Starting",
        )

    def log(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"

    def log_text(self, name: str) -> str:
        return self.log(name).read_text(errors="replace")

    def received(self, name: str) -> list[str]:
        """Ids of the tasks this process took from the broker, in order."""
        return [match[1] for match in _RECEIVED.findall(self.log_text(name))]

    def in_flight(self, name: str) -> set[str]:
        """Ids of the tasks this process took and has not finished."""
        return set(self.received(name)) - {match[1] for match in _SUCCEEDED.findall(self.log_text(name))}

    def kill_mid_task(self, name: str, *, timeout: float = 30) -> set[str]:
        """SIGKILL the worker while it holds an unacknowledged task; returns that task's id.

        The worker is frozen with SIGSTOP before its log is read, so what the log says it holds is
        what it still holds when SIGKILL lands; if it holds nothing it is let go on and tried again.
        """
        process = self.processes[name]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process.send_signal(signal.SIGSTOP)
            wait_for(lambda: _state(process.pid) == "T", timeout=5, what=f"{name} to stop", interval=0.001)
            held = self.in_flight(name)
            if held:
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=10)
                return held
            process.send_signal(signal.SIGCONT)
            time.sleep(0.005)
        raise AssertionError(f"{name} never held a task in {timeout:.0f}s")

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _forget_unacknowledged(url: str, queue: str) -> None:
    """Drop this queue's messages that a worker killed in an earlier run left unacknowledged.

    kombu keeps them in the `unacked` hash (indexed by `unacked_index`) and a worker of this run
    would deliver them again, for articles of a database that no longer exists.
    """
    client = redis.Redis.from_url(url)
    for tag, entry in client.hgetall("unacked").items():
        _message, _exchange, routing_key = json.loads(entry)
        if routing_key == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


@pytest.fixture
def workers(transactional_db, tmp_path) -> Iterator[Workers]:
    """Switch task sending to the real broker, empty this run's queue, stop the workers at the end."""
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs DATABASE_URL on PostgreSQL and REDIS_URL (as .ci/run sets them)")
    celery_app.conf.task_always_eager = False
    use_broker(settings.REDIS_URL)
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)
    _forget_unacknowledged(settings.REDIS_URL, settings.CELERY_TASK_DEFAULT_QUEUE)
    pool = Workers(tmp_path, settings.REDIS_URL)
    try:
        yield pool
    finally:
        pool.stop_all()
        use_broker(settings.REDIS_URL)
        celery_app.conf.task_always_eager = True


class RedisServer:
    """A redis-server of the test's own, on a free port, that the test may stop and start again."""

    def __init__(self, log_dir: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = log_dir / "redis.log"
        self.process: subprocess.Popen | None = None

    def _ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no"],
            stdout=self.log_path.open("a"), stderr=subprocess.STDOUT,
        )
        wait_for(self._ping, timeout=10, what=f"redis-server on port {self.port}", interval=0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
        assert not self._ping()


@pytest.fixture
def own_redis(tmp_path) -> Iterator[RedisServer]:
    """A private Redis, so that a test can stop its broker without touching the machine's."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server on PATH to start a private broker")
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
