"""The API's one error shape for the project's domain errors: any ApplicationError, by its status,
code and field, without core knowing the app that raised it."""

from __future__ import annotations

from core.api import api_exception_handler
from core.errors import ApplicationError


class FigureLocked(ApplicationError):
    status = 423
    code = "figure_locked"


def test_a_domain_error_is_answered_with_its_status_and_code():
    # when
    response = api_exception_handler(FigureLocked("The figure is locked by an editor."), {})
    # then
    assert (response.status_code, response.data) == (423, {
        "status": 423, "code": "figure_locked", "message": "The figure is locked by an editor.", "fields": {}})


def test_a_domain_error_about_a_field_is_a_400_naming_the_field():
    # when
    named = api_exception_handler(ApplicationError("must not be empty", field="title"), {})
    general = api_exception_handler(ApplicationError("nothing to ingest"), {})
    # then
    assert (named.status_code, named.data) == (400, {
        "status": 400, "code": "invalid", "message": "The input is not valid: title: must not be empty",
        "fields": {"title": ["must not be empty"]}})
    assert (general.status_code, general.data) == (400, {
        "status": 400, "code": "invalid", "message": "nothing to ingest", "fields": {}})


def test_anything_else_is_left_to_django_as_a_bug():
    assert api_exception_handler(ValueError("a bug"), {}) is None
