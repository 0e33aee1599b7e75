"""The HTTP layer of the online fallback: a geopy adapter with hard bounds.

geopy's own adapters give the server ``timeout`` seconds *per read*, read whatever
size of answer it sends and parse JSON of any depth: a server that trickles a byte
every two seconds held three names for 252 s with ``timeout=5``, a 300 MB answer took
a gigabyte of memory and a deeply nested one stopped the batch. :class:`BoundedAdapter`
(handed to geopy as its ``adapter_factory``) gives each request one deadline for
everything (connecting, sending, headers, body, redirects), refuses answers larger than
``max_bytes`` and parses JSON with bounded nesting
(:func:`incidentmap.text._bounded.load_json`).

It speaks plain :mod:`http.client`; proxies given by geopy (the system's by default)
are used, an HTTPS one through a ``CONNECT`` tunnel.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

from geopy.adapters import AdapterHTTPError, BaseSyncAdapter, _normalize_proxies
from geopy.exc import (
    GeocoderParseError,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)

from .text._bounded import JSONTooDeep, load_json

__all__ = ["DEFAULT_MAX_BYTES", "BoundedAdapter"]

#: Largest answer read from a geocoder (a Nominatim answer for one name is a few KB).
DEFAULT_MAX_BYTES = 2_000_000
_REDIRECTS = 3


class BoundedAdapter(BaseSyncAdapter):
    """A synchronous geopy adapter with a deadline per request and a size limit.

    Parameters
    ----------
    proxies, ssl_context
        As geopy passes them to every adapter.
    max_bytes
        Largest answer body accepted, in bytes.
    """

    def __init__(
        self,
        *,
        proxies: dict[str, str] | None,
        ssl_context: ssl.SSLContext | None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self.proxies = _normalize_proxies(proxies)
        self.ssl_context = ssl_context or ssl.create_default_context()
        self.max_bytes = max_bytes

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        """GET ``url`` and return its JSON, within ``timeout`` seconds in all."""
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return load_json(text)
        except (json.JSONDecodeError, JSONTooDeep) as exc:
            raise GeocoderParseError(f"could not read the answer as JSON: {exc}") from None

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        """GET ``url`` and return its text, within ``timeout`` seconds in all."""
        deadline = time.monotonic() + timeout
        for _ in range(_REDIRECTS + 1):
            status, answer_headers, body = self._fetch(url, deadline, headers)
            location = answer_headers.get("location")
            if status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            text = _decode(body, answer_headers)
            if status >= 400:
                raise AdapterHTTPError(
                    f"Non-successful status code {status}",
                    status_code=status,
                    headers=answer_headers,
                    text=text[:2000],
                )
            return text
        raise GeocoderServiceError(f"more than {_REDIRECTS} redirects")

    def _fetch(
        self, url: str, deadline: float, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(url)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise GeocoderTimedOut("Service timed out")
        conn = self._connection(parts.scheme, parts.netloc, remaining)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if self._proxied_http(parts.scheme):
            target = url  # a plain HTTP proxy is sent the whole URL
        watchdog: threading.Timer | None = None
        try:
            conn.connect()
            sock = conn.sock
            # one deadline for the whole exchange: the socket is shut when it passes,
            # which ends any read in progress however slowly the server trickles
            watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), _shut, (sock,))
            watchdog.daemon = True
            watchdog.start()
            conn.request("GET", target, headers=headers)
            response = conn.getresponse()
            answer_headers = {k.lower(): v for k, v in response.getheaders()}
            declared = answer_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise GeocoderServiceError(_too_large(self.max_bytes))
            body = bytearray()
            while chunk := response.read1(65536):
                body += chunk
                if len(body) > self.max_bytes:
                    raise GeocoderServiceError(_too_large(self.max_bytes))
            if time.monotonic() >= deadline:
                raise GeocoderTimedOut("Service timed out")
            return response.status, answer_headers, bytes(body)
        except (GeocoderServiceError, GeocoderTimedOut):
            raise
        except TimeoutError:
            raise GeocoderTimedOut("Service timed out") from None
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline:
                raise GeocoderTimedOut("Service timed out") from None
            if isinstance(exc, (ConnectionRefusedError, socket.gaierror)):
                raise GeocoderUnavailable(f"Service not available: {exc}") from None
            raise GeocoderServiceError(f"{type(exc).__name__}: {exc}") from None
        finally:
            if watchdog is not None:
                watchdog.cancel()
            conn.close()

    def _proxied_http(self, scheme: str) -> bool:
        return scheme == "http" and bool(self.proxies.get("http"))

    def _connection(self, scheme: str, netloc: str, timeout: float) -> http.client.HTTPConnection:
        proxy = self.proxies.get(scheme)
        if scheme == "https":
            if proxy:
                host = urlsplit(proxy).netloc
                conn = http.client.HTTPSConnection(host, timeout=timeout, context=self.ssl_context)
                conn.set_tunnel(netloc)
                return conn
            return http.client.HTTPSConnection(netloc, timeout=timeout, context=self.ssl_context)
        if scheme != "http":
            raise GeocoderServiceError(f"unsupported URL scheme {scheme!r}")
        return http.client.HTTPConnection(
            urlsplit(proxy).netloc if proxy else netloc, timeout=timeout
        )


def _shut(sock: socket.socket | None) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _too_large(limit: int) -> str:
    return f"the answer is larger than {limit:,} bytes"


def _decode(body: bytes, headers: dict[str, str]) -> str:
    charset = "utf-8"
    for part in headers.get("content-type", "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"'")
    try:
        return body.decode(charset)
    except (LookupError, UnicodeDecodeError) as exc:
        raise GeocoderParseError(f"could not decode the answer: {exc}") from None
