"""The API docs and the favicon are the app's own files: a page that loads from another host is
blank on a machine without internet (the browser test loads them with every other host refused)."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(["']?([^"')]+)""")


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_docs_pages_load_nothing_from_another_host(client, url):  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    addresses = [a or b for a, b in ADDRESS.findall(response.text)]
    assert addresses and all(address.startswith("/") and not address.startswith("//") for address in addresses), \
        addresses
    for address in addresses:
        if address.startswith("/static/"):
            assert finders.find(address.removeprefix("/static/")), address


def test_the_favicon_is_served(client):  # type: ignore[no-untyped-def]
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/claims/favicon.svg")
    assert finders.find("claims/favicon.svg")
    assert '<link rel="icon" href="/static/claims/favicon.svg"' in client.get("/accounts/login/").text
