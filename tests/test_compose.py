"""docker-compose.yml describes the deployment; no Docker engine runs here, so check it statically."""

from __future__ import annotations

import importlib
import shutil

import yaml

from tests.conftest import REPO_ROOT


def load_compose() -> dict:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_has_the_deployment_services():
    services = load_compose()["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["DJANGO_ENV"] == "production"
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://")


def test_every_app_command_names_a_module_that_exists():
    services = load_compose()["services"]
    web = services["web"]["command"]
    assert web[0] == "gunicorn"
    module, attribute = web[1].split(":")
    assert callable(getattr(importlib.import_module(module), attribute))
    for name in ("worker", "beat"):
        command = services[name]["command"]
        assert command[0] == "celery" and command[1] == "-A"
        app = importlib.import_module(command[2]).celery_app
        assert command[3] in {"worker", "beat"}
        assert app.main == "tally"
    for name in ("web", "worker", "beat"):
        assert shutil.which(services[name]["command"][0]) or (REPO_ROOT / ".venv/bin" / services[name]["command"][0]).exists()
