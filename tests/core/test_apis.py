"""/healthz reports the database and the broker."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["failed"] == []
    assert body["database"] == {"ok": True, "vendor": connection.vendor}


@pytest.mark.django_db
def test_healthz_names_an_unreachable_broker(client, settings):
    # given a broker URL where nothing listens (port 9 is discard; nothing serves Redis there)
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    # when
    response = client.get("/healthz")
    # then
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["broker"]
    assert body["broker"]["ok"] is False and "ConnectionError" in body["broker"]["error"]
    assert body["database"]["ok"] is True


@pytest.mark.django_db
def test_healthz_names_an_unreachable_database(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("server closed the connection")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
