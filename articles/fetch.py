"""Fetching pages and feeds over HTTP: the one place Tally talks to the web.

Every request has a total deadline, a size cap, a redirect limit and, for feeds, conditional
headers (ETag / Last-Modified), so that one slow, huge or looping server costs a bounded amount of
time and memory and never holds up the others. Settings: TALLY_FETCH_TIMEOUT_SECONDS,
TALLY_FETCH_MAX_BYTES, TALLY_FETCH_MAX_REDIRECTS, TALLY_FETCH_USER_AGENT and
TALLY_FETCH_ALLOW_PRIVATE_ADDRESSES.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass

import httpcore
import httpx
from django.conf import settings


class FetchError(Exception):
    """A fetch that failed; `kind` is one of the class constants, for reports and tests."""

    TIMEOUT = "timeout"
    TOO_LARGE = "too_large"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    HTTP_STATUS = "http_status"
    NETWORK = "network"
    REFUSED = "refused"

    def __init__(self, kind: str, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.url = url
        self.status = status

    def __str__(self) -> str:
        return f"{self.kind}: {self.message} ({self.url})"


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str  # after redirects
    status: int
    content: bytes
    content_type: str
    etag: str
    last_modified: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Refused(Exception):
    """Raised from inside the connection pool; fetch() turns it into a FetchError for the hop."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Every address `host` resolves to, in the resolver's order (an address literal is itself)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise _Refused(FetchError.NETWORK, f"cannot resolve {host}: {error}") from None
    addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))
    if not addresses:
        raise _Refused(FetchError.NETWORK, f"{host} has no address")
    return addresses


