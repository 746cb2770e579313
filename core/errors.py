"""The one base of the project's domain errors.

A service refuses what a caller asked with a subclass of `ApplicationError`; the API answers it in
its one error shape (core.api) with the subclass's `status` and `code`, the message, and the input
field at fault when there is one. Anything else that escapes a view is a bug: a 500.
"""

from __future__ import annotations


class ApplicationError(Exception):
    """A refusal with a message for whoever asked: `status` is the HTTP status the API answers
    (400 by default), `code` the error code of its body, `field` the input field at fault or None."""

    status: int = 400
    code: str = "invalid"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
