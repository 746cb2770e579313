"""docker-compose.yml describes the deployment; no Docker engine runs here, so check it statically."""

from __future__ import annotations

import importlib
import re
import shutil
import urllib.parse
import urllib.request
from typing import Any

import pytest
import yaml

from config.settings.base import env_list
from tests.conftest import REPO_ROOT

APP_SERVICES = ("web", "worker", "beat")


def load_compose() -> dict:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_has_the_deployment_services():
    services = load_compose()["services"]
    assert set(services) == {"postgres", "redis", "migrate", "web", "worker", "beat"}
    for name in ("migrate", *APP_SERVICES):
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


def test_migrations_run_once_before_the_app_starts():
    services = load_compose()["services"]
    migrate = services["migrate"]
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in APP_SERVICES:
        assert services[name]["depends_on"] == {"postgres": {"condition": "service_healthy"},
                                                "redis": {"condition": "service_healthy"},
                                                "migrate": {"condition": "service_completed_successfully"}}


def interpolate(value: str, environ: dict[str, str]) -> str:
    """Compose's variable substitution, for the forms the file uses: ${NAME}, ${NAME:-default},
    ${NAME:?message} (an unset or empty variable is an error)."""

    def substitute(match: re.Match[str]) -> str:
        name, operator, operand = match.groups()
        current = environ.get(name, "")
        if operator == ":?" and not current:
            raise ValueError(operand)
        return current or (operand if operator == ":-" else "")

    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", substitute, value)


@pytest.mark.django_db
@pytest.mark.parametrize("configured", [None, "tally.example,www.tally.example"])
def test_the_web_healthcheck_is_answered_200(configured: str | None, client: Any, settings: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The healthcheck's own code, run with urlopen capturing its request, sends a Host that the
    web container's ALLOWED_HOSTS holds, whether DJANGO_ALLOWED_HOSTS is left to its default or
    set; that request, sent to the app, is answered 200."""
    # given: the web container's ALLOWED_HOSTS, read as the settings read it
    web = load_compose()["services"]["web"]
    environ = {"DJANGO_SECRET_KEY": "set", **({"DJANGO_ALLOWED_HOSTS": configured} if configured else {})}
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", interpolate(web["environment"]["DJANGO_ALLOWED_HOSTS"], environ))
    settings.ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")
    # when: the healthcheck runs
    command = web["healthcheck"]["test"]
    assert command[:3] == ["CMD", "python", "-c"]
    sent: list[Any] = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda request, *args, **kwargs: sent.append(request))
    exec(command[3], {})  # noqa: S102 - the file's own check
    # then
    request = sent[0] if isinstance(sent[0], urllib.request.Request) else urllib.request.Request(sent[0])
    url = urllib.parse.urlsplit(request.full_url)
    assert url.netloc == "127.0.0.1:8000"
    response = client.get(url.path, HTTP_HOST=request.get_header("Host") or url.netloc)
    assert response.status_code == 200