class _VettedBackend(httpcore.NetworkBackend):
    """Opens each connection to an address it resolved and checked itself.

    A URL submitted by a user must not make the server read its own network (SSRF): loopback,
    private and link-local addresses are refused, on every hop since a public page may redirect
    inward. Checking a host's addresses and then letting the socket layer resolve it again to
    connect is open to DNS rebinding: a name server answering with a zero TTL gives a public
    address to the check and 127.0.0.1 to the connection. Here the name is resolved once, every
    address is checked (unless TALLY_FETCH_ALLOW_PRIVATE_ADDRESSES), and the socket connects to
    those addresses only. httpcore asks for a connection per origin, so each redirect hop to
    another host comes here too; the Host header and the TLS server name (SNI, and so the
    certificate check) stay the URL's host, which httpcore takes from the request, not from here.
    """

    def __init__(self, *, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _resolve(host, port)
        if not self._allow_private:
            # Any non-public answer refuses the host: a client trying the addresses in turn
            # would reach it as soon as the public ones fail.
            for address in addresses:
                if not address.is_global:
                    raise _Refused(FetchError.REFUSED, f"{host} is a non-public address ({address})")
        # The addresses in turn, as socket.create_connection tries them (an IPv6 answer on a host
        # without IPv6 fails at once); the last one's failure is the error.
        for address in addresses[:-1]:
            try:
                return self._connect(str(address), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                continue
        return self._connect(str(addresses[-1]), port, timeout, local_address, socket_options)

    def _connect(self, address: str, port: int, timeout: float | None, local_address: str | None,
                 socket_options: Iterable[httpcore.SOCKET_OPTION] | None) -> httpcore.NetworkStream:
        return self._sockets.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                         socket_options=socket_options)

    def sleep(self, seconds: float) -> None:
        self._sockets.sleep(seconds)


class _VettedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose connections come from _VettedBackend."""

    def __init__(self, *, allow_private: bool) -> None:
        ssl_context = httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=ssl_context, trust_env=False)
        # httpx (0.28) has no parameter for a network backend; HTTPTransport sends every request
        # through `_pool`, which is replaced by one built the same way with the backend.
        self._pool = httpcore.ConnectionPool(ssl_context=ssl_context,
                                             network_backend=_VettedBackend(allow_private=allow_private))


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    accept: str = "*/*",
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int | None = None,
) -> FetchResult:
    """GET `url`, following at most `max_redirects` redirects, within `timeout` seconds in all,
    reading at most `max_bytes` bytes of body. A 304 answer to a conditional request is a result
    (`not_modified`), any other status outside 2xx a FetchError.
    """
    timeout = float(timeout if timeout is not None else settings.TALLY_FETCH_TIMEOUT_SECONDS)
    max_bytes = max_bytes if max_bytes is not None else settings.TALLY_FETCH_MAX_BYTES
    max_redirects = max_redirects if max_redirects is not None else settings.TALLY_FETCH_MAX_REDIRECTS
    headers = {"User-Agent": settings.TALLY_FETCH_USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    hops: list[str] = []  # each request's URL, to name the one that failed
    deadline = time.monotonic() + timeout
    try:
        # trust_env=False: a proxy named by the environment would connect to an address of its
        # own choosing, past the check.
        with httpx.Client(
            transport=_VettedTransport(allow_private=settings.TALLY_FETCH_ALLOW_PRIVATE_ADDRESSES),
            trust_env=False, follow_redirects=True, max_redirects=max_redirects, timeout=httpx.Timeout(timeout),
            headers=headers, event_hooks={"request": [lambda request: hops.append(str(request.url))]},
        ) as client, client.stream("GET", url) as response:
            final_url = str(response.url)
            if response.status_code == 304:
                return FetchResult(final_url, 304, b"", "", response.headers.get("etag", etag),
                                   response.headers.get("last-modified", last_modified))
            if not response.is_success:
                raise FetchError(FetchError.HTTP_STATUS, f"HTTP {response.status_code}", url=final_url,
                                 status=response.status_code)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(FetchError.TOO_LARGE, f"{int(declared):,} bytes declared, over the cap of "
                                 f"{max_bytes:,}", url=final_url)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_raw():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(FetchError.TOO_LARGE, f"over the cap of {max_bytes:,} bytes", url=final_url)
                # httpx's timeouts bound each read, not the whole: a server trickling a byte a
                # second would never trip them.
                if time.monotonic() > deadline:
                    raise FetchError(FetchError.TIMEOUT, f"no complete answer within {timeout:g} s", url=final_url)
                chunks.append(chunk)
            content = b"".join(chunks)
            encoding = response.headers.get("content-encoding", "")
            if encoding and encoding != "identity":
                # Read raw so the cap applies to bytes on the wire; decode (and cap again) here.
                content = _decode_content(content, encoding, max_bytes, final_url)
            return FetchResult(
                final_url, response.status_code, content, response.headers.get("content-type", ""),
                response.headers.get("etag", ""), response.headers.get("last-modified", ""),
            )
    except _Refused as refusal:
        raise FetchError(refusal.kind, refusal.message, url=hops[-1] if hops else url) from None
    except httpx.TooManyRedirects:
        raise FetchError(FetchError.TOO_MANY_REDIRECTS, f"more than {max_redirects} redirects", url=url) from None
    except httpx.TimeoutException:
        raise FetchError(FetchError.TIMEOUT, f"no answer within {timeout:g} s", url=url) from None
    except httpx.HTTPError as error:
        raise FetchError(FetchError.NETWORK, f"{type(error).__name__}: {error}", url=url) from None


def _decode_content(content: bytes, encoding: str, max_bytes: int, url: str) -> bytes:
    import zlib

    if encoding not in {"gzip", "deflate", "x-gzip"}:
        raise FetchError(FetchError.NETWORK, f"unsupported content-encoding {encoding!r}", url=url)
    wbits = 16 + zlib.MAX_WBITS if encoding in {"gzip", "x-gzip"} else zlib.MAX_WBITS
    decompressor = zlib.decompressobj(wbits)
    try:
        # max_length stops a small compressed bomb from expanding past the cap.
        data = decompressor.decompress(content, max_bytes + 1)
    except zlib.error as error:
        raise FetchError(FetchError.NETWORK, f"corrupt {encoding} body: {error}", url=url) from None
    if len(data) > max_bytes:
        raise FetchError(FetchError.TOO_LARGE, f"over the cap of {max_bytes:,} bytes once decompressed", url=url)
    return data
