"""The fetch layer against a local server: each failure is bounded and named."""

from __future__ import annotations

import gzip
import time

import pytest

from articles.fetch import FetchError, fetch
from tests.articles.webserver import LocalWeb

pytestmark = pytest.mark.usefixtures("fast_fetch")


def test_a_page_is_fetched_with_its_validators(web: LocalWeb) -> None:
    # given
    url = web.add("/page", body=b"<p>hello</p>", etag='"v1"', last_modified="Sat, 09 Mar 2024 07:00:00 GMT")
    # when
    result = fetch(url)
    # then
    assert (result.status, result.content, result.etag, result.last_modified) == (
        200, b"<p>hello</p>", '"v1"', "Sat, 09 Mar 2024 07:00:00 GMT")
    assert result.not_modified is False
    assert web.hits_for("/page")[0].headers["user-agent"].startswith("Tally/")


def test_a_conditional_request_answered_304_is_not_modified(web: LocalWeb) -> None:
    # given
    url = web.add("/feed", body=b"<rss/>", etag='"abc"')
    # when
    result = fetch(url, etag='"abc"', last_modified="Sat, 09 Mar 2024 07:00:00 GMT")
    # then
    assert (result.status, result.not_modified, result.content, result.etag) == (304, True, b"", '"abc"')
    sent = web.hits_for("/feed")[0].headers
    assert (sent["if-none-match"], sent["if-modified-since"]) == ('"abc"', "Sat, 09 Mar 2024 07:00:00 GMT")


def test_a_slow_server_times_out(web: LocalWeb) -> None:
    # given: an answer that starts after 3 s, against a 0.5 s limit
    url = web.add("/slow", delay=3.0, body=b"late")
    # when
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(url)
    # then
    assert caught.value.kind == FetchError.TIMEOUT
    assert time.monotonic() - started < 2.0


def test_a_trickling_server_is_cut_at_the_total_deadline(web: LocalWeb) -> None:
    # given: 40 KiB at 1 KiB per 0.1 s: each read is quick, the whole takes 4 s
    url = web.add("/trickle", body=b"x" * 40 * 1024, trickle=0.1)
    # when
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(url)
    # then
    assert caught.value.kind == FetchError.TIMEOUT
    assert time.monotonic() - started < 2.0


def test_a_huge_page_is_refused_by_its_declared_length(web: LocalWeb) -> None:
    url = web.add("/huge", body=b"x" * 200_000)
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert caught.value.kind == FetchError.TOO_LARGE
    assert "200,000 bytes declared" in caught.value.message


def test_a_huge_page_without_length_is_cut_at_the_cap(web: LocalWeb) -> None:
    url = web.add("/huge-stream", body=b"x" * 200_000, send_length=False)
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert caught.value.kind == FetchError.TOO_LARGE
    assert caught.value.message == "over the cap of 50,000 bytes"


def test_a_compressed_bomb_is_cut_at_the_cap_once_decompressed(web: LocalWeb) -> None:
    # given: 10 MB of zeros, a few KiB on the wire
    packed = gzip.compress(b"\0" * 10_000_000)
    url = web.add("/bomb", body=packed, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert caught.value.kind == FetchError.TOO_LARGE


def test_gzip_is_decoded(web: LocalWeb) -> None:
    url = web.add("/gz", body=gzip.compress("Crues à Valmora".encode()), headers={"Content-Encoding": "gzip"})
    assert fetch(url).content == "Crues à Valmora".encode()


def test_a_redirect_loop_stops_at_the_limit(web: LocalWeb) -> None:
    web.add("/a", redirect="/b")
    web.add("/b", redirect="/a")
    with pytest.raises(FetchError) as caught:
        fetch(web.url("/a"))
    assert caught.value.kind == FetchError.TOO_MANY_REDIRECTS
    # the first request and three redirects followed, then refused
    assert len(web.hits) == 4


def test_a_redirect_is_followed_to_the_final_url(web: LocalWeb) -> None:
    web.add("/old", redirect="/new")
    web.add("/new", body=b"moved here")
    result = fetch(web.url("/old"))
    assert (result.url, result.content) == (web.url("/new"), b"moved here")


def test_an_error_status_is_a_failure(web: LocalWeb) -> None:
    web.add("/gone", status=410, body=b"gone")
    with pytest.raises(FetchError) as caught:
        fetch(web.url("/gone"))
    assert (caught.value.kind, caught.value.status, caught.value.message) == (FetchError.HTTP_STATUS, 410, "HTTP 410")


def test_nothing_listening_is_a_network_failure(web: LocalWeb) -> None:
    port = web.server.server_address[1]
    web.__exit__()
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{port}/")
    assert caught.value.kind == FetchError.NETWORK


def test_non_public_addresses_are_refused_when_not_allowed(web: LocalWeb, settings) -> None:  # type: ignore[no-untyped-def]
    # given: production's setting
    settings.TALLY_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    url = web.add("/internal", body=b"secret")
    # when
    with pytest.raises(FetchError) as caught:
        fetch(url)
    # then: refused before any request was sent
    assert caught.value.kind == FetchError.REFUSED
    assert web.hits == []
