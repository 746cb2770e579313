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
from dataclasses import dataclass

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


def _refuse_private(request: httpx.Request) -> None:
    """Refuse a request (or a redirect hop) to a loopback, private or link-local address.

    A URL submitted by a user must not make the server read its own network (SSRF). Checked on
    every hop because a public page may redirect inward.
    """
    host = request.url.host
    try:
        infos = socket.getaddrinfo(host, request.url.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise FetchError(FetchError.NETWORK, f"cannot resolve {host}: {error}", url=str(request.url)) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(FetchError.REFUSED, f"{host} is a non-public address ({address})", url=str(request.url))


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
    hooks = {} if settings.TALLY_FETCH_ALLOW_PRIVATE_ADDRESSES else {"request": [_refuse_private]}
    deadline = time.monotonic() + timeout
    try:
        with httpx.Client(
            follow_redirects=True, max_redirects=max_redirects, timeout=httpx.Timeout(timeout),
            headers=headers, event_hooks=hooks,  # type: ignore[arg-type]
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
