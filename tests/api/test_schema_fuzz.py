"""schemathesis against the live OpenAPI schema: no 500 and no response that breaks the schema.

Every operation is called as an admin (who may do everything, so the fuzzer reaches the services)
over a small world of rows, with a bounded number of examples per operation so that the whole run
stays within a couple of minutes on two cores. Both generation modes run: valid inputs
(positive) and inputs that break the schema (negative), which must be refused with a 4xx.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from rest_framework.renderers import JSONRenderer
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.api.conftest import World, make_user, published_review

EXAMPLES_PER_OPERATION = 25
_auth: dict[str, str] = {}




def live_schema() -> dict[str, Any]:
    """The document /api/v1/schema/ serves, built in-process: fetching it over WSGI at collection
    time would open a request transaction, and the database is not open to tests yet."""
    document = SchemaGenerator(patterns=None).get_schema(request=None, public=True)
    return json.loads(JSONRenderer().render(document))


# Built once at collection (Django is set up by then): one test per operation.
schema = schemathesis.openapi.from_dict(live_schema())
schema.app = get_wsgi_application()
schema.config.generation.update(max_examples=EXAMPLES_PER_OPERATION)


@pytest.fixture
def _connections_kept() -> Iterator[None]:
    """The WSGI app closes database connections when a request ends; inside a test that would
    close the test's own transaction. Django's test client switches this off the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_world(db: None, world: World, settings: Any, _connections_kept: None) -> None:
    # Throttling would turn the fuzzer's writes into 429s and hide what lies behind them.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"write": None}}
    ada = make_user("fuzz-admin", "admin")
    edna = make_user("fuzz-editor", "editor")
    published_review(world.claims[2], reviewer=ada, editor=edna)
    _auth["Authorization"] = f"Token {Token.objects.create(user=ada).key}"


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_never_fails_and_matches_its_schema(case: Any, fuzz_world: None) -> None:
    response = case.call(headers=_auth)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
