"""The fetch layer against a local server: each failure is bounded and named."""

from __future__ import annotations

import contextlib
import gzip
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from typing import Any

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


# --- DNS rebinding: the connection goes to the address that was checked ----------------------

PUBLIC = "93.184.216.34"  # a global address; never dialled for real, the fake network routes it
_getaddrinfo = socket.getaddrinfo
_create_connection = socket.create_connection


class FakeNetwork:
    """The outside world for the rebinding tests. Its DNS answers a name differently from one
    lookup to the next (each name's answers in turn, the last one repeating), as an attacker's
    name server with a zero TTL does; its routing takes PUBLIC to a local server standing in for
    the public site. Every other address is dialled for real, so a connection that follows a later
    answer (127.0.0.1) reaches the internal server."""

    def __init__(self, public_port: int) -> None:
        self.answers: dict[str, list[str]] = {}
        self.public_port = public_port
        self.dialled: list[str] = []

    def getaddrinfo(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in self.answers:
            return _getaddrinfo(host, port, *args, **kwargs)
        queue = self.answers[host]
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    def create_connection(self, address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        host, port = address
        resolved = self.getaddrinfo(host, port)[0][4][0]  # the stdlib's create_connection resolves too
        self.dialled.append(resolved)
        target = ("127.0.0.1", self.public_port) if resolved == PUBLIC else (resolved, port)
        return _create_connection(target, *args, **kwargs)


@pytest.fixture
def public_site() -> Iterator[LocalWeb]:
    with LocalWeb() as server:
        yield server


@pytest.fixture
def network(public_site: LocalWeb, monkeypatch: pytest.MonkeyPatch, settings: Any) -> FakeNetwork:
    settings.TALLY_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    fake = FakeNetwork(public_site.server.server_address[1])
    monkeypatch.setattr(socket, "getaddrinfo", fake.getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", fake.create_connection)
    return fake


def test_a_host_that_resolves_elsewhere_the_second_time_is_reached_at_the_checked_address(
        web: LocalWeb, public_site: LocalWeb, network: FakeNetwork) -> None:
    """The address checked is the address connected to: a second lookup that would answer
    127.0.0.1 is never made, and the Host header still names the URL's host."""
    # given: news.example answers a public address, then 127.0.0.1, where `web` is the internal server
    port = web.server.server_address[1]
    public_site.add("/page", body=b"public page")
    web.add("/page", body=b"internal secret")
    network.answers["news.example"] = [PUBLIC, "127.0.0.1"]
    # when
    result = fetch(f"http://news.example:{port}/page")
    # then
    assert result.content == b"public page"
    assert network.dialled == [PUBLIC]
    assert web.hits == []
    assert public_site.hits_for("/page")[0].headers["host"] == f"news.example:{port}"


def test_each_redirect_hop_is_reached_at_its_checked_address(
        web: LocalWeb, public_site: LocalWeb, network: FakeNetwork) -> None:
    # given: the public page redirects to a host whose second answer is 127.0.0.1
    port = web.server.server_address[1]
    public_site.add("/start", redirect=f"http://cdn.example:{port}/page")
    public_site.add("/page", body=b"public page")
    web.add("/page", body=b"internal secret")
    network.answers["news.example"] = [PUBLIC]
    network.answers["cdn.example"] = [PUBLIC, "127.0.0.1"]
    # when
    result = fetch(f"http://news.example:{port}/start")
    # then
    assert (result.url, result.content) == (f"http://cdn.example:{port}/page", b"public page")
    assert network.dialled == [PUBLIC, PUBLIC]
    assert web.hits == []
    assert [hit.headers["host"] for hit in public_site.hits] == [f"news.example:{port}", f"cdn.example:{port}"]


def test_a_redirect_to_an_internal_address_is_refused_before_connecting(
        web: LocalWeb, public_site: LocalWeb, network: FakeNetwork) -> None:
    # given
    port = web.server.server_address[1]
    public_site.add("/start", redirect=f"http://127.0.0.1:{port}/page")
    web.add("/page", body=b"internal secret")
    network.answers["news.example"] = [PUBLIC]
    # when
    with pytest.raises(FetchError) as caught:
        fetch(f"http://news.example:{port}/start")
    # then
    assert (caught.value.kind, caught.value.url) == (FetchError.REFUSED, f"http://127.0.0.1:{port}/page")
    assert network.dialled == [PUBLIC]
    assert web.hits == []


def test_tls_names_the_urls_host_while_connecting_to_the_checked_address(
        web: LocalWeb, network: FakeNetwork) -> None:
    """SNI (and so the certificate check) is the URL's host, not the address dialled."""
    # given: a TLS listener standing in for the public site, which records the name the client asks for
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.sni_callback = lambda connection, name, _context: names.append(name)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    network.public_port = listener.getsockname()[1]

    def handshake() -> None:
        with contextlib.suppress(OSError):  # ssl.SSLError is one
            connection, _ = listener.accept()
            with connection:
                # No certificate: the handshake fails once the client has said which host it wants.
                context.wrap_socket(connection, server_side=True)

    thread = threading.Thread(target=handshake, daemon=True)
    thread.start()
    network.answers["news.example"] = [PUBLIC, "127.0.0.1"]
    port = web.server.server_address[1]
    # when
    with listener, pytest.raises(FetchError) as caught:
        fetch(f"https://news.example:{port}/")
    thread.join(timeout=2)
    # then
    assert caught.value.kind == FetchError.NETWORK
    assert names == ["news.example"]
    assert network.dialled == [PUBLIC]
