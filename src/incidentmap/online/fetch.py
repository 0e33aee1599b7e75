"""Polite HTTP for articles and feeds: identified, spaced per host, bounded, cached.

:class:`Fetcher` GETs a URL the way a considerate crawler does:

* every request carries the ``User-Agent`` you give (say who you are and how to reach
  you);
* requests to one host are spaced by ``delay`` seconds (or the host's robots.txt
  ``Crawl-delay``, up to a minute);
* each request has one deadline for everything (connecting, headers, body, redirects),
  and answers over ``max_bytes`` are refused (the bounded client of
  :mod:`incidentmap._geocoder_http`);
* robots.txt is read once per host (:mod:`urllib.robotparser`) and a URL it disallows
  for your user agent is not fetched;
* good answers are kept in an SQLite file in ``cache_dir`` for ``max_age`` seconds, so
  a rerun does not ask again.

A URL that cannot be fetched raises :class:`~incidentmap.errors.FetchError` naming it
and why (the callers report it and go on).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from .._geocoder_http import BoundedAdapter
from ..errors import FetchError, InputError

__all__ = ["DEFAULT_USER_AGENT", "Fetcher", "Page"]

log = logging.getLogger("incidentmap.online")

#: Sent when you give no ``--user-agent`` (please give one naming you).
DEFAULT_USER_AGENT = "incidentmap (+https://github.com/incidentmap/incidentmap)"
_REDIRECTS = 5
_MAX_CRAWL_DELAY = 60.0


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched answer: the final URL (after redirects), its type and its bytes."""

    url: str
    content_type: str
    body: bytes
    cached: bool = False


class _Cache:
    """Good answers by URL in an SQLite file; a cache that fails is bypassed with a note."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.broken = False

    def _run(self, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        if self.broken:
            return []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, final_url TEXT, "
                    "content_type TEXT, body BLOB, fetched_at REAL)"
                )
                return db.execute(sql, params).fetchall()
            finally:
                db.close()
        except (OSError, sqlite3.Error) as exc:
            self.broken = True
            log.warning("page cache %s unusable (%s); pages are not cached", self.path, exc)
            return []

    def get(self, url: str, max_age: float) -> Page | None:
        rows = self._run(
            "SELECT final_url, content_type, body FROM pages WHERE url = ? AND fetched_at >= ?",
            (url, time.time() - max_age),
        )
        if not rows:
            return None
        final, kind, body = rows[0]
        assert isinstance(body, bytes)
        return Page(str(final), str(kind), body, cached=True)

    def put(self, url: str, page: Page) -> None:
        self._run(
            "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)",
            (url, page.url, page.content_type, page.body, time.time()),
        )


class _Client(BoundedAdapter):
    """The bounded HTTP client of the geocoder fallback, for pages: bytes, not JSON."""

    def get_page(self, url: str, *, timeout: float, headers: dict[str, str]) -> Page | int:
        """Return the page, or the HTTP status of an error answer."""
        deadline = time.monotonic() + timeout
        for _ in range(_REDIRECTS + 1):
            status, answer, body = self._fetch(url, deadline, headers)
            location = answer.get("location")
            if status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            if status >= 400:
                return status
            return Page(url, answer.get("content-type", ""), body)
        raise FetchError(f"more than {_REDIRECTS} redirects", source=url)


class Fetcher:
    """Fetch pages and feeds politely (see the module docstring).

    Parameters
    ----------
    user_agent
        Identifies you to the servers (and to their robots.txt rules).
    cache_dir
        Folder of the page cache (``pages.sqlite``); ``None``: no cache.
    timeout
        Seconds for one request, everything included.
    delay
        Seconds between two requests to one host.
    max_bytes
        Largest answer accepted.
    max_age
        Seconds a cached answer is used for.
    robots
        Honour robots.txt (only turn this off for your own servers).

    Examples
    --------
    >>> fetcher = Fetcher(user_agent="me@example.org", delay=0)
    >>> fetcher.get("ftp://example.org/a")
    Traceback (most recent call last):
    ...
    incidentmap.errors.FetchError: ftp://example.org/a: only http:// and https:// URLs can be \
