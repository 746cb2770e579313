"""Post/redirect/get for forms that fail too: a refused form is kept in the session and the browser
is sent back to the page, which shows it with its errors. A reload then asks for the page again and
never posts the form a second time.

The form's data and errors live in the session for one page view of the page they were sent back
to; any other page leaves them there, and the next failed form replaces them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms import Form
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect

SESSION_KEY = "desk_failed_form"


def redirect_with_errors(request: HttpRequest, *, form_id: str, form: Form, to: str) -> HttpResponse:
    """Keep `form` (bound to this POST, with its errors) for the page at `to`, and redirect there."""
    request.session[SESSION_KEY] = {
        "form": form_id, "path": to,
        "data": {name: request.POST.getlist(name) for name in request.POST if name != "csrfmiddlewaretoken"},
        "errors": {name: [str(message) for message in messages] for name, messages in form.errors.items()},
    }
    return redirect(to)


def failed_form(request: HttpRequest, form_id: str, build: Callable[[QueryDict], Form]) -> Form | None:
    """The form of `form_id` sent back to this page, rebuilt with its data and errors by `build`
    (called with the data); None when there is none. Taken out of the session: shown once."""
    stored: dict[str, Any] | None = request.session.get(SESSION_KEY)
    if not stored or stored.get("form") != form_id or stored.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    data = QueryDict(mutable=True)
    for name, values in stored["data"].items():
        data.setlist(name, values)
    form = build(data)
    form.full_clean()
    # The errors as they were, a service's included (the form alone would not find those again).
    form._errors = ErrorDict({name: ErrorList(messages) for name, messages in stored["errors"].items()})
    return form
