"""Reads every app shares: whether the services the project depends on answer."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection


def _database_status() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "unreachable", reported as such
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}
    return {"ok": True, "vendor": connection.vendor}


def _broker_status() -> dict[str, Any]:
    if not settings.REDIS_URL:
        return {"ok": True, "mode": "in-process"}
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}
    return {"ok": True, "mode": "redis"}


def health_check() -> dict[str, Any]:
    database = _database_status()
    broker = _broker_status()
    failed = [name for name, part in (("database", database), ("broker", broker)) if not part["ok"]]
    return {
        "status": "ok" if not failed else "unavailable",
        "failed": failed,
        "database": database,
        "broker": broker,
    }