fetched
    """

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        cache_dir: str | Path | None = None,
        timeout: float = 20.0,
        delay: float = 1.0,
        max_bytes: int = 10_000_000,
        max_age: float = 3600.0,
        robots: bool = True,
    ) -> None:
        if timeout <= 0 or delay < 0:
            raise InputError("the fetch timeout must be positive and the delay not negative")
        self.user_agent = user_agent or DEFAULT_USER_AGENT
        self.timeout = timeout
        self.delay = delay
        self.max_age = max_age
        self.robots = robots
        self.requests = 0
        self._client = _Client(proxies=None, ssl_context=None, max_bytes=max_bytes)
        self._cache = _Cache(Path(cache_dir) / "pages.sqlite") if cache_dir else None
        self._next: dict[str, float] = {}
        self._rules: dict[str, RobotFileParser | None] = {}
        self._unread: dict[str, str] = {}  # why a site's robots.txt could not be had
        self._host_delay: dict[str, float] = {}

    def _wait_turn(self, host: str) -> None:
        now = time.monotonic()
        ready = self._next.get(host, now)
        if ready > now:
            time.sleep(ready - now)
        self._next[host] = max(ready, now) + self._host_delay.get(host, self.delay)

    def _request(self, url: str, *, accept: str) -> Page | int:
        host = urlsplit(url).netloc.lower()
        self._wait_turn(host)
        self.requests += 1
        headers = {"User-Agent": self.user_agent, "Accept": accept}
        try:
            return self._client.get_page(url, timeout=self.timeout, headers=headers)
        except FetchError:
            raise
        except Exception as exc:  # geopy's timeout/unavailable/service errors, OSError
            kind = type(exc).__name__
            # the HTTP client is the geocoder's: its error names are no news to a reader
            why = str(exc).removeprefix("Service not available: ") or kind
            if "TimedOut" in kind:
                why = f"no complete answer within {self.timeout:g} s (timed out)"
            raise FetchError(f"cannot fetch: {why}", source=url) from None

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._rules:
            self._rules[root] = self._read_robots(root)
        rules = self._rules[root]
        return rules is None or rules.can_fetch(self.user_agent, url)

    def _read_robots(self, root: str) -> RobotFileParser | None:
        parser = RobotFileParser(f"{root}/robots.txt")
        cached = self._cache.get(f"{root}/robots.txt", self.max_age) if self._cache else None
        try:
            answer = cached or self._request(f"{root}/robots.txt", accept="text/plain")
        except FetchError as exc:
            log.warning("%s/robots.txt: %s; the host's pages are not fetched", root, exc.reason)
            self._unread[root] = f"the site's robots.txt could not be read ({exc.reason})"
            parser.disallow_all = True  # type: ignore[attr-defined]
            return parser
        if isinstance(answer, int):
            if answer in (401, 403):
                parser.disallow_all = True  # type: ignore[attr-defined]
                return parser
            if answer >= 500:
                log.warning(
                    "%s/robots.txt answered %d; the host's pages are not fetched", root, answer
                )
                self._unread[root] = f"the site's robots.txt answered HTTP {answer}"
                parser.disallow_all = True  # type: ignore[attr-defined]
                return parser
            return None  # no robots.txt: everything allowed
        if self._cache is not None and not answer.cached:
            self._cache.put(f"{root}/robots.txt", answer)
        parser.parse(answer.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.user_agent)
        if delay is not None:
            self._host_delay[urlsplit(root).netloc.lower()] = min(
                max(float(delay), self.delay), _MAX_CRAWL_DELAY
            )
        return parser

    def get(self, url: str) -> Page:
        """Return the page at ``url`` (from the cache when fresh).

        Raises
        ------
        FetchError
            If the URL is not http(s), robots.txt disallows it, the server answers an
            error status, or no complete answer came in time.
        """
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise FetchError("only http:// and https:// URLs can be fetched", source=url)
        if self._cache is not None:
            cached = self._cache.get(url, self.max_age)
            if cached is not None:
                return cached
        if self.robots and not self._allowed(url):
            parts = urlsplit(url)
            unread = self._unread.get(f"{parts.scheme}://{parts.netloc}")
            raise FetchError(
                f"not fetched: {unread}"
                if unread
                else f"robots.txt of the site disallows it for user agent {self.user_agent!r}",
                source=url,
            )
        answer = self._request(
            url,
            accept="text/html,application/xhtml+xml,application/rss+xml,"
            "application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
        )
        if isinstance(answer, int):
            raise FetchError(f"the server answered HTTP {answer}", source=url)
        if self._cache is not None:
            with contextlib.suppress(Exception):
                self._cache.put(url, answer)
        return answer
